//! `api4p-lint server`: a Language Server Protocol server on stdio, for the editors partners
//! write payloads in. It publishes the findings of every open `.json`, `.ndjson` and `.jsonl`
//! document, serves each fix as a quick fix (and all safe ones at once), hovers with the
//! spec's descriptions, and completes codes and property names.
//!
//! Two threads read and write the editor's stream (`transport`: a frame the server cannot use
//! is skipped or answered, never the end of the server); one serves the editor's messages
//! (the main loop here); one lints (`worker`), so a large document never holds up the
//! editor's other requests: edits are debounced, and a newer version of a document replaces
//! an older one still waiting to be linted. The server never writes a file and never opens a
//! connection: fixes are edits it sends the client.

mod actions;
mod cursor;
mod document;
mod hover;
mod position;
mod schema_help;
mod transport;
mod worker;

use std::collections::HashMap;
use std::error::Error;
use std::time::{Duration, Instant};

use crossbeam_channel::{select, Receiver};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeParams, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

use super::exit;
use document::{Documents, Done};
use position::Encoding;
use transport::Ended;

/// How long an edit waits for the next before the document is linted: typing is not
/// linted key by key.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// How often the open documents' configurations are looked at for changes the editor did not
/// report.
const CONFIGURATION_POLL: Duration = Duration::from_secs(2);

/// Runs the server on stdin and stdout until the client says `exit` or the stream ends.
pub fn run() -> u8 {
    let (connection, transport) = transport::stdio();
    let outcome = serve(&connection);
    drop(connection);
    let (ended, written) = transport.finish();
    match (outcome, ended, written) {
        (Ok(code), Some(Ended::Exit | Ended::End) | None, Ok(())) => code,
        // The reader said why on stderr.
        (_, Some(Ended::Broken), _) => exit::TROUBLE,
        // What failed may quote the client's message, so the document: never shown.
        _ => {
            say!(
                "error: api4p-lint server: the connection with the editor failed; its content \
                 is not shown"
            );
            exit::TROUBLE
        }
    }
}

/// The exit code when the client goes without `shutdown` first: the protocol's 1.
const EXIT_WITHOUT_SHUTDOWN: u8 = exit::FINDINGS;

/// Serves until the client says `exit` (0 after `shutdown`, 1 without it, as the protocol
/// says) or the stream ends (the same).
fn serve(connection: &Connection) -> Result<u8, Box<dyn Error + Send + Sync>> {
    let Some((id, params)) = initialize(connection)? else {
        return Ok(EXIT_WITHOUT_SHUTDOWN);
    };
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                actions::FIX_ALL.into(),
            ]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".to_owned(), ":".to_owned()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    // `initialized` follows; the main loop takes it as any notification it does not need.
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "api4p-lint", "version": env!("CARGO_PKG_VERSION")},
    });
    connection
        .sender
        .send(Message::Response(Response::new_ok(id, result)))?;
    let watch = params
        .capabilities
        .workspace
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let mut documents = Documents::new(encoding);
    #[allow(deprecated)] // `rootUri`: the one root of clients without workspace folders.
    let roots = match (&params.workspace_folders, &params.root_uri) {
        (Some(folders), _) => folders.iter().map(|f| f.uri.clone()).collect(),
        (None, Some(root)) => vec![root.clone()],
        (None, None) => Vec::new(),
    };
    documents.roots = roots.iter().filter_map(document::file_path).collect();
    let mut server = Server {
        connection,
        documents,
        worker: worker::Worker::start(),
        pending: HashMap::new(),
        shut_down: false,
        deferred: Vec::new(),
    };
    if watch {
        server.watch_configurations()?;
    }
    server.main_loop()
}

/// Waits for `initialize`: its id and parameters, or `None` when the client leaves first.
/// Other requests are answered that the server is not initialized yet; notifications are
/// dropped, as the protocol says.
fn initialize(
    connection: &Connection,
) -> Result<Option<(RequestId, InitializeParams)>, Box<dyn Error + Send + Sync>> {
    for message in &connection.receiver {
        match message {
            Message::Request(request) if request.method == "initialize" => {
                match serde_json::from_value(request.params) {
                    Ok(params) => return Ok(Some((request.id, params))),
                    Err(e) => send_error(
                        connection,
                        request.id,
                        lsp_server::ErrorCode::InvalidParams,
                        format!("invalid parameters for initialize: {e}"),
                    )?,
                }
            }
            Message::Request(request) => send_error(
                connection,
                request.id,
                lsp_server::ErrorCode::ServerNotInitialized,
                "api4p-lint: the server is not initialized yet".to_owned(),
            )?,
            Message::Notification(n) if n.method == "exit" => return Ok(None),
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    Ok(None)
}

fn send_error(
    connection: &Connection,
    id: RequestId,
    code: lsp_server::ErrorCode,
    message: String,
) -> Result<(), Box<dyn Error + Send + Sync>> {
    let response = Response::new_err(id, code as i32, message);
    connection.sender.send(Message::Response(response))?;
    Ok(())
}

struct Server<'c> {
    connection: &'c Connection,
    documents: Documents,
    worker: worker::Worker,
    /// Documents edited and not yet linted, with when to lint them.
    pending: HashMap<Uri, Instant>,
    /// Whether the client asked for `shutdown`: from then on, only `exit` is heard.
    shut_down: bool,
    /// Code actions that ask for "fix all" by name (fix on save) while the worker is still
    /// fixing their document: answered once it is done, or the document changed.
    deferred: Vec<Request>,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<u8, Box<dyn Error + Send + Sync>> {
        let results: Receiver<Done> = self.worker.results();
        let mut next_poll = Instant::now() + CONFIGURATION_POLL;
        loop {
            let wait = self
                .pending
                .values()
                .copied()
                .chain([next_poll])
                .min()
                .map_or(CONFIGURATION_POLL, |at| {
                    at.saturating_duration_since(Instant::now())
                });
            select! {
                recv(self.connection.receiver) -> message => {
                    // The stream ended: as an `exit`.
                    let Ok(message) = message else { return Ok(self.exit_code()) };
                    match message {
                        Message::Notification(notification) if notification.method == "exit" => {
                            return Ok(self.exit_code());
                        }
                        Message::Request(request) if self.shut_down => {
                            self.respond(Response::new_err(
                                request.id,
                                lsp_server::ErrorCode::InvalidRequest as i32,
                                "api4p-lint: the server is shut down".to_owned(),
                            ))?;
                        }
                        Message::Request(request) if request.method == "shutdown" => {
                            self.shut_down = true;
                            self.pending.clear();
                            self.respond(Response::new_ok(request.id, ()))?;
                        }
                        Message::Request(request) => self.request(request)?,
                        Message::Notification(_) if self.shut_down => {}
                        Message::Notification(notification) => self.notification(notification)?,
                        Message::Response(_) => {}
                    }
                }
                recv(results) -> done => {
                    // Nothing is published after `shutdown`.
                    match done.ok().filter(|_| !self.shut_down) {
                        Some(Done::Linted(linted)) => {
                            if let Some(params) = self.documents.linted(linted) {
                                self.publish(params)?;
                            }
                        }
                        Some(Done::FixedAll(fixed)) => self.documents.fixed_all(fixed),
                        None => {}
                    }
                }
                default(wait) => {}
            }
            if Instant::now() >= next_poll {
                next_poll = Instant::now() + CONFIGURATION_POLL;
                if !self.shut_down && self.documents.configurations_changed() {
                    self.configuration_changed();
                }
            }
            self.lint_due();
            for request in std::mem::take(&mut self.deferred) {
                self.request(request)?;
            }
        }
    }

    /// `exit`'s code: 0 after `shutdown`, else 1.
    fn exit_code(&self) -> u8 {
        if self.shut_down {
            exit::OK
        } else {
            EXIT_WITHOUT_SHUTDOWN
        }
    }

    /// Sends the documents whose debounce ran out to the worker.
    fn lint_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .pending
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.pending.remove(&uri);
            if let Some(job) = self.documents.job(&uri) {
                self.worker.lint(job);
            }
        }
        for problem in std::mem::take(&mut self.documents.problems) {
            let params = lsp_types::ShowMessageParams {
                typ: lsp_types::MessageType::WARNING,
                message: problem,
            };
            let notification = Notification::new(ShowMessage::METHOD.to_owned(), params);
            let _ = self
                .connection
                .sender
                .send(Message::Notification(notification));
        }
    }

    fn publish(
        &self,
        params: PublishDiagnosticsParams,
    ) -> Result<(), Box<dyn Error + Send + Sync>> {
        let notification = Notification::new(PublishDiagnostics::METHOD.to_owned(), params);
        self.connection
            .sender
            .send(Message::Notification(notification))?;
        Ok(())
    }

    fn request(&mut self, request: Request) -> Result<(), Box<dyn Error + Send + Sync>> {
        let id = request.id.clone();
        let method = request.method.clone();
        let result = match method.as_str() {
            CodeActionRequest::METHOD => match cast::<CodeActionRequest>(request.clone()) {
                Ok(params)
                    if actions::asks_fix_all(&params)
                        && self.documents.fixing(&params.text_document.uri) =>
                {
                    self.deferred.push(request);
                    return Ok(());
                }
                cast => {
                    cast.map(|params| to_value(actions::code_actions(&self.documents, &params)))
                }
            },
            HoverRequest::METHOD => cast::<HoverRequest>(request)
                .map(|params| to_value(hover::hover(&self.documents, &params))),
            Completion::METHOD => cast::<Completion>(request)
                .map(|params| to_value(hover::complete(&self.documents, &params))),
            _ => {
                return self.respond(Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("api4p-lint does not serve {method}"),
                ));
            }
        };
        // Parameters the protocol does not allow are the client's mistake: an error answer,
        // not the end of the server.
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err(why) => Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, why),
        };
        self.respond(response)
    }

    fn respond(&self, response: Response) -> Result<(), Box<dyn Error + Send + Sync>> {
        self.connection.sender.send(Message::Response(response))?;
        Ok(())
    }

    fn notification(
        &mut self,
        notification: Notification,
    ) -> Result<(), Box<dyn Error + Send + Sync>> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(params) = params::<lsp_types::DidOpenTextDocumentParams>(notification)
                else {
                    return Ok(());
                };
                let uri = params.text_document.uri.clone();
                if self.documents.open(params) {
                    if let Some(document) = self.documents.get(&uri) {
                        self.worker.opened(&uri, document.generation);
                    }
                    // Opened: linted at once. Its folder's configuration is looked at now, so
                    // that a change from here on is one.
                    self.pending.insert(uri, Instant::now());
                    if self.documents.configurations_changed() {
                        self.configuration_changed();
                    }
                }
            }
            DidChangeTextDocument::METHOD => {
                let Some(params) = params::<lsp_types::DidChangeTextDocumentParams>(notification)
                else {
                    return Ok(());
                };
                let uri = params.text_document.uri.clone();
                if self.documents.change(params) {
                    self.pending.insert(uri, Instant::now() + DEBOUNCE);
                }
            }
            DidCloseTextDocument::METHOD => {
                let Some(params) = params::<lsp_types::DidCloseTextDocumentParams>(notification)
                else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                self.pending.remove(&uri);
                self.worker.closed(&uri);
                if self.documents.close(&uri) {
                    self.publish(PublishDiagnosticsParams::new(uri, Vec::new(), None))?;
                }
            }
            DidSaveTextDocument::METHOD => {
                let Some(params) = params::<lsp_types::DidSaveTextDocumentParams>(notification)
                else {
                    return Ok(());
                };
                if document::is_configuration(&params.text_document.uri) {
                    self.configuration_changed();
                }
            }
            // Said by the reader: a frame too large to read opened or changed a document.
            transport::DROPPED_DOCUMENT => {
                let Some(params) = params::<lsp_types::TextDocumentIdentifier>(notification) else {
                    return Ok(());
                };
                self.pending.remove(&params.uri);
                self.documents.forget(&params.uri);
                self.publish(PublishDiagnosticsParams::new(params.uri, Vec::new(), None))?;
            }
            DidChangeWatchedFiles::METHOD => {
                let Some(params) = params::<lsp_types::DidChangeWatchedFilesParams>(notification)
                else {
                    return Ok(());
                };
                if params
                    .changes
                    .iter()
                    .any(|c| document::is_configuration(&c.uri))
                {
                    self.configuration_changed();
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// An `api4p-lint.toml` changed: read the configurations again, check every open
    /// document again.
    fn configuration_changed(&mut self) {
        self.documents.forget_configurations();
        let now = Instant::now();
        for uri in self.documents.uris() {
            self.pending.insert(uri, now);
        }
    }

    /// Asks the client to tell us when an `api4p-lint.toml` changes on disk.
    fn watch_configurations(&self) -> Result<(), Box<dyn Error + Send + Sync>> {
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String(format!(
                    "**/{}",
                    api4p_lint::config_file::FILE_NAME
                )),
                kind: None,
            }],
        };
        let registration = lsp_types::Registration {
            id: "api4p-lint-configuration".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: Some(serde_json::to_value(options)?),
        };
        let request = Request::new(
            RequestId::from("api4p-lint/watch".to_owned()),
            lsp_types::request::RegisterCapability::METHOD.to_owned(),
            lsp_types::RegistrationParams {
                registrations: vec![registration],
            },
        );
        self.connection.sender.send(Message::Request(request))?;
        Ok(())
    }
}

fn cast<R>(request: Request) -> Result<R::Params, String>
where
    R: lsp_types::request::Request,
    R::Params: serde::de::DeserializeOwned,
{
    request
        .extract(R::METHOD)
        .map(|(_, params)| params)
        .map_err(|e| format!("invalid parameters for {}: {e}", R::METHOD))
}

fn to_value(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// A notification's parameters, or `None` (ignored) when the client sent what the protocol
/// does not allow.
fn params<T: serde::de::DeserializeOwned>(notification: Notification) -> Option<T> {
    serde_json::from_value(notification.params).ok()
}

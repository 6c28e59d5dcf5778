//! `api4p-lint server` driven over stdio by a client written here: the protocol as an editor
//! speaks it (framing by lsp-server's own `Message`, as rust-analyzer's tests do), with the
//! exact ranges in both position encodings, code actions applied, hovers and completions.

mod common;

use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{json, Value};

use common::SEED;

/// How long a test waits for the server before failing (never reached by a working server;
/// a hang fails the test instead of blocking the suite).
const PATIENCE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Message>,
    next_id: i32,
    /// Notifications read while waiting for something else.
    seen: Vec<Notification>,
}

impl Client {
    fn start(capabilities: Value) -> (Self, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_api4p-lint"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(message)) = Message::read(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 0,
            seen: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&mut self, message: Message) {
        message.write(&mut self.stdin).expect("the server reads");
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.to_owned(),
            params,
        )));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.to_owned(),
            params,
        )));
        loop {
            match self
                .messages
                .recv_timeout(PATIENCE)
                .expect("a response in time")
            {
                Message::Response(response) if response.id == id => {
                    return match response.response_result {
                        Ok(result) => result,
                        Err(error) => panic!("{method}: {error:?}"),
                    };
                }
                Message::Notification(n) => self.seen.push(n),
                // The server's own requests (a watcher's registration): accepted.
                Message::Request(r) => self.send(Message::Response(lsp_server::Response::new_ok(
                    r.id,
                    Value::Null,
                ))),
                Message::Response(_) => {}
            }
        }
    }

    /// The next diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i32) -> Vec<Value> {
        loop {
            if let Some(i) = self.seen.iter().position(|n| {
                n.method == "textDocument/publishDiagnostics"
                    && n.params["uri"] == uri
                    && n.params["version"] == version
            }) {
                let n = self.seen.remove(i);
                return n.params["diagnostics"].as_array().unwrap().clone();
            }
            match self
                .messages
                .recv_timeout(PATIENCE)
                .expect("diagnostics in time")
            {
                Message::Notification(n) => self.seen.push(n),
                Message::Request(r) => self.send(Message::Response(lsp_server::Response::new_ok(
                    r.id,
                    Value::Null,
                ))),
                Message::Response(_) => {}
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

/// The seed with `"status": "WONN"` after non-ASCII characters on its line: `name` moved onto
/// the status line.
fn seed_with_typo() -> String {
    let text = SEED
        .replace("      \"name\": \"TEST-0813C\",\n", "")
        .replace(
            "      \"status\": \"WON\",",
            "      \"name\": \"Crème brûlée 😀\", \"status\": \"WONN\",",
        );
    assert!(text.contains("WONN"));
    text
}

/// Applies LSP text edits to `text`, positions counted in `utf16` or UTF-8 units (the
/// client's side of the contract, written independently of the server's).
fn apply(text: &str, edits: &[Value], utf16: bool) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character {
                return start + i;
            }
            units += if utf16 { c.len_utf16() } else { c.len_utf8() };
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

fn uri(dir: &tempfile::TempDir, name: &str) -> String {
    format!("file://{}/{name}", dir.path().display())
}

fn quick_fix_round_trip(capabilities: Value, encoding: &str, character: u64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, init) = Client::start(capabilities);
    assert_eq!(init["capabilities"]["positionEncoding"], encoding);
    let uri = uri(&dir, "seed.json");
    let text = seed_with_typo();
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "A4P101");
    assert_eq!(d["source"], "api4p-lint");
    assert_eq!(d["severity"], 1);
    // "      \"name\": \"Crème brûlée 😀\", \"status\": " is 43 UTF-16 units, 48 bytes.
    assert_eq!(
        d["range"],
        json!({"start": {"line": 13, "character": character}, "end": {"line": 13, "character": character + 6}})
    );
    assert!(d["message"].as_str().unwrap().starts_with(
        "invalid value \"WONN\" for `data.leadOpportunity.status`\nhelp: did you mean \"WON\""
    ));
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/api4p-lint/api4p-lint/blob/main/src/rules/schema/enum_value.rs"
    );

    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    assert_eq!(fix["title"], "Fix A4P101 (unsafe): replace with \"WON\"");
    assert_eq!(fix["isPreferred"], false, "a typo's fix is a judgement");
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits, &[json!({"range": d["range"], "newText": "\"WON\""})]);
    let fixed = apply(&text, edits, encoding == "utf-16");
    assert_eq!(fixed, text.replace("WONN", "WON"));
    client.change(&uri, 2, &fixed);
    assert_eq!(client.diagnostics(&uri, 2), Vec::<Value>::new());
    client.stop();
}

#[test]
fn a_quick_fix_in_utf16_positions() {
    quick_fix_round_trip(json!({}), "utf-16", 43);
}

#[test]
fn a_quick_fix_in_utf8_positions_when_offered() {
    quick_fix_round_trip(
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
        "utf-8",
        48,
    );
}

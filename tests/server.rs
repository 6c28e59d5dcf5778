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
    /// Responses to other requests read while waiting for one (a fix-all answered before
    /// the hover asked after it).
    answered: Vec<lsp_server::Response>,
}

impl Client {
    fn start(capabilities: Value) -> (Self, Value) {
        Self::start_at(capabilities, Value::Null)
    }

    /// Started in a workspace: `root_uri`, the folder of the project.
    fn start_at(capabilities: Value, root_uri: Value) -> (Self, Value) {
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
            answered: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "capabilities": capabilities}),
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
        match self.call(method, params) {
            Ok(result) => result,
            Err(error) => panic!("{method}: {error:?}"),
        }
    }

    /// A request's result, or the server's error answer.
    fn call(&mut self, method: &str, params: Value) -> Result<Value, lsp_server::ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.to_owned(),
            params,
        )));
        self.response(&id)
    }

    /// The answer to request `id`.
    fn response(&mut self, id: &RequestId) -> Result<Value, lsp_server::ResponseError> {
        if let Some(i) = self.answered.iter().position(|r| r.id == *id) {
            return self.answered.remove(i).response_result;
        }
        loop {
            match self
                .messages
                .recv_timeout(PATIENCE)
                .expect("a response in time")
            {
                Message::Response(response) if response.id == *id => {
                    return response.response_result;
                }
                Message::Notification(n) => self.seen.push(n),
                // The server's own requests (a watcher's registration): accepted.
                Message::Request(r) => self.send(Message::Response(lsp_server::Response::new_ok(
                    r.id,
                    Value::Null,
                ))),
                Message::Response(other) => self.answered.push(other),
            }
        }
    }

    /// Writes bytes as they are, framing or not.
    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("the server reads");
        self.stdin.flush().unwrap();
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
                Message::Response(other) => self.answered.push(other),
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

    // Asked from the start of the line, naming the diagnostic (as `vim.lsp.buf.code_action()`
    // does from the cursor): the same quick fix as from its exact range.
    let line_start =
        json!({"start": {"line": 13, "character": 0}, "end": {"line": 13, "character": 0}});
    let from_the_line = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": line_start, "context": {"diagnostics": [d]}}),
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    assert_eq!(from_the_line, actions);
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

#[test]
fn range_changes_apply_in_order_in_utf16_positions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "seed.json");
    let text = seed_with_typo();
    client.open(&uri, &text);
    assert_eq!(client.diagnostics(&uri, 1).len(), 1);
    // Line 13: `      "name": "Crème brûlée 😀", "status": "WONN",`; `"WONN"` at 43..49,
    // the emoji at 28..30 (UTF-16 units). Each change counts in the text the one before left.
    let change = |a: (u32, u32), b: (u32, u32), text: &str| json!({"range": {"start": {"line": a.0, "character": a.1}, "end": {"line": b.0, "character": b.1}}, "text": text});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            change((13, 44), (13, 48), "WO"),
            change((13, 46), (13, 46), "X"),
            change((13, 28), (13, 30), "🎉🎉"),
            // Past line 0's end (`{`) and past the text's end: clamped.
            change((0, 500), (0, 500), " "),
            change((9999, 0), (9999, 7), "\n"),
        ]}),
    );
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid value \"WOX\" for `data.leadOpportunity.status`"),
        "{:#}",
        diagnostics[0]
    );
    assert_eq!(
        diagnostics[0]["range"],
        json!({"start": {"line": 13, "character": 45}, "end": {"line": 13, "character": 50}})
    );
    // The fix's edit, applied to the text the changes made, gives a clean payload.
    let edited = format!(
        "{{ {}\n",
        &text[1..].replace("WONN", "WOX").replace('😀', "🎉🎉")
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostics[0]["range"], "context": {"diagnostics": diagnostics}}),
    );
    let fix = &actions[0]["edit"]["changes"][&uri];
    let fixed = apply(&edited, fix.as_array().unwrap(), true);
    assert_eq!(fixed, edited.replace("WOX", "WON"));
    client.change(&uri, 3, &fixed);
    assert_eq!(client.diagnostics(&uri, 3), Vec::<Value>::new());
    client.stop();
}

/// Writes the `api4p-lint.toml` of `dir` that maps `*.update.json` to update requests (their
/// shape alone could as well be a create request's).
fn map_update_requests(dir: &std::path::Path) {
    std::fs::write(
        dir.join("api4p-lint.toml"),
        "[kinds]\n\"*.update.json\" = \"update-request\"\n",
    )
    .unwrap();
}

/// A folder with an `api4p-lint.toml` that maps `*.update.json` to update requests.
fn mapped_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    map_update_requests(dir.path());
    dir
}

const UPDATE_LOWER_CASE: &str = "{\n  \"leadOpportunity\": {\n    \"partnerLeadOpportunityId\": \"CRM-1\",\n    \"status\": \"won\",\n    \"forecastCategory\": \"WON\"\n  },\n  \"offerLines\": [{\"offerNameId\": \"CATIA-3DEXP\", \"amount\": 10, \"revenueType\": \"upfront\"}]\n}\n";

#[test]
fn fix_all_applies_every_safe_fix_and_the_quick_fixes_are_preferred() {
    let dir = mapped_folder();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "lead.update.json");
    client.open(&uri, UPDATE_LOWER_CASE);
    let diagnostics = client.diagnostics(&uri, 1);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.iter().filter(|c| **c == "A4P101").count() == 2,
        "{diagnostics:#?}"
    );
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}});
    // Asked for the fix-all kind only (as an editor's fix-on-save does): no quick fix. Asked
    // first: the worker fixes after the lint, and a request naming fix-all waits for it.
    let only = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let kinds: Vec<&str> = only
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["source.fixAll.api4p-lint"]);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    let preferred: Vec<&str> = actions
        .iter()
        .filter(|a| a["isPreferred"] == true)
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        preferred,
        [
            "Fix A4P101: replace with \"WON\"",
            "Fix A4P101: replace with \"UPFRONT\""
        ]
    );
    let all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.api4p-lint")
        .expect("fix all");
    let fixed = apply(
        UPDATE_LOWER_CASE,
        all["edit"]["changes"][&uri].as_array().unwrap(),
        true,
    );
    assert_eq!(
        fixed,
        UPDATE_LOWER_CASE
            .replace("\"won\"", "\"WON\"")
            .replace("upfront", "UPFRONT")
    );
    client.change(&uri, 2, &fixed);
    assert_eq!(client.diagnostics(&uri, 2), Vec::<Value>::new());
    client.stop();
}

/// More findings of one rule than a report keeps (1,250 lower-case revenue types): fixing
/// them all once took minutes, on the main loop, at each code action. The worker fixes
/// now; a hover asked while fix-all is awaited is answered, and fix-all fixes every line.
#[test]
fn fix_all_of_more_findings_than_a_report_keeps_holds_up_no_hover() {
    let dir = mapped_folder();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "lead.update.json");
    let line = "{\"offerNameId\": \"X\", \"amount\": 10, \"revenueType\": \"upfront\"}";
    let text = format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\"}},\n\"offerLines\": [\n{}\n]}}\n",
        vec![line; 1_250].join(",\n")
    );
    client.open(&uri, &text);
    // A thousand published: the others are counted.
    assert_eq!(client.diagnostics(&uri, 1).len(), 1_000);
    client.next_id += 1;
    let fix_all = RequestId::from(client.next_id);
    let whole =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 1_253, "character": 0}});
    client.send(Message::Request(Request::new(
        fix_all.clone(),
        "textDocument/codeAction".to_owned(),
        json!({"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll.api4p-lint"]}}),
    )));
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 52}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|h| h.contains("A4P101")),
        "{hover:#}"
    );
    let actions = client.response(&fix_all).expect("fix all");
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(
        apply(&text, edits, true),
        text.replace("upfront", "UPFRONT")
    );
    client.stop();
}

#[test]
fn a_document_of_no_known_kind_gets_no_noise_until_it_is_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start_at(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        json!(format!("file://{}", dir.path().display())),
    );
    let package = uri(&dir, "package.json");
    client.open(&package, "{\"name\": \"x\", \"version\": \"1.0.0\"}");
    assert_eq!(client.diagnostics(&package, 1), Vec::<Value>::new());
    // Nor does a file `check` leaves out, even cut: a default exclude, a hidden folder.
    client.open(&package.replace("package", "tsconfig"), "{\"a\": ");
    assert_eq!(
        client.diagnostics(&package.replace("package", "tsconfig"), 1),
        Vec::<Value>::new()
    );
    std::fs::create_dir(dir.path().join(".vscode")).unwrap();
    let settings = uri(&dir, ".vscode/settings.json");
    client.open(&settings, "{\"a\": ");
    assert_eq!(client.diagnostics(&settings, 1), Vec::<Value>::new());
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": settings}}),
    );
    // A text that is not JSON is said at once, whatever its kind, as `check` says it.
    let broken = uri(&dir, "broken.json");
    client.open(&broken, "{\"data\": [1,, 2]}");
    let said = client.diagnostics(&broken, 1);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert_eq!(said[0]["code"], "A4P001");
    assert_eq!(
        said[0]["range"],
        json!({"start": {"line": 0, "character": 12}, "end": {"line": 0, "character": 13}})
    );
    // An update request's shape is also a create request's: not checked, but said once, as
    // information, with the way out...
    let update = uri(&dir, "lead.update.json");
    client.open(&update, UPDATE_LOWER_CASE);
    let ambiguous = client.diagnostics(&update, 1);
    assert_eq!(ambiguous.len(), 1, "{ambiguous:#?}");
    assert_eq!(ambiguous[0]["code"], "A4P004");
    assert_eq!(ambiguous[0]["severity"], 3, "information");
    // Every candidate, the one the file's name says first.
    assert!(
        ambiguous[0]["message"].as_str().unwrap().ends_with(
            "\nhelp: map the file to its kind in the `[kinds]` table of an api4p-lint.toml in \
             its folder or a parent: `\"lead.update.json\" = \"update-request\" or \
             \"create-request\"`"
        ),
        "{:#}",
        ambiguous[0]
    );
    // ...until the configuration maps it; saved, it re-checks the open documents.
    map_update_requests(dir.path());
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir, "api4p-lint.toml"), "type": 1}]}),
    );
    let diagnostics = client.diagnostics(&update, 1);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    client.stop();
}

#[test]
fn hover_tells_the_finding_the_member_and_the_codes_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "seed.json");
    client.open(&uri, SEED);
    assert_eq!(
        client.diagnostics(&uri, 1),
        Vec::<Value>::new(),
        "the seed is clean"
    );
    let hover = |client: &mut Client, line: u32, character: u32| {
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )["contents"]["value"]
            .as_str()
            .map(str::to_owned)
    };
    // Line 15 (0-based 14): `      "status": "WON",`, the cursor on WON.
    assert_eq!(
        hover(&mut client, 14, 18).unwrap(),
        "**status**: Status of the lead-opportunity (LEVERAGE Process).\n\none of: `LEAD_OPEN`, \
         `QUALIFIED`, `ACCEPTED`, `OPPY_OPEN`, `VALIDATED`, `ESTABLISHED`, `WON`, `LOST`\n\n\
         `WON`: Won opportunity"
    );
    // On the key.
    assert!(hover(&mut client, 15, 10)
        .unwrap()
        .starts_with("**forecastCategory**: Forecast Category: the Sales Expert's level"));
    // On a finding: its rule, message and help first.
    let typo = seed_with_typo();
    client.change(&uri, 2, &typo);
    assert_eq!(client.diagnostics(&uri, 2).len(), 1);
    let shown = hover(&mut client, 13, 45).unwrap();
    assert!(
        shown.starts_with("**A4P101 enum-value**: invalid value \"WONN\" for `data.leadOpportunity.status`\n\nhelp: did you mean \"WON\""),
        "{shown}"
    );
    assert!(
        shown.contains("---\n\n**status**: Status of the lead-opportunity"),
        "{shown}"
    );
    // Each line of the help a paragraph of its own (one line break is none in Markdown).
    let finding = shown.split("\n\n---\n\n").next().unwrap();
    assert_eq!(
        finding,
        "**A4P101 enum-value**: invalid value \"WONN\" for `data.leadOpportunity.status`\n\n\
         help: did you mean \"WON\" (Won opportunity)?\n\n\
         allowed values: LEAD_OPEN, QUALIFIED, ACCEPTED, OPPY_OPEN, VALIDATED, ESTABLISHED, WON, \
         LOST\n\n\
         Why it matters: DS answers HTTP 400 for a code \
         outside the list; partners often send their CRM's own label (`\"Won\"`, `\"upfront\"`) \
         instead of DS's code, or a code of the neighbouring list (the sub-line's `New License` \
         on the order line, whose code is `New`)."
    );
    // Outside the payload: nothing.
    assert_eq!(hover(&mut client, 500, 0), None);
    // A request's finding has a note of its own (HTTP 400): said instead of the rule's why,
    // not beside it.
    let dir = mapped_folder();
    let update = self::uri(&dir, "lead.update.json");
    client.open(&update, UPDATE_LOWER_CASE);
    client.diagnostics(&update, 1);
    let shown = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": update}, "position": {"line": 3, "character": 16}}),
    )["contents"]["value"]
        .as_str()
        .unwrap()
        .to_owned();
    let finding = shown.split("\n\n---\n\n").next().unwrap();
    assert!(
        finding.ends_with(
            "\n\nWhy it matters: DS rejects a code outside the spec's list with HTTP 400"
        ),
        "{finding}"
    );
    assert_eq!(finding.matches("HTTP 400").count(), 1, "{finding}");
    client.stop();
}

#[test]
fn completion_offers_the_codes_and_the_missing_properties_with_their_descriptions() {
    let dir = mapped_folder();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "lead.update.json");
    let text =
        "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"\", }}";
    client.open(&uri, text);
    client.diagnostics(&uri, 1);
    let complete = |client: &mut Client, character: usize| {
        client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": character}}),
        )
    };
    // Inside `""`: the statuses in the spec's order, each writing the bare code between the
    // quotes (what a client that ignores the range, Neovim 0.7's omnifunc, inserts too).
    let at = text.find("\"\"").unwrap() + 1;
    let items = complete(&mut client, at);
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 8);
    let won = items.iter().find(|i| i["label"] == "WON").unwrap();
    assert_eq!(won["documentation"]["value"], "Won opportunity");
    assert_eq!(
        won["textEdit"],
        json!({"range": {"start": {"line": 0, "character": at}, "end": {"line": 0, "character": at}}, "newText": "WON"})
    );
    assert_eq!(won["filterText"], Value::Null, "the label, bare");
    assert_eq!(won["preselect"], Value::Null);
    let sorted: Vec<&str> = items
        .iter()
        .map(|i| i["sortText"].as_str().unwrap())
        .collect();
    assert_eq!(
        sorted,
        ["0000", "0001", "0002", "0003", "0004", "0005", "0006", "0007"]
    );
    // After `: `: the quoted value.
    let bare = text.replace("\"status\": \"\"", "\"status\": ");
    client.change(&uri, 2, &bare);
    client.diagnostics(&uri, 2);
    let at = bare.find("\"status\": ").unwrap() + 10;
    let items = complete(&mut client, at);
    let won = labelled(&items, "WON");
    assert_eq!(
        won["textEdit"],
        json!({"range": {"start": {"line": 0, "character": at}, "end": {"line": 0, "character": at}}, "newText": "\"WON\""})
    );
    client.change(&uri, 3, text);
    client.diagnostics(&uri, 3);
    // After `, `: the properties the object does not have yet.
    let at = text.find(", }").unwrap() + 2;
    let items = complete(&mut client, at);
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"forecastCategory"), "{labels:?}");
    assert!(!labels.contains(&"partnerLeadOpportunityId"), "{labels:?}");
    assert!(!labels.contains(&"status"), "{labels:?}");
    // Before a value's opening quote: each code replaces the whole value, not beside it.
    let typed = text.replace("\"status\": \"\"", "\"status\": \"WO\"");
    client.change(&uri, 4, &typed);
    client.diagnostics(&uri, 4);
    let at = typed.find("\"WO\"").unwrap();
    let items = complete(&mut client, at);
    let won = labelled(&items, "WON");
    assert_eq!(
        won["textEdit"]["range"],
        json!({"start": {"line": 0, "character": at}, "end": {"line": 0, "character": at + 4}})
    );
    let edits = [won["textEdit"].clone()];
    assert_eq!(
        apply(&typed, &edits, true),
        typed.replace("\"WO\"", "\"WON\"")
    );
    // In the blank between the colon and the value: the whole value too, never a second
    // value beside it.
    let items = complete(&mut client, at - 1);
    let won = labelled(&items, "WON");
    assert_eq!(
        won["textEdit"]["range"],
        json!({"start": {"line": 0, "character": at}, "end": {"line": 0, "character": at + 4}})
    );
    assert_eq!(
        apply(&typed, &[won["textEdit"].clone()], true),
        typed.replace("\"WO\"", "\"WON\"")
    );
    // Inside `"WO"`, after its `W`: the contents between the quotes.
    let items = complete(&mut client, at + 2);
    let won = labelled(&items, "WON");
    assert_eq!(
        won["textEdit"],
        json!({"range": {"start": {"line": 0, "character": at + 1}, "end": {"line": 0, "character": at + 3}}, "newText": "WON"})
    );
    // After the closing quote: the whole string, filtered as typed, quoted.
    let items = complete(&mut client, at + 4);
    let won = labelled(&items, "WON");
    assert_eq!(won["filterText"], "\"WON\"");
    assert_eq!(won["textEdit"]["newText"], "\"WON\"");
    // Being typed, not closed on its line (`"W` then the payload's closing brackets): to the
    // word's end, the brackets kept.
    let typing =
        "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"W}}";
    client.change(&uri, 5, typing);
    client.diagnostics(&uri, 5);
    let at = typing.find("\"W").unwrap() + 2;
    let items = complete(&mut client, at);
    let won = labelled(&items, "WON");
    let edits = [won["textEdit"].clone()];
    assert_eq!(
        apply(typing, &edits, true),
        typing.replace("\"W}", "\"WON}")
    );
    // A key being typed: its name between the quotes.
    let typing =
        "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"forecastC\": 1}}";
    client.change(&uri, 6, typing);
    client.diagnostics(&uri, 6);
    let at = typing.find("forecastC").unwrap() + 9;
    let items = complete(&mut client, at);
    let category = labelled(&items, "forecastCategory");
    assert_eq!(
        category["textEdit"],
        json!({"range": {"start": {"line": 0, "character": at - 9}, "end": {"line": 0, "character": at}}, "newText": "forecastCategory"})
    );
    client.stop();
}

#[test]
fn ndjson_lines_are_checked_one_by_one_with_their_own_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "export.ndjson");
    let line: String =
        serde_json::to_string(&serde_json::from_str::<Value>(SEED).unwrap()).unwrap();
    let text = format!(
        "{line}\r\n\r\n{}\n",
        line.replace("\"status\":\"WON\"", "\"status\":\"WONN\"")
    );
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let at = line.find("\"status\":\"WON\"").unwrap() + 9;
    assert_eq!(
        diagnostics[0]["range"],
        json!({"start": {"line": 2, "character": at}, "end": {"line": 2, "character": at + 6}})
    );
    client.stop();
}

#[test]
fn fix_all_in_an_export_edits_only_what_changes_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "export.ndjson");
    let line: String =
        serde_json::to_string(&serde_json::from_str::<Value>(SEED).unwrap()).unwrap();
    let lower = line.replace("\"status\":\"WON\"", "\"status\":\"won\"");
    let text = format!("{lower}\n{line}\n{lower}\n");
    client.open(&uri, &text);
    assert_eq!(client.diagnostics(&uri, 1).len(), 2);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    // One edit per changed line, each over the code alone: undo and marks elsewhere survive.
    let at = line.find("\"status\":\"WON\"").unwrap() + 10;
    let expected: Vec<Value> = [0, 2]
        .iter()
        .map(|l| json!({"range": {"start": {"line": l, "character": at}, "end": {"line": l, "character": at + 3}}, "newText": "WON"}))
        .collect();
    assert_eq!(edits, &expected);
    assert_eq!(
        apply(&text, edits, true),
        format!("{line}\n{line}\n{line}\n")
    );
    client.stop();
}

#[test]
fn ndjson_lines_that_are_not_json_are_said_when_the_export_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "export.ndjson");
    let line: String =
        serde_json::to_string(&serde_json::from_str::<Value>(SEED).unwrap()).unwrap();
    let cut = "{\"info\":{\"success\":true}, \"data\": [";
    client.open(&uri, &format!("{line}\n{cut}\n{line}\n"));
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "A4P001");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 1, "character": cut.len()})
    );
    client.stop();
}

/// Fix-all of an export fixes each line as its own kind: an order's currency and a lead's
/// status, the order first (the kind the document showed is the first line's).
#[test]
fn ndjson_fix_all_fixes_lines_of_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "export.ndjson");
    let one_line =
        |text: &str| serde_json::to_string(&serde_json::from_str::<Value>(text).unwrap()).unwrap();
    let order = one_line(include_str!(
        "fixtures/spec/order-get-response/successful_getOrderDetails.json"
    ))
    .replacen("\"currency\":\"USD\"", "\"currency\":\"usd\"", 1);
    let lead = one_line(SEED).replacen("\"status\":\"WON\"", "\"status\":\"won\"", 1);
    let text = format!("{order}\n{lead}\n");
    client.open(&uri, &text);
    let codes: Vec<String> = client
        .diagnostics(&uri, 1)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(codes.contains(&"A4P106".to_owned()), "{codes:?}");
    assert!(codes.contains(&"A4P101".to_owned()), "{codes:?}");
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}});
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let [all] = actions.as_array().unwrap().as_slice() else {
        panic!("{actions:#}");
    };
    let edits = all["edit"]["changes"][uri.as_str()].as_array().unwrap();
    assert_eq!(edits.len(), 2, "{edits:#?}");
    assert_eq!(
        apply(&text, edits, true),
        format!(
            "{}\n{}\n",
            order.replacen("\"usd\"", "\"USD\"", 1),
            lead.replacen("\"won\"", "\"WON\"", 1)
        )
    );
    client.stop();
}

#[test]
fn ndjson_lines_of_other_kinds_get_their_own_hovers_and_completions() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "export.ndjson");
    let one_line =
        |text: &str| serde_json::to_string(&serde_json::from_str::<Value>(text).unwrap()).unwrap();
    let order = one_line(include_str!(
        "fixtures/spec/order-get-response/successful_getOrderDetails.json"
    ));
    let lead = one_line(SEED);
    // An order, then a lead: each line is read as its own kind.
    client.open(&uri, &format!("{order}\n{lead}\n"));
    client.diagnostics(&uri, 1);
    // Leads, the last one being typed (cut: it does not parse): read as the kind the document
    // showed.
    let typing = &lead[..lead.find("\"status\":\"WON\"").unwrap() + 14];
    let leads = uri.replace("export", "leads");
    client.open(&leads, &format!("{lead}\n{typing}\n"));
    client.diagnostics(&leads, 1);
    let at = lead.find("\"status\":\"WON\"").unwrap() + 10;
    for (uri, line) in [(&uri, 1), (&leads, 1)] {
        let hover = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": at + 1}}),
        );
        let shown = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(
            shown.starts_with("**status**: Status of the lead-opportunity"),
            "{uri} line {line}: {hover}"
        );
        let items = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": at}}),
        );
        assert_eq!(
            items.as_array().map(Vec::len),
            Some(8),
            "{uri} line {line}: {items}"
        );
    }
    client.stop();
}

#[test]
fn hostile_documents_and_requests_leave_the_server_answering() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let hostile = [
        "[".repeat(100_000),
        "{\"a\": ".repeat(50_000),
        "\u{0}\u{1b}[2J\u{feff}{\"\\ud800\": 1}".to_owned(),
        format!("{{\"data\": [{}]}}", "{\"x\": 1},".repeat(300_000)),
        String::new(),
    ];
    for (i, text) in hostile.iter().enumerate() {
        let uri = uri(&dir, &format!("hostile-{i}.json"));
        client.open(&uri, text);
        client.diagnostics(&uri, 1);
        for (line, character) in [(0, 0), (0, 99_999), (7, 3), (u32::MAX, u32::MAX)] {
            let position = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
            client.request("textDocument/hover", position.clone());
            client.request("textDocument/completion", position);
        }
        client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": u32::MAX, "character": 0}}, "context": {"diagnostics": []}}),
        );
    }
    // Parameters the protocol does not allow: an error answer, and the server goes on.
    client.next_id += 1;
    let id = RequestId::from(client.next_id);
    client.send(Message::Request(Request::new(
        id.clone(),
        "textDocument/hover".to_owned(),
        json!({"nope": 1}),
    )));
    loop {
        if let Message::Response(r) = client.messages.recv_timeout(PATIENCE).unwrap() {
            assert_eq!(r.id, id);
            assert!(r.response_result.is_err());
            break;
        }
    }
    client.notify("textDocument/didOpen", json!({"nope": true}));
    // Still linting.
    let uri = uri(&dir, "seed.json");
    client.open(&uri, &seed_with_typo());
    assert_eq!(client.diagnostics(&uri, 1).len(), 1);
    client.stop();
}

/// The completion item of `items` labelled `label`.
fn labelled<'a>(items: &'a Value, label: &str) -> &'a Value {
    items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| panic!("no item {label}: {items:#}"))
}

/// A memory figure of the server's, in KiB, from /proc (Linux): `VmRSS:` (resident now) or
/// `VmHWM:` (peak resident so far).
fn memory_kib(client: &Client, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", client.child.id())).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))?
        .trim()
        .trim_end_matches(" kB")
        .parse()
        .ok()
}

/// The server's resident memory.
fn resident_kib(client: &Client) -> Option<u64> {
    memory_kib(client, "VmRSS:")
}

#[test]
fn memory_stays_bounded_while_a_document_is_edited_1000_times() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "seed.json");
    let typo = seed_with_typo();
    let fixed = typo.replace("WONN", "WON");
    client.open(&uri, &typo);
    client.diagnostics(&uri, 1);
    let mut warm = None;
    for version in 2..=1001 {
        // A growing comment-like member would grow the text itself: the edits alternate.
        let text = if version % 2 == 0 { &fixed } else { &typo };
        client.change(&uri, version, text);
        if version % 50 == 1 {
            // Linted at this version (the ones between may be skipped by the debounce).
            let expected = usize::from(version % 2 == 1);
            assert_eq!(client.diagnostics(&uri, version).len(), expected);
            // Ask for what keeps state per request too.
            client.request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}),
            );
            client.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 13, "character": 45}}),
            );
            // Diagnostics of versions not waited for are dropped, not kept.
            client.seen.clear();
            if version == 101 {
                warm = resident_kib(&client);
            }
        }
    }
    if let (Some(warm), Some(last)) = (warm, resident_kib(&client)) {
        eprintln!("resident: {warm} KiB after 100 edits, {last} KiB after 1000");
        assert!(
            last < warm + 8 * 1024,
            "resident memory grew from {warm} KiB to {last} KiB over 900 edits"
        );
    }
    client.stop();
}

#[test]
fn a_10_mb_document_being_linted_does_not_hold_up_the_editors_requests() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let small = uri(&dir, "seed.json");
    client.open(&small, SEED);
    client.diagnostics(&small, 1);
    // A GET response of some 10 MB: 100,000 offer lines, each with a code in lower case.
    let line = r#"{"offerNameId": "CATIA-3DEXP", "amount": 1000, "revenueType": "upfront"}"#;
    let lines = vec![line; 10_000_000 / line.len()].join(",\n");
    let big_text = SEED.replace("\"offerLines\": [", &format!("\"offerLines\": [{lines},"));
    assert!(big_text.len() >= 10_000_000);
    let big = uri(&dir, "big.json");
    client.open(&big, &big_text);
    // Answered while the big document is linted: before its diagnostics arrive.
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": small}, "position": {"line": 14, "character": 18}}),
    );
    assert!(
        !client
            .seen
            .iter()
            .any(|n| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == big),
        "the hover waited for the big document's lint"
    );
    let diagnostics = client.diagnostics(&big, 1);
    assert!(!diagnostics.is_empty());
    client.stop();
}

#[test]
fn a_document_closed_while_it_is_linted_gets_nothing_after_its_close() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    // Some 1 MB with 10,000 findings (at most 1,000 published): a lint that takes a while.
    let line = r#"{"offerNameId": "CATIA-3DEXP", "amount": 1000, "revenueType": "upfront"}"#;
    let lines = vec![line; 10_000].join(",\n");
    let big_text = SEED.replace("\"offerLines\": [", &format!("\"offerLines\": [{lines},"));
    let big = uri(&dir, "big.json");
    client.open(&big, &big_text);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": big}}),
    );
    // Opened again at the same version with other text: its findings only.
    client.open(&big, &seed_with_typo());
    let again = client.diagnostics(&big, 1);
    assert_eq!(again.len(), 1, "{}", again.len());
    // One lint at a time, in the order asked: a late lint of the first opening would have
    // been published before this one.
    let small = uri(&dir, "seed.json");
    client.open(&small, SEED);
    client.diagnostics(&small, 1);
    let published: Vec<&Value> = client
        .seen
        .iter()
        .filter(|n| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == big)
        .map(|n| &n.params)
        .collect();
    assert_eq!(
        published,
        [&json!({"uri": big, "diagnostics": []})],
        "only the close's clearing"
    );
    client.stop();
}

#[test]
fn a_configuration_that_cannot_be_used_is_shown_once_and_its_documents_are_not_checked() {
    // Checked with the defaults, a document would lose the configuration's `redact = true`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("api4p-lint.toml"),
        "redact = true\nredcat = true\n",
    )
    .unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "seed.json");
    client.open(&uri, &seed_with_typo());
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "A4P901");
    // Each problem once, at its place in the file, as `check` lists it.
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        format!(
            "api4p-lint: {}:2:1: unknown key `redcat` (help: did you mean `redact`?); the \
             documents it covers are not checked until it is fixed",
            dir.path().join("api4p-lint.toml").display()
        )
    );
    client.change(&uri, 2, &seed_with_typo());
    client.diagnostics(&uri, 2);
    let shown: Vec<&str> = client
        .seen
        .iter()
        .filter(|n| n.method == "window/showMessage")
        .map(|n| n.params["message"].as_str().unwrap())
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("redcat"), "{}", shown[0]);
    // No fix from the defaults either.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}),
    );
    assert_eq!(actions, json!([]));
    client.stop();
}

#[test]
fn a_kind_detected_once_is_dropped_when_the_text_shows_another_shape() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "package.json");
    client.open(&uri, &seed_with_typo());
    assert_eq!(client.diagnostics(&uri, 1).len(), 1);
    // Being typed: does not parse, still a get-response.
    client.change(&uri, 2, &seed_with_typo()[..200]);
    let typing = client.diagnostics(&uri, 2);
    assert_eq!(typing.len(), 1);
    assert_eq!(typing[0]["code"], "A4P001");
    // Parses again as something else: no longer a payload.
    client.change(&uri, 3, "{\"name\": \"x\", \"version\": \"1.0.0\"}");
    assert_eq!(client.diagnostics(&uri, 3), Vec::<Value>::new());
    client.stop();
}

#[test]
fn exit_without_shutdown_ends_with_1_and_nothing_of_a_bad_message_is_quoted() {
    let (mut client, _) = Client::start(json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
    // A request that is not JSON (a lone surrogate) is answered with a parse error; neither
    // the answer nor stderr quotes it. The stream's end without `exit` is the same 1.
    let child = Command::new(env!("CARGO_BIN_EXE_api4p-lint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let body =
        r#"{"jsonrpc":"2.0","method":"initialize","id":1,"params":{"x":"SECRET-NAME \ud83d"}}"#;
    let mut stdin = child.stdin.as_ref().unwrap();
    stdin.write_all(&frame(body.as_bytes())).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("SECRET"), "{stderr}");
    let Ok(Some(Message::Response(answer))) = Message::read(&mut &output.stdout[..]) else {
        panic!("{}", String::from_utf8_lossy(&output.stdout));
    };
    assert_eq!(answer.id, RequestId::from(1));
    let error = answer.response_result.unwrap_err();
    assert_eq!(error.code, -32700, "ParseError");
    assert!(!error.message.contains("SECRET"), "{}", error.message);
    assert_eq!(output.status.code(), Some(1));
}

/// `body` framed as the protocol says.
fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend(body);
    framed
}

#[test]
fn frames_that_are_no_message_are_skipped_or_answered_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "seed.json");
    let hover = json!({"textDocument": {"uri": uri}, "position": {"line": 14, "character": 18}});
    let hostile: [Vec<u8>; 14] = [
        // Not UTF-8, a lone surrogate: notifications, so nobody to answer.
        frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"x\":\"\xff\xfe\"}}"),
        frame(br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"x":"\ud800"}}"#),
        // No Content-Length, one that is not a number, a header with no colon.
        b"Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}"
            .to_vec(),
        b"Content-Length: lots\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":[{}]}".to_vec(),
        b"Content-Length 12\r\n\r\n{\"a\": [1,2]}".to_vec(),
        // A header line of 100 kB before a good frame's own.
        [
            format!("X-Padding: {}\r\n", "a".repeat(100_000)).into_bytes(),
            frame(br#"{"jsonrpc":"2.0","method":"x"}"#)[..].to_vec(),
        ]
        .concat(),
        // JSON that is no JSON-RPC message.
        frame(b"[1, 2, 3]"),
        frame(b"null"),
        // A line break between frames.
        b"\r\n".to_vec(),
        // A Content-Length too short: the rest of the body (no line break) runs into the
        // next frame's header, which is still read.
        b"Content-Length: 20\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{}}".to_vec(),
        b"Content-Length: 30\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"x\",\"params\":{\"a\":\"b\"}}".to_vec(),
        // Values without headers that are no object, and a blank line before one that is.
        b"123 ".to_vec(),
        b"\"abc\"".to_vec(),
        b"  \r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".to_vec(),
    ];
    for bytes in &hostile {
        client.send_raw(bytes);
        assert_eq!(
            client.request("textDocument/hover", hover.clone()),
            Value::Null
        );
    }
    client.open(&uri, SEED);
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    // Requests whose id can be read are answered: not JSON (a lone surrogate in a parameter)
    // is a ParseError, JSON that is no request (no method) an InvalidRequest.
    let requests: [(&[u8], i32, i32); 2] = [
        (
            br#"{"jsonrpc":"2.0","id":1000,"method":"textDocument/hover","params":{"x":"\udc00"}}"#,
            1000,
            -32700,
        ),
        (br#"{"jsonrpc":"2.0","id":1001,"params":{}}"#, 1001, -32600),
    ];
    for (body, id, code) in requests {
        client.send_raw(&frame(body));
        let error = client.response(&RequestId::from(id)).unwrap_err();
        assert_eq!(error.code, code, "{}", String::from_utf8_lossy(body));
    }
    // Still answering, and the document's hover is there.
    let shown = client.request("textDocument/hover", hover);
    assert!(shown["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**status**"));
    client.stop();
}

/// The server's peak resident memory so far.
fn peak_kib(client: &Client) -> Option<u64> {
    memory_kib(client, "VmHWM:")
}

#[test]
fn a_message_over_the_size_limit_is_dropped_as_it_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "seed.json");
    let hover = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}});
    client.request("textDocument/hover", hover.clone());
    let before = peak_kib(&client);
    // One byte over the limit: six times the default payload limit (10 MiB) and 1 MiB.
    let length = 61 * 1024 * 1024 + 1;
    client.send_raw(format!("Content-Length: {length}\r\n\r\n").as_bytes());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..61 {
        client.send_raw(&chunk);
    }
    client.send_raw(b" ");
    // The next frame is read.
    assert_eq!(client.request("textDocument/hover", hover), Value::Null);
    if let (Some(before), Some(after)) = (before, peak_kib(&client)) {
        eprintln!("peak resident: {before} KiB before the 61 MiB message, {after} KiB after");
        assert!(
            after < before + 8 * 1024,
            "the dropped message was held: peak {before} KiB -> {after} KiB"
        );
    }
    let told: Vec<&str> = client
        .seen
        .iter()
        .filter(|n| n.method == "window/showMessage")
        .map(|n| n.params["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        told,
        [format!(
            "api4p-lint: a message of {length} bytes from the editor is over the server's \
             limit (63963136 bytes) and was dropped; a document it opened or changed is not \
             checked until the editor sends it whole again"
        )]
    );
    client.stop();
}

/// A document under the payload limit whose every byte the client escapes (`\u0001`, 6
/// bytes for 1) is read; a change too large to read makes the server forget the document's
/// text (diagnostics cleared, ranges not applied to a text it does not have) until the
/// editor sends it whole again.
#[test]
fn a_heavily_escaped_document_is_read_and_one_too_large_is_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "seed.json");
    // 4 MiB of control characters: a frame of 24 MiB, over the old 21 MiB limit.
    let escaped = format!("{}\u{1}", SEED.trim_end());
    let text = format!("{escaped}{}", "\u{1}".repeat(4 << 20));
    client.open(&uri, SEED);
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    // Checked as the lead it was: the control characters break its syntax.
    client.change(&uri, 2, &text);
    let codes: Vec<Value> = client
        .diagnostics(&uri, 2)
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, [json!("A4P001")]);
    // A change of 64 MiB once escaped: dropped as it arrives, its document forgotten.
    let change = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"text": "\u{1}".repeat(11 << 20)}]}});
    client.send_raw(&frame(change.to_string().as_bytes()));
    let hover = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}});
    assert_eq!(
        client.request("textDocument/hover", hover.clone()),
        Value::Null
    );
    let cleared = client
        .seen
        .iter()
        .rev()
        .find(|n| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri)
        .expect("the diagnostics cleared");
    assert_eq!(cleared.params["diagnostics"], json!([]));
    // A range change to a text the server no longer has: not applied, nothing published.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "text": "["}]}),
    );
    assert_eq!(client.request("textDocument/hover", hover), Value::Null);
    // Sent whole again: checked again.
    client.change(&uri, 5, SEED);
    assert_eq!(client.diagnostics(&uri, 5), Vec::<Value>::new());
    client.stop();
}

#[test]
fn a_content_length_no_stream_fills_is_never_allocated() {
    // lsp-server allocated the first and aborted on the second.
    for length in ["4000000000", "100000000000000"] {
        let child = Command::new(env!("CARGO_BIN_EXE_api4p-lint"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.as_ref().unwrap();
        write!(stdin, "Content-Length: {length}\r\n\r\n{{\"jsonrpc\":").unwrap();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr,
            format!(
                "error: api4p-lint server: the connection with the editor broke: it ended \
                 inside a message\n"
            ),
            "{length}"
        );
        assert_eq!(output.status.code(), Some(2), "{length}: {}", output.status);
    }
}

#[test]
fn after_shutdown_requests_are_refused_notifications_ignored_and_exit_ends_with_0() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let uri = uri(&dir, "seed.json");
    client.request("shutdown", Value::Null);
    client.open(&uri, &seed_with_typo());
    let hover = json!({"textDocument": {"uri": uri}, "position": {"line": 13, "character": 45}});
    for (method, params) in [("textDocument/hover", hover), ("shutdown", Value::Null)] {
        let refused = client.call(method, params).unwrap_err();
        assert_eq!(refused.code, -32600, "InvalidRequest");
    }
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
    // Everything the server wrote, to its end: no diagnostics for the document opened late.
    let late: Vec<Message> = client.messages.iter().collect();
    assert!(
        client
            .seen
            .iter()
            .chain(late.iter().filter_map(|m| match m {
                Message::Notification(n) => Some(n),
                _ => None,
            }))
            .all(|n| n.method != "textDocument/publishDiagnostics"),
        "{late:?}"
    );
}

/// Opens an update request no `[kinds]` maps yet: its one finding is the ambiguous kind, as
/// information.
fn open_unmapped_update(client: &mut Client, dir: &tempfile::TempDir) -> String {
    let update = uri(dir, "lead.update.json");
    client.open(&update, UPDATE_LOWER_CASE);
    assert_eq!(
        client.diagnostics(&update, 1).len(),
        1,
        "the ambiguous kind, as information"
    );
    update
}

#[test]
fn saving_the_configuration_in_the_editor_checks_the_open_documents_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let update = open_unmapped_update(&mut client, &dir);
    map_update_requests(dir.path());
    // Without a file watcher: the editor saves the configuration it has open.
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&dir, "api4p-lint.toml")}}),
    );
    assert_eq!(client.diagnostics(&update, 1).len(), 2);
    client.stop();
}

#[test]
fn a_configuration_written_outside_the_editor_is_noticed() {
    // Neovim 0.7 watches no files, and a configuration edited in another editor is never
    // saved through this one: the server looks at the open documents' configurations itself.
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = Client::start(json!({}));
    let update = open_unmapped_update(&mut client, &dir);
    map_update_requests(dir.path());
    assert_eq!(client.diagnostics(&update, 1).len(), 2);
    // Changed again: the enum rule turned off.
    std::fs::write(
        dir.path().join("api4p-lint.toml"),
        "[kinds]\n\"*.update.json\" = \"update-request\"\n[rules]\nenum-value = \"off\"\n",
    )
    .unwrap();
    assert_eq!(client.diagnostics(&update, 1), Vec::<Value>::new());
    client.stop();
}

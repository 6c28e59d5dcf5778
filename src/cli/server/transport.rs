//! The connection with the editor: the protocol's framing (headers, a blank line, then a
//! JSON-RPC body of `Content-Length` bytes) read and written on threads of their own, handed
//! to the main loop as an `lsp_server::Connection` (two channels of messages).
//!
//! lsp-server's own stdio transport ends the server on any frame it cannot read, and
//! allocates whatever `Content-Length` says before the body arrives (a claimed 100 TB aborts
//! the process). Here a frame is bounded by [`MAX_FRAME_BYTES`] and nothing the editor sends
//! ends the server but `exit` or the end of the stream:
//! - a header line over [`MAX_HEADER_LINE`] bytes, a header line that is not `Name: value`,
//!   or a header other than `Content-Length` is ignored (a stray line break between frames
//!   too);
//! - a frame whose `Content-Length` is missing or not a number is skipped: its body, if it
//!   looks like JSON, is read to its end without keeping it, so the next frame is found;
//! - a header line holding `Content-Length:` after other bytes is read from there: the rest
//!   of a body whose `Content-Length` was too short, or a value sent without headers, ran
//!   into the next frame's first line, and that frame is kept (blank lines between frames
//!   are skipped);
//! - a body over [`MAX_FRAME_BYTES`] is read and dropped as it arrives, never held;
//! - a body that is not a JSON-RPC message (not JSON, not UTF-8, a lone UTF-16 surrogate, no
//!   method) is answered with a ParseError or InvalidRequest when its id can be read, and
//!   said in one line on stderr otherwise.
//!
//! What is said on stderr or sent back never quotes the message: it may hold a document.

use std::io::{self, BufRead, Read};
use std::sync::{Arc, OnceLock};
use std::thread::{self, JoinHandle};

use api4p_lint::config::DEFAULT_MAX_PAYLOAD_BYTES;
use crossbeam_channel::{bounded, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, RequestId, Response};
use lsp_types::notification::{Notification as _, ShowMessage};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};

/// The largest frame read: a document at the linter's default payload limit, every byte of
/// it escaped in the JSON-RPC body as a client may (a control character is `\u0001`, 6
/// bytes for 1; an emoji `\ud83d\ude00`, 12 for 4), and 1 MiB for the rest of the message.
/// The body is held once, then parsed. Bigger frames are dropped unread, as they arrive.
pub(crate) const MAX_FRAME_BYTES: u64 = 6 * DEFAULT_MAX_PAYLOAD_BYTES as u64 + (1 << 20);

/// The notification the reader hands the main loop when it dropped an oversized frame that
/// opened or changed a document (`{"uri": ...}`): the server's text of that document is no
/// longer the editor's, so it is forgotten until the editor sends it whole again.
pub(crate) const DROPPED_DOCUMENT: &str = "api4p-lint/droppedDocument";

/// The longest header line read (`Content-Length: ` and 20 digits need 38 bytes).
const MAX_HEADER_LINE: usize = 8 << 10;

/// The reading and writing threads.
pub(crate) struct Transport {
    /// How the reading ended, set before the reader lets go of its channels: the main loop
    /// sees the stream's end only once this says how (the thread itself may not have
    /// finished yet).
    ended: Arc<OnceLock<Ended>>,
    writer: JoinHandle<io::Result<()>>,
}

/// How the reading of the editor's messages ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ended {
    /// The client said `exit` (nothing is read after it), or the server stopped listening.
    Exit,
    /// The stream ended between two frames.
    End,
    /// The stream broke: it ended inside a frame, or reading it failed.
    Broken,
}

/// The connection on stdin and stdout.
pub(crate) fn stdio() -> (Connection, Transport) {
    // Unbuffered hand-overs, as lsp-server's: a client that stops reading holds the server
    // up instead of growing a queue.
    let (to_client, outgoing) = bounded::<Message>(0);
    let (to_server, incoming) = bounded::<Message>(0);
    let writer = thread::Builder::new()
        .name("api4p-lint write".to_owned())
        .spawn(move || {
            let mut stdout = io::stdout().lock();
            for message in outgoing {
                message.write(&mut stdout)?;
            }
            Ok(())
        })
        .expect("a thread to write to the editor");
    let replies = to_client.clone();
    let ended = Arc::new(OnceLock::new());
    let reader_ended = Arc::clone(&ended);
    thread::Builder::new()
        .name("api4p-lint read".to_owned())
        .spawn(move || {
            let ended = read_client(io::stdin().lock(), &to_server, &replies);
            reader_ended.get_or_init(|| ended);
            // `to_server` and `replies` are dropped only now.
        })
        .expect("a thread to read the editor");
    let connection = Connection {
        sender: to_client,
        receiver: incoming,
    };
    (connection, Transport { ended, writer })
}

impl Transport {
    /// Waits for the last messages to be written (the connection must be dropped first), and
    /// tells how the reading ended, if it has (it may wait on the editor still: then it is
    /// left to the process's end).
    pub(crate) fn finish(self) -> (Option<Ended>, io::Result<()>) {
        let written = self
            .writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writing thread panicked")));
        (self.ended.get().copied(), written)
    }
}

/// Reads frames until `exit`, the end of the stream or a broken one, sending each message
/// to the server and the answers to unreadable requests to the client.
pub(crate) fn read_client(
    mut input: impl BufRead,
    to_server: &Sender<Message>,
    to_client: &Sender<Message>,
) -> Ended {
    loop {
        let body = match read_frame(&mut input) {
            Ok(Frame::Body(body)) => body,
            Ok(Frame::End) => return Ended::End,
            Ok(Frame::Skipped(why)) => {
                say!("api4p-lint server: skipped {why} from the editor");
                continue;
            }
            Ok(Frame::Oversized(length, document)) => {
                say!(
                    "api4p-lint server: skipped a message of {length} bytes from the editor \
                     (the limit is {MAX_FRAME_BYTES})"
                );
                // The editor's user is told too: a document sent in that message is not what
                // the server holds.
                let params = lsp_types::ShowMessageParams {
                    typ: lsp_types::MessageType::WARNING,
                    message: format!(
                        "api4p-lint: a message of {length} bytes from the editor is over the \
                         server's limit ({MAX_FRAME_BYTES} bytes) and was dropped; a document \
                         it opened or changed is not checked until the editor sends it whole \
                         again"
                    ),
                };
                let notification = Notification::new(ShowMessage::METHOD.to_owned(), params);
                let _ = to_client.send(Message::Notification(notification));
                if let Some(uri) = document {
                    let dropped = Notification::new(
                        DROPPED_DOCUMENT.to_owned(),
                        serde_json::json!({ "uri": uri }),
                    );
                    if to_server.send(Message::Notification(dropped)).is_err() {
                        return Ended::Exit;
                    }
                }
                continue;
            }
            Err(e) => {
                say!(
                    "error: api4p-lint server: the connection with the editor broke: {}",
                    match e.kind() {
                        io::ErrorKind::UnexpectedEof => "it ended inside a message".to_owned(),
                        _ => e.to_string(),
                    }
                );
                return Ended::Broken;
            }
        };
        let parsed = parse(&body);
        // Not held while the main loop takes the message: a frame may be 61 MiB.
        drop(body);
        match parsed {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if to_server.send(message).is_err() || exit {
                    return Ended::Exit;
                }
            }
            Err(unusable) => match unusable.id {
                Some(id) => {
                    let response = Response::new_err(
                        id,
                        unusable.code as i32,
                        format!("api4p-lint: {} (its content is not shown)", unusable.why),
                    );
                    let _ = to_client.send(Message::Response(response));
                }
                None => say!(
                    "api4p-lint server: skipped a message from the editor: {} (its content is \
                     not shown)",
                    unusable.why
                ),
            },
        }
    }
}

/// What one read of the stream gave.
#[derive(Debug, PartialEq, Eq)]
enum Frame {
    /// A frame's body (at most [`MAX_FRAME_BYTES`]).
    Body(Vec<u8>),
    /// A frame over [`MAX_FRAME_BYTES`], read and dropped: its `Content-Length`, and the
    /// URI of the document it opened or changed, if it did.
    Oversized(u64, Option<String>),
    /// Something that is no usable frame, read and dropped: what it was.
    Skipped(&'static str),
    /// The end of the stream, between frames.
    End,
}

fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut line = Vec::new();
    let mut headers = 0usize;
    let mut length: Option<Option<u64>> = None;
    loop {
        // A body with no header before it: the JSON value is skipped whole.
        if headers == 0 {
            match fill(input)?.first() {
                None => return Ok(Frame::End),
                Some(b'{' | b'[') => {
                    skip_json_value(input);
                    return Ok(Frame::Skipped("a message without a Content-Length header"));
                }
                Some(_) => {}
            }
        }
        let Some(complete) = read_line(input, &mut line)? else {
            return if headers == 0 {
                Ok(Frame::End)
            } else {
                Err(io::ErrorKind::UnexpectedEof.into())
            };
        };
        let text = line
            .strip_suffix(b"\n")
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .unwrap_or(&line);
        if complete && text.is_empty() {
            // A line break between frames is no frame.
            if headers == 0 {
                continue;
            }
            break;
        }
        // Blanks between frames too: what follows may be a body without headers.
        if complete && headers == 0 && text.trim_ascii().is_empty() {
            continue;
        }
        let text = resync(text);
        headers += 1;
        if let Some((name, value)) = split_header(text) {
            if name.eq_ignore_ascii_case(b"content-length") {
                length = Some(
                    std::str::from_utf8(value)
                        .ok()
                        .and_then(|v| v.trim().parse::<u64>().ok()),
                );
            }
        }
    }
    match length {
        Some(Some(length)) if length > MAX_FRAME_BYTES => {
            let mut body = input.by_ref().take(length);
            // Read as it streams by, strings skipped, not kept: which document it was about.
            // (Buffered: read byte by byte, it would take seconds; what the buffer holds
            // past the value is dropped with the rest.)
            let buffered = io::BufReader::with_capacity(64 << 10, &mut body);
            let seen = Dropped::deserialize(&mut serde_json::Deserializer::from_reader(buffered));
            io::copy(&mut body, &mut io::sink())?;
            if body.limit() > 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            Ok(Frame::Oversized(
                length,
                seen.ok().and_then(Dropped::document),
            ))
        }
        Some(Some(length)) => {
            // Grown as the bytes arrive, not allocated from the header's word; once they do
            // arrive, the rest is allocated at once (bounded by the limit), so the body is
            // held once, not copied as it doubles.
            let mut body = Vec::with_capacity(length.min(64 << 10) as usize);
            let mut input = input.by_ref().take(length);
            (&mut input).take(64 << 10).read_to_end(&mut body)?;
            body.reserve_exact(input.limit() as usize);
            input.read_to_end(&mut body)?;
            if (body.len() as u64) < length {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            Ok(Frame::Body(body))
        }
        // Its body's length is unknown: if what follows is JSON, that is the body.
        _ => {
            if matches!(fill(input)?.first(), Some(b'{' | b'[')) {
                skip_json_value(input);
            }
            Ok(Frame::Skipped(if length.is_some() {
                "a message whose Content-Length is not a number"
            } else {
                "a message without a Content-Length header"
            }))
        }
    }
}

/// A header line from its `Content-Length:`, when it holds one after other bytes: what ran
/// on into the next frame's first header line without a line break (the rest of a body
/// whose `Content-Length` was too short, a bare `123` or `"abc"` sent without headers) is
/// dropped, and that next frame is read, instead of being lost with it.
fn resync(line: &[u8]) -> &[u8] {
    const NAME: &[u8] = b"content-length:";
    line.windows(NAME.len())
        .position(|w| w.eq_ignore_ascii_case(NAME))
        .map_or(line, |at| &line[at..])
}

/// `Name: value`, the name trimmed.
fn split_header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    Some((line[..colon].trim_ascii(), &line[colon + 1..]))
}

/// The buffered bytes, read again when a read is interrupted.
fn fill(input: &mut impl BufRead) -> io::Result<&[u8]> {
    loop {
        match input.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // The borrow checker cannot see that the loop ends here: read again.
            Ok(_) => break,
            Err(e) => return Err(e),
        }
    }
    input.fill_buf()
}

/// Reads a line into `line` (cleared first), with its line break: `None` at the end of the
/// stream, `Some(false)` for a line cut by the end of the stream. A line over
/// [`MAX_HEADER_LINE`] bytes is read to its end but not kept (`line` is left empty but for
/// a mark that it was one: a single `?`).
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Option<bool>> {
    line.clear();
    let mut any = false;
    let mut too_long = false;
    loop {
        let buffer = fill(input)?;
        if buffer.is_empty() {
            return Ok(any.then_some(false));
        }
        any = true;
        let (taken, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buffer.len(), false),
        };
        if !too_long && line.len() + taken <= MAX_HEADER_LINE {
            line.extend_from_slice(&buffer[..taken]);
        } else if !too_long {
            too_long = true;
            line.clear();
            line.push(b'?');
        }
        input.consume(taken);
        if done {
            return Ok(Some(true));
        }
    }
}

/// Reads one JSON value from `input` without keeping it (at most [`MAX_FRAME_BYTES`]):
/// whether it was one.
fn skip_json_value(input: &mut impl BufRead) -> bool {
    let mut json = serde_json::Deserializer::from_reader(input.by_ref().take(MAX_FRAME_BYTES));
    IgnoredAny::deserialize(&mut json).is_ok()
}

/// Why a body is no message, and the id of the request it was, when that can be read.
#[derive(Debug)]
struct Unusable {
    id: Option<RequestId>,
    code: ErrorCode,
    why: &'static str,
}

fn parse(body: &[u8]) -> Result<Message, Unusable> {
    let error = match serde_json::from_slice::<Message>(body) {
        Ok(message) => return Ok(message),
        Err(error) => error,
    };
    let (code, why) = match error.classify() {
        serde_json::error::Category::Data => (
            ErrorCode::InvalidRequest,
            "a message that is JSON but not a JSON-RPC request, response or notification",
        ),
        _ => (
            ErrorCode::ParseError,
            "a message that is not JSON (bytes that are not UTF-8, a lone UTF-16 surrogate, a \
             syntax error or a cut)",
        ),
    };
    // Read leniently (strings are skipped, not decoded): a request's id can be read even
    // when a parameter holds what made the message unusable. A response is never answered.
    let id = serde_json::from_slice::<Envelope>(body)
        .ok()
        .filter(|e| !e.result && !e.error)
        .and_then(|e| e.id);
    Err(Unusable { id, code, why })
}

/// What a frame over the limit is read for: a notification that opens or changes a
/// document, and which.
#[derive(Deserialize)]
struct Dropped {
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    params: Option<DroppedParams>,
}

#[derive(Deserialize)]
struct DroppedParams {
    #[serde(default, rename = "textDocument")]
    text_document: Option<DroppedDocument>,
}

#[derive(Deserialize)]
struct DroppedDocument {
    #[serde(default)]
    uri: Option<String>,
}

impl Dropped {
    fn document(self) -> Option<String> {
        let Some("textDocument/didOpen" | "textDocument/didChange") = self.method.as_deref() else {
            return None;
        };
        self.params?.text_document?.uri
    }
}

/// What a message is read for when it is unusable.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    id: Option<RequestId>,
    #[serde(default, deserialize_with = "present")]
    result: bool,
    #[serde(default, deserialize_with = "present")]
    error: bool,
}

fn present<'de, D: Deserializer<'de>>(value: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(value).map(|_| true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossbeam_channel::unbounded;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const HOVER: &str = r#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{}}"#;

    /// What the server and the client receive from `stream`, and how the reading ended.
    fn read(stream: &[u8]) -> (Vec<Message>, Vec<Message>, Ended) {
        let (to_server, server) = unbounded();
        let (to_client, client) = unbounded();
        let ended = read_client(stream, &to_server, &to_client);
        (
            server.try_iter().collect(),
            client.try_iter().collect(),
            ended,
        )
    }

    fn is_hover(message: &Message) -> bool {
        matches!(message, Message::Request(r) if r.method == "textDocument/hover")
    }

    #[test]
    fn frames_that_cannot_be_used_are_skipped_and_the_next_is_read() {
        let hostile: &[&[u8]] = &[
            b"\r\n\r\n",
            b"X-Nothing: 1\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n",
            b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"a\":[1,2,{}]}}",
            b"\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}",
            b"Content-Length: many\r\n\r\n{\"method\":\"x\"}",
            b"Content-Length: -3\r\n\r\n[1, 2]",
            b"no header at all\r\n\r\n",
            // A Content-Length too short: the rest of the body runs into the next frame.
            b"Content-Length: 20\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{}}",
            b"Content-Length: 28\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{}}",
            // Values with no headers that are no object, a blank line before one that is.
            b"123 ",
            b"\"abc\"",
            b" \t\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}",
        ];
        for bytes in hostile {
            let mut stream = bytes.to_vec();
            stream.extend(frame(HOVER).as_bytes());
            let (server, client, ended) = read(&stream);
            assert_eq!(server.len(), 1, "{}", String::from_utf8_lossy(bytes));
            assert!(is_hover(&server[0]));
            assert!(client.is_empty());
            assert_eq!(ended, Ended::End);
        }
        // A header line of 1 MiB is not kept; the frame's own Content-Length still counts.
        let mut stream = format!("X-Long: {}\r\n", "a".repeat(1 << 20)).into_bytes();
        stream.extend(frame(HOVER).as_bytes());
        assert!(is_hover(&read(&stream).0[0]));
    }

    #[test]
    fn a_body_over_the_limit_is_dropped_as_it_arrives() {
        let length = MAX_FRAME_BYTES + 1;
        let mut stream = format!("Content-Length: {length}\r\n\r\n").into_bytes();
        stream.resize(stream.len() + length as usize, b' ');
        stream.extend(frame(HOVER).as_bytes());
        let mut input = &stream[..];
        assert_eq!(
            read_frame(&mut input).unwrap(),
            Frame::Oversized(length, None)
        );
        let (server, client, _) = read(&stream);
        assert!(is_hover(&server[0]));
        assert!(matches!(&client[0], Message::Notification(n) if n.method == "window/showMessage"));
        // A length no stream will fill: the stream ends inside the frame.
        let (server, _, ended) = read(b"Content-Length: 100000000000000\r\n\r\n{}");
        assert!(server.is_empty());
        assert_eq!(ended, Ended::Broken);
        let (_, _, ended) = read(b"Content-Length: 99999999999999999999999\r\n\r\n");
        assert_eq!(ended, Ended::End, "not a number: skipped");
    }

    #[test]
    fn an_unusable_request_is_answered_when_its_id_can_be_read() {
        let bodies: [(&[u8], Option<i32>); 6] = [
            (
                br#"{"jsonrpc":"2.0","id":3,"method":"x","params":{"a":"\ud83d"}}"#,
                Some(-32700),
            ),
            (
                b"{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"x\",\"params\":\"\xff\"}",
                Some(-32700),
            ),
            (br#"{"jsonrpc":"2.0","id":5}"#, Some(-32600)),
            (
                br#"{"jsonrpc":"2.0","id":6,"method":"x","params":{"a":"#,
                None,
            ),
            (br#"{"jsonrpc":"2.0","id":7,"result":"\ud83d"}"#, None),
            (br#"{"jsonrpc":"2.0","method":"x","params":"\ud83d"}"#, None),
        ];
        for (body, code) in bodies {
            let mut stream = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
            stream.extend(body);
            stream.extend(frame(HOVER).as_bytes());
            let (server, client, _) = read(&stream);
            let shown = String::from_utf8_lossy(body);
            assert_eq!(server.len(), 1, "{shown}");
            assert!(is_hover(&server[0]));
            match (code, &client[..]) {
                (Some(code), [Message::Response(r)]) => {
                    let error = r.response_result.as_ref().unwrap_err();
                    assert_eq!(error.code, code, "{shown}");
                    assert!(!error.message.contains("\\ud83d"), "{}", error.message);
                }
                (None, []) => {}
                (_, client) => panic!("{shown}: {client:?}"),
            }
        }
    }

    #[test]
    fn nothing_is_read_after_exit() {
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let stream = format!("{}{}", frame(exit), frame(HOVER));
        let (server, _, ended) = read(stream.as_bytes());
        assert_eq!(server.len(), 1);
        assert_eq!(ended, Ended::Exit);
    }
}

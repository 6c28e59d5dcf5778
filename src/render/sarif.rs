//! SARIF 2.1.0, as GitHub code scanning reads it: one run, every rule in `tool.driver.rules`,
//! one result per finding, unreadable files (and files `check --fix` could not rewrite,
//! beside their results) as tool execution notifications. A run that
//! stopped before checking anything (a configuration or usage problem) is an invocation that
//! did not succeed, with the reason as a notification and the configuration file's findings,
//! if it is the problem, as results. A run that its warnings fail (`--deny-warnings`,
//! `--max-warnings`) is a successful invocation (the tool did its work; SARIF keeps
//! `executionSuccessful` for the tool's own failures) with an error notification saying why
//! the run fails.
//!
//! The log is streamed: the header and the rules in [`Emitter::begin`], each file's results
//! as it comes, the invocation in [`Emitter::end`]. Only the notifications for unreadable
//! files are kept until then (a path and a reason each), never payload texts or results.
//!
//! Regions: `startLine`/`startColumn`/`endLine`/`endColumn` are 1-based, `endColumn` the
//! column after the last character, columns counted in Unicode code points (the run says so
//! with `columnKind: unicodeCodePoints`, since SARIF's default unit is UTF-16 code units),
//! and the byte order mark is not counted. SARIF's `charOffset`/`charLength` count characters
//! from the start of the file, which a [`FileReport`] cannot give without the text, so they are
//! left out: the region carries the span exactly as `byteOffset`/`byteLength` instead (bytes
//! from the start of the file, BOM included), which SARIF allows beside the text properties
//! when both describe the same portion of the artifact.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::{Emitter, FileReport, PlacedDiagnostic, Summary};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::rule::Rule;
use crate::rule::Severity;
use crate::rules::RULES;

/// The `$schema` of the log (the one GitHub's documentation names).
pub(crate) const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where the tool is documented (`tool.driver.informationUri`).
pub(crate) const INFORMATION_URI: &str = "https://github.com/api4p-lint/api4p-lint";

/// GitHub shows at most this many characters of a rule's `fullDescription`.
const FULL_DESCRIPTION_MAX: usize = 1024;

/// The SARIF format.
#[derive(Debug, Default)]
pub struct SarifEmitter {
    results: usize,
    notifications: Vec<Notification<'static>>,
    /// An input could not be checked, or the run stopped: the invocation did not succeed.
    execution_failed: bool,
}

/// The SARIF `level` of a severity.
pub(crate) const fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a SARIF `artifactLocation.uri`: a relative reference with forward slashes (a
/// leading `./` dropped) for a relative path, a `file://` URI for an absolute one, every
/// byte a URI cannot hold percent-encoded (`<stdin>` becomes `%3Cstdin%3E`, a space `%20`, a
/// line feed `%0A`). Backslashes are separators only on Windows.
pub(crate) fn artifact_uri(path: &str) -> String {
    if cfg!(windows) {
        bytes_uri(path.replace('\\', "/").as_bytes())
    } else {
        bytes_uri(path.as_bytes())
    }
}

/// A file's path as a SARIF `artifactLocation.uri`, made of the bytes the file system has
/// (RFC 3986 percent-encodes bytes, not characters): a name that is not UTF-8 keeps its
/// bytes (`c%FE.json`), where [`FileReport::path`] shows them escaped for people.
pub(crate) fn path_uri(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        bytes_uri(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        artifact_uri(&path.to_string_lossy())
    }
}

fn bytes_uri(path: &[u8]) -> String {
    let mut rest = path;
    while let Some(r) = rest.strip_prefix(b"./") {
        rest = r;
        while let Some(r) = rest.strip_prefix(b"/") {
            rest = r;
        }
    }
    let drive =
        rest.len() >= 3 && rest[0].is_ascii_alphabetic() && rest[1] == b':' && rest[2] == b'/';
    let (mut uri, rest) = if drive {
        (format!("file:///{}:", char::from(rest[0])), &rest[2..])
    } else if rest.starts_with(b"/") {
        (String::from("file://"), rest)
    } else {
        (String::new(), rest)
    };
    for &b in rest {
        // RFC 3986 pchar without ':' (a colon in a relative reference's first segment would
        // read as a scheme), plus '/'.
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// The first paragraph of the rule's docs (its "What it checks"), on one line, at most
/// 1024 characters; the summary when the docs have none.
fn full_description(rule: &Rule) -> String {
    let docs = rule.explanation();
    let paragraph = docs
        .split("\n\n")
        .map(|p| {
            p.lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .find(|p| !p.trim().is_empty());
    let mut text = paragraph.unwrap_or_else(|| rule.summary.to_owned());
    if text.chars().count() > FULL_DESCRIPTION_MAX {
        text = text.chars().take(FULL_DESCRIPTION_MAX - 1).collect();
        text.push('…');
    }
    text
}

fn descriptor(rule: &'static Rule) -> Descriptor {
    let docs = rule.explanation();
    let docs = if docs.trim().is_empty() {
        rule.summary.to_owned()
    } else {
        docs
    };
    Descriptor {
        id: rule.code,
        name: rule.name,
        short_description: Message::new(rule.summary),
        full_description: Message::new(full_description(rule)),
        help: MultiformatMessage {
            text: docs.clone(),
            markdown: docs,
        },
        default_configuration: Configuration {
            level: level(rule.default_severity),
        },
    }
}

fn region(f: &PlacedDiagnostic) -> Region {
    Region {
        start_line: Some(f.line),
        start_column: Some(f.column),
        end_line: Some(f.end_line),
        end_column: Some(f.end_column),
        byte_offset: f.diagnostic.span.offset,
        byte_length: f.diagnostic.span.len,
    }
}

/// "Replace with "WON" (safe fix)", or for edits elsewhere than the finding's span, what
/// they do in a word.
fn fix_description(d: &Diagnostic, fix: &crate::diagnostic::Fix) -> String {
    let what = match (&d.suggestion, fix.edits.as_slice()) {
        (Some(suggestion), [edit]) if edit.span == d.span => format!("Replace with {suggestion}"),
        (_, edits) if edits.iter().all(|e| e.replacement.is_empty()) => "Remove".to_owned(),
        _ => "Edit".to_owned(),
    };
    format!("{what} ({} fix)", fix.applicability)
}

fn result<'a>(f: &'a PlacedDiagnostic, uri: &'a str) -> SarifResult<'a> {
    let d = &f.diagnostic;
    let text = match &d.help {
        Some(help) => Cow::Owned(format!("{}\nhelp: {help}", d.message)),
        None => Cow::Borrowed(d.message.as_str()),
    };
    let artifact = || ArtifactLocation {
        uri: Cow::Borrowed(uri),
    };
    // A hint is no fix a tool may apply: SARIF carries the safe and unsafe ones, each marked.
    let fixes = d
        .fix
        .as_ref()
        .filter(|fix| fix.applicability != Applicability::DisplayOnly)
        .map(|fix| {
            [Fix {
                description: Message::new(fix_description(d, fix)),
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact(),
                    replacements: fix
                        .edits
                        .iter()
                        .map(|edit| Replacement {
                            // The finding's own span has its lines and columns; another
                            // edit's place is given in bytes, which SARIF allows alone.
                            deleted_region: if edit.span == d.span {
                                region(f)
                            } else {
                                Region::bytes(edit.span)
                            },
                            inserted_content: ArtifactContent {
                                text: &edit.replacement,
                            },
                        })
                        .collect(),
                }],
                properties: FixProperties {
                    applicability: fix.applicability.as_str(),
                },
            }]
        });
    SarifResult {
        rule_id: d.code(),
        rule_index: RULES.iter().position(|r| r.code == d.code()),
        level: level(d.severity),
        message: Message::new(text),
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact(),
                region: Some(region(f)),
            },
        }],
        fixes,
        properties: ResultProperties {
            pointer: &d.pointer,
        },
    }
}

fn to_io(e: serde_json::Error) -> io::Error {
    io::Error::other(e)
}

impl SarifEmitter {
    /// What the tool could not do with the file at `uri` (read it, or rewrite it with
    /// `check --fix`): an error notification, and an invocation that did not succeed.
    fn file_failed(&mut self, why: String, uri: String) {
        self.execution_failed = true;
        self.notifications.push(Notification {
            level: "error",
            message: Message::new(Cow::Owned(why)),
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: Cow::Owned(uri),
                    },
                    region: None,
                },
            }],
        });
    }
}

impl Emitter for SarifEmitter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let tool = Tool {
            driver: Driver {
                name: "api4p-lint",
                information_uri: INFORMATION_URI,
                version: env!("CARGO_PKG_VERSION"),
                rules: RULES.iter().map(|r| descriptor(r)).collect(),
            },
        };
        write!(
            out,
            "{{\"$schema\":\"{SCHEMA_URI}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":"
        )?;
        serde_json::to_writer(&mut *out, &tool).map_err(to_io)?;
        write!(out, ",\"columnKind\":\"unicodeCodePoints\",\"results\":[")
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        let uri = match &file.disk_path {
            Some(path) => path_uri(path),
            None => artifact_uri(&file.path),
        };
        match &file.outcome {
            Err(why) => {
                self.file_failed(why.clone(), uri);
                Ok(())
            }
            Ok(findings) => {
                for f in findings {
                    if self.results > 0 {
                        out.write_all(b",")?;
                    }
                    self.results += 1;
                    serde_json::to_writer(&mut *out, &result(f, &uri)).map_err(to_io)?;
                }
                if let Some(why) = &file.not_rewritten {
                    // The findings are the file's; what was asked of the tool (rewriting
                    // it) was not done.
                    self.file_failed(format!("not rewritten: {why}"), uri);
                }
                Ok(())
            }
        }
    }

    fn run_failed(&mut self, _out: &mut dyn Write, why: &str) -> io::Result<()> {
        self.execution_failed = true;
        self.notifications.push(Notification {
            level: "error",
            message: Message::new(Cow::Owned(why.to_owned())),
            locations: Vec::new(),
        });
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if let Some(why) = summary.failure() {
            // The tool ran to the end (SARIF's `executionSuccessful` is about the tool, never
            // about what it found), but the run fails: a notification says why.
            self.notifications.push(Notification {
                level: "error",
                message: Message::new(Cow::Owned(format!("failed: {why}"))),
                locations: Vec::new(),
            });
        }
        let invocation = Invocation {
            execution_successful: !self.execution_failed,
            tool_execution_notifications: std::mem::take(&mut self.notifications),
        };
        out.write_all(b"],\"invocations\":[")?;
        serde_json::to_writer(&mut *out, &invocation).map_err(to_io)?;
        writeln!(out, "]}}]}}")
    }
}

// The SARIF objects written, in the order GitHub's documentation lists their properties.

#[derive(Debug, Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    information_uri: &'static str,
    version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: &'static str,
    short_description: Message<'static>,
    full_description: Message<'static>,
    help: MultiformatMessage,
    default_configuration: Configuration,
}

#[derive(Debug, Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Debug, Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Debug, Serialize)]
struct Message<'a> {
    text: Cow<'a, str>,
}

impl<'a> Message<'a> {
    fn new(text: impl Into<Cow<'a, str>>) -> Self {
        Self { text: text.into() }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[Fix<'a>; 1]>,
    properties: ResultProperties<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Debug, Serialize)]
struct ArtifactLocation<'a> {
    uri: Cow<'a, str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    byte_offset: usize,
    byte_length: usize,
}

impl Region {
    /// A region given by its bytes alone.
    fn bytes(span: crate::source::Span) -> Self {
        Region {
            start_line: None,
            start_column: None,
            end_line: None,
            end_column: None,
            byte_offset: span.offset,
            byte_length: span.len,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Message<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

/// How sure the fix is: `safe` or `unsafe` (a property bag's member: SARIF has no word for it).
#[derive(Debug, Serialize)]
struct FixProperties {
    applicability: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: ArtifactContent<'a>,
}

#[derive(Debug, Serialize)]
struct ArtifactContent<'a> {
    text: &'a str,
}

#[derive(Debug, Serialize)]
struct ResultProperties<'a> {
    pointer: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'static>>,
}

#[derive(Debug, Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Message<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location<'a>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(artifact_uri("payloads/lead.json"), "payloads/lead.json");
        assert_eq!(artifact_uri("./payloads/lead.json"), "payloads/lead.json");
        assert_eq!(artifact_uri(".//a.json"), "a.json");
        assert_eq!(artifact_uri("my lead #1.json"), "my%20lead%20%231.json");
        assert_eq!(artifact_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(artifact_uri("a:b.json"), "a%3Ab.json");
        assert_eq!(artifact_uri("/tmp/a.json"), "file:///tmp/a.json");
        assert_eq!(artifact_uri("C:/x/a.json"), "file:///C:/x/a.json");
        assert_eq!(artifact_uri("données/é.json"), "donn%C3%A9es/%C3%A9.json");
        assert_eq!(artifact_uri("a\nb.json"), "a%0Ab.json");
        if cfg!(windows) {
            assert_eq!(artifact_uri(r"C:\x\a.json"), "file:///C:/x/a.json");
        } else {
            assert_eq!(artifact_uri(r"a\b.json"), "a%5Cb.json");
        }
    }

    #[cfg(unix)]
    #[test]
    fn file_paths_keep_their_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let uri = |bytes: &[u8]| path_uri(Path::new(std::ffi::OsStr::from_bytes(bytes)));
        assert_eq!(uri(b"./c\xfe.json"), "c%FE.json");
        assert_eq!(uri(b"./c\xff.json"), "c%FF.json");
        assert_eq!(uri(b"dir/a\nb.json"), "dir/a%0Ab.json");
        assert_eq!(uri(b"c\\xFE.json"), "c%5CxFE.json");
        assert_eq!(uri(b"/tmp/d\xc3\xa9.json"), "file:///tmp/d%C3%A9.json");
    }

    #[test]
    fn every_rule_has_a_short_full_description() {
        for rule in RULES {
            let d = full_description(rule);
            assert!(!d.is_empty() && d.chars().count() <= FULL_DESCRIPTION_MAX);
            assert!(!d.contains('\n'), "{d}");
        }
    }
}

//! The open documents: their text and version, the linter their folder's configuration
//! gives, their kind, and the findings of their last lint, kept for code actions and hovers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use api4p_lint::config_file::FILE_NAME;
use api4p_lint::{Config, Diagnostic, Linter, PayloadKind};
use lsp_types::{
    DidChangeTextDocumentParams, DidOpenTextDocumentParams, PublishDiagnosticsParams, Range, Uri,
};

use super::super::inputs::{Excludes, Places};
use super::position::{Encoding, LineIndex};

/// One open document.
pub(crate) struct Document {
    pub(crate) text: Arc<str>,
    pub(crate) version: i32,
    /// Which opening of the document this is.
    pub(crate) generation: u64,
    pub(crate) ndjson: bool,
    /// The file's path, for a `file:` URI: where its configuration is looked for, and what
    /// `[kinds]` and `[[overrides]]` globs match.
    path: Option<PathBuf>,
    /// The kind its shape showed last: a document being typed, that no longer parses, keeps
    /// being checked as what it was.
    pub(crate) detected: Option<PayloadKind>,
    /// The findings of the version `linted_version` (none before its first lint).
    pub(crate) findings: Vec<Found>,
    pub(crate) linted_version: Option<i32>,
    /// How it was last linted: what "fix all" fixes with.
    pub(crate) settings: Option<Settings>,
    /// "Fix all safe findings" of the version `linted_version`, computed by the worker after
    /// its lint (fixing checks the text again and again: never on the main loop): the fixed
    /// text, `None` when nothing changes or it is not computed yet.
    pub(crate) fixed_all: Option<String>,
    /// Whether the worker is still fixing the version `linted_version`.
    pub(crate) fixing: bool,
    /// Whether the editor's last change to it was too large to read
    /// ([`super::transport::DROPPED_DOCUMENT`]): its text is not the editor's, so it is not
    /// checked, and changes of ranges are not applied, until the editor sends it whole.
    lost: bool,
}

/// How a document is linted: its configuration's linter, the kind `[kinds]` maps it to, and
/// the path `[[overrides]]` match (relative to the configuration's folder).
#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) linter: Linter,
    pub(crate) kind: Option<PayloadKind>,
    pub(crate) config_path: Option<String>,
}

/// A finding of a lint, placed in its document's text (NDJSON lines shifted to the file).
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) diagnostic: Diagnostic,
    /// Byte offset of the payload in the document (its line in an NDJSON file).
    pub(crate) base: usize,
    pub(crate) lsp: lsp_types::Diagnostic,
}

/// A lint to run: everything the worker needs, owned.
pub(crate) struct Job {
    pub(crate) uri: Uri,
    pub(crate) version: i32,
    /// Which opening of the document (a document closed and opened again starts its versions
    /// anew).
    pub(crate) generation: u64,
    /// The kind its shape showed last: used only while the text does not parse (being typed).
    pub(crate) detected_before: Option<PayloadKind>,
    /// Why its configuration cannot be used: then it is not checked.
    pub(crate) broken: Option<Arc<str>>,
    pub(crate) text: Arc<str>,
    pub(crate) ndjson: bool,
    pub(crate) linter: Linter,
    /// The kind `[kinds]` maps the file to.
    pub(crate) kind: Option<PayloadKind>,
    /// Whether `kind` comes from the configuration (a mapped file is always reported).
    pub(crate) mapped: bool,
    /// The path `[[overrides]]` match: relative to the configuration's folder.
    pub(crate) config_path: Option<String>,
    /// Whether `check` would leave the file out (a default exclude such as `package.json`,
    /// an `exclude` glob, a hidden folder such as `.vscode/`): a file of no known kind then
    /// gets nothing, not even a syntax error.
    pub(crate) left_out: bool,
    pub(crate) encoding: Encoding,
}

/// A configuration as loaded: its linter and folder, or why it cannot be used.
pub(crate) struct Configured {
    linter: Linter,
    base: Option<PathBuf>,
    /// Why the configuration cannot be used: its documents are then not checked at all
    /// (checking them with the defaults would drop its `redact = true`, its `[kinds]`...).
    broken: Option<Arc<str>>,
}

/// What the worker found.
pub(crate) struct Linted {
    pub(crate) uri: Uri,
    pub(crate) version: i32,
    pub(crate) generation: u64,
    pub(crate) findings: Vec<Found>,
    /// The kind the shape showed (when none was mapped).
    pub(crate) detected: Option<PayloadKind>,
    /// Whether a [`FixedAll`] of this version follows.
    pub(crate) fixing: bool,
}

/// A document's version with every safe fix applied, which the worker sends after the
/// findings of that version ([`Linted`]): the findings are published without waiting for it.
pub(crate) struct FixedAll {
    pub(crate) uri: Uri,
    pub(crate) version: i32,
    pub(crate) generation: u64,
    /// The fixed text, `None` when nothing changes.
    pub(crate) text: Option<String>,
}

/// What the worker sends back.
pub(crate) enum Done {
    Linted(Linted),
    FixedAll(FixedAll),
}

/// Where a project's exclude globs are relative to, and the globs.
type LeftOut = (Places, Excludes);

pub(crate) struct Documents {
    open: HashMap<Uri, Document>,
    /// The linter of each configuration file (`None`: no configuration, the defaults), loaded
    /// once until an `api4p-lint.toml` changes.
    linters: HashMap<Option<PathBuf>, Arc<Configured>>,
    pub(crate) encoding: Encoding,
    /// Configurations that could not be used, for the editor to show (taken by the server).
    pub(crate) problems: Vec<String>,
    /// Documents opened so far: each opening's generation.
    openings: u64,
    /// What the configurations of the open documents' folders looked like when last looked
    /// at: the file found and its size and modification time.
    seen_configurations: HashMap<PathBuf, Option<(PathBuf, u64, Option<std::time::SystemTime>)>>,
    /// The editor's workspace folders: the projects `check` would walk.
    pub(crate) roots: Vec<PathBuf>,
    /// What `check` leaves out, for each configuration file and project: built once.
    excludes: HashMap<(Option<PathBuf>, PathBuf), Option<LeftOut>>,
}

/// Whether the server lints a document of this name: JSON and NDJSON.
fn lintable(uri: &Uri) -> Option<bool> {
    let path = uri.as_str();
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    if path.ends_with(".json") {
        Some(false)
    } else if path.ends_with(".ndjson") || path.ends_with(".jsonl") {
        Some(true)
    } else {
        None
    }
}

/// Whether the URI names a configuration file.
pub(crate) fn is_configuration(uri: &Uri) -> bool {
    uri.as_str()
        .rsplit('/')
        .next()
        .is_some_and(|name| name == FILE_NAME)
}

/// The local path of a `file:` URI (percent-decoded), if it is one.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///home/...` (empty authority) or `file://localhost/home/...`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let decoded = percent_decode(rest)?;
    // A path that climbs (`..`) or is not absolute names no file whose configuration can be
    // found soundly: the document is linted, without a configuration.
    let path = Path::new(&decoded);
    if !path.is_absolute()
        || path
            .components()
            .any(|c| c == std::path::Component::ParentDir)
    {
        return None;
    }
    #[cfg(windows)]
    let decoded = decoded.trim_start_matches('/').to_owned();
    Some(PathBuf::from(decoded))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// What is wrong with a configuration, as `check` lists it: each problem at its place in the
/// file (`api4p-lint.toml:1:7: invalid configuration: unclosed table, expected `]``), with
/// its help.
fn configuration_problems(error: &api4p_lint::config_file::ConfigError) -> String {
    let report = error.report();
    let source = report.source();
    report
        .diagnostics()
        .iter()
        .map(|d| {
            let mut said = if source.text().is_empty() {
                d.message.clone()
            } else {
                let (line, column) = source.line_col(d.span.offset);
                format!("{}:{line}:{column}: {}", source.name(), d.message)
            };
            if let Some(help) = &d.help {
                said.push_str(&format!(" (help: {help})"));
            }
            said
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Replaces `range` of `text` (positions in the index's encoding) with `new`. A position past its
/// line's end is the line's end, one past the text's end the text's end, one inside a
/// character that character's start; a range that ends before it starts is empty at its
/// start. `index` is the text's, and is kept so.
fn replace(text: &mut String, index: &mut LineIndex, range: Range, new: &str) {
    let start = index.offset(text, range.start);
    let end = index.offset(text, range.end).max(start);
    text.replace_range(start..end, new);
    index.replaced(text, start, end, new.len());
}

impl Documents {
    pub(crate) fn new(encoding: Encoding) -> Self {
        Self {
            open: HashMap::new(),
            linters: HashMap::new(),
            encoding,
            problems: Vec::new(),
            openings: 0,
            seen_configurations: HashMap::new(),
            roots: Vec::new(),
            excludes: HashMap::new(),
        }
    }

    /// Opens a document; `false` when the server does not lint documents of its kind.
    pub(crate) fn open(&mut self, params: DidOpenTextDocumentParams) -> bool {
        let item = params.text_document;
        let Some(ndjson) = lintable(&item.uri) else {
            return false;
        };
        let path = file_path(&item.uri);
        self.open.insert(
            item.uri,
            Document {
                text: item.text.into(),
                version: item.version,
                generation: {
                    self.openings += 1;
                    self.openings
                },
                ndjson,
                path,
                detected: None,
                findings: Vec::new(),
                linted_version: None,
                settings: None,
                fixed_all: None,
                fixing: false,
                lost: false,
            },
        );
        true
    }

    /// Takes a change, `false` for a document it does not know. The server asks for full
    /// sync, but a client may send ranges anyway: each change applies, in order, to the text
    /// the ones before left.
    pub(crate) fn change(&mut self, params: DidChangeTextDocumentParams) -> bool {
        let encoding = self.encoding;
        let Some(document) = self.open.get_mut(&params.text_document.uri) else {
            return false;
        };
        // Copied only once a change edits a range of it; indexed once, then kept up to date
        // change by change (a notification may hold thousands).
        let mut text: Option<String> = None;
        let mut index: Option<LineIndex> = None;
        for change in params.content_changes {
            match change.range {
                None => {
                    text = Some(change.text);
                    index = None;
                    document.lost = false;
                }
                // Ranges of a text the server does not have.
                Some(_) if document.lost => {}
                Some(range) => {
                    let text = text.get_or_insert_with(|| document.text.to_string());
                    let index = index.get_or_insert_with(|| LineIndex::new(text, encoding));
                    replace(text, index, range, &change.text);
                }
            }
        }
        if let Some(text) = text {
            document.text = text.into();
        }
        document.version = params.text_document.version;
        true
    }

    /// Forgets the text of a document whose opening or change was too large to read: it is
    /// not checked again until the editor sends it whole (its diagnostics are cleared).
    pub(crate) fn forget(&mut self, uri: &Uri) {
        if let Some(document) = self.open.get_mut(uri) {
            document.text = "".into();
            document.findings.clear();
            document.linted_version = None;
            document.fixed_all = None;
            document.fixing = false;
            document.lost = true;
        }
    }

    /// Closes a document; `true` if it was open (its diagnostics are then cleared).
    pub(crate) fn close(&mut self, uri: &Uri) -> bool {
        self.open.remove(uri).is_some()
    }

    pub(crate) fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri)
    }

    pub(crate) fn uris(&self) -> Vec<Uri> {
        self.open.keys().cloned().collect()
    }

    /// Whether the configuration of an open document's folder was created, removed or
    /// changed since the last look: editors that do not tell the server (no file watcher, the
    /// configuration edited outside the editor or not attached to the server) still get the
    /// open documents checked again. A few `stat`s per open folder.
    pub(crate) fn configurations_changed(&mut self) -> bool {
        let folders: std::collections::HashSet<PathBuf> = self
            .open
            .values()
            .filter_map(|d| Some(d.path.as_deref()?.parent()?.to_path_buf()))
            .collect();
        let mut changed = false;
        for folder in folders {
            let now = Config::find(&folder).map(|file| {
                let meta = std::fs::metadata(&file).ok();
                let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
                let modified = meta.and_then(|m| m.modified().ok());
                (file, len, modified)
            });
            match self.seen_configurations.get(&folder) {
                Some(before) if *before == now => {}
                // A folder seen the first time is no change: its documents are being linted.
                None => {
                    self.seen_configurations.insert(folder, now);
                }
                Some(_) => {
                    self.seen_configurations.insert(folder, now);
                    changed = true;
                }
            }
        }
        changed
    }

    pub(crate) fn forget_configurations(&mut self) {
        self.linters.clear();
        self.excludes.clear();
    }

    /// Whether `check` would leave the file at `path` out: an exclude glob (the
    /// configuration's, else the defaults: `package.json`...) or a hidden file or folder
    /// (`.vscode/`), as a walk of its project skips it and `--force-exclude` tells it. The
    /// project is the workspace folder that holds it, else the server's working directory.
    fn left_out(&mut self, path: &Path, linter: &Linter) -> bool {
        let config_file = path.parent().and_then(Config::find);
        let root = self
            .roots
            .iter()
            .filter(|root| path.starts_with(root))
            .max_by_key(|root| root.components().count())
            .cloned()
            .or_else(|| std::env::current_dir().ok());
        let Some(root) = root else {
            return false;
        };
        let built = self
            .excludes
            .entry((config_file.clone(), root.clone()))
            .or_insert_with(|| {
                let places = Places::new(root, config_file.as_deref());
                let excludes = Excludes::new(linter.config(), &places, &[], &[]).ok()?;
                Some((places, excludes))
            });
        built.as_ref().is_some_and(|built| {
            let (places, excludes) = built;
            let located = places.locate(path);
            places.is_hidden(&located) || excludes.excludes_named(&located)
        })
    }

    /// The linter for a document at `path`: its folder's configuration, as the command line
    /// finds it (that folder, then its parents), and the configuration's folder.
    pub(crate) fn linter_for(&mut self, path: Option<&Path>) -> Arc<Configured> {
        let config_file = path.and_then(Path::parent).and_then(Config::find);
        self.linters
            .entry(config_file.clone())
            .or_insert_with(|| {
                let mut broken = None;
                let linter = match &config_file {
                    Some(file) => match Config::load(file) {
                        Ok(config) => Linter::with_config(config),
                        Err(e) => {
                            let why = format!(
                                "api4p-lint: {}; the documents it covers are not checked until \
                                 it is fixed",
                                configuration_problems(&e)
                            );
                            self.problems.push(why.clone());
                            broken = Some(why.into());
                            Linter::new()
                        }
                    },
                    None => Linter::new(),
                };
                let base = config_file
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_path_buf);
                Arc::new(Configured {
                    linter,
                    base,
                    broken,
                })
            })
            .clone()
    }

    /// The lint job for a document's current version.
    pub(crate) fn job(&mut self, uri: &Uri) -> Option<Job> {
        let document = self.open.get(uri).filter(|d| !d.lost)?;
        let path = document.path.clone();
        let configured = self.linter_for(path.as_deref());
        let (linter, base) = (&configured.linter, &configured.base);
        let config_path = match (&path, base) {
            (Some(path), Some(base)) => path
                .strip_prefix(base)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/")),
            _ => None,
        };
        let mapped = config_path
            .as_deref()
            .and_then(|p| linter.config().kind_for(p));
        let left_out = path
            .as_deref()
            .is_some_and(|path| self.left_out(path, &configured.linter));
        let document = self.open.get_mut(uri)?;
        // No fix-all with the defaults of a configuration that cannot be used.
        document.settings = configured.broken.is_none().then(|| Settings {
            linter: linter.clone(),
            kind: mapped,
            config_path: config_path.clone(),
        });
        Some(Job {
            uri: uri.clone(),
            version: document.version,
            generation: document.generation,
            text: document.text.clone(),
            ndjson: document.ndjson,
            linter: linter.clone(),
            kind: mapped,
            detected_before: document.detected,
            mapped: mapped.is_some(),
            config_path,
            left_out,
            encoding: self.encoding,
            broken: configured.broken.clone(),
        })
    }

    /// Takes a lint's findings, if they are of the document's current version: the
    /// diagnostics to publish.
    pub(crate) fn linted(&mut self, linted: Linted) -> Option<PublishDiagnosticsParams> {
        let document = self.open.get_mut(&linted.uri)?;
        if document.version != linted.version
            || document.generation != linted.generation
            || document.lost
        {
            return None;
        }
        document.detected = linted.detected;
        let diagnostics = linted.findings.iter().map(|f| f.lsp.clone()).collect();
        document.findings = linted.findings;
        document.linted_version = Some(linted.version);
        document.fixed_all = None;
        document.fixing = linted.fixing;
        Some(PublishDiagnosticsParams::new(
            linted.uri,
            diagnostics,
            Some(linted.version),
        ))
    }

    /// Takes "fix all" of a version, if it is the document's current one (and was linted).
    pub(crate) fn fixed_all(&mut self, fixed: FixedAll) {
        let Some(document) = self.open.get_mut(&fixed.uri) else {
            return;
        };
        if (document.version, document.generation) == (fixed.version, fixed.generation)
            && document.linted_version == Some(fixed.version)
        {
            document.fixed_all = fixed.text;
            document.fixing = false;
        }
    }

    /// Whether "fix all" of a document's current version is still being computed.
    pub(crate) fn fixing(&self, uri: &Uri) -> bool {
        self.open
            .get(uri)
            .is_some_and(|d| d.fixing && d.linted_version == Some(d.version))
    }

    /// The line index of a document's text (built per request: a request is rarer than a
    /// keystroke, and the index of a 10 MB text takes milliseconds).
    pub(crate) fn index(&self, document: &Document) -> LineIndex {
        LineIndex::new(&document.text, self.encoding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Position;

    fn range(a: (u32, u32), b: (u32, u32)) -> Range {
        Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))
    }

    #[test]
    fn ranges_replace_in_the_negotiated_units_and_are_clamped() {
        let text = "{\r\n \"é😀\": \"WONN\"\r}";
        let edit = |r: Range, new: &str, encoding: Encoding| {
            let mut edited = text.to_owned();
            let mut index = LineIndex::new(&edited, encoding);
            replace(&mut edited, &mut index, r, new);
            edited
        };
        // `WONN` is at UTF-16 units 9..13 of line 1, bytes 12..16.
        let won = text.replace("WONN", "WON");
        assert_eq!(edit(range((1, 9), (1, 13)), "WON", Encoding::Utf16), won);
        assert_eq!(edit(range((1, 12), (1, 16)), "WON", Encoding::Utf8), won);
        // The emoji alone: 2 UTF-16 units, 4 bytes.
        let party = text.replace('😀', "🎉");
        assert_eq!(edit(range((1, 3), (1, 5)), "🎉", Encoding::Utf16), party);
        assert_eq!(edit(range((1, 4), (1, 8)), "🎉", Encoding::Utf8), party);
        // Past the line's end: before its line break; past the text: its end.
        assert_eq!(
            edit(range((0, 99), (0, 99)), " ", Encoding::Utf16),
            text.replacen('{', "{ ", 1)
        );
        assert_eq!(
            edit(range((9, 0), (u32::MAX, u32::MAX)), "\n", Encoding::Utf16),
            format!("{text}\n")
        );
        // Inside the surrogate pair: from the emoji's start. Backwards: empty at the start.
        assert_eq!(
            edit(range((1, 4), (1, 5)), "x", Encoding::Utf16),
            text.replace('😀', "x")
        );
        assert_eq!(
            edit(range((1, 13), (1, 9)), "!", Encoding::Utf16),
            text.replace("WONN", "WONN!")
        );
    }

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///home/me/my%20payloads/lead%C3%A9.json"
            .parse()
            .unwrap();
        assert_eq!(
            file_path(&uri),
            Some(PathBuf::from("/home/me/my payloads/leadé.json"))
        );
        let uri: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(file_path(&uri), None);
        assert_eq!(lintable(&"file:///a/B.JSON".parse().unwrap()), Some(false));
        assert_eq!(lintable(&"file:///a/b.jsonl".parse().unwrap()), Some(true));
        assert_eq!(lintable(&"file:///a/b.toml".parse().unwrap()), None);
        assert!(is_configuration(
            &"file:///a/api4p-lint.toml".parse().unwrap()
        ));
    }

    /// 3,000 range changes in one notification to a 2 MB document: each change indexes
    /// only its own lines, and the text is what applying them one by one to a list of lines
    /// gives.
    #[test]
    fn thousands_of_range_changes_to_a_large_document_apply_in_order() {
        let line = "  {\"offerNameId\": \"X\", \"amount\": 10, \"revenueType\": \"UPFRONT\"},";
        let mut lines: Vec<String> = vec![line.to_owned(); 2_000_000 / line.len()];
        let mut documents = Documents::new(Encoding::Utf16);
        let uri: Uri = "file:///big.json".parse().unwrap();
        documents.open(DidOpenTextDocumentParams {
            text_document: lsp_types::TextDocumentItem::new(
                uri.clone(),
                "json".to_owned(),
                1,
                lines.join("\n"),
            ),
        });
        let mut next = super::super::position::pseudo_random(11);
        let news = ["", "1", "\"WON\"", "\n", ",\n  {}", "é"];
        let mut changes = Vec::new();
        for _ in 0..3_000 {
            let l0 = next(lines.len());
            let l1 = (l0 + next(2)).min(lines.len() - 1);
            let c0 = next(lines[l0].len() + 1);
            let c1 = if l1 == l0 {
                c0 + next(lines[l0].len() - c0 + 1)
            } else {
                next(lines[l1].len() + 1)
            };
            // ASCII but for `é`, written only where it is whole: counted in UTF-16 units.
            let units = |l: &str, c: usize| l[..c].encode_utf16().count() as u32;
            if !lines[l0].is_char_boundary(c0) || !lines[l1].is_char_boundary(c1) {
                continue;
            }
            let new = news[next(news.len())];
            changes.push(lsp_types::TextDocumentContentChangeEvent {
                range: Some(range(
                    (l0 as u32, units(&lines[l0], c0)),
                    (l1 as u32, units(&lines[l1], c1)),
                )),
                range_length: None,
                text: new.to_owned(),
            });
            // The reference: the lines the range touches joined, edited and split again.
            let joined = format!("{}{new}{}", &lines[l0][..c0], &lines[l1][c1..]);
            let split: Vec<String> = joined.split('\n').map(str::to_owned).collect();
            lines.splice(l0..=l1, split);
        }
        assert!(changes.len() > 2_500);
        assert!(documents.change(DidChangeTextDocumentParams {
            text_document: lsp_types::VersionedTextDocumentIdentifier::new(uri.clone(), 2),
            content_changes: changes,
        }));
        let document = documents.get(&uri).unwrap();
        assert_eq!(document.version, 2);
        assert!(*document.text == lines.join("\n"), "the texts differ");
    }
}

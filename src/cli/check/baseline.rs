//! Baselines: `check --write-baseline FILE` records a run's findings; `check --baseline FILE`
//! (or `baseline = "..."` in the configuration) leaves out the findings it holds, counts them,
//! and names its entries that no finding matched any more (stale), so that the file shrinks
//! as findings are fixed.
//!
//! A finding is known by its file, its code, its JSON Pointer and a digest of its offending
//! text (the bytes of its span) and of its message (unredacted), never by its line: an entry survives edits elsewhere in the
//! file, reformatting and moved lines. An NDJSON file's findings are known the same way, the
//! pointer being within its line: lines may move too. Equal findings are counted (a multiset),
//! so one more of them is a new finding; the first ones in the file's order are the baselined
//! ones, decided on the main thread, in input order, so that every run shows the same.
//!
//! Files are named relative to the baseline's folder, `/`-separated, so a baseline works from
//! any working directory. The file is JSON with one entry per line, sorted by file, code,
//! pointer and digest: byte-stable from run to run, and a diff of it reads as findings added
//! and gone. It holds no payload text in clear (no message, no value): a digest and a pointer
//! only. The digest is unsalted, so a short or guessable value can be found again by trying
//! candidates: the file hides values from sight, it does not keep them secret (README).

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use api4p_lint::config_file::{normalize, read_regular_file, MAX_REFERENCE_BYTES};
use api4p_lint::render::{FileReport, StaleEntry, Summary};
use api4p_lint::rule::Silencing;
use api4p_lint::Report;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::super::inputs::shown;

/// The baseline file's format version.
const VERSION: u32 = 1;
/// The most findings an entry may count: far more than a payload within any size limit
/// holds of one finding.
const MAX_COUNT: usize = 100_000_000;
/// Hexadecimal digits of SHA-256 kept in a digest: 64 bits, enough to tell apart the
/// findings with the same file, code and pointer.
const DIGEST_DIGITS: usize = 16;

/// A finding's identity within its file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    code: String,
    pointer: String,
    digest: String,
}

/// One line of the file: a finding and how many times it occurs.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    code: String,
    pointer: String,
    digest: String,
    count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    entries: Vec<Entry>,
}

/// The digest of a finding's offending text.
fn digest(text: &[u8]) -> String {
    let hash = Sha256::digest(text);
    let mut hex = String::with_capacity(DIGEST_DIGITS);
    for byte in hash.iter().take(DIGEST_DIGITS / 2) {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// Adds the digests of `report`'s findings to `file`, which has just added them: done by the
/// task that checked the payload, the only one that has its text (`plain`, as read: a
/// redacted report's own text is masked, and a baseline matches whether or not a run
/// redacts).
pub(super) fn add_digests(file: &mut FileReport, report: &Report<'_>, plain: &[u8]) {
    if file.outcome.is_err() {
        return;
    }
    let text = if report.source().is_redacted() {
        plain
    } else {
        report.source().text().as_bytes()
    };
    let bytes = |span: api4p_lint::Span| text.get(span.offset..span.end()).unwrap_or_default();
    for d in report.diagnostics() {
        // The offending text, and the texts of the places that explain the finding: an
        // `A4P201` on the same `forecastCategory` under another `status` is another finding.
        let mut hashed = bytes(d.span).to_vec();
        for label in &d.secondary {
            hashed.push(0x1f);
            hashed.extend_from_slice(bytes(label.span));
        }
        // And its message, as worded unredacted: the same key missing another property, a
        // summary ("2 more duplicate keys") whose count grew, is another finding.
        hashed.push(0x1e);
        hashed.extend_from_slice(&d.plain_message_fingerprint().to_be_bytes());
        file.digests.push(digest(&hashed));
    }
}

/// What a run does with baselines: reads one, writes one, both, or neither.
#[derive(Debug, Default)]
pub(super) struct Baseline {
    /// The baseline read: for each file, what is left to match of each entry.
    read: Option<Read>,
    /// The findings recorded for `--write-baseline`.
    written: Option<Written>,
}

/// The findings recorded for `--write-baseline`: by file and identity, with their counts.
#[derive(Debug)]
struct Written {
    naming: Naming,
    findings: BTreeMap<(String, Key), usize>,
    /// The findings never baselined (of payloads that could not be checked), which fail
    /// every run: how many, and how many are errors.
    not_recorded: (usize, usize),
    /// The files of those findings, in input order, each once.
    not_recorded_files: Vec<String>,
}

#[derive(Debug)]
struct Read {
    naming: Naming,
    files: HashMap<String, Entries>,
}

/// A file's entries: what is left to match of each.
#[derive(Debug, Default)]
struct Entries {
    left: BTreeMap<Key, usize>,
    /// The entries by their place's shape ([`shape`]): built once a finding of the file finds
    /// no entry at its own place. Each list is in reverse order, its exhausted entries
    /// popped as met.
    by_shape: Option<HashMap<Key, Vec<Key>>>,
}

impl Entries {
    /// Matches a finding known as `key` at its own place.
    fn take(&mut self, key: &Key) -> bool {
        match self.left.get_mut(key) {
            Some(left) if *left > 0 => {
                *left -= 1;
                true
            }
            _ => false,
        }
    }

    /// Matches a finding known as `key` with an entry of another place of its shape: an
    /// array item that moved (an offer line inserted or removed before it) is the same
    /// finding under another index.
    fn take_moved(&mut self, key: &Key) -> bool {
        let left = &mut self.left;
        let by_shape = self.by_shape.get_or_insert_with(|| {
            let mut by_shape: HashMap<Key, Vec<Key>> = HashMap::new();
            for key in left.keys().rev() {
                by_shape.entry(shape(key)).or_default().push(key.clone());
            }
            by_shape
        });
        let Some(candidates) = by_shape.get_mut(&shape(key)) else {
            return false;
        };
        while let Some(entry) = candidates.last() {
            match left.get_mut(entry) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    return true;
                }
                _ => {
                    candidates.pop();
                }
            }
        }
        false
    }
}

/// A key with its pointer's array indices (the segments of digits only) as `*`.
fn shape(key: &Key) -> Key {
    let pointer = key
        .pointer
        .split('/')
        .map(|segment| {
            if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    Key {
        code: key.code.clone(),
        pointer,
        digest: key.digest.clone(),
    }
}

/// A file as reports name it, and its path on disk (none for standard input).
pub(super) type Named<'a> = (&'a str, Option<&'a Path>);

/// How a file is named in a baseline: relative to the baseline's folder.
#[derive(Debug)]
struct Naming {
    cwd: PathBuf,
    folder: PathBuf,
}

impl Naming {
    fn new(baseline: &Path) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let located = normalize(&cwd.join(baseline));
        let folder = located.parent().map(Path::to_path_buf).unwrap_or_default();
        Naming { cwd, folder }
    }

    /// `file`'s name in the baseline: its path relative to the baseline's folder (with `..`
    /// when outside it), `/`-separated; standard input named with `--stdin-filename` as that
    /// path (relative to the working directory), else as `<stdin>`.
    fn name(&self, (shown, disk_path): Named<'_>) -> String {
        let path = match disk_path {
            Some(path) => path,
            None if shown == "<stdin>" => return shown.to_owned(),
            None => Path::new(shown),
        };
        let located = normalize(&self.cwd.join(path));
        let base: Vec<Component> = self.folder.components().collect();
        let target: Vec<Component> = located.components().collect();
        let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
        let mut parts: Vec<String> = vec!["..".to_owned(); base.len() - common];
        parts.extend(
            target[common..]
                .iter()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        );
        parts.join("/")
    }
}

impl Baseline {
    /// The baseline to read (`--baseline`, else the configuration's) and the one to write.
    /// An error says why the one to read cannot be used.
    pub(super) fn new(read: Option<&Path>, write: Option<&Path>) -> Result<Self, String> {
        let read = read
            .map(|path| {
                load(path)
                    .map(|files| Read {
                        naming: Naming::new(path),
                        files,
                    })
                    .map_err(|why| format!("cannot use the baseline {}: {why}", shown(path)))
            })
            .transpose()?;
        Ok(Baseline {
            read,
            written: write.map(|path| Written {
                naming: Naming::new(path),
                findings: BTreeMap::new(),
                not_recorded: (0, 0),
                not_recorded_files: Vec::new(),
            }),
        })
    }

    /// Whether a baseline is read.
    pub(super) fn reads(&self) -> bool {
        self.read.is_some()
    }

    /// Whether the tasks must compute the findings' digests.
    pub(super) fn needs_digests(&self) -> bool {
        self.read.is_some() || self.written.is_some()
    }

    /// A whole file, or the next part of one (an NDJSON file's lines), of the file `named`:
    /// records its findings, then leaves out the baselined ones.
    pub(super) fn part(&mut self, part: &mut FileReport, named: Named<'_>, summary: &mut Summary) {
        let Ok(findings) = &part.outcome else {
            return;
        };
        if findings.len() != part.digests.len() {
            return;
        }
        // A payload that could not be read or checked (not JSON, not UTF-8, too large, of no
        // known kind) is never baselined: its finding's text says nothing of what it hides
        // (an empty or cut file has the same), and such a finding is never silenced.
        // Nor is a file whose name is not UTF-8: the baseline, JSON, could name it only
        // approximately, and two such files alike.
        let utf8_name = named.1.is_none_or(|path| path.to_str().is_some());
        let silenceable: Vec<bool> = findings
            .iter()
            .map(|f| utf8_name && f.diagnostic.rule.silencing == Silencing::Anywhere)
            .collect();
        let keys: Vec<Key> = findings
            .iter()
            .zip(&part.digests)
            .map(|(f, digest)| Key {
                code: f.diagnostic.code().to_owned(),
                pointer: f.diagnostic.pointer.clone(),
                digest: digest.clone(),
            })
            .collect();
        if let Some(written) = &mut self.written {
            for (f, _) in findings.iter().zip(&silenceable).filter(|(_, s)| !**s) {
                written.not_recorded.0 += 1;
                if f.diagnostic.severity == api4p_lint::Severity::Error {
                    written.not_recorded.1 += 1;
                }
                if written.not_recorded_files.last().map(String::as_str) != Some(named.0) {
                    written.not_recorded_files.push(named.0.to_owned());
                }
            }
            let name = written.naming.name(named);
            for key in keys
                .iter()
                .zip(&silenceable)
                .filter(|(_, s)| **s)
                .map(|(k, _)| k)
            {
                *written
                    .findings
                    .entry((name.clone(), key.clone()))
                    .or_default() += 1;
            }
        }
        if let Some(read) = &mut self.read {
            let Some(entries) = read.files.get_mut(&read.naming.name(named)) else {
                return;
            };
            // Each finding at its own place first, then those left at a place their item
            // moved from: a finding that kept its place never loses its entry to one that
            // moved. (Across an NDJSON file's parts, a moved finding of an early part may
            // take the entry an unmoved one of a later part had: only in arrays within its
            // lines, and the counts stay right.)
            let mut matched: Vec<bool> = keys
                .iter()
                .zip(&silenceable)
                .map(|(key, &s)| s && entries.take(key))
                .collect();
            for (i, key) in keys.iter().enumerate() {
                if silenceable[i] && !matched[i] {
                    matched[i] = entries.take_moved(key);
                }
            }
            summary.baselined += part.retain(|i| !matched[i]);
        }
    }

    /// The end of a file checked: the entries of its file that nothing matched become its
    /// stale entries. A file that could not be read has none (it was not checked).
    pub(super) fn end(&mut self, file: &mut FileReport, summary: &mut Summary) {
        let Some(read) = &mut self.read else {
            return;
        };
        if file.outcome.is_err() {
            return;
        }
        // Taken: a file named twice has its entries matched once.
        let name = read.naming.name((&file.path, file.disk_path.as_deref()));
        let Some(entries) = read.files.remove(&name) else {
            return;
        };
        for (key, left) in entries.left {
            if left > 0 {
                summary.stale += left;
                file.stale.push(StaleEntry {
                    code: key.code,
                    pointer: key.pointer,
                    digest: key.digest,
                    count: left,
                });
            }
        }
    }

    /// The files the baseline read names, that no file checked matched, and that no longer
    /// exist (relative to its folder), sorted: their entries can never match again.
    pub(super) fn missing_files(&self) -> Vec<String> {
        let Some(read) = &self.read else {
            return Vec::new();
        };
        let mut missing: Vec<String> = read
            .files
            .keys()
            .filter(|file| *file != "<stdin>")
            .filter(|file| {
                std::fs::symlink_metadata(read.naming.folder.join(file))
                    .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
            })
            .cloned()
            .collect();
        missing.sort();
        missing
    }

    /// How many findings the baseline being written holds (its entries' counts summed).
    pub(super) fn written_findings(&self) -> usize {
        self.written
            .as_ref()
            .map_or(0, |w| w.findings.values().sum())
    }

    /// How many findings the baseline being written leaves out, as never baselined, how
    /// many of them are errors (they fail the runs that read it), and their files.
    pub(super) fn not_recorded(&self) -> (usize, usize, &[String]) {
        self.written.as_ref().map_or((0, 0, &[][..]), |w| {
            (w.not_recorded.0, w.not_recorded.1, &w.not_recorded_files)
        })
    }

    /// The baseline to write, as its bytes (`None` when none is asked for).
    pub(super) fn written(&self) -> Option<Vec<u8>> {
        let recorded = &self.written.as_ref()?.findings;
        let mut out = format!("{{\n  \"version\": {VERSION},\n  \"entries\": [");
        for (i, ((file, key), count)) in recorded.iter().enumerate() {
            let entry = Entry {
                file: file.clone(),
                code: key.code.clone(),
                pointer: key.pointer.clone(),
                digest: key.digest.clone(),
                count: *count,
            };
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            // Strings and numbers only: serialising cannot fail.
            out.push_str(&serde_json::to_string(&entry).unwrap_or_default());
        }
        out.push_str(if recorded.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        Some(out.into_bytes())
    }
}

/// Reads a baseline: a regular file within the size limit of the configuration's data files,
/// of this version, each entry once.
fn load(path: &Path) -> Result<HashMap<String, Entries>, String> {
    let text = read_regular_file(path, MAX_REFERENCE_BYTES)?;
    let file: File = serde_json::from_str(&text).map_err(|e| {
        format!("it is not a baseline ({e}); write one with `api4p-lint check --write-baseline`")
    })?;
    if file.version != VERSION {
        return Err(format!(
            "its version is {}, and this api4p-lint reads version {VERSION}",
            file.version
        ));
    }
    let folder = Naming::new(path).folder;
    let mut files: HashMap<String, Entries> = HashMap::new();
    for (i, entry) in file.entries.into_iter().enumerate() {
        if let Some(why) = malformed(&entry).or_else(|| roundabout(&entry.file, &folder)) {
            return Err(format!(
                "its entry {} is not one `--write-baseline` writes: {why}; write the baseline \
                 again",
                i + 1
            ));
        }
        let key = Key {
            code: entry.code,
            pointer: entry.pointer,
            digest: entry.digest,
        };
        let left = &mut files.entry(entry.file).or_default().left;
        if left.insert(key, entry.count).is_some() {
            return Err(format!(
                "its entry {} repeats an earlier one (the same file, code, pointer and \
                 digest); write the baseline again",
                i + 1
            ));
        }
    }
    Ok(files)
}

/// Why the entry's `file`, led by `..`, is not named as [`Naming::name`] names it, if it is
/// not: it leads back into the baseline's `folder` (`../here/p.json` for `p.json`).
fn roundabout(file: &str, folder: &Path) -> Option<String> {
    if !file.starts_with("../") {
        return None;
    }
    normalize(&folder.join(file))
        .starts_with(folder)
        .then(|| format!("its file {file:?} leads back into the baseline's folder"))
}

/// Why an entry is not one [`Baseline::written`] writes, if it is not: its file named
/// otherwise than relative to the baseline's folder, `/`-separated and without `.` (a name
/// that no file checked is ever given, so the entry would never match nor be stale), a code
/// or digest of another form, a count of 0.
fn malformed(entry: &Entry) -> Option<String> {
    let file = entry.file.as_str();
    let segments: Vec<&str> = file.split('/').collect();
    let ups = segments.iter().take_while(|s| **s == "..").count();
    // A backslash is a file name's own character (the names are `/`-separated everywhere).
    let named = file == "<stdin>"
        || (!file.is_empty()
            && segments[ups..]
                .iter()
                .all(|s| !s.is_empty() && *s != "." && *s != ".."));
    if !named {
        return Some(format!(
            "its file {file:?} is not a path relative to the baseline's folder, `/`-separated, \
             without `.`"
        ));
    }
    // No file's name holds a NUL; a tab or a newline, rare, may be.
    if file.contains('\0') {
        return Some(format!("its file {file:?} holds a NUL character"));
    }
    // A JSON Pointer as findings have them: empty (the root), or `/`-led segments, `~`
    // escaped as `~0` and `/` as `~1`; a segment is empty only as an empty key.
    let pointer = entry.pointer.as_str();
    let escapes_ok = pointer
        .match_indices('~')
        .all(|(i, _)| matches!(pointer.as_bytes().get(i + 1), Some(b'0' | b'1')));
    if !(pointer.is_empty() || pointer.starts_with('/')) || !escapes_ok {
        return Some(format!("its pointer {pointer:?} is not a JSON Pointer"));
    }
    let code = entry.code.as_bytes();
    if !(code.len() == 6 && code.starts_with(b"A4P") && code[3..].iter().all(u8::is_ascii_digit)) {
        return Some(format!("its code {:?} is not a rule's code", entry.code));
    }
    if entry.digest.len() != DIGEST_DIGITS
        || !entry
            .digest
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Some(format!(
            "its digest {:?} is not {DIGEST_DIGITS} lower-case hexadecimal digits",
            entry.digest
        ));
    }
    if entry.count == 0 {
        return Some("its count is 0".to_owned());
    }
    // A payload is at most a few MiB: no finding is there this many times.
    if entry.count > MAX_COUNT {
        return Some(format!("its count is over {MAX_COUNT}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_sha256_cut_to_16_hex_digits() {
        // SHA-256 of nothing begins so, on every platform and version.
        assert_eq!(digest(b""), "e3b0c44298fc1c14");
        assert_eq!(digest(b"\"WONN\"").len(), DIGEST_DIGITS);
    }

    #[test]
    fn files_are_named_from_the_baseline_folder() {
        let naming = Naming {
            cwd: PathBuf::from("/repo/sub"),
            folder: PathBuf::from("/repo/base"),
        };
        let file = |p: &'static str| (p, Some(Path::new(p)));
        assert_eq!(naming.name(file("a.json")), "../sub/a.json");
        assert_eq!(naming.name(file("../base/x/./b.json")), "x/b.json");
        assert_eq!(naming.name(("<stdin>", None)), "<stdin>");
    }
}

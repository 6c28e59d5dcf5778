//! From the command line's paths to an ordered list of inputs: files as given, folders walked
//! the way ripgrep walks them (`.gitignore`, `.ignore`, hidden files skipped, exclude globs
//! pruned; [`walk`]), globs expanded. Nothing is left out silently: what is skipped on purpose
//! is counted by reason, what cannot be read is an input that says why.

mod places;
mod walk;

use std::borrow::Cow;
use std::cell::Cell;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use api4p_lint::render::Skipped;
use api4p_lint::text::escape_controls;
use globset::GlobBuilder;

pub use places::{Excludes, Places};
use walk::Own;
use walk::{broken_link, Found, Walk, Want};
pub use walk::{FileId, Shared};

/// How a file holds its payloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One payload per file.
    Json,
    /// One payload per line (`.ndjson`, `.jsonl`).
    Ndjson,
}

impl Layout {
    pub fn of(name: &str) -> Layout {
        let ends_with = |suffix: &str| {
            name.len() >= suffix.len()
                && name.as_bytes()[name.len() - suffix.len()..]
                    .eq_ignore_ascii_case(suffix.as_bytes())
        };
        if ends_with(".ndjson") || ends_with(".jsonl") {
            Layout::Ndjson
        } else {
            Layout::Json
        }
    }
}

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, reported under `name`; `config_path` is what the configuration's
    /// globs match (from `--stdin-filename`, relative to the working directory).
    Stdin {
        name: String,
        config_path: Option<String>,
    },
    /// A file, reported under `name` (the path as walked); `config_path` is its path relative
    /// to the configuration's folder, what the configuration's globs match.
    File {
        path: PathBuf,
        name: String,
        config_path: String,
        /// The walk of a folder met it as a symbolic link: `--fix` does not write through it
        /// (a file named on the command line is written through its link, as asked).
        walked_link: bool,
        /// Where the walk of a folder met it as a regular file, links resolved (the folder's
        /// real path and the path below it): a file opened elsewhere (a link swapped in for it,
        /// or for a folder below the one walked, after the walk) is not the one walked.
        walked_at: Option<PathBuf>,
    },
    /// A path that matched nothing, or could not be read.
    Missing { name: String, why: String },
}

impl Input {
    pub fn name(&self) -> &str {
        match self {
            Input::Stdin { name, .. } | Input::File { name, .. } | Input::Missing { name, .. } => {
                name
            }
        }
    }

    /// What the configuration's `[kinds]` and `[[overrides]]` globs match for this input.
    pub fn config_path(&self) -> Option<&str> {
        match self {
            Input::Stdin { config_path, .. } => config_path.as_deref(),
            Input::File { config_path, .. } => Some(config_path),
            Input::Missing { .. } => None,
        }
    }

    /// Whether a folder walk met this file as a symbolic link.
    pub fn walked_link(&self) -> bool {
        matches!(
            self,
            Input::File {
                walked_link: true,
                ..
            }
        )
    }

    /// Where a folder's walk met this file as a regular file, links resolved.
    pub fn walked_at(&self) -> Option<&Path> {
        match self {
            Input::File { walked_at, .. } => walked_at.as_deref(),
            Input::Stdin { .. } | Input::Missing { .. } => None,
        }
    }

    /// The file's path as the file system has it (`name` is how people read it).
    pub fn disk_path(&self) -> Option<&Path> {
        match self {
            Input::File { path, .. } => Some(path),
            Input::Stdin { .. } | Input::Missing { .. } => None,
        }
    }
}

/// How the paths are expanded.
pub struct Settings {
    /// What the folder walks share.
    pub shared: Arc<Shared>,
    /// `--force-exclude`: paths named on the command line are excluded too (and skipped when
    /// hidden), as pre-commit's file names must be.
    pub force_exclude: bool,
    /// What was skipped so far, by reason (complete once the expansion ends).
    pub skipped: Cell<Skipped>,
}

impl Settings {
    fn skip(&self, skipped: &Skipped) {
        let mut total = self.skipped.get();
        total.add(skipped);
        self.skipped.set(total);
    }

    /// Whether a path named on the command line (`path` as typed, at `located`) is left out
    /// (`--force-exclude`), counted.
    fn leaves_out(&self, path: &Path, located: &Path) -> bool {
        if !self.force_exclude {
            return false;
        }
        let mut skipped = Skipped::default();
        if self.shared.places.is_hidden(located) {
            skipped.hidden = 1;
        } else if self.shared.excludes.excludes_named(located) {
            skipped.excluded = 1;
        } else if self.shared.reference.is_empty() {
            return false;
        } else {
            // The `--output` file named is refused before this: only reference files are left.
            match self.shared.own(|| std::fs::metadata(path).ok(), None) {
                Some(Own::Reference) => skipped.reference = 1,
                _ => return false,
            }
        }
        self.skip(&skipped);
        true
    }
}

pub(super) fn is_payload_name(name: &std::ffi::OsStr) -> bool {
    is_payload_file(Path::new(name))
}

fn is_payload_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["json", "ndjson", "jsonl"]
            .iter()
            .any(|known| e.eq_ignore_ascii_case(known))
    })
}

/// A path as reports show it: no leading `./`, then as [`shown`].
pub(super) fn display(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        shown(Path::new(OsStr::from_bytes(
            bytes.strip_prefix(b"./").unwrap_or(bytes),
        )))
    }
    #[cfg(not(unix))]
    {
        let text = path.to_string_lossy();
        shown(Path::new(text.strip_prefix("./").unwrap_or(&text)))
    }
}

/// A path as typed, escaped wherever the name could drive the terminal that shows it (a file
/// name in a repository nobody reviewed, a `--stdin-filename`) or make two files look alike:
/// control characters as `\u001b`, the bidirectional controls that reorder what a terminal
/// shows as `\u202e`, bytes that are not UTF-8 as `\xFE`, and so a backslash itself as `\\`
/// (on Unix it is part of a name, not a separator). Two paths never show the same. On
/// Windows, backslashes are separators and shown as `/`. Every name a report or a message
/// shows goes through it.
pub(super) fn shown(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            // Backslashes first: the escapes below hold one.
            let valid = if valid.contains('\\') {
                Cow::Owned(valid.replace('\\', "\\\\"))
            } else {
                Cow::Borrowed(valid)
            };
            push_escaped(&mut out, &valid);
            for byte in chunk.invalid() {
                let _ = write!(out, "\\x{byte:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        let text = path.to_string_lossy();
        // Separators first: the escapes hold a backslash.
        let text = if text.contains('\\') {
            Cow::Owned(text.replace('\\', "/"))
        } else {
            Cow::Borrowed(&*text)
        };
        let mut out = String::with_capacity(text.len());
        push_escaped(&mut out, &text);
        out
    }
}

/// Appends `text` with its control characters and bidirectional controls escaped.
fn push_escaped(out: &mut String, text: &str) {
    out.push_str(&escape_controls(text, |_| false));
}

/// Expands the paths, keeping their order; within a folder or glob, files are sorted. Lazy:
/// checking starts with the first file while the rest of a folder is still being walked.
/// `stdin_filename`: the name standard input is reported (and configured) as.
pub fn expand<'a>(
    paths: &'a [PathBuf],
    stdin_filename: Option<&'a str>,
    settings: &'a Settings,
) -> impl Iterator<Item = Input> + 'a {
    paths
        .iter()
        .flat_map(move |arg| expand_one(arg, stdin_filename, settings))
}

fn expand_one<'a>(
    path: &Path,
    stdin_filename: Option<&str>,
    settings: &'a Settings,
) -> Box<dyn Iterator<Item = Input> + 'a> {
    let places = &settings.shared.places;
    if path.as_os_str() == "-" {
        return Box::new(std::iter::once(Input::Stdin {
            name: stdin_filename.map_or_else(|| "<stdin>".to_owned(), |n| shown(Path::new(n))),
            config_path: stdin_filename
                .map(|name| places.config_path(&places.locate(Path::new(name)))),
        }));
    }
    if path.is_file() {
        let located = places.locate(path);
        if settings.leaves_out(path, &located) {
            return Box::new(std::iter::empty());
        }
        return Box::new(std::iter::once(Input::File {
            path: path.to_path_buf(),
            name: display(path),
            config_path: places.config_path(&located),
            walked_link: false,
            walked_at: None,
        }));
    }
    if path.is_dir() {
        if settings.leaves_out(path, &places.locate(path)) {
            return Box::new(std::iter::empty());
        }
        let walk = Walk::new(path, Want::Payloads, Arc::clone(&settings.shared));
        return Box::new(WalkInputs::new(path, path, walk, settings, |skipped| {
            format!(
                "no .json, .ndjson or .jsonl file to check in this folder{}",
                skipped_note(skipped)
            )
        }));
    }
    // A name that is there (a broken link, a FIFO) names that entry, whatever its characters;
    // only a path that names nothing may be a glob.
    let glob = path
        .to_str()
        .filter(|arg| arg.contains(['*', '?', '[', '{']))
        .filter(|_| std::fs::symlink_metadata(path).is_err());
    if let Some(arg) = glob {
        let pattern = arg.strip_prefix("./").unwrap_or(arg);
        let glob = match GlobBuilder::new(pattern).literal_separator(true).build() {
            Ok(glob) => glob,
            Err(e) => {
                return Box::new(std::iter::once(Input::Missing {
                    name: shown(path),
                    why: format!("invalid glob: {}", e.kind()),
                }))
            }
        };
        let no_match =
            |skipped: &Skipped| format!("no file matches this glob{}", skipped_note(skipped));
        let (root, max_depth) = literal_prefix(pattern);
        if !root.is_dir() {
            return Box::new(std::iter::once(Input::Missing {
                name: shown(path),
                why: no_match(&Skipped::default()),
            }));
        }
        let want = Want::Glob {
            matcher: glob.compile_matcher(),
            max_depth,
        };
        let walk = Walk::new(&root, want, Arc::clone(&settings.shared));
        return Box::new(WalkInputs::new(path, &root, walk, settings, no_match));
    }
    let why = match std::fs::metadata(path) {
        Err(e) if path.is_symlink() => broken_link(&e),
        Err(e) => e.to_string(),
        Ok(_) => "not a file or folder".to_owned(),
    };
    Box::new(std::iter::once(Input::Missing {
        name: shown(path),
        why,
    }))
}

/// `(skipped: 2 hidden, 1 ignored)`, when something was.
fn skipped_note(skipped: &Skipped) -> String {
    if skipped.is_empty() {
        String::new()
    } else {
        format!(" (skipped: {skipped})")
    }
}

/// A folder's or a glob's walk as inputs; an input saying why when it yields none.
struct WalkInputs<'a, F> {
    name: String,
    /// The folder walked, and its real path (links resolved), once a file needs it.
    root: PathBuf,
    real_root: Option<Option<PathBuf>>,
    walk: Walk,
    settings: &'a Settings,
    /// Why nothing was found, given what was skipped.
    empty: F,
    any: bool,
    done: bool,
}

impl<'a, F: Fn(&Skipped) -> String> WalkInputs<'a, F> {
    fn new(name: &Path, root: &Path, walk: Walk, settings: &'a Settings, empty: F) -> Self {
        WalkInputs {
            name: shown(name),
            root: root.to_path_buf(),
            real_root: None,
            walk,
            settings,
            empty,
            any: false,
            done: false,
        }
    }
}

impl<F: Fn(&Skipped) -> String> Iterator for WalkInputs<'_, F> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if self.done {
            return None;
        }
        match self.walk.next() {
            Some(found @ (Found::File(_) | Found::LinkedFile(_))) => {
                self.any = true;
                let (path, walked_link) = match found {
                    Found::LinkedFile(path) => (path, true),
                    Found::File(path) | Found::Unreadable(path, _) => (path, false),
                };
                let config_path = self
                    .settings
                    .shared
                    .places
                    .config_path(&self.walk.locate(&path));
                let walked_at = if walked_link {
                    None
                } else {
                    let root = &self.root;
                    let real_root = self
                        .real_root
                        .get_or_insert_with(|| std::fs::canonicalize(root).ok());
                    let below = path.strip_prefix(root).ok();
                    real_root
                        .as_ref()
                        .zip(below)
                        .map(|(real, below)| real.join(below))
                };
                Some(Input::File {
                    name: display(&path),
                    path,
                    config_path,
                    walked_link,
                    walked_at,
                })
            }
            Some(Found::Unreadable(path, why)) => {
                self.any = true;
                Some(Input::Missing {
                    name: display(&path),
                    why,
                })
            }
            None => {
                self.done = true;
                self.settings.skip(&self.walk.skipped);
                (!self.any).then(|| Input::Missing {
                    name: self.name.clone(),
                    why: (self.empty)(&self.walk.skipped),
                })
            }
        }
    }
}

/// The folder a glob's matches live under (its components up to the first with a wildcard,
/// a leading `/` kept), and how deep below it a match can be (`None` past a `**`).
fn literal_prefix(glob: &str) -> (PathBuf, Option<usize>) {
    let mut root = PathBuf::new();
    let mut components = glob.split('/').peekable();
    if glob.starts_with('/') {
        root.push("/");
        components.next();
    }
    while let Some(component) = components.next_if(|c| !c.contains(['*', '?', '[', '{'])) {
        root.push(component);
    }
    let rest: Vec<&str> = components.collect();
    let depth = (!rest.iter().any(|c| c.contains("**"))).then_some(rest.len());
    if root.as_os_str().is_empty() {
        root.push(".");
    }
    (root, depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glob_walks_from_its_literal_folder() {
        for (glob, root, depth) in [
            ("/tmp/x/d/4999*.json", "/tmp/x/d", Some(1)),
            ("../d/*.json", "../d", Some(1)),
            ("*.json", ".", Some(1)),
            ("d/*/x/*.json", "d", Some(3)),
            ("d/**/*.json", "d", None),
            ("/*.json", "/", Some(1)),
        ] {
            assert_eq!(literal_prefix(glob), (PathBuf::from(root), depth), "{glob}");
        }
    }
}

//! From the command line's paths to an ordered list of inputs: files as given, folders walked
//! the way ripgrep walks them (`.gitignore`, `.ignore`, hidden files skipped), globs expanded.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use api4p_lint::text::escape_controls;
use globset::GlobBuilder;
use ignore::WalkBuilder;

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
    /// Standard input, reported under `name`.
    Stdin { name: String },
    /// A file, reported under `name` (the path as walked).
    File { path: PathBuf, name: String },
    /// A path that matched nothing.
    Missing { name: String, why: String },
}

impl Input {
    pub fn name(&self) -> &str {
        match self {
            Input::Stdin { name } | Input::File { name, .. } | Input::Missing { name, .. } => name,
        }
    }
}

fn is_payload_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["json", "ndjson", "jsonl"]
            .iter()
            .any(|known| e.eq_ignore_ascii_case(known))
    })
}

/// A path as reports show it: `/` separators, no leading `./`, and control characters
/// escaped (`\u001b`): a file name in a repository nobody reviewed must not drive the terminal
/// that shows the report.
fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    // Separators first: the escapes hold a backslash.
    let text = if text.contains('\\') {
        Cow::Owned(text.replace('\\', "/"))
    } else {
        Cow::Borrowed(text)
    };
    escape_controls(&text, |_| false).into_owned()
}

fn walk(root: &Path) -> impl Iterator<Item = PathBuf> {
    WalkBuilder::new(root)
        .sort_by_file_name(|a, b| a.cmp(b))
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
}

/// Expands the paths, keeping their order; within a folder or glob, files are sorted. Lazy:
/// checking starts with the first file while the rest of a folder is still being walked.
pub fn expand<'a>(paths: &'a [String], stdin_name: &'a str) -> impl Iterator<Item = Input> + 'a {
    paths
        .iter()
        .flat_map(move |arg| expand_one(arg, stdin_name))
}

fn expand_one(arg: &str, stdin_name: &str) -> Box<dyn Iterator<Item = Input>> {
    if arg == "-" {
        return Box::new(std::iter::once(Input::Stdin {
            name: stdin_name.to_owned(),
        }));
    }
    let path = Path::new(arg);
    if path.is_file() {
        return Box::new(std::iter::once(Input::File {
            path: path.to_path_buf(),
            name: display(path),
        }));
    }
    if path.is_dir() {
        return Box::new(
            walk(path)
                .filter(|p| is_payload_file(p))
                .map(|p| Input::File {
                    name: display(&p),
                    path: p,
                }),
        );
    }
    if arg.contains(['*', '?', '[', '{']) {
        let glob = match GlobBuilder::new(arg.strip_prefix("./").unwrap_or(arg))
            .literal_separator(true)
            .build()
        {
            Ok(glob) => glob,
            Err(e) => {
                return Box::new(std::iter::once(Input::Missing {
                    name: arg.to_owned(),
                    why: format!("invalid glob: {}", e.kind()),
                }))
            }
        };
        let matcher = glob.compile_matcher();
        let mut matches = walk(&literal_prefix(arg))
            .filter(move |p| matcher.is_match(display(p)))
            .map(|p| Input::File {
                name: display(&p),
                path: p,
            });
        let (mut any, mut done) = (false, false);
        let name = arg.to_owned();
        return Box::new(std::iter::from_fn(move || {
            if done {
                return None;
            }
            match matches.next() {
                Some(input) => {
                    any = true;
                    Some(input)
                }
                None => {
                    done = true;
                    (!any).then(|| Input::Missing {
                        name: name.clone(),
                        why: "no file matches this glob".to_owned(),
                    })
                }
            }
        }));
    }
    let why = match std::fs::metadata(path) {
        Err(e) => e.to_string(),
        Ok(_) => "not a file or folder".to_owned(),
    };
    Box::new(std::iter::once(Input::Missing {
        name: arg.to_owned(),
        why,
    }))
}

/// The folder a glob's matches live under: its path up to the first component with a
/// wildcard.
fn literal_prefix(glob: &str) -> PathBuf {
    let mut root = PathBuf::new();
    for component in glob.split('/') {
        if component.contains(['*', '?', '[', '{']) {
            break;
        }
        root.push(component);
    }
    if root.as_os_str().is_empty() || !root.is_dir() {
        PathBuf::from(".")
    } else {
        root
    }
}

//! A folder walked the way ripgrep walks it (`.gitignore`, `.ignore`, hidden files skipped,
//! exclude globs pruned; the run's own files, `--output` and the configuration's reference
//! files, skipped), with nothing left out silently: what it skips on purpose is counted
//! by reason, and what it cannot read is reported.
//!
//! The `ignore` crate does not say what it skipped, and asking it about every file would mean
//! walking ignored trees (a `node_modules`) to no use. So the walk counts, per folder, the
//! entries it yielded, and its filter counts what the exclude globs pruned; when the walk has
//! left a folder, one `read_dir` lists the folder's entries: those it did not yield are hidden
//! (a name starting with a dot), excluded (counted by the filter), else ignored by an ignore
//! file. A folder not descended counts as one entry. Only entries that would have been
//! checked count: folders, and files named like payloads (or matching the glob).

use std::collections::VecDeque;
use std::ffi::OsStr;
use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use api4p_lint::render::Skipped;
use globset::GlobMatcher;
use ignore::WalkBuilder;

use super::places::{is_hidden_name, Excludes, Places};
use super::{display, is_payload_name};

/// A file's identity: device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    pub fn of(metadata: &Metadata) -> FileId {
        FileId {
            dev: metadata.dev(),
            ino: metadata.ino(),
        }
    }
}

/// What a walk is for.
#[derive(Debug)]
pub enum Want {
    /// Files named like payloads (`.json`, `.ndjson`, `.jsonl`).
    Payloads,
    /// Files whose path as shown matches the glob; folders deeper than `max_depth` (below the
    /// walk's root) cannot hold a match and are not descended.
    Glob {
        matcher: GlobMatcher,
        max_depth: Option<usize>,
    },
}

impl Want {
    /// Whether an entry of this kind, `depth` below the walk's root, counts when it is
    /// skipped: a folder (that the walk would descend), or a file the walk is for. `path`
    /// is asked for only when the glob needs it.
    fn counts(
        &self,
        name: &OsStr,
        kind: Kind,
        depth: usize,
        path: impl FnOnce() -> PathBuf,
    ) -> bool {
        // A repository's own `.git` folder holds no payload: skipping it is not news, and
        // counting it would put a `skipped: 1 hidden` note on every run from a checkout.
        if kind == Kind::Folder && name == ".git" {
            return false;
        }
        match (self, kind) {
            (Want::Payloads, Kind::Folder) => true,
            (Want::Payloads, _) => is_payload_name(name),
            (Want::Glob { max_depth, .. }, Kind::Folder) => max_depth.is_none_or(|m| depth < m),
            (Want::Glob { matcher, .. }, _) => matcher.is_match(display(&path())),
        }
    }
}

/// What the walk settings share with the `ignore` walker's filter (which must be `'static`).
pub struct Shared {
    pub places: Places,
    pub excludes: Excludes,
    /// The `--output` file, when it exists: skipped, never checked.
    pub output: Option<FileId>,
    /// The files the configuration read (`portfolio-file`): skipped, never checked.
    pub reference: Vec<FileId>,
}

/// A file of the run's own that a walk meets: skipped, never checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Own {
    /// The `--output` file (the report of an earlier run).
    Output,
    /// A file the configuration read its reference data from.
    Reference,
}

impl Shared {
    /// Which of the run's own files the file with this `metadata` is, if any. `ino`, the
    /// directory entry's inode when the walk has it for free, spares a `stat` when it
    /// matches none of them.
    pub fn own(
        &self,
        metadata: impl FnOnce() -> Option<Metadata>,
        ino: Option<u64>,
    ) -> Option<Own> {
        if self.output.is_none() && self.reference.is_empty() {
            return None;
        }
        if let Some(ino) = ino {
            if self.output.is_none_or(|o| o.ino != ino)
                && self.reference.iter().all(|r| r.ino != ino)
            {
                return None;
            }
        }
        let id = FileId::of(&metadata()?);
        if self.output == Some(id) {
            Some(Own::Output)
        } else if self.reference.contains(&id) {
            Some(Own::Reference)
        } else {
            None
        }
    }
}

impl Own {
    /// Counts the file in `skipped`, under its reason.
    fn count(self, skipped: &mut Skipped) {
        match self {
            Own::Output => skipped.output += 1,
            Own::Reference => skipped.reference += 1,
        }
    }
}

/// One thing found.
#[derive(Debug)]
pub enum Found {
    /// A file to check.
    File(PathBuf),
    /// A file to check that the walk met as a symbolic link (to a file anywhere): checked,
    /// never rewritten by `--fix` (the link may lead out of the tree walked).
    LinkedFile(PathBuf),
    /// An entry that could not be read, and why.
    Unreadable(PathBuf, String),
}

/// What an entry is, symbolic links followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Folder,
    /// A regular file.
    File,
    /// A FIFO, socket or device.
    Other,
    /// A symbolic link to nothing (or to itself).
    Broken,
}

/// A folder the walk is in: what it yielded of it so far.
struct Open {
    path: PathBuf,
    depth: usize,
    /// Entries yielded that count (see [`Walk::counts`]), hidden or not.
    yielded_hidden: usize,
    yielded_plain: usize,
}

/// The walk of one folder (a folder argument, or a glob's literal prefix).
pub struct Walk {
    walk: ignore::Walk,
    /// The folder as typed, and where it is (see [`Places::locate`]).
    root: PathBuf,
    located_root: PathBuf,
    want: Arc<Want>,
    shared: Arc<Shared>,
    open: Vec<Open>,
    ready: VecDeque<Found>,
    /// Counted entries pruned by the exclude globs (counted by the walk's filter).
    excluded: Arc<AtomicUsize>,
    /// Counted entries neither yielded nor hidden: excluded or ignored.
    not_yielded: usize,
    /// What this walk skipped (complete once it has ended).
    pub skipped: Skipped,
    done: bool,
}

impl Walk {
    pub fn new(root: &Path, want: Want, shared: Arc<Shared>) -> Walk {
        let located_root = shared.places.locate(root);
        let mut builder = WalkBuilder::new(root);
        builder
            .sort_by_file_name(|a, b| a.cmp(b))
            .require_git(false);
        if let Want::Glob {
            max_depth: Some(depth),
            ..
        } = want
        {
            builder.max_depth(Some(depth));
        }
        let want = Arc::new(want);
        let excluded = Arc::new(AtomicUsize::new(0));
        let (filter, filter_want, filter_excluded) = (
            Arc::clone(&shared),
            Arc::clone(&want),
            Arc::clone(&excluded),
        );
        let (walk_root, walk_located) = (root.to_path_buf(), located_root.clone());
        // Called after the ignore files and the hidden check, for what they let through.
        builder.filter_entry(move |entry| {
            let excludes = &filter.excludes;
            let out = if excludes.needs_path() {
                excludes.matches(&relocate(&walk_root, &walk_located, entry.path()))
            } else {
                excludes.matches_name(entry.file_name())
            };
            if out {
                let kind = match entry.file_type() {
                    Some(t) if t.is_dir() => Kind::Folder,
                    Some(t) if t.is_file() => Kind::File,
                    Some(t) if t.is_symlink() => {
                        kind_of(std::fs::metadata(entry.path()).as_ref().ok())
                    }
                    _ => Kind::Other,
                };
                let path = || entry.path().to_path_buf();
                if filter_want.counts(entry.file_name(), kind, entry.depth(), path) {
                    filter_excluded.fetch_add(1, Ordering::Relaxed);
                }
            }
            !out
        });
        Walk {
            walk: builder.build(),
            root: root.to_path_buf(),
            located_root,
            want,
            shared,
            open: Vec::new(),
            ready: VecDeque::new(),
            excluded,
            not_yielded: 0,
            skipped: Skipped::default(),
            done: false,
        }
    }

    /// Where a walked path is (its located root joined with the rest).
    pub fn locate(&self, path: &Path) -> PathBuf {
        relocate(&self.root, &self.located_root, path)
    }

    fn counts(&self, path: &Path, name: &OsStr, kind: Kind, depth: usize) -> bool {
        self.want.counts(name, kind, depth, || path.to_path_buf())
    }

    /// Leaves the folders at `depth` or deeper: the walk is done with them.
    fn close_from(&mut self, depth: usize) {
        while self.open.last().is_some_and(|o| o.depth >= depth) {
            if let Some(open) = self.open.pop() {
                self.classify(&open);
            }
        }
    }

    /// Counts the entries of a folder the walk left that it did not yield.
    fn classify(&mut self, open: &Open) {
        let Ok(entries) = std::fs::read_dir(&open.path) else {
            // The walk reported why it could not read it.
            return;
        };
        let (mut hidden, mut plain) = (0, 0);
        for entry in entries.flatten() {
            let name = entry.file_name();
            let path = || open.path.join(&name);
            let kind = match entry.file_type() {
                Ok(t) if t.is_dir() => Kind::Folder,
                Ok(t) if t.is_file() => Kind::File,
                Ok(t) if t.is_symlink() => kind_of(std::fs::metadata(path()).as_ref().ok()),
                Ok(_) => Kind::Other,
                Err(_) => continue,
            };
            if !self.want.counts(&name, kind, open.depth + 1, path) {
                continue;
            }
            if is_hidden_name(&name) {
                hidden += 1;
            } else {
                plain += 1;
            }
        }
        // Saturating: a folder that changed since the walk read it must not underflow.
        self.skipped.hidden += usize::saturating_sub(hidden, open.yielded_hidden);
        self.not_yielded += usize::saturating_sub(plain, open.yielded_plain);
    }

    /// The walk has ended: what was neither yielded nor hidden was excluded, else ignored.
    fn finish(&mut self) {
        self.close_from(0);
        let excluded = self.excluded.load(Ordering::Relaxed);
        self.skipped.excluded += excluded;
        self.skipped.ignored += self.not_yielded.saturating_sub(excluded);
        self.done = true;
    }

    /// Notes an entry the walk yielded in its folder's counts.
    fn note_yielded(&mut self, name: &OsStr, counts: bool) {
        if let (Some(open), true) = (self.open.last_mut(), counts) {
            if is_hidden_name(name) {
                open.yielded_hidden += 1;
            } else {
                open.yielded_plain += 1;
            }
        }
    }

    fn entry(&mut self, entry: ignore::DirEntry) {
        let depth = entry.depth();
        self.close_from(depth);
        // `entry.error()` would hold an ignore file's bad patterns (they skip nothing); an
        // ignore file that cannot be read is dropped by the crate: its rules do not apply, so
        // more is checked, never less.
        let Some(file_type) = entry.file_type() else {
            return;
        };
        let path = entry.path();
        let name = entry.file_name();
        // The folder named on the command line through a symbolic link is walked as the
        // folder it is, not skipped as a linked folder met in a walk.
        let root_link = depth == 0
            && file_type.is_symlink()
            && std::fs::metadata(path).is_ok_and(|m| m.is_dir());
        if file_type.is_dir() || root_link {
            if depth > 0 {
                let counts = self.counts(path, name, Kind::Folder, depth);
                self.note_yielded(name, counts);
            }
            if let Want::Glob {
                max_depth: Some(max),
                ..
            } = *self.want
            {
                if depth >= max {
                    // Not descended: nothing in it could match.
                    return;
                }
            }
            self.open.push(Open {
                path: path.to_path_buf(),
                depth,
                yielded_hidden: 0,
                yielded_plain: 0,
            });
            return;
        }
        if file_type.is_file() {
            let counts = self.counts(path, name, Kind::File, depth);
            self.note_yielded(name, counts);
            if !counts {
                return;
            }
            match self
                .shared
                .own(|| std::fs::metadata(path).ok(), entry.ino())
            {
                Some(own) => own.count(&mut self.skipped),
                None => self.ready.push_back(Found::File(entry.into_path())),
            }
            return;
        }
        // A symbolic link (not followed by the walk) or a special file.
        let metadata = if file_type.is_symlink() {
            std::fs::metadata(path)
        } else {
            entry.metadata().map_err(std::io::Error::other)
        };
        let kind = kind_of(metadata.as_ref().ok());
        let counts = self.counts(path, name, kind, depth);
        self.note_yielded(name, counts);
        match kind {
            Kind::Folder if counts => self.skipped.symlinks += 1,
            Kind::File if counts => match self.shared.own(|| metadata.ok(), None) {
                Some(own) => own.count(&mut self.skipped),
                None => self.ready.push_back(Found::LinkedFile(entry.into_path())),
            },
            Kind::Other if counts => self.ready.push_back(Found::Unreadable(
                entry.into_path(),
                "not a file or folder".to_owned(),
            )),
            // A link to nothing may have been a folder of payloads: always reported when
            // walking a folder.
            Kind::Broken if counts || matches!(*self.want, Want::Payloads) => {
                let why = match metadata {
                    Err(e) => broken_link(&e),
                    Ok(_) => "broken symbolic link".to_owned(),
                };
                self.ready
                    .push_back(Found::Unreadable(entry.into_path(), why));
            }
            _ => {}
        }
    }
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some(found) = self.ready.pop_front() {
                return Some(found);
            }
            if self.done {
                return None;
            }
            match self.walk.next() {
                Some(Ok(entry)) => self.entry(entry),
                Some(Err(err)) => {
                    let mut problems = Vec::new();
                    describe(&err, &self.root, &mut problems);
                    self.ready.extend(
                        problems
                            .into_iter()
                            .map(|(path, why)| Found::Unreadable(path, why)),
                    );
                }
                None => self.finish(),
            }
        }
    }
}

fn relocate(root: &Path, located_root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(rest) if rest.as_os_str().is_empty() => located_root.to_path_buf(),
        Ok(rest) => located_root.join(rest),
        Err(_) => located_root.join(path),
    }
}

fn kind_of(metadata: Option<&Metadata>) -> Kind {
    match metadata {
        None => Kind::Broken,
        Some(m) if m.is_dir() => Kind::Folder,
        Some(m) if m.is_file() => Kind::File,
        Some(_) => Kind::Other,
    }
}

/// Why a symbolic link cannot be followed: a link to nothing says so (the error alone, "No
/// such file or directory", would contradict the listing that shows the link).
pub fn broken_link(err: &std::io::Error) -> String {
    if err.kind() == std::io::ErrorKind::NotFound {
        format!("broken symbolic link: {err}")
    } else {
        err.to_string()
    }
}

/// The paths and reasons of a walk error.
fn describe(err: &ignore::Error, at: &Path, out: &mut Vec<(PathBuf, String)>) {
    match err {
        ignore::Error::Partial(errs) => {
            for err in errs {
                describe(err, at, out);
            }
        }
        ignore::Error::WithPath { path, err } => describe(err, path, out),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe(err, at, out);
        }
        ignore::Error::Io(e) => {
            // walkdir's errors name the path again ("IO error for operation on d/x: ..."):
            // the reason is the error they wrap, as for a file that cannot be opened.
            let why = e
                .get_ref()
                .and_then(|inner| inner.source())
                .map_or_else(|| e.to_string(), ToString::to_string);
            out.push((at.to_path_buf(), why));
        }
        ignore::Error::Loop { child, .. } => out.push((child.clone(), err.to_string())),
        other => out.push((at.to_path_buf(), other.to_string())),
    }
}

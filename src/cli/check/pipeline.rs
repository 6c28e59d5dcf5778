//! The ordered pipeline: tasks run on rayon's workers and their results are written in the
//! order the tasks were given. At most [`TASKS_PER_THREAD`] tasks per worker are in flight,
//! checked or waiting to be written, so memory does not grow with the number of files or
//! lines; there is no barrier between chunks, so the workers never wait for the slowest file
//! of a chunk or for the output. A long NDJSON file is written in parts as its lines are
//! checked when the format allows it (human, short, github); the others get its findings at
//! its end.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;

use api4p_lint::render::{Emitter, FileReport, Summary};
use indicatif::ProgressBar;

use super::baseline::Baseline;
use super::fix::{Fixing, Stamp};
use super::lines_out::{FixedLine, LinesOut};

/// Tasks in flight per worker thread (checked or waiting to be written).
const TASKS_PER_THREAD: usize = 4;
/// What a task gives back, or what the main thread puts in the output order by itself.
pub(super) enum Piece {
    /// Whole files, in input order.
    Files(Vec<FileReport>),
    /// An NDJSON file begins: its name, no findings yet, and what it was before it was read.
    Begin(FileReport, Option<Stamp>),
    /// The next lines of the NDJSON file being written, and, with `--fix` or `--diff`, those
    /// lines fixed (blank lines included); with `Job::keep_as_read`, when a fix changed one of
    /// them, their findings as read (reported instead if the file is not rewritten).
    Part(FileReport, Vec<FixedLine>, Option<Box<FileReport>>),
    /// The NDJSON file ends; why reading it failed midway, if it did.
    End(Option<String>),
}

/// Writes pieces in order: whole files with `file`, NDJSON parts with `part` (or gathered
/// for formats that do not stream).
pub(super) struct Writer<'p> {
    pub(super) emitter: Box<dyn Emitter>,
    pub(super) streams: bool,
    pub(super) summary: Summary,
    /// The NDJSON file being written: its totals (and, for formats that do not stream,
    /// its findings).
    pub(super) current: Option<FileReport>,
    pub(super) progress: &'p ProgressBar,
    /// The first input that could not be checked, and why: what a run writing its report
    /// to `--output` says on stderr when it fails.
    pub(super) first_failure: Option<(String, String)>,
    /// `--fix` or `--diff`: where the NDJSON file being written goes, fixed.
    pub(super) fixing: Option<Fixing>,
    pub(super) lines_out: Option<LinesOut>,
    /// For formats that do not stream, the parts of the NDJSON file being written, each with
    /// its lines as read when they differ: chosen, merged and baselined at the file's end,
    /// once it is known whether the file was rewritten.
    pub(super) gathered: Vec<(FileReport, Option<Box<FileReport>>)>,
    /// The baseline read (its findings left out) and the one being recorded.
    pub(super) baseline: Baseline,
}

impl Writer<'_> {
    /// Counts a whole file in the summary.
    fn count(&mut self, file: &FileReport) {
        self.summary.add(file);
        if let (None, Err(why)) = (&self.first_failure, &file.outcome) {
            self.first_failure = Some((file.path.clone(), why.clone()));
        }
    }

    fn write(&mut self, out: &mut dyn Write, piece: Piece) -> io::Result<()> {
        match piece {
            Piece::Files(files) => {
                let checked = files.len() as u64;
                for mut file in files {
                    let (path, disk_path) = (file.path.clone(), file.disk_path.clone());
                    self.baseline
                        .part(&mut file, (&path, disk_path.as_deref()), &mut self.summary);
                    self.baseline.end(&mut file, &mut self.summary);
                    self.count(&file);
                    self.emitter.file(out, &file)?;
                    self.emitter.stale(out, &file)?;
                    say_withheld_fixes(&file);
                }
                self.progress.inc(checked);
            }
            Piece::Begin(file, stamp) => {
                self.lines_out = self
                    .fixing
                    .map(|f| LinesOut::new(&file.path, file.disk_path.clone(), stamp, f.diff));
                self.current = Some(file);
            }
            Piece::Part(mut part, lines, as_read) => {
                if let Some(lines_out) = &mut self.lines_out {
                    // `--diff`'s "format" writes what the part's rendering holds: its hunks.
                    if let Some(diff) = lines_out.lines(&lines)? {
                        part.human = String::from_utf8_lossy(&diff).into_owned();
                    }
                }
                let file = self
                    .current
                    .get_or_insert_with(|| FileReport::new(&part.path));
                if self.streams {
                    self.baseline.part(
                        &mut part,
                        (&file.path, file.disk_path.as_deref()),
                        &mut self.summary,
                    );
                    self.summary.add_findings(&part);
                    self.emitter.part(out, &part)?;
                    file.merge(part.without_findings());
                } else {
                    self.gathered.push((part, as_read));
                }
            }
            Piece::End(failure) => {
                let mut file = self.current.take().unwrap_or_else(|| FileReport::new(""));
                let mut not_rewritten = None;
                if let Some(lines_out) = self.lines_out.take() {
                    let (done, rest) = lines_out.finish();
                    not_rewritten = done.err();
                    if let Some(diff) = rest {
                        file.human = String::from_utf8_lossy(&diff).into_owned();
                    }
                }
                if !self.streams {
                    for (part, as_read) in std::mem::take(&mut self.gathered) {
                        file.merge(match as_read {
                            Some(as_read) if not_rewritten.is_some() => *as_read,
                            _ => part,
                        });
                    }
                    let named = (file.path.clone(), file.disk_path.clone());
                    self.baseline.part(
                        &mut file,
                        (&named.0, named.1.as_deref()),
                        &mut self.summary,
                    );
                }
                if let Some(why) = not_rewritten {
                    // Not written back (or only in part): nothing was fixed. A file known not
                    // to be rewritable before its lines were checked has the findings of its
                    // lines as read (`ndjson::check_lines`), and so has one that fails only
                    // now (changed meanwhile, a write error, a later line over the limit) in
                    // the formats that gather a file's findings (the parts as read chosen
                    // above); the formats that stream wrote its lines' fixes out already.
                    file.fixed = 0;
                    file.applied.clear();
                    file.not_rewritten = Some(why);
                }
                if let Some(why) = failure {
                    let path = file.path.clone();
                    file.merge(FileReport::failed(path, why));
                }
                self.baseline.end(&mut file, &mut self.summary);
                self.count(&file);
                if self.streams {
                    self.emitter.end_file(out, &file)?;
                } else {
                    self.emitter.file(out, &file)?;
                }
                self.emitter.stale(out, &file)?;
                say_withheld_fixes(&file);
                self.progress.inc(1);
            }
        }
        Ok(())
    }
}

/// Tasks in flight on rayon's pool, their results written in the order they were given.
pub(super) struct Pipeline<'a, 's, 'p> {
    scope: &'a rayon::Scope<'s>,
    writer: &'a mut Writer<'p>,
    out: &'a mut dyn Write,
    sender: mpsc::Sender<(usize, thread::Result<Piece>)>,
    receiver: mpsc::Receiver<(usize, thread::Result<Piece>)>,
    /// Pieces handed out so far (the next one's number).
    given: usize,
    /// Pieces written so far (the next one to write).
    written: usize,
    /// Pieces done but not yet writable (an earlier one is still being checked).
    waiting: BTreeMap<usize, Piece>,
    window: usize,
}

impl<'a, 's, 'p> Pipeline<'a, 's, 'p> {
    pub(super) fn new(
        scope: &'a rayon::Scope<'s>,
        writer: &'a mut Writer<'p>,
        out: &'a mut dyn Write,
    ) -> Self {
        let (sender, receiver) = mpsc::channel();
        Self {
            scope,
            writer,
            out,
            sender,
            receiver,
            given: 0,
            written: 0,
            waiting: BTreeMap::new(),
            window: TASKS_PER_THREAD * rayon::current_num_threads().max(1),
        }
    }

    /// Hands a task to the workers, once there is room in the window.
    pub(super) fn spawn(&mut self, task: impl FnOnce() -> Piece + Send + 's) -> io::Result<()> {
        while self.given - self.written >= self.window {
            self.wait_one()?;
        }
        let number = self.given;
        self.given += 1;
        let sender = self.sender.clone();
        self.scope.spawn(move |_| {
            // A panic (a bug) is handed to the main thread, which would otherwise wait for
            // this result forever. The receiver is gone only when writing failed; the result
            // is not needed then.
            let result = panic::catch_unwind(AssertUnwindSafe(task));
            let _ = sender.send((number, result));
        });
        Ok(())
    }

    /// A piece that needs no checking, in its place in the order.
    pub(super) fn ready(&mut self, piece: Piece) -> io::Result<()> {
        self.waiting.insert(self.given, piece);
        self.given += 1;
        self.write_ready()
    }

    fn wait_one(&mut self) -> io::Result<()> {
        let (number, result) = self
            .receiver
            .recv()
            .map_err(|_| io::Error::other("a checking task stopped without a result"))?;
        let piece = result.unwrap_or_else(|payload| panic::resume_unwind(payload));
        self.waiting.insert(number, piece);
        self.write_ready()
    }

    fn write_ready(&mut self) -> io::Result<()> {
        while let Some(piece) = self.waiting.remove(&self.written) {
            self.written += 1;
            self.writer.write(self.out, piece)?;
        }
        Ok(())
    }

    /// Waits for every task and writes the rest.
    pub(super) fn finish(&mut self) -> io::Result<()> {
        while self.written < self.given {
            self.wait_one()?;
        }
        Ok(())
    }
}

/// Says on stderr that fixes of `file` were withheld because a payload names or holds an API
/// key: else `Fixed 0` (or `Would fix 0`) would not say why.
fn say_withheld_fixes(file: &FileReport) {
    if file.fixes_withheld {
        say!(
            "note: {}: fixes that write payload values are withheld: the payload names or holds \
             an API key, so its findings are redacted",
            file.path
        );
    }
}

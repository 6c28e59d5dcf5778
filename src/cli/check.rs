//! `api4p-lint check`: inputs in, one report per input out, in input order.
//!
//! A pipeline: the main thread walks the inputs (and reads NDJSON lines), hands out tasks (a
//! few files, or a batch of lines) to rayon's workers, and writes the results in input order
//! as they come back. At most [`TASKS_PER_THREAD`] tasks per worker are in flight, checked or
//! waiting to be written, so memory does not grow with the number of files or lines; there
//! is no barrier between chunks, so the workers never wait for the slowest file of a chunk
//! or for the output. A long NDJSON file is written in parts as its lines are checked when
//! the format allows it (human, short, github); the others get its findings at its end.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{mpsc, Arc};
use std::thread;

use api4p_lint::config::{Config, Level};
use api4p_lint::render::human::RenderOptions;
use api4p_lint::render::{Emitter, FileReport, Format, Summary};
use api4p_lint::rule::Rule;
use api4p_lint::rules::syntax::payload_too_large;
use api4p_lint::rules::RULES;
use api4p_lint::{Linter, PayloadKind, Report, Source};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::inputs::{expand, Input, Layout};
use super::output::Sink;
use super::{exit, CheckArgs, ColorChoice};

/// `.json` files checked by one task.
const FILES_PER_TASK: usize = 16;
/// NDJSON lines checked by one task, at most...
const LINES_PER_TASK: usize = 128;
/// ...and at most this many bytes of them (plus one line): with the window below, what
/// bounds the memory an NDJSON stream takes.
const BYTES_PER_TASK: usize = 1 << 20;
/// First buffer for a `.json` file: most payloads fit, so one `read` fills it and one more
/// sees the end.
const READ_CAPACITY: usize = 16 << 10;
/// Tasks in flight per worker thread (checked or waiting to be written).
const TASKS_PER_THREAD: usize = 4;
/// Inputs from which a progress bar is worth showing.
const PROGRESS_FROM: usize = 500;

struct Job<'a> {
    linter: &'a Linter,
    kind: Option<PayloadKind>,
    human: Option<RenderOptions>,
}

pub fn run(args: CheckArgs) -> u8 {
    let stdout_tty = io::stdout().is_terminal() && args.output.is_none();
    let format = args.format.unwrap_or(if stdout_tty {
        Format::Human
    } else {
        Format::Short
    });
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let render = RenderOptions {
        color,
        width: if stdout_tty { terminal_width() } else { 80 },
        ..RenderOptions::default()
    };
    let mut config = match load_config(&args) {
        Ok(config) => config,
        Err(err) => {
            eprint!(
                "{}",
                err.report().render(&RenderOptions {
                    color: io::stderr().is_terminal(),
                    ..RenderOptions::default()
                })
            );
            return exit::TROUBLE;
        }
    };
    if let Err(why) = apply_selection(&mut config, &args.select, &args.ignore) {
        eprintln!("error: {why}");
        return exit::TROUBLE;
    }
    let linter = Linter::with_config(config).with_redaction(args.redact);
    let job = Job {
        linter: &linter,
        kind: args.kind,
        human: (format == Format::Human).then_some(render),
    };
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_owned());
    let mut inputs = expand(&args.paths, &stdin_name);
    // The inputs are listed before checking only when something needs them all: a progress
    // bar (its total), or an existing `--output` file that must not be one of them.
    let existing_output = args.output.as_deref().filter(|p| p.exists());
    let listed: Option<Vec<Input>> = (io::stderr().is_terminal() || existing_output.is_some())
        .then(|| inputs.by_ref().collect());
    if let (Some(output), Some(listed)) = (existing_output, &listed) {
        if let Some(input) = checked_file(output, listed) {
            eprintln!(
                "error: --output {} is {input}, one of the files being checked; api4p-lint \
                 never writes to the files it checks",
                output.display()
            );
            return exit::TROUBLE;
        }
    }
    let total = if io::stderr().is_terminal() {
        listed.as_ref().map_or(0, Vec::len)
    } else {
        0
    };
    let mut inputs: Box<dyn Iterator<Item = Input>> = match listed {
        Some(listed) => Box::new(listed.into_iter()),
        None => Box::new(inputs),
    };

    let mut sink = match &args.output {
        Some(path) => match Sink::file(path) {
            Ok(sink) => sink,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                return exit::TROUBLE;
            }
        },
        None => Sink::stdout(),
    };
    let progress = progress_bar(total);
    let emitter = format.emitter();
    let mut writer = Writer {
        streams: emitter.streams(),
        emitter,
        summary: Summary::default(),
        current: None,
        progress: &progress,
    };
    let written = (|| -> io::Result<()> {
        writer.emitter.begin(&mut sink)?;
        rayon::in_place_scope(|scope| -> io::Result<()> {
            let mut pipeline = Pipeline::new(scope, &mut writer, &mut sink);
            let mut pending: Option<Input> = None;
            while let Some(input) = pending.take().or_else(|| inputs.next()) {
                if let Some(reader) = ndjson_reader(&input) {
                    stream_ndjson(&mut pipeline, input.name().into(), reader, &job)?;
                    continue;
                }
                let mut task = Vec::with_capacity(FILES_PER_TASK);
                task.push(input);
                while task.len() < FILES_PER_TASK {
                    match inputs.next() {
                        Some(input) if !is_ndjson(&input) => task.push(input),
                        other => {
                            pending = other;
                            break;
                        }
                    }
                }
                let job = &job;
                pipeline.spawn(move || {
                    Piece::Files(task.iter().map(|input| check_input(input, job)).collect())
                })?;
            }
            pipeline.finish()
        })?;
        writer.emitter.end(&mut sink, &writer.summary)
    })();
    let summary = writer.summary;
    progress.finish_and_clear();
    let finished = written.and_then(|()| match &args.output {
        Some(path) => sink.finish(path),
        None => sink.finish(std::path::Path::new("")),
    });
    if let Err(e) = finished {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return exit::OK;
        }
        eprintln!("error: cannot write the output: {e}");
        return exit::TROUBLE;
    }

    if summary.unreadable > 0 {
        exit::TROUBLE
    } else if summary.errors > 0
        || (args.deny_warnings && summary.warnings > 0)
        || args.max_warnings.is_some_and(|max| summary.warnings > max)
    {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// The name of the input that `output` would overwrite, if any (same file, however named).
fn checked_file(output: &std::path::Path, inputs: &[Input]) -> Option<String> {
    let output = std::fs::canonicalize(output).ok()?;
    inputs.iter().find_map(|input| match input {
        Input::File { path, name } => {
            (std::fs::canonicalize(path).ok()? == output).then(|| name.clone())
        }
        _ => None,
    })
}

fn load_config(args: &CheckArgs) -> Result<Config, api4p_lint::config_file::ConfigError> {
    match &args.config {
        Some(path) => Config::load(path),
        None => {
            let cwd = std::env::current_dir().unwrap_or_default();
            Ok(Config::discover(&cwd)?.unwrap_or_default())
        }
    }
}

/// `--select` runs only the matching rules; `--ignore` turns the matching ones off. A
/// selector is a code, a code prefix (`A4P1`) or a name.
fn apply_selection(
    config: &mut Config,
    select: &[String],
    ignore: &[String],
) -> Result<(), String> {
    let matches = |rule: &Rule, selector: &str| {
        rule.name == selector
            || rule
                .code
                .to_ascii_uppercase()
                .starts_with(&selector.to_ascii_uppercase())
    };
    for selector in select.iter().chain(ignore) {
        if !RULES.iter().any(|r| matches(r, selector)) {
            let known = RULES.iter().flat_map(|r| [r.code, r.name]);
            return Err(match api4p_lint::suggest::nearest(selector, known) {
                Some(near) => format!("no rule matches `{selector}`; did you mean `{near}`?"),
                None => format!("no rule matches `{selector}`; `api4p-lint rules` lists them"),
            });
        }
    }
    for rule in RULES {
        let selected = select.is_empty() || select.iter().any(|s| matches(rule, s));
        if !selected || ignore.iter().any(|s| matches(rule, s)) {
            config.set_level(rule, Level::Off);
        }
    }
    Ok(())
}

/// Whether the input is read as NDJSON (streamed by the main thread, not by a task).
fn is_ndjson(input: &Input) -> bool {
    !matches!(input, Input::Missing { .. }) && Layout::of(input.name()) == Layout::Ndjson
}

/// The lines of an NDJSON input, or why it cannot be read; `None` for other inputs.
fn ndjson_reader(input: &Input) -> Option<Result<Box<dyn BufRead>, String>> {
    if !is_ndjson(input) {
        return None;
    }
    Some(match input {
        Input::File { path, .. } => match std::fs::File::open(path) {
            Ok(file) => Ok(Box::new(BufReader::with_capacity(1 << 16, file))),
            Err(e) => Err(e.to_string()),
        },
        _ => Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin()))),
    })
}

/// A `.json` input (or a missing one), read and checked by a task.
fn check_input(input: &Input, job: &Job<'_>) -> FileReport {
    let name = input.name();
    let limit = job.linter.config().max_payload_bytes();
    match input {
        Input::Missing { why, .. } => FileReport::failed(name, why.clone()),
        Input::Stdin { .. } => {
            let mut bytes = Vec::new();
            match io::stdin()
                .lock()
                .take(limit as u64 + 1)
                .read_to_end(&mut bytes)
            {
                Ok(_) => check_json(name, &bytes, job),
                Err(e) => FileReport::failed(name, format!("cannot read standard input: {e}")),
            }
        }
        Input::File { path, .. } => {
            let file = match std::fs::File::open(path) {
                Ok(file) => file,
                Err(e) => return FileReport::failed(name, e.to_string()),
            };
            // No `metadata` call (a syscall per file, 10 % of the I/O of a folder of small
            // payloads): read up to the limit, and ask for the size only past it.
            let mut bytes = Vec::with_capacity(READ_CAPACITY);
            match (&file).take(limit as u64 + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() > limit => {
                    let size = file.metadata().map_or(bytes.len() as u64, |m| m.len());
                    too_large(name, size, limit, job)
                }
                Ok(_) => check_json(name, &bytes, job),
                Err(e) => FileReport::failed(name, e.to_string()),
            }
        }
    }
}

fn kind_for(name: &str, job: &Job<'_>) -> Option<PayloadKind> {
    job.kind.or_else(|| job.linter.config().kind_for(name))
}

fn check_json(name: &str, bytes: &[u8], job: &Job<'_>) -> FileReport {
    let limit = job.linter.config().max_payload_bytes();
    if bytes.len() > limit {
        return too_large(name, bytes.len() as u64, limit, job);
    }
    let report = job
        .linter
        .check(Source::from_bytes(name, bytes), kind_for(name, job));
    let mut file = FileReport::new(name);
    file.add(&report, 0, 1, job.human.as_ref());
    file
}

/// A payload over the limit, reported without reading (or parsing) it.
fn too_large(name: &str, size: u64, limit: usize, job: &Job<'_>) -> FileReport {
    let report = Report::new(
        Source::new(name, ""),
        kind_for(name, job),
        vec![payload_too_large::diagnostic(size, limit)],
    );
    let mut file = FileReport::new(name);
    file.add(&report, 0, 1, job.human.as_ref());
    file
}

/// One NDJSON line: where it starts and its bytes (without the line break).
struct Line {
    number: usize,
    offset: usize,
    bytes: Vec<u8>,
    /// The line was longer than the limit: only its first bytes were kept.
    size: Option<u64>,
}

/// Streams an NDJSON input through the pipeline: the main thread reads the lines, tasks of
/// [`LINES_PER_TASK`] lines are checked by the workers, and the parts are written in order.
fn stream_ndjson<'s>(
    pipeline: &mut Pipeline<'_, 's, '_>,
    name: Arc<str>,
    reader: Result<Box<dyn BufRead>, String>,
    job: &'s Job<'s>,
) -> io::Result<()> {
    let mut reader = match reader {
        Ok(reader) => reader,
        Err(why) => return pipeline.ready(Piece::Files(vec![FileReport::failed(&*name, why)])),
    };
    let limit = job.linter.config().max_payload_bytes();
    pipeline.ready(Piece::Begin(name.to_string()))?;
    let (mut number, mut offset) = (0usize, 0usize);
    let mut task: Vec<Line> = Vec::with_capacity(LINES_PER_TASK);
    let mut bytes = 0usize;
    let failure = loop {
        match read_line(&mut reader, limit) {
            Ok(None) => break None,
            Ok(Some((mut text, consumed, size))) => {
                number += 1;
                let start = offset;
                offset += consumed;
                while text.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                    text.pop();
                }
                if size.is_none() && text.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                bytes += text.len();
                task.push(Line {
                    number,
                    offset: start,
                    bytes: text,
                    size,
                });
                if task.len() == LINES_PER_TASK || bytes >= BYTES_PER_TASK {
                    let lines = std::mem::replace(&mut task, Vec::with_capacity(LINES_PER_TASK));
                    bytes = 0;
                    let name = Arc::clone(&name);
                    pipeline.spawn(move || Piece::Part(check_lines(&name, &lines, job)))?;
                }
            }
            Err(e) => break Some(format!("cannot read line {}: {e}", number + 1)),
        }
    };
    if !task.is_empty() {
        pipeline.spawn(move || Piece::Part(check_lines(&name, &task, job)))?;
    }
    pipeline.ready(Piece::End(failure))
}

/// Checks a batch of NDJSON lines: the part of the file they make.
fn check_lines(name: &str, lines: &[Line], job: &Job<'_>) -> FileReport {
    let limit = job.linter.config().max_payload_bytes();
    let mut part = FileReport::new(name);
    for line in lines {
        let report = match line.size {
            Some(size) => Report::new(
                Source::new(name, ""),
                kind_for(name, job),
                vec![payload_too_large::diagnostic(size, limit)],
            ),
            None => job
                .linter
                .check(Source::from_bytes(name, &line.bytes), kind_for(name, job)),
        };
        part.add(&report, line.offset, line.number, job.human.as_ref());
    }
    part
}

/// What a task gives back, or what the main thread puts in the output order by itself.
enum Piece {
    /// Whole files, in input order.
    Files(Vec<FileReport>),
    /// An NDJSON file begins.
    Begin(String),
    /// The next lines of the NDJSON file being written.
    Part(FileReport),
    /// The NDJSON file ends; why reading it failed midway, if it did.
    End(Option<String>),
}

/// Writes pieces in order: whole files with `file`, NDJSON parts with `part` (or gathered
/// for formats that do not stream).
struct Writer<'p> {
    emitter: Box<dyn Emitter>,
    streams: bool,
    summary: Summary,
    /// The NDJSON file being written: its totals (and, for formats that do not stream,
    /// its findings).
    current: Option<FileReport>,
    progress: &'p ProgressBar,
}

impl Writer<'_> {
    fn write(&mut self, out: &mut dyn Write, piece: Piece) -> io::Result<()> {
        match piece {
            Piece::Files(files) => {
                for file in &files {
                    self.summary.add(file);
                    self.emitter.file(out, file)?;
                }
                self.progress.inc(files.len() as u64);
            }
            Piece::Begin(name) => self.current = Some(FileReport::new(name)),
            Piece::Part(part) => {
                let file = self
                    .current
                    .get_or_insert_with(|| FileReport::new(&part.path));
                if self.streams {
                    self.summary.add_findings(&part);
                    self.emitter.part(out, &part)?;
                    file.merge(part.without_findings());
                } else {
                    file.merge(part);
                }
            }
            Piece::End(failure) => {
                let mut file = self.current.take().unwrap_or_else(|| FileReport::new(""));
                if let Some(why) = failure {
                    let path = file.path.clone();
                    file.merge(FileReport::failed(path, why));
                }
                self.summary.add(&file);
                if self.streams {
                    self.emitter.end_file(out, &file)?;
                } else {
                    self.emitter.file(out, &file)?;
                }
                self.progress.inc(1);
            }
        }
        Ok(())
    }
}

/// Tasks in flight on rayon's pool, their results written in the order they were given.
struct Pipeline<'a, 's, 'p> {
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
    fn new(
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
    fn spawn(&mut self, task: impl FnOnce() -> Piece + Send + 's) -> io::Result<()> {
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
    fn ready(&mut self, piece: Piece) -> io::Result<()> {
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
    fn finish(&mut self) -> io::Result<()> {
        while self.written < self.given {
            self.wait_one()?;
        }
        Ok(())
    }
}

/// One line as read: the bytes kept, the bytes consumed (line break included), and the
/// line's full size when it was over the limit.
type RawLine = (Vec<u8>, usize, Option<u64>);

/// Reads one line, keeping at most `limit + 1` bytes of it (the rest is skipped, so one huge
/// line cannot exhaust memory).
fn read_line(reader: &mut impl BufRead, limit: usize) -> io::Result<Option<RawLine>> {
    let mut kept = Vec::new();
    let mut consumed = 0usize;
    let mut newline = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            break;
        }
        let (chunk, end) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (&buffer[..=i], true),
            None => (buffer, false),
        };
        let room = (limit + 1).saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let n = chunk.len();
        consumed += n;
        reader.consume(n);
        if end {
            newline = true;
            break;
        }
    }
    if consumed == 0 {
        return Ok(None);
    }
    let content = consumed - usize::from(newline);
    let size = (kept.len() > limit).then_some(content as u64);
    Ok(Some((kept, consumed, size)))
}

fn progress_bar(total: usize) -> ProgressBar {
    if total < PROGRESS_FROM || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
        bar.set_style(style);
    }
    bar
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

//! `api4p-lint check`: inputs in, one report per input out, in input order.
//!
//! Files are checked in parallel (rayon) in bounded chunks and written as each chunk
//! completes, so output order is deterministic and memory does not grow with the number of
//! files. NDJSON is streamed in batches of lines, checked in parallel.

use std::io::{self, BufRead, BufReader, IsTerminal, Read};

use api4p_lint::config::{Config, Level};
use api4p_lint::report::human::RenderOptions;
use api4p_lint::report::{FileReport, Format, Summary};
use api4p_lint::rules::syntax::payload_too_large;
use api4p_lint::rules::{Rule, RULES};
use api4p_lint::{Linter, PayloadKind, Report, Source};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::inputs::{expand, Input, Layout};
use super::output::Sink;
use super::{exit, CheckArgs, ColorChoice};

/// Files checked between two writes of the output.
const FILES_PER_CHUNK: usize = 64;
/// NDJSON lines checked between two merges.
const LINES_PER_BATCH: usize = 2048;
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
    let linter = Linter::with_config(config);
    let job = Job {
        linter: &linter,
        kind: args.kind,
        human: (format == Format::Human).then_some(render),
    };
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_owned());
    let inputs = expand(&args.paths, &stdin_name);
    if let Some(output) = &args.output {
        if let Some(input) = checked_file(output, &inputs) {
            eprintln!(
                "error: --output {} is {input}, one of the files being checked; api4p-lint \
                 never writes to the files it checks",
                output.display()
            );
            return exit::TROUBLE;
        }
    }

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
    let progress = progress_bar(inputs.len());
    let mut emitter = format.emitter();
    let mut summary = Summary::default();
    let written = (|| -> io::Result<()> {
        emitter.begin(&mut sink)?;
        for chunk in inputs.chunks(FILES_PER_CHUNK) {
            let reports: Vec<FileReport> = chunk
                .par_iter()
                .map(|input| check_input(input, &job))
                .collect();
            for report in &reports {
                summary.add(report);
                emitter.file(&mut sink, report)?;
            }
            progress.inc(chunk.len() as u64);
        }
        emitter.end(&mut sink, &summary)
    })();
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

fn load_config(args: &CheckArgs) -> Result<Config, api4p_lint::config::ConfigError> {
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
            config.set_level(rule.code, Level::Off);
        }
    }
    Ok(())
}

fn check_input(input: &Input, job: &Job<'_>) -> FileReport {
    let name = input.name();
    match input {
        Input::Missing { why, .. } => FileReport::failed(name, why.clone()),
        Input::Stdin { .. } => {
            let limit = job.linter.config().max_payload_bytes();
            let mut bytes = Vec::new();
            let stdin = io::stdin().lock();
            match Layout::of(name) {
                Layout::Ndjson => check_ndjson(name, BufReader::new(stdin), job),
                Layout::Json => match stdin.take(limit as u64 + 1).read_to_end(&mut bytes) {
                    Ok(_) => check_json(name, &bytes, job),
                    Err(e) => FileReport::failed(name, format!("cannot read standard input: {e}")),
                },
            }
        }
        Input::File { path, .. } => {
            let file = match std::fs::File::open(path) {
                Ok(file) => file,
                Err(e) => return FileReport::failed(name, e.to_string()),
            };
            match Layout::of(name) {
                Layout::Ndjson => check_ndjson(name, BufReader::new(file), job),
                Layout::Json => {
                    let limit = job.linter.config().max_payload_bytes();
                    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
                    if size > limit as u64 {
                        return too_large(name, size, limit, job);
                    }
                    let mut bytes = Vec::with_capacity(size as usize);
                    match file.take(limit as u64 + 1).read_to_end(&mut bytes) {
                        Ok(_) => check_json(name, &bytes, job),
                        Err(e) => FileReport::failed(name, e.to_string()),
                    }
                }
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

fn check_ndjson(name: &str, mut reader: impl BufRead, job: &Job<'_>) -> FileReport {
    let limit = job.linter.config().max_payload_bytes();
    let mut file = FileReport::new(name);
    let (mut number, mut offset) = (0usize, 0usize);
    loop {
        let mut batch = Vec::with_capacity(LINES_PER_BATCH);
        let mut done = false;
        while batch.len() < LINES_PER_BATCH {
            match read_line(&mut reader, limit) {
                Ok(None) => {
                    done = true;
                    break;
                }
                Ok(Some((mut bytes, consumed, size))) => {
                    number += 1;
                    let start = offset;
                    offset += consumed;
                    while bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                        bytes.pop();
                    }
                    if size.is_none() && bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    batch.push(Line {
                        number,
                        offset: start,
                        bytes,
                        size,
                    });
                }
                Err(e) => {
                    file.merge(FileReport::failed(
                        name,
                        format!("cannot read line {}: {e}", number + 1),
                    ));
                    return file;
                }
            }
        }
        let parts: Vec<FileReport> = batch
            .par_iter()
            .map(|line| {
                let mut part = FileReport::new(name);
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
                part
            })
            .collect();
        for part in parts {
            file.merge(part);
        }
        if done {
            return file;
        }
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

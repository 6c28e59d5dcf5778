//! NDJSON inputs: read line by line on the main thread (a line over the size limit is
//! skipped, not kept), checked in tasks of lines, and written in parts as they come back.

use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

use api4p_lint::render::FileReport;
use api4p_lint::rules::syntax::invalid_json::INVALID_JSON;
use api4p_lint::rules::syntax::payload_too_large;
use api4p_lint::source::Span;
use api4p_lint::{Diagnostic, Report, Source};

use super::super::inputs::{Input, Layout};
use super::files::{kind_for, Job};
use super::fix::{changed, fix_known, rewrite_checks, Stamp};
use super::lines_out::FixedLine;
use super::pipeline::{Piece, Pipeline};

/// NDJSON lines checked by one task, at most...
const LINES_PER_TASK: usize = 128;
/// ...and at most this many bytes of them (plus one line): with the window below, what
/// bounds the memory an NDJSON stream takes.
const BYTES_PER_TASK: usize = 1 << 20;
/// Whether the main thread opens the input ([`open`]) instead of a task: NDJSON inputs
/// (streamed) and standard input (which may hold NDJSON).
pub(super) fn opened_on_main_thread(input: &Input) -> bool {
    matches!(input, Input::Stdin { .. }) || is_ndjson(input)
}

/// Whether the input is named as NDJSON.
fn is_ndjson(input: &Input) -> bool {
    !matches!(input, Input::Missing { .. }) && Layout::of(input.name()) == Layout::Ndjson
}

/// An input read on the main thread: the lines of an NDJSON input, or standard input that
/// holds a single payload.
pub(super) enum Opened {
    /// One payload per line, or why the input cannot be read; for a file, what it was
    /// before it was read (what tells `--fix` whether it changed since).
    Lines(Result<Box<dyn BufRead>, String>, Option<Stamp>),
    /// Standard input's single payload (at most the size limit and a byte), or why it cannot
    /// be read.
    Payload(Result<Vec<u8>, String>),
}

/// Opens NDJSON inputs and standard input; `None` for other inputs (checked in tasks).
pub(super) fn open(input: &Input, limit: usize) -> Option<Opened> {
    match input {
        Input::Missing { .. } => None,
        Input::File { path, .. } if is_ndjson(input) => {
            Some(match std::fs::File::open(path) {
                Ok(file) => {
                    // Taken before reading, from the handle read: an edit saved during the
                    // read changes it.
                    let stamp = file
                        .metadata()
                        .ok()
                        .map(|m| Stamp::of(&m).walked_link(input.walked_link()));
                    let reader = BufReader::with_capacity(1 << 16, file);
                    Opened::Lines(Ok(Box::new(reader)), stamp)
                }
                Err(e) => Opened::Lines(Err(e.to_string()), None),
            })
        }
        Input::File { .. } => None,
        Input::Stdin { .. } => {
            let stdin = BufReader::with_capacity(1 << 16, io::stdin());
            Some(if is_ndjson(input) {
                Opened::Lines(Ok(Box::new(stdin)), None)
            } else {
                sniff(stdin, limit)
            })
        }
    }
}

/// Standard input not named `.ndjson`: one payload, unless its first line is a whole JSON
/// value and more text follows (an NDJSON export piped in, the usual way to pass one).
fn sniff(mut stdin: BufReader<io::Stdin>, limit: usize) -> Opened {
    let failed = |e: io::Error| Opened::Payload(Err(format!("cannot read standard input: {e}")));
    // Everything read so far, given back in front of the rest of the stream.
    let mut head = Vec::new();
    let first_is_value = loop {
        match read_line(&mut stdin, limit) {
            Err(e) => return failed(e),
            Ok(None) => break false,
            Ok(Some((line, _, size))) => {
                // A BOM starts a Windows export: the stream's, not the first value's.
                let json = match head.is_empty() {
                    true => line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&line),
                    false => &line[..],
                };
                let whole =
                    size.is_none() && serde_json::from_slice::<serde::de::IgnoredAny>(json).is_ok();
                let blank = size.is_none() && json.iter().all(u8::is_ascii_whitespace);
                head.extend_from_slice(&line);
                // `limit + 2`: a first line of exactly the limit, with its `\r\n`.
                if !blank || head.len() > limit + 2 {
                    break whole;
                }
            }
        }
    };
    let mut more = false;
    while first_is_value && head.len() <= limit + 2 {
        let buffer = match stdin.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return failed(e),
        };
        if buffer.is_empty() {
            break;
        }
        if let Some(i) = buffer.iter().position(|b| !b.is_ascii_whitespace()) {
            more = true;
            head.extend_from_slice(&buffer[..i]);
            stdin.consume(i);
            break;
        }
        let n = buffer.len();
        head.extend_from_slice(buffer);
        stdin.consume(n);
    }
    if more {
        return Opened::Lines(Ok(Box::new(io::Cursor::new(head).chain(stdin))), None);
    }
    let room = (limit + 1).saturating_sub(head.len()) as u64;
    match stdin.take(room).read_to_end(&mut head) {
        Ok(_) => Opened::Payload(Ok(head)),
        Err(e) => failed(e),
    }
}

/// One NDJSON line: where it starts and its bytes (without the line break).
struct Line {
    number: usize,
    offset: usize,
    bytes: Vec<u8>,
    /// The line was longer than the limit: only its first bytes were kept.
    size: Option<u64>,
    /// Its line break, given back when the file is fixed.
    end: &'static [u8],
    /// A blank line: not checked, kept only to be given back when the file is fixed.
    blank: bool,
}

/// Streams an NDJSON input through the pipeline: the main thread reads the lines, tasks of
/// [`LINES_PER_TASK`] lines are checked by the workers, and the parts are written in order.
pub(super) fn stream_ndjson<'s>(
    pipeline: &mut Pipeline<'_, 's, '_>,
    input: &Input,
    reader: Result<Box<dyn BufRead>, String>,
    stamp: Option<Stamp>,
    job: &'s Job<'s>,
) -> io::Result<()> {
    // Only a file that may be rewritten needs to be where the walk met it (a few system
    // calls: a plain check does without).
    let stamp = match (job.fixing, input.disk_path()) {
        (Some(_), Some(path)) => stamp.map(|s| s.walked_at(path, input.walked_at())),
        _ => stamp,
    };
    let name: Arc<str> = input.name().into();
    let config_path: Option<Arc<str>> = input.config_path().map(Arc::from);
    let disk_path = input.disk_path().map(std::path::Path::to_path_buf);
    let mut reader = match reader {
        Ok(reader) => reader,
        Err(why) => {
            let file = FileReport::failed(&*name, why).with_disk_path(disk_path);
            return pipeline.ready(Piece::Files(vec![file]));
        }
    };
    let limit = job.linter.config().max_payload_bytes();
    // A file `--fix` will not be able to rewrite (read-only, not a regular file) is known
    // now: its lines are reported as read, whatever their fixes would do. `None`: no file
    // is rewritten (standard input, `--diff`, no `--fix`), except that `--diff`, which shows
    // what `--fix` would write, shows nothing of a file `--fix` would not rewrite.
    let rewritable = match (job.fixing, input.disk_path()) {
        (Some(fixing), Some(path)) if !fixing.diff => Some(rewrite_checks(path, stamp).is_ok()),
        (Some(_), Some(path)) if rewrite_checks(path, stamp).is_err() => Some(false),
        _ => None,
    };
    pipeline.ready(Piece::Begin(
        FileReport::new(&*name).with_disk_path(disk_path),
        stamp,
    ))?;
    let (mut number, mut offset, mut payloads) = (0usize, 0usize, 0usize);
    let mut task: Vec<Line> = Vec::with_capacity(LINES_PER_TASK);
    let mut bytes = 0usize;
    let failure = loop {
        match read_line(&mut reader, limit) {
            Ok(None) => break None,
            Ok(Some((mut text, consumed, size))) => {
                number += 1;
                let line_number = number;
                let start = offset;
                offset += consumed;
                // The line break (`\n` or `\r\n`) is not the payload's; a CR before it is a
                // lone CR, a line break to an editor, counted below.
                let end = FixedLine::take_end(&mut text);
                // A lone CR inside the line is a line break to an editor, and to the
                // locations of this line's findings (`Source::line_col`): the next line's
                // number counts it too.
                number += memchr::memchr_iter(b'\r', &text)
                    .filter(|&i| text.get(i + 1) != Some(&b'\n'))
                    .count();
                let blank = size.is_none() && text.iter().all(u8::is_ascii_whitespace);
                if blank && job.fixing.is_none() {
                    continue;
                }
                payloads += usize::from(!blank);
                bytes += text.len();
                task.push(Line {
                    number: line_number,
                    offset: start,
                    bytes: text,
                    size,
                    end,
                    blank,
                });
                if task.len() == LINES_PER_TASK || bytes >= BYTES_PER_TASK {
                    let lines = std::mem::replace(&mut task, Vec::with_capacity(LINES_PER_TASK));
                    bytes = 0;
                    let (name, at) = (Arc::clone(&name), config_path.clone());
                    pipeline
                        .spawn(move || check_lines(&name, at.as_deref(), lines, rewritable, job))?;
                }
            }
            Err(e) => break Some(format!("cannot read line {}: {e}", number + 1)),
        }
    };
    if payloads == 0 && failure.is_none() {
        // A gate passes no file it checked nothing in, as it passes no empty `.json` file.
        let part = no_payload(&name, config_path.as_deref(), offset == 0, job);
        pipeline.ready(Piece::Part(part, Vec::new(), None))?;
    }
    if !task.is_empty() {
        pipeline
            .spawn(move || check_lines(&name, config_path.as_deref(), task, rewritable, job))?;
    }
    pipeline.ready(Piece::End(failure))
}

/// The finding of an NDJSON input without a payload line: empty, or blank lines only.
fn no_payload(name: &str, config_path: Option<&str>, empty: bool, job: &Job<'_>) -> FileReport {
    let why = if empty {
        "it is empty"
    } else {
        "its lines are blank"
    };
    let finding = Diagnostic::new(&INVALID_JSON, "", Span::new(0, 0))
        .with_message(format!(
            "invalid JSON: the NDJSON file holds no payload: {why}"
        ))
        .with_label("no JSON value in the file")
        .with_help("an NDJSON file holds one payload per line: write them, or leave the file out");
    let report = Report::new(
        Source::new(name, ""),
        kind_for(config_path, job),
        vec![finding],
    );
    let mut part = FileReport::new(name);
    job.add(&mut part, &report, b"", 0, 1);
    // The finding is the file's, not a payload's: the file holds none.
    part.payloads = 0;
    part
}

/// Checks a batch of NDJSON lines (fixes them, with `--fix` or `--diff`): the part of the
/// file they make, the lines fixed, and (`Job::keep_as_read`, once a line changed) the part
/// as read. Lines of a file that cannot be rewritten
/// (`rewritable`: `Some(false)`), or of a batch with a line over the size limit (the file
/// cannot be written back either), are fixed only to learn whether they would change; their
/// findings are those of the line as read.
fn check_lines(
    name: &str,
    config_path: Option<&str>,
    lines: Vec<Line>,
    rewritable: Option<bool>,
    job: &Job<'_>,
) -> Piece {
    let as_read = match rewritable {
        Some(ok) => !ok || lines.iter().any(|l| l.size.is_some()),
        None => false,
    };
    let limit = job.linter.config().max_payload_bytes();
    let mut part = FileReport::new(name);
    // The same lines as read, for a format that gathers the file's findings, while the file
    // may still turn out not to be rewritten (`Job::keep_as_read`); built only once a line
    // changed (until then, it is `part`).
    let mut read_part = None;
    let keep_as_read = job.keep_as_read && rewritable == Some(true) && !as_read;
    let mut fixed_lines = Vec::new();
    for line in lines {
        let mut new = None;
        if line.blank {
            // Kept to be given back, not checked.
        } else if let Some(size) = line.size {
            let report = Report::new(
                Source::new(name, ""),
                kind_for(config_path, job),
                vec![payload_too_large::diagnostic(size, limit)],
            );
            job.add(&mut part, &report, b"", line.offset, line.number);
        } else {
            let source = Source::from_bytes(name, &line.bytes).as_ndjson_line();
            match job.fixing {
                Some(fixing) => {
                    let fixed = fix_known(name, &line.bytes, true, config_path, fixing, job);
                    let read_whole = |part: &mut FileReport| {
                        let source = Source::from_bytes(name, &line.bytes).as_ndjson_line();
                        let report =
                            job.linter
                                .check_at(source, kind_for(config_path, job), config_path);
                        job.add(part, &report, &line.bytes, line.offset, line.number);
                    };
                    if !fixed.changed() {
                        job.add_fixed(&mut part, &fixed, line.offset, line.number, fixing.redact);
                        if let Some(read) = &mut read_part {
                            job.add_fixed(read, &fixed, line.offset, line.number, fixing.redact);
                        }
                    } else if as_read {
                        read_whole(&mut part);
                    } else {
                        if keep_as_read {
                            read_whole(read_part.get_or_insert_with(|| part.clone()));
                        }
                        job.add_fixed(&mut part, &fixed, line.offset, line.number, fixing.redact);
                    }
                    new = changed(fixed);
                }
                None => {
                    let report =
                        job.linter
                            .check_at(source, kind_for(config_path, job), config_path);
                    job.add(&mut part, &report, &line.bytes, line.offset, line.number);
                }
            }
        }
        if job.fixing.is_some() {
            fixed_lines.push(FixedLine {
                old: line.bytes,
                new,
                end: line.end,
                cut: line.size.is_some(),
                number: line.number,
            });
        }
    }
    Piece::Part(part, fixed_lines, read_part.map(Box::new))
}

/// One line as read: the bytes kept, the bytes consumed (line break included), and the
/// line's full size when it was over the limit.
type RawLine = (Vec<u8>, usize, Option<u64>);

/// Reads one line, keeping at most `limit + 2` bytes of it (the rest is skipped, so one huge
/// line cannot exhaust memory).
fn read_line(reader: &mut impl BufRead, limit: usize) -> io::Result<Option<RawLine>> {
    let mut kept = Vec::new();
    let mut consumed = 0usize;
    let mut newline = false;
    // The line's last byte before its `\n`, kept or not: a `\r` there is part of the break.
    let mut last = None;
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
        let body = &chunk[..chunk.len() - usize::from(end)];
        last = body.last().copied().or(last);
        // The content up to one byte past the limit, and a line of exactly the limit with
        // its `\r\n`: a line that fits is kept whole, its break included.
        let room = (limit + 2).saturating_sub(kept.len());
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
    // The line break (`\n` or `\r\n`) is not part of the payload.
    let content = consumed - usize::from(newline) - usize::from(last == Some(b'\r'));
    let size = (content > limit).then_some(content as u64);
    Ok(Some((kept, consumed, size)))
}

//! `.json` inputs: each read (up to the size limit) and checked by a task.

use std::io::Read;
use std::path::Path;

use api4p_lint::render::human::RenderOptions;
use api4p_lint::render::FileReport;
use api4p_lint::rules::syntax::payload_too_large;
use api4p_lint::{Linter, PayloadKind, Report, Source};

use super::super::inputs::Input;
use super::fix::{fix_file, Fixing, Stamp};

/// `.json` files checked by one task.
pub(super) const FILES_PER_TASK: usize = 16;
/// First buffer for a `.json` file: most payloads fit, so one `read` fills it and one more
/// sees the end.
const READ_CAPACITY: usize = 16 << 10;
/// What every task shares: the linter, the kind given on the command line, the human
/// rendering when that format is asked for, and what `--fix`/`--diff` ask.
pub(super) struct Job<'a> {
    pub(super) linter: &'a Linter,
    pub(super) kind: Option<PayloadKind>,
    pub(super) human: Option<RenderOptions>,
    pub(super) fixing: Option<Fixing>,
    /// Whether the findings' digests are wanted (a baseline is read or written).
    pub(super) digests: bool,
    /// `--fix` in a format that gathers an NDJSON file's findings until its end (JSON,
    /// SARIF, JUnit): its lines' findings as read are kept beside what their fixes leave, to
    /// be reported if the file turns out not to be rewritten only at its end (changed
    /// meanwhile, a failed write, a later line over the size limit).
    pub(super) keep_as_read: bool,
}

impl Job<'_> {
    /// Adds `report`, a payload starting at byte `offset`, line `line` of the file, to `file`;
    /// `plain` is the payload's text as read (a redacted report's is masked).
    pub(super) fn add(
        &self,
        file: &mut FileReport,
        report: &Report<'_>,
        plain: &[u8],
        offset: usize,
        line: usize,
    ) {
        file.add(report, offset, line, self.human.as_ref());
        if self.digests {
            super::baseline::add_digests(file, report, plain);
        }
    }

    /// Adds what remains of a fixed payload (and the fixes refused) to `file`, as [`Job::add`].
    pub(super) fn add_fixed(
        &self,
        file: &mut FileReport,
        fixed: &api4p_lint::Fixed,
        offset: usize,
        line: usize,
        redact: bool,
    ) {
        file.add_fixed(fixed, offset, line, self.human.as_ref(), redact);
        // Redacted although the run does not redact: the payload names or holds an API key,
        // and the fixes that would write its values were dropped with its texts.
        // (A payload of unknown kind gets no fix anyway.)
        file.fixes_withheld |=
            !redact && fixed.remaining.source().is_redacted() && fixed.remaining.kind().is_some();
        if self.digests {
            super::baseline::add_digests(file, &fixed.remaining, fixed.text.as_bytes());
        }
    }
}

/// A `.json` input (or a missing one), read and checked by a task.
pub(super) fn check_input(input: &Input, job: &Job<'_>) -> FileReport {
    read_and_check(input, job).with_disk_path(input.disk_path().map(Path::to_path_buf))
}

fn read_and_check(input: &Input, job: &Job<'_>) -> FileReport {
    let name = input.name();
    let limit = job.linter.config().max_payload_bytes();
    match input {
        Input::Missing { why, .. } => FileReport::failed(name, why.clone()),
        // Standard input is read on the main thread (it may hold NDJSON): `ndjson::open`.
        Input::Stdin { .. } => FileReport::failed(name, "standard input was not read".to_owned()),
        Input::File { path, .. } => {
            let file = match std::fs::File::open(path) {
                Ok(file) => file,
                Err(e) => return FileReport::failed(name, e.to_string()),
            };
            // No `metadata` call (a syscall per file, 10 % of the I/O of a folder of small
            // payloads): read up to the limit, and ask for the size only past it. With
            // `--fix`, the stamp that says whether the file changed before it is rewritten
            // is taken before reading: an edit saved during the read changes it.
            let stamp = job.fixing.and_then(|_| file.metadata().ok()).map(|m| {
                Stamp::of(&m)
                    .walked_link(input.walked_link())
                    .walked_at(path, input.walked_at())
            });
            let mut bytes = Vec::with_capacity(READ_CAPACITY);
            match (&file).take(limit as u64 + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() > limit => {
                    let size = file.metadata().ok().map(|m| m.len());
                    too_large(name, input.config_path(), size, limit, job)
                }
                Ok(_) => match job.fixing {
                    Some(fixing) => {
                        let at = input.config_path();
                        fix_file(name, at, path, stamp, &bytes, fixing, job)
                    }
                    None => check_json(name, input.config_path(), &bytes, job),
                },
                Err(e) => FileReport::failed(name, e.to_string()),
            }
        }
    }
}

/// The kind given on the command line, else the one the configuration maps `config_path` to
/// (the file's path relative to the configuration's folder).
pub(super) fn kind_for(config_path: Option<&str>, job: &Job<'_>) -> Option<PayloadKind> {
    job.kind
        .or_else(|| job.linter.config().kind_for(config_path?))
}

pub(super) fn check_json(
    name: &str,
    config_path: Option<&str>,
    bytes: &[u8],
    job: &Job<'_>,
) -> FileReport {
    let limit = job.linter.config().max_payload_bytes();
    if bytes.len() > limit {
        // Standard input, read no further than the limit and a byte: its size is unknown.
        return too_large(name, config_path, None, limit, job);
    }
    let report = job.linter.check_at(
        Source::from_bytes(name, bytes),
        kind_for(config_path, job),
        config_path,
    );
    let mut file = FileReport::new(name);
    job.add(&mut file, &report, bytes, 0, 1);
    file
}

/// A payload over the limit, reported without reading (or parsing) it; `size` when it was
/// measured.
pub(super) fn too_large(
    name: &str,
    config_path: Option<&str>,
    size: Option<u64>,
    limit: usize,
    job: &Job<'_>,
) -> FileReport {
    let finding = match size {
        Some(size) => payload_too_large::diagnostic(size, limit),
        // What was read is not the size: say only what is known.
        None => payload_too_large::diagnostic(limit as u64 + 1, limit).with_message(format!(
            "the payload is more than {limit} bytes, the limit; the rest was not read"
        )),
    };
    let report = Report::new(
        Source::new(name, ""),
        kind_for(config_path, job),
        vec![finding],
    );
    let mut file = FileReport::new(name);
    job.add(&mut file, &report, b"", 0, 1);
    file
}

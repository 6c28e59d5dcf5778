//! A run that stops before checking anything: a configuration that cannot be used, or a usage
//! problem found once the arguments are parsed (a selector that matches no rule). It is still
//! written in the chosen format to the chosen output, because what reads the report does not
//! read stderr: a CI step uploading the SARIF file runs whether or not the check passed, and
//! a program reading the JSON reads stdout. The exit code is 2.

use std::io::{self, Write};
use std::path::Path;

use api4p_lint::config::Config;
use api4p_lint::config_file::ConfigError;
use api4p_lint::render::human::RenderOptions;
use api4p_lint::render::{FileReport, Format, Summary};
use api4p_lint::text::escape_controls;
use api4p_lint::{Report, Source};

use super::super::inputs::{display, shown};
use super::super::output::write_atomically;
use super::super::{exit, CheckArgs};
use super::guard::{refusal, Reads};

/// Why the run stopped.
pub(super) struct Stop {
    /// One line, for the format's "the run failed".
    why: String,
    /// The configuration file's findings (A4P901), when it is the problem.
    file: Option<FileReport>,
    /// The files read before the run stopped, which the report must not replace.
    reads: Reads,
}

impl Stop {
    /// A usage problem, found once `config` was read: nothing to point at.
    pub(super) fn usage(why: String, config: &Config) -> Self {
        Stop {
            // It quotes what was typed (a selector, a glob): it must not drive the terminal.
            why: escape_controls(&why, |_| false).into_owned(),
            file: None,
            reads: Reads::of(config),
        }
    }

    /// The run read (or tried to read) the baseline at `path`: the report must not replace it.
    pub(super) fn reading_baseline(mut self, path: Option<&Path>) -> Self {
        self.reads.baseline = path.map(Path::to_path_buf);
        self
    }

    /// A configuration that cannot be used, read from `path`: its findings become the
    /// report of the configuration file, named as the inputs are.
    pub(super) fn config(
        err: &ConfigError,
        path: Option<&Path>,
        human: Option<&RenderOptions>,
    ) -> Self {
        let report = err.report();
        // A configuration found by looking upward is opened by its absolute path; reports
        // name it relative to the working directory when it is there, as they name inputs.
        let cwd = std::env::current_dir().unwrap_or_default();
        let path = path.map(|path| path.strip_prefix(&cwd).unwrap_or(path));
        let name = path.map_or_else(|| report.source().name().to_owned(), display);
        let renamed = Report::new(
            Source::new(name.clone(), report.source().text().to_owned()),
            None,
            report.diagnostics().to_vec(),
        );
        let messages: Vec<&str> = report
            .diagnostics()
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        let why = format!("invalid configuration {name}: {}", messages.join("; "));
        let mut file = FileReport::new(name).with_disk_path(path.map(Path::to_path_buf));
        file.add(&renamed, 0, 1, human);
        Stop {
            why,
            file: Some(file),
            reads: Reads {
                config: path.map(Path::to_path_buf),
                references: err.reference_files().to_vec(),
                baseline: None,
            },
        }
    }
}

/// Writes the stopped run's report in `format` (to `--output` or stdout) and returns the exit
/// code: 2.
pub(super) fn report(args: &CheckArgs, format: Format, stop: &Stop) -> u8 {
    let mut bytes = Vec::new();
    let mut emitter = format.emitter();
    let mut summary = Summary::default();
    let rendered = (|| -> io::Result<()> {
        emitter.begin(&mut bytes)?;
        if let Some(file) = &stop.file {
            summary.add(file);
            emitter.file(&mut bytes, file)?;
        }
        emitter.run_failed(&mut bytes, &stop.why)?;
        emitter.end(&mut bytes, &summary)
    })();
    if let Err(e) = rendered {
        say!("error: {}; cannot render it: {e}", stop.why);
        return exit::TROUBLE;
    }
    let Some(output) = &args.output else {
        let mut stdout = io::stdout().lock();
        match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
            // A closed pipe (`| head`) has read what it wanted; the exit code says the rest.
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                say!("error: {}\nerror: cannot write the output: {e}", stop.why);
            }
            _ => {}
        }
        return exit::TROUBLE;
    };
    if let Some(refused) = refusal(output, &args.paths, &stop.reads) {
        say!("error: {}\nerror: {refused}", stop.why);
        return exit::TROUBLE;
    }
    match write_atomically(output, &bytes) {
        // The report is in a file: the person or the CI log watching the run sees why too.
        Ok(()) => say!("error: {}", stop.why),
        Err(e) => say!(
            "error: {}\nerror: cannot write {}: {e}",
            stop.why,
            shown(output)
        ),
    }
    exit::TROUBLE
}

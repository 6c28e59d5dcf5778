//! A run that stops before checking anything: a configuration that cannot be used, or a usage
//! problem found once the arguments are parsed (a selector that matches no rule). It is still
//! written in the chosen format to the chosen output, because what reads the report does not
//! read stderr: a CI step uploading the SARIF file runs whether or not the check passed, and
//! a program reading the JSON reads stdout. The exit code is 2.

use std::io::{self, Write};
use std::path::Path;

use api4p_lint::config_file::ConfigError;
use api4p_lint::render::human::RenderOptions;
use api4p_lint::render::{FileReport, Format, Summary};
use api4p_lint::{Report, Source};

use super::super::inputs::{display, FileId};
use super::super::output::write_atomically;
use super::super::{exit, CheckArgs};
use super::named_output;

/// Why the run stopped.
pub(super) struct Stop {
    /// One line, for the format's "the run failed".
    why: String,
    /// The configuration file's findings (A4P901), when it is the problem.
    file: Option<FileReport>,
}

impl Stop {
    /// A usage problem: nothing to point at.
    pub(super) fn usage(why: String) -> Self {
        Stop { why, file: None }
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
        eprintln!("error: {}; cannot render it: {e}", stop.why);
        return exit::TROUBLE;
    }
    let Some(output) = &args.output else {
        let mut stdout = io::stdout().lock();
        match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
            // A closed pipe (`| head`) has read what it wanted; the exit code says the rest.
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                eprintln!("error: {}\nerror: cannot write the output: {e}", stop.why);
            }
            _ => {}
        }
        return exit::TROUBLE;
    };
    if let Some(what) = overwritten(output, args, stop) {
        eprintln!(
            "error: {}\nerror: --output {} is {what}; api4p-lint never writes to the files it \
             checks",
            stop.why,
            output.display()
        );
        return exit::TROUBLE;
    }
    match write_atomically(output, &bytes) {
        // The report is in a file: the person or the CI log watching the run sees why too.
        Ok(()) => eprintln!("error: {}", stop.why),
        Err(e) => eprintln!(
            "error: {}\nerror: cannot write {}: {e}",
            stop.why,
            output.display()
        ),
    }
    exit::TROUBLE
}

/// What an existing `--output` file is, when it is a file this run would have checked, or the
/// configuration file the report is about.
fn overwritten(output: &Path, args: &CheckArgs, stop: &Stop) -> Option<String> {
    if !output.exists() {
        return None;
    }
    let target = std::fs::canonicalize(output).ok()?;
    if let Some(file) = &stop.file {
        let config = file
            .disk_path
            .as_deref()
            .and_then(|p| std::fs::canonicalize(p).ok());
        if config.as_deref() == Some(target.as_path()) {
            return Some(format!("{}, the configuration file", file.path));
        }
    }
    // A report met in a walked folder is skipped by the walk, never checked: only a path
    // named on the command line is a file being checked.
    let id = FileId::of(&std::fs::metadata(output).ok()?);
    named_output(id, &args.paths).map(|input| format!("{input}, one of the files being checked"))
}

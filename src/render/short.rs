//! `path:line:col: severity[CODE]: message`, one line per finding: for editors and grep. An
//! input that could not be checked has no position: `path: error[io]: why`.

use std::io::{self, Write};

use super::{
    applied_lines, not_rewritten_line, refused_lines, Emitter, FileReport, KindLine, Summary,
};

/// The short format.
#[derive(Debug, Default)]
pub struct ShortEmitter {
    kind_line: KindLine,
}

impl ShortEmitter {
    /// `payload.json: note: detected as order-get-response`, once before a file's findings
    /// when its kind came from its shape. No line and column: editors' `path:line:col:`
    /// patterns pass over it.
    fn head(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        self.kind_line.before(out, file, |out, path, kind| {
            writeln!(out, "{path}: note: detected as {kind}")
        })
    }

    fn body(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        match &file.outcome {
            // No place in the file to point at (it may be a folder, or nothing at all):
            // `path: error[io]: why`, as compilers write a problem with a whole file.
            Err(why) => writeln!(out, "{}: error[io]: {why}", file.path),
            Ok(findings) => {
                applied_lines(out, file)?;
                for f in findings {
                    let d = &f.diagnostic;
                    writeln!(
                        out,
                        "{}:{}:{}: {}[{}]: {}",
                        file.path,
                        f.line,
                        f.column,
                        d.severity,
                        d.code(),
                        d.message
                    )?;
                }
                refused_lines(out, file)?;
                not_rewritten_line(out, file)
            }
        }
    }
}

impl Emitter for ShortEmitter {
    fn streams(&self) -> bool {
        true
    }

    fn part(&mut self, out: &mut dyn Write, part: &FileReport) -> io::Result<()> {
        self.head(out, part)?;
        Self::body(out, part)
    }

    fn end_file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        self.kind_line.file_done();
        match &file.outcome {
            Err(_) => Self::body(out, file),
            Ok(_) => not_rewritten_line(out, file),
        }
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        self.head(out, file)?;
        self.kind_line.file_done();
        Self::body(out, file)
    }

    /// `path: note: stale baseline entry ...`: no line and column, the finding is gone.
    fn stale(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        for line in super::stale_lines(file) {
            writeln!(out, "{}: note: {line}", file.path)?;
        }
        Ok(())
    }

    /// Not a `path:line:col:` line: there is no place to point at (the configuration's
    /// findings, when it is the problem, came before as such lines).
    fn run_failed(&mut self, out: &mut dyn Write, why: &str) -> io::Result<()> {
        writeln!(out, "error: {why}")
    }

    /// The short format has no summary; a run that its warnings fail says so, as a run that
    /// stopped does, a run that fixed says how much, and a baseline's work is one note
    /// (findings not shown are not unsaid). After a run that fixed, the last line says what
    /// `--unsafe-fixes` would add, as ruff's last line does.
    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if let Some(line) = summary.fixed_line() {
            writeln!(out, "{line}")?;
        }
        let note = summary.baseline_note();
        if let Some(note) = note.strip_prefix("; ") {
            writeln!(out, "note: {note}")?;
        }
        if let Some(why) = summary.failure() {
            writeln!(out, "error: failed: {why}")?;
        }
        // Only after a run that fixed, which has a summary line here: editors and grep read
        // the short format of a plain check, and its fix hints are the findings' own.
        match summary.fix_hint().filter(|_| summary.fixing) {
            Some(hint) => writeln!(out, "{hint}"),
            None => Ok(()),
        }
    }
}

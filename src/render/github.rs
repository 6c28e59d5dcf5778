//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` per finding,
//! which the runner turns into annotations on the file and line.
//!
//! ```text
//! ::error file=payloads/lead.json,line=6,col=15,endLine=6,endColumn=21,title=A4P101 enum-value::invalid value "WONN" for `leadOpportunity.status`%0Ahelp: did you mean "WON"?
//! ```
//!
//! The help, the note (why DS cares) and the fix (`fix (safe, --fix): replace with "WON"`),
//! when there are, follow the message, each on its own line (`%0A`, a line break in the
//! annotation), as the other formats show them. GitHub places columns
//! only within one line, so `col`/`endColumn` are given only for a span on one line
//! (`endColumn` is the column after the span, as in every other format). A file that could not
//! be read is `::error file=PATH::why`, and so is one that `check --fix` could not rewrite
//! (`::error file=PATH::not rewritten: why`, after its findings); a run that stopped before checking anything is one
//! `::error title=api4p-lint::why`, an annotation on the run, and so is a run that its warnings
//! fail (`--deny-warnings`, `--max-warnings`): `::error title=api4p-lint::failed: 1 warning,
//! more than --max-warnings 0`, since the annotations alone would all be warnings. There is no
//! summary command otherwise: it would add an annotation to every run, and the exit code
//! already says whether the run failed.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Emitter, FileReport, PlacedDiagnostic, Summary};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::rule::Severity;

/// The GitHub Actions format.
#[derive(Debug, Default)]
pub struct GithubEmitter;

/// The workflow command for a severity.
pub(crate) const fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message (its data): `%`, CR and LF.
pub(crate) fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// Escapes a command's property value: as data, plus `:` and `,`.
pub(crate) fn escape_property(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// The workflow command for one finding in `path`, without the final newline.
pub(crate) fn finding_command(path: &str, f: &PlacedDiagnostic) -> String {
    let d = &f.diagnostic;
    let mut line = format!(
        "::{} file={},line={}",
        command(d.severity),
        escape_property(path),
        f.line
    );
    if f.line == f.end_line {
        let _ = write!(line, ",col={}", f.column);
    }
    let _ = write!(line, ",endLine={}", f.end_line);
    if f.line == f.end_line {
        let _ = write!(line, ",endColumn={}", f.end_column);
    }
    let title = format!("{} {}", d.code(), d.rule_name());
    let _ = write!(line, ",title={}::", escape_property(&title));
    line.push_str(&escape_data(&d.message));
    if let Some(help) = &d.help {
        line.push_str("%0Ahelp: ");
        line.push_str(&escape_data(help));
    }
    if let Some(note) = &d.note {
        line.push_str("%0Anote: ");
        line.push_str(&escape_data(note));
    }
    if let Some(fix) = fix_line(d) {
        line.push_str("%0A");
        line.push_str(&escape_data(&fix));
    }
    line
}

/// The replacement a fix writes, and how sure it is: `fix (safe, --fix): replace with "WON"`; a fix
/// of edits elsewhere says what `--fix` does in a word. A hint adds nothing: the help says it.
fn fix_line(d: &Diagnostic) -> Option<String> {
    let fix = d
        .fix
        .as_ref()
        .filter(|f| f.applicability != Applicability::DisplayOnly)?;
    let what = match (&d.suggestion, fix.edits.as_slice()) {
        (Some(suggestion), [edit]) if edit.span == d.span => format!("replace with {suggestion}"),
        (_, edits) if edits.iter().all(|e| e.replacement.is_empty()) => {
            format!(
                "remove {} byte(s)",
                edits.iter().map(|e| e.span.len).sum::<usize>()
            )
        }
        _ => format!("{} edit(s)", fix.edits.len()),
    };
    Some(if fix.applicability == Applicability::Safe {
        format!("fix (safe, --fix): {what}")
    } else {
        format!("fix (unsafe, --fix --unsafe-fixes): {what}")
    })
}

/// `::error file=PATH::not rewritten: why`: a file `check --fix` did not rewrite, an
/// annotation on the whole file, as an unreadable file's.
fn not_rewritten(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    match &file.not_rewritten {
        Some(why) => writeln!(
            out,
            "::error file={}::{}",
            escape_property(&file.path),
            escape_data(&format!("not rewritten: {why}"))
        ),
        None => Ok(()),
    }
}

impl Emitter for GithubEmitter {
    fn streams(&self) -> bool {
        true
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        match &file.outcome {
            Err(why) => writeln!(
                out,
                "::error file={}::{}",
                escape_property(&file.path),
                escape_data(why)
            ),
            Ok(findings) => {
                for f in findings {
                    writeln!(out, "{}", finding_command(&file.path, f))?;
                }
                not_rewritten(out, file)
            }
        }
    }

    fn end_file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        match &file.outcome {
            Err(_) => self.file(out, file),
            Ok(_) => not_rewritten(out, file),
        }
    }

    fn run_failed(&mut self, out: &mut dyn Write, why: &str) -> io::Result<()> {
        writeln!(out, "::error title=api4p-lint::{}", escape_data(why))
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        match summary.failure() {
            Some(why) => writeln!(
                out,
                "::error title=api4p-lint::{}",
                escape_data(&format!("failed: {why}"))
            ),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a:b,c%\r\n"), "a:b,c%25%0D%0A");
    }
}

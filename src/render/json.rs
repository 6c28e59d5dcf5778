//! The JSON output, version 1 (the contract in the README): streamed file by file. Field
//! order follows the contract; fields added to version 1 later (a finding's `note` and `fix`, the
//! summary's `unreadable`, `skipped` and `failed_on_warnings`, the run's `error`) come after the first ones, so that a reader of
//! the original fields sees them where they always were.

use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, FileReport, PlacedDiagnostic, Summary};

/// The JSON contract's version.
pub const VERSION: u32 = 1;

/// The JSON format.
#[derive(Debug, Default)]
pub struct JsonEmitter {
    files: usize,
    /// Why the run stopped before checking anything, written after the summary.
    failed: Option<String>,
}

/// A byte span as the contract spells it.
#[derive(Debug, Serialize)]
pub(crate) struct JsonSpan {
    /// Byte offset into the file.
    pub offset: usize,
    /// Length in bytes.
    pub length: usize,
}

/// One finding as the contract spells it.
#[derive(Debug, Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    /// `A4P` + 3 digits.
    pub code: &'a str,
    /// Kebab-case rule name.
    pub rule: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: &'a str,
    /// What is wrong.
    pub message: &'a str,
    /// JSON Pointer of the offending place.
    pub pointer: &'a str,
    /// 1-based line in the file (for NDJSON, the file's line).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte span in the file.
    pub span: JsonSpan,
    /// What to write instead.
    pub help: Option<&'a str>,
    /// Replacement text for the span.
    pub suggestion: Option<&'a str>,
    /// Why it matters (the spec section, the server error it prevents).
    pub note: Option<&'a str>,
    /// Added within version 1: the edits that fix the finding and how sure they are.
    pub fix: Option<JsonFix<'a>>,
}

/// A finding's fix as the contract spells it.
#[derive(Debug, Serialize)]
pub(crate) struct JsonFix<'a> {
    /// `safe` (`--fix` applies it), `unsafe` (with `--unsafe-fixes`) or `display-only` (a hint,
    /// never applied).
    pub applicability: &'static str,
    /// The edits, in text order: the bytes at `offset` (in the file), `length` long, become
    /// `replacement`.
    pub edits: Vec<JsonEdit<'a>>,
}

/// One edit of a fix.
#[derive(Debug, Serialize)]
pub(crate) struct JsonEdit<'a> {
    /// Byte offset into the file.
    pub offset: usize,
    /// Length in bytes of what is replaced (0: an insertion).
    pub length: usize,
    /// What the bytes become ("": a deletion).
    pub replacement: &'a str,
}

impl<'a> From<&'a crate::diagnostic::Fix> for JsonFix<'a> {
    fn from(fix: &'a crate::diagnostic::Fix) -> Self {
        JsonFix {
            applicability: fix.applicability.as_str(),
            edits: fix
                .edits
                .iter()
                .map(|e| JsonEdit {
                    offset: e.span.offset,
                    length: e.span.len,
                    replacement: &e.replacement,
                })
                .collect(),
        }
    }
}

impl<'a> From<&'a PlacedDiagnostic> for JsonDiagnostic<'a> {
    fn from(f: &'a PlacedDiagnostic) -> Self {
        let d = &f.diagnostic;
        JsonDiagnostic {
            code: d.code(),
            rule: d.rule_name(),
            severity: d.severity.as_str(),
            message: &d.message,
            pointer: &d.pointer,
            line: f.line,
            column: f.column,
            span: JsonSpan {
                offset: d.span.offset,
                length: d.span.len,
            },
            help: d.help.as_deref(),
            suggestion: d.suggestion.as_deref(),
            note: d.note.as_deref(),
            fix: d.fix.as_ref().map(JsonFix::from),
        }
    }
}

/// One file as the contract spells it: `diagnostics`, or `error` when it could not be read.
#[derive(Debug, Serialize)]
pub(crate) struct JsonFile<'a> {
    /// The path as given.
    pub path: &'a str,
    /// The payload kind, or null.
    pub kind: Option<&'a str>,
    /// The findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<JsonDiagnostic<'a>>>,
    /// Why the file could not be checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
    /// Added within version 1, present only when `check --fix` (or `--diff`) refused a fix:
    /// each refused fix's finding and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes_not_applied: Vec<JsonRefusedFix<'a>>,
    /// Added within version 1, only with a baseline: its entries for this file that no
    /// finding matched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<JsonStale<'a>>,
    /// Added within version 1, present only when `check --fix` applied a fix to the file:
    /// each applied fix's finding (placed in the fixed file).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes_applied: Vec<JsonAppliedFix<'a>>,
    /// Added within version 1, present only when `check --fix` did not rewrite the file
    /// although a fix changed it: why. Its `diagnostics` are then the file's as it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_rewritten: Option<&'a str>,
}

/// A fix that was applied, as the contract spells it: its finding and place.
#[derive(Debug, Serialize)]
pub(crate) struct JsonAppliedFix<'a> {
    /// The finding's code.
    pub code: &'a str,
    /// The finding's JSON Pointer.
    pub pointer: &'a str,
    /// 1-based line in the fixed file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl<'a> From<&'a PlacedDiagnostic> for JsonAppliedFix<'a> {
    fn from(f: &'a PlacedDiagnostic) -> Self {
        JsonAppliedFix {
            code: f.diagnostic.code(),
            pointer: &f.diagnostic.pointer,
            line: f.line,
            column: f.column,
        }
    }
}

/// A fix that was not applied, as the contract spells it: its finding and place, as an
/// applied one's, then why.
#[derive(Debug, Serialize)]
pub(crate) struct JsonRefusedFix<'a> {
    #[serde(flatten)]
    pub fix: JsonAppliedFix<'a>,
    /// Why the fix was not applied.
    pub reason: &'a str,
}

/// A stale baseline entry as the contract spells it.
#[derive(Debug, Serialize)]
pub(crate) struct JsonStale<'a> {
    pub code: &'a str,
    pub pointer: &'a str,
    pub digest: &'a str,
    pub count: usize,
}

impl<'a> From<&'a FileReport> for JsonFile<'a> {
    fn from(file: &'a FileReport) -> Self {
        let (diagnostics, error) = match &file.outcome {
            Ok(findings) => (
                Some(findings.iter().map(JsonDiagnostic::from).collect()),
                None,
            ),
            Err(why) => (None, Some(why.as_str())),
        };
        JsonFile {
            path: &file.path,
            kind: file.kind.map(|k| k.name()),
            diagnostics,
            error,
            fixes_not_applied: file
                .refused
                .iter()
                .map(|r| JsonRefusedFix {
                    fix: JsonAppliedFix::from(&r.finding),
                    reason: &r.reason,
                })
                .collect(),
            stale: file
                .stale
                .iter()
                .map(|s| JsonStale {
                    code: &s.code,
                    pointer: &s.pointer,
                    digest: &s.digest,
                    count: s.count,
                })
                .collect(),
            fixes_applied: file
                .applied
                .iter()
                .map(|a| JsonAppliedFix::from(&a.finding))
                .collect(),
            not_rewritten: file.not_rewritten.as_deref(),
        }
    }
}

/// The closing summary.
#[derive(Debug, Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Files that could not be checked: they hold no findings, so `errors` does not count them.
    unreadable: usize,
    /// Added within version 1 (a new member, nothing changed): every reason always present.
    skipped: JsonSkipped,
    /// Added within version 1: whether the warnings alone fail the run (`--deny-warnings`,
    /// `--max-warnings`), which exits with 1 even without errors.
    failed_on_warnings: bool,
    /// Added within version 1, present only with `check --fix`: the findings it fixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<usize>,
    /// Added within version 1, only when a baseline is read: findings the baseline holds
    /// (not listed, not counted above).
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    /// Added within version 1, only when a baseline is read: findings of the baseline gone
    /// from the files checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<usize>,
    /// Added within version 1, present only with `check --fix`: the files it did not
    /// rewrite although a fix changed them (the run exits 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    not_rewritten: Option<usize>,
    /// Added within version 1: findings listed whose fix is safe (`--fix` applies it).
    fixable: usize,
    /// Added within version 1: findings listed whose fix is unsafe (`--fix --unsafe-fixes`).
    unsafe_fixable: usize,
    /// Added within version 1, present only with `--exit-non-zero-on-fix`: whether the fixes
    /// applied fail the run by themselves (it exits 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    failed_on_fixes: Option<bool>,
}

/// What was left out on purpose, by reason (see [`super::Skipped`]).
#[derive(Debug, Serialize)]
struct JsonSkipped {
    hidden: usize,
    excluded: usize,
    ignored: usize,
    symlinks: usize,
    output: usize,
    /// Added within version 1, after the first reasons.
    reference: usize,
}

impl Emitter for JsonEmitter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\"version\":{VERSION},\"files\":[")
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        if self.files > 0 {
            out.write_all(b",")?;
        }
        self.files += 1;
        serde_json::to_writer(&mut *out, &JsonFile::from(file)).map_err(io::Error::other)
    }

    fn run_failed(&mut self, _out: &mut dyn Write, why: &str) -> io::Result<()> {
        self.failed = Some(why.to_owned());
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let summary = JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            unreadable: summary.unreadable,
            skipped: JsonSkipped {
                hidden: summary.skipped.hidden,
                excluded: summary.skipped.excluded,
                ignored: summary.skipped.ignored,
                symlinks: summary.skipped.symlinks,
                output: summary.skipped.output,
                reference: summary.skipped.reference,
            },
            failed_on_warnings: summary.fails_on_warnings(),
            fixed: summary.fixing.then_some(summary.fixed),
            baselined: summary.baseline.then_some(summary.baselined),
            stale: summary.baseline.then_some(summary.stale),
            not_rewritten: summary.fixing.then_some(summary.not_rewritten),
            fixable: summary.fixable,
            unsafe_fixable: summary.unsafe_fixable,
            failed_on_fixes: summary.fixes_fail.then(|| summary.fails_on_fixes()),
        };
        write!(out, "],\"summary\":")?;
        serde_json::to_writer(&mut *out, &summary).map_err(io::Error::other)?;
        if let Some(why) = self.failed.take() {
            out.write_all(b",\"error\":")?;
            serde_json::to_writer(&mut *out, &why).map_err(io::Error::other)?;
        }
        writeln!(out, "}}")
    }
}

//! Output: one renderer per format, all over the same [`FileReport`]s.
//!
//! A run is `begin`, one `file` per input in input order, then `end` with the summary, so
//! that renderers can stream and never hold every result in memory. A long NDJSON file can be
//! written in parts as its lines are checked, by formats that [stream](Emitter::streams)
//! (human, short, github): `part` for each batch of lines, then `end_file`. The others (json,
//! sarif, junit) get the whole file's findings in one `file` (findings only, never payloads).
//!
//! A run that stops before checking any input (a configuration or usage problem) is still
//! written in its format: `begin`, the `file` of the configuration file when the problem is
//! in it, [`Emitter::run_failed`], then `end`.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

use crate::diagnostic::Report;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::fix::Fixed;
use crate::kind::PayloadKind;
use crate::rule::Severity;
use crate::source::Span;

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod short;

/// One finding placed in its file: the diagnostic's span is a byte range of the file (for
/// NDJSON, of the whole file, not of the line), and line/column are 1-based, columns counted
/// in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedDiagnostic {
    /// The finding.
    pub diagnostic: Diagnostic,
    /// Line of the span's start.
    pub line: usize,
    /// Column of the span's start.
    pub column: usize,
    /// Line of the span's end.
    pub end_line: usize,
    /// Column of the span's end (exclusive).
    pub end_column: usize,
}

/// A fix that `check --fix` (or `--diff`) did not apply, placed in its file, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedFix {
    /// The finding whose fix it is. Its place is read in the fixed text: exact unless an
    /// earlier fix of the same payload changed its line count (a removed duplicate key).
    pub finding: PlacedDiagnostic,
    /// Why it was not applied.
    pub reason: String,
}

/// A fix that `check --fix` applied, placed in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    /// The finding it fixed. Its place is read in the fixed text, as a [`RefusedFix`]'s is.
    pub finding: PlacedDiagnostic,
    /// Whether the line may quote the finding's message and replacement: not when the report
    /// is redacted (they may be payload data), which then says only the code and place.
    pub quoted: bool,
}

/// Everything a renderer needs about one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The path as people read it (or `<stdin>`): control characters and bytes that are not
    /// UTF-8 escaped, so that two files never show the same name.
    pub path: String,
    /// The file's path as the file system has it, when the report is about a file: SARIF
    /// names the file by these bytes (percent-encoded) rather than by `path`'s escapes.
    pub disk_path: Option<PathBuf>,
    /// The kind the payloads were checked as (`None`: unknown, or NDJSON lines of several kinds).
    pub kind: Option<PayloadKind>,
    /// Whether `kind` was detected from the shape of every payload (none was given): the
    /// human and short formats then say so once before the file's findings.
    pub kind_detected: bool,
    /// The findings, or why the file could not be checked (unreadable, too large...).
    pub outcome: Result<Vec<PlacedDiagnostic>, String>,
    /// The human rendering (code frames), filled only when the human format is asked for.
    pub human: String,
    /// How many payloads the file held (1 for `.json`, the non-blank lines for NDJSON).
    pub payloads: usize,
    /// With `check --fix` or `--diff`: how many findings were fixed (or would be).
    pub fixed: usize,
    /// With `check --fix` or `--diff`: the fixes that were refused.
    pub refused: Vec<RefusedFix>,
    /// With `check --fix`: the fixes applied, in order (empty when the file was not
    /// rewritten: then none was).
    pub applied: Vec<AppliedFix>,
    /// With `check --fix`: why the file was not rewritten although a fix changed it (it is
    /// read-only, not a regular file, changed since it was read, or could not be written).
    /// Its findings are then those of the file as it is, all of them, and the run fails
    /// (exit 2): it could not do what was asked. A problem of the file, beside its findings,
    /// not instead of them (`outcome` stays `Ok`).
    pub not_rewritten: Option<String>,
    /// With `check --fix` or `--diff`: a payload of the file names or holds an API key, so
    /// its findings were redacted and the fixes that write payload values withheld (the
    /// command line says so on stderr).
    pub fixes_withheld: bool,
    /// Where each finding's code frame ends in `human` (filled with it), so that a finding
    /// can be left out with its frame ([`FileReport::retain`]).
    pub human_ends: Vec<usize>,
    /// Each finding's digest of its offending text, in order, when the command line asks for
    /// them (a baseline is read or written); empty otherwise.
    pub digests: Vec<String>,
    /// The baseline's entries for this file that no finding matched any more.
    pub stale: Vec<StaleEntry>,
}

/// A baseline entry that no finding of its file matched in this run: the finding was fixed
/// or its text changed, and the entry can go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleEntry {
    /// The finding's code.
    pub code: String,
    /// Its JSON Pointer (within its line, for NDJSON).
    pub pointer: String,
    /// The digest of its offending text.
    pub digest: String,
    /// How many of the entry's findings are gone.
    pub count: usize,
}

/// The fixes applied to `fixed`, each with its places moved into the fixed text (their
/// lengths kept: what was replaced): a fix is found in the text of its round, and its
/// round's edits and the later rounds' moved what follows them (a `"w-o-n"` fixed before it
/// on the same line, a member removed above it).
fn in_fixed_text(fixed: &Fixed) -> Vec<Diagnostic> {
    let total: usize = fixed.rounds.iter().map(|r| r.applied).sum();
    if total != fixed.applied.len() {
        // Not told by round (a caller's own `Fixed`): as found.
        return fixed.applied.clone();
    }
    let mut out = Vec::with_capacity(total);
    let mut next = 0;
    for (r, round) in fixed.rounds.iter().enumerate() {
        let moved = |offset: usize| {
            fixed.rounds[r..]
                .iter()
                .fold(offset, |offset, later| later.moved(offset))
        };
        // Moved, its length kept: what the fix replaced, as the report says ("removed 1
        // byte", "replaced with").
        let span = |span: Span| Span::new(moved(span.offset), span.len);
        for applied in &fixed.applied[next..next + round.applied] {
            let mut applied = applied.clone();
            applied.span = span(applied.span);
            for label in &mut applied.secondary {
                label.span = span(label.span);
            }
            // Its edits too, at their places in the fixed text.
            for edit in applied.fix.iter_mut().flat_map(|f| &mut f.edits) {
                edit.span = span(edit.span);
            }
            out.push(applied);
        }
        next += round.applied;
    }
    out
}

impl FileReport {
    /// An empty report for `path`.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            disk_path: None,
            kind: None,
            kind_detected: false,
            outcome: Ok(Vec::new()),
            human: String::new(),
            payloads: 0,
            fixed: 0,
            refused: Vec::new(),
            applied: Vec::new(),
            not_rewritten: None,
            fixes_withheld: false,
            human_ends: Vec::new(),
            digests: Vec::new(),
            stale: Vec::new(),
        }
    }

    /// The report, about the file at `disk_path`.
    pub fn with_disk_path(mut self, disk_path: Option<PathBuf>) -> Self {
        self.disk_path = disk_path;
        self
    }

    /// A file that could not be checked.
    pub fn failed(path: impl Into<String>, why: impl Into<String>) -> Self {
        Self {
            outcome: Err(why.into()),
            ..Self::new(path)
        }
    }

    /// Adds the findings of one payload that starts at byte `offset`, line `line` (1-based) of
    /// the file. `render` adds its code frames to [`FileReport::human`].
    pub fn add(
        &mut self,
        report: &Report<'_>,
        offset: usize,
        line: usize,
        human: Option<&human::RenderOptions>,
    ) {
        self.kind = match (self.payloads, self.kind, report.kind()) {
            (0, _, kind) => kind,
            (_, Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        };
        self.kind_detected = report.kind_detected() && (self.payloads == 0 || self.kind_detected);
        self.payloads += 1;
        if let Some(options) = human {
            if !report.is_clean() {
                human::render_placed(report, options, line, &mut self.human, &mut self.human_ends);
            }
        }
        let Ok(findings) = &mut self.outcome else {
            return;
        };
        let source = report.source();
        // `line_col` does not count a BOM, the file's encoding mark; one starting a later
        // NDJSON line is a character of that line (as editors show it).
        let bom_column = |l: usize| usize::from(line > 1 && l == 1 && source.bom_len() > 0);
        for d in report.diagnostics() {
            let (l, column) = source.line_col(d.span.offset);
            let (el, end_column) = source.line_col(d.span.end());
            let (column, end_column) = (column + bom_column(l), end_column + bom_column(el));
            let mut diagnostic = d.clone();
            diagnostic.span = diagnostic.span.shifted(offset);
            for label in &mut diagnostic.secondary {
                label.span = label.span.shifted(offset);
            }
            for edit in diagnostic.fix.iter_mut().flat_map(|f| &mut f.edits) {
                edit.span = edit.span.shifted(offset);
            }
            findings.push(PlacedDiagnostic {
                diagnostic,
                line: line + l - 1,
                column,
                end_line: line + el - 1,
                end_column,
            });
        }
    }

    /// Adds what fixing one payload left (its remaining findings, as [`FileReport::add`]
    /// does), how many findings it fixed and the fixes it refused. With `redact`, a refused
    /// finding is redacted and its reason cut before the message it quotes (a message of a
    /// finding of the fixed text, which may quote payload data).
    pub fn add_fixed(
        &mut self,
        fixed: &Fixed,
        offset: usize,
        line: usize,
        human: Option<&human::RenderOptions>,
        redact: bool,
    ) {
        // A finding whose fix this run tried and refused is shown without it: JSON's `fix`,
        // SARIF's `fixes` and GitHub's replacement would offer what was just refused (and
        // another run refuses it again), and it is not counted as fixable.
        let fix_of = |d: &Diagnostic| {
            let replacements: Option<Vec<String>> = d
                .fix
                .as_ref()
                .map(|f| f.edits.iter().map(|e| e.replacement.clone()).collect());
            (d.code(), d.pointer.clone(), replacements)
        };
        let refused: std::collections::HashSet<_> = fixed
            .not_applied
            .iter()
            .filter(|r| r.tried && r.diagnostic.fix.is_some())
            .map(|r| fix_of(&r.diagnostic))
            .collect();
        if refused.is_empty() {
            self.add(&fixed.remaining, offset, line, human);
        } else {
            let mut remaining = fixed.remaining.clone();
            for d in remaining.diagnostics_mut() {
                if d.fix.is_some() && refused.contains(&fix_of(d)) {
                    // Its suggestion is the same text (an editor would apply it).
                    d.fix = None;
                    d.suggestion = None;
                }
            }
            self.add(&remaining, offset, line, human);
        }
        self.fixed += fixed.applied.len();
        let source = fixed.remaining.source();
        let place = |diagnostic: Diagnostic| {
            let (l, column) = source.line_col(diagnostic.span.offset);
            let (el, end_column) = source.line_col(diagnostic.span.end());
            let mut diagnostic = diagnostic;
            diagnostic.span = diagnostic.span.shifted(offset);
            for edit in diagnostic.fix.iter_mut().flat_map(|f| &mut f.edits) {
                edit.span = edit.span.shifted(offset);
            }
            PlacedDiagnostic {
                diagnostic,
                line: line + l - 1,
                column,
                end_line: line + el - 1,
                end_column,
            }
        };
        for applied in in_fixed_text(fixed) {
            // Found by the linter that fixes: already redacted when it redacts.
            self.applied.push(AppliedFix {
                finding: place(applied),
                quoted: !redact,
            });
        }
        // A refused fix is found in the text of its round, which earlier rounds may have
        // moved: its finding, still there, is placed in the fixed text by what remains.
        let mut remaining: HashMap<(&str, &str), Vec<Span>> = HashMap::new();
        for d in fixed.remaining.diagnostics() {
            remaining
                .entry((d.code(), d.pointer.as_str()))
                .or_default()
                .push(d.span);
        }
        for refused in &fixed.not_applied {
            let mut diagnostic = refused.diagnostic.clone();
            let place_now = remaining
                .get_mut(&(
                    refused.diagnostic.code(),
                    refused.diagnostic.pointer.as_str(),
                ))
                .and_then(|spans| (!spans.is_empty()).then(|| spans.remove(0)));
            if let Some(span) = place_now {
                let moved = span.offset as isize - diagnostic.span.offset as isize;
                diagnostic.span = span;
                for edit in diagnostic.fix.iter_mut().flat_map(|f| &mut f.edits) {
                    edit.span.offset = edit.span.offset.saturating_add_signed(moved);
                }
            }
            let mut reason = refused.reason.clone();
            if redact {
                diagnostic.redact();
                if let Some(cut) = reason.find(": ") {
                    reason.truncate(cut);
                }
            }
            self.refused.push(RefusedFix {
                finding: place(diagnostic),
                reason,
            });
        }
    }

    /// Appends the payloads of `later` (a later part of the same file).
    pub fn merge(&mut self, later: FileReport) {
        self.kind = match (self.payloads, later.payloads) {
            (_, 0) => self.kind,
            (0, _) => later.kind,
            _ if self.kind == later.kind => self.kind,
            _ => None,
        };
        self.kind_detected = match (self.payloads, later.payloads) {
            (_, 0) => self.kind_detected,
            (0, _) => later.kind_detected,
            _ => self.kind_detected && later.kind_detected,
        };
        self.payloads += later.payloads;
        self.fixed += later.fixed;
        self.refused.extend(later.refused);
        self.applied.extend(later.applied);
        self.fixes_withheld |= later.fixes_withheld;
        if self.not_rewritten.is_none() {
            self.not_rewritten = later.not_rewritten;
        }
        if self.disk_path.is_none() {
            self.disk_path = later.disk_path;
        }
        let base = self.human.len();
        self.human_ends
            .extend(later.human_ends.iter().map(|end| base + end));
        self.human.push_str(&later.human);
        self.digests.extend(later.digests);
        self.stale.extend(later.stale);
        match (&mut self.outcome, later.outcome) {
            (Ok(findings), Ok(more)) => findings.extend(more),
            (Ok(_), Err(why)) => self.outcome = Err(why),
            (Err(_), _) => {}
        }
    }

    /// The report without its findings, applied and refused fixes and code frames (what is
    /// left of a part once they are written): path, kind, payload and fixed counts, whether
    /// the file could be read and whether it was rewritten.
    pub fn without_findings(&self) -> FileReport {
        FileReport {
            path: self.path.clone(),
            disk_path: self.disk_path.clone(),
            kind: self.kind,
            kind_detected: self.kind_detected,
            outcome: match &self.outcome {
                Ok(_) => Ok(Vec::new()),
                Err(why) => Err(why.clone()),
            },
            human: String::new(),
            payloads: self.payloads,
            fixed: self.fixed,
            refused: Vec::new(),
            applied: Vec::new(),
            not_rewritten: self.not_rewritten.clone(),
            fixes_withheld: self.fixes_withheld,
            human_ends: Vec::new(),
            digests: Vec::new(),
            stale: self.stale.clone(),
        }
    }

    /// Keeps the findings for which `keep` (given each one's index) is true, with their code
    /// frames and digests, and the refused fixes of the findings kept; returns how many were
    /// left out.
    pub fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) -> usize {
        let Ok(findings) = &mut self.outcome else {
            return 0;
        };
        let kept: Vec<bool> = (0..findings.len()).map(&mut keep).collect();
        let dropped = kept.iter().filter(|k| !**k).count();
        if dropped == 0 {
            return 0;
        }
        // A refused fix is said of a finding shown: the fix of one left out (baselined) goes
        // with it, unless a finding kept stands at the same place.
        let place =
            |p: &PlacedDiagnostic| (p.diagnostic.code(), p.diagnostic.pointer.clone(), p.line);
        let mut places: HashMap<_, bool> = HashMap::new();
        for (finding, &keep) in findings.iter().zip(&kept) {
            *places.entry(place(finding)).or_default() |= keep;
        }
        self.refused
            .retain(|r| places.get(&place(&r.finding)).is_none_or(|&shown| shown));
        let mut flags = kept.iter();
        findings.retain(|_| flags.next().copied().unwrap_or(true));
        if self.digests.len() == kept.len() {
            let mut flags = kept.iter();
            self.digests
                .retain(|_| flags.next().copied().unwrap_or(true));
        }
        if self.human_ends.len() == kept.len() {
            let (mut human, mut ends, mut start) = (String::new(), Vec::new(), 0);
            for (end, keep) in self.human_ends.iter().zip(&kept) {
                if *keep {
                    human.push_str(&self.human[start..*end]);
                    ends.push(human.len());
                }
                start = *end;
            }
            self.human = human;
            self.human_ends = ends;
        }
        dropped
    }

    /// The file was not rewritten, for `why`: nothing of it was fixed, so its report is
    /// `as_read`'s (the findings of the file as it is), with the reason beside them.
    pub fn not_rewritten(as_read: FileReport, why: impl Into<String>) -> FileReport {
        FileReport {
            not_rewritten: Some(why.into()),
            ..as_read
        }
    }

    /// The findings that say a payload was not checked, as errors: it is not JSON (after
    /// fixing), not UTF-8, too large, or of no known kind (the rules that `--select` and
    /// `--ignore` keep). Nothing of such a payload can be fixed.
    pub fn not_checked(&self) -> impl Iterator<Item = &PlacedDiagnostic> {
        self.outcome.iter().flatten().filter(|f| {
            f.diagnostic.severity == Severity::Error
                && f.diagnostic.rule.silencing != crate::rule::Silencing::Anywhere
        })
    }

    /// How many findings have a fix at exactly `applicability`.
    pub fn fixable(&self, applicability: Applicability) -> usize {
        self.outcome.as_ref().map_or(0, |f| {
            f.iter()
                .filter(|f| {
                    f.diagnostic.fix.as_ref().is_some_and(|fix| {
                        fix.applicability == applicability && !fix.edits.is_empty()
                    })
                })
                .count()
        })
    }

    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.outcome.as_ref().map_or(0, |f| {
            f.iter()
                .filter(|f| f.diagnostic.severity == severity)
                .count()
        })
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files reported: the files checked, and the inputs that could not be checked (a
    /// missing path, an unreadable entry, a folder or glob with nothing to check).
    pub files: usize,
    /// Inputs that could not be checked (counted in `files` too).
    pub unreadable: usize,
    /// Findings by severity.
    pub errors: usize,
    /// Findings by severity.
    pub warnings: usize,
    /// Findings by severity.
    pub infos: usize,
    /// What the inputs' expansion left out on purpose, by reason.
    pub skipped: Skipped,
    /// How many warnings the run may have before they fail it, if it is limited.
    pub warning_limit: Option<WarningLimit>,
    /// The run fixed files (`check --fix`): the human and short formats say how many
    /// findings it fixed.
    pub fixing: bool,
    /// Findings fixed (`check --fix`), or that would be (`--diff`).
    pub fixed: usize,
    /// Files with a finding fixed.
    pub fixed_files: usize,
    /// `check --fix` was asked for the unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Files that `check --fix` did not rewrite although a fix changed them
    /// ([`FileReport::not_rewritten`]): the run fails (exit 2).
    pub not_rewritten: usize,
    /// Findings shown whose fix is safe: what `--fix` would fix (after a run that fixed or
    /// showed a diff, without the fixes it refused, which it would refuse again).
    pub fixable: usize,
    /// Findings shown whose fix is unsafe: what `--fix --unsafe-fixes` would fix (without
    /// the fixes refused, as `fixable`).
    pub unsafe_fixable: usize,
    /// Whether the run read a baseline (the JSON summary then has `baselined` and `stale`).
    pub baseline: bool,
    /// Findings the baseline holds: not shown, not counted above, failing nothing.
    pub baselined: usize,
    /// Findings of the baseline that are gone from the files checked (its stale entries,
    /// counted with their multiplicity).
    pub stale: usize,
    /// `check --fix --exit-non-zero-on-fix`: a run that fixed something fails.
    pub fixes_fail: bool,
    /// Payloads whose check stopped at an error that nothing can be fixed past (not JSON
    /// after fixing, not UTF-8, too large, of no known kind): [`FileReport::not_checked`].
    pub not_checked: usize,
}

/// How many warnings a run may have before they fail it (exit 1), errors or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningLimit {
    /// `--deny-warnings`: any warning fails the run.
    Deny,
    /// `--max-warnings N`: more than N warnings fail the run.
    Max(usize),
}

/// Entries a folder walk (or a glob, or `--force-exclude`) left out on purpose, by reason:
/// folders (not descended) and files that would otherwise have been checked. Files that are
/// not payloads by name (not `.json`, `.ndjson` or `.jsonl`) are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Hidden: the name starts with a dot.
    pub hidden: usize,
    /// Matched by `exclude`/`extend-exclude` (the configuration's, the command line's, or the
    /// default list).
    pub excluded: usize,
    /// Ignored by `.gitignore`, `.ignore` or git's exclude files.
    pub ignored: usize,
    /// Symbolic links to folders (not followed: a link can lead out of the tree, or loop).
    pub symlinks: usize,
    /// The `--output` file itself: the report of an earlier run.
    pub output: usize,
    /// A file the configuration reads (`portfolio-file`): reference data, not a payload.
    pub reference: usize,
}

impl Skipped {
    /// The reasons with their counts, in the order every format shows them: (name, count,
    /// what people read).
    pub fn reasons(&self) -> [(&'static str, usize, &'static str); 6] {
        [
            ("hidden", self.hidden, "hidden"),
            ("excluded", self.excluded, "excluded"),
            ("ignored", self.ignored, "ignored"),
            ("symlinks", self.symlinks, "linked folder"),
            ("output", self.output, "output file"),
            ("reference", self.reference, "reference file"),
        ]
    }

    /// Every entry skipped, whatever the reason.
    pub fn total(&self) -> usize {
        self.reasons().iter().map(|(_, n, _)| n).sum()
    }

    /// Nothing was skipped.
    pub fn is_empty(&self) -> bool {
        self.reasons().iter().all(|(_, n, _)| *n == 0)
    }

    /// Adds `other`'s counts.
    pub fn add(&mut self, other: &Skipped) {
        self.hidden += other.hidden;
        self.excluded += other.excluded;
        self.ignored += other.ignored;
        self.symlinks += other.symlinks;
        self.output += other.output;
        self.reference += other.reference;
    }
}

impl std::fmt::Display for Skipped {
    /// `2 hidden, 1 excluded, 3 ignored, 1 linked folder, 1 output file, 1 reference file`:
    /// the reasons that count, for people.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for (_, n, words) in self.reasons() {
            if n == 0 {
                continue;
            }
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            // Only the nouns take a plural: "2 linked folders", "2 hidden".
            let plural = if n != 1 && words.contains(' ') {
                "s"
            } else {
                ""
            };
            write!(f, "{n} {words}{plural}")?;
        }
        Ok(())
    }
}

impl Summary {
    /// Whether the warnings fail the run by themselves: more than the [`WarningLimit`] allows.
    pub fn fails_on_warnings(&self) -> bool {
        match self.warning_limit {
            None => false,
            Some(WarningLimit::Deny) => self.warnings > 0,
            Some(WarningLimit::Max(max)) => self.warnings > max,
        }
    }

    /// Why the warnings fail the run, when they do: `1 warning, more than --max-warnings 0`,
    /// `2 warnings with --deny-warnings`. Every format says it, as it says an error: a run
    /// that exits with 1 for its warnings alone must not look like a passing one.
    pub fn warnings_failure(&self) -> Option<String> {
        if !self.fails_on_warnings() {
            return None;
        }
        let warnings = plural(self.warnings, "warning");
        Some(match self.warning_limit {
            Some(WarningLimit::Max(max)) => format!("{warnings}, more than --max-warnings {max}"),
            _ => format!("{warnings} with --deny-warnings"),
        })
    }

    /// Whether the fixes applied fail the run by themselves (`--exit-non-zero-on-fix`).
    pub fn fails_on_fixes(&self) -> bool {
        self.fixes_fail && self.fixed > 0
    }

    /// Why the run fails although it may have no error, when it does: its warnings
    /// ([`Summary::warnings_failure`]), the fixes it applied (`3 findings fixed, with
    /// --exit-non-zero-on-fix`), or both. Every format says it, as it says an error: a run
    /// that exits with 1 must not look like a passing one.
    pub fn failure(&self) -> Option<String> {
        let fixes = self.fails_on_fixes().then(|| {
            format!(
                "{} fixed, with --exit-non-zero-on-fix",
                plural(self.fixed, "finding")
            )
        });
        match (self.warnings_failure(), fixes) {
            (Some(warnings), Some(fixes)) => Some(format!("{warnings}; {fixes}")),
            (warnings, fixes) => warnings.or(fixes),
        }
    }

    /// `; 2 baselined; 1 stale baseline entry`: what the baseline did, for the summary lines
    /// (empty without a baseline, or when it matched nothing and nothing is stale).
    pub fn baseline_note(&self) -> String {
        let mut note = String::new();
        if self.baselined > 0 {
            note.push_str(&format!("; {} baselined", self.baselined));
        }
        if self.stale > 0 {
            let entries = if self.stale == 1 { "entry" } else { "entries" };
            note.push_str(&format!("; {} stale baseline {entries}", self.stale));
        }
        note
    }

    /// Adds a file's counts.
    pub fn add(&mut self, file: &FileReport) {
        self.files += 1;
        self.unreadable += usize::from(file.outcome.is_err());
        // A streamed file's fixes are counted here, once, from its last report (a part's
        // count is kept by `without_findings`).
        self.fixed += file.fixed;
        self.fixed_files += usize::from(file.fixed > 0);
        self.not_rewritten += usize::from(file.not_rewritten.is_some());
        self.add_findings(file);
    }

    /// Adds the findings of a part of a file (streamed NDJSON), not counting a file.
    pub fn add_findings(&mut self, part: &FileReport) {
        self.not_checked += part.not_checked().count();
        self.errors += part.count(Severity::Error);
        self.warnings += part.count(Severity::Warning);
        self.infos += part.count(Severity::Info);
        // A fix refused in this run is not shown ([`FileReport::add_fixed`]): not counted.
        self.fixable += part.fixable(Applicability::Safe);
        self.unsafe_fixable += part.fixable(Applicability::Unsafe);
    }
}

impl Summary {
    /// `Fixed 3 findings (2 files)`: what `check --fix` did, for people, with the files it
    /// could not rewrite (`; 1 file not rewritten`); `None` when the run did not fix.
    pub fn fixed_line(&self) -> Option<String> {
        self.fixing.then(|| {
            let mut line = format!(
                "Fixed {} ({})",
                plural(self.fixed, "finding"),
                plural(self.fixed_files, "file")
            );
            if self.not_rewritten > 0 {
                line.push_str(&format!(
                    "; {} not rewritten",
                    plural(self.not_rewritten, "file")
                ));
            }
            line
        })
    }

    /// What more fixing could do, as ruff says it: `[*] 2 fixable with the `--fix` option
    /// (1 hidden fix can be enabled with the `--unsafe-fixes` option)`. A run that fixed
    /// says only what `--unsafe-fixes` would add (its safe fixes left were refused); a run
    /// with `--unsafe-fixes`, nothing. `None` when there is nothing to say.
    pub fn fix_hint(&self) -> Option<String> {
        let hidden = |options: &str| {
            let fixes = if self.unsafe_fixable == 1 {
                "fix"
            } else {
                "fixes"
            };
            format!(
                "{} hidden {fixes} can be enabled with the {options}",
                self.unsafe_fixable
            )
        };
        match (self.fixing, self.unsafe_fixes) {
            (true, true) => None,
            (true, false) => (self.unsafe_fixable > 0).then(|| hidden("`--unsafe-fixes` option")),
            (false, _) => match (self.fixable, self.unsafe_fixable) {
                (0, 0) => None,
                (0, _) => Some(hidden("`--fix --unsafe-fixes` options")),
                (n, 0) => Some(format!("[*] {n} fixable with the `--fix` option")),
                (n, _) => Some(format!(
                    "[*] {n} fixable with the `--fix` option ({})",
                    hidden("`--fix --unsafe-fixes` options")
                )),
            },
        }
    }
}

/// `path:3:14: note[A4P101]: fix not applied: it would add A4P201 at ...`: a refused fix, one
/// line, as the human and short formats write it.
pub(crate) fn refused_lines(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    for refused in &file.refused {
        writeln!(out, "{}", refused.line(&file.path))?;
    }
    Ok(())
}

/// `path:3:14: fixed[A4P101]: invalid value "won" ... (replaced with "WON")`: each applied
/// fix, one line, as the human and short formats write them before what remains.
pub(crate) fn applied_lines(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    for applied in file.applied.iter().take(APPLIED_LISTED) {
        writeln!(out, "{}", applied.line(&file.path))?;
    }
    // A generated export fixed whole would bury what remains under thousands of lines.
    if let Some(more) = file
        .applied
        .len()
        .checked_sub(APPLIED_LISTED)
        .filter(|&n| n > 0)
    {
        writeln!(
            out,
            "{}: {more} more finding{} fixed, not listed (JSON's `fixes_applied` lists them all)",
            file.path,
            if more == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

/// How many applied fixes of a file (or of an NDJSON file's batch of lines) the formats for
/// people list one by one; the others are counted in one line.
pub const APPLIED_LISTED: usize = 100;

/// `path: error[io]: not rewritten: it is read-only; ...`: why `check --fix` did not rewrite
/// the file, after its findings, as the short format writes it (no line and column: it is
/// about the whole file, as an unreadable file's line is).
pub(crate) fn not_rewritten_line(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    match &file.not_rewritten {
        Some(why) => writeln!(out, "{}: error[io]: not rewritten: {why}", file.path),
        None => Ok(()),
    }
}

impl AppliedFix {
    /// `path:3:14: fixed[A4P101]: invalid value "won" for `leadOpportunity.status` (replaced
    /// with "WON")`: the finding's message and what the fix wrote; redacted, only
    /// `path:3:14: fixed[A4P101] enum-value`, since both may be payload data.
    pub fn line(&self, path: &str) -> String {
        let f = &self.finding;
        let d = &f.diagnostic;
        let head = format!("{path}:{}:{}: fixed[{}]", f.line, f.column, d.code());
        if !self.quoted {
            return format!("{head} {}", d.rule_name());
        }
        match fix_wrote(d) {
            Some(what) => format!("{head}: {} ({what})", d.message),
            None => format!("{head}: {}", d.message),
        }
    }
}

/// What a finding's fix writes, in a few words: `replaced with "WON"` (its suggestion, when
/// the fix is that one edit), `removed 12 bytes`, `3 edits`.
pub(crate) fn fix_wrote(d: &Diagnostic) -> Option<String> {
    let fix = d.fix.as_ref()?;
    Some(match (&d.suggestion, fix.edits.as_slice()) {
        (_, []) => return None,
        (Some(suggestion), [edit]) if edit.span == d.span => format!("replaced with {suggestion}"),
        (_, edits) if edits.iter().all(|e| e.replacement.is_empty()) => format!(
            "removed {}",
            plural(edits.iter().map(|e| e.span.len).sum::<usize>(), "byte")
        ),
        (_, edits) => plural(edits.len(), "edit"),
    })
}

impl RefusedFix {
    /// `path:3:14: note[A4P101]: fix not applied: it would add A4P201 at ...`: the refused
    /// fix in one line, as the human and short formats and `--diff` write it.
    pub fn line(&self, path: &str) -> String {
        let f = &self.finding;
        format!(
            "{path}:{}:{}: note[{}]: fix not applied: {}",
            f.line,
            f.column,
            f.diagnostic.code(),
            self.reason
        )
    }
}

/// How many stale entries of a file the formats for people list one by one; the others are
/// counted in one line (a fixing hook makes hundreds stale at once).
pub const STALE_LISTED: usize = 10;

/// The lines (without the file's name) saying `file`'s stale baseline entries: by code, then
/// by place, array indices in numeric order (`/offerLines/9` before `/offerLines/10`); the
/// first [`STALE_LISTED`] one by one, the rest counted.
pub fn stale_lines(file: &FileReport) -> Vec<String> {
    let mut entries: Vec<&StaleEntry> = file.stale.iter().collect();
    entries.sort_by_cached_key(|e| {
        let segments: Vec<(u64, &str)> = e
            .pointer
            .split('/')
            .map(|segment| (segment.parse().unwrap_or(u64::MAX), segment))
            .collect();
        (e.code.as_str(), segments)
    });
    let mut lines: Vec<String> = entries
        .iter()
        .take(STALE_LISTED)
        .map(|e| e.describe())
        .collect();
    let rest = &entries[lines.len()..];
    if !rest.is_empty() {
        let gone: usize = rest.iter().map(|e| e.count).sum();
        let (entries, findings) = match (rest.len(), gone) {
            (1, 1) => ("entry", "finding"),
            (1, _) => ("entry", "findings"),
            _ => ("entries", "findings"),
        };
        lines.push(format!(
            "{} more stale baseline {entries} ({gone} {findings} gone): fixed or changed; write \
             the baseline again to drop them",
            rest.len()
        ));
    }
    lines
}

impl StaleEntry {
    /// `stale baseline entry A4P101 at /leadOpportunity/status (2 findings gone)`: the entry
    /// for people, its code and pointer (read from the baseline file) escaped.
    pub fn describe(&self) -> String {
        let escape = |text: &str| crate::text::escape_controls(text, |_| false).into_owned();
        let pointer = match self.pointer.as_str() {
            "" => "the payload's root".to_owned(),
            pointer => escape(pointer),
        };
        let gone = match self.count {
            1 => String::new(),
            n => format!(" ({n} findings gone)"),
        };
        format!(
            "stale baseline entry {} at {pointer}{gone}: fixed or changed; write the baseline \
             again to drop it",
            escape(&self.code)
        )
    }
}

/// `1 warning`, `2 warnings`: a count and its noun.
// Public for the binary (`src/cli/check/`: its progress and summary lines).
#[doc(hidden)]
pub fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// An output format.
pub trait Emitter {
    /// Before the first file.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// One file, in input order.
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()>;
    /// The run stopped before checking any input, for `why` (a configuration that cannot be
    /// used, a selector that matches no rule): called after `begin` and after the `file` of
    /// the configuration file when the problem is in it, before `end`. The format says the
    /// run failed the way its readers look for it.
    fn run_failed(&mut self, out: &mut dyn Write, why: &str) -> io::Result<()>;
    /// After the last file. A format says why the run fails when its warnings alone fail it
    /// ([`Summary::warnings_failure`]), the way its readers look for a failure.
    fn end(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
    /// The baseline's stale entries for `file` ([`FileReport::stale`]), after the file's
    /// findings. The formats with a summary line for people name each; the others leave
    /// them out (JSON has them in the file's object).
    fn stale(&mut self, _out: &mut dyn Write, _file: &FileReport) -> io::Result<()> {
        Ok(())
    }
    /// Whether a file can be written in parts as its payloads are checked (`part`s, then
    /// `end_file`) with the same output as one `file` call. A format that needs the whole
    /// file first (a kind, a count or a closing element before the findings) does not.
    fn streams(&self) -> bool {
        false
    }
    /// Findings of the next payloads of the file being written in parts, in order; `part`
    /// is placed in the file (its path is the file's). Only called when [`Emitter::streams`].
    fn part(&mut self, out: &mut dyn Write, part: &FileReport) -> io::Result<()> {
        self.file(out, part)
    }
    /// The end of a file written in parts: `file` has its path, kind and payload count, and
    /// its outcome without the findings already written (an `Err` if reading it failed
    /// midway). Only called when [`Emitter::streams`]. The findings are already out, so
    /// only a failure is left to write, the way `file` writes one.
    fn end_file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        match &file.outcome {
            Err(_) => self.file(out, file),
            Ok(_) => Ok(()),
        }
    }
}

/// The kind a file's payloads were detected as, when it is worth a line before its findings:
/// detected (not given), known, and the file has findings.
fn detected_kind(file: &FileReport) -> Option<PayloadKind> {
    let findings = file.outcome.as_ref().is_ok_and(|f| !f.is_empty());
    file.kind.filter(|_| file.kind_detected && findings)
}

/// The line saying which kind a file was detected as, written once per file whether the
/// file comes whole or in parts (NDJSON): the human and short formats' shared bookkeeping.
#[derive(Debug, Default)]
pub(crate) struct KindLine {
    /// The file being written in parts has had its line.
    written: bool,
}

impl KindLine {
    /// Writes `line(path, kind)` before `file`'s findings, unless this file has had it.
    pub(crate) fn before(
        &mut self,
        out: &mut dyn Write,
        file: &FileReport,
        line: fn(&mut dyn Write, &str, &str) -> io::Result<()>,
    ) -> io::Result<()> {
        if let (false, Some(kind)) = (self.written, detected_kind(file)) {
            self.written = true;
            line(out, &file.path, kind.name())?;
        }
        Ok(())
    }

    /// The file is over: the next one gets its own line.
    pub(crate) fn file_done(&mut self) {
        self.written = false;
    }
}

/// The formats, by their `--format` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// miette code frames and a summary line.
    Human,
    /// `path:line:col: severity[CODE]: message`.
    Short,
    /// The version 1 JSON contract.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// JUnit XML, one test case per file.
    Junit,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [
        Format::Human,
        Format::Short,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ];

    /// The `--format` name.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Short => "short",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
        }
    }

    /// The renderer for this format.
    pub fn emitter(self) -> Box<dyn Emitter> {
        match self {
            Format::Human => Box::new(human::HumanEmitter::default()),
            Format::Short => Box::new(short::ShortEmitter::default()),
            Format::Json => Box::new(json::JsonEmitter::default()),
            Format::Sarif => Box::new(sarif::SarifEmitter::default()),
            Format::Github => Box::new(github::GithubEmitter),
            Format::Junit => Box::new(junit::JunitEmitter::default()),
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                format!("unknown format `{s}`; expected human, short, json, sarif, github or junit")
            })
    }
}

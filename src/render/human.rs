//! Human output: miette's graphical reports, a code frame per finding.

use std::fmt;
use std::sync::Arc;

use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{plural, Emitter, FileReport, Summary};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Report;
use crate::rule::Severity;
use crate::source::Span;

/// How to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Terminal width used to wrap text.
    pub width: usize,
    /// ANSI colours.
    pub color: bool,
    /// A line longer than this (minified JSON, NDJSON) is shown as an excerpt around the
    /// finding instead of whole.
    pub max_line_len: usize,
}

impl Default for RenderOptions {
    /// 80 columns, no colour: what tests snapshot and what reads in any log.
    fn default() -> Self {
        Self {
            width: 80,
            color: false,
            max_line_len: 100,
        }
    }
}

/// Renders every finding of the report, one after the other.
pub(crate) fn render(report: &Report<'_>, options: &RenderOptions) -> String {
    let mut out = String::new();
    render_placed(report, options, 1, &mut out, &mut Vec::new());
    out
}

// The report of one payload is defined below this layer; how it reads, and its findings as
// miette sees them, are decided here.
impl Report<'_> {
    /// Renders every finding as a miette report: a code frame per finding, as the command
    /// line's human format shows them.
    pub fn render(&self, options: &RenderOptions) -> String {
        render(self, options)
    }

    /// Every finding with its code frame, each a [`miette::Diagnostic`] of its own: what to
    /// hand to `miette::Report::new` to show one finding.
    ///
    /// ```
    /// use api4p_lint::{Linter, PayloadKind};
    ///
    /// let payload = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
    /// let report = Linter::new().check_str(payload, PayloadKind::UpdateRequest);
    /// let finding = report.findings().remove(0);
    /// assert_eq!(finding.diagnostic().code(), "A4P101");
    /// let shown = format!("{:?}", miette::Report::new(finding));
    /// assert!(shown.contains("did you mean"), "{shown}");
    /// ```
    ///
    /// [`miette::Diagnostic`]: https://docs.rs/miette/7/miette/trait.Diagnostic.html
    pub fn findings(&self) -> Vec<Finding> {
        frames(
            self.source(),
            1,
            self.diagnostics().iter().cloned(),
            &RenderOptions::default(),
        )
    }
}

/// Renders every finding of a report whose text starts on line `first_line` of its file
/// (an NDJSON line): line numbers in the code frames are the file's.
/// Appends the frames to `out` and where each ends to `ends`.
pub(crate) fn render_placed(
    report: &Report<'_>,
    options: &RenderOptions,
    first_line: usize,
    out: &mut String,
    ends: &mut Vec<usize>,
) {
    let handler = handler(options);
    let (name, text, lines) = shown_source(report.source().name(), report.source().text());
    // One finding at a time: a payload's thousands of findings are not copied all at once.
    for diagnostic in report.diagnostics() {
        let finding = Finding::new(
            report.source(),
            &name,
            &text,
            &lines,
            first_line,
            diagnostic.clone(),
            options,
        );
        render_one(&handler, out, &finding);
        ends.push(out.len());
    }
}

/// Renders findings one after the other, as [`render`] does.
pub(crate) fn render_findings(findings: &[Finding], options: &RenderOptions) -> String {
    let handler = handler(options);
    let mut out = String::new();
    for finding in findings {
        render_one(&handler, &mut out, finding);
    }
    out
}

fn handler(options: &RenderOptions) -> GraphicalReportHandler {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        // A field path (`licenseChargeBreakdown[0].totalListPrice`) or a quoted label cut in
        // the middle reads as two words: a word longer than the line overflows it instead.
        .with_break_words(false)
        .without_syntax_highlighting()
        .with_links(false)
}

fn render_one(handler: &GraphicalReportHandler, out: &mut String, finding: &Finding) {
    // Writing into a String cannot fail.
    let _ = handler.render_report(out, finding);
    out.push('\n');
}

/// The name, the text as code frames show it ([`printable`]) and its lines.
fn shown_source(name: &str, text: &str) -> (Arc<str>, Arc<str>, Lines) {
    let text: Arc<str> = Arc::from(printable(text).as_ref());
    let lines = Lines::of(&text);
    (Arc::from(name), text, lines)
}

/// Each diagnostic with its code frame over the text of `source` (starting on line
/// `first_line` of its file), cut as `options` say.
pub(crate) fn frames(
    source: &crate::Source<'_>,
    first_line: usize,
    diagnostics: impl IntoIterator<Item = Diagnostic>,
    options: &RenderOptions,
) -> Vec<Finding> {
    let (name, text, lines) = shown_source(source.name(), source.text());
    diagnostics
        .into_iter()
        .map(|diagnostic| {
            Finding::new(
                source, &name, &text, &lines, first_line, diagnostic, options,
            )
        })
        .collect()
}

/// The text with every control character but tab and line feed, and every layout control
/// ([`crate::text::is_layout_control`]: bidirectional controls, line and paragraph
/// separators), replaced by a visible one of the same length in bytes (`?` for C0 and DEL, `¿`
/// for C1 and U+061C, `⸮` for the others), so that spans stay exact and a
/// hostile payload (invalid JSON can hold raw escape sequences) cannot drive the terminal
/// that shows its code frame. A carriage return never reaches the terminal either: a lone
/// one ends a line ([`crate::source::line_starts`]) and becomes a line feed, the one of a
/// `\r\n` becomes a space at the end of its line.
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n')) || crate::text::is_layout_control(c)
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(match c {
            '\r' if chars.peek() == Some(&'\n') => ' ',
            '\r' => '\n',
            c if !unsafe_char(c) => c,
            '\u{0}'..='\u{7f}' => '?',
            // A layout control, three bytes long (U+061C is two, as `¿`).
            c if c.len_utf8() == 3 => '⸮',
            _ => '¿',
        });
    }
    std::borrow::Cow::Owned(out)
}

/// The 0-based column (in characters) of `offset` on the line that starts at `line_start`.
/// When `text` starts the file (`file_start`), a BOM at its start is the file's encoding
/// mark and not counted, as [`crate::Source::line_col`] counts; one starting a later NDJSON
/// line is a character of that line, as editors show it.
fn column(text: &str, line_start: usize, offset: usize, file_start: bool) -> usize {
    let Some(before) = text.get(line_start..offset) else {
        return offset.saturating_sub(line_start);
    };
    let chars = before.chars().count();
    if file_start && line_start == 0 && before.starts_with('\u{feff}') {
        chars - 1
    } else {
        chars
    }
}

/// One finding with the text it points into: a [`miette::Diagnostic`] of its own (the code,
/// rule name and place as its code, severity, help and note, labelled spans over its code
/// frame), for `miette::Report::new(finding)` or as one of the related findings of
/// [`crate::validate::Error`]. The frame is the command line's: control characters made
/// visible, a long line shown as an excerpt around the finding, a span over 12 lines cut to
/// its start. Owned and cheap to clone (the text is shared).
///
/// [`miette::Diagnostic`]: https://docs.rs/miette/7/miette/trait.Diagnostic.html
#[derive(Clone)]
pub struct Finding {
    diagnostic: Diagnostic,
    source: PlacedSource,
    labels: Vec<LabeledSpan>,
}

impl Finding {
    fn new(
        source: &crate::Source<'_>,
        name: &Arc<str>,
        text: &Arc<str>,
        lines: &Lines,
        first_line: usize,
        diagnostic: Diagnostic,
        options: &RenderOptions,
    ) -> Self {
        let max = options.max_line_len.max(1);
        let (mut primary, mut primary_label) =
            clip(text, lines, diagnostic.span, &diagnostic.label, max);
        let secondary: Vec<(Span, String)> = diagnostic
            .secondary
            .iter()
            .map(|l| clip(text, lines, l.span, &l.message, max))
            .collect();
        // A frame shows whole lines: the primary span's, the lines next to it, the secondary
        // labels'. When one of those is longer than `max`, the frame shows the primary span's
        // first line alone (an excerpt of it when it is long too): no frame prints a long
        // line whole, however many findings point near it.
        let long = |line: usize| lines.end(line).min(text.len()) - lines.start(line) > max;
        let at = lines.index(primary.offset.min(text.len()));
        let last = lines.index(text.len());
        let crowded = (at > 0 && long(at - 1))
            || (at < last && long(at + 1))
            || secondary.iter().any(|(span, _)| {
                let line = lines.index(span.offset.min(text.len()));
                line != at && long(line)
            });
        let line_end = lines.end(at).min(text.len());
        if crowded && primary.end() > line_end {
            let mut cut = line_end.min(primary.offset + max);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let note = format!("continues to line {}", lines.index(primary.end()) + 1);
            primary_label = if primary_label.is_empty() {
                note
            } else {
                format!("{primary_label} ({note})")
            };
            primary = Span::from_range(primary.offset, cut);
        }
        let mut spans: Vec<(Span, String, bool)> = vec![(primary, primary_label, true)];
        spans.extend(
            secondary
                .into_iter()
                .map(|(span, label)| (span, label, false)),
        );
        let (source, spans) = match excerpt(text, lines, primary, max, crowded) {
            None => (
                PlacedSource {
                    name: Arc::clone(name),
                    text: Arc::clone(text),
                    lines: lines.clone(),
                    line_offset: first_line - 1,
                    cut: 0,
                    prefix: 0,
                    file_start: first_line == 1,
                    start: 0,
                    widths: source.masked_widths().clone(),
                },
                spans,
            ),
            Some(excerpt) => {
                let shifted = spans
                    .into_iter()
                    .filter(|(s, _, _)| s.offset >= excerpt.start && s.end() <= excerpt.end)
                    .map(|(s, l, p)| {
                        (
                            Span::new(s.offset - excerpt.start + excerpt.prefix, s.len),
                            l,
                            p,
                        )
                    })
                    .collect();
                // The source's column (a count over at most a few kB, however long the line:
                // thousands of findings on one long line stay linear), masks and BOM included;
                // a BOM starting a later NDJSON line is a character of it.
                let (_, column) = source.line_col(excerpt.start);
                let later_bom = first_line > 1 && excerpt.line_start == 0 && source.bom_len() > 0;
                let cut = column - 1 + usize::from(later_bom);
                let text: Arc<str> = Arc::from(excerpt.text);
                let source = PlacedSource {
                    name: Arc::clone(name),
                    lines: Lines::of(&text),
                    text,
                    line_offset: first_line - 1 + excerpt.line - 1,
                    cut,
                    prefix: excerpt.prefix,
                    file_start: first_line == 1 && excerpt.start == 0,
                    start: excerpt.start,
                    widths: source.masked_widths().clone(),
                };
                (source, shifted)
            }
        };
        let labels = spans
            .into_iter()
            .map(|(span, label, primary)| {
                if primary {
                    LabeledSpan::new_primary_with_span(Some(label), span)
                } else {
                    LabeledSpan::new_with_span(Some(label), span)
                }
            })
            .collect();
        Self {
            diagnostic,
            source,
            labels,
        }
    }

    /// The finding.
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.diagnostic
    }

    /// The finding, without its code frame.
    pub fn into_diagnostic(self) -> Diagnostic {
        self.diagnostic
    }

    /// The name of the text the finding points into (`payload`, a file's path).
    pub fn source_name(&self) -> &str {
        &self.source.name
    }
}

/// Multi-line spans up to this many lines are shown whole.
const MAX_SPAN_LINES: usize = 12;

/// A span too big to show (over [`MAX_SPAN_LINES`] lines or `MAX_SPAN_LINES * max` bytes, or
/// on one line over `max` bytes) is cut to its start (at most `max` bytes of its first line)
/// and its label says where it ends: the code frame of a finding about a whole 10 MB array
/// shows its first line, not the 10 MB.
fn clip(text: &str, lines: &Lines, span: Span, label: &str, max: usize) -> (Span, String) {
    let start = span.offset.min(text.len());
    let end = span.end().min(text.len());
    let line_end = lines.end(lines.index(start)).min(end);
    let fits = if line_end == end {
        end - start <= max
    } else {
        end - start <= MAX_SPAN_LINES * max && lines.breaks(start, end) < MAX_SPAN_LINES
    };
    if fits {
        return (span, label.to_owned());
    }
    let mut cut = line_end.min(start + max);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let note = if line_end < end {
        format!("continues to line {}", lines.index(end) + 1)
    } else {
        format!("first {} of {} bytes shown", cut - start, end - start)
    };
    let label = if label.is_empty() {
        note
    } else {
        format!("{label} ({note})")
    };
    (Span::from_range(start, cut), label)
}

/// Where the lines of a text start: every lookup is a binary search, so that rendering
/// thousands of findings in one long text stays linear.
#[derive(Clone)]
struct Lines(Arc<Vec<usize>>);

impl Lines {
    fn of(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Lines(Arc::new(starts))
    }

    /// 0-based line holding byte `offset`.
    fn index(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset) - 1
    }

    /// Where line `index` starts.
    fn start(&self, index: usize) -> usize {
        self.0[index.min(self.0.len() - 1)]
    }

    /// Where line `index` ends: at its line feed, or `None` for the last line (the text's end).
    fn end_of(&self, index: usize) -> Option<usize> {
        self.0.get(index + 1).map(|next| next - 1)
    }

    /// [`Lines::end_of`], the text's end for the last line.
    fn end(&self, index: usize) -> usize {
        self.end_of(index).unwrap_or(usize::MAX)
    }

    /// Line feeds in `start..end`.
    fn breaks(&self, start: usize, end: usize) -> usize {
        self.index(end) - self.index(start)
    }
}

struct Excerpt {
    text: String,
    /// Byte range of the original line shown.
    start: usize,
    end: usize,
    /// Bytes added before the excerpt ("…").
    prefix: usize,
    /// 1-based line of the excerpt in the text, and where that line starts.
    line: usize,
    line_start: usize,
}

/// When the primary span sits on a line longer than `max`, the part of the line around it.
/// `alone`: the line is shown alone even when it is short (its neighbours are long).
fn excerpt(text: &str, lines: &Lines, span: Span, max: usize, alone: bool) -> Option<Excerpt> {
    let offset = span.offset.min(text.len());
    let line = lines.index(offset);
    let line_start = lines.start(line);
    let line_end = lines.end(line).min(text.len());
    if (line_end - line_start <= max && !alone) || span.len > max {
        return None;
    }
    let context = (max - span.len.min(max)) / 2;
    let mut start = span.offset.saturating_sub(context).max(line_start);
    let mut end = (span.end() + context).min(line_end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let prefix = if start > line_start { "…" } else { "" };
    let suffix = if end < line_end { "…" } else { "" };
    Some(Excerpt {
        text: format!("{prefix}{}{suffix}", &text[start..end]),
        start,
        end,
        prefix: prefix.len(),
        line: line + 1,
        line_start,
    })
}

/// The text as miette reads it, with line numbers (and, for an excerpt, columns) of the
/// file it came from.
#[derive(Clone)]
struct PlacedSource {
    name: Arc<str>,
    text: Arc<str>,
    lines: Lines,
    line_offset: usize,
    /// Characters of the line cut before an excerpt, added to columns on its first line.
    cut: usize,
    /// Bytes put before an excerpt ("…"), not counted in columns.
    prefix: usize,
    /// The text starts the file: a BOM at its start is not counted in columns.
    file_start: bool,
    /// Where the text's byte `prefix` is in the payload's text.
    start: usize,
    /// A redacted text's masks wider than one character ([`crate::source::MaskedWidths`]).
    widths: crate::source::MaskedWidths,
}

impl PlacedSource {
    /// Characters of the original payload from `from` to `offset` (offsets in this text).
    fn columns(&self, from: usize, offset: usize, file_start: bool) -> usize {
        let at = |o: usize| self.start + o.saturating_sub(self.prefix);
        column(&self.text, from, offset, file_start) - self.widths.excess(at(from), at(offset))
    }
}

impl SourceCode for PlacedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // miette reads a `str` from its start to the span: hand it only the lines around
        // the span (one more on each side than asked, so that it finds the same context).
        let (offset, end) = (span.offset(), span.offset() + span.len());
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self
            .lines
            .index(offset)
            .saturating_sub(context_lines_before + 1);
        let last = self.lines.index(end) + context_lines_after + 1;
        let window_start = self.lines.start(first);
        let window_end = self.lines.end_of(last).map_or(self.text.len(), |e| e + 1);
        let window = &self.text[window_start..window_end];
        let inner = window.read_span(
            &SourceSpan::new((offset - window_start).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        let line = inner.line() + first;
        // miette counts columns in bytes; every other format counts characters.
        let index = self.lines.index(offset);
        let column = if index == 0 && self.prefix > 0 {
            self.cut + self.columns(self.prefix.min(offset), offset, false)
        } else {
            self.columns(self.lines.start(index), offset, self.file_start)
        };
        let shown = SourceSpan::new(
            (inner.span().offset() + window_start).into(),
            inner.span().len(),
        );
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            shown,
            line + self.line_offset,
            column,
            inner.line_count(),
        )))
    }
}

/// The human format: code frames per file, a summary line at the end (or, when the run
/// stopped before checking anything, the reason instead).
#[derive(Debug, Default)]
pub struct HumanEmitter {
    failed: bool,
    kind_line: super::KindLine,
}

impl HumanEmitter {
    /// `payload.json (detected as order-get-response)`, once before a file's findings when its
    /// kind came from its shape: the findings are judged against that kind's schema.
    fn head(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        self.kind_line.before(out, file, |out, path, kind| {
            writeln!(out, "{path} (detected as {kind})\n")
        })
    }

    /// `error: p.json: not rewritten: why`, after the file's findings, as an unreadable file
    /// is said.
    fn not_rewritten(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        match &file.not_rewritten {
            Some(why) => writeln!(out, "error: {}: not rewritten: {why}", file.path),
            None => Ok(()),
        }
    }

    fn body(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        match &file.outcome {
            Err(why) => writeln!(out, "error: {}: {why}", file.path),
            Ok(_) => {
                super::applied_lines(out, file)?;
                out.write_all(file.human.as_bytes())?;
                super::refused_lines(out, file)?;
                Self::not_rewritten(out, file)
            }
        }
    }
}

impl Emitter for HumanEmitter {
    fn streams(&self) -> bool {
        true
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        self.head(out, file)?;
        self.kind_line.file_done();
        Self::body(out, file)
    }

    fn part(&mut self, out: &mut dyn Write, part: &FileReport) -> io::Result<()> {
        self.head(out, part)?;
        Self::body(out, part)
    }

    fn end_file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        self.kind_line.file_done();
        match &file.outcome {
            Err(_) => Self::body(out, file),
            Ok(_) => Self::not_rewritten(out, file),
        }
    }

    fn stale(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        for line in super::stale_lines(file) {
            writeln!(out, "note: {}: {line}", file.path)?;
        }
        Ok(())
    }

    fn run_failed(&mut self, out: &mut dyn Write, why: &str) -> io::Result<()> {
        self.failed = true;
        writeln!(out, "error: {why}")
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        // "1 file checked" would count the configuration file as a payload.
        if self.failed {
            return Ok(());
        }
        // Only the files read: an input that could not be checked (a missing path, a folder
        // with nothing to check, a glob that matches nothing) is counted apart.
        let mut line = format!(
            "{} checked: {}, {}, {}",
            plural(summary.files.saturating_sub(summary.unreadable), "file"),
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.infos, "info"),
        );
        if summary.unreadable > 0 {
            line.push_str(&format!(
                "; {} could not be checked",
                plural(summary.unreadable, "input")
            ));
        }
        if !summary.skipped.is_empty() {
            line.push_str(&format!("; skipped: {}", summary.skipped));
        }
        line.push_str(&summary.baseline_note());
        if let Some(why) = summary.failure() {
            line.push_str(&format!("; failed: {why}"));
        }
        if let Some(fixed) = summary.fixed_line() {
            writeln!(out, "{fixed}")?;
        }
        // Before the summary line, which stays the last (what a log's last line shows).
        if let Some(hint) = summary.fix_hint() {
            writeln!(out, "{hint}")?;
        }
        writeln!(out, "{line}")
    }
}

impl fmt::Debug for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finding")
            .field("diagnostic", &self.diagnostic)
            .field("source_name", &self.source.name)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Finding {}

/// `A4P101(enum-value) at /leadOpportunity/status`: the code, the rule's name and the place.
struct Code<'a>(&'a Diagnostic);

impl fmt::Display for Code<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{}({})", d.code(), d.rule_name())?;
        if !d.pointer.is_empty() {
            write!(f, " at {}", crate::pointer::show_pointer(&d.pointer))?;
        }
        Ok(())
    }
}

/// The help, then the note.
struct Help<'a>(&'a Diagnostic);

impl fmt::Display for Help<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.0.help, &self.0.note) {
            (Some(help), Some(note)) => write!(f, "{help}\nnote: {note}"),
            (Some(help), None) => f.write_str(help),
            // miette has one footer, `help:`: a note alone takes its place (not "help: note:").
            (None, Some(note)) => write!(f, "{note}"),
            (None, None) => Ok(()),
        }
    }
}

impl miette::Diagnostic for Finding {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(Code(&self.diagnostic)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (self.diagnostic.help.is_some() || self.diagnostic.note.is_some())
            .then(|| Box::new(Help(&self.diagnostic)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

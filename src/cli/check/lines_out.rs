//! Where the lines of an NDJSON input go once fixed, in order, as they come back from the
//! workers: into a temporary file beside it (renamed over it at its end, if a line changed),
//! to stdout (standard input: `check --fix -`), or into a unified diff (`--diff`) written
//! at the file's end. Every line keeps its own line end; blank lines are kept as they were.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::PathBuf;

use super::super::output::Sink;
use api4p_lint::redact::may_hold_a_secret;

use super::fix::{rewrite_checks, say_withheld, Stamp};

/// Context lines around a change, as `diff -u` gives.
const CONTEXT: usize = 3;

/// One NDJSON line after fixing.
pub(super) struct FixedLine {
    /// The line as read, without its line end.
    pub(super) old: Vec<u8>,
    /// The fixed line, when a fix changed it.
    pub(super) new: Option<String>,
    /// Its line end: `\n`, `\r\n`, or nothing (the last line).
    pub(super) end: &'static [u8],
    /// The line was over the size limit: only its first bytes were read, so the file cannot
    /// be written back.
    pub(super) cut: bool,
    /// Its line number (as the report counts: a lone CR counts as a line break).
    pub(super) number: usize,
}

impl FixedLine {
    /// The line end of a line read with it (`text` still holds it; it is taken off).
    pub(super) fn take_end(text: &mut Vec<u8>) -> &'static [u8] {
        if text.last() != Some(&b'\n') {
            return b"";
        }
        text.pop();
        if text.last() == Some(&b'\r') {
            text.pop();
            b"\r\n"
        } else {
            b"\n"
        }
    }

    fn bytes(&self) -> &[u8] {
        self.new.as_ref().map_or(&self.old[..], |n| n.as_bytes())
    }
}

/// The destination of the NDJSON input being fixed.
pub(super) enum LinesOut {
    /// A file: its temporary replacement (or why it cannot have one), what it was when
    /// read, whether a line changed, and the first line that cannot be written back.
    File {
        path: PathBuf,
        stamp: Option<Stamp>,
        sink: Result<Sink, String>,
        changed: bool,
        cut: Option<usize>,
    },
    /// Standard input, given back on stdout up to the first line over the size limit, if
    /// any (its number): a line cut is never written, nor anything after it.
    Stdout(io::StdoutLock<'static>, Option<usize>),
    /// `--diff`: the diff, written to the report's output.
    Diff(StreamDiff),
    /// `--diff` of a file `--fix` would not rewrite (a folder walk met it as a link): no
    /// diff, and why, if a line would change.
    NoDiff { why: String, changed: bool },
}

impl LinesOut {
    /// The destination for the file at `path` (stdin when `None`), `stamp` what it was
    /// before it was read.
    pub(super) fn new(name: &str, path: Option<PathBuf>, stamp: Option<Stamp>, diff: bool) -> Self {
        if diff {
            // What `--fix` would write: nothing of a file it would not rewrite.
            if let Some(Err(why)) = path.as_deref().map(|path| rewrite_checks(path, stamp)) {
                return LinesOut::NoDiff {
                    why,
                    changed: false,
                };
            }
            let header = super::fix::diff_header(name, path.as_deref());
            return LinesOut::Diff(StreamDiff::new(name, header));
        }
        let Some(path) = path else {
            return LinesOut::Stdout(io::stdout().lock(), None);
        };
        let sink = rewrite_checks(&path, stamp).and_then(|()| {
            Sink::replacing(&path, stamp.map(Stamp::id))
                .map_err(|e| format!("cannot rewrite it: {e}"))
        });
        LinesOut::File {
            path,
            stamp,
            sink,
            changed: false,
            cut: None,
        }
    }

    /// Takes the next lines; with `--diff`, what the diff writes of them.
    pub(super) fn lines(&mut self, lines: &[FixedLine]) -> io::Result<Option<Vec<u8>>> {
        match self {
            LinesOut::File {
                sink, changed, cut, ..
            } => {
                for line in lines {
                    *changed |= line.new.is_some();
                    if line.cut && cut.is_none() {
                        *cut = Some(line.number);
                    }
                    if let Ok(out) = sink {
                        if let Err(e) = out
                            .write_all(line.bytes())
                            .and_then(|()| out.write_all(line.end))
                        {
                            *sink = Err(format!("cannot rewrite it: {e}"));
                        }
                    }
                }
                Ok(None)
            }
            LinesOut::Stdout(out, cut) => {
                for line in lines {
                    if line.cut && cut.is_none() {
                        *cut = Some(line.number);
                    }
                    if cut.is_some() {
                        break;
                    }
                    out.write_all(line.bytes())?;
                    out.write_all(line.end)?;
                }
                Ok(None)
            }
            LinesOut::Diff(diff) => {
                for line in lines {
                    diff.line(line);
                }
                // Nothing yet: a later line may hold an API key, which withholds it all.
                Ok(Some(Vec::new()))
            }
            LinesOut::NoDiff { changed, .. } => {
                *changed |= lines.iter().any(|l| l.new.is_some());
                Ok(Some(Vec::new()))
            }
        }
    }

    /// The input is over: a file is replaced if a line changed (why it was not, if it could
    /// not be: [`FileReport::not_rewritten`]), stdout is flushed; with `--diff`, what the
    /// diff has left to write.
    ///
    /// [`FileReport::not_rewritten`]: api4p_lint::render::FileReport::not_rewritten
    pub(super) fn finish(self) -> (Result<(), String>, Option<Vec<u8>>) {
        match self {
            LinesOut::File {
                path,
                stamp,
                sink,
                changed,
                cut,
            } => {
                if !changed {
                    // Dropped: the temporary file is deleted, the file left untouched.
                    return (Ok(()), None);
                }
                let done = match (sink, cut) {
                    (_, Some(line)) => Err(format!(
                        "line {line} is over the size limit, so the file cannot be written back"
                    )),
                    (Err(why), _) => Err(why),
                    (Ok(sink), None) => rewrite_checks(&path, stamp).and_then(|()| {
                        sink.finish().map_err(|e| format!("cannot rewrite it: {e}"))
                    }),
                };
                (done, None)
            }
            LinesOut::Stdout(mut out, cut) => {
                let flushed = out
                    .flush()
                    .map_err(|e| format!("cannot write the fixed payloads: {e}"));
                let done = flushed.and(match cut {
                    Some(line) => Err(format!(
                        "line {line} is over the size limit, so standard input was given back \
                         up to the line before it only"
                    )),
                    None => Ok(()),
                });
                (done, None)
            }
            LinesOut::Diff(diff) => match diff.finish() {
                Ok(hunks) => (Ok(()), Some(hunks)),
                Err(why) => (Err(why), None),
            },
            LinesOut::NoDiff { why, changed } => (if changed { Err(why) } else { Ok(()) }, None),
        }
    }
}

/// A line of a hunk: its mark (`' '`, `'-'` or `'+'`) and the line with its line end.
type HunkLine = (u8, Vec<u8>);

/// A unified diff written as the lines come, for a fix that changes lines one for one (an
/// NDJSON line stays one line): hunks with [`CONTEXT`] lines around each change, two changes
/// closer than twice that in one hunk. Holds the last lines of context, the hunk being
/// built and the hunks written, given at the file's end: none if a line names or holds an
/// API key, as a `.json` file's diff is withheld (`fix::diff_or_withheld`).
pub(super) struct StreamDiff {
    name: String,
    /// The name in the `---` and `+++` lines ([`super::fix::diff_header`]).
    header_name: String,
    /// The hunks written so far.
    out: Vec<u8>,
    /// Why the file's diff is withheld, if it is: a line (as read or fixed) may hold a
    /// secret, or a line is over the size limit (its context would be cut).
    withheld: Option<Withheld>,
    /// Lines read so far.
    seen: usize,
    /// The last unchanged lines, before a hunk.
    before: VecDeque<Vec<u8>>,
    /// The hunk being written: its first line's number and its lines.
    hunk: Option<(usize, Vec<HunkLine>)>,
    /// Unchanged lines since the hunk's last change.
    trailing: usize,
    /// The file's header is written.
    header: bool,
    /// A line changed.
    changed: bool,
}

impl StreamDiff {
    fn new(name: &str, header_name: String) -> Self {
        StreamDiff {
            name: name.to_owned(),
            header_name,
            out: Vec::new(),
            withheld: None,
            seen: 0,
            before: VecDeque::new(),
            hunk: None,
            trailing: 0,
            header: false,
            changed: false,
        }
    }

    fn with_end(text: &[u8], end: &[u8]) -> Vec<u8> {
        let mut line = text.to_vec();
        line.extend_from_slice(end);
        line
    }

    fn line(&mut self, line: &FixedLine) {
        self.seen += 1;
        self.changed |= line.new.is_some();
        if self.withheld.is_none() {
            if line.cut {
                self.withheld = Some(Withheld::Cut(line.number));
            } else if may_hold_a_secret(&String::from_utf8_lossy(&line.old))
                || line.new.as_deref().is_some_and(may_hold_a_secret)
            {
                self.withheld = Some(Withheld::Secret);
            }
        }
        match &line.new {
            Some(new) => {
                let (start, lines) = self.hunk.get_or_insert_with(|| (0, Vec::new()));
                if lines.is_empty() {
                    *start = self.seen - self.before.len();
                    lines.extend(self.before.drain(..).map(|l| (b' ', l)));
                }
                lines.push((b'-', Self::with_end(&line.old, line.end)));
                lines.push((b'+', Self::with_end(new.as_bytes(), line.end)));
                self.trailing = 0;
            }
            None => {
                let text = Self::with_end(&line.old, line.end);
                match &mut self.hunk {
                    Some((_, lines)) => {
                        lines.push((b' ', text));
                        self.trailing += 1;
                        if self.trailing > 2 * CONTEXT {
                            self.flush();
                        }
                    }
                    None => {
                        self.before.push_back(text);
                        if self.before.len() > CONTEXT {
                            self.before.pop_front();
                        }
                    }
                }
            }
        }
    }

    /// Writes the hunk being built, with at most [`CONTEXT`] lines after its last change
    /// (the rest become the next hunk's lines before).
    fn flush(&mut self) {
        let out = &mut self.out;
        let Some((start, mut lines)) = self.hunk.take() else {
            return;
        };
        let extra = self.trailing.saturating_sub(CONTEXT);
        let rest = lines.split_off(lines.len() - extra);
        self.before = rest
            .into_iter()
            .map(|(_, l)| l)
            .rev()
            .take(CONTEXT)
            .rev()
            .collect();
        self.trailing = 0;
        if self.withheld.is_some() {
            return;
        }
        if !self.header {
            self.header = true;
            out.extend_from_slice(format!("--- {0}\n+++ {0}\n", self.header_name).as_bytes());
        }
        let old = lines.iter().filter(|(m, _)| *m != b'+').count();
        let new = lines.iter().filter(|(m, _)| *m != b'-').count();
        out.extend_from_slice(format!("@@ -{start},{old} +{start},{new} @@\n").as_bytes());
        for (mark, line) in lines {
            out.push(mark);
            out.extend_from_slice(&line);
            if line.last() != Some(&b'\n') {
                out.extend_from_slice(b"\n\\ No newline at end of file\n");
            }
        }
    }

    /// The hunks left to write; an error when `--fix` would not rewrite the file.
    fn finish(mut self) -> Result<Vec<u8>, String> {
        self.flush();
        match self.withheld {
            Some(Withheld::Secret) => say_withheld(&self.name),
            // As `--fix` says it: a line over the limit is not read whole, so it cannot be
            // written back, nor the file (the line's own finding says it was not checked).
            Some(Withheld::Cut(line)) if self.changed => {
                return Err(format!(
                    "line {line} is over the size limit, so the file cannot be written back"
                ))
            }
            Some(Withheld::Cut(_)) => {}
            None => return Ok(self.out),
        }
        Ok(Vec::new())
    }
}

/// Why an NDJSON file's diff is withheld.
#[derive(Debug, Clone, Copy)]
enum Withheld {
    /// A line names or holds an API key.
    Secret,
    /// This line is over the size limit.
    Cut(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff_of(lines: &[(&str, Option<&str>)], last_end: &'static [u8]) -> String {
        let mut diff = StreamDiff::new("l.ndjson", "l.ndjson".to_owned());
        for (i, (old, new)) in lines.iter().enumerate() {
            let line = FixedLine {
                old: old.as_bytes().to_vec(),
                new: new.map(str::to_owned),
                end: if i + 1 == lines.len() {
                    last_end
                } else {
                    b"\n"
                },
                cut: false,
                number: i + 1,
            };
            diff.line(&line);
        }
        String::from_utf8(diff.finish().unwrap()).unwrap()
    }

    #[test]
    fn changes_closer_than_twice_the_context_share_a_hunk_and_farther_ones_do_not() {
        let mut lines: Vec<(&str, Option<&str>)> = vec![("same", None); 20];
        lines[1] = ("a", Some("A"));
        lines[8] = ("b", Some("B")); // 6 unchanged lines between: one hunk
        lines[16] = ("c", Some("C")); // 7 between: a hunk of its own
        let diff = diff_of(&lines, b"");
        assert_eq!(
            diff,
            "--- l.ndjson\n+++ l.ndjson\n\
             @@ -1,12 +1,12 @@\n same\n-a\n+A\n same\n same\n same\n same\n same\n same\n-b\n+B\n same\n same\n same\n\
             @@ -14,7 +14,7 @@\n same\n same\n same\n-c\n+C\n same\n same\n same\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn nothing_changed_is_no_diff() {
        assert_eq!(diff_of(&[("x", None), ("y", None)], b"\n"), "");
    }
}

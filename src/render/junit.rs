//! JUnit XML: one test case per file, for CI systems that show test reports.
//!
//! A file with an error-severity finding fails (`<failure>` listing its errors as
//! `line:col severity[CODE] message`, each followed by its help), a file that could not be
//! read is an `<error>`, and so is one that `check --fix` could not rewrite (`type="fix"`,
//! beside its failure), any other file passes; warnings and infos are listed in the test
//! case's `<system-out>`. A run that stopped before checking anything (a configuration or
//! usage problem) adds a test case `api4p-lint check` with an `<error type="usage">`, so that
//! a CI reading the report never sees an empty, passing suite. A run that its warnings fail
//! (`--deny-warnings`, `--max-warnings`) adds a test case `api4p-lint check` with a
//! `<failure type="warnings">` saying so, so that the suite fails when the run does. The counts
//! go in the header, so each file's test case is rendered when it comes and kept (text of its
//! findings only, never the payload) until the end. What the inputs' expansion skipped on
//! purpose (hidden, excluded, ignored...) is one skipped test case per reason.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Emitter, FileReport, PlacedDiagnostic, Summary};
use crate::rule::Severity;

/// The JUnit format.
#[derive(Debug, Default)]
pub struct JunitEmitter {
    cases: Vec<String>,
    failures: usize,
    errors: usize,
}

/// Escapes text for XML 1.0 content and attribute values: the five special characters, and
/// characters XML 1.0 cannot hold (controls other than tab, LF and CR; U+FFFE, U+FFFF)
/// replaced by U+FFFD. With `attribute`, tab, LF and CR become character references so that
/// attribute-value normalisation keeps them.
pub(crate) fn escape_xml(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn finding_line(out: &mut String, f: &PlacedDiagnostic) {
    let d = &f.diagnostic;
    let _ = writeln!(
        out,
        "{}:{} {}[{}] {}",
        f.line,
        f.column,
        d.severity,
        d.code(),
        d.message
    );
    if let Some(help) = &d.help {
        for (i, line) in help.lines().enumerate() {
            let prefix = if i == 0 { "  help: " } else { "        " };
            let _ = writeln!(out, "{prefix}{line}");
        }
    }
}

impl JunitEmitter {
    fn case(&mut self, file: &FileReport) -> String {
        let mut case = format!(
            "    <testcase classname=\"api4p-lint\" name=\"{}\"",
            escape_xml(&file.path, true)
        );
        let findings = match &file.outcome {
            Err(why) => {
                self.errors += 1;
                let _ = write!(
                    case,
                    ">\n      <error message=\"{}\" type=\"io\">cannot read {}: {}</error>\n    </testcase>\n",
                    escape_xml(why, true),
                    escape_xml(&file.path, false),
                    escape_xml(why, false)
                );
                return case;
            }
            Ok(findings) => findings,
        };
        let (errors, others): (Vec<&PlacedDiagnostic>, Vec<&PlacedDiagnostic>) = findings
            .iter()
            .partition(|f| f.diagnostic.severity == Severity::Error);
        if errors.is_empty() && others.is_empty() && file.not_rewritten.is_none() {
            case.push_str("/>\n");
            return case;
        }
        case.push_str(">\n");
        if let Some(why) = &file.not_rewritten {
            // Beside the findings: the file was checked, but not rewritten as asked.
            self.errors += 1;
            let why = format!("not rewritten: {why}");
            let _ = writeln!(
                case,
                "      <error message=\"{}\" type=\"fix\">{}</error>",
                escape_xml(&why, true),
                escape_xml(&why, false)
            );
        }
        if let Some(first) = errors.first() {
            self.failures += 1;
            let message = match errors.len() {
                1 => first.diagnostic.message.clone(),
                n => format!(
                    "{} (and {} more error{})",
                    first.diagnostic.message,
                    n - 1,
                    if n == 2 { "" } else { "s" }
                ),
            };
            let mut text = String::new();
            for f in &errors {
                finding_line(&mut text, f);
            }
            let _ = writeln!(
                case,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape_xml(&message, true),
                first.diagnostic.code(),
                escape_xml(&text, false)
            );
        }
        if !others.is_empty() {
            let mut text = String::new();
            for f in &others {
                finding_line(&mut text, f);
            }
            let _ = writeln!(
                case,
                "      <system-out>{}</system-out>",
                escape_xml(&text, false)
            );
        }
        case.push_str("    </testcase>\n");
        case
    }
}

impl Emitter for JunitEmitter {
    fn file(&mut self, _out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        let case = self.case(file);
        self.cases.push(case);
        Ok(())
    }

    fn run_failed(&mut self, _out: &mut dyn Write, why: &str) -> io::Result<()> {
        self.errors += 1;
        self.cases.push(format!(
            "    <testcase classname=\"api4p-lint\" name=\"api4p-lint check\">\n      <error message=\"{}\" type=\"usage\">{}</error>\n    </testcase>\n",
            escape_xml(why, true),
            escape_xml(why, false)
        ));
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if let Some(why) = summary.failure() {
            // The files with warnings (or fixed) passed; the run did not. A test report that
            // is green while the job is red would hide why.
            self.failures += 1;
            let why = format!("failed: {why}");
            let kind = if summary.fails_on_warnings() {
                "warnings"
            } else {
                "fixes"
            };
            self.cases.push(format!(
                "    <testcase classname=\"api4p-lint\" name=\"api4p-lint check\">\n      <failure message=\"{}\" type=\"{kind}\">{}</failure>\n    </testcase>\n",
                escape_xml(&why, true),
                escape_xml(&why, false)
            ));
        }
        // What a walk left out is counted by reason, not listed: one skipped test case per
        // reason, saying how many entries, so that the counts are those of the elements (a
        // reader that counts `<testcase>` and `<skipped/>` agrees with the attributes).
        let mut skipped = 0;
        for (_, count, reason) in summary.skipped.reasons() {
            if count == 0 {
                continue;
            }
            skipped += 1;
            let what = format!(
                "{count} {} not checked ({reason})",
                if count == 1 { "entry" } else { "entries" }
            );
            self.cases.push(format!(
                "    <testcase classname=\"api4p-lint\" name=\"skipped: {reason}\">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                escape_xml(&what, true)
            ));
        }
        let counts = format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\"",
            self.cases.len(),
            self.failures,
            self.errors
        );
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<testsuites name=\"api4p-lint\" {counts}>")?;
        writeln!(
            out,
            "  <testsuite name=\"api4p-lint\" {counts} skipped=\"{skipped}\">"
        )?;
        for case in self.cases.drain(..) {
            out.write_all(case.as_bytes())?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_specials_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape_xml("a<b>&\"c'\u{1}\u{ffff}\t\n", false),
            "a&lt;b&gt;&amp;&quot;c&apos;\u{fffd}\u{fffd}\t\n"
        );
        assert_eq!(escape_xml("a\tb\nc\r", true), "a&#9;b&#10;c&#13;");
        assert_eq!(escape_xml("\u{7}", false), "\u{fffd}");
    }
}

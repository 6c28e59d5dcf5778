//! The same location everywhere: a finding's line and column are the same in the six
//! formats (the human header included), and they are what the span's byte offset means in
//! the file: lines end at `\n`, `\r\n` or a lone `\r` (as editors break them), columns count
//! characters from 1, a BOM not counted.

mod common;

use api4p_lint::render::FileReport;
use api4p_lint::{PayloadKind, RenderOptions, Source};
use proptest::prelude::*;
use regex::Regex;
use serde_json::Value;

use common::{linter, render_all, spec_cases};

/// Where `offset` is in `text`, counted independently of the library.
fn expected(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let mut line = 1;
    let mut line_start = 0;
    let bytes = before.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends_line = b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
        if ends_line {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = before[line_start..]
        .chars()
        .filter(|&c| !(line_start == 0 && c == '\u{feff}'))
        .count();
    (line, column + 1)
}

/// The (line, column) of every finding, in order, as each format writes it.
fn locations(format: &str, output: &str, name: &str) -> Vec<(usize, Option<usize>)> {
    let name = regex::escape(name);
    if format == "human" {
        // Each finding's first frame header (a secondary label far away gets its own).
        let header = Regex::new(&format!(r"\[{name}:(\d+):(\d+)\]")).unwrap();
        let title = Regex::new(r"^A4P\d{3}\(").unwrap();
        let mut out = Vec::new();
        let mut wanted = false;
        for line in output.lines() {
            if title.is_match(line) {
                wanted = true;
            } else if let Some(c) = header.captures(line).filter(|_| wanted) {
                out.push((c[1].parse().unwrap(), Some(c[2].parse().unwrap())));
                wanted = false;
            }
        }
        return out;
    }
    let pattern = match format {
        "short" => format!(r"(?m)^{name}:(\d+):(\d+): "),
        "json" => r#""line":(\d+),"column":(\d+)"#.to_owned(),
        // The primary location (related locations follow it).
        "sarif" => r#""locations":\[\{"physicalLocation":\{"artifactLocation":\{[^}]*\},"region":\{"startLine":(\d+),"startColumn":(\d+)"#.to_owned(),
        // A span over several lines has no column in GitHub's annotations: `col` is absent.
        "github" => format!(r"file={name},line=(\d+)(?:,col=(\d+))?"),
        "junit" => r"(?m)(?:^|>)(\d+):(\d+) (?:error|warning|info)\[".to_owned(),
        other => panic!("{other}"),
    };
    Regex::new(&pattern)
        .unwrap()
        .captures_iter(output)
        .map(|c| {
            let line = c[1].parse().unwrap();
            (line, c.get(2).map(|col| col.as_str().parse().unwrap()))
        })
        .collect()
}

#[derive(Debug, Clone)]
struct Layout {
    case: usize,
    /// `\n`, `\r\n` or `\r`.
    line_break: &'static str,
    indent: &'static str,
    /// Put before every string value: multi-byte characters and tabs shift columns.
    prefix: &'static str,
    /// All on one line (a minified payload), padded past the human frame's excerpt width.
    one_line: bool,
    bom: bool,
    ndjson: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        0..spec_cases().len(),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        prop_oneof![Just("  "), Just("\t"), Just("")],
        prop_oneof![Just(""), Just("é"), Just("😀€"), Just("\t"), Just("日本語")],
        proptest::bool::weighted(0.3),
        proptest::bool::weighted(0.2),
        proptest::bool::weighted(0.3),
    )
        .prop_map(
            |(case, line_break, indent, prefix, one_line, bom, ndjson)| Layout {
                case,
                line_break,
                indent,
                prefix,
                one_line,
                bom,
                ndjson,
            },
        )
}

/// The case's payload written in the layout: (kind, text of one payload).
fn write(layout: &Layout) -> (PayloadKind, String) {
    let (kind, text) = &spec_cases()[layout.case];
    let Ok(mut value) = serde_json::from_str::<Value>(text) else {
        // Not JSON: its own text, line breaks swapped.
        return (*kind, text.replace('\n', layout.line_break));
    };
    let mut stack = vec![&mut value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) if !layout.prefix.is_empty() => s.insert_str(0, layout.prefix),
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(members) => stack.extend(members.values_mut()),
            _ => {}
        }
    }
    let text = if layout.one_line || layout.ndjson {
        let mut compact = serde_json::to_string(&value).unwrap();
        if layout.one_line {
            // Long enough that the human frame shows an excerpt of the line.
            compact = compact.replacen('{', &format!("{{\"zz\": \"{}\", ", "é".repeat(150)), 1);
        }
        compact
    } else {
        let mut out = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(layout.indent.as_bytes());
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
        serde::Serialize::serialize(&value, &mut serializer).unwrap();
        String::from_utf8(out)
            .unwrap()
            .replace('\n', layout.line_break)
    };
    let text = if layout.bom && !layout.ndjson {
        format!("\u{feff}{text}")
    } else {
        text
    };
    (*kind, text)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_format_gives_the_location_the_offset_means(mut layout in layout()) {
        // NDJSON lines end with `\n` (or `\r\n`), by definition of the format.
        if layout.ndjson && layout.line_break == "\r" {
            layout.line_break = "\n";
        }
        let (kind, payload) = write(&layout);
        let name = if layout.ndjson { "export.ndjson" } else { "payload.json" };
        let options = RenderOptions { color: false, ..RenderOptions::default() };
        let mut file = FileReport::new(name);
        // The whole file's text, and each finding's offset in it.
        let mut whole = String::new();
        let mut offsets = Vec::new();
        // In NDJSON, a BOM can only start a later line: a character there.
        let later = if layout.bom { format!("\u{feff}{payload}") } else { payload.clone() };
        let lines: Vec<&str> = if layout.ndjson {
            vec![payload.as_str(), later.as_str()]
        } else {
            vec![payload.as_str()]
        };
        for line in lines {
            let report = linter().check(Source::new(name, line), Some(kind));
            let (first_line, _) = expected(&format!("{whole}x"), whole.len());
            file.add(&report, whole.len(), first_line, Some(&options));
            offsets.extend(report.diagnostics().iter().map(|d| whole.len() + d.span.offset));
            whole.push_str(line);
            whole.push_str(layout.line_break);
        }
        prop_assume!(!offsets.is_empty());
        let mut wanted: Vec<(usize, usize)> =
            offsets.iter().map(|&o| expected(&whole, o)).collect();
        wanted.sort_unstable();
        for (format, output) in render_all(&file) {
            // Sorted: JUnit lists what fails the test case before the rest.
            let mut found = locations(format, &output, name);
            found.sort_unstable();
            // Where a format leaves the column out, the line is still compared.
            let wanted: Vec<(usize, Option<usize>)> = wanted
                .iter()
                .map(|&(line, col)| {
                    let shown = found.contains(&(line, Some(col))) || !found.contains(&(line, None));
                    (line, shown.then_some(col))
                })
                .collect();
            let mut wanted = wanted;
            wanted.sort_unstable();
            prop_assert_eq!(
                &found,
                &wanted,
                "{} for {:?}:\n{}",
                format,
                whole,
                output
            );
        }
    }
}

#[test]
fn the_counting_above_breaks_lines_as_editors_do() {
    assert_eq!(expected("a\rb\r\nc\nd", 7), (4, 1));
    assert_eq!(expected("a\rb\r\nc\nd", 3), (2, 2));
    assert_eq!(expected("\u{feff}é\tx", 6), (1, 3));
}

/// The review's examples through the command line: multi-byte characters before the span
/// (the human header counted bytes: `1:91` where the others said `1:86`), and lone CR line
/// ends (human said `4:15`, JSON line 1 column 81), whose raw CR also reached the terminal.
#[test]
fn the_reviewed_examples_agree_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "multi.json",
            "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"SF-1\", \"name\": \"ééééé\", \"status\": \"WONN\"}}",
            (1, 85),
        ),
        (
            "cr_only.json",
            "{\r  \"leadOpportunity\": {\r    \"partnerLeadOpportunityId\": \"SF-1\",\r    \"status\": \"WONN\"\r  }\r}",
            (4, 15),
        ),
        (
            "crlf.json",
            "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"SF-1\",\r\n \"status\": \"WONN\"}}\r\n",
            (2, 12),
        ),
    ];
    for (name, text, (line, column)) in cases {
        std::fs::write(dir.path().join(name), text).unwrap();
        let offset = text.find("\"WONN\"").unwrap();
        assert_eq!(expected(text, offset), (line, column), "{name}");
        for format in crate::common::FORMATS {
            let (code, out, err) = common::run(
                dir.path(),
                &[
                    "check",
                    "--kind",
                    "update-request",
                    "--format",
                    format,
                    name,
                ],
                None,
            );
            assert_eq!(code, 1, "{name} {format}: {err}");
            assert_eq!(
                locations(format, &out, name),
                [(line, Some(column))],
                "{name} {format}:\n{out}"
            );
            assert!(
                !out.contains('\r'),
                "{name} {format} writes a raw CR:\n{out:?}"
            );
        }
    }
}

#[test]
fn the_readme_states_the_rule() {
    let readme = std::fs::read_to_string(common::manifest_dir().join("README.md")).unwrap();
    assert!(readme.contains(
        "Every format, the human frame's header included, gives the same line and column: a \
         line ends at `\\n`, `\\r\\n` or a lone `\\r`, as editors break lines"
    ));
}

/// In an NDJSON file, a lone CR inside a line breaks it for an editor: the findings on that
/// line and the lines after it are placed where the editor shows them. A BOM starting a later
/// line is a character there (only the file's first bytes are its encoding mark).
#[test]
fn ndjson_lines_after_a_lone_cr_or_a_bom_keep_the_editors_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let line =
        "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"SF-1\", \"status\": \"WONN\"}}";
    // And (an attacker's review) lone CRs just before a line's break, and a line of them.
    let text = format!("{line}\n{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"SF-1\",\r\"status\": \"WONN\"}}}}\n\u{feff}{line}\r\r\n\r\r\n{line}\n");
    std::fs::write(dir.path().join("export.ndjson"), &text).unwrap();
    let mut wanted: Vec<(usize, Option<usize>)> = text
        .match_indices("\"WONN\"")
        .map(|(offset, _)| {
            let (line, column) = expected(&text, offset);
            (line, Some(column))
        })
        .collect();
    assert_eq!(
        wanted,
        [(1, Some(68)), (3, Some(11)), (4, Some(69)), (8, Some(68))]
    );
    wanted.sort_unstable();
    for format in crate::common::FORMATS {
        let (code, out, err) = common::run(
            dir.path(),
            &[
                "check",
                "--kind",
                "update-request",
                "--format",
                format,
                "export.ndjson",
            ],
            None,
        );
        assert_eq!(code, 1, "{format}: {err}");
        let mut found = locations(format, &out, "export.ndjson");
        found.sort_unstable();
        assert_eq!(found, wanted, "{format}:\n{out}");
    }
}

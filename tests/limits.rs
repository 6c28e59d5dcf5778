//! Limits: a payload over `max-payload-bytes`, thousands of duplicate keys or findings, huge
//! values and long lines, did-you-mean against a 10,000-item portfolio, configuration and
//! reference files that are not regular files or are too large. The report stays bounded
//! (capped findings, cut quotes, code frame excerpts) and says what it left out.
//! Nothing here is timed (speed is measured in `benches/`); the heavy cases are sized to
//! finish in seconds in a debug build.

mod common;
#[path = "../benches/ids/mod.rs"]
mod ids;

use api4p_lint::config::{Config, Portfolio, PortfolioItem};
use api4p_lint::render::FileReport;
use api4p_lint::suggest::{search, Budget};
use api4p_lint::{Diagnostic, Linter, PayloadKind, RenderOptions};

use common::{assert_sane, at, check_file, codes, lint, linter, only, span_of, CREATE};
use ids::{anagrams, portfolio};

// ---------------------------------------------------------------------------------------
// Size

fn with_big_name(bytes: usize) -> String {
    CREATE.replacen(
        "\"Transformation Project at NewCustomer\"",
        &format!("\"{}\"", "x".repeat(bytes)),
        1,
    )
}

/// A string one MiB over the default payload limit (10 MiB): what a size limit must refuse,
/// and what a raised limit must check whole without copying it into messages.
const BIG: usize = 11 << 20;

#[test]
fn a_string_over_the_default_limit_is_refused_and_checked_under_a_raised_one() {
    let text = with_big_name(BIG);
    let report = linter().check_str(&text, PayloadKind::CreateRequest);
    let d = only(&report);
    assert_eq!(d.code(), "A4P005");
    assert_eq!(
        d.message,
        format!(
            "the payload is {} bytes, over the limit of 10485760 bytes",
            text.len()
        )
    );

    // Raised: the payload is checked whole, the findings point at the string, and neither
    // messages nor the code frame copy it.
    let mut config = Config::default();
    config.set_max_payload_bytes(64 << 20);
    let raised = Linter::with_config(config).with_today(jiff::civil::Date::constant(2025, 6, 1));
    let report = raised.check_str(&text, PayloadKind::CreateRequest);
    assert_sane(&report);
    // The one finding: the name looks like a placeholder. Its message quotes the value's
    // first 37 characters (the quote and 36 x) and "…".
    let d = only(&report);
    assert_eq!(d.code(), "A4P205");
    assert_eq!(d.pointer, "/leadOpportunity/name", "{d:#?}");
    assert_eq!(d.span.len, BIG + 2);
    assert_eq!(
        d.message,
        format!(
            "`leadOpportunity.name` \"{}… looks like a test record",
            "x".repeat(36)
        )
    );
    let rendered = report.render(&RenderOptions::default());
    assert!(rendered.len() < 10_000, "{} bytes rendered", rendered.len());

    // The command line: over the limit from a file and from stdin, exit 1, nothing parsed.
    let (code, diagnostics) =
        check_file("big.json", text.as_bytes(), &["--kind", "create-request"]);
    assert_eq!(code, 1);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["code"], "A4P005");
    // A file's size is known: the real one, not what was read of it.
    assert_eq!(
        diagnostics[0]["message"],
        format!(
            "the payload is {} bytes, over the limit of 10485760 bytes",
            text.len()
        )
    );
    assert_eq!(span_of(&diagnostics[0]), (0, 0));
    // From stdin, the tool stops reading one byte past the limit: it cannot tell the size,
    // and says only what it knows.
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = common::run(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--kind",
            "create-request",
            "-",
        ],
        Some(text.as_bytes()),
    );
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert_eq!(
        stdout,
        "<stdin>:1:1: error[A4P005]: the payload is more than 10485760 bytes, the limit; the \
         rest was not read\n"
    );
}

#[test]
fn the_payload_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("api4p-lint.toml"),
        "[limits]\nmax-payload-bytes = 300\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    let lines = [
        r#"{"message": "Too Many Requests"}"#.to_owned(),
        format!(r#"{{"message": "{}"}}"#, "x".repeat(400)),
        r#"{"message": 1}"#.to_owned(),
    ];
    std::fs::write(dir.path().join("errors.ndjson"), lines.join("\n")).unwrap();
    let out = lint(dir.path())
        .args([
            "check",
            "--format",
            "short",
            "--kind",
            "create-request",
            "lead.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "lead.json:1:1: error[A4P005]: the payload is {} bytes, over the limit of 300 bytes\n",
            CREATE.len()
        )
    );
    // NDJSON: the long line is reported at its line and the next one is still checked.
    let out = lint(dir.path())
        .args([
            "check",
            "--format",
            "short",
            "--kind",
            "error-response",
            "errors.ndjson",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let found: Vec<&str> = stdout.lines().collect();
    assert_eq!(found.len(), 2, "{stdout}");
    assert!(
        found[0].starts_with("errors.ndjson:2:1: error[A4P005]: the payload is 415 bytes"),
        "{stdout}"
    );
    assert!(found[1].starts_with("errors.ndjson:3:"), "{stdout}");
}

#[test]
fn thousands_of_duplicate_keys_give_a_bounded_report() {
    let n = 5_000;
    let members: Vec<String> = (0..n).map(|i| format!("\"status\": \"S{i}\"")).collect();
    let text = format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\", {}}}}}",
        members.join(", ")
    );
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    assert_sane(&report);
    let dups: Vec<&Diagnostic> = report
        .diagnostics()
        .iter()
        .filter(|d| d.code() == "A4P002")
        .collect();
    assert_eq!(dups.len(), 101);
    for (i, d) in dups[..100].iter().enumerate() {
        assert_eq!(d.message, "duplicate key `leadOpportunity.status`");
        assert_eq!(at(&text, d), "\"status\"");
        let first = text.find("\"status\"").unwrap();
        assert_eq!(d.secondary[0].span.offset, first);
        assert_eq!(
            d.span.offset,
            text.find(&format!("\"S{}\"", i + 1)).unwrap() - 10
        );
    }
    let summary = dups[100];
    assert_eq!(
        summary.message,
        "4899 more duplicate keys from `leadOpportunity.status` on, not reported one by one"
    );
    assert_eq!(summary.span.offset, text.find("\"S101\"").unwrap() - 10);
    // The last value wins: one enum finding, for S4999.
    let enums: Vec<&Diagnostic> = report
        .diagnostics()
        .iter()
        .filter(|d| d.code() == "A4P101")
        .collect();
    assert_eq!(enums.len(), 1);
    assert_eq!(at(&text, enums[0]), format!("\"S{}\"", n - 1));

    // Thousands of different keys, each repeated once, in as many objects.
    let lines: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"offerNameId": "O{i}", "offerNameId": "O{i}", "amount": 1, "revenueType": "UPFRONT"}}"#))
        .collect();
    let text = format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1"}}, "offerLines": [{}]}}"#,
        lines.join(",")
    );
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    let dups = report
        .diagnostics()
        .iter()
        .filter(|d| d.code() == "A4P002")
        .count();
    assert_eq!(dups, 101);
    assert_eq!(
        report.diagnostics().last().unwrap().message,
        format!(
            "{} more duplicate keys from `offerLines[100].offerNameId` on, not reported one by one",
            n - 100
        )
    );

    // The command line's output stays small.
    let (code, diagnostics) =
        check_file("dups.json", text.as_bytes(), &["--kind", "update-request"]);
    assert_eq!(code, 1);
    assert_eq!(diagnostics.len(), 101);
}

#[test]
fn thousands_of_findings_are_capped_per_rule() {
    // 5,000 unknown properties on one line: a thousand findings, then one counting the rest.
    let members: Vec<String> = (0..5_000).map(|i| format!("\"extra{i}\": 1")).collect();
    let text = format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1", {}}}}}"#,
        members.join(", ")
    );
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    assert_sane(&report);
    let found = report.diagnostics();
    assert_eq!(found.len(), 1001);
    assert!(found.iter().all(|d| d.code() == "A4P103"));
    let last = found.last().unwrap();
    assert_eq!(
        last.message,
        "4000 more `unknown-property` findings in this payload, from \
         `leadOpportunity.extra1000` on, not reported one by one"
    );
    assert_eq!(at(&text, last), "\"extra1000\"");

    // 60,000 offer lines of the wrong type, on one line: the schema's errors are examined up
    // to 50,000, the rest only counted.
    let text = format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1"}}, "offerLines": [{}]}}"#,
        vec!["1"; 60_000].join(",")
    );
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    assert_sane(&report);
    let found = report.diagnostics();
    assert_eq!(found.len(), 1002);
    assert_eq!(
        (found[0].code(), found[0].message.as_str()),
        (
            "A4P107",
            "10000 more schema errors in this payload, past the first 50000, not examined"
        )
    );
    assert_eq!(
        found[1001].message,
        "49000 more `wrong-type` findings in this payload, from `offerLines[1000]` on, not \
         reported one by one"
    );
    // Columns on that one long line, and the code frames, come without a quadratic cost.
    let mut file = FileReport::new("lines.json");
    file.add(&report, 0, 1, Some(&RenderOptions::default()));
    let Ok(placed) = &file.outcome else { panic!() };
    assert_eq!(
        placed[1001].column,
        text.find("1,1").unwrap() + 1 + 2 * 1000
    );
    assert!(file.human.len() < 1_000_000, "{} bytes", file.human.len());
}

#[test]
fn a_finding_about_a_huge_value_shows_its_start() {
    // A 200,000-element array where an object is expected (the root of a payload that is not
    // an object is A4P004 at its first character, so the array is a member), on one line and
    // on many.
    let items: Vec<String> = (0..200_000).map(|i| i.to_string()).collect();
    for separator in [",", ",\n"] {
        let array = format!("[{}]", items.join(separator));
        let text = format!(r#"{{"leadOpportunity": {array}}}"#);
        let report = linter().check_str(&text, PayloadKind::UpdateRequest);
        let d = only(&report);
        assert_eq!((d.code(), d.span.len), ("A4P104", array.len()));
        // The label quotes the value's first 37 characters and "…" (40 in all).
        assert_eq!(d.label, "array [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,1…");
        let rendered = report.render(&RenderOptions::default());
        assert!(
            rendered.len() < 2_000,
            "{} bytes: {rendered}",
            rendered.len()
        );
        // On one line, the code frame shows the line's first 100 bytes and says how long the
        // span is; on 200,000 lines, the value's first line and where it ends.
        let (shown, not_shown) = if separator == "," {
            (
                format!("(first 100 of {} bytes shown)", array.len()),
                "(continues to line",
            )
        } else {
            ("(continues to line 200000)".to_owned(), "(first 100 of")
        };
        assert!(
            rendered.contains(&format!("╰── {} {shown}", d.label)),
            "{rendered}"
        );
        assert!(!rendered.contains(not_shown), "{rendered}");
        let excerpt = if separator == "," {
            // 100 bytes of the line from the span's start, then "…".
            format!(" 1 │ …{}…\n", &array[..100])
        } else {
            " 1 │ {\"leadOpportunity\": [0,\n".to_owned()
        };
        assert!(rendered.contains(&excerpt), "{rendered}");
        assert!(!rendered.contains(" 3 │ "), "{rendered}");
    }
}

#[test]
fn messages_quote_at_most_40_characters_of_a_value_and_60_of_a_key() {
    // A value is quoted as compact JSON: 40 characters whole, quotes included; past that,
    // its first 37 characters and "…". A key: 60 characters whole; past that, its first 59
    // and "…", in the message and in the code frame's header alike.
    let request = |status: &str, key: &str| {
        format!(
            r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1", "status": "{status}", "{key}": 1}}}}"#
        )
    };
    let (w38, w39) = ("W".repeat(38), "W".repeat(39));
    let (k60, k61) = ("k".repeat(60), "k".repeat(61));

    let text = request(&w38, &k60);
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    assert_eq!(codes(&report), ["A4P101", "A4P103"]);
    let found = report.diagnostics();
    assert_eq!(
        found[0].message,
        format!("invalid value \"{w38}\" for `leadOpportunity.status`")
    );
    assert_eq!(
        found[1].message,
        format!("unknown property `{k60}` in `leadOpportunity`")
    );
    let rendered = report.render(&RenderOptions::default());
    assert!(
        rendered.contains(&format!(
            "A4P103(unknown-property) at /leadOpportunity/{k60}\n"
        )),
        "{rendered}"
    );

    let text = request(&w39, &k61);
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    assert_eq!(codes(&report), ["A4P101", "A4P103"]);
    let found = report.diagnostics();
    assert_eq!(
        found[0].message,
        format!(
            "invalid value \"{}… for `leadOpportunity.status`",
            "W".repeat(36)
        )
    );
    assert_eq!(
        found[1].message,
        format!(
            "unknown property `{}…` in `leadOpportunity`",
            "k".repeat(59)
        )
    );
    // The finding's pointer stays whole: only what people read is cut.
    assert_eq!(found[1].pointer, format!("/leadOpportunity/{k61}"));
    let rendered = report.render(&RenderOptions::default());
    assert!(
        rendered.contains(&format!(
            "A4P103(unknown-property) at /leadOpportunity/{}…\n",
            "k".repeat(59)
        )),
        "{rendered}"
    );
}

#[test]
fn the_human_report_of_a_long_line_near_its_start() {
    // Found by fuzzing the configuration (the excerpt of a long line, cut 1 or 2 bytes after
    // the line's start, underflowed the column): any text rendered by the human report.
    let text = format!("[{}x{}]", "1,".repeat(25), "1".repeat(100));
    let report = linter().check_str(&text, PayloadKind::GetResponse);
    let d = only(&report);
    assert_eq!((d.code(), d.span.offset), ("A4P001", 51));
    let rendered = report.render(&RenderOptions::default());
    assert!(rendered.contains("payload:1:52"), "{rendered}");
    // The configuration fuzzer's input itself is replayed by tests/fuzz_regressions.rs.
}

// ---------------------------------------------------------------------------------------
// Suggestions

#[test]
fn a_spent_budget_stops_the_search_and_says_so() {
    // Anagrams defeat both lower bounds: every one of them costs its band.
    let ids = anagrams("ABCDEFGHIJKLMNOPQR", 50_000);
    let words = || ids.iter().map(String::as_str);
    let folded: Portfolio = ids
        .iter()
        .map(|id| PortfolioItem {
            id: id.clone(),
            orderable: true,
        })
        .collect();
    let input = "RQPONMLKJIHGFEDCBA";
    let mut budget = Budget::new(200_000);
    let found = search(input, words(), &mut budget);
    assert!(found.gave_up);
    assert!(budget.is_spent());
    // Words folded beforehand last exactly as long.
    let mut same = Budget::new(200_000);
    assert_eq!(folded.nearest_orderable(input, &mut same), found);
    assert!(same.is_spent());
    // Once spent, the next lookup of the payload does nothing.
    let again = search("ABCDEFGHIJKLMNOPQS", words(), &mut budget);
    assert!(again.gave_up);
    assert_eq!(again.closest, Vec::<&str>::new());
    assert_eq!(
        folded.nearest_orderable("ABCDEFGHIJKLMNOPQS", &mut same),
        again
    );
    // With enough budget, the same search answers.
    let found = search("ABCDEFGHIJKLMNOPQS", words(), &mut Budget::unlimited());
    assert!(!found.gave_up);
    assert_eq!(found.unique(), Some("ABCDEFGHIJKLMNOPQR"));
    assert_eq!(
        folded.nearest_orderable("ABCDEFGHIJKLMNOPQS", &mut Budget::unlimited()),
        found
    );
}

#[test]
fn did_you_mean_against_a_10000_item_portfolio_is_deterministic() {
    let ids = portfolio(10_000);
    let typo = |i: usize| ids[i * 50].replacen("IPE", "IEP", 1);
    // 200 offer lines with 50 different unknown ids, each written four times.
    let request = |ids: &[String]| {
        let lines: Vec<String> = ids
            .iter()
            .map(|id| {
                format!(r#"{{"offerNameId": "{id}", "amount": 1, "revenueType": "UPFRONT"}}"#)
            })
            .collect();
        format!(
            r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1"}}, "offerLines": [{}]}}"#,
            lines.join(", ")
        )
    };
    let written: Vec<String> = (0..200).map(|i| typo(i % 50)).collect();
    let text = request(&written);
    let run = |portfolio: Vec<String>, text: &str| {
        let mut config = Config::default();
        config
            .reference_mut()
            .add_portfolio(portfolio.into_iter().map(|id| PortfolioItem {
                id,
                orderable: true,
            }));
        Linter::with_config(config)
            .check_str(text, PayloadKind::UpdateRequest)
            .into_diagnostics()
    };
    let found = run(ids.clone(), &text);
    assert_eq!(found.len(), 200);
    for (i, d) in found.iter().enumerate() {
        assert_eq!(d.code(), "A4P601");
        let expected = format!("\"{}\"", ids[(i % 50) * 50]);
        assert_eq!(d.suggestion.as_deref(), Some(expected.as_str()));
    }
    // Another portfolio in another order, with a look-alike folding to the same word: the
    // same answers.
    let mut shuffled = ids.clone();
    shuffled.reverse();
    assert_eq!(run(shuffled.clone(), &text), found);
    // A look-alike of one item, as close as it: both are named, neither is offered as the fix.
    shuffled.push(ids[0].to_lowercase());
    let tied = run(shuffled, &text);
    for (i, (tied, found)) in tied.iter().zip(&found).enumerate() {
        if i % 50 == 0 {
            assert_eq!(tied.suggestion, None);
            let help = tied.help.as_deref().unwrap_or_default();
            assert!(
                help.starts_with("did you mean one of ")
                    && help.contains(&ids[0])
                    && help.contains(&ids[0].to_lowercase()),
                "{help}"
            );
        } else {
            assert_eq!(tied, found);
        }
    }

    // 150 different unknown ids: a did-you-mean for each while the payload's work budget
    // lasts (at most 100), then a help that says the search stopped, never a silent gap.
    let written: Vec<String> = (0..150).map(typo).collect();
    let found = run(ids.clone(), &request(&written));
    assert_eq!(found.len(), 150);
    let suggested = found.iter().take_while(|d| d.suggestion.is_some()).count();
    assert!((20..=100).contains(&suggested), "{suggested} suggested");
    let plain = "the portfolio has 10000 items; refresh it with the portfolio-items search";
    for d in &found[suggested..] {
        let help = d.help.as_deref().unwrap_or_default();
        assert_eq!(d.suggestion, None);
        assert!(
            help == plain
                || help
                    == format!(
                        "{plain} (did-you-mean stopped: this payload's search of the portfolio \
                         reached its work budget)"
                    ),
            "{help}"
        );
    }
    assert!(found[suggested..]
        .iter()
        .any(|d| d.help.as_deref().is_some_and(|h| h.contains("stopped"))));

    // Competitors: a long list is not copied into the help.
    let mut config = Config::default();
    config.reference_mut().competitors = Some(ids.iter().cloned().collect());
    let text =
        r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "competitors": ["Nobody"]}}"#;
    let report = Linter::with_config(config).check_str(text, PayloadKind::UpdateRequest);
    assert_sane(&report);
    assert!(only(&report)
        .help
        .as_deref()
        .unwrap()
        .ends_with("and 9980 more"));
}

// ---------------------------------------------------------------------------------------
// Configuration and reference files

/// Runs `check` in `dir` with `args`: the exit code, stdout and stderr. The timeout only
/// guards the suite against a run that would wait forever (the bug these tests catch); it
/// measures nothing.
fn check_guarded(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = assert_cmd::Command::from_std(lint(dir))
        .arg("check")
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("the run ends");
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The messages of a configuration error.
fn config_messages<T>(result: Result<T, api4p_lint::config_file::ConfigError>) -> Vec<String> {
    match result {
        Ok(_) => panic!("the configuration loaded"),
        Err(e) => e
            .report()
            .diagnostics()
            .iter()
            .map(|d| format!("{} {}", d.code(), d.message))
            .collect(),
    }
}

fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

#[test]
fn configuration_files_that_are_not_regular_files_are_refused_unread() {
    // /dev/zero would be read without end, a FIFO would wait forever for a writer: each is
    // an A4P901 finding (exit 2) before anything is read. So is a folder, and a symbolic link
    // to any of them.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("lead.json"), CREATE).unwrap();
    mkfifo(&root.join("fifo"));
    std::fs::create_dir(root.join("folder")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("zero-link")).unwrap();
    let what = [
        ("/dev/zero", "a character device"),
        ("fifo", "a FIFO"),
        ("folder", "a folder"),
        ("zero-link", "a character device"),
    ];

    // As `--config`.
    for (path, kind) in what {
        let (code, stdout, stderr) = check_guarded(root, &["--config", path, "lead.json"]);
        // Reported in the chosen format (short, on stdout); no payload was checked.
        assert_eq!((code, stderr.as_str()), (Some(2), ""), "{path}: {stdout}");
        assert!(
            stdout.contains(&format!("error[A4P901]: cannot read {path}: it is")),
            "{path}: {stdout}"
        );
        assert!(!stdout.contains("lead.json"), "{path}: {stdout}");
        assert_eq!(
            config_messages(Config::load(&root.join(path))),
            [format!(
                "A4P901 cannot read {}: it is {kind}, not a regular file",
                root.join(path).display()
            )]
        );
    }

    // As the `portfolio-file` it names.
    for (path, kind) in what {
        let sub = tempfile::tempdir_in(root).unwrap();
        let config = sub.path().join("api4p-lint.toml");
        let named = root.join(path);
        std::fs::write(
            &config,
            format!(
                "[reference]\nportfolio-file = {:?}\n",
                named.to_str().unwrap()
            ),
        )
        .unwrap();
        let (code, stdout, stderr) = check_guarded(sub.path(), &["../lead.json"]);
        assert_eq!((code, stderr.as_str()), (Some(2), ""), "{path}: {stdout}");
        assert!(
            stdout.contains("error[A4P901]: cannot use "),
            "{path}: {stdout}"
        );
        assert!(!stdout.contains("lead.json"), "{path}: {stdout}");
        assert_eq!(
            config_messages(Config::load(&config)),
            [format!(
                "A4P901 cannot use {} as a portfolio: it is {kind}, not a regular file",
                named.display()
            )]
        );
    }

    // A FIFO named `api4p-lint.toml` is meant as the configuration: refused, not passed
    // over for a parent's.
    let sub = tempfile::tempdir_in(root).unwrap();
    mkfifo(&sub.path().join("api4p-lint.toml"));
    let (code, stdout, stderr) = check_guarded(sub.path(), &["../lead.json"]);
    assert_eq!((code, stderr.as_str()), (Some(2), ""), "{stdout}");
    assert!(stdout.contains("error[A4P901]: cannot read "), "{stdout}");
    assert_eq!(
        config_messages(Config::discover(sub.path())),
        [format!(
            "A4P901 cannot read {}: it is a FIFO, not a regular file",
            sub.path().join("api4p-lint.toml").display()
        )]
    );
}

#[test]
fn configuration_files_over_their_limit_are_refused_unread() {
    use api4p_lint::config_file::{MAX_CONFIG_BYTES, MAX_REFERENCE_BYTES};
    assert_eq!((MAX_CONFIG_BYTES, MAX_REFERENCE_BYTES), (1 << 20, 32 << 20));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("lead.json"), CREATE).unwrap();

    // The configuration: 1 MiB is read, one byte more is refused.
    let config = root.join("api4p-lint.toml");
    let padded = |size: u64| {
        let head = "[rules]\nenum-value = \"off\"\n#";
        format!("{head}{}\n", "x".repeat(size as usize - head.len() - 1))
    };
    std::fs::write(&config, padded(MAX_CONFIG_BYTES)).unwrap();
    assert!(Config::load(&config).is_ok());
    std::fs::write(&config, padded(MAX_CONFIG_BYTES + 1)).unwrap();
    assert_eq!(
        config_messages(Config::load(&config)),
        [format!(
            "A4P901 cannot read {}: it is 1048577 bytes, over the 1048576-byte limit",
            config.display()
        )]
    );
    let (code, stdout, stderr) = check_guarded(root, &["lead.json"]);
    assert_eq!((code, stderr.as_str()), (Some(2), ""), "{stdout}");
    assert!(stdout.contains("error[A4P901]: cannot read "), "{stdout}");

    // The portfolio file (sparse: no disk is used): 32 MiB is read (and is no search
    // response: NUL bytes), one byte more is refused before reading.
    std::fs::write(
        &config,
        "[reference]\nportfolio-file = \"portfolio.json\"\n",
    )
    .unwrap();
    let portfolio = root.join("portfolio.json");
    let sparse = |size: u64| {
        std::fs::File::create(&portfolio)
            .unwrap()
            .set_len(size)
            .unwrap()
    };
    sparse(MAX_REFERENCE_BYTES);
    assert_eq!(
        config_messages(Config::load(&config)),
        [format!(
            "A4P901 cannot use {} as a portfolio: expected value at line 1 column 1",
            portfolio.display()
        )]
    );
    sparse(MAX_REFERENCE_BYTES + 1);
    assert_eq!(
        config_messages(Config::load(&config)),
        [format!(
            "A4P901 cannot use {} as a portfolio: it is 33554433 bytes, over the \
             33554432-byte limit",
            portfolio.display()
        )]
    );
    let (code, stdout, stderr) = check_guarded(root, &["lead.json"]);
    assert_eq!((code, stderr.as_str()), (Some(2), ""), "{stdout}");
    assert!(stdout.contains("error[A4P901]: cannot use "), "{stdout}");
}

//! Output file safety: the checked files are never written, `--output` may not name one of
//! them, and an output that cannot be written or a run that is interrupted leaves neither a
//! partial report nor a temporary file behind.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{copy_dir, files_below, fixtures, lint, CREATE};

// ---------------------------------------------------------------------------------------
// Nothing lost

#[test]
fn checked_files_are_never_written() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("payloads");
    copy_dir(&fixtures().join("cli/mixed"), &dir);
    std::fs::write(dir.join("broken.json"), b"{\"a\": \xff, \"a\": [[[").unwrap();
    let before = files_below(&dir);
    // Modification times have a coarse clock on some file systems: leave it time to tick.
    std::thread::sleep(std::time::Duration::from_millis(50));
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let out = lint(&dir)
            .args(["check", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
    let report = work.path().join("report.sarif");
    let out = lint(&dir)
        .args(["check", "--format", "sarif", "--output"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(report.is_file());
    // `--output` naming a file named on the command line, however spelt, is refused before
    // anything is written. (Met in a folder walk, the output is skipped instead: see
    // `the_output_file_is_skipped_in_a_walk_and_counted`.)
    for output in ["get-response.json", "./requests/../get-response.json"] {
        let out = lint(&dir)
            .args(["check", "--output", output, "requests", "get-response.json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("is get-response.json, one of the files being checked"),
            "{stderr}"
        );
    }
    assert_eq!(files_below(&dir), before, "a checked file changed");
}

/// Runs `check --format json --output d/report.json` and `args` in `dir`: exit code, stderr,
/// and the report written.
fn report_in_the_folder(dir: &Path, args: &[&str]) -> (i32, String, serde_json::Value) {
    let out = lint(dir)
        .args(["check", "--format", "json", "--output", "d/report.json"])
        .args(args)
        .output()
        .unwrap();
    let report = std::fs::read_to_string(dir.join("d/report.json")).unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
        serde_json::from_str(&report).unwrap(),
    )
}

#[test]
fn the_output_file_is_skipped_in_a_walk_and_counted() {
    // `check --output d/report.json d` worked once, then failed: the report had become one
    // of the files checked.
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir_all(dir.join("d")).unwrap();
    std::fs::write(dir.join("d/lead.json"), common::SEED).unwrap();
    let (code, stderr, report) = report_in_the_folder(dir, &["d"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(report["summary"]["skipped"]["output"], 0);
    for args in [&["d"][..], &["./d/"], &["d/*.json"], &["d/../d"]] {
        let (code, stderr, report) = report_in_the_folder(dir, args);
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
        let paths: Vec<&str> = report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths.len(), 1, "{args:?}: {paths:?}");
        assert!(paths[0].ends_with("lead.json"), "{args:?}: {paths:?}");
        assert_eq!(report["summary"]["skipped"]["output"], 1, "{args:?}");
    }
    // The same file under another name (a hard link): the same device and inode, skipped.
    std::fs::hard_link(dir.join("d/report.json"), dir.join("d/alias.json")).unwrap();
    let (code, _, report) = report_in_the_folder(dir, &["d"]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["skipped"]["output"], 2);
    std::fs::remove_file(dir.join("d/alias.json")).unwrap();

    // Named on the command line, it is still refused, and left as it was.
    let before = std::fs::read(dir.join("d/report.json")).unwrap();
    for named in ["d/report.json", "./d/../d/report.json"] {
        let out = lint(dir)
            .args([
                "check",
                "--format",
                "json",
                "--output",
                "d/report.json",
                "d/lead.json",
                named,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(out.stdout, b"");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "error: --output d/report.json is {named}, one of the files being checked; \
                 api4p-lint never writes to the files it checks\n"
            )
        );
        assert_eq!(std::fs::read(dir.join("d/report.json")).unwrap(), before);
    }
    // The human summary says it (the JSON report gone, the human one the only output).
    std::fs::remove_file(dir.join("d/report.json")).unwrap();
    for _ in 0..2 {
        let out = lint(dir)
            .args([
                "check",
                "--format",
                "human",
                "--output",
                "d/human.json",
                "d",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("d/human.json")).unwrap(),
        "1 file checked: 0 errors, 0 warnings, 0 infos; skipped: 1 output file\n"
    );
}

/// Files in `dir` whose name marks an unfinished output.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".api4p-lint-"))
        .collect()
}

#[test]
fn an_output_that_cannot_be_written_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    // Its folder does not exist.
    let out = lint(dir.path())
        .args([
            "check",
            "--kind",
            "create-request",
            "--output",
            "missing/out.json",
            "lead.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("missing").exists());
    // It is a folder: the complete temporary file cannot replace it, and is deleted.
    std::fs::create_dir(dir.path().join("out.json")).unwrap();
    let out = lint(dir.path())
        .args([
            "check",
            "--kind",
            "create-request",
            "--output",
            "out.json",
            "lead.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: cannot write the output: "),
        "{stderr}"
    );
    assert!(dir.path().join("out.json").is_dir());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn an_interrupted_run_leaves_no_partial_file() {
    // A run reading an NDJSON stream from stdin, stopped half-way by SIGTERM (what CI
    // runners send on cancel) and by Ctrl-C's SIGINT: exit 130, no output file, and no
    // temporary file either. SIGKILL cannot be caught: the target is still never partial.
    let line = common::seed_line();
    for signal in ["TERM", "INT", "KILL"] {
        let dir = tempfile::tempdir().unwrap();
        let mut child = lint(dir.path())
            .args(["check", "--format", "json", "--output", "out.json"])
            .args(["--stdin-filename", "export.ndjson", "-"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        for _ in 0..3000 {
            stdin.write_all(line.as_bytes()).unwrap();
        }
        stdin.flush().unwrap();
        // The temporary file exists once the run has started writing.
        while leftovers(dir.path()).is_empty() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let killed = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        drop(stdin);
        assert!(!dir.path().join("out.json").exists(), "{signal}");
        if signal == "KILL" {
            assert_eq!(status.code(), None);
        } else {
            assert_eq!(status.code(), Some(130), "{signal}");
            assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{signal}");
        }
    }
}

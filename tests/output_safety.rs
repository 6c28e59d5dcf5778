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
    // `--output` naming a checked file is refused before anything is written.
    for output in ["get-response.json", "./requests/../get-response.json"] {
        let out = lint(&dir)
            .args(["check", "--output", output, "."])
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

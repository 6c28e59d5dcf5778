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
    for format in crate::common::FORMATS {
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
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: cannot write missing/out.json: its folder missing does not exist (--output \
         creates no folder)\n"
    );
    assert_eq!(out.stdout, b"");
    assert!(!dir.path().join("missing").exists());
    // A folder that takes no new file (procfs, even for root): the reason, without the name
    // of the temporary file the user never asked for.
    let out = lint(dir.path())
        .args(["check", "--kind", "create-request"])
        .args(["--output", "/proc/out.json", "lead.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: cannot write /proc/out.json: ")
            && stderr.ends_with(")\n")
            && stderr.contains("(os error ")
            && !stderr.contains(".api4p-lint-"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // It is a folder: refused before anything is checked or written.
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
    assert_eq!(
        stderr,
        "error: cannot write out.json: it is a folder; --output replaces a regular file or \
         writes to a character device or a FIFO\n"
    );
    assert!(dir.path().join("out.json").is_dir());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn an_interrupted_run_leaves_no_partial_file() {
    // A run reading an NDJSON stream from stdin, stopped half-way by SIGTERM (what CI
    // runners send on cancel) and by Ctrl-C's SIGINT: exit 130, no output file, and no
    // temporary file either. The other signals that end a process by default (a job
    // script's SIGUSR1, `timeout`'s SIGALRM...) clean up as well, then end it as that signal
    // does. SIGKILL cannot be caught: the target is still never partial.
    use std::os::unix::process::ExitStatusExt;
    let line = common::seed_line();
    for signal in [
        "TERM", "INT", "HUP", "USR1", "USR2", "ALRM", "VTALRM", "STKFLT", "RTMIN", "KILL",
    ] {
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
        let ended_by = |number| (status.code(), status.signal()) == (None, Some(number));
        match signal {
            "KILL" => assert!(ended_by(libc::SIGKILL)),
            "TERM" | "INT" | "HUP" => {
                assert_eq!(status.code(), Some(130), "{signal}");
                assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{signal}");
            }
            _ => {
                let number = match signal {
                    "USR1" => libc::SIGUSR1,
                    "USR2" => libc::SIGUSR2,
                    "ALRM" => libc::SIGALRM,
                    "STKFLT" => libc::SIGSTKFLT,
                    "RTMIN" => libc::SIGRTMIN(),
                    _ => libc::SIGVTALRM,
                };
                assert!(ended_by(number), "{signal}: {status:?}");
                assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{signal}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// A reader that stops early

/// Whether the tests run as root (CI does): only root makes device nodes.
fn root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A pipe whose reader is already gone: every write to it fails with a broken pipe, from the
/// first one, whatever the size of the output (no race with the run).
fn closed_pipe() -> Stdio {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe(2) writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (reader, writer) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(reader);
    Stdio::from(writer)
}

/// Runs the command line in `dir` with its stdout on `stdout`; returns the exit code and
/// stderr.
fn run_into(dir: &Path, args: &[&str], stdout: Stdio) -> (Option<i32>, String) {
    let out = lint(dir)
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

/// A payload of no known kind: a warning under [`WARN_UNKNOWN_KIND`] (A4P004), quick to check.
const WARNING_LINE: &str = "{\"a\": 1}\n";
/// A line that is not JSON: an error (A4P001).
const ERROR_LINE: &str = "{\"a\": \n";
const WARN_UNKNOWN_KIND: &str =
    "[[overrides]]\nfiles = [\"*.ndjson\"]\nrules = { unknown-kind = \"warning\" }\n";

#[test]
fn a_reader_that_stops_early_does_not_change_the_exit_status() {
    // `api4p-lint check --format short export.ndjson | head -1`: 20,000 warnings, then one
    // error on the last line, long after the reader is gone. The run goes on to the end
    // without writing and exits as if its output had been read: 1 for the error.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api4p-lint.toml"), WARN_UNKNOWN_KIND).unwrap();
    let export = WARNING_LINE.repeat(20_000) + ERROR_LINE;
    std::fs::write(dir.path().join("export.ndjson"), &export).unwrap();
    let mut child = lint(dir.path())
        .args(["check", "--format", "short", "export.ndjson"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    // The reader is dropped here: 1.9 MB of findings cannot all be in the pipe's buffer.
    assert_eq!(
        first,
        "export.ndjson:1:1: warning[A4P004]: this payload matches the shape of no \
         API4Partners payload kind\n"
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");

    // With the reader gone before the first byte, in every format: the status of the whole
    // run (1 errors, 0 warnings only, 2 an unreadable input, 1 warnings denied), nothing on
    // stderr. 500 findings fill the output buffer: the first write fails long before the
    // last line is checked.
    let warnings = WARNING_LINE.repeat(500);
    std::fs::write(
        dir.path().join("errors.ndjson"),
        warnings.clone() + ERROR_LINE,
    )
    .unwrap();
    std::fs::write(dir.path().join("warnings.ndjson"), &warnings).unwrap();
    for format in crate::common::FORMATS {
        let with = |extra: &[&str]| {
            let mut args = vec!["check", "--format", format];
            args.extend(extra);
            run_into(dir.path(), &args, closed_pipe())
        };
        let quiet = String::new();
        assert_eq!(
            with(&["errors.ndjson"]),
            (Some(1), quiet.clone()),
            "{format}"
        );
        assert_eq!(
            with(&["warnings.ndjson"]),
            (Some(0), quiet.clone()),
            "{format}"
        );
        assert_eq!(
            with(&["warnings.ndjson", "missing.json"]),
            (Some(2), quiet.clone()),
            "{format}"
        );
        assert_eq!(
            with(&["--deny-warnings", "warnings.ndjson"]),
            (Some(1), quiet.clone()),
            "{format}"
        );
    }
}

#[test]
fn information_commands_end_quietly_when_their_reader_is_gone() {
    // `api4p-lint explain A4P301 | head -1` and the like: exit 0, no panic, nothing on
    // stderr.
    let dir = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 7] = [
        &["rules"],
        &["explain", "A4P301"],
        &["schema"],
        &["schema", "--list"],
        &["schema", "create-request"],
        &["completions", "bash"],
        &["completions", "zsh"],
    ];
    for args in commands {
        assert_eq!(
            run_into(dir.path(), args, closed_pipe()),
            (Some(0), String::new()),
            "{args:?}"
        );
        // Read to its end, the same command prints something: the pipe above was written to.
        let out = lint(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    // `schema --out`: the files are its output; the listing of their names may go unread.
    let out = dir.path().join("schemas");
    assert_eq!(
        run_into(
            dir.path(),
            &["schema", "--out", out.to_str().unwrap()],
            closed_pipe()
        ),
        (Some(0), String::new())
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        api4p_lint::PayloadKind::ALL.len()
    );
}

#[test]
fn a_full_stdout_is_an_io_problem() {
    // Unlike a reader that stops, a device that cannot take the output is exit 2, said on
    // stderr, for `check` and the information commands alike.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    let full = || Stdio::from(std::fs::File::create("/dev/full").unwrap());
    let enospc = "error: cannot write the output: No space left on device (os error 28)\n";
    let check = [
        "check",
        "--kind",
        "create-request",
        "--format",
        "json",
        "lead.json",
    ];
    let commands: [&[&str]; 5] = [
        &check,
        &["rules"],
        &["explain", "A4P301"],
        &["schema"],
        &["completions", "bash"],
    ];
    for args in commands {
        assert_eq!(
            run_into(dir.path(), args, full()),
            (Some(2), enospc.to_owned()),
            "{args:?}"
        );
    }
}

#[test]
fn a_stderr_that_cannot_be_written_changes_no_exit_status() {
    // `api4p-lint check ... 2>&1 | head -0`, or stderr on a full disk: what would have been
    // said on stderr is lost, never a panic (exit 101), and the exit status is the run's.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("hq")).unwrap();
    std::fs::write(root.join("hq/seed.json"), common::SEED).unwrap();
    // Skipped: a note on stderr in the short format.
    std::fs::write(root.join("hq/.hidden.json"), common::SEED).unwrap();
    std::fs::write(root.join("lead.json"), CREATE).unwrap();
    let full = || {
        Stdio::from(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
    };
    let cases: [(&[&str], i32); 6] = [
        (
            &["check", "--format", "short", "--kind", "get-response", "hq"],
            0,
        ),
        (&["explain", "NOPE"], 2),
        (
            &["check", "--select", "NOPE", "--output", "stopped.txt", "hq"],
            2,
        ),
        (&["check", "--output", "lead.json", "lead.json"], 2),
        (&["check", "--output", "hq", "hq"], 2),
        (&["schema", "--out", "lead.json"], 2),
    ];
    for (stderr, how) in [(closed_pipe as fn() -> Stdio, "closed"), (full, "full")] {
        for (args, code) in cases {
            // Both streams on a closed pipe, as with `2>&1 | head -0`.
            let stdout = if how == "closed" {
                closed_pipe()
            } else {
                Stdio::null()
            };
            let status = lint(root)
                .args(args)
                .stdout(stdout)
                .stderr(stderr())
                .status()
                .unwrap();
            assert_eq!(status.code(), Some(code), "{how} {args:?}");
        }
        // The stopped run's report is in its file all the same.
        let stopped = std::fs::read_to_string(root.join("stopped.txt")).unwrap();
        assert_eq!(
            stopped,
            "error: no rule matches `NOPE`; `api4p-lint rules` lists them\n"
        );
        std::fs::remove_file(root.join("stopped.txt")).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(root.join("lead.json")).unwrap(),
        CREATE
    );
}

#[test]
fn schema_files_replace_only_regular_files_and_never_wait_on_a_fifo() {
    // `schema --out DIR` where a FIFO (or a link to one) has a schema file's name: opening
    // it would wait for a reader forever. Refused, exit 2, the FIFO left as it is; the files
    // before it are written.
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schemas");
    std::fs::create_dir(&out).unwrap();
    let made = Command::new("mkfifo")
        .arg(out.join("update-request.schema.json"))
        .status()
        .unwrap();
    assert!(made.success());
    let schema = |kind: &str| format!("{kind}.schema.json");
    // The FIFO, the second kind's file; then a link to it as the first kind's.
    for (name, link) in [("update-request", false), ("create-request", true)] {
        if link {
            std::fs::remove_file(out.join(schema(name))).unwrap();
            std::os::unix::fs::symlink("update-request.schema.json", out.join(schema(name)))
                .unwrap();
        }
        let result = lint(dir.path())
            .args(["schema", "--out", "schemas"])
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(2), "{name}");
        assert_eq!(
            String::from_utf8(result.stderr).unwrap(),
            format!(
                "error: cannot write schemas/{}: it is a FIFO, not a regular file\n",
                schema(name)
            )
        );
        let listed = if link {
            String::new()
        } else {
            "schemas/create-request.schema.json\n".to_owned()
        };
        assert_eq!(String::from_utf8(result.stdout).unwrap(), listed, "{name}");
        assert!(file_type(&out.join("update-request.schema.json")).is_fifo());
    }
    assert!(file_type(&out.join("create-request.schema.json")).is_symlink());
    assert_eq!(leftovers(&out), Vec::<String>::new());
    if !root() {
        eprintln!("skipped: making a device node needs root (CI runs as root)");
        return;
    }
    let made = Command::new("mknod")
        .args([
            out.join("search-request.schema.json").as_os_str(),
            "c".as_ref(),
            "1".as_ref(),
            "3".as_ref(),
        ])
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::remove_file(out.join("create-request.schema.json")).unwrap();
    std::fs::remove_file(out.join("update-request.schema.json")).unwrap();
    let result = lint(dir.path())
        .args(["schema", "--out", "schemas"])
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(result.stderr).unwrap(),
        "error: cannot write schemas/search-request.schema.json: it is a character device, not \
         a regular file\n"
    );
    assert!(file_type(&out.join("search-request.schema.json")).is_char_device());
}

// ---------------------------------------------------------------------------------------
// What --output may name

/// A payload with one error (A4P101), and its short report.
const BAD: &str = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
const BAD_REPORT: &str = "bad.json:1:69: error[A4P101]: invalid value \"WONN\" for \
                          `leadOpportunity.status`\n";

/// A folder holding `bad.json`.
fn with_bad() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.json"), BAD).unwrap();
    dir
}

/// `check --kind update-request --format short --output <output> <inputs>` in `dir`; the exit
/// code, stdout and stderr.
fn check_into(dir: &Path, output: &str, inputs: &[&str]) -> (Option<i32>, String, String) {
    let out = lint(dir)
        .args(["check", "--kind", "update-request", "--format", "short"])
        .args(["--output", output])
        .args(inputs)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// What a run writing [`BAD`]'s report to `--output <output>` says on stderr: it failed, and
/// where the report went.
fn failed_into(output: &str) -> String {
    format!("error: failed: 1 error, 0 warnings; the report is in {output}\n")
}

fn file_type(path: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).unwrap().file_type()
}

#[test]
fn a_device_given_as_output_is_written_through_never_replaced() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    if !root() {
        eprintln!("skipped: making device nodes needs root (CI runs as root)");
        return;
    }
    let dir = with_bad();
    let mknod = |name: &str, kind: &str, major: &str, minor: &str| {
        let made = Command::new("mknod")
            .current_dir(dir.path())
            .args([name, kind, major, minor])
            .status()
            .unwrap();
        assert!(made.success());
    };
    // Copies of /dev/null and /dev/full, as a CI container's /dev holds them.
    mknod("null", "c", "1", "3");
    mknod("full", "c", "1", "7");
    let device = |name: &str| {
        let meta = std::fs::symlink_metadata(dir.path().join(name)).unwrap();
        (meta.file_type().is_char_device(), meta.rdev())
    };
    let (null, full) = (device("null"), device("full"));

    assert_eq!(
        check_into(dir.path(), "null", &["bad.json"]),
        (Some(1), String::new(), failed_into("null"))
    );
    assert_eq!(device("null"), null);
    // The device cannot take the report: exit 2, said plainly, and /dev/full stays itself.
    assert_eq!(
        check_into(dir.path(), "full", &["bad.json"]),
        (
            Some(2),
            String::new(),
            "error: cannot write the output: No space left on device (os error 28)\n".to_owned()
        )
    );
    assert_eq!(device("full"), full);
    assert!(null.0 && full.0 && null.1 != full.1);

    // A block device (a disk) is refused before anything is written or checked.
    mknod("disk", "b", "7", "0");
    assert_eq!(
        check_into(dir.path(), "disk", &["bad.json"]),
        (
            Some(2),
            String::new(),
            "error: cannot write disk: it is a block device; --output replaces a regular file \
             or writes to a character device or a FIFO\n"
                .to_owned()
        )
    );
    assert!(file_type(&dir.path().join("disk")).is_block_device());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_symbolic_link_given_as_output_is_followed() {
    let dir = with_bad();
    let root = dir.path();
    let link = |target: &str, name: &str| {
        std::os::unix::fs::symlink(target, root.join(name)).unwrap();
    };

    // To a device: written through, the link stays.
    link("/dev/null", "null");
    assert_eq!(
        check_into(root, "null", &["bad.json"]),
        (Some(1), String::new(), failed_into("null"))
    );
    assert!(file_type(&root.join("null")).is_symlink());
    assert_eq!(
        std::fs::read_link(root.join("null")).unwrap(),
        Path::new("/dev/null")
    );

    // To the run's own stdout: the report comes out there.
    link("/proc/self/fd/1", "stdout");
    assert_eq!(
        check_into(root, "stdout", &["bad.json"]),
        (Some(1), BAD_REPORT.to_owned(), failed_into("stdout"))
    );
    assert!(file_type(&root.join("stdout")).is_symlink());

    // To a regular file, through two links, one relative to its own folder: the file is
    // replaced (a new inode, renamed into place), the links stay links.
    use std::os::unix::fs::MetadataExt;
    std::fs::create_dir(root.join("reports")).unwrap();
    std::fs::write(root.join("reports/report.txt"), "old report\n").unwrap();
    link("reports/report.txt", "reports-link");
    std::fs::create_dir(root.join("sub")).unwrap();
    link("../reports-link", "sub/report");
    let before = std::fs::metadata(root.join("reports/report.txt"))
        .unwrap()
        .ino();
    assert_eq!(
        check_into(root, "sub/report", &["bad.json"]),
        (Some(1), String::new(), failed_into("sub/report"))
    );
    assert_eq!(
        std::fs::read_to_string(root.join("reports/report.txt")).unwrap(),
        BAD_REPORT
    );
    assert_ne!(
        std::fs::metadata(root.join("reports/report.txt"))
            .unwrap()
            .ino(),
        before
    );
    assert!(file_type(&root.join("sub/report")).is_symlink());
    assert!(file_type(&root.join("reports-link")).is_symlink());

    // To nothing yet: the file is created where the link points, as a shell's `>` would.
    link("reports/new.txt", "new");
    assert_eq!(
        check_into(root, "new", &["bad.json"]),
        (Some(1), String::new(), failed_into("new"))
    );
    assert_eq!(
        std::fs::read_to_string(root.join("reports/new.txt")).unwrap(),
        BAD_REPORT
    );
    assert!(file_type(&root.join("new")).is_symlink());
    for folder in [root, &root.join("reports"), &root.join("sub")] {
        assert_eq!(leftovers(folder), Vec::<String>::new());
    }
}

#[test]
fn a_fifo_given_as_output_is_written_through() {
    use std::os::unix::fs::FileTypeExt;
    let dir = with_bad();
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // The reader is there before the run starts (opened without waiting for a writer), so
    // the run's open does not wait either; the report, far smaller than the pipe's buffer,
    // is read once the run has ended, and nothing here can wait forever.
    let mut reader = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .unwrap()
    };
    let out = lint(dir.path())
        .args(["check", "--kind", "update-request", "--format", "short"])
        .args(["--output", "fifo", "bad.json"])
        .output()
        .unwrap();
    let mut report = String::new();
    std::io::Read::read_to_string(&mut reader, &mut report).unwrap();
    assert_eq!(report, BAD_REPORT);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), failed_into("fifo"));
    assert!(file_type(&fifo).is_fifo());
}

#[test]
fn a_folder_or_a_socket_given_as_output_is_refused_before_checking() {
    let dir = with_bad();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("socket")).unwrap();
    for (name, what) in [("folder", "a folder"), ("socket", "a socket")] {
        assert_eq!(
            check_into(dir.path(), name, &["bad.json"]),
            (
                Some(2),
                String::new(),
                format!(
                    "error: cannot write {name}: it is {what}; --output replaces a regular file \
                     or writes to a character device or a FIFO\n"
                )
            )
        );
    }
    assert!(dir.path().join("folder").is_dir());
    use std::os::unix::fs::FileTypeExt;
    assert!(file_type(&dir.path().join("socket")).is_socket());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------
// Output files' modes

/// `check ... --output out` in `dir` under `umask`.
fn check_under_umask(dir: &Path, umask: &str) -> Option<i32> {
    let out = Command::new("sh")
        .current_dir(dir)
        .stdin(Stdio::null())
        .args(["-c", &format!("umask {umask} && exec \"$0\" \"$@\"")])
        .arg(common::bin())
        .args(["check", "--kind", "update-request", "--format", "short"])
        .args(["--output", "out", "bad.json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), failed_into("out"));
    out.status.code()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_new_output_file_gets_the_mode_the_umask_gives() {
    for (umask, expected) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let dir = with_bad();
        assert_eq!(check_under_umask(dir.path(), umask), Some(1));
        assert_eq!(mode(&dir.path().join("out")), expected, "umask {umask}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("out")).unwrap(),
            BAD_REPORT
        );
    }
    // `schema --out` writes its files the same way.
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("sh")
        .current_dir(dir.path())
        .args(["-c", "umask 022 && exec \"$0\" schema --out schemas"])
        .arg(common::bin())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    for path in common::sorted_entries(&dir.path().join("schemas")) {
        assert_eq!(mode(&path), 0o644, "{}", path.display());
    }
}

#[test]
fn a_replaced_output_file_keeps_its_mode_and_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // Whatever the umask: the mode is the file's, not the umask's.
    for (umask, existing) in [
        ("077", 0o644),
        ("022", 0o600),
        ("022", 0o640),
        ("000", 0o444),
    ] {
        let dir = with_bad();
        let out = dir.path().join("out");
        std::fs::write(&out, "old report\n").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(existing)).unwrap();
        assert_eq!(check_under_umask(dir.path(), umask), Some(1));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), BAD_REPORT);
        assert_eq!(mode(&out), existing, "umask {umask}, {existing:o}");
    }
    if !root() {
        eprintln!("skipped: keeping another user's ownership needs root (CI runs as root)");
        return;
    }
    let dir = with_bad();
    let out = dir.path().join("out");
    std::fs::write(&out, "old report\n").unwrap();
    std::os::unix::fs::chown(&out, Some(1234), Some(5678)).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(check_under_umask(dir.path(), "022"), Some(1));
    let meta = std::fs::metadata(&out).unwrap();
    assert_eq!((meta.uid(), meta.gid(), mode(&out)), (1234, 5678, 0o640));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), BAD_REPORT);
}

// ---------------------------------------------------------------------------------------
// Standard input is checked, never written

#[test]
fn the_output_may_not_be_the_file_standard_input_reads() {
    // `api4p-lint check --output F - < F`, however F is named for --output: refused before
    // anything is written, exit 2, F untouched.
    let dir = with_bad();
    let root = dir.path();
    std::fs::hard_link(root.join("bad.json"), root.join("hard-link.json")).unwrap();
    std::os::unix::fs::symlink("bad.json", root.join("soft-link.json")).unwrap();
    let before = files_below(root);
    for output in ["bad.json", "./bad.json", "hard-link.json", "soft-link.json"] {
        let out = lint(root)
            .args(["check", "--kind", "update-request", "--format", "short"])
            .args(["--output", output, "-"])
            .stdin(std::fs::File::open(root.join("bad.json")).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{output}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "error: --output {output} is standard input, the payload being checked; \
                 api4p-lint never writes to what it checks\n"
            )
        );
        assert_eq!(out.stdout, b"");
    }
    assert_eq!(files_below(root), before, "a file changed");
    assert_eq!(leftovers(root), Vec::<String>::new());

    // Another file on stdin, or no `-` among the inputs: the output is written.
    std::fs::write(root.join("other.json"), BAD).unwrap();
    let out = lint(root)
        .args(["check", "--kind", "update-request", "--format", "short"])
        .args(["--output", "other.json", "-"])
        .stdin(std::fs::File::open(root.join("bad.json")).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(root.join("other.json")).unwrap(),
        BAD_REPORT.replace("bad.json", "<stdin>")
    );
    std::fs::write(root.join("again.json"), BAD).unwrap();
    let out = lint(root)
        .args(["check", "--kind", "update-request", "--format", "short"])
        .args(["--output", "bad.json", "again.json"])
        .stdin(std::fs::File::open(root.join("bad.json")).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(root.join("bad.json")).unwrap(),
        BAD_REPORT.replace("bad.json", "again.json")
    );
}

#[test]
fn a_stopped_run_never_replaces_the_file_standard_input_reads() {
    // `api4p-lint check --select NOPE --output F - < F`: a run stopped by a usage or a
    // configuration problem writes its report to --output, except over what it reads. The
    // same check as a run that goes on, by device and inode.
    let dir = with_bad();
    let root = dir.path();
    std::fs::write(root.join("bad.toml"), "rulez = 1\n").unwrap();
    let before = files_below(root);
    let stops: [(&[&str], &str); 3] = [
        (
            &["--select", "NOPE"],
            "no rule matches `NOPE`; `api4p-lint rules` lists them",
        ),
        (
            &["--config", "bad.toml"],
            "invalid configuration bad.toml: unknown key `rulez`",
        ),
        (
            &["--extend-exclude", "["],
            "invalid glob in --extend-exclude `[`: unclosed character class; missing ']'",
        ),
    ];
    for (args, why) in stops {
        for output in ["bad.json", "./bad.json"] {
            let out = lint(root)
                .args(["check", "--format", "json"])
                .args(args)
                .args(["--output", output, "-"])
                .stdin(std::fs::File::open(root.join("bad.json")).unwrap())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert_eq!(
                String::from_utf8(out.stderr).unwrap(),
                format!(
                    "error: {why}\nerror: --output {output} is standard input, the payload \
                     being checked; api4p-lint never writes to what it checks\n"
                )
            );
            assert_eq!(out.stdout, b"");
        }
    }
    assert_eq!(files_below(root), before, "a file changed");
    assert_eq!(leftovers(root), Vec::<String>::new());
}

/// A saved portfolio-items search response, as `portfolio-file` names.
const PORTFOLIO: &str =
    r#"{"data": [{"salesPortfolioId": "P-1", "salesPortfolioisOrderable": true}]}"#;

#[test]
fn the_output_may_not_be_the_configuration_or_a_file_it_names() {
    // Replaced by the report, the configuration (given or found by looking upward) or its
    // portfolio file would break the next run: refused before anything is checked, exit 2,
    // however --output names it (device and inode), in a run that goes on or one that stops.
    let dir = with_bad();
    let root = dir.path();
    std::fs::write(root.join("pf.json"), PORTFOLIO).unwrap();
    std::fs::write(
        root.join("api4p-lint.toml"),
        "[reference]\nportfolio-file = \"pf.json\"\n",
    )
    .unwrap();
    std::fs::write(root.join("cfg.toml"), "[rules]\n").unwrap();
    std::os::unix::fs::symlink("pf.json", root.join("pf-link.json")).unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    let config = "the configuration file; api4p-lint never writes to the files it reads";
    let named = "a file the configuration names; api4p-lint never writes to the files it reads";
    let cases: [(&str, &[&str], String); 7] = [
        (
            ".",
            &["--config", "cfg.toml", "--output", "cfg.toml", "bad.json"],
            format!("--output cfg.toml is cfg.toml, {config}"),
        ),
        (
            ".",
            &[
                "--config",
                "./cfg.toml",
                "--output",
                "sub/../cfg.toml",
                "bad.json",
            ],
            format!("--output sub/../cfg.toml is cfg.toml, {config}"),
        ),
        (
            ".",
            &["--output", "api4p-lint.toml", "bad.json"],
            format!("--output api4p-lint.toml is api4p-lint.toml, {config}"),
        ),
        (
            "sub",
            &["--output", "../api4p-lint.toml", "../bad.json"],
            format!(
                "--output ../api4p-lint.toml is {}, {config}",
                root.join("api4p-lint.toml").display()
            ),
        ),
        (
            ".",
            &["--output", "pf.json", "bad.json"],
            format!("--output pf.json is pf.json, {named}"),
        ),
        (
            ".",
            &["--output", "pf-link.json", "bad.json"],
            format!("--output pf-link.json is pf.json, {named}"),
        ),
        (
            ".",
            &["--select", "NOPE", "--output", "pf.json", "bad.json"],
            format!(
                "no rule matches `NOPE`; `api4p-lint rules` lists them\nerror: --output \
                 pf.json is pf.json, {named}"
            ),
        ),
    ];
    let before = files_below(root);
    for (cwd, args, refused) in cases {
        let out = lint(&root.join(cwd))
            .args(["check", "--kind", "update-request", "--format", "short"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("error: {refused}\n"),
            "{args:?}"
        );
        assert_eq!(out.stdout, b"", "{args:?}");
    }
    assert_eq!(files_below(root), before, "a file changed");

    // A portfolio file the configuration cannot use is still one it reads: the stopped run's
    // report does not replace it.
    std::fs::write(root.join("pf.json"), "{}").unwrap();
    let out = lint(root)
        .args([
            "check", "--format", "short", "--output", "pf.json", "bad.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.ends_with(&format!("\nerror: --output pf.json is pf.json, {named}\n")),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(root.join("pf.json")).unwrap(), "{}");
    assert_eq!(leftovers(root), Vec::<String>::new());
}

#[test]
fn a_configuration_that_does_not_parse_still_protects_the_files_it_names() {
    // An unknown key or a TOML syntax error makes the whole file unusable: the run stops, and
    // its report must not replace the portfolio file the configuration names.
    let dir = with_bad();
    let root = dir.path();
    std::fs::write(root.join("p.json"), PORTFOLIO).unwrap();
    for config in [
        "[reference]\nportfolio-file = \"p.json\"\nunknownkey = 1\n",
        "[reference]\nportfolio-file = 'p.json'\n[rules\n",
    ] {
        std::fs::write(root.join("api4p-lint.toml"), config).unwrap();
        let before = files_below(root);
        let out = lint(root)
            .args([
                "check", "--format", "sarif", "--output", "p.json", "bad.json",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{config}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.ends_with(
                "error: --output p.json is p.json, a file the configuration names; api4p-lint \
                 never writes to the files it reads\n"
            ),
            "{config}: {stderr}"
        );
        assert_eq!(files_below(root), before, "{config}: a file changed");
    }
}

#[test]
fn a_report_file_mounted_on_its_own_is_rewritten_in_place() {
    // A container's `-v $PWD/report.sarif:/w/report.sarif`: a mount point cannot be renamed
    // over (EBUSY), so the report is written into it, as a shell's `>` would, and the run
    // keeps its own exit status.
    if !root() {
        eprintln!("skipped: bind mounts need root (CI runs as root)");
        return;
    }
    let dir = with_bad();
    let root_dir = dir.path();
    std::fs::write(root_dir.join("host.json"), "old\n").unwrap();
    std::fs::write(root_dir.join("mnt.json"), "").unwrap();
    let mounted = Command::new("mount")
        .args(["--bind", "host.json", "mnt.json"])
        .current_dir(root_dir)
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!("skipped: this machine does not allow bind mounts");
        return;
    }
    let out = lint(root_dir)
        .args(["check", "--kind", "update-request", "--format", "json"])
        .args(["--output", "mnt.json", "bad.json"])
        .output()
        .unwrap();
    let report = std::fs::read_to_string(root_dir.join("host.json")).unwrap();
    let _ = Command::new("umount")
        .arg(root_dir.join("mnt.json"))
        .status();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["summary"]["errors"], 1);
    assert!(leftovers(root_dir).is_empty());
}

#[test]
fn the_output_may_not_be_an_ignore_file_a_walk_reads() {
    // Replaced (or created) by the report, an ignore file would change what the next walk
    // checks: `secret.json`, ignored today, would be checked, or the other way round.
    let dir = with_bad();
    let root = dir.path();
    std::fs::create_dir(root.join("d")).unwrap();
    std::fs::write(root.join("d/.gitignore"), "secret.json\n").unwrap();
    std::fs::write(root.join("d/secret.json"), "{").unwrap();
    let before = files_below(root);
    for output in ["d/.gitignore", "d/.ignore", ".git/info/exclude"] {
        let out = lint(root)
            .args(["check", "--format", "json", "--output", output, "d"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{output}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "error: --output {output} is an ignore file, which a walk reads; api4p-lint \
                 never writes to the files it reads\n"
            )
        );
        assert_eq!(files_below(root), before, "{output}");
    }
}

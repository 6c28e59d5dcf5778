//! What `check` reads: folders walked with nothing left out silently (what is skipped is
//! counted by reason, what cannot be read is exit 2), symbolic links, globs from anywhere,
//! exclude globs (and `--force-exclude` for pre-commit's file names), and the configuration's
//! paths relative to the configuration's folder whatever the working directory.

mod common;

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{run, CREATE, SEED};
use serde_json::{json, Value};

/// The seed with a wrong status: one A4P101.
fn broken_seed() -> String {
    SEED.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `check --format json` with `args` in `dir`: exit code, the report, stderr.
fn json_run(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let (code, stdout, stderr) = run(dir, &all, None);
    let value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout:?}\nstderr: {stderr}"));
    (code, value, stderr)
}

/// Each file of a JSON report: path, kind, and its finding codes (or its error).
fn files(report: &Value) -> Vec<(String, Value, Value)> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let outcome = match f.get("error") {
                Some(error) => error.clone(),
                None => f["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d["code"].clone())
                    .collect(),
            };
            (
                f["path"].as_str().unwrap().to_owned(),
                f["kind"].clone(),
                outcome,
            )
        })
        .collect()
}

fn skipped(hidden: u64, excluded: u64, ignored: u64, symlinks: u64, output: u64) -> Value {
    json!({"hidden": hidden, "excluded": excluded, "ignored": ignored, "symlinks": symlinks,
           "output": output, "reference": 0})
}

// ---------------------------------------------------------------------------------------
// Item 3: nothing skipped silently

/// A folder of every kind of entry a walk skips on purpose.
fn skipping_tree(root: &Path) {
    let d = root.join("d");
    write(&d.join("lead.json"), &broken_seed());
    write(&d.join("notes.txt"), "{");
    write(&d.join(".hidden.json"), "{");
    write(&d.join(".drafts/a.json"), "{");
    write(&d.join("build/b.json"), "{");
    write(&d.join("c.json.bak"), "{");
    write(&d.join(".gitignore"), "build/\n*.tmp.json\n");
    write(&d.join("old.tmp.json"), "{");
    // A parent's .gitignore applies to the folder walked.
    write(&root.join(".gitignore"), "d/sub/ignored.json\n");
    write(&d.join("sub/ignored.json"), "{");
    write(&d.join("sub/ok.json"), SEED);
    write(&d.join("package.json"), r#"{"name": "x"}"#);
    write(&d.join("node_modules/x/package.json"), r#"{"name": "x"}"#);
    write(&root.join("elsewhere/far.json"), "{");
    symlink("../elsewhere", d.join("linked")).unwrap();
}

#[test]
fn what_a_walk_skips_is_counted_by_reason_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    skipping_tree(dir.path());
    let (code, report, stderr) = json_run(dir.path(), &["d"]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert_eq!(
        files(&report),
        [
            (
                "d/lead.json".to_owned(),
                json!("get-response"),
                json!(["A4P101"])
            ),
            ("d/sub/ok.json".to_owned(), json!("get-response"), json!([])),
        ]
    );
    // .hidden.json and .drafts; package.json and node_modules; build/, old.tmp.json and
    // sub/ignored.json; linked/. Not notes.txt nor c.json.bak: they are not payloads by name.
    assert_eq!(report["summary"]["skipped"], skipped(2, 2, 3, 1, 0));
    assert_eq!(report["summary"]["files"], 2);

    let (code, stdout, stderr) = run(dir.path(), &["check", "--format", "human", "d"], None);
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert!(
        stdout.ends_with(
            "2 files checked: 1 error, 0 warnings, 0 infos; skipped: 2 hidden, 2 excluded, \
             3 ignored, 1 linked folder\n"
        ),
        "{stdout}"
    );
    // JUnit: one skipped test case per reason (4), beside its 2 test cases, so that the
    // counts are those of the elements.
    let (_, stdout, _) = run(dir.path(), &["check", "--format", "junit", "d"], None);
    assert!(
        stdout.contains(
            "<testsuites name=\"api4p-lint\" tests=\"6\" failures=\"1\" errors=\"0\">\n  \
             <testsuite name=\"api4p-lint\" tests=\"6\" failures=\"1\" errors=\"0\" skipped=\"4\">"
        ),
        "{stdout}"
    );
    assert_eq!(stdout.matches("<testcase ").count(), 6, "{stdout}");
    assert_eq!(stdout.matches("<skipped ").count(), 4, "{stdout}");
    assert!(
        stdout.contains(
            "    <testcase classname=\"api4p-lint\" name=\"skipped: ignored\">\n      \
             <skipped message=\"3 entries not checked (ignored)\"/>\n    </testcase>\n"
        ),
        "{stdout}"
    );
    // The formats without a summary say it on stderr.
    for format in ["short", "github", "sarif", "junit"] {
        let (code, stdout, stderr) = run(dir.path(), &["check", "--format", format, "d"], None);
        assert_eq!(code, 1, "{format}");
        assert!(stdout.contains("A4P101"), "{format}: {stdout}");
        assert_eq!(
            stderr,
            "note: skipped: 2 hidden, 2 excluded, 3 ignored, 1 linked folder (not checked)\n",
            "{format}"
        );
    }
}

#[test]
fn nothing_skipped_leaves_the_summary_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("d/a.json"), SEED);
    let (code, stdout, stderr) = run(dir.path(), &["check", "--format", "human", "d"], None);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "1 file checked: 0 errors, 0 warnings, 0 infos\n", "")
    );
    let (code, report, _) = json_run(dir.path(), &["d"]);
    assert_eq!(code, 0);
    assert_eq!(
        report["summary"],
        json!({"files": 1, "errors": 0, "warnings": 0, "infos": 0, "unreadable": 0,
               "skipped": skipped(0, 0, 0, 0, 0), "failed_on_warnings": false,
               "fixable": 0, "unsafe_fixable": 0})
    );
    let (code, stdout, stderr) = run(dir.path(), &["check", "d"], None);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
}

#[test]
fn symlinked_payloads_are_checked_under_the_link_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("store/lead.json"), &broken_seed());
    write(&root.join("store/sub/other.json"), SEED);
    std::fs::create_dir_all(root.join("d")).unwrap();
    symlink("../store/lead.json", root.join("d/lead.json")).unwrap();
    symlink("../store/sub", root.join("d/sub")).unwrap();
    let (code, report, _) = json_run(root, &["d"]);
    assert_eq!(code, 1);
    assert_eq!(
        files(&report),
        [(
            "d/lead.json".to_owned(),
            json!("get-response"),
            json!(["A4P101"])
        )]
    );
    assert_eq!(report["summary"]["skipped"], skipped(0, 0, 0, 1, 0));
    // A folder whose only payload is behind a linked folder has nothing checked.
    std::fs::remove_file(root.join("d/lead.json")).unwrap();
    let (code, report, _) = json_run(root, &["d"]);
    assert_eq!(code, 2);
    assert_eq!(
        files(&report),
        [(
            "d".to_owned(),
            Value::Null,
            json!(
                "no .json, .ndjson or .jsonl file to check in this folder (skipped: 1 linked \
                 folder)"
            )
        )]
    );
}

#[test]
fn a_folder_named_through_a_symbolic_link_is_walked_as_that_folder() {
    // `ln -s real lnk; api4p-lint check lnk`: lnk is the folder asked for, not a linked
    // folder met in a walk; what the walk skips inside it is counted as in any folder.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("real/lead.json"), &broken_seed());
    write(&root.join("real/.hidden.json"), "{");
    write(&root.join("elsewhere/far.json"), "{");
    symlink("../elsewhere", root.join("real/linked")).unwrap();
    symlink("real", root.join("lnk")).unwrap();
    let (code, report, stderr) = json_run(root, &["lnk"]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert_eq!(
        files(&report),
        [(
            "lnk/lead.json".to_owned(),
            json!("get-response"),
            json!(["A4P101"])
        )]
    );
    // real/.hidden.json and real/linked; not lnk itself.
    assert_eq!(report["summary"]["skipped"], skipped(1, 0, 0, 1, 0));
    let (code, stdout, _) = run(root, &["check", "--format", "human", "lnk"], None);
    assert_eq!(code, 1);
    assert!(
        stdout.ends_with(
            "1 file checked: 1 error, 0 warnings, 0 infos; skipped: 1 hidden, 1 linked folder\n"
        ),
        "{stdout}"
    );
    // Through a glob whose folder is the link: the same.
    let (code, report, _) = json_run(root, &["lnk/*.json"]);
    assert_eq!(code, 1);
    assert_eq!(report["summary"]["skipped"], skipped(1, 0, 0, 0, 0));
}

#[test]
fn a_named_path_that_exists_is_never_a_glob() {
    // `x[1].json` that is there, as a broken link, a FIFO or a file, names that entry: as a
    // glob it would match x1.json instead, and the run would pass without a word about it.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("x1.json"), SEED);
    write(&root.join("y1.json"), SEED);
    write(&root.join("z1.json"), SEED);
    write(&root.join("z[1].json"), &broken_seed());
    symlink("nowhere", root.join("x[1].json")).unwrap();
    let status = Command::new("mkfifo")
        .arg(root.join("y?.json"))
        .status()
        .unwrap();
    assert!(status.success());
    let (code, stdout, stderr) = run(
        root,
        &[
            "check",
            "--format",
            "short",
            "x[1].json",
            "y?.json",
            "z[1].json",
        ],
        None,
    );
    assert_eq!((code, stderr.as_str()), (2, ""));
    assert_eq!(
        stdout,
        "x[1].json: error[io]: broken symbolic link: No such file or directory (os error \
         2)\ny?.json: error[io]: not a file or folder\nz[1].json: note: detected as \
         get-response\nz[1].json:15:17: error[A4P101]: \
         invalid value \"WONN\" for `data.leadOpportunity.status`\n"
    );
    // A glob that names nothing is still a glob.
    let (code, report, _) = json_run(root, &["x[0-9].json"]);
    assert_eq!(code, 0);
    assert_eq!(
        files(&report),
        [("x1.json".to_owned(), json!("get-response"), json!([]))]
    );
}

#[test]
fn a_dangling_symlink_in_a_folder_is_an_unreadable_entry() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("d/lead.json"), &broken_seed());
    symlink("gone.json", root.join("d/dangling.json")).unwrap();
    // Named like no payload, it may have been a folder of them: reported too.
    symlink("gone", root.join("d/exports")).unwrap();
    let (code, stdout, stderr) = run(root, &["check", "--format", "short", "d"], None);
    assert_eq!((code, stderr.as_str()), (2, ""));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "d/dangling.json: error[io]: broken symbolic link: No such file or directory \
             (os error 2)",
            "d/exports: error[io]: broken symbolic link: No such file or directory (os \
             error 2)",
            "d/lead.json: note: detected as get-response",
            "d/lead.json:15:17: error[A4P101]: invalid value \"WONN\" for \
             `data.leadOpportunity.status`",
        ]
    );
    let (code, report, _) = json_run(root, &["d"]);
    assert_eq!(code, 2);
    assert_eq!(
        report["files"][0],
        json!({"path": "d/dangling.json", "kind": null,
               "error": "broken symbolic link: No such file or directory (os error 2)"})
    );
    // Named on the command line, the same words.
    let (code, stdout, _) = run(root, &["check", "d/dangling.json"], None);
    assert_eq!(
        (code, stdout.as_str()),
        (
            2,
            "d/dangling.json: error[io]: broken symbolic link: No such file or directory \
             (os error 2)\n"
        )
    );
}

#[test]
fn a_special_file_named_like_a_payload_is_an_unreadable_entry() {
    // A FIFO would block a reader forever: it is reported, never opened.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("d/lead.json"), SEED);
    let status = Command::new("mkfifo")
        .arg(root.join("d/pipe.json"))
        .status()
        .unwrap();
    assert!(status.success());
    let (code, report, _) = json_run(root, &["d"]);
    assert_eq!(code, 2);
    assert_eq!(
        files(&report),
        [
            ("d/lead.json".to_owned(), json!("get-response"), json!([])),
            (
                "d/pipe.json".to_owned(),
                Value::Null,
                json!("not a file or folder")
            ),
        ]
    );
}

#[test]
fn a_folder_with_nothing_to_check_fails_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("empty")).unwrap();
    write(&root.join("skipped/.a.json"), "{");
    write(&root.join("skipped/.gitignore"), "b.json\nc.json\n");
    write(&root.join("skipped/b.json"), "{");
    write(&root.join("skipped/c.json"), "{");
    write(&root.join("skipped/readme.md"), "");
    let (code, stdout, stderr) = run(
        root,
        &["check", "--format", "short", "empty", "skipped"],
        None,
    );
    assert_eq!(
        (code, stderr.as_str()),
        (2, "note: skipped: 1 hidden, 2 ignored (not checked)\n")
    );
    assert_eq!(
        stdout,
        "empty: error[io]: no .json, .ndjson or .jsonl file to check in this folder\n\
         skipped: error[io]: no .json, .ndjson or .jsonl file to check in this folder \
         (skipped: 1 hidden, 2 ignored)\n"
    );
    let (code, stdout, _) = run(root, &["check", "--format", "human", "skipped"], None);
    assert_eq!(code, 2);
    assert_eq!(
        stdout,
        "error: skipped: no .json, .ndjson or .jsonl file to check in this folder (skipped: 1 \
         hidden, 2 ignored)\n0 files checked: 0 errors, 0 warnings, 0 infos; 1 input could not \
         be checked; skipped: 1 hidden, 2 ignored\n"
    );
}

#[test]
fn the_counts_say_what_was_checked_and_what_could_not_be() {
    // Two folders and a glob, none with a payload: nothing was checked, and none of the three
    // is called a file that could not be read.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("empty")).unwrap();
    write(&root.join("emptyish/.a.json"), "{");
    write(&root.join("emptyish/notes.txt"), "");
    let args = ["empty", "emptyish", "nomatch/*.json"];
    let (code, stdout, stderr) = run(
        root,
        &[&["check", "--format", "human"][..], &args].concat(),
        None,
    );
    assert_eq!((code, stderr.as_str()), (2, ""));
    assert!(
        stdout.ends_with(
            "\n0 files checked: 0 errors, 0 warnings, 0 infos; 3 inputs could not be checked; \
             skipped: 1 hidden\n"
        ),
        "{stdout}"
    );
    // The short format gives them no position in a file: there is none.
    let (code, stdout, _) = run(
        root,
        &[&["check", "--format", "short"][..], &args].concat(),
        None,
    );
    assert_eq!(code, 2);
    assert_eq!(
        stdout,
        "empty: error[io]: no .json, .ndjson or .jsonl file to check in this folder\n\
         emptyish: error[io]: no .json, .ndjson or .jsonl file to check in this folder \
         (skipped: 1 hidden)\n\
         nomatch/*.json: error[io]: no file matches this glob\n"
    );
    // JSON's `files` counts every entry of `files`, as the README's contract says; those that
    // could not be checked are `unreadable`.
    let (code, report, _) = json_run(root, &args);
    assert_eq!(code, 2);
    assert_eq!(report["files"].as_array().unwrap().len(), 3);
    assert_eq!(
        (
            &report["summary"]["files"],
            &report["summary"]["unreadable"]
        ),
        (&json!(3), &json!(3))
    );
    // JUnit counts what was skipped, among the tests.
    let (code, stdout, _) = run(
        root,
        &[&["check", "--format", "junit"][..], &args].concat(),
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stdout.contains(
            "<testsuite name=\"api4p-lint\" tests=\"4\" failures=\"0\" errors=\"3\" skipped=\"1\">"
        ),
        "{stdout}"
    );
}

/// Whether this process runs as root (files it creates are root's).
fn is_root(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).unwrap().uid() == 0
}

/// Runs the tool in `dir` as a user that permissions apply to: as is when the tests are not
/// root, else as `nobody` with `setpriv` (util-linux). The binary is linked into `dir`, which
/// `nobody` can enter (the checkout may be under a folder only root can).
fn run_unprivileged(dir: &Path, args: &[&str]) -> (i32, String, String) {
    if !is_root(dir) {
        return run(dir, args, None);
    }
    std::fs::set_permissions(dir, PermissionsExt::from_mode(0o755)).unwrap();
    let bin = dir.join("api4p-lint");
    if !bin.exists() && std::fs::hard_link(common::bin(), &bin).is_err() {
        std::fs::copy(common::bin(), &bin).unwrap();
    }
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "80")
        .output()
        .expect("`setpriv` (util-linux) drops root's privileges for this test");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_folder_the_user_cannot_read_is_exit_2_in_the_chosen_format() {
    // `chmod 000` does not stop root: as root (CI), the tool runs as `nobody`.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("work");
    write(&root.join("d/lead.json"), &broken_seed());
    write(&root.join("d/locked/secret.json"), SEED);
    std::fs::set_permissions(&root, PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::set_permissions(root.join("d/locked"), PermissionsExt::from_mode(0o000)).unwrap();
    let (code, stdout, stderr) =
        run_unprivileged(dir.path(), &["check", "--format", "short", "work/d"]);
    assert_eq!((code, stderr.as_str()), (2, ""), "{stdout}");
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "work/d/lead.json: note: detected as get-response",
            "work/d/lead.json:15:17: error[A4P101]: invalid value \"WONN\" for \
             `data.leadOpportunity.status`",
            "work/d/locked: error[io]: Permission denied (os error 13)",
        ]
    );
    let (code, stdout, _) = run_unprivileged(dir.path(), &["check", "--format", "json", "work/d"]);
    assert_eq!(code, 2);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["files"][1],
        json!({"path": "work/d/locked", "kind": null,
               "error": "Permission denied (os error 13)"})
    );
    assert_eq!(report["summary"]["files"], 2);
    // One payload was checked; the folder is not counted as a file checked.
    let (code, stdout, _) = run_unprivileged(dir.path(), &["check", "--format", "human", "work/d"]);
    assert_eq!(code, 2);
    assert!(
        stdout.ends_with(
            "\n1 file checked: 1 error, 0 warnings, 0 infos; 1 input could not be checked\n"
        ),
        "{stdout}"
    );
    std::fs::set_permissions(root.join("d/locked"), PermissionsExt::from_mode(0o755)).unwrap();
}

#[test]
fn a_configuration_the_user_cannot_look_at_is_not_passed_over() {
    // `api4p-lint.toml` that is there but cannot be looked at (a link into a folder the user
    // may not enter): the configuration meant, an A4P901 (exit 2), never a reason to use the
    // parent folder's configuration (which turns enum-value off) or none.
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    write(&work.join("lead.json"), CREATE);
    write(
        &dir.path().join("api4p-lint.toml"),
        "[rules]\nenum-value = \"off\"\n",
    );
    write(&dir.path().join("secret/real.toml"), "[rules]\n");
    symlink("../secret/real.toml", work.join("api4p-lint.toml")).unwrap();
    std::fs::set_permissions(dir.path(), PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::set_permissions(dir.path().join("secret"), PermissionsExt::from_mode(0o000)).unwrap();
    let (code, stdout, stderr) =
        run_unprivileged(&work, &["check", "--format", "short", "lead.json"]);
    std::fs::set_permissions(dir.path().join("secret"), PermissionsExt::from_mode(0o755)).unwrap();
    assert_eq!((code, stderr.as_str()), (2, ""), "{stdout}");
    let why = format!(
        "cannot read {}: Permission denied (os error 13)",
        work.join("api4p-lint.toml").display()
    );
    assert_eq!(
        stdout,
        format!(
            "api4p-lint.toml:1:1: error[A4P901]: {why}\nerror: invalid configuration \
             api4p-lint.toml: {why}\n"
        )
    );
}

// ---------------------------------------------------------------------------------------
// Item 12: globs from anywhere

#[test]
fn absolute_and_parent_globs_match_from_another_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("x/d/4999-a.json"), &broken_seed());
    write(&root.join("x/d/4999-b.json"), SEED);
    write(&root.join("x/d/5000.json"), "{");
    write(&root.join("x/d/deeper/4999-c.json"), "{");
    std::fs::create_dir_all(root.join("elsewhere")).unwrap();
    let absolute = format!("{}/x/d/4999*.json", root.display());
    for (cwd, glob, shown) in [
        (
            root.join("elsewhere"),
            absolute.clone(),
            format!("{}/x/d/", root.display()),
        ),
        (
            root.join("elsewhere"),
            "../x/d/4999*.json".to_owned(),
            "../x/d/".to_owned(),
        ),
        (
            root.join("x/d/deeper"),
            "../4999*.json".to_owned(),
            "../".to_owned(),
        ),
        (
            root.to_path_buf(),
            "./x/d/4999*.json".to_owned(),
            "x/d/".to_owned(),
        ),
    ] {
        let (code, report, stderr) = json_run(&cwd, &[&glob]);
        assert_eq!((code, stderr.as_str()), (1, ""), "{glob}");
        assert_eq!(
            files(&report),
            [
                (
                    format!("{shown}4999-a.json"),
                    json!("get-response"),
                    json!(["A4P101"])
                ),
                (
                    format!("{shown}4999-b.json"),
                    json!("get-response"),
                    json!([])
                ),
            ],
            "{glob} from {}",
            cwd.display()
        );
    }
    for glob in [
        format!("{}/x/d/6000*.json", root.display()),
        format!("{}/nowhere/*.json", root.display()),
        "../nowhere/*.json".to_owned(),
    ] {
        let (code, report, _) = json_run(&root.join("elsewhere"), &[&glob]);
        assert_eq!(code, 2, "{glob}");
        assert_eq!(
            files(&report),
            [(
                glob.clone(),
                Value::Null,
                json!("no file matches this glob")
            )]
        );
    }
    // `**` goes deeper.
    let (code, report, _) = json_run(&root.join("elsewhere"), &["../x/**/4999-c.json"]);
    assert_eq!(code, 1);
    assert_eq!(files(&report)[0].0, "../x/d/deeper/4999-c.json");
}

#[test]
fn a_glob_that_matches_only_skipped_files_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("d/.gitignore"), "*.json\n");
    write(&root.join("d/a.json"), "{");
    // Deeper than `d/*.json` can match: neither walked nor counted.
    write(&root.join("d/sub/b.json"), "{");
    write(&root.join("d/.hidden/c.json"), "{");
    let (code, report, _) = json_run(root, &["d/*.json"]);
    assert_eq!(code, 2);
    assert_eq!(
        files(&report),
        [(
            "d/*.json".to_owned(),
            Value::Null,
            json!("no file matches this glob (skipped: 1 ignored)")
        )]
    );
}

// ---------------------------------------------------------------------------------------
// Item 11: the configuration's paths are relative to its folder

/// `proj/api4p-lint.toml` maps `out/create/**` and `out/legacy/**` to create requests and
/// turns `unknown-property` off under `out/legacy/`; both files hold one unknown property.
fn project(root: &Path) -> PathBuf {
    let proj = root.join("proj");
    write(
        &proj.join("api4p-lint.toml"),
        "today = \"2025-01-01\"\n\n[kinds]\n\"out/create/**\" = \"create-request\"\n\"out/legacy/*.json\" = \
         \"create-request\"\n\n[[overrides]]\nfiles = [\"out/legacy/**\"]\nrules = { \
         unknown-property = \"off\" }\n",
    );
    let lead = CREATE.replacen('{', "{\"colour\": 1,", 1);
    write(&proj.join("out/create/a.json"), &lead);
    write(&proj.join("out/legacy/b.json"), &lead);
    proj
}

#[test]
fn kinds_and_overrides_match_paths_relative_to_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let proj = project(root);
    let abs = proj.display().to_string();
    let config = proj.join("api4p-lint.toml").display().to_string();
    let create = (json!("create-request"), json!(["A4P103"]));
    let legacy = (json!("create-request"), json!([]));
    // (working directory, arguments, the paths shown)
    let runs: Vec<(PathBuf, Vec<String>, [String; 2])> = vec![
        (
            proj.clone(),
            vec!["out".into()],
            ["out/create/a.json".into(), "out/legacy/b.json".into()],
        ),
        (
            proj.clone(),
            vec!["./out/".into()],
            ["out/create/a.json".into(), "out/legacy/b.json".into()],
        ),
        (
            proj.join("out"),
            vec![".".into()],
            ["create/a.json".into(), "legacy/b.json".into()],
        ),
        (
            proj.join("out/create"),
            vec![".".into(), "../legacy".into()],
            ["a.json".into(), "../legacy/b.json".into()],
        ),
        (
            proj.join("out/create"),
            vec!["a.json".into(), "../legacy/b.json".into()],
            ["a.json".into(), "../legacy/b.json".into()],
        ),
        (
            proj.join("out"),
            vec!["create/../create/a.json".into(), "legacy/*.json".into()],
            ["create/../create/a.json".into(), "legacy/b.json".into()],
        ),
        (
            proj.join("out/create"),
            vec![format!("{abs}/out")],
            [
                format!("{abs}/out/create/a.json"),
                format!("{abs}/out/legacy/b.json"),
            ],
        ),
        // --config from elsewhere (no api4p-lint.toml above the working directory).
        (
            root.to_path_buf(),
            vec![
                "--config".into(),
                "proj/api4p-lint.toml".into(),
                "proj/out".into(),
            ],
            [
                "proj/out/create/a.json".into(),
                "proj/out/legacy/b.json".into(),
            ],
        ),
        (
            root.join("proj/out"),
            vec!["--config".into(), config.clone(), ".".into()],
            ["create/a.json".into(), "legacy/b.json".into()],
        ),
    ];
    for (cwd, args, shown) in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, report, stderr) = json_run(&cwd, &args);
        assert_eq!(code, 0, "{args:?} in {}: {stderr}", cwd.display());
        assert_eq!(
            files(&report),
            [
                (shown[0].clone(), create.0.clone(), create.1.clone()),
                (shown[1].clone(), legacy.0.clone(), legacy.1.clone()),
            ],
            "{args:?} in {}",
            cwd.display()
        );
    }
    // Standard input named with --stdin-filename: relative to the working directory.
    let lead = std::fs::read(proj.join("out/legacy/b.json")).unwrap();
    for (cwd, name) in [
        (proj.join("out"), "legacy/b.json"),
        (proj.join("out/create"), "../legacy/b.json"),
    ] {
        let (code, stdout, stderr) = run(
            &cwd,
            &["check", "--format", "json", "--stdin-filename", name, "-"],
            Some(&lead),
        );
        assert_eq!(code, 0, "{stderr}");
        let report: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            files(&report),
            [(name.to_owned(), legacy.0.clone(), legacy.1.clone())]
        );
    }
}

#[test]
fn a_file_outside_the_configuration_folder_matches_no_relative_glob() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    // The same relative path, but under another folder than the configuration's.
    write(&root.join("other/out/create/a.json"), CREATE);
    let (code, report, _) = json_run(
        root,
        &[
            "--config",
            "proj/api4p-lint.toml",
            "other/out/create/a.json",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        files(&report),
        [(
            "other/out/create/a.json".to_owned(),
            Value::Null,
            json!(["A4P004"])
        )]
    );
}

// ---------------------------------------------------------------------------------------
// Item 14: exclude globs

/// A partner's repository: tool files beside a folder of payloads, one of them broken.
fn repository(root: &Path) {
    for tool in [
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "tsconfig.build.json",
        ".vscode/settings.json",
        ".eslintrc.json",
        "node_modules/left-pad/package.json",
    ] {
        write(&root.join(tool), r#"{"name": "tool"}"#);
    }
    write(&root.join("payloads/lead.json"), &broken_seed());
    write(&root.join("payloads/ok.json"), SEED);
}

const TOOL_FILES: [&str; 6] = [
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    ".vscode/settings.json",
    ".eslintrc.json",
    "node_modules/left-pad/package.json",
];

#[test]
fn well_known_tool_files_are_excluded_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    repository(root);
    let (code, report, _) = json_run(root, &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        files(&report),
        [
            (
                "payloads/lead.json".to_owned(),
                json!("get-response"),
                json!(["A4P101"])
            ),
            (
                "payloads/ok.json".to_owned(),
                json!("get-response"),
                json!([])
            ),
        ]
    );
    // .vscode and .eslintrc.json; package.json, package-lock.json, tsconfig.json, tsconfig.build.json and
    // node_modules.
    assert_eq!(report["summary"]["skipped"], skipped(2, 5, 0, 0, 0));
}

#[test]
fn named_files_are_checked_unless_force_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    repository(root);
    // As pre-commit names them: every staged file.
    let mut named: Vec<&str> = TOOL_FILES.to_vec();
    named.push("payloads/lead.json");
    let (code, report, _) = json_run(root, &named);
    assert_eq!(code, 1);
    assert_eq!(
        report["summary"]["files"], 7,
        "named files are checked as asked"
    );
    assert_eq!(files(&report)[0].2, json!(["A4P004"]));

    let mut args = vec!["--force-exclude"];
    args.extend(&named);
    let (code, report, stderr) = json_run(root, &args);
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert_eq!(
        files(&report),
        [(
            "payloads/lead.json".to_owned(),
            json!("get-response"),
            json!(["A4P101"])
        )]
    );
    // .vscode and .eslintrc.json; package.json, package-lock.json, tsconfig.json, node_modules/.../package.json.
    assert_eq!(report["summary"]["skipped"], skipped(2, 4, 0, 0, 0));

    // Only tool files staged: nothing to check is not a failure, and it is said.
    let mut args = vec!["check", "--force-exclude"];
    args.extend(TOOL_FILES);
    let (code, stdout, stderr) = run(root, &args, None);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "note: skipped: 2 hidden, 4 excluded (not checked)\n")
    );
    // A broken payload named like one is never passed.
    let (code, stdout, _) = run(
        root,
        &["check", "--force-exclude", "payloads/lead.json"],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        stdout.contains("payloads/lead.json:15:17: error[A4P101]"),
        "{stdout}"
    );
}

#[test]
fn exclude_replaces_the_defaults_and_extend_exclude_adds_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    repository(root);
    write(&root.join("payloads/drafts/wip.json"), "{");
    let paths =
        |report: &Value| -> Vec<String> { files(report).into_iter().map(|f| f.0).collect() };
    let payloads = ["payloads/lead.json", "payloads/ok.json"];

    // The configuration's extend-exclude, relative to its folder, from a subfolder.
    write(
        &root.join("api4p-lint.toml"),
        "extend-exclude = [\"payloads/drafts/\"]\n",
    );
    let (_, report, _) = json_run(&root.join("payloads"), &["."]);
    assert_eq!(paths(&report), ["lead.json", "ok.json"]);
    assert_eq!(report["summary"]["skipped"], skipped(0, 1, 0, 0, 0));
    let (_, report, _) = json_run(root, &["."]);
    assert_eq!(paths(&report), payloads);
    assert_eq!(report["summary"]["skipped"], skipped(2, 6, 0, 0, 0));

    // The configuration's exclude replaces the default list.
    write(
        &root.join("api4p-lint.toml"),
        "exclude = [\"drafts\", \"node_modules\"]\n",
    );
    let (_, report, _) = json_run(root, &["."]);
    assert_eq!(
        paths(&report),
        [
            "package-lock.json",
            "package.json",
            "payloads/lead.json",
            "payloads/ok.json",
            "tsconfig.build.json",
            "tsconfig.json"
        ]
    );

    // --exclude replaces the configuration's (relative to the working directory);
    // --extend-exclude adds to it.
    let (_, report, _) = json_run(&root.join("payloads"), &["--exclude", "drafts/*", ".."]);
    assert_eq!(
        paths(&report),
        [
            "../node_modules/left-pad/package.json",
            "../package-lock.json",
            "../package.json",
            "../payloads/lead.json",
            "../payloads/ok.json",
            "../tsconfig.build.json",
            "../tsconfig.json"
        ]
    );
    assert_eq!(report["summary"]["skipped"], skipped(2, 1, 0, 0, 0));
    let (_, report, _) = json_run(
        &root.join("payloads"),
        &[
            "--extend-exclude",
            "ok.json",
            "--extend-exclude",
            "../tsconfig.*",
            "..",
        ],
    );
    assert_eq!(
        paths(&report),
        [
            "../package-lock.json",
            "../package.json",
            "../payloads/lead.json"
        ]
    );
    // node_modules, drafts, ok.json and both tsconfig files.
    assert_eq!(report["summary"]["skipped"], skipped(2, 5, 0, 0, 0));

    // An invalid glob on the command line is a usage error, reported like the others in the
    // chosen format (see tests/run_failures.rs for --output).
    let (code, stdout, stderr) = run(root, &["check", "--exclude", "[", "."], None);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "error: invalid glob in --exclude `[`: unclosed character class; missing ']'\n",
            ""
        )
    );
}

#[test]
fn force_exclude_applies_to_the_folders_above_a_named_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    repository(root);
    write(&root.join("legacy/2019/old.json"), "{");
    write(
        &root.join("api4p-lint.toml"),
        "extend-exclude = [\"legacy\"]\n",
    );
    let (code, stdout, stderr) = run(
        &root.join("payloads"),
        &[
            "check",
            "--force-exclude",
            "../legacy/2019/old.json",
            "../node_modules/left-pad/package.json",
        ],
        None,
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "note: skipped: 2 excluded (not checked)\n")
    );
    // Named folders too.
    let (code, _, stderr) = run(
        root,
        &["check", "--force-exclude", "legacy", "node_modules"],
        None,
    );
    assert_eq!(
        (code, stderr.as_str()),
        (0, "note: skipped: 2 excluded (not checked)\n")
    );
}

#[test]
fn the_readme_extend_exclude_line_leaves_out_fixtures_and_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    repository(root);
    write(&root.join("fixtures/x.json"), "{");
    write(&root.join("payloads/fixtures/y.json"), "{");
    write(&root.join("api.schema.json"), "{");
    write(
        &root.join("api4p-lint.toml"),
        "extend-exclude = [\"fixtures/\", \"*.schema.json\"]\n",
    );
    let (code, report, _) = json_run(root, &["."]);
    assert_eq!(code, 1);
    let paths: Vec<String> = files(&report).into_iter().map(|f| f.0).collect();
    assert_eq!(paths, ["payloads/lead.json", "payloads/ok.json"]);
    // The default list still applies: 5 of its entries, both fixtures folders, the schema.
    assert_eq!(report["summary"]["skipped"], skipped(2, 8, 0, 0, 0));
}

// ---------------------------------------------------------------------------------------
// Issue 12, item 4: the configuration's reference files are data, not payloads

/// The README's portfolio example (the JSON block after "**The portfolio.**").
fn readme_portfolio() -> String {
    let readme = std::fs::read_to_string(common::manifest_dir().join("README.md")).unwrap();
    let section = readme.split_once("**The portfolio.**").unwrap().1;
    let start = section.find("```json\n").unwrap() + "```json\n".len();
    let end = start + section[start..].find("```").unwrap();
    section[start..end].to_owned()
}

/// An update request offering `offer`.
fn offering(offer: &str) -> String {
    format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-LEAD-1234"}}, "offerLines": [{{"offerNameId": "{offer}", "amount": 10000, "revenueType": "UPFRONT"}}]}}"#
    )
}

/// The README's sample `[reference]` beside payloads: `portfolio-file = "portfolio.json"`.
fn portfolio_project(root: &Path) {
    write(
        &root.join("api4p-lint.toml"),
        "[reference]\nportfolio-file = \"portfolio.json\"\n\n[kinds]\n\"**/*.json\" = \"update-request\"\n",
    );
    write(&root.join("portfolio.json"), &readme_portfolio());
    write(
        &root.join("payloads/ok.json"),
        &offering("MDMIND00022_PUBL_ISE00002687_IPE00021337"),
    );
}

fn skipped_reference(n: u64) -> Value {
    json!({"hidden": 0, "excluded": 0, "ignored": 0, "symlinks": 0, "output": 0, "reference": n})
}

#[test]
fn the_readme_portfolio_is_what_portfolio_file_reads() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    portfolio_project(root);
    write(
        &root.join("payloads/not-orderable.json"),
        &offering("MDMIND00022_PUBL_ISE00002687_IPE00021338"),
    );
    write(
        &root.join("payloads/unknown.json"),
        &offering("MDMIND00022_PUBL_ISE00002687_IPE00021339"),
    );
    let (code, report, stderr) = json_run(root, &["payloads"]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    let severities: Vec<(String, Vec<(Value, Value)>)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let findings = f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| (d["code"].clone(), d["severity"].clone()))
                .collect();
            (f["path"].as_str().unwrap().to_owned(), findings)
        })
        .collect();
    assert_eq!(
        severities,
        [
            (
                "payloads/not-orderable.json".to_owned(),
                vec![(json!("A4P601"), json!("warning"))]
            ),
            ("payloads/ok.json".to_owned(), vec![]),
            (
                "payloads/unknown.json".to_owned(),
                vec![(json!("A4P601"), json!("error"))]
            ),
        ]
    );
}

#[test]
fn the_portfolio_file_is_skipped_in_walks_and_with_force_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    portfolio_project(root);
    // `check .`: the portfolio sits beside the configuration, ends in .json, and is not
    // checked as a payload (it would be A4P102/A4P103 errors).
    let (code, report, stderr) = json_run(root, &["."]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        files(&report),
        [(
            "payloads/ok.json".to_owned(),
            json!("update-request"),
            json!([])
        )]
    );
    assert_eq!(report["summary"]["skipped"], skipped_reference(1));
    let (code, stdout, _) = run(root, &["check", "--format", "human", "."], None);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "1 file checked: 0 errors, 0 warnings, 0 infos; skipped: 1 reference file\n"
        )
    );
    // However it is reached: a glob, from a subfolder, under another name (a hard link).
    std::fs::hard_link(root.join("portfolio.json"), root.join("payloads/copy.json")).unwrap();
    for (cwd, args) in [
        (root.to_path_buf(), &["**/*.json"][..]),
        (root.join("payloads"), &[".."]),
    ] {
        let (code, report, _) = json_run(&cwd, args);
        assert_eq!(code, 0, "{args:?}");
        assert_eq!(report["files"].as_array().unwrap().len(), 1, "{args:?}");
        assert_eq!(
            report["summary"]["skipped"],
            skipped_reference(2),
            "{args:?}"
        );
    }
    std::fs::remove_file(root.join("payloads/copy.json")).unwrap();
    // A glob that matches only the portfolio matches nothing to check, and says why.
    let (code, stdout, _) = run(root, &["check", "--format", "short", "*.json"], None);
    assert_eq!(
        (code, stdout.as_str()),
        (
            2,
            "*.json: error[io]: no file matches this glob (skipped: 1 reference file)\n"
        )
    );

    // The pre-commit hook names every staged file, the portfolio among them.
    let (code, stdout, stderr) = run(
        root,
        &[
            "check",
            "--force-exclude",
            "portfolio.json",
            "payloads/ok.json",
        ],
        None,
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "note: skipped: 1 reference file (not checked)\n")
    );
    // Named without --force-exclude, it is checked as asked (and is no payload).
    let (code, report, _) = json_run(root, &["portfolio.json"]);
    assert_eq!(code, 1);
    assert_eq!(files(&report)[0].0, "portfolio.json");
    assert_eq!(report["summary"]["skipped"], skipped_reference(0));
    // Without a configuration naming it, the same file is a payload like any other.
    std::fs::remove_file(root.join("api4p-lint.toml")).unwrap();
    let (_, report, _) = json_run(root, &["."]);
    assert_eq!(report["files"].as_array().unwrap().len(), 2);
    assert_eq!(report["summary"]["skipped"], skipped_reference(0));
}

// ---------------------------------------------------------------------------------------
// Issue 12, item 5: the folders a project lives in hide nothing

#[test]
fn force_exclude_judges_hidden_folders_only_within_the_project() {
    // A CI workspace under a hidden folder (`~/.jenkins/workspace/job`): the repository at
    // `.hid/repo`, run from above it, by a relative and by an absolute path.
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("x");
    let repo = x.join(".hid/repo");
    write(&repo.join("payloads/c.json"), &broken_seed());
    write(
        &repo.join(".vscode/settings.json"),
        r#"{"editor.tabSize": 2}"#,
    );
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let finding = "c.json:15:17: error[A4P101]";
    let absolute = |p: &str| repo.join(p).to_str().unwrap().to_owned();
    for (cwd, payload, settings) in [
        (
            x.clone(),
            ".hid/repo/payloads/c.json".to_owned(),
            ".hid/repo/.vscode/settings.json".to_owned(),
        ),
        (
            PathBuf::from("/"),
            absolute("payloads/c.json"),
            absolute(".vscode/settings.json"),
        ),
        (
            repo.clone(),
            "payloads/c.json".to_owned(),
            ".vscode/settings.json".to_owned(),
        ),
    ] {
        let (code, stdout, stderr) = run(
            &cwd,
            &[
                "check",
                "--format",
                "short",
                "--force-exclude",
                &payload,
                &settings,
            ],
            None,
        );
        assert_eq!(code, 1, "{cwd:?}: {stdout}{stderr}");
        // The kind line, then the one finding.
        assert_eq!(stdout.lines().count(), 2, "{cwd:?}: {stdout}");
        assert!(stdout.contains(finding), "{cwd:?}: {stdout}");
        // Within the repository, a hidden folder is still what a walk of it skips.
        assert_eq!(stderr, "note: skipped: 1 hidden (not checked)\n", "{cwd:?}");
    }
    // Without a repository (nor a configuration) to say where the project starts, it starts
    // at the working directory: `.hid` is a folder of it, and hides what is in it, as a walk
    // of the working directory would have skipped it.
    std::fs::remove_dir(repo.join(".git")).unwrap();
    let (code, stdout, stderr) = run(
        &x,
        &["check", "--force-exclude", ".hid/repo/payloads/c.json"],
        None,
    );
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "", "note: skipped: 1 hidden (not checked)\n")
    );
    // The configuration's folder is the project, repository or not.
    write(&repo.join("api4p-lint.toml"), "");
    let (code, stdout, _) = run(
        &x,
        &[
            "check",
            "--format",
            "short",
            "--config",
            ".hid/repo/api4p-lint.toml",
            "--force-exclude",
            ".hid/repo/payloads/c.json",
        ],
        None,
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains(finding), "{stdout}");
}

// ---------------------------------------------------------------------------------------
// Issue 12, item 6: what the README says about paths

#[test]
fn check_with_no_path_checks_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("payloads/lead.json"), &broken_seed());
    let (code, stdout, stderr) = run(dir.path(), &["check"], None);
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert!(
        stdout.starts_with(
            "payloads/lead.json: note: detected as get-response\npayloads/lead.json:15:17: \
             error[A4P101]"
        ),
        "{stdout}"
    );
    assert_eq!(run(dir.path(), &["check", "."], None).1, stdout);
}

#[test]
fn a_configuration_in_a_subfolder_applies_only_from_there_or_when_named() {
    // What pre-commit does: it runs from the repository's root.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("sub/payloads/lead.json"), &broken_seed());
    write(
        &root.join("sub/api4p-lint.toml"),
        "[rules]\nenum-value = \"off\"\n",
    );
    let codes = |cwd: &Path, args: &[&str]| {
        let (_, report, _) = json_run(cwd, args);
        files(&report)
            .into_iter()
            .map(|(path, _, codes)| (path, codes))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(root, &["sub/payloads/lead.json"]),
        [("sub/payloads/lead.json".to_owned(), json!(["A4P101"]))],
        "not found from the root"
    );
    assert_eq!(
        codes(
            root,
            &["--config", "sub/api4p-lint.toml", "sub/payloads/lead.json"]
        ),
        [("sub/payloads/lead.json".to_owned(), json!([]))]
    );
    assert_eq!(
        codes(&root.join("sub/payloads"), &["lead.json"]),
        [("lead.json".to_owned(), json!([]))],
        "found upward from below it"
    );
}

#[test]
fn a_final_slash_does_not_anchor_a_glob_but_a_slash_before_it_does() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for path in [
        "fixtures/a.json",
        "payloads/fixtures/b.json",
        "payloads/drafts/c.json",
        "other/payloads/drafts/d.json",
        "payloads/ok.json",
    ] {
        write(&root.join(path), SEED);
    }
    let paths = |globs: &str| {
        write(
            &root.join("api4p-lint.toml"),
            &format!("extend-exclude = [{globs}]\n"),
        );
        let (_, report, _) = json_run(&root.join("payloads"), &[".."]);
        files(&report).into_iter().map(|f| f.0).collect::<Vec<_>>()
    };
    // `fixtures/` is the name `fixtures`, at any depth.
    assert_eq!(
        paths("\"fixtures/\""),
        [
            "../other/payloads/drafts/d.json",
            "../payloads/drafts/c.json",
            "../payloads/ok.json"
        ]
    );
    // `payloads/drafts/` is a path from the configuration's folder: only that one.
    assert_eq!(
        paths("\"payloads/drafts/\""),
        [
            "../fixtures/a.json",
            "../other/payloads/drafts/d.json",
            "../payloads/fixtures/b.json",
            "../payloads/ok.json"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Issue 12, item 7: a `[kinds]` or `[[overrides]]` glob may leave the configuration's folder

#[test]
fn kinds_and_overrides_globs_may_climb_out_of_the_configuration_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("proj/api4p-lint.toml"),
        "today = 2025-01-01\n\n[kinds]\n\"../outside/*.json\" = \"create-request\"\n\"../proj/in/*.json\" = \
         \"create-request\"\n\n[[overrides]]\nfiles = [\"../outside/**\"]\nrules = { \
         unknown-property = \"off\" }\n",
    );
    // An unknown property (A4P103, off for ../outside only) in create requests.
    let lead = CREATE.replacen('{', "{\"colour\": 1,", 1);
    write(&root.join("outside/a.json"), &lead);
    write(&root.join("proj/in/b.json"), &lead);
    // Other folders of the same names elsewhere: the globs are anchored, nothing else matches.
    write(&root.join("proj/outside/c.json"), &lead);
    let expected = |outside: &str, inside: &str, other: &str| {
        [
            (outside.to_owned(), json!("create-request"), json!([])),
            (
                inside.to_owned(),
                json!("create-request"),
                json!(["A4P103"]),
            ),
            (other.to_owned(), Value::Null, json!(["A4P004"])),
        ]
    };
    // From the configuration's folder, from above it, and by absolute paths.
    let (_, report, stderr) = json_run(
        &root.join("proj"),
        &["../outside/a.json", "in/b.json", "outside/c.json"],
    );
    assert_eq!(stderr, "");
    assert_eq!(
        files(&report),
        expected("../outside/a.json", "in/b.json", "outside/c.json")
    );
    let (_, report, _) = json_run(
        root,
        &[
            "--config",
            "proj/api4p-lint.toml",
            "outside/a.json",
            "proj/in/b.json",
            "proj/outside/c.json",
        ],
    );
    assert_eq!(
        files(&report),
        expected("outside/a.json", "proj/in/b.json", "proj/outside/c.json")
    );
    let absolute = |p: &str| root.join(p).to_str().unwrap().to_owned();
    let (a, b, c) = (
        absolute("outside/a.json"),
        absolute("proj/in/b.json"),
        absolute("proj/outside/c.json"),
    );
    let (_, report, _) = json_run(&root.join("proj"), &[&a, &b, &c]);
    assert_eq!(files(&report), expected(&a, &b, &c));
}

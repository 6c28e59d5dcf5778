//! The pre-commit hook, end to end: the real `pre-commit` tool (PyPI) runs the hook from this
//! repository with `pre-commit try-repo` on a temporary git repository holding one good and
//! one bad payload.
//!
//! It installs the hook the way users do (pre-commit builds the crate with `cargo install`), so
//! it takes minutes: it is `#[ignore]`d in `cargo test` and run by `.ci/run` with
//! `cargo test --test pre_commit -- --ignored` after `pip install pre-commit`.

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// The commit of this repository the hook is taken from: a fixed ref lets pre-commit build
/// the hook once for both runs.
fn head() -> String {
    let out = Command::new("git")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["rev-parse", "HEAD"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn try_repo(work: &Path, rev: &str, file: &str) -> (bool, String) {
    let repo = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("pre-commit")
        .current_dir(work)
        .args([
            "try-repo",
            repo,
            "api4p-lint",
            "--ref",
            rev,
            "--files",
            file,
        ])
        .env("PRE_COMMIT_HOME", work.join(".pre-commit-home"))
        .env("NO_COLOR", "1")
        // pre-commit builds the hook with `cargo install` (a release build); optimisation
        // only slows this test down.
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "0")
        .output()
        .expect("`pre-commit` is installed (pip install pre-commit)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
#[ignore = "installs the hook with pre-commit (PyPI) and cargo: run by .ci/run"]
fn the_hook_passes_good_payloads_and_fails_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("partner-repo");
    std::fs::create_dir_all(&work).unwrap();
    let seed = include_str!("fixtures/spec/get-response/seed.json");
    std::fs::write(work.join("good.json"), seed).unwrap();
    std::fs::write(
        work.join("bad.json"),
        seed.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1),
    )
    .unwrap();
    git(&work, &["init", "-q"]);
    git(&work, &["add", "."]);
    git(&work, &["commit", "-qm", "payloads"]);

    let rev = head();
    let (ok, output) = try_repo(&work, &rev, "good.json");
    assert!(ok, "the hook should pass on the good payload:\n{output}");

    let (ok, output) = try_repo(&work, &rev, "bad.json");
    assert!(!ok, "the hook should fail on the bad payload:\n{output}");
    assert!(output.contains("A4P101"), "{output}");
    assert!(output.contains("bad.json"), "{output}");
}

//! The pre-commit hook, end to end: the real `pre-commit` tool (PyPI) runs the hook from this
//! repository with `pre-commit run`, as a partner's configuration names it, on temporary git
//! repositories: one good and one bad payload; then tool files (`package.json`,
//! `tsconfig.json`, `.vscode/settings.json`...) beside a folder of payloads, one of them
//! broken. And the README's alternative, a local hook
//! (`language: system`) running the binary on the `PATH`.
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

/// The pre-commit cache the tests that build the hook share: pre-commit clones this
/// repository and builds its hooks' environment once per commit (its store is locked while
/// it installs), so every run of the `api4p-lint` and `api4p-lint-fix` hooks in these tests
/// costs one build. (`pre-commit try-repo` would build again on every run: it keeps a store
/// of its own in a temporary folder.)
fn shared_home() -> &'static Path {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

/// The commit of this repository the hook is taken from: a fixed ref lets pre-commit build
/// the hook once for every run.
fn head() -> String {
    let out = Command::new("git")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["rev-parse", "HEAD"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Where pre-commit's `cargo install` builds the hook: `release/api4p-lint` in it is the
/// hook's binary once these tests have run.
fn hook_target() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pre-commit-hook")
}

/// Runs the `api4p-lint` hook in `work` on `files` (`--all-files` when empty), with
/// pre-commit's cache in `home`.
fn run_lint_hook(work: &Path, home: &Path, rev: &str, files: &[&str]) -> (bool, String) {
    run_hook("api4p-lint", work, home, rev, files)
}

/// Runs the hook `id` of this repository at `rev` as a partner's configuration names it
/// (`repo:` and `rev:`), with `pre-commit run`. The configuration is kept outside `work`,
/// whose files are the payloads.
fn run_hook(id: &str, work: &Path, home: &Path, rev: &str, files: &[&str]) -> (bool, String) {
    let repo = env!("CARGO_MANIFEST_DIR");
    let config = work.with_extension(format!("{id}.pre-commit-config.yaml"));
    write(
        &config,
        &format!("repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: {id}\n"),
    );
    let config = config.to_str().unwrap();
    let mut args = vec!["run", "--config", config];
    if files.is_empty() {
        args.push("--all-files");
    } else {
        args.push("--files");
        args.extend(files);
    }
    let out = Command::new("pre-commit")
        .current_dir(work)
        .args(&args)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        // pre-commit builds the hook with `cargo install`: the release build users get. Its
        // target folder is one for every test run (the dependencies are compiled once,
        // whatever clone pre-commit builds from), and `.ci/run` runs the release-size memory
        // tests on the binary it leaves there, so CI builds the release binary once.
        .env("CARGO_TARGET_DIR", hook_target())
        .output()
        .expect("`pre-commit` is installed (pip install pre-commit)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A fresh git repository holding `files`, committed.
fn repository(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        write(&dir.join(name), text);
    }
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "payloads"]);
}

#[test]
#[ignore = "installs the hook with pre-commit (PyPI) and cargo: run by .ci/run"]
fn the_hook_passes_good_payloads_and_fails_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let home = shared_home();
    let seed = include_str!("fixtures/spec/get-response/seed.json");
    let broken = seed.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1);
    let rev = head();

    let work = dir.path().join("partner-repo");
    repository(&work, &[("good.json", seed), ("bad.json", &broken)]);
    let (ok, output) = run_lint_hook(&work, home, &rev, &["good.json"]);
    assert!(ok, "the hook should pass on the good payload:\n{output}");
    let (ok, output) = run_lint_hook(&work, home, &rev, &["bad.json"]);
    assert!(!ok, "the hook should fail on the bad payload:\n{output}");
    assert!(output.contains("A4P101"), "{output}");
    assert!(output.contains("bad.json"), "{output}");

    // A repository where not every .json is a payload: the tool files are left out with no
    // setting, the broken payload still fails the hook, and only it is reported.
    let tool = r#"{"name": "crm-sync", "version": "1.0.0"}"#;
    let work = dir.path().join("node-repo");
    repository(
        &work,
        &[
            ("package.json", tool),
            ("package-lock.json", tool),
            ("tsconfig.json", r#"{"compilerOptions": {"strict": true}}"#),
            (".vscode/settings.json", r#"{"editor.tabSize": 2}"#),
            ("payloads/lead.json", &broken),
            ("payloads/ok.json", seed),
        ],
    );
    let (ok, output) = run_lint_hook(&work, home, &rev, &[]);
    assert!(!ok, "the hook should fail on the broken payload:\n{output}");
    assert!(
        output.contains("payloads/lead.json:15:17: error[A4P101]"),
        "{output}"
    );
    for other in ["package", "tsconfig", "settings.json", "ok.json", "A4P004"] {
        assert!(!output.contains(other), "{other} reported:\n{output}");
    }
    // The payload fixed, the same files pass.
    write(&work.join("payloads/lead.json"), seed);
    git(&work, &["commit", "-qam", "fixed"]);
    let (ok, output) = run_lint_hook(&work, home, &rev, &[]);
    assert!(
        ok,
        "the hook should pass once the payload is fixed:\n{output}"
    );
}

#[test]
#[ignore = "installs the hook with pre-commit (PyPI) and cargo: run by .ci/run"]
fn the_fix_hook_fixes_a_payload_fails_once_then_passes() {
    let dir = tempfile::tempdir().unwrap();
    let home = shared_home();
    let seed = include_str!("fixtures/spec/get-response/seed.json");
    // A case-only mistake (a safe fix) and a typo (unsafe: left for a person).
    let case = seed.replacen(r#""status": "WON""#, r#""status": "won""#, 1);
    let typo = seed.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1);
    let rev = head();
    let work = dir.path().join("partner-repo");
    repository(&work, &[("lead.json", &case), ("typo.json", &typo)]);

    let (ok, output) = run_hook("api4p-lint-fix", &work, home, &rev, &["lead.json"]);
    assert!(!ok, "the hook fails the run that fixed a file:\n{output}");
    assert!(
        output.contains("files were modified by this hook"),
        "{output}"
    );
    assert_eq!(
        std::fs::read_to_string(work.join("lead.json")).unwrap(),
        seed
    );
    git(&work, &["add", "lead.json"]);
    let (ok, output) = run_hook("api4p-lint-fix", &work, home, &rev, &["lead.json"]);
    assert!(ok, "the fixed file passes:\n{output}");

    // What no safe fix mends still fails, and the file is left as it was.
    let (ok, output) = run_hook("api4p-lint-fix", &work, home, &rev, &["typo.json"]);
    assert!(!ok, "{output}");
    assert!(
        output.contains("typo.json:15:17: error[A4P101]"),
        "{output}"
    );
    assert!(!output.contains("files were modified"), "{output}");
    assert_eq!(
        std::fs::read_to_string(work.join("typo.json")).unwrap(),
        typo
    );
}

/// The README's local hook (`repo: local`, `language: system`): the YAML block after "can use
/// a local hook instead".
fn readme_local_hook() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split_once("can use a\nlocal hook instead")
        .unwrap()
        .1;
    let start = section.find("```yaml\n").unwrap() + "```yaml\n".len();
    let end = start + section[start..].find("```").unwrap();
    section[start..end].to_owned()
}

/// The value of `key:` on a line of `yaml` (first one), trimmed.
fn yaml_value<'a>(yaml: &'a str, key: &str) -> Option<&'a str> {
    yaml.lines().find_map(|line| {
        let line = line.trim_start().trim_start_matches("- ");
        line.strip_prefix(key)?.strip_prefix(':').map(str::trim)
    })
}

#[test]
fn the_readme_local_hook_runs_what_the_published_hook_runs() {
    let local = readme_local_hook();
    let published = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .unwrap();
    assert_eq!(yaml_value(&local, "repo"), Some("local"));
    assert_eq!(yaml_value(&local, "language"), Some("system"));
    assert_eq!(yaml_value(&published, "language"), Some("rust"));
    for key in ["id", "name", "entry", "files", "types"] {
        assert_eq!(
            yaml_value(&local, key),
            yaml_value(&published, key),
            "{key}"
        );
        assert!(yaml_value(&local, key).is_some(), "{key}");
    }
    // Indented as pre-commit reads it: hooks under the repo, keys under the hook.
    assert!(local.starts_with("repos:\n  - repo: local\n    hooks:\n      - id: api4p-lint\n"));
    for line in local.lines().skip(4) {
        assert!(
            line.starts_with("        ") && !line.starts_with("         "),
            "{line:?}"
        );
    }
}

#[test]
#[ignore = "runs the real pre-commit (PyPI): run by .ci/run"]
fn the_readme_local_hook_runs_the_installed_binary() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("pre-commit-home");
    let seed = include_str!("fixtures/spec/get-response/seed.json");
    let broken = seed.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1);
    let work = dir.path().join("partner-repo");
    // The hook asks for `--config` for a configuration in a subfolder, as the README says.
    let config = readme_local_hook() + "        args: [--config, sub/api4p-lint.toml]\n";
    repository(
        &work,
        &[
            (".pre-commit-config.yaml", &config),
            ("package.json", r#"{"name": "crm-sync"}"#),
            (".vscode/settings.json", r#"{"editor.tabSize": 2}"#),
            // Not found from the repository's root, where pre-commit runs the hook: only
            // `--config` makes an unknown property an error.
            (
                "sub/api4p-lint.toml",
                "[rules]\nunknown-property = \"error\"\n",
            ),
            ("sub/payloads/lead.json", &broken),
            ("sub/payloads/ok.json", seed),
        ],
    );
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_api4p-lint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let pre_commit = |work: &Path| {
        let out = Command::new("pre-commit")
            .current_dir(work)
            .args(["run", "--all-files"])
            .env("PRE_COMMIT_HOME", &home)
            .env("NO_COLOR", "1")
            .env("PATH", &path)
            .output()
            .expect("`pre-commit` is installed (pip install pre-commit)");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    };
    let (ok, output) = pre_commit(&work);
    assert!(!ok, "the hook should fail on the broken payload:\n{output}");
    assert!(
        output.contains("sub/payloads/lead.json:15:17: error[A4P101]"),
        "{output}"
    );
    for other in ["package", "settings.json", "ok.json", "A4P004"] {
        assert!(!output.contains(other), "{other} reported:\n{output}");
    }
    // An unknown property is an error only through the configuration named with --config.
    write(
        &work.join("sub/payloads/lead.json"),
        &seed.replacen("{", "{\"extra\": 1,", 1),
    );
    git(&work, &["commit", "-qam", "an unknown property"]);
    let (ok, output) = pre_commit(&work);
    assert!(!ok, "{output}");
    assert!(
        output.contains("sub/payloads/lead.json:1:2: error[A4P103]"),
        "{output}"
    );
    write(&work.join("sub/payloads/lead.json"), seed);
    git(&work, &["commit", "-qam", "fixed"]);
    let (ok, output) = pre_commit(&work);
    assert!(
        ok,
        "the hook should pass once the payload is fixed:\n{output}"
    );
}

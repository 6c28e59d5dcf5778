//! What `--output` may not replace: a file this run reads. A checked run and a run stopped
//! early (a usage or configuration problem) ask the same question, here, before anything is
//! written; files are compared by device and inode, however they are named.

use std::path::{Path, PathBuf};

use api4p_lint::config::Config;
use api4p_lint::config_file::normalize;

use super::super::inputs::{display, shown, FileId};
use super::super::output::is_standard_input;

/// The files a run reads besides the inputs: the configuration file and those it names.
#[derive(Debug, Default)]
pub(super) struct Reads {
    /// The configuration file, as opened.
    pub(super) config: Option<PathBuf>,
    /// The files the configuration names (`portfolio-file`), as opened.
    pub(super) references: Vec<PathBuf>,
    /// The baseline read (`--baseline`, or the configuration's `baseline`).
    pub(super) baseline: Option<PathBuf>,
}

impl Reads {
    /// What reading `config` read.
    pub(super) fn of(config: &Config) -> Self {
        Reads {
            config: config.path().map(Path::to_path_buf),
            references: config.reference_files().to_vec(),
            baseline: None,
        }
    }
}

/// Why `--output output` would replace a file this run reads, as the line that refuses it;
/// `None` when it would not (it does not exist yet, or it is none of them). An ignore file
/// is refused even when it does not exist yet: created, it would change what walks check. `paths` are the
/// inputs as named on the command line (a file met in a walked folder is skipped instead, see
/// `Shared::output`).
pub(super) fn refusal(output: &Path, paths: &[PathBuf], reads: &Reads) -> Option<String> {
    refusal_as("--output", output, paths, reads)
}

/// [`refusal`] for a file written by the option `flag` (`--output`, `--write-baseline`).
pub(super) fn refusal_as(
    flag: &str,
    output: &Path,
    paths: &[PathBuf],
    reads: &Reads,
) -> Option<String> {
    // A walk reads the ignore files of the folders it walks and of their parents: replaced by
    // the report, they would change what the next run checks. Known by their names (as the
    // walk knows them), wherever they are.
    let ignore_file = output
        .file_name()
        .is_some_and(|n| n == ".gitignore" || n == ".ignore")
        || output.ends_with(".git/info/exclude");
    if ignore_file {
        return Some(format!(
            "{flag} {} is an ignore file, which a walk reads; api4p-lint never writes \
             to the files it reads",
            shown(output)
        ));
    }
    let target = FileId::of(&std::fs::metadata(output).ok()?);
    let is = |path: &Path| {
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && FileId::of(&m) == target)
    };
    let name = shown(output);
    if let Some(input) = named(target, paths) {
        return Some(format!(
            "{flag} {name} is {}, one of the files being checked; api4p-lint never \
             writes to the files it checks",
            shown(input)
        ));
    }
    if paths.iter().any(|p| p.as_os_str() == "-") && is_standard_input(output) {
        return Some(format!(
            "{flag} {name} is standard input, the payload being checked; api4p-lint \
             never writes to what it checks"
        ));
    }
    let read = |path: &Path, what: &str| {
        Some(format!(
            "{flag} {name} is {}, {what}; api4p-lint never writes to the files it reads",
            name_from_cwd(path)
        ))
    };
    if let Some(config) = reads.config.as_deref().filter(|c| is(c)) {
        return read(config, "the configuration file");
    }
    if let Some(reference) = reads.references.iter().find(|r| is(r)) {
        return read(reference, "a file the configuration names");
    }
    if let Some(baseline) = reads.baseline.as_deref().filter(|b| is(b)) {
        // Rewriting the baseline read is what `--write-baseline` is for.
        if flag != "--write-baseline" {
            return read(baseline, "the baseline");
        }
    }
    None
}

/// Why `--write-baseline written` would replace a file this run reads or writes: as
/// [`refusal_as`] says, or anything but a regular file (known before checking, not once the
/// run is over), or the `--output` file.
pub(super) fn baseline_refusal(
    written: &Path,
    output: Option<&Path>,
    paths: &[PathBuf],
    reads: &Reads,
) -> Option<String> {
    let name = shown(written);
    if let Some(refused) = refusal_as("--write-baseline", written, paths, reads) {
        return Some(refused);
    }
    if let Some(meta) = std::fs::metadata(written).ok().filter(|m| !m.is_file()) {
        let kind = api4p_lint::text::file_kind(&meta.file_type());
        return Some(format!(
            "--write-baseline {name} is {kind}; a baseline is a regular file"
        ));
    }
    output
        .filter(|output| normalize(output) == normalize(written))
        .map(|_| format!("--output and --write-baseline both name {name}"))
}

/// The path on the command line that names the file `target` (however it is spelt), if any.
fn named(target: FileId, paths: &[PathBuf]) -> Option<&Path> {
    paths
        .iter()
        .map(PathBuf::as_path)
        .find(|path| std::fs::metadata(path).is_ok_and(|m| m.is_file() && FileId::of(&m) == target))
}

/// A file the run opened by the path it was given (a configuration found by looking upward is
/// opened by its absolute path), named as reports name inputs: relative to the working
/// directory when it is there.
fn name_from_cwd(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    display(path.strip_prefix(&cwd).unwrap_or(path))
}

//! `check --fix` and `check --diff`: a payload's fixes applied (`Linter::fix_at`), then the
//! file rewritten, or the change shown as a unified diff.
//!
//! A file is rewritten only when a fix changed it, only when it is a regular file that its
//! owner may write, and only when it has not changed since it was read (same length and
//! modification time): a temporary file beside it renamed over it (`output::replace_file`,
//! the `--output` machinery: mode and owner kept, a symbolic link followed and kept), so an
//! interrupted or failed run never leaves it half-written. A file that cannot be rewritten
//! keeps its findings in the report, all of them (nothing was fixed), beside why it was not
//! rewritten ([`FileReport::not_rewritten`]), and fails the run (exit 2).

use std::fs::Metadata;
use std::io::{self, Write};
use std::path::Path;
use std::time::SystemTime;

use api4p_lint::redact::may_hold_a_secret;
use api4p_lint::render::{Emitter, FileReport, Summary};
use api4p_lint::Applicability;
use api4p_lint::{Fixed, NotApplied, Source};

use super::super::inputs::FileId;
use super::super::output::replace_fixed;
use super::files::{kind_for, Job};

/// What a run that fixes does.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fixing {
    /// The least sure fix applied: `Safe`, or `Unsafe` with `--unsafe-fixes`.
    pub(super) applicability: Applicability,
    /// `--diff`: show the changes, write nothing.
    pub(super) diff: bool,
    /// The report is redacted: a refused fix's reason is cut before its quote.
    pub(super) redact: bool,
}

/// A file as it was read: what tells whether it changed before it is rewritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    regular: bool,
    /// Which file it was: a file put in its place (or a link to another one) is not the one
    /// read and fixed.
    id: FileId,
    /// A folder walk met the file as a symbolic link: it is not rewritten.
    walked_link: bool,
    /// The file opened is not the one a folder walk met (a link swapped in for it, or for a
    /// folder above it, after the walk): it is not rewritten.
    swapped: bool,
}

impl Stamp {
    pub(super) fn of(meta: &Metadata) -> Self {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            regular: meta.is_file(),
            id: FileId::of(meta),
            walked_link: false,
            swapped: false,
        }
    }

    /// The stamp of a file that a folder walk met as a symbolic link, if `walked_link`.
    pub(super) fn walked_link(self, walked_link: bool) -> Self {
        Stamp {
            walked_link,
            ..self
        }
    }

    /// The stamp of a file opened at `path`, checked against where a folder walk met it
    /// (`walked_at`, links resolved): the path must still lead there, to this very file.
    pub(super) fn walked_at(self, path: &Path, walked_at: Option<&Path>) -> Self {
        let Some(walked_at) = walked_at else {
            return self;
        };
        let there = std::fs::canonicalize(path).is_ok_and(|real| real == walked_at)
            && std::fs::metadata(walked_at).is_ok_and(|m| FileId::of(&m) == self.id);
        Stamp {
            swapped: !there,
            ..self
        }
    }

    /// Whether the file is as it was when read.
    fn same_file(self, now: &Metadata) -> bool {
        let now = Stamp::of(now);
        (self.len, self.modified, self.regular, self.id)
            == (now.len, now.modified, now.regular, now.id)
    }
}

/// Fixes one payload (a whole `.json` file or standard input): its report (what remains,
/// what was fixed, what was refused) and its fixed text when a fix changed it.
pub(super) fn fix_payload(
    name: &str,
    config_path: Option<&str>,
    bytes: &[u8],
    fixing: Fixing,
    job: &Job<'_>,
) -> (FileReport, Option<String>) {
    let fixed = fix_known(name, bytes, false, config_path, fixing, job);
    let mut file = FileReport::new(name);
    job.add_fixed(&mut file, &fixed, 0, 1, fixing.redact);
    let text = changed(fixed);
    (file, text)
}

/// The payload made by `source` fixed, unless its kind is unknown after fixing (it is no
/// payload, or one no shape tells: A4P004; or it still does not parse): then nothing is
/// applied, since what would be fixed was never checked as a payload (the trailing commas
/// of some tool's JSONC). Its fixes are then refused, and its findings are those as read.
pub(super) fn fix_known(
    name: &str,
    bytes: &[u8],
    ndjson_line: bool,
    config_path: Option<&str>,
    fixing: Fixing,
    job: &Job<'_>,
) -> Fixed {
    fn source(text: Source<'_>, ndjson_line: bool) -> Source<'_> {
        if ndjson_line {
            text.as_ndjson_line()
        } else {
            text
        }
    }
    let kind = kind_for(config_path, job);
    let fixed = job.linter.fix_at(
        source(Source::from_bytes(name, bytes), ndjson_line),
        kind,
        config_path,
        fixing.applicability,
    );
    if !fixed.changed() || fixed.remaining.kind().is_some() {
        return fixed;
    }
    let Fixed {
        applied,
        mut not_applied,
        rounds,
        ..
    } = fixed;
    // The first round's fixes, found in the text as read (the later ones were found in text
    // the first ones fixed, which is not written).
    let first = rounds.first().map_or(0, |r| r.applied);
    // Fixed, the text was UTF-8.
    let text = String::from_utf8_lossy(bytes).into_owned();
    let remaining = job.linter.check_at(
        source(Source::new(name.to_owned(), text.clone()), ndjson_line),
        kind,
        config_path,
    );
    not_applied.extend(applied.into_iter().take(first).map(|diagnostic| {
        NotApplied {
            diagnostic,
            reason: "the payload's kind is unknown, so it was not checked as a payload (give the \
                 kind with --kind or in [kinds] to fix it)"
                .to_owned(),
            tried: true,
        }
    }));
    Fixed {
        text,
        applied: Vec::new(),
        not_applied,
        rounds: Vec::new(),
        remaining,
    }
}

/// The fixed text, when a fix changed it. (A text that is not UTF-8 is never changed: its
/// bad bytes stand as `?` in `Fixed::text`, which is never written then.)
pub(super) fn changed(fixed: Fixed) -> Option<String> {
    fixed.changed().then_some(fixed.text)
}

/// A `.json` file read from `path` (its metadata `stamp` taken once read): fixed, then
/// rewritten, or its diff kept in the report for the diff "format" to write.
pub(super) fn fix_file(
    name: &str,
    config_path: Option<&str>,
    path: &Path,
    stamp: Option<Stamp>,
    bytes: &[u8],
    fixing: Fixing,
    job: &Job<'_>,
) -> FileReport {
    let (mut file, text) = fix_payload(name, config_path, bytes, fixing, job);
    let Some(text) = text else {
        return file;
    };
    if fixing.diff {
        // `--diff` shows what `--fix` would write: nothing of a file it would not rewrite.
        if let Err(why) = rewrite_checks(path, stamp) {
            return as_read(name, config_path, bytes, why, job);
        }
        file.human = diff_or_withheld(name, &diff_header(name, Some(path)), bytes, &text);
        return file;
    }
    match rewrite(path, stamp, text.as_bytes()) {
        Ok(()) => file,
        Err(why) => as_read(name, config_path, bytes, why, job),
    }
}

/// The report of a payload whose fixed text was not written (a file not rewritten, stdin's
/// payload not given back): nothing was fixed, so it is the payload's as read, all its
/// findings, with why it was not written beside them. Checked again: only on this path.
pub(super) fn as_read(
    name: &str,
    config_path: Option<&str>,
    bytes: &[u8],
    why: String,
    job: &Job<'_>,
) -> FileReport {
    FileReport::not_rewritten(super::files::check_json(name, config_path, bytes, job), why)
}

/// Replaces the file at `path` with `bytes`, unless [`rewrite_checks`] refuse it.
pub(super) fn rewrite(path: &Path, stamp: Option<Stamp>, bytes: &[u8]) -> Result<(), String> {
    rewrite_checks(path, stamp)?;
    replace_fixed(path, bytes, stamp.map(Stamp::id)).map_err(|e| format!("cannot rewrite it: {e}"))
}

impl Stamp {
    /// The file read, to be the one replaced ([`replace_fixed`]).
    pub(super) fn id(self) -> FileId {
        self.id
    }
}

/// Why the file at `path` may not be rewritten, if it may not: a folder walk met it as a
/// symbolic link, it is not a regular file, is read-only (for everyone, or for whoever runs
/// the fix, or its folder is), or changed since it was read (`stamp`).
pub(super) fn rewrite_checks(path: &Path, stamp: Option<Stamp>) -> Result<(), String> {
    if let Some(why) = walked_link(stamp) {
        return Err(why);
    }
    if stamp.is_some_and(|s| s.swapped) {
        return Err(
            "another file was put in its place while it was being checked; run again".to_owned(),
        );
    }
    let now = std::fs::metadata(path).map_err(|e| format!("cannot look at it again: {e}"))?;
    if !now.is_file() || stamp.is_some_and(|s| !s.regular) {
        return Err(format!(
            "it is {}; --fix rewrites regular files only",
            api4p_lint::text::file_kind(&now.file_type())
        ));
    }
    if now.permissions().readonly() {
        return Err("it is read-only; --fix does not make it writable".to_owned());
    }
    if let Some(why) = write_refusal(may_write(path), may_write_folder(path)) {
        return Err(why.to_owned());
    }
    if let Some(why) = owner_refusal(path, &now) {
        return Err(why);
    }
    if stamp.is_some_and(|s| !s.same_file(&now)) {
        return Err("it changed while being checked; run again".to_owned());
    }
    Ok(())
}

/// Why a file is not rewritten (nor its diff shown), if a folder walk met it as a symbolic
/// link (`stamp`): the link may lead anywhere (out of the repository), so only a file named
/// on the command line is written through its link.
pub(super) fn walked_link(stamp: Option<Stamp>) -> Option<String> {
    stamp.is_some_and(|s| s.walked_link).then(|| {
        "it was reached through a symbolic link in a folder walk; name it on the command line \
         to fix it"
            .to_owned()
    })
}

/// Why a file may not be rewritten by whoever runs the fix, if it may not: they may not
/// write the file (its mode does not let them: a group-writable file of someone else, a
/// file of root's), or the folder where its replacement is made beside it. (Root may.)
fn write_refusal(file: bool, folder: bool) -> Option<&'static str> {
    match (file, folder) {
        (false, _) => Some("you may not write it; --fix does not make it writable"),
        (true, false) => Some(
            "you may not write its folder, where its replacement is made; --fix does not make \
             it writable",
        ),
        (true, true) => None,
    }
}

/// Why the replacement of the file `path` (`meta`) could not keep its owner and group, if
/// it could not: only root may give a file away, and anyone else only to a group of theirs.
/// Told before any fix is tried, so that `--diff` refuses what `--fix` would.
#[cfg(unix)]
fn owner_refusal(path: &Path, meta: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: these calls only read the process's credentials.
    let (euid, egid) = unsafe { (libc::geteuid(), libc::getegid()) };
    if euid == 0 && may_chown() {
        return None;
    }
    let gid_kept = meta.gid() == egid
        || supplementary_groups().contains(&meta.gid())
        || folder_gives_its_group(path, meta.gid());
    if meta.uid() == euid && gid_kept {
        return None;
    }
    Some(format!(
        "its owner and group (uid {}, gid {}) cannot be kept, and --fix never gives a file to \
         whoever runs it",
        meta.uid(),
        meta.gid()
    ))
}

#[cfg(not(unix))]
fn owner_refusal(_path: &Path, _meta: &std::fs::Metadata) -> Option<String> {
    None
}

/// Whether the process may give files away (`CAP_CHOWN`, which root has unless a container
/// or `setpriv` dropped it): read from `/proc/self/status` where there is one.
#[cfg(unix)]
fn may_chown() -> bool {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return true;
    };
    status
        .lines()
        .find_map(|line| line.strip_prefix("CapEff:"))
        .and_then(|caps| u64::from_str_radix(caps.trim(), 16).ok())
        // CAP_CHOWN is capability 0.
        .is_none_or(|caps| caps & 1 != 0)
}

/// The groups of the process besides its effective one.
#[cfg(unix)]
fn supplementary_groups() -> Vec<libc::gid_t> {
    // SAFETY: asked for the count first, then for at most that many into a buffer that size.
    unsafe {
        let n = libc::getgroups(0, std::ptr::null_mut());
        let Ok(len) = usize::try_from(n) else {
            return Vec::new();
        };
        let mut groups = vec![0; len];
        let got = libc::getgroups(n, groups.as_mut_ptr());
        groups.truncate(usize::try_from(got).unwrap_or(0));
        groups
    }
}

/// Whether a file made beside `path` gets the group `gid` from its folder (set-group-ID).
#[cfg(unix)]
fn folder_gives_its_group(path: &Path, gid: u32) -> bool {
    use std::os::unix::fs::MetadataExt;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::metadata(folder).is_ok_and(|m| m.mode() & 0o2000 != 0 && m.gid() == gid)
}

/// Whether the user running the fix may write `path` (`access(2)`: the real user's rights,
/// every permission bit and ACL; a mode's missing write bit alone says nothing for them).
#[cfg(unix)]
fn may_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a NUL-terminated path that lives across the call.
    unsafe { libc::access(path.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn may_write(_path: &Path) -> bool {
    true
}

/// Whether the user may create the replacement beside the file `path` leads to (through its
/// links: the file they name is replaced).
fn may_write_folder(path: &Path) -> bool {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    match real.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => may_write(folder),
        _ => may_write(Path::new(".")),
    }
}

/// The diff of a payload read as `bytes` and fixed into `new`, under the header name
/// `header` ([`diff_header`]); nothing when either holds (or names) a secret, an API key,
/// which a diff would print: said on stderr instead, of the file `name`.
pub(super) fn diff_or_withheld(name: &str, header: &str, bytes: &[u8], new: &str) -> String {
    let old = String::from_utf8_lossy(bytes);
    if may_hold_a_secret(&old) || may_hold_a_secret(new) {
        say_withheld(name);
        return String::new();
    }
    unified_diff(header, &old, new)
}

/// A file's name in a diff's `---` and `+++` lines, as git writes it: its bytes as they are
/// (`path`, else the name given), in double quotes with C escapes when they hold a `"`, a
/// `\`, a control byte, DEL or a byte that is not ASCII (`\t`, `\n`, `\"`, `\\`, octal
/// `\376` for the others), and when they hold a space (which `patch` would take for the
/// name's end); plain otherwise. `git apply` and GNU `patch` (2.7 on) read both; the header
/// is ASCII, so a terminal shows it as it is.
///
/// A symbolic link named on the command line, which `--fix` writes through, is named by
/// the file it leads to when that is under the working directory: `patch` refuses to patch
/// a link, and `git apply` reads the link itself.
pub(super) fn diff_header(name: &str, path: Option<&Path>) -> String {
    let target = path.and_then(link_target);
    let path = target.as_deref().or(path);
    // Without the walk's `./`, as the report names it.
    #[cfg(unix)]
    let bytes: &[u8] = match path {
        Some(path) => {
            let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str());
            bytes.strip_prefix(b"./").unwrap_or(bytes)
        }
        None => name.as_bytes(),
    };
    #[cfg(not(unix))]
    let bytes: &[u8] = match path.and_then(|p| p.to_str()) {
        Some(path) => path.strip_prefix("./").unwrap_or(path).as_bytes(),
        None => name.as_bytes(),
    };
    c_quoted(bytes)
}

/// The file the symbolic link `path` leads to, relative to the working directory, when it
/// is under it (`patch -p0` refuses a name with `..` or an absolute one).
fn link_target(path: &Path) -> Option<std::path::PathBuf> {
    if !std::fs::symlink_metadata(path)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return None;
    }
    let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
    let target = path.canonicalize().ok()?;
    target.strip_prefix(&cwd).ok().map(Path::to_path_buf)
}

/// `bytes` as git quotes a path (see [`diff_header`]).
fn c_quoted(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let plain = |b: u8| b.is_ascii_graphic() && b != b'"' && b != b'\\';
    if bytes.iter().all(|&b| plain(b)) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut out = String::from("\"");
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x0b => out.push_str("\\v"),
            0x0c => out.push_str("\\f"),
            b' ' => out.push(' '),
            b if plain(b) => out.push(char::from(b)),
            b => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push('"');
    out
}

/// Says on stderr that the diff of `name` is withheld: it names or holds an API key.
pub(super) fn say_withheld(name: &str) {
    say!(
        "note: {name}: its diff is not shown: the payload names or holds an API key, \
         which --diff never prints; --fix applies the fixes"
    );
}

/// The unified diff from `old` to `new` of the file whose header name is `name`
/// ([`diff_header`]): headers `--- name` and `+++ name` (no `a/`, `b/`), so that `patch -p0` and `git apply -p0` apply it from the working
/// directory. Line ends are kept as they are (a CRLF file's lines end in CRLF in the diff),
/// and a last line without a line break is marked `\ No newline at end of file`. Lines end
/// at `\n` only, as `patch` and `git apply` read them: a lone CR is inside a line (similar's
/// own lines end at a lone CR too, which ran the diff's lines together).
pub(super) fn unified_diff(name: &str, old: &str, new: &str) -> String {
    use std::fmt::Write as _;
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let new: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = similar::TextDiff::configure().diff_slices(&old, &new);
    let unified = diff.unified_diff();
    let mut out = String::new();
    for hunk in unified.iter_hunks() {
        if out.is_empty() {
            let _ = write!(out, "--- {name}\n+++ {name}\n");
        }
        let _ = writeln!(out, "{}", hunk.header());
        for change in hunk.iter_changes() {
            let line = change.value();
            let _ = write!(out, "{}{line}", change.tag());
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// `--diff`'s output: each changed file's diff, in input order, on stdout (or `--output`);
/// a file that could not be checked and each refused fix are said on stderr, since stdout
/// is a patch.
#[derive(Debug, Default)]
pub(super) struct DiffEmitter;

impl Emitter for DiffEmitter {
    fn streams(&self) -> bool {
        true
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        say_not_checked(file);
        for refused in &file.refused {
            say!("{}", refused.line(&file.path));
        }
        self.end_file(out, file)
    }

    /// An NDJSON file's end: the diff's last hunk, and why it failed midway, if it did, or
    /// why `--fix` would not rewrite it (then it has no diff).
    fn end_file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        if let Err(why) = &file.outcome {
            say!("error: {}: {why}", file.path);
        }
        if let Some(why) = &file.not_rewritten {
            say!("error: {}: --fix would not rewrite it: {why}", file.path);
        }
        out.write_all(file.human.as_bytes())
    }

    fn run_failed(&mut self, _out: &mut dyn Write, why: &str) -> io::Result<()> {
        say!("error: {why}");
        Ok(())
    }

    /// `Would fix 3 findings (2 files)`, on stderr.
    fn end(&mut self, _out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        say!(
            "Would fix {} ({})",
            api4p_lint::render::plural(summary.fixed, "finding"),
            api4p_lint::render::plural(summary.fixed_files, "file")
        );
        Ok(())
    }
}

/// Says on stderr each payload of `file` that was not checked (even after the fixes its
/// diff shows, if any): `--diff` shows no finding, and "nothing to fix" must not pass for
/// "fine".
fn say_not_checked(file: &FileReport) {
    for f in file.not_checked() {
        say!(
            "error: {}:{}:{}: not checked, so --diff cannot tell all it needs: [{}] {}",
            file.path,
            f.line,
            f.column,
            f.diagnostic.code(),
            f.diagnostic.message
        );
    }
}

/// Standard input's single payload, fixed: with `--fix`, written back to stdout, fixed or
/// as it was (what `check --fix -` gives back, as `ruff --fix -` does); with `--diff`, its
/// diff kept for the diff "format".
pub(super) fn fix_stdin(
    name: &str,
    config_path: Option<&str>,
    bytes: &[u8],
    fixing: Fixing,
    job: &Job<'_>,
) -> FileReport {
    let limit = job.linter.config().max_payload_bytes();
    if bytes.len() > limit {
        // Read no further than the limit and a byte: neither fixed nor given back cut.
        if fixing.diff {
            return super::files::check_json(name, config_path, bytes, job);
        }
        let why = format!(
            "standard input is over the size limit ({limit} bytes), so nothing is given back \
             on stdout"
        );
        return as_read(name, config_path, bytes, why, job);
    }
    let (mut file, text) = fix_payload(name, config_path, bytes, fixing, job);
    if fixing.diff {
        if let Some(text) = text {
            file.human = diff_or_withheld(name, &diff_header(name, None), bytes, &text);
        }
        return file;
    }
    let out = text.as_ref().map_or(bytes, |t| t.as_bytes());
    let mut stdout = io::stdout().lock();
    match stdout.write_all(out).and_then(|()| stdout.flush()) {
        Ok(()) => file,
        Err(e) => {
            let why = format!("cannot write the fixed payload: {e}");
            as_read(name, config_path, bytes, why, job)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_reported_as_read_with_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        let text =
            "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"won\"}}";
        std::fs::write(&path, text).unwrap();
        let stamp = Stamp::of(&std::fs::metadata(&path).unwrap());
        // Saved by someone else after the read (another length: a new stamp).
        std::fs::write(&path, format!("{text} ")).unwrap();
        let linter = api4p_lint::Linter::new();
        let job = Job {
            linter: &linter,
            kind: Some(api4p_lint::PayloadKind::UpdateRequest),
            human: None,
            fixing: None,
            digests: false,
            keep_as_read: false,
        };
        let fixing = Fixing {
            applicability: Applicability::Safe,
            diff: false,
            redact: false,
        };
        let file = fix_file(
            "p.json",
            None,
            &path,
            Some(stamp),
            text.as_bytes(),
            fixing,
            &job,
        );
        assert_eq!(
            file.not_rewritten.as_deref(),
            Some("it changed while being checked; run again")
        );
        let findings = file.outcome.as_ref().unwrap();
        assert_eq!(findings.len(), 1, "the finding as read remains");
        assert_eq!(findings[0].diagnostic.code(), "A4P101");
        assert_eq!((findings[0].line, findings[0].column), (1, 69));
        assert_eq!((file.fixed, file.applied.len()), (0, 0));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{text} "));
    }

    #[test]
    fn diff_headers_are_quoted_as_git_quotes_paths() {
        assert_eq!(c_quoted(b"payloads/a.json"), "payloads/a.json");
        assert_eq!(c_quoted(b"a\\b.json"), r#""a\\b.json""#);
        assert_eq!(c_quoted(b"a\tb \"c\".json"), r#""a\tb \"c\".json""#);
        assert_eq!(c_quoted(b"n\xfe\x7f\x1b.json"), r#""n\376\177\033.json""#);
        assert_eq!(c_quoted("é.json".as_bytes()), r#""\303\251.json""#);
    }

    #[test]
    fn a_file_or_folder_the_user_may_not_write_is_refused() {
        assert_eq!(write_refusal(true, true), None);
        assert_eq!(
            write_refusal(false, true),
            Some("you may not write it; --fix does not make it writable")
        );
        assert_eq!(
            write_refusal(false, false),
            Some("you may not write it; --fix does not make it writable")
        );
        assert_eq!(
            write_refusal(true, false),
            Some(
                "you may not write its folder, where its replacement is made; --fix does not \
                 make it writable"
            )
        );
        // A missing file may not be written; a folder of the run's own may.
        let dir = tempfile::tempdir().unwrap();
        assert!(!may_write(&dir.path().join("missing.json")));
        assert!(may_write(dir.path()));
        std::fs::write(dir.path().join("p.json"), "{}").unwrap();
        assert!(may_write_folder(&dir.path().join("p.json")));
    }

    #[test]
    fn a_file_that_changed_since_it_was_read_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        std::fs::write(&path, "{\"status\": \"won\"}").unwrap();
        let stamp = Stamp::of(&std::fs::metadata(&path).unwrap());
        // Someone else saves the file meanwhile (another length: the stamp differs whatever
        // the clock's resolution).
        std::fs::write(&path, "{\"status\": \"lost\"}").unwrap();
        let refused = rewrite(&path, Some(stamp), b"{\"status\": \"WON\"}");
        assert_eq!(
            refused,
            Err("it changed while being checked; run again".to_owned())
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"status\": \"lost\"}"
        );
        // Unchanged, it is rewritten.
        let stamp = Stamp::of(&std::fs::metadata(&path).unwrap());
        assert_eq!(
            rewrite(&path, Some(stamp), b"{\"status\": \"LOST\"}"),
            Ok(())
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"status\": \"LOST\"}"
        );
    }

    /// A folder below the one walked swapped, after the walk met a file in it, for a link
    /// to another folder (the victim's): the file opened is the victim, at the path the walk
    /// gave, and is not rewritten. The file the walk met, still there, is.
    #[cfg(unix)]
    #[test]
    fn a_folder_swapped_for_a_link_after_the_walk_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("shared");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir(dir.path().join("victim")).unwrap();
        std::fs::write(root.join("sub/z.json"), "{}").unwrap();
        std::fs::write(dir.path().join("victim/z.json"), "{}").unwrap();
        let walked_at = root.canonicalize().unwrap().join("sub/z.json");
        let path = root.join("sub/z.json");
        let opened = |path: &Path| {
            let file = std::fs::File::open(path).unwrap();
            Stamp::of(&file.metadata().unwrap()).walked_at(path, Some(&walked_at))
        };
        let stamp = opened(&path);
        assert_eq!(rewrite_checks(&path, Some(stamp)), Ok(()));
        std::fs::rename(root.join("sub"), root.join("sub.old")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("victim"), root.join("sub")).unwrap();
        let stamp = opened(&path);
        assert_eq!(
            rewrite(&path, Some(stamp), b"{\"x\": 1}"),
            Err(
                "another file was put in its place while it was being checked; run again"
                    .to_owned()
            )
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("victim/z.json")).unwrap(),
            "{}"
        );
    }

    /// A file swapped, while it was checked, for a link to another file of the same length
    /// and modification time (the attacker's copy of the victim's stamp) is not rewritten:
    /// the fix would be written over the file the link leads to.
    #[cfg(unix)]
    #[test]
    fn a_link_swapped_in_for_a_file_being_checked_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let (path, victim) = (dir.path().join("p.json"), dir.path().join("victim.conf"));
        let text = "{\"status\": \"won\"}";
        std::fs::write(&path, text).unwrap();
        std::fs::write(&victim, "V".repeat(text.len())).unwrap();
        let read = std::fs::File::open(&path).unwrap();
        let when = read.metadata().unwrap().modified().unwrap();
        std::fs::File::options()
            .write(true)
            .open(&victim)
            .unwrap()
            .set_modified(when)
            .unwrap();
        let stamp = Stamp::of(&read.metadata().unwrap());
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        assert_eq!(
            rewrite(&path, Some(stamp), b"{\"status\": \"WON\"}"),
            Err("it changed while being checked; run again".to_owned())
        );
        // Past the checks (swapped just after them), the replacement refuses it too.
        let refused = replace_fixed(&path, b"{\"status\": \"WON\"}", Some(stamp.id())).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "another file was put in its place while it was being checked; run again"
        );
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "V".repeat(text.len())
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file is left"
        );
    }
}

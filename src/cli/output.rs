//! Where the output goes: stdout, or `--output`.
//!
//! `--output` naming a regular file (or nothing yet) is written atomically: a temporary file in
//! the same folder, renamed over the target only when complete, so an interrupted run never
//! leaves a partial file. A symbolic link is followed: its target is replaced, the link stays.
//! A replaced file keeps its mode (and, where the run may set them, its owner and group); a
//! new one gets the mode the umask gives, as a shell's `>` would. A character device
//! (`/dev/null`, `/dev/stdout`) or a FIFO is written through, never replaced; any other kind
//! of file (a folder, a socket, a block device) is refused before anything is checked.
//!
//! The temporary file is named `.api4p-lint-XXXXXX.tmp`. It disappears when the run fails
//! (its handle deletes it), when the run is interrupted by SIGINT (Ctrl-C), SIGTERM or SIGHUP
//! (a handler deletes it, then exits with 130), and when another signal whose default is to
//! end the process arrives (SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM...: a thread waiting for them
//! deletes it, then lets the signal end the process as it would have). Only SIGKILL, a crash
//! or a power cut can leave one behind, and never the target half-written.
//!
//! Standard output outlives its reader ([`Stdout`]): `api4p-lint check | head -1` still exits
//! with the status of the whole run.

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use tempfile::NamedTempFile;

use super::inputs::FileId;

/// Exit code of a run interrupted by Ctrl-C or SIGTERM (128 + SIGINT, as shells report).
const INTERRUPTED: i32 = 130;

/// Symbolic links followed from `--output` to a file that does not exist yet (Linux's own
/// limit, past which `stat` says ELOOP).
const MAX_LINKS: usize = 40;

/// Temporary files being written, deleted by the interrupt handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the interrupt handlers, once per process, when the first output file is opened
/// (before the workers' threads exist: they inherit the blocked signals, see
/// [`watch_other_signals`]).
fn watch_interrupts() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        #[cfg(unix)]
        watch_other_signals();
        // Without a handler (another one is installed, or the platform has none), an
        // interrupted run leaves a `.api4p-lint-*.tmp` file but never a partial target.
        let _ = ctrlc::set_handler(|| {
            remove_pending();
            std::process::exit(INTERRUPTED);
        });
    });
}

/// Deletes the temporary files being written: the run is being ended by a signal.
fn remove_pending() {
    let pending = match PENDING.lock() {
        Ok(mut pending) => std::mem::take(&mut *pending),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for path in pending {
        let _ = std::fs::remove_file(path);
    }
    say!("api4p-lint: interrupted; no output file was written");
}

/// The signals, besides SIGINT, SIGTERM and SIGHUP (ctrlc's), whose default is to end the
/// process and that another process (a CI runner, `timeout -s`, a job control script) may
/// send. The faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS) are a crash,
/// not a request; SIGPIPE is ignored by Rust programs.
#[cfg(unix)]
const OTHER_SIGNALS: &[libc::c_int] = &[
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    // Also sent by the kernel to the thread that writes past RLIMIT_FSIZE: blocked, the
    // write fails with EFBIG instead, and the run removes its file as on any write error.
    libc::SIGXFSZ,
    libc::SIGIO,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGPWR,
    #[cfg(any(target_os = "linux", target_os = "android"))]
    libc::SIGSTKFLT,
];

/// Blocks [`OTHER_SIGNALS`] in this thread (and so in every thread started after it) and
/// starts a thread that waits for them: it deletes the temporary files, then unblocks the
/// signal and raises it again, so that the run ends as that signal ends a process (a core
/// dump for SIGQUIT, the status a shell reports). A signal the run was started with ignored
/// (`nohup`) stays ignored: it is discarded, never waited for.
#[cfg(unix)]
fn watch_other_signals() {
    // SAFETY: sigemptyset and sigaddset initialise and fill the set they are given;
    // pthread_sigmask reads it and changes this thread's mask only.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for &signal in OTHER_SIGNALS {
            libc::sigaddset(&mut set, signal);
        }
        // The real-time signals end a process by default too (those the C library keeps
        // for itself lie below SIGRTMIN).
        #[cfg(any(target_os = "linux", target_os = "android"))]
        for signal in libc::SIGRTMIN()..=libc::SIGRTMAX() {
            libc::sigaddset(&mut set, signal);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        set
    };
    let spawned = std::thread::Builder::new()
        .name("api4p-lint-signals".to_owned())
        .spawn(move || loop {
            let mut signal: libc::c_int = 0;
            // SAFETY: `set` is an initialised signal set and `signal` a place for the number.
            if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
                continue;
            }
            remove_pending();
            // SAFETY: restoring the default action, unblocking the signal in this thread and
            // raising it there have no preconditions; the signal then ends the process.
            unsafe {
                libc::signal(signal, libc::SIG_DFL);
                let mut one: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut one);
                libc::sigaddset(&mut one, signal);
                libc::pthread_sigmask(libc::SIG_UNBLOCK, &one, std::ptr::null_mut());
                libc::raise(signal);
            }
            // Only if the signal did not end the process.
            std::process::exit(128 + signal);
        });
    if spawned.is_err() {
        // Nobody would wait for them: back to their default, which ends the run (leaving a
        // temporary file, never a partial target).
        // SAFETY: as above, on this thread's mask only.
        unsafe {
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        }
    }
}

/// A temporary file the interrupt handler deletes, for as long as this lives.
pub struct Tracked(PathBuf);

impl Tracked {
    fn new(path: &Path) -> Self {
        PENDING
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(path.to_path_buf());
        Tracked(path.to_path_buf())
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        PENDING
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|p| *p != self.0);
    }
}

/// Writes `bytes` to `path` as `--output` would (see [`Sink::file`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut sink = Sink::file(path)?;
    sink.write_all(bytes)?;
    sink.finish()
}

/// Writes `bytes` to `path`, a regular file replaced atomically (or created); anything else
/// by that name is refused, never opened: a FIFO would block the run until a reader came.
/// For the files a command makes (`schema --out`), where a device or FIFO makes no sense.
pub fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut sink = Sink::open(path, false)?;
    sink.write_all(bytes)?;
    sink.finish()
}

/// [`replace_file`] for `check --fix`: the file keeps its owner and group, or is not
/// replaced (a fix never gives a file away to whoever runs it); and it is the file `read`
/// (the one read and fixed), or is not replaced.
pub fn replace_fixed(path: &Path, bytes: &[u8], read: Option<FileId>) -> io::Result<()> {
    let mut sink = Sink::replacing(path, read)?;
    sink.write_all(bytes)?;
    sink.finish()
}

/// Whether `path` (no symbolic link in it) still names the file `id`: not a file put in
/// its place, or a link to another one swapped in for it, while it was checked.
fn still_names(path: &Path, id: FileId) -> io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    if meta.is_file() && FileId::of(&meta) == id {
        Ok(())
    } else {
        Err(io::Error::other(
            "another file was put in its place while it was being checked; run again",
        ))
    }
}

impl Sink {
    /// A regular file's replacement, written in parts and renamed over it by `finish` (see
    /// [`replace_fixed`]): `check --fix`'s NDJSON files, fixed line by line. It keeps the
    /// file's owner and group, and replaces only the file `read`, or is not made.
    pub fn replacing(path: &Path, read: Option<FileId>) -> io::Result<Self> {
        let sink = Sink::open_keeping(path, false, Owner::Kept)?;
        match sink {
            Sink::File(out, target, tracked, _) => {
                // `target` is the path with its links resolved, now: it must still name the
                // file read, or a link swapped in for it meanwhile would have the fix written
                // over the file it leads to (anywhere, as whoever runs the fix). Checked
                // again just before the replacement is renamed over it.
                if let Some(id) = read {
                    still_names(&target, id)?;
                }
                Ok(Sink::File(out, target, tracked, read))
            }
            other => Ok(other),
        }
    }
}

/// Whether a replaced file must keep its owner and group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// Kept when the run may (as root), else the file becomes the runner's, as with `sed -i`:
    /// `--output`, `schema --out`, the baseline.
    IfAllowed,
    /// Kept, or the file is not replaced: `check --fix`.
    Kept,
}

/// Standard output that outlives its reader. Once a write fails with a broken pipe (the
/// reader, `head` say, has read what it wanted), everything else is dropped without error:
/// the run goes on to the exit status it would have had if its output had been read, and
/// never panics. Other write errors (`> /dev/full`) are returned.
pub struct Stdout {
    out: io::Stdout,
    closed: bool,
}

impl Stdout {
    pub fn new() -> Self {
        Stdout {
            out: io::stdout(),
            closed: false,
        }
    }

    fn swallow_broken_pipe<T>(&mut self, result: io::Result<T>, or: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(or)
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.out.write(buf);
        self.swallow_broken_pipe(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.out.flush();
        self.swallow_broken_pipe(result, ())
    }
}

/// The output stream.
pub enum Sink {
    Stdout(io::BufWriter<Stdout>),
    /// Standard error (`check --fix -`).
    Stderr(io::BufWriter<io::Stderr>),
    /// The temporary file (deleted if dropped unfinished), the file it replaces, its
    /// tracking, and the file it must still be there to be replaced (`check --fix`).
    File(
        io::BufWriter<NamedTempFile>,
        PathBuf,
        Tracked,
        Option<FileId>,
    ),
    /// A character device or a FIFO, written through.
    Stream(io::BufWriter<File>),
}

impl Sink {
    pub fn stdout() -> Self {
        Sink::Stdout(io::BufWriter::new(Stdout::new()))
    }

    /// The report on stderr: `check --fix -` gives the fixed payload back on stdout.
    pub fn stderr() -> Self {
        Sink::Stderr(io::BufWriter::new(io::stderr()))
    }

    /// The output for `--output target`; an error says why it cannot be written, before
    /// anything is.
    pub fn file(target: &Path) -> io::Result<Self> {
        Sink::open(target, true)
    }

    /// A regular file replaced (or created); with `streams`, a character device or FIFO
    /// written through.
    fn open(target: &Path, streams: bool) -> io::Result<Self> {
        Sink::open_keeping(target, streams, Owner::IfAllowed)
    }

    fn open_keeping(target: &Path, streams: bool, owner: Owner) -> io::Result<Self> {
        match fs::metadata(target) {
            Ok(meta) if meta.is_file() => {
                // Through any symbolic links: the link stays, the file it names is replaced.
                let real = fs::canonicalize(target)?;
                Sink::replace(&real, Some(&meta), owner)
            }
            Ok(meta) if streams && is_stream(&meta) => Sink::stream(target),
            Ok(meta) if streams => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "it is {}; --output replaces a regular file or writes to a character \
                     device or a FIFO",
                    api4p_lint::text::file_kind(&meta.file_type())
                ),
            )),
            Ok(meta) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "it is {}, not a regular file",
                    api4p_lint::text::file_kind(&meta.file_type())
                ),
            )),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Sink::replace(&dangling_target(target)?, None, owner)
            }
            Err(e) => Err(e),
        }
    }

    /// A temporary file beside `target`, to be renamed over it; it takes the mode (and the
    /// owner) of the file it replaces, if any.
    fn replace(target: &Path, existing: Option<&Metadata>, owner: Owner) -> io::Result<Self> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        watch_interrupts();
        let mut builder = tempfile::Builder::new();
        builder.prefix(".api4p-lint-").suffix(".tmp");
        #[cfg(unix)]
        if existing.is_none() {
            // A new file: what the umask leaves of rw-rw-rw- (the kernel applies it).
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let file = builder.tempfile_in(dir).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound && !dir.exists() {
                io::Error::new(
                    e.kind(),
                    format!(
                        "its folder {} does not exist (--output creates no folder)",
                        super::inputs::shown(dir)
                    ),
                )
            } else {
                without_temporary_path(e)
            }
        })?;
        if let Some(meta) = existing {
            keep_owner_and_mode(file.as_file(), meta, owner)?;
        }
        let tracked = Tracked::new(file.path());
        Ok(Sink::File(
            io::BufWriter::new(file),
            target.to_path_buf(),
            tracked,
            None,
        ))
    }

    /// Writes through a character device or a FIFO (opening a FIFO waits for its reader, as
    /// a shell's `>` does). Never creates, never truncates.
    fn stream(target: &Path) -> io::Result<Self> {
        let file = fs::OpenOptions::new().write(true).open(target)?;
        // The path was a device or FIFO when looked at; what was opened must be one too, or
        // a regular file swapped in meanwhile would be written over in place.
        let meta = file.metadata()?;
        if !is_stream(&meta) {
            return Err(io::Error::other(format!(
                "it became {} while being opened",
                api4p_lint::text::file_kind(&meta.file_type())
            )));
        }
        Ok(Sink::Stream(io::BufWriter::new(file)))
    }

    /// Flushes; for a file, moves it into place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush(),
            Sink::Stderr(mut out) => out.flush(),
            Sink::Stream(mut out) => out.flush(),
            Sink::File(out, target, _tracked, read) => {
                let file = out
                    .into_inner()
                    .map_err(|e| without_temporary_path(e.into_error()))?;
                file.as_file().sync_all().map_err(without_temporary_path)?;
                if let Some(id) = read {
                    still_names(&target, id)?;
                }
                // On failure the temporary file is dropped, which deletes it.
                match file.persist(&target) {
                    Ok(_) => Ok(()),
                    // A file mounted on its own (a container's `-v report.sarif:/w/report.sarif`)
                    // cannot be renamed over: rewritten in place, as a shell's `>` would.
                    Err(e) if matches!(e.error.raw_os_error(), Some(libc::EBUSY | libc::EXDEV)) => {
                        let mut report = e.file.reopen()?;
                        let mut dest = fs::OpenOptions::new()
                            .write(true)
                            .truncate(true)
                            .open(&target)?;
                        io::copy(&mut report, &mut dest)?;
                        dest.sync_all()
                    }
                    Err(e) => Err(without_temporary_path(e.error)),
                }
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::Stderr(out) => out.write(buf),
            // `tempfile` names the temporary file in its errors (a full disk): the user named
            // the target, never that file.
            Sink::File(out, ..) => out.write(buf).map_err(without_temporary_path),
            Sink::Stream(out) => out.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::Stderr(out) => out.flush(),
            Sink::File(out, ..) => out.flush().map_err(without_temporary_path),
            Sink::Stream(out) => out.flush(),
        }
    }
}

/// `e` without the temporary file's name that `tempfile` adds to its message ("... at path
/// \"dir/.api4p-lint-XXXXXX.tmp\""): the user named the target, never that file. (The
/// original error is not reachable through `source`: only its text is left.)
fn without_temporary_path(e: io::Error) -> io::Error {
    let text = e.to_string();
    match text.split_once(" at path \"") {
        Some((original, _)) => io::Error::new(e.kind(), original.to_owned()),
        None => e,
    }
}

/// Whether `--output` writes through this kind of file instead of replacing it.
fn is_stream(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        kind.is_char_device() || kind.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Where `path` leads when nothing is there: through a chain of symbolic links that ends
/// nowhere, the file the last one names (created there, as a shell's `>` would); else
/// `path` itself. The links' targets are joined to their folders, never normalised, so the
/// kernel resolves each `..` as it would have.
fn dangling_target(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Gives the new file the mode of the one it replaces and, when the run may (as root), its
/// owner and group; with [`Owner::Kept`], an owner or group that cannot be kept is an error.
fn keep_owner_and_mode(file: &File, existing: &Metadata, owner: Owner) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let new = file.metadata()?;
        if (new.uid(), new.gid()) != (existing.uid(), existing.gid()) {
            // Only root may give a file away; anyone else keeps their own file, as `sed -i`
            // does. Before the mode: changing the owner clears set-user-ID bits.
            let given = std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid()));
            if let (Err(e), Owner::Kept) = (given, owner) {
                return Err(io::Error::new(
                    e.kind(),
                    format!(
                        "its owner and group (uid {}, gid {}) cannot be kept ({}), and --fix \
                         never gives a file to whoever runs it",
                        existing.uid(),
                        existing.gid(),
                        without_temporary_path(e)
                    ),
                ));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = owner;
    file.set_permissions(existing.permissions())
}

/// Whether `path` is the regular file standard input reads (same device and inode, however
/// named): `--output` must not replace the payload being checked.
pub fn is_standard_input(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        let stdin = io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .map(File::from)
            .and_then(|file| file.metadata());
        match (stdin, fs::metadata(path)) {
            (Ok(stdin), Ok(output)) => {
                stdin.is_file()
                    && output.is_file()
                    && (stdin.dev(), stdin.ino()) == (output.dev(), output.ino())
            }
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

//! Where the output goes: stdout, or a file written atomically (a temporary file in the same
//! folder, renamed over the target only when complete), so an interrupted run never leaves a
//! partial file.
//!
//! The temporary file is named `.api4p-lint-XXXXXX.tmp`. It disappears when the run fails
//! (its handle deletes it) and when the run is interrupted by Ctrl-C or SIGTERM (a handler
//! deletes it, then exits with 130). Only a SIGKILL or a power cut can leave one behind, and
//! never the target half-written.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use tempfile::NamedTempFile;

/// Exit code of a run interrupted by Ctrl-C or SIGTERM (128 + SIGINT, as shells report).
const INTERRUPTED: i32 = 130;

/// Temporary files being written, deleted by the interrupt handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the interrupt handler, once per process, when the first output file is opened.
fn watch_interrupts() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Without a handler (another one is installed, or the platform has none), an
        // interrupted run leaves a `.api4p-lint-*.tmp` file but never a partial target.
        let _ = ctrlc::set_handler(|| {
            let pending = match PENDING.lock() {
                Ok(mut pending) => std::mem::take(&mut *pending),
                Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
            };
            for path in pending {
                let _ = std::fs::remove_file(path);
            }
            eprintln!("api4p-lint: interrupted; no output file was written");
            std::process::exit(INTERRUPTED);
        });
    });
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

pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut sink = Sink::file(path)?;
    sink.write_all(bytes)?;
    sink.finish(path)
}

/// The output stream.
pub enum Sink {
    Stdout(io::BufWriter<io::Stdout>),
    /// The temporary file (deleted if dropped unfinished) and its tracking.
    File(io::BufWriter<NamedTempFile>, Tracked),
}

impl Sink {
    pub fn stdout() -> Self {
        Sink::Stdout(io::BufWriter::new(io::stdout()))
    }

    pub fn file(target: &Path) -> io::Result<Self> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        watch_interrupts();
        let file = tempfile::Builder::new()
            .prefix(".api4p-lint-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        let tracked = Tracked::new(file.path());
        Ok(Sink::File(io::BufWriter::new(file), tracked))
    }

    /// Flushes; for a file, moves it into place.
    pub fn finish(self, target: &Path) -> io::Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush(),
            Sink::File(out, _tracked) => {
                let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.as_file().sync_all()?;
                // On failure the temporary file is dropped, which deletes it.
                file.persist(target).map(drop).map_err(|e| e.error)
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File(out, _) => out.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File(out, _) => out.flush(),
        }
    }
}

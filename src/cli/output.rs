//! Where the output goes: stdout, or a file written atomically (a temporary file in the same
//! folder, renamed over the target only when complete), so an interrupted run never leaves a
//! partial file.

use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut sink = Sink::file(path)?;
    sink.write_all(bytes)?;
    sink.finish(path)
}

/// The output stream.
pub enum Sink {
    Stdout(io::BufWriter<io::Stdout>),
    File(io::BufWriter<NamedTempFile>),
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
        Ok(Sink::File(io::BufWriter::new(NamedTempFile::new_in(dir)?)))
    }

    /// Flushes; for a file, moves it into place.
    pub fn finish(self, target: &Path) -> io::Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush(),
            Sink::File(out) => {
                let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.as_file().sync_all()?;
                file.persist(target).map(drop).map_err(|e| e.error)
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File(out) => out.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File(out) => out.flush(),
        }
    }
}

//! TODO (being written).
use std::io::{self, Write};

use super::{Emitter, FileReport};

/// TODO.
#[derive(Debug, Default)]
pub struct GithubEmitter;

impl Emitter for GithubEmitter {
    fn file(&mut self, _out: &mut dyn Write, _file: &FileReport) -> io::Result<()> {
        Ok(())
    }
}

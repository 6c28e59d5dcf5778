//! TODO (being written).
use std::io::{self, Write};

use super::{Emitter, FileReport};

/// TODO.
#[derive(Debug, Default)]
pub struct SarifEmitter;

impl Emitter for SarifEmitter {
    fn file(&mut self, _out: &mut dyn Write, _file: &FileReport) -> io::Result<()> {
        Ok(())
    }
}

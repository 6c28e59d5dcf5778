//! Renderers: one module per output format, all over the same diagnostics.

pub mod human;

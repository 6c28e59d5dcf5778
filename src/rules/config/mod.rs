//! Rules about `api4p-lint.toml` itself.

pub mod invalid_config;

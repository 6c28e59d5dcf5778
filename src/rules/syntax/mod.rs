//! Rules about the text itself: is it JSON, UTF-8, one value per key, a known payload
//! kind. When one of them fires, no schema or semantic finding follows except duplicate
//! keys (a pipeline that stops early: later findings would only be noise).

pub mod duplicate_key;
pub mod invalid_encoding;
pub mod invalid_json;
pub mod payload_too_large;
pub mod unknown_kind;

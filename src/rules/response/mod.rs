//! Rules about response envelopes.

pub mod response_envelope;

//! Rules about search requests.

pub mod search_criteria;

//! Rules about search requests.

pub mod search_criteria;

// The orders search (issue 15).
pub mod order_search_lone_bound;
pub mod order_search_window;
pub mod seat_id_format;

//! Rules about response envelopes.

pub mod response_envelope;
// Issue 15 (order family responses): the shared walker, then one module per rule.
pub mod date_order;
pub mod future_price_list;
pub(crate) mod items;
pub mod list_price;
pub mod response_date;
pub mod result_count;
pub mod sequence_number;
pub mod waiver_term;

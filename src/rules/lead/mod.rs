//! Rules about the lead-opportunity's own fields agreeing with each other.

pub mod close_date_past;
pub mod forecast_category_status;
pub mod offer_line;
pub mod placeholder_value;
pub mod reason_status;

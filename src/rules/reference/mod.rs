//! Rules that check against reference data the partner supplies (portfolio,
//! competitors, the format of its own ids).

pub mod lead_id_format;
pub mod unknown_competitor;
pub mod unknown_offer;

//! Rules that check against reference data the partner supplies (portfolio, competitors).

pub mod unknown_competitor;
pub mod unknown_offer;

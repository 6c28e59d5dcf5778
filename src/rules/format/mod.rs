//! Rules about the shape of values DS parses: dates, codes, identifiers, vocabularies.

pub mod country_code;
pub mod currency_code;
pub mod email_format;
pub mod id_format;
pub mod open_vocabulary;
pub mod request_date;

//! Open vocabularies: members the spec types as free strings but DS fills with codes.
//!
//! Each type lists the codes seen in the spec or in real DS payloads and keeps any other string
//! verbatim in `Other`, so that every string deserializes and serializes back unchanged. The
//! linter warns (rather than errs) about a value outside [`KNOWN`](ApprovalStatus::KNOWN).
//!
//! Schema shape (inlined): `{"type": "string", "examples": [known...], "x-knownValues":
//! [known...], "x-openVocabulary": true}`. Any string is valid, the known values are listed
//! (`examples` for editors, `x-knownValues` for the linter), and a non-string gives one `type`
//! error; a nullable member becomes `{"type": ["string", "null"], ...}` with no `anyOf`.

use std::borrow::Cow;
use std::convert::Infallible;

/// Declares an open vocabulary: an enum of known codes plus `Other(String)`, with `KNOWN`,
/// `as_str`, `is_known`, conversions from strings, `Display`, `FromStr` (infallible), serde
/// (as a plain string) and an inlined JSON Schema.
macro_rules! open_vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// Any other string, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The known codes, in the order of the variants.
            pub const KNOWN: &'static [&'static str] = &[$($code),+];

            /// The wire text.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $code,)+
                    Self::Other(other) => other,
                }
            }

            /// Whether the value is one of [`Self::KNOWN`].
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }

            /// The value for a wire text: the matching known variant (exact, case-sensitive),
            /// else `Other`.
            pub fn parse(text: &str) -> Self {
                match text {
                    $($code => Self::$variant,)+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::parse(text)
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                match text.as_str() {
                    $($code => Self::$variant,)+
                    _ => Self::Other(text),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::parse(s))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from)
            }
        }

        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn schema_id() -> Cow<'static, str> {
                concat!("api4p_lint::model::", stringify!($name)).into()
            }

            fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "examples": Self::KNOWN,
                    "x-knownValues": Self::KNOWN,
                    "x-openVocabulary": true,
                })
            }
        }
    };
}

open_vocabulary! {
    /// Approval status of the lead-opportunity, set by DS (`approvalStatus` in the GET response).
    pub enum ApprovalStatus {
        /// `PRE_APPROVED`, seen in the spec's example and in real responses.
        PreApproved = "PRE_APPROVED",
        /// `EMPTY`: DS's uniform "not filled in" code.
        Empty = "EMPTY",
    }
}

open_vocabulary! {
    /// Engagement type of the lead-opportunity, set by DS (`engagementType` in the GET response).
    pub enum EngagementType {
        /// `EXTEND`, seen in the spec's example and in real responses.
        Extend = "EXTEND",
        /// `EMPTY`: DS's uniform "not filled in" code.
        Empty = "EMPTY",
    }
}

open_vocabulary! {
    /// SBO indicator of the lead-opportunity, set by DS (`sboIndicator` in the GET response).
    pub enum SboIndicator {
        /// `EMPTY`: DS's uniform "not filled in" code.
        Empty = "EMPTY",
    }
}

open_vocabulary! {
    /// Growth type of the lead-opportunity, set by DS (`growthType` in the GET response).
    pub enum GrowthType {
        /// `EMPTY`: DS's uniform "not filled in" code.
        Empty = "EMPTY",
    }
}

open_vocabulary! {
    /// Priority of the lead, set by DS (`leadPriority` in the GET response).
    pub enum LeadPriority {
        /// `EMPTY`: DS's uniform "not filled in" code.
        Empty = "EMPTY",
    }
}

open_vocabulary! {
    /// Level of interest of the lead, set by DS (`levelOfInterest` in the GET response).
    pub enum LevelOfInterest {
        /// `EMPTY`: DS's uniform "not filled in" code.
        Empty = "EMPTY",
    }
}

open_vocabulary! {
    /// How the partner imported the lead-opportunity, set by DS (`partnerImportMode` in the GET
    /// response).
    pub enum PartnerImportMode {
        /// `EMPTY`: DS's uniform "not filled in" code.
        Empty = "EMPTY",
    }
}

open_vocabulary! {
    /// Salutation of a customer contact ("Mr., Ms., Dr., etc.." says the spec). DS accepts and
    /// returns several spellings.
    pub enum Salutation {
        /// `MR`, seen in real GET responses.
        MrUpper = "MR",
        /// `Mr`, seen in the spec's 400 example.
        Mr = "Mr",
        /// `M.` (Monsieur), the spec's example for `salutation`.
        MDot = "M.",
        /// `Mr.`, named by the spec's description.
        MrDot = "Mr.",
        /// `Ms.`, named by the spec's description.
        MsDot = "Ms.",
        /// `Dr.`, named by the spec's description.
        DrDot = "Dr.",
    }
}

/// Every open vocabulary by the member name it fills, with its known codes. Salutation lives
/// in contacts; the others in the lead-opportunity.
pub const OPEN_VOCABULARIES: &[(&str, &[&str])] = &[
    ("approvalStatus", ApprovalStatus::KNOWN),
    ("engagementType", EngagementType::KNOWN),
    ("sboIndicator", SboIndicator::KNOWN),
    ("growthType", GrowthType::KNOWN),
    ("leadPriority", LeadPriority::KNOWN),
    ("levelOfInterest", LevelOfInterest::KNOWN),
    ("partnerImportMode", PartnerImportMode::KNOWN),
    ("salutation", Salutation::KNOWN),
];

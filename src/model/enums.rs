//! Closed enums: the code lists the spec fixes (`enum` in the OpenAPI document).
//!
//! Each variant's doc comment is the spec's `x-enumDescriptions` text; it reaches the JSON
//! Schema as `x-enumDescriptions` and Rust code through `description()`. In the schema each enum
//! is inlined as `{"type": "string", "enum": [...], "x-enumDescriptions": {...}}`, so a nullable
//! enum becomes `{"type": ["string", "null"], "enum": [..., null]}` and a wrong value gives
//! exactly one `enum` error at the value's path.
//!
//! # Codes the spec does not list
//!
//! DS adds codes before the spec lists them (a new status such as `ON_HOLD`). Reading must not
//! stop a partner's sync for that, so every closed enum has an `Other(String)` variant (the same
//! name as the open vocabularies' in [`super::vocabulary`]): deserialization puts any code
//! outside [`CODES`](LeadOpportunityStatus::CODES) there, verbatim, and serialization writes it
//! back unchanged. The schema still lists only the spec's codes, so the linter reports such a
//! code (`A4P101`) at its configured severity: the model reads it, the linter does not accept
//! it.
//!
//! `FromStr` stays strict: `"ON_HOLD".parse::<LeadOpportunityStatus>()` is an [`UnknownCode`]
//! error naming the accepted codes, because code that parses a text (a CRM's mapping, a
//! configuration) wants a code DS documents. `from_code` is the lenient reading that
//! deserialization uses: a known code gives its variant, any other text `Other`.

use std::fmt;

/// A text was not one of the codes of a closed enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    /// The name of the enum (e.g. `LeadOpportunityStatus`).
    pub enum_name: &'static str,
    /// The text that was given.
    pub value: String,
    /// The codes the enum accepts, in the spec's order.
    pub expected: &'static [&'static str],
}

impl UnknownCode {
    /// The other closed enums whose codes hold the text exactly (`New License` is a
    /// [`super::order_enums::SubOrderType`], not an [`super::order_enums::OrderType`]), by
    /// name: the linter's A4P101 names them too.
    pub fn belongs_to(&self) -> Vec<&'static str> {
        CLOSED_ENUMS
            .iter()
            .filter(|(name, codes)| *name != self.enum_name && codes.contains(&&*self.value))
            .map(|(name, _)| *name)
            .collect()
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`", self.enum_name, self.value)?;
        let owners: Vec<String> = self.belongs_to().into_iter().map(with_article).collect();
        if !owners.is_empty() {
            write!(
                f,
                " ({} code, not {} one)",
                owners.join(" and "),
                with_article(self.enum_name)
            )?;
        }
        write!(f, "; expected one of: {}", self.expected.join(", "))
    }
}

/// `a SubOrderType`, `an OrderType`.
fn with_article(name: &str) -> String {
    let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// Every closed enum of the models, by name, with its codes (a test checks it against the
/// schemas; A4P101's own table, which names each by its field, against this one).
pub(crate) static CLOSED_ENUMS: &[(&str, &[&str])] = {
    use super::accreditations::{AccreditationType, DeploymentType};
    use super::order_enums::{
        DsOffering, InflationException, LocalTimeZone, OnlineConsentStatus, OrderErrorType,
        OrderProcessingStatus, OrderRevenueType, OrderType, ProductType,
        RecurringChargeBillingCycle, SubOrderType, TransactionType,
    };
    &[
        ("LeadOpportunityStatus", LeadOpportunityStatus::CODES),
        ("ForecastCategory", ForecastCategory::CODES),
        ("ReasonWon", ReasonWon::CODES),
        ("ReasonLost", ReasonLost::CODES),
        ("RevenueType", RevenueType::CODES),
        ("TransactionType", TransactionType::CODES),
        ("OrderProcessingStatus", OrderProcessingStatus::CODES),
        ("LocalTimeZone", LocalTimeZone::CODES),
        ("OnlineConsentStatus", OnlineConsentStatus::CODES),
        (
            "RecurringChargeBillingCycle",
            RecurringChargeBillingCycle::CODES,
        ),
        ("OrderType", OrderType::CODES),
        ("SubOrderType", SubOrderType::CODES),
        ("OrderRevenueType", OrderRevenueType::CODES),
        ("ProductType", ProductType::CODES),
        ("DsOffering", DsOffering::CODES),
        ("InflationException", InflationException::CODES),
        ("OrderErrorType", OrderErrorType::CODES),
        ("AccreditationType", AccreditationType::CODES),
        ("DeploymentType", DeploymentType::CODES),
    ]
};

impl std::error::Error for UnknownCode {}

/// Declares a closed enum: the spec's codes plus `Other(String)`, serde as a plain string
/// (unknown codes into `Other`), an inlined `enum` schema of the spec's codes with
/// `x-enumDescriptions`, `ALL`, `CODES`, `as_str`, `description`, `is_known`, `from_code`,
/// `Display` and a strict `FromStr`. Each variant is written `Variant = "WIRE_CODE" =>
/// "description"`; the description becomes the variant's doc comment.
macro_rules! closed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $variant:ident = $code:literal $(=> $desc:literal)?, )+
        }
    ) => {
        $(#[$meta])*
        ///
        /// A code the spec does not list deserializes to `Other` and serializes back unchanged;
        /// the schema lists only the spec's codes (see [the module](self)).
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $(
                $(#[doc = $desc] #[doc = ""])?
                #[doc = concat!("Wire code: `", $code, "`.")]
                $variant,
            )+
            /// A code the spec does not list, kept verbatim. Deserialization and `from_code`
            /// never put one of [`Self::CODES`] here.
            Other(String),
        }

        impl $name {
            /// Every value the spec lists, in its order (not `Other`).
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// Every wire code the spec lists, in its order.
            pub const CODES: &'static [&'static str] = &[$($code),+];

            /// The wire code (the JSON string); `Other`'s own text.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $code,)+
                    Self::Other(code) => code,
                }
            }

            /// The spec's description of this value (`x-enumDescriptions`); `None` for
            /// `Other` and for a value the spec does not describe.
            pub const fn description(&self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => closed_enum!(@description $($desc)?),)+
                    Self::Other(_) => None,
                }
            }

            /// Whether the value is one the spec lists (not `Other`).
            pub const fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }

            /// The value of a wire code, leniently: the matching variant (exact,
            /// case-sensitive), else `Other` with the text. What deserialization does.
            pub fn from_code(code: &str) -> Self {
                Self::known(code).unwrap_or_else(|| Self::Other(code.to_owned()))
            }

            fn known(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::model::enums::UnknownCode;

            /// Parses one of the spec's wire codes (exact, case-sensitive); any other text is
            /// an error (use `from_code` to keep it as `Other`).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::known(s).ok_or_else(|| $crate::model::enums::UnknownCode {
                    enum_name: stringify!($name),
                    value: s.to_owned(),
                    expected: Self::CODES,
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " code (a string)"))
                    }

                    fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<$name, E> {
                        Ok($name::from_code(code))
                    }

                    fn visit_string<E: serde::de::Error>(self, code: String) -> Result<$name, E> {
                        Ok($name::known(&code).unwrap_or($name::Other(code)))
                    }
                }

                deserializer.deserialize_str(Visitor)
            }
        }

        // The schema is the one of the spec's codes alone, derived from a twin without
        // `Other`, so that the linter keeps reporting a code the model reads.
        const _: () = {
            $(#[$meta])*
            #[derive(schemars::JsonSchema)]
            #[schemars(inline, transform = $crate::model::schema_support::plain_string_enum)]
            #[allow(dead_code)]
            enum Codes {
                $(
                    $(#[doc = $desc])?
                    #[schemars(rename = $code)]
                    $variant,
                )+
            }

            impl schemars::JsonSchema for $name {
                fn inline_schema() -> bool {
                    true
                }

                fn schema_name() -> std::borrow::Cow<'static, str> {
                    stringify!($name).into()
                }

                fn schema_id() -> std::borrow::Cow<'static, str> {
                    concat!("api4p_lint::model::", stringify!($name)).into()
                }

                fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                    <Codes as schemars::JsonSchema>::json_schema(generator)
                }
            }
        };
    };
    (@description $desc:literal) => {
        Some($desc)
    };
    (@description) => {
        None
    };
}

pub(crate) use closed_enum;

closed_enum! {
    /// Status of the lead-opportunity (LEVERAGE Process): spec component
    /// `lead-opportunity-status`.
    pub enum LeadOpportunityStatus {
        LeadOpen = "LEAD_OPEN" => "-6 Open",
        Qualified = "QUALIFIED" => "-5 Qualified",
        Accepted = "ACCEPTED" => "-4 Accepted",
        OppyOpen = "OPPY_OPEN" => "-3 Open",
        Validated = "VALIDATED" => "-2 Validated",
        Established = "ESTABLISHED" => "-1 Established",
        Won = "WON" => "Won opportunity",
        Lost = "LOST" => "Lost opportunity",
    }
}

closed_enum! {
    /// Forecast Category is an assessment done by the Sales Expert to report his/her level of
    /// confidence that the Opportunity will close on the Close Date with the revenue amounts
    /// defined (spec component `forecastCategory`).
    ///
    /// Value is ignored at creation if status is `LEAD_OPEN`, `QUALIFIED` or `ACCEPTED`. If value
    /// is not provided at creation time, it defaults based on the following matrix:
    ///
    /// | status | default forecastCategory | forecastCategory values |
    /// | ------- | ------------------------ | ----------------------- |
    /// | -3 Open | Upside | Safe/Commit/Upside/Longshot |
    /// | -2 validated | Upside | Safe/Commit/Upside/Longshot |
    /// | -1 Established | Upside | Safe/Commit/Upside/Longshot |
    /// | Won | Won | Won (set by the system) |
    /// | Lost | Lost | Lost (set by the system) |
    pub enum ForecastCategory {
        Upside = "UPSIDE" => "One or more major risks of closing business by the close date, however the customer stated an intention, as represented in the Win Plan, to place an order by the specified Close Date.",
        Commit = "COMMIT" => "Commitment that this Opportunity will be won by the close date. All key steps to close by the close date have been agreed upon with the customer and there are no known major risks.",
        Safe = "SAFE" => "The Purchase Order and agreements signed by the customer are received by 3DS, are being reviewed by Sales Operations and have been submitted to Finance.",
        Won = "WON" => "The signed Statement of work and Purchase Order are approved (by Finance)",
        Lost = "LOST" => "The signed Statement of work and Purchase Order are approved (by Finance) and the Opportunity is lost.",
        Longshot = "LONGSHOT" => "LongLow probability of closing business by the close date due to one or more significant risks (RFP in process, missing technical proofs or vendor selection, no alignment on Close Date, services or legal contracts not startedshot.",
        Empty = "EMPTY" => "Empty, not filled in.",
    }
}

closed_enum! {
    /// Identification of the reason a lead or an opportunity is won (spec component
    /// `reason_won`).
    ///
    /// Note: at creation time, if no value is provided, it is defaulted to `STRNG_VAL_PROP`
    /// (Stronger value proposition).
    pub enum ReasonWon {
        SolutionFunct = "SOLUTION_FUNCT" => "Solution functionality",
        StrngValProp = "STRNG_VAL_PROP" => "Stronger value proposition",
        LwrCstOfOwnrship = "LWR_CST_OF_OWNRSHIP" => "Lower costs of ownership",
        LwrImplCost = "LWR_IMPL_COST" => "Lower implementation costs",
        GoodCstmrRefer = "GOOD_CSTMR_REFER" => "Good customer references",
        OffrTrmCondn = "OFFR_TRM_CONDN" => "Offer Terms & conditions",
        LwrSftwrCosts = "LWR_SFTWR_COSTS" => "Lower software costs",
        StrongClientRelation = "STRONG_CLIENT_RELATION" => "Strong client relationship",
        DsSkillsExpertise = "DS_SKILLS_EXPERTISE" => "DS skills & expertise",
        PrtnrSkillAndExprt = "PRTNR_SKILL_&_EXPRT" => "Partner skills & expertise",
        PrtnrReltnship = "PRTNR_RELTNSHIP" => "Partner (CSI) relationship",
        SaleOppAct = "SALE_OPP_ACT" => "SalesOperations activities",
        ItDrvnAct = "IT_DRVN_ACT" => "IT driven activities",
        Empty = "EMPTY" => "Empty",
    }
}

closed_enum! {
    /// A reason used to identify why an opportunity or a lead was lost, which gives insight for
    /// the lessons learnt (spec component `reason_lost`).
    ///
    /// Note: at creation time, if no value is provided, it is defaulted to `NO_PROJECT`.
    pub enum ReasonLost {
        BetterCompOffer = "BETTER_COMP_OFFER" => "Better competition offer",
        ClientDoesNotSeeValue = "CLIENT_DOES_NOT_SEE_VALUE" => "Client does not see value",
        LackOrLossOfChampion = "LACK_OR_LOSS_OF_CHAMPION" => "Lack or loss of Champion",
        FuncGap = "FUNC_GAP" => "Functional gap",
        HighImplemCost = "HIGH_IMPLEM_COST" => "High Implementation cost",
        LackOfRef = "LACK_OF_REF" => "Lack of references",
        OfferDoesNotMatchNeeds = "OFFER_DOES_NOT_MATCH_NEEDS" => "Offer does not match needs",
        QualityIssue = "QUALITY_ISSUE" => "Quality issue",
        DsSkillsSupportIssue = "DS_SKILLS_SUPPORT_ISSUE" => "DS skills & support issue",
        PartnerSkillSupport = "PARTNER_SKILL_SUPPORT" => "Partner skills & support",
        RelLevelIssue = "REL_LEVEL_ISSUE" => "Relationship level issue",
        SoftCostTooHigh = "SOFT_COST_TOO_HIGH" => "Software cost too high",
        TermsCondIssue = "TERMS_COND_ISSUE" => "Terms & conditions issue",
        CostOfSalesTooHigh = "COST_OF_SALES_TOO_HIGH" => "Cost of Sales too high",
        LackOfSkillsToSupport = "LACK_OF_SKILLS_TO_SUPPORT" => "Lack of skills to support",
        LackOfTechResources = "LACK_OF_TECH_RESOURCES" => "Lack of tech resources",
        NotADsPriority = "NOT_A_DS_PRIORITY" => "Not a priority for DS",
        NotAPartnerPriority = "NOT_A_PARTNER_PRIORITY" => "Not a priority for Partner",
        ClientBankruptOrAcquired = "CLIENT_BANKRUPT_OR_ACQUIRED" => "Client Bankrupt/Acquired",
        ClientHasNoMoreNeed = "CLIENT_HAS_NO_MORE_NEED" => "Client has no (more) need",
        ClientHasNoMoreBudget = "CLIENT_HAS_NO_MORE_BUDGET" => "Client has no (more) budget",
        DupCopy = "DUP_COPY" => "Duplicate copy",
        ItDrivenActivities = "IT_DRIVEN_ACTIVITIES" => "IT driven activities",
        LostToAnotherPartner = "LOST_TO_ANOTHER_PARTNER" => "Lost to another partner",
        SalesopsActivities = "SALESOPS_ACTIVITIES" => "SalesOperations activities",
        TerritoryReject = "TERRITORY_REJECT" => "Territory reject",
        InadequateRef = "INADEQUATE_REF" => "Inadequate references",
        WrongPartnerOrDsSales = "WRONG_PARTNER_OR_DS_SALES" => "Wrong Partner/DS Sales",
        MissingInformation = "MISSING_INFORMATION" => "Missing information",
        IncorrectChannel = "INCORRECT_CHANNEL" => "Incorrect channel",
        UnmovableCompet = "UNMOVABLE_COMPET" => "Unmovable compet.",
        OppyAlreadyExists = "OPPY_ALREADY_EXISTS" => "Oppy already exists",
        NoProject = "NO_PROJECT" => "No Project",
        ImmatureProject = "IMMATURE_PROJECT" => "Immature project",
        DupLead = "DUP_LEAD" => "Duplicate lead",
        DupOppy = "DUP_OPPY" => "Duplicate oppy",
        CustBnkrupt = "CUST_BNKRUPT" => "Customer bankruptcy",
        NvrSucceedRechnCust = "NVR_SUCCEED_RECHN_CUST" => "Never succeed in reaching customer (mail/phone/letter)",
        NtEngRlvntEvdCust = "NT_ENG_RLVNT_EVD_CUST" => "Not enough relevant evidences to escalate with the customer (at risk at the court)",
        RoiNtVible = "ROI_NT_VIBLE" => "ROI for enforcement not viable",
        VldCustExplntn = "VLD_CUST_EXPLNTN" => "Valid Customer Explanation (approved by legal)",
        Merged = "MERGED" => "Merged",
        Empty = "EMPTY" => "Empty",
    }
}

closed_enum! {
    /// The type of revenue of an offer line (spec component `revenueType`).
    pub enum RevenueType {
        Upfront = "UPFRONT" => "Upfront",
        RentalBooking = "RENTAL_BOOKING" => "Rental Booking",
        SupportServices = "SUPPORT_SERVICES" => "Support Services",
        ServicesSigning = "SERVICES_SIGNING" => "Services Signing",
        Empty = "EMPTY" => "Empty",
    }
}

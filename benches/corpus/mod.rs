//! A deterministic corpus of API4Partners payloads for the benches, the corpus test and the
//! comparison script (`examples/gen_corpus.rs`). No downloads, no randomness from outside:
//! the same seed gives the same bytes on every machine.
//!
//! Valid payloads are built as `serde_json::Value`s with varied ids, amounts, contacts and
//! enum values, then pretty-printed like the spec's examples (a GET response is about
//! 2.3 kB). Each lints with no finding at all as its kind when "today" is [`TODAY`].
//! Invalid payloads are valid ones with 1 to 5 mistakes, each of which is exactly one finding.
//!
//! Included with `#[path = "corpus/mod.rs"] mod corpus;` by benches, tests and the example,
//! so it is not part of the library's API.

#![allow(dead_code)] // each includer uses a different part

use api4p_lint::PayloadKind;
use serde_json::{json, Map, Value};

/// "Today" for the corpus: close dates are after it, created/modified dates before it.
pub const TODAY: &str = "2025-01-15";

/// The seed every default corpus is generated from.
pub const SEED: u64 = 0x0A4F_2025;

/// One in this many payloads of a mix is invalid (10 %).
pub const INVALID_EVERY: usize = 10;

/// A payload and how many findings it must have (0 for a valid one).
#[derive(Debug, Clone)]
pub struct Payload {
    /// Pretty-printed JSON.
    pub text: String,
    /// Findings the linter must report (each mistake is one finding).
    pub findings: usize,
}

/// SplitMix64: small, fast, good enough for test data, and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// `n` characters from `alphabet`.
    pub fn chars(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n).map(|_| *self.pick(alphabet) as char).collect()
    }
}

const UPPER_DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const DIGITS: &[u8] = b"0123456789";

const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Bruno",
    "Chloé",
    "Dieter",
    "Elena",
    "François",
    "Greta",
    "Hiroshi",
    "Ingrid",
    "João",
    "Karin",
    "Luca",
    "Marie",
    "Nils",
    "Olga",
    "Pierre",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomás",
    "Ulrike",
    "Valérie",
    "Wojciech",
    "Yuki",
    "Zoé",
];
const LAST_NAMES: &[&str] = &[
    "Martin", "Bernard", "Müller", "Schmidt", "Rossi", "García", "Nowak", "Dubois", "Lefèvre",
    "Tanaka", "Jensen", "Moreau", "Fischer", "Bianchi", "Kowalski", "Laurent", "Weber", "Fontaine",
    "Silva", "Novak",
];
const DOMAINS: &[&str] = &[
    "3ds.com",
    "acme-industries.fr",
    "nordwerk.de",
    "fabbrica.it",
    "ingenieria.es",
    "precision-parts.co.uk",
    "kaizen.jp",
    "aero-systems.com",
];
const COMPANIES: &[&str] = &[
    "Nordwerk Maschinenbau GmbH",
    "Acme Industries SA",
    "Fabbrica Meccanica SpA",
    "Precision Parts Ltd",
    "Ingeniería Avanzada SL",
    "Aero Systems Inc",
    "Kaizen Robotics KK",
    "Polska Konstrukcja Sp. z o.o.",
];
const CITIES: &[(&str, &str)] = &[
    ("PARIS", "FRANCE"),
    ("LYON", "FRANCE"),
    ("STUTTGART", "GERMANY"),
    ("MUNICH", "GERMANY"),
    ("MILAN", "ITALY"),
    ("MADRID", "SPAIN"),
    ("LONDON", "UNITED KINGDOM"),
    ("OSAKA", "JAPAN"),
    ("WARSAW", "POLAND"),
];
const PROJECTS: &[&str] = &[
    "Digital Twin Rollout",
    "PLM Migration",
    "Simulation Expansion",
    "Factory Planning",
    "Composite Design Program",
    "Cloud Onboarding",
    "Supplier Collaboration",
    "Quality Traceability",
    "Electrification Platform",
];
const MILESTONES: &[&str] = &[
    "Technical workshop",
    "Proof of value",
    "Executive sponsor meeting",
    "Pricing review",
    "Contract signature",
    "Pilot kickoff",
];
const OFFERS: &[&str] = &[
    "MDMIND00022_PUBL_ISE00002687_IPE00021337",
    "3DEXPERIENCE_Design/Engineering_On_Premise",
    "CATIA_MECHANICAL_DESIGN_ENGINEER",
    "SIMULIA_ABAQUS_CAE_TOKENS",
    "ENOVIA_PROJECT_MANAGEMENT_CLOUD",
    "DELMIA_FACTORY_PLANNING",
    "SOLIDWORKS_PREMIUM_SUBSCRIPTION",
];
const CURRENCIES: &[&str] = &["EUR", "USD", "GBP", "JPY", "CHF", "SEK", "PLN", "CAD"];
const REVENUE_TYPES: &[&str] = &[
    "UPFRONT",
    "RENTAL_BOOKING",
    "SUPPORT_SERVICES",
    "SERVICES_SIGNING",
];
const SALUTATIONS: &[&str] = &["MR", "Mr", "M.", "Mr.", "Ms.", "Dr."];
const JOB_TITLES: &[&str] = &[
    "",
    "Engineering Manager",
    "CIO",
    "Head of Design",
    "Procurement Lead",
    "CAD Administrator",
];
const REASONS_WON: &[&str] = &[
    "SOLUTION_FUNCT",
    "STRNG_VAL_PROP",
    "LWR_CST_OF_OWNRSHIP",
    "GOOD_CSTMR_REFER",
    "PRTNR_SKILL_&_EXPRT",
    "STRONG_CLIENT_RELATION",
];
const REASONS_LOST: &[&str] = &[
    "BETTER_COMP_OFFER",
    "FUNC_GAP",
    "SOFT_COST_TOO_HIGH",
    "CLIENT_HAS_NO_MORE_BUDGET",
    "NO_PROJECT",
    "LOST_TO_ANOTHER_PARTNER",
];
const COMPETITORS: &[&str] = &["Siemens", "PTC", "Autodesk", "Hexagon", "Altair"];

/// Statuses with the forecast categories that fit them.
const STATUSES: &[(&str, &[&str])] = &[
    ("LEAD_OPEN", &["EMPTY"]),
    ("QUALIFIED", &["EMPTY"]),
    ("ACCEPTED", &["EMPTY"]),
    ("OPPY_OPEN", &["UPSIDE", "COMMIT", "SAFE", "LONGSHOT"]),
    ("VALIDATED", &["UPSIDE", "COMMIT", "SAFE", "LONGSHOT"]),
    ("ESTABLISHED", &["UPSIDE", "COMMIT", "SAFE", "LONGSHOT"]),
    ("WON", &["WON"]),
    ("LOST", &["LOST"]),
];

fn partner_lead_id(rng: &mut Rng, n: usize) -> String {
    format!(
        "{}-{:06}{}",
        rng.pick(&["CRM-OPPY", "PARTNER-CRM-LEAD", "API4PARTNERS", "SF-OPP"]),
        n,
        rng.chars(UPPER_DIGITS, 2)
    )
}

fn ds_lead_id(rng: &mut Rng) -> String {
    format!(
        "{}-{}",
        rng.chars(UPPER_DIGITS, 4),
        rng.chars(UPPER_DIGITS, 6)
    )
}

fn fifteen_digits(rng: &mut Rng) -> String {
    format!("2000000{}", rng.chars(DIGITS, 8))
}

fn ascii_fold(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'é' | 'è' => 'e',
            'ç' => 'c',
            'ã' => 'a',
            'á' => 'a',
            'ü' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn email(rng: &mut Rng, first: &str, last: &str) -> String {
    format!(
        "{}.{}@{}",
        ascii_fold(first),
        ascii_fold(last),
        rng.pick(DOMAINS)
    )
}

/// A date-time after [`TODAY`] (close dates, milestones), with milliseconds and `Z`.
fn future_date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:00.000Z",
        rng.range(2025, 2027),
        rng.range(3, 12),
        rng.range(1, 28),
        rng.range(0, 23),
        rng.range(0, 59)
    )
}

/// A date-time in 2024 (created dates), and one a little later the same year (modified).
fn created_modified(rng: &mut Rng) -> (String, String) {
    let month = rng.range(1, 11);
    let day = rng.range(1, 28);
    let created = format!(
        "2024-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rng.range(0, 23),
        rng.range(0, 59),
        rng.range(0, 59),
        rng.range(0, 999)
    );
    let modified = format!(
        "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        month + 1,
        rng.range(1, 28),
        rng.range(0, 23),
        rng.range(0, 59),
        rng.range(0, 59),
        rng.range(0, 999)
    );
    (created, modified)
}

fn amount(rng: &mut Rng) -> Value {
    if rng.chance(70) {
        json!(rng.range(500, 250_000))
    } else {
        json!(rng.range(50_000, 9_999_999) as f64 / 100.0)
    }
}

/// 1 to `max` items.
fn offer_lines(rng: &mut Rng, max: usize) -> Value {
    let n = 1 + rng.below(max);
    (0..n)
        .map(|_| {
            json!({
                "amount": amount(rng),
                "offerNameId": rng.pick(OFFERS),
                "revenueType": rng.pick(REVENUE_TYPES),
            })
        })
        .collect()
}

/// 1 to `max` items.
fn customer_contacts(rng: &mut Rng, max: usize) -> Value {
    let n = 1 + rng.below(max);
    (0..n)
        .map(|_| {
            let first = *rng.pick(FIRST_NAMES);
            let last = *rng.pick(LAST_NAMES);
            json!({
                "phoneNumber": format!("+33{}", rng.chars(DIGITS, 9)),
                "salutation": rng.pick(SALUTATIONS),
                "jobTitle": rng.pick(JOB_TITLES),
                "email": email(rng, first, last),
                "firstName": first,
                "lastName": last,
            })
        })
        .collect()
}

/// 1 to `max` items.
fn partner_contacts(rng: &mut Rng, max: usize) -> Value {
    let n = 1 + rng.below(max);
    (0..n)
        .map(|_| {
            let first = *rng.pick(FIRST_NAMES);
            let last = *rng.pick(LAST_NAMES);
            json!({
                "salesRepEmail": email(rng, first, last),
                "salesRepFirstName": first,
                "salesRepLastName": last,
            })
        })
        .collect()
}

fn legal_entity(rng: &mut Rng, full: bool) -> Value {
    let (city, country) = *rng.pick(CITIES);
    let mut entity = json!({
        "id": fifteen_digits(rng),
        "name": rng.pick(COMPANIES),
        "city": city,
        "country": country,
    });
    let extra = if full {
        json!({
            "dunsNumber": null, "vatNumber": null, "registrationId": null,
            "addressLine1": if rng.chance(40) { json!(format!("{} rue de l'Industrie", rng.range(1, 200))) } else { Value::Null },
            "addressLine2": null, "statePrefecture": null,
            "zipCode": rng.chars(DIGITS, 5), "websiteUrl": null,
        })
    } else {
        json!({})
    };
    merge(&mut entity, extra);
    entity
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(a), Value::Object(b)) = (into, from) {
        a.extend(b);
    }
}

/// Status, forecast category, reasons won and lost that agree with each other.
fn status_fields(rng: &mut Rng) -> Map<String, Value> {
    let (status, categories) = *rng.pick(STATUSES);
    let category = *rng.pick(categories);
    let reasons = |rng: &mut Rng, codes: &[&str]| -> Value {
        let first = rng.below(codes.len());
        let n = 1 + rng.below(2);
        (0..n)
            .map(|i| json!(codes[(first + i) % codes.len()]))
            .collect()
    };
    let (won, lost) = match status {
        "WON" => (reasons(rng, REASONS_WON), json!(["EMPTY"])),
        "LOST" => (json!(["EMPTY"]), reasons(rng, REASONS_LOST)),
        _ => (json!(["EMPTY"]), json!(["EMPTY"])),
    };
    let mut fields = Map::new();
    fields.insert("status".into(), json!(status));
    fields.insert("forecastCategory".into(), json!(category));
    fields.insert("reasonWon".into(), won);
    fields.insert("reasonLost".into(), lost);
    fields
}

fn project_name(rng: &mut Rng) -> String {
    format!(
        "{} at {}",
        rng.pick(PROJECTS),
        rng.pick(COMPANIES).split(' ').next().unwrap_or("Acme")
    )
}

fn get_response(rng: &mut Rng, n: usize) -> Value {
    let (created, modified) = created_modified(rng);
    let owner_first = *rng.pick(FIRST_NAMES);
    let owner_last = *rng.pick(LAST_NAMES);
    let contacts = if rng.chance(25) { 2 } else { 1 };
    let mut lead = json!({
        "partnerLeadOpportunityId": partner_lead_id(rng, n),
        "dsLeadOpportunityId": ds_lead_id(rng),
        "name": project_name(rng),
        "dsOwnerEmail": format!("{}.{}@3ds.com", ascii_fold(owner_first), ascii_fold(owner_last)),
        "closeDate": future_date(rng),
        "cometCampaignCode": format!("OC{}", rng.chars(UPPER_DIGITS, 15)),
        "competitors": if rng.chance(30) { json!([rng.pick(COMPETITORS)]) } else { Value::Null },
        "reasonWonLostComment": "",
        "gtmTacticId": null,
        "description": "",
        "nextMilestone": rng.pick(MILESTONES),
        "nextMilestoneDate": future_date(rng),
        "currency": rng.pick(CURRENCIES),
        "approvalStatus": rng.pick(&["PRE_APPROVED", "EMPTY"]),
        "engagementType": rng.pick(&["EXTEND", "EMPTY"]),
        "poInformation": "",
        "poStatus": null,
        "poNumber": null,
        "sboIndicator": "EMPTY",
        "sboStatus": null,
        "sboNumber": null,
        "growthType": "EMPTY",
        "leadPriority": "EMPTY",
        "levelOfInterest": "EMPTY",
        "dsComment": "",
        "partnerImportMode": "EMPTY",
        "createdDate": created,
        "modifiedDate": modified,
        "offerLines": offer_lines(rng, 2),
        "customerContact": customer_contacts(rng, contacts),
        "partnerContact": if rng.chance(20) { partner_contacts(rng, 1) } else { Value::Null },
        "customerLegalEntity": legal_entity(rng, true),
    });
    if let Value::Object(lead) = &mut lead {
        lead.extend(status_fields(rng));
    }
    json!({
        "error": null,
        "info": {
            "success": true,
            "statusCode": 200,
            "timeStamp": null,
            "traceId": null,
        },
        "data": {"leadOpportunity": lead},
    })
}

fn request_lead(rng: &mut Rng, n: usize, create: bool) -> Value {
    let mut lead = json!({
        "partnerLeadOpportunityId": partner_lead_id(rng, n),
        "name": project_name(rng),
        "closeDate": future_date(rng),
        "currency": rng.pick(CURRENCIES),
        "nextMilestone": rng.pick(MILESTONES),
        "nextMilestoneDate": future_date(rng),
    });
    if let Value::Object(object) = &mut lead {
        let mut status = status_fields(rng);
        if create && status["forecastCategory"] == "EMPTY" {
            status.remove("forecastCategory");
        }
        object.extend(status);
        if rng.chance(30) {
            object.insert("competitors".into(), json!([rng.pick(COMPETITORS)]));
        }
    }
    lead
}

fn create_request(rng: &mut Rng, n: usize) -> Value {
    json!({
        "partnerId": fifteen_digits(rng),
        "leadOpportunity": request_lead(rng, n, true),
        "offerLines": offer_lines(rng, 3),
        "customerLegalEntity": legal_entity(rng, false),
        "customerContacts": customer_contacts(rng, 2),
        "partnerContacts": partner_contacts(rng, 1),
    })
}

fn update_request(rng: &mut Rng, n: usize) -> Value {
    let mut body = json!({"leadOpportunity": request_lead(rng, n, false)});
    if rng.chance(50) {
        merge(&mut body, json!({"offerLines": offer_lines(rng, 2)}));
    }
    body
}

fn search_request(rng: &mut Rng, n: usize) -> Value {
    let ids: Vec<String> = (0..1 + rng.below(4))
        .map(|i| partner_lead_id(rng, n * 10 + i))
        .collect();
    let day = rng.range(1, 20);
    let window = json!({"modifiedDate": {
        "fromDate": format!("2024-08-{day:02}T08:00:00Z"),
        "toDate": format!("2024-08-{:02}T18:00:00Z", day + rng.range(0, 6)),
    }});
    let data = match rng.below(3) {
        0 => json!([{"partnerLeadOpportunityId": ids}]),
        1 => json!([window]),
        _ => json!([{"partnerLeadOpportunityId": ids}, window]),
    };
    json!({ "data": data })
}

/// A successful response's `info`, its time stamp under `key`; update responses carry no
/// trace id.
fn ok_info(rng: &mut Rng, key: &str, trace: bool) -> Value {
    let trace_id = if trace {
        json!(rng.chars(b"0123456789abcdef", 32))
    } else {
        Value::Null
    };
    let mut info = json!({"success": true, "statusCode": 200, "traceId": trace_id});
    if let Value::Object(o) = &mut info {
        o.insert(
            key.into(),
            json!(format!("2024-08-{:02}T16:36:23Z", rng.range(1, 28))),
        );
    }
    info
}

fn create_response(rng: &mut Rng, n: usize) -> Value {
    json!({
        "dsLeadOpportunityId": ds_lead_id(rng),
        "partnerLeadOpportunityId": partner_lead_id(rng, n),
        "action": "create",
        "info": ok_info(rng, "timestamp", true),
        "error": null,
    })
}

fn update_response(rng: &mut Rng, n: usize) -> Value {
    json!({
        "info": ok_info(rng, "timeStamp", false),
        "error": null,
        "data": {
            "dsLeadOpportunityId": ds_lead_id(rng),
            "partnerLeadOpportunityId": partner_lead_id(rng, n),
            "action": "update",
        },
    })
}

fn search_response(rng: &mut Rng, _n: usize) -> Value {
    let ids: Vec<String> = (0..1 + rng.below(6)).map(|_| ds_lead_id(rng)).collect();
    json!({
        "info": ok_info(rng, "timeStamp", true),
        "error": null,
        "data": [{"dsLeadOpportunityId": ids}],
    })
}

fn error_response(rng: &mut Rng, _n: usize) -> Value {
    match rng.below(3) {
        0 => json!({"message": rng.pick(&["Unauthorized", "Forbidden", "Too Many Requests"])}),
        1 => json!({
            "info": {"success": false, "statusCode": 400, "timeStamp": format!("2024-08-{:02}T10:00:00Z", rng.range(1, 28)), "traceId": rng.chars(b"0123456789abcdef", 32)},
            "error": {"code": "ERR805", "message": "Incorrect date format for closeDate"},
            "data": null,
        }),
        _ => json!({
            "info": {"success": false, "statusCode": *rng.pick(&[500, 503]), "timeStamp": format!("2024-09-{:02}T03:00:00Z", rng.range(1, 28)), "traceId": rng.chars(b"0123456789abcdef", 32)},
            "error": {"code": "ERROR_500", "message": "Service unavailable, retry later"},
            "data": null,
        }),
    }
}

// The order domain: orders search and GET, price lists, accreditations, portfolio, API keys.

const LOCAL_TIME_ZONES: &[&str] = &["CET", "EST", "PST", "GMT", "JST", "IST", "AEST", "UTC"];
const ORDER_STATUSES: &[&str] = &[
    "Draft",
    "Quote",
    "Finance Approved",
    "Sales Approved",
    "On Hold",
    "Sent to DSx.Finance",
];
const ORDER_TYPES: &[&str] = &[
    "New",
    "Renewal",
    "Stop & Parallel Use",
    "DS Brand -> DS OTC Platform",
];
const SUB_ORDER_TYPES: &[&str] = &["New License", "License Renewal", "Stop (NO Parallel Use)"];
const ORDER_REVENUE_TYPES: &[&str] = &["ALC", "PLC", "QLC", "YLC", "PSC"];
const PRODUCT_TYPES: &[&str] = &["Named User", "Add-On", "Configuration", "Token-Based"];
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("FRA", "France", "EUR"),
    ("DEU", "Germany", "EUR"),
    ("USA", "United States", "USD"),
    ("JPN", "Japan", "JPY"),
    ("CAN", "Canada", "CAD"),
    ("BLZ", "Belize", "USD"),
];

/// A date in the first half of January 2025 (before [`TODAY`]), as `YYYY-MM-DD`.
fn january_date(rng: &mut Rng) -> String {
    format!("2025-01-{:02}", rng.range(1, 7))
}

fn order_info(rng: &mut Rng, items: usize) -> Value {
    json!({"success": true, "statusCode": 200, "estimatedSearchCount": items as u64 + rng.range(0, 3)})
}

fn order_site(rng: &mut Rng) -> Value {
    let mut site = json!({
        "id": fifteen_digits(rng),
        "name": format!("{} {}", project_name(rng), rng.pick(&["SA", "GmbH", "Inc."])),
        "locationId": rng.range(1, 999),
    });
    if rng.chance(50) {
        site["localName"] = json!(rng.pick(&["示例公司", "Société Exemple", "Beispiel AG"]));
    }
    site
}

/// The members an order search item and an order GET item share.
fn order_common(rng: &mut Rng) -> Map<String, Value> {
    let (code, _, currency) = *rng.pick(COUNTRIES);
    let day = rng.range(1, 6);
    let last = *rng.pick(LAST_NAMES);
    let first = *rng.pick(FIRST_NAMES);
    let value = json!({
        "transaction": {
            "id": format!("PO_{}", rng.chars(DIGITS, 10)),
            "type": rng.pick(&["PO", "RN"]),
            "status": rng.pick(ORDER_STATUSES),
            "description": format!("Order {} {}", code, rng.chars(UPPER_DIGITS, 6)),
        },
        "businessUnit": {
            "id": format!("BU{}", rng.chars(DIGITS, 3)),
            "name": format!("Sales Unit {}", rng.chars(UPPER_DIGITS, 2)),
            "localTimezone": rng.pick(LOCAL_TIME_ZONES),
        },
        "billToSite": order_site(rng),
        "soldToSite": order_site(rng),
        "creationDateTime": format!("2025-01-{day:02}T{:02}:30:00Z", rng.range(0, 23)),
        "bookingDateTime": format!("2025-01-{:02}T18:00:00Z", day + 1),
        "currency": currency,
        "onlineConsentStatus": rng.pick(&["Accepted", "Not Requested", "Requested"]),
        "billToSalesRepresentative": format!("{}, {first}", last.to_uppercase()),
        "billToPoReference": format!("PO-{}", rng.chars(UPPER_DIGITS, 10)),
    });
    let Value::Object(map) = value else {
        unreachable!("an object literal")
    };
    map
}

fn order_search_request(rng: &mut Rng, _n: usize) -> Value {
    let day = rng.range(1, 7);
    match rng.below(3) {
        0 => json!({
            "creationDateTime": {
                "from": format!("2025-01-{day:02}T00:00:00Z"),
                "to": format!("2025-01-{:02}T00:00:00Z", day + rng.range(1, 7)),
            },
            "transactionType": rng.pick(&["PO", "RN"]),
        }),
        1 => json!({
            // Both bounds: a lone one is A4P403's info (DS computes the other).
            "lastUpdateDateTime": {
                "from": format!("2025-01-{day:02}T08:00:00Z"),
                "to": format!("2025-01-{:02}T20:00:00Z", day + 2),
            },
            "installedBaseNumber": format!("LN{}", rng.chars(DIGITS, 11)),
        }),
        _ => json!({
            "billToPoReferences": (0..rng.range(1, 3)).map(|_| rng.chars(DIGITS, 6)).collect::<Vec<_>>(),
            "onlineInstanceSeatId": format!("R{}", rng.chars(DIGITS, 13)),
        }),
    }
}

fn order_search_response(rng: &mut Rng, _n: usize) -> Value {
    let items = rng.range(1, 5) as usize;
    let data: Vec<Value> = (0..items)
        .map(|_| {
            let mut item = order_common(rng);
            item.insert("dsRecievedPoDate".into(), json!(january_date(rng)));
            Value::Object(item)
        })
        .collect();
    json!({"data": data, "info": order_info(rng, items), "error": []})
}

/// A license charge breakdown item: its total list price is its unit price times its quantity,
/// in whole units so that the product is exact.
fn order_sub_line(rng: &mut Rng, sequence: usize) -> Value {
    let quantity = rng.range(1, 20);
    let unit = rng.range(5, 400) * 10;
    let total = unit * quantity;
    let net = total - total / 20;
    json!({
        "sequenceNumber": sequence,
        "installedBaseNumber": format!("LN{}", rng.chars(DIGITS, 11)),
        "subOrderType": rng.pick(SUB_ORDER_TYPES),
        "revenueType": rng.pick(ORDER_REVENUE_TYPES),
        "portfolio": rng.pick(&["CATIA", "ENOVIA", "SIMULIA", "DELMIA"]),
        "release": "3DEXPERIENCE R2025x",
        "product": {
            "trigram": rng.chars(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3),
            "type": rng.pick(PRODUCT_TYPES),
            "number": format!("{}-{}", rng.chars(UPPER_DIGITS, 3), rng.chars(UPPER_DIGITS, 3)),
            "name": format!("{} Standard with Cloud Services", project_name(rng)),
            "dsOffering": rng.pick(&["Licensed Program", "Online Services"]),
        },
        "quantity": quantity,
        "unitListPrice": unit,
        "totalListPrice": total,
        "billToNetAmount": net,
        "billToAnnualAmount": net,
        "billToDiscountPercentage": 5,
        "billToMarginPercentage": 1.5,
        "maximumCustomerNetAmount": net,
        "maximumCustomerAnnualAmount": net,
        "minimumCustomerDiscountPercentage": 0.5,
        "startDate": "2025-02-01",
        "endDate": "2026-01-31",
        "duration": 1,
        "calculatedStartDate": "2025-02-01",
        "calculatedEndDate": "2026-01-31",
        "yearNumber": 1,
    })
}

fn order_line(rng: &mut Rng, sequence: usize) -> Value {
    let sub_lines: Vec<Value> = (1..=rng.range(1, 5) as usize)
        .map(|s| order_sub_line(rng, s))
        .collect();
    let waiver = if rng.chance(50) {
        json!({"duration": rng.range(1, 3)})
    } else {
        json!({"endDate": "2025-03-31"})
    };
    json!({
        "sequenceNumber": sequence,
        "lineGroup": format!("SBL{}", rng.chars(DIGITS, 10)),
        "onlineInstanceSeatId": format!("R{}", rng.chars(DIGITS, 13)),
        "orderType": rng.pick(ORDER_TYPES),
        "usageScope": rng.pick(&["GEO EMEA", "GEO AMERICAS", "France"]),
        "promotion": {"id": format!("PAO{}", rng.chars(DIGITS, 7)), "name": "3DEXPERIENCE for small and medium business"},
        "waiver": waiver,
        "licenseChargeBreakdown": sub_lines,
    })
}

fn order_get_response(rng: &mut Rng, _n: usize) -> Value {
    let mut order = order_common(rng);
    let lines: Vec<Value> = (1..=rng.range(1, 4) as usize)
        .map(|s| order_line(rng, s))
        .collect();
    let last = *rng.pick(LAST_NAMES);
    let first = *rng.pick(FIRST_NAMES);
    let extra = json!({
        "agreement": {"type": "General VAR Agreement", "reference": format!("Enterprise License Agreement Q{} 2024", rng.range(1, 4))},
        "billToContact": format!("{}, {first}", last.to_uppercase()),
        "dsReceivedPoDate": january_date(rng),
        "sboNumber": format!("ABC{}", rng.chars(DIGITS, 7)),
        "customerRequestedArrivalDate": "2025-02-01",
        "dsSalesRepresentative": "DOE, John",
        "isMultiYear": false,
        "hasExitClause": rng.chance(50),
        "recurringChargeBillingCycle": rng.pick(&["Calendar Year", "Rolling Year 360", "Immediate"]),
        "opportunity": format!("{}-{}", rng.chars(UPPER_DIGITS, 4), rng.chars(UPPER_DIGITS, 6)),
        "paymentTerms": "Net Date of Invoice + 60 days",
        "licenseChargeConditions": lines,
    });
    if let Value::Object(extra) = extra {
        order.extend(extra);
    }
    json!({"data": [order], "info": order_info(rng, 1), "error": []})
}

fn price_list_search_response(rng: &mut Rng, _n: usize) -> Value {
    let countries = rng.range(1, 6) as usize;
    let data: Vec<Value> = COUNTRIES[..countries]
        .iter()
        .map(|(code, name, currency)| {
            let future = rng.chance(30);
            json!({
                "countryCode": code,
                "countryName": name,
                "priceLists": [{
                    "id": rng.range(1, 40),
                    "name": format!("{name} Price List"),
                    "currency": currency,
                    "hasFuturePriceList": future,
                    "effectiveDate": if future { json!("2025-09-09") } else { Value::Null },
                }],
            })
        })
        .collect();
    json!({"data": data, "info": order_info(rng, countries), "error": []})
}

fn accreditation_search_response(rng: &mut Rng, _n: usize) -> Value {
    let items = rng.range(1, 5) as usize;
    let data: Vec<Value> = (0..items)
        .map(|_| {
            if rng.chance(50) {
                json!({
                    "id": format!("PRTF{}", rng.range(1, 999)),
                    "name": format!("Public Cloud {}", project_name(rng)),
                    "accreditationType": "Portfolio",
                    "deploymentType": rng.pick(&["On Premise", "Public Cloud"]),
                })
            } else {
                json!({
                    "id": format!("IPE{}", rng.chars(DIGITS, 8)),
                    "name": format!("04-{}", project_name(rng)),
                    "accreditationType": "Industry Process Experience",
                    "industrySolutionExperience": {"id": format!("ISE{}", rng.chars(DIGITS, 8)), "name": "Engineered to Fly"},
                    "solutionRelease": {"id": format!("REL{}", rng.chars(DIGITS, 8)), "name": "3DEXPERIENCE R2024x"},
                    "industry": {"id": format!("IND{}", rng.chars(DIGITS, 6)), "name": "Aerospace & Defense"},
                })
            }
        })
        .collect();
    json!({"data": data, "info": order_info(rng, items), "error": []})
}

fn portfolio_search_response(rng: &mut Rng, _n: usize) -> Value {
    let items = rng.range(1, 8) as usize;
    let data: Vec<Value> = (0..items)
        .map(|_| {
            json!({
                "salesPortfolioType": "Brand",
                "salesPortfolioInfrastructure": rng.pick(&["On Premise", "Cloud"]),
                "salesPortfolioisOrderable": rng.chance(80),
                "salesPortfolioLevel1": "3DEXPERIENCE",
                "salesPortfolioLevel2": rng.pick(&["Simulation", "Design", "Manufacturing"]),
                "salesPortfolioLevel3": project_name(rng),
                "salesPortfolioId": format!("CLASS{}_ONPR_PRTF{}_SOL{}", rng.chars(DIGITS, 5), rng.chars(DIGITS, 3), rng.chars(DIGITS, 6)),
            })
        })
        .collect();
    json!({
        "data": data,
        "info": {
            "success": true,
            "statusCode": 200,
            "timeStamp": format!("2025-01-{:02}T07:45:59.000Z", rng.range(1, 14)),
            "estimatedSearchCount": items as u64 + rng.range(0, 100),
        },
    })
}

fn apikey_response(rng: &mut Rng, _n: usize) -> Value {
    const BCRYPT: &[u8] = b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    json!({
        "hashed_key": format!("$2b$12${}", rng.chars(BCRYPT, 53)),
        "api_key": rng.chars(b"0123456789abcdef", 64),
    })
}

/// The `n`-th valid payload of `kind` for `seed`, as a value.
pub fn valid_value(kind: PayloadKind, seed: u64, n: usize) -> Value {
    let mut rng =
        Rng::new(seed ^ (n as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ kind.index() as u64);
    match kind {
        PayloadKind::CreateRequest => create_request(&mut rng, n),
        PayloadKind::UpdateRequest => update_request(&mut rng, n),
        PayloadKind::SearchRequest => search_request(&mut rng, n),
        PayloadKind::GetResponse => get_response(&mut rng, n),
        PayloadKind::CreateResponse => create_response(&mut rng, n),
        PayloadKind::UpdateResponse => update_response(&mut rng, n),
        PayloadKind::SearchResponse => search_response(&mut rng, n),
        PayloadKind::OrderSearchRequest => order_search_request(&mut rng, n),
        PayloadKind::OrderSearchResponse => order_search_response(&mut rng, n),
        PayloadKind::OrderGetResponse => order_get_response(&mut rng, n),
        PayloadKind::PriceListSearchResponse => price_list_search_response(&mut rng, n),
        PayloadKind::AccreditationSearchResponse => accreditation_search_response(&mut rng, n),
        PayloadKind::PortfolioSearchResponse => portfolio_search_response(&mut rng, n),
        PayloadKind::ApikeyResponse => apikey_response(&mut rng, n),
        PayloadKind::ErrorResponse => error_response(&mut rng, n),
        other => unimplemented!("no generator for {other} yet: add one"),
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("a Value always serializes")
}

/// `n` valid payloads of `kind`.
pub fn valid(kind: PayloadKind, seed: u64, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| pretty(&valid_value(kind, seed, i)))
        .collect()
}

/// One mistake: it changes a value (or, for duplicate keys, the text) so that the linter
/// reports exactly one finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mistake {
    /// `status` misspelled (A4P101).
    StatusTypo,
    /// An offer line's revenueType in lower case (A4P101).
    RevenueTypeCase,
    /// A currency that is no ISO 4217 code (A4P302).
    UnknownCurrency,
    /// A contact's email without its `@` (A4P303).
    EmailWithoutAt,
    /// A misspelled member next to the real ones (A4P103).
    UnknownProperty,
    /// An amount as a string (A4P104).
    AmountAsString,
    /// A lead-opportunity id in the wrong shape (A4P304).
    BadDsId,
    /// A member written twice (A4P002).
    DuplicateKey,
}

const MISTAKES: [Mistake; 8] = [
    Mistake::StatusTypo,
    Mistake::RevenueTypeCase,
    Mistake::UnknownCurrency,
    Mistake::EmailWithoutAt,
    Mistake::UnknownProperty,
    Mistake::AmountAsString,
    Mistake::BadDsId,
    Mistake::DuplicateKey,
];

/// The lead-opportunity object of a payload that has one.
fn lead_mut(kind: PayloadKind, value: &mut Value) -> Option<&mut Map<String, Value>> {
    match kind {
        PayloadKind::GetResponse => value.pointer_mut("/data/leadOpportunity")?.as_object_mut(),
        PayloadKind::CreateRequest | PayloadKind::UpdateRequest => {
            value.pointer_mut("/leadOpportunity")?.as_object_mut()
        }
        _ => None,
    }
}

/// The object holding the `currency` of a payload that has one: the lead-opportunity, or the
/// order of an order GET response.
fn currency_holder(kind: PayloadKind, value: &mut Value) -> Option<&mut Map<String, Value>> {
    match kind {
        PayloadKind::OrderGetResponse => value.pointer_mut("/data/0")?.as_object_mut(),
        _ => lead_mut(kind, value),
    }
}

/// The first license charge breakdown item of an order GET response.
fn first_sub_line(value: &mut Value) -> Option<&mut Map<String, Value>> {
    value
        .pointer_mut("/data/0/licenseChargeConditions/0/licenseChargeBreakdown/0")?
        .as_object_mut()
}

/// The member written twice by [`Mistake::DuplicateKey`] in a kind.
pub fn duplicated_member(kind: PayloadKind) -> &'static str {
    match kind {
        PayloadKind::OrderGetResponse => "billToPoReference",
        _ => "partnerLeadOpportunityId",
    }
}

/// Applies `mistake` to the value; `false` when the payload has no place for it.
fn apply(kind: PayloadKind, value: &mut Value, mistake: Mistake) -> bool {
    match mistake {
        Mistake::StatusTypo => {
            let status = match kind {
                PayloadKind::OrderGetResponse => value.pointer_mut("/data/0/transaction/status"),
                _ => lead_mut(kind, value).and_then(|lead| lead.get_mut("status")),
            };
            match status {
                Some(Value::String(s)) => {
                    s.push(s.chars().last().unwrap_or('X'));
                    true
                }
                _ => false,
            }
        }
        Mistake::RevenueTypeCase if kind == PayloadKind::OrderGetResponse => {
            match first_sub_line(value).and_then(|line| line.get_mut("revenueType")) {
                Some(Value::String(s)) => {
                    *s = s.to_ascii_lowercase();
                    true
                }
                _ => false,
            }
        }
        Mistake::RevenueTypeCase => {
            let lines = match kind {
                PayloadKind::GetResponse => value.pointer_mut("/data/leadOpportunity/offerLines"),
                _ => value.pointer_mut("/offerLines"),
            };
            match lines.and_then(|l| l.pointer_mut("/0/revenueType")) {
                Some(Value::String(s)) => {
                    *s = s.to_ascii_lowercase();
                    true
                }
                _ => false,
            }
        }
        Mistake::UnknownCurrency => match currency_holder(kind, value) {
            Some(lead) if lead.contains_key("currency") => {
                lead.insert("currency".into(), json!("ABC"));
                true
            }
            _ => false,
        },
        Mistake::EmailWithoutAt => {
            let pointer = match kind {
                PayloadKind::GetResponse => "/data/leadOpportunity/customerContact/0/email",
                PayloadKind::CreateRequest => "/customerContacts/0/email",
                _ => return false,
            };
            match value.pointer_mut(pointer) {
                Some(Value::String(s)) => {
                    *s = s.replacen('@', ".at.", 1);
                    true
                }
                _ => false,
            }
        }
        Mistake::UnknownProperty => match currency_holder(kind, value) {
            Some(lead) => {
                lead.insert("closingDate".into(), json!("2025-12-31T00:00:00.000Z"));
                true
            }
            None => false,
        },
        Mistake::AmountAsString if kind == PayloadKind::OrderGetResponse => {
            match first_sub_line(value).and_then(|line| line.get_mut("unitListPrice")) {
                Some(price @ Value::Number(_)) => {
                    *price = json!(price.to_string());
                    true
                }
                _ => false,
            }
        }
        Mistake::AmountAsString => {
            let lines = match kind {
                PayloadKind::GetResponse => value.pointer_mut("/data/leadOpportunity/offerLines"),
                _ => value.pointer_mut("/offerLines"),
            };
            let Some(Value::Array(lines)) = lines else {
                return false;
            };
            match lines.last_mut().and_then(|l| l.get_mut("amount")) {
                Some(amount @ Value::Number(_)) => {
                    *amount = json!(amount.to_string());
                    true
                }
                _ => false,
            }
        }
        Mistake::BadDsId => match kind {
            PayloadKind::GetResponse => {
                match value.pointer_mut("/data/leadOpportunity/dsLeadOpportunityId") {
                    Some(Value::String(s)) => {
                        *s = s.replace('-', "");
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        },
        // Applied to the text after printing.
        Mistake::DuplicateKey => matches!(
            kind,
            PayloadKind::GetResponse
                | PayloadKind::CreateRequest
                | PayloadKind::UpdateRequest
                | PayloadKind::OrderGetResponse
        ),
    }
}

/// Writes the kind's [`duplicated_member`] twice (same value): one duplicate key.
fn duplicate_key(kind: PayloadKind, text: &str) -> String {
    let key = format!("\"{}\": ", duplicated_member(kind));
    let Some(start) = text.find(&key) else {
        return text.to_owned();
    };
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = start + text[start..].find('\n').unwrap_or(text.len() - start);
    let mut line = text[line_start..line_end].to_owned();
    if !line.ends_with(',') {
        line.push(',');
    }
    let mut out = String::with_capacity(text.len() + line.len() + 1);
    out.push_str(&text[..line_start]);
    out.push_str(&line);
    out.push('\n');
    out.push_str(&text[line_start..]);
    out
}

/// The `n`-th invalid payload of `kind`: a valid one with 1 to 5 mistakes, each one finding.
/// `None` for kinds without room for mistakes of this set (searches and the short responses).
pub fn invalid_payload(kind: PayloadKind, seed: u64, n: usize) -> Option<Payload> {
    let mut value = valid_value(kind, seed, n);
    let mut rng = Rng::new(seed.rotate_left(17) ^ n as u64);
    let wanted = 1 + rng.below(5);
    let start = rng.below(MISTAKES.len());
    let mut applied = Vec::new();
    for i in 0..MISTAKES.len() {
        if applied.len() == wanted {
            break;
        }
        let mistake = MISTAKES[(start + i) % MISTAKES.len()];
        if apply(kind, &mut value, mistake) {
            applied.push(mistake);
        }
    }
    if applied.is_empty() {
        return None;
    }
    let mut text = pretty(&value);
    if applied.contains(&Mistake::DuplicateKey) {
        text = duplicate_key(kind, &text);
    }
    Some(Payload {
        text,
        findings: applied.len(),
    })
}

/// `n` invalid payloads of `kind` (empty for kinds without room for mistakes).
pub fn invalid(kind: PayloadKind, seed: u64, n: usize) -> Vec<Payload> {
    (0..n)
        .map_while(|i| invalid_payload(kind, seed, i))
        .collect()
}

/// `n` payloads of `kind`, every [`INVALID_EVERY`]-th one invalid (where the kind allows it).
pub fn mix(kind: PayloadKind, seed: u64, n: usize) -> Vec<Payload> {
    (0..n)
        .map(|i| {
            let bad = i % INVALID_EVERY == INVALID_EVERY - 1;
            bad.then(|| invalid_payload(kind, seed, i))
                .flatten()
                .unwrap_or_else(|| Payload {
                    text: pretty(&valid_value(kind, seed, i)),
                    findings: 0,
                })
        })
        .collect()
}

/// A payload on one line, for NDJSON: the pretty text re-serialized compactly (so duplicate
/// keys, which a `Value` cannot hold, are written compactly by hand).
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    out
}

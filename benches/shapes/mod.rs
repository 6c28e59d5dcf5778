//! Payloads of the shapes that multiply memory and time, at any size: what
//! `tests/memory_bounds.rs` measures in memory (10 MiB each, in release) and `benches/shapes.rs`
//! in time (several sizes each: the time per byte stays flat when the time is linear).

/// One shape: its name, the payload kind it is checked as, and how to write it in about
/// `bytes` bytes.
pub struct Shape {
    pub name: &'static str,
    pub kind: &'static str,
    pub write: fn(usize) -> String,
}

const DATA: &str = "{\"data\":[";
const LEAD: &str = "{\"leadOpportunity\":{\"partnerLeadOpportunityId\":\"x\",";

/// Every shape, the worst of each family: millions of empty objects or tiny numbers in a
/// search's `data` (each a schema error), one-key objects (serde_json gives each a B-tree
/// node of 640 bytes), the same nested 125 deep and repeated, arrays nested 125 deep and
/// repeated, a million unknown properties, a million duplicate keys.
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "empty objects",
        kind: "search-request",
        write: |bytes| repeated(DATA, "{}", "]}", bytes),
    },
    Shape {
        name: "tiny numbers",
        kind: "search-request",
        write: |bytes| repeated(DATA, "1", "]}", bytes),
    },
    Shape {
        name: "one-key objects",
        kind: "search-request",
        write: |bytes| repeated(DATA, "{\"\":0}", "]}", bytes),
    },
    Shape {
        name: "one-key objects nested 125 deep repeated",
        kind: "search-request",
        write: |bytes| {
            let deep = format!("{}0{}", "{\"\":".repeat(125), "}".repeat(125));
            repeated(DATA, &deep, "]}", bytes)
        },
    },
    Shape {
        name: "arrays nested 125 deep repeated",
        kind: "search-request",
        write: |bytes| {
            let deep = format!("{}{}", "[".repeat(125), "]".repeat(125));
            repeated(DATA, &deep, "]}", bytes)
        },
    },
    Shape {
        name: "unknown properties",
        kind: "update-request",
        write: |bytes| {
            let mut text = String::from(LEAD);
            let mut i = 0;
            while text.len() + 32 < bytes {
                text.push_str(&format!("\"k{i}\":0,"));
                i += 1;
            }
            text.push_str("\"k\":0}}");
            text
        },
    },
    Shape {
        name: "duplicate keys",
        kind: "update-request",
        write: |bytes| repeated(LEAD, "\"a\":1", "}}", bytes),
    },
];

/// `prefix`, `item` repeated with commas, `suffix`: at most `bytes` in all.
pub fn repeated(prefix: &str, item: &str, suffix: &str, bytes: usize) -> String {
    let count = (bytes - prefix.len() - suffix.len()) / (item.len() + 1);
    let mut text = String::with_capacity(bytes);
    text.push_str(prefix);
    for i in 0..count {
        if i > 0 {
            text.push(',');
        }
        text.push_str(item);
    }
    text.push_str(suffix);
    text
}

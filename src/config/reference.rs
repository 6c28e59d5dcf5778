//! Reference data the partner supplies (its portfolio, the competitors DS accepts, the format
//! of its own lead ids): read from the configuration, used by the A4P6xx rules.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::suggest::{search_folded, Budget, Folded, Nearest};

/// One portfolio item the partner may sell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioItem {
    /// `salesPortfolioId`, the value of an offer line's `offerNameId`.
    pub id: String,
    /// `salesPortfolioisOrderable`.
    pub orderable: bool,
}

/// The partner's portfolio: each `salesPortfolioId` and whether it is orderable, in the order
/// added. Each id is folded for did-you-mean (case, punctuation, letter counts) as it is
/// added, once, rather than at every lookup of every payload: a lookup in 10,000 items
/// weighs folded words only.
#[derive(Clone, Default)]
pub struct Portfolio {
    /// Each id's place in `items`.
    at: HashMap<String, usize>,
    /// Each item folded, and whether it is orderable.
    items: Vec<(Folded, bool)>,
}

impl Portfolio {
    /// Whether `id` is orderable; `None` when the portfolio does not have it.
    pub fn get(&self, id: &str) -> Option<bool> {
        self.at.get(id).map(|&at| self.items[at].1)
    }

    /// How many items it has.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it has no item.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Each id and whether it is orderable, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = (&str, bool)> {
        self.items
            .iter()
            .map(|(item, orderable)| (item.word(), *orderable))
    }

    /// Adds an item, or sets the orderability of an id it has.
    pub fn insert(&mut self, item: PortfolioItem) {
        match self.at.entry(item.id) {
            Entry::Occupied(at) => self.items[*at.get()].1 = item.orderable,
            Entry::Vacant(at) => {
                self.items
                    .push((Folded::new(at.key().as_str()), item.orderable));
                at.insert(self.items.len() - 1);
            }
        }
    }

    /// The orderable items nearest to `id`, within `budget` (A4P601's did-you-mean).
    // Public for `benches/suggest.rs`, which measures the lookup A4P601 makes.
    #[doc(hidden)]
    pub fn nearest_orderable(&self, id: &str, budget: &mut Budget) -> Nearest<'_> {
        let orderable = self
            .items
            .iter()
            .filter(|(_, orderable)| *orderable)
            .map(|(item, _)| item);
        search_folded(id, orderable, budget)
    }
}

impl PartialEq for Portfolio {
    /// The same ids, each as orderable in both, whatever the order they were added in.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(id, o)| other.get(id) == Some(o))
    }
}

impl Eq for Portfolio {}

impl std::fmt::Debug for Portfolio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl FromIterator<PortfolioItem> for Portfolio {
    fn from_iter<I: IntoIterator<Item = PortfolioItem>>(items: I) -> Self {
        let mut portfolio = Portfolio::default();
        portfolio.extend(items);
        portfolio
    }
}

impl Extend<PortfolioItem> for Portfolio {
    fn extend<I: IntoIterator<Item = PortfolioItem>>(&mut self, items: I) {
        for item in items {
            self.insert(item);
        }
    }
}

/// Reference data DS distributes to partners; checked only when supplied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferenceData {
    /// The partner's portfolio, by `salesPortfolioId`.
    pub portfolio: Option<Portfolio>,
    /// The competitor names DS accepts.
    pub competitors: Option<HashSet<String>>,
    /// The format of the partner's own `partnerLeadOpportunityId`s.
    pub lead_id_pattern: Option<IdPattern>,
}

/// The most a configured pattern may compile to (bytes of the compiled program, and of its
/// lazy DFA's cache): a hostile or careless pattern is a configuration error, not a slow or
/// huge run.
pub const MAX_PATTERN_BYTES: usize = 1 << 20;

/// A regular expression from the configuration that a whole identifier must match: compiled
/// once, within [`MAX_PATTERN_BYTES`] and a nesting limit, with the `regex` crate's
/// linear-time matching (no backtracking, so no input can make it slow).
#[derive(Debug, Clone)]
pub struct IdPattern(regex::Regex);

/// What anchors a configured pattern at both ends (the regex keeps the pattern as written
/// between them).
const ANCHORS: (&str, &str) = ("^(?:", ")$");

impl IdPattern {
    /// Compiles `pattern`, anchored at both ends; the error says why it cannot be used.
    pub fn new(pattern: &str) -> Result<Self, String> {
        let (open, close) = ANCHORS;
        regex::RegexBuilder::new(&format!("{open}{pattern}{close}"))
            .size_limit(MAX_PATTERN_BYTES)
            .dfa_size_limit(MAX_PATTERN_BYTES)
            .nest_limit(64)
            .build()
            .map(IdPattern)
            .map_err(|e| match e {
                // The syntax error's last line says what is wrong; the lines before repeat
                // the pattern with a caret, which the finding's span already shows.
                regex::Error::Syntax(text) => text
                    .lines()
                    .last()
                    .unwrap_or("invalid syntax")
                    .trim_start_matches("error: ")
                    .to_owned(),
                regex::Error::CompiledTooBig(limit) => {
                    format!("it compiles to more than the {limit}-byte limit")
                }
                other => other.to_string(),
            })
    }

    /// The pattern as written in the configuration.
    pub fn as_str(&self) -> &str {
        let anchored = self.0.as_str();
        &anchored[ANCHORS.0.len()..anchored.len() - ANCHORS.1.len()]
    }

    /// Whether the whole of `id` matches.
    pub fn matches(&self, id: &str) -> bool {
        self.0.is_match(id)
    }
}

impl PartialEq for IdPattern {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl Eq for IdPattern {}

impl ReferenceData {
    /// Portfolio items from a saved portfolio-items search response
    /// (`GET /sales/api4partners/v0/portfolio-items/search`), read through the payload's own
    /// model: each item of `data` is a [`crate::model::PortfolioItem`], its
    /// `salesPortfolioId` the id and its `salesPortfolioisOrderable` whether it may be
    /// offered (`true` when absent). An item without an id is skipped. The file is reference
    /// data, not a payload to lint: only `data` is read, so the rest of the response (`info`,
    /// which the model requires) may be left out, as in the smallest file `{"data": [...]}`.
    ///
    /// The file's root must be an object (serde would read the response from an array of its
    /// members, so `[[{...}]]` would pass for a portfolio and `[{...}]` get a backwards
    /// message). An id listed twice with different orderability is an error naming the id
    /// and both items: which one DS meant cannot be told, and neither "last wins" nor "not
    /// orderable wins" would show the partner that their file contradicts itself. A file the
    /// model does not read is an error in its terms, without the value it met (`invalid type:
    /// integer, expected a string at line 3 column 28`): the file may hold secrets.
    pub fn portfolio_from_search_response(json: &str) -> Result<Vec<PortfolioItem>, String> {
        /// [`crate::model::SearchPortfolioItemsResponse`] as far as the portfolio needs it:
        /// its `data`, of the model's items; any other member is left unread.
        #[derive(serde::Deserialize)]
        #[serde(expecting = "a portfolio-items search response, an object with a `data` array")]
        struct Saved {
            data: Vec<crate::model::PortfolioItem>,
        }
        let root = json
            .trim_start_matches(['\u{feff}', ' ', '\t', '\n', '\r'])
            .bytes()
            .next();
        let not_object = match root {
            Some(b'[') => Some("an array"),
            Some(b'"') => Some("a string"),
            Some(b'-' | b'0'..=b'9') => Some("a number"),
            Some(b't' | b'f') => Some("a boolean"),
            Some(b'n') => Some("null"),
            _ => None,
        };
        if let Some(what) = not_object {
            return Err(format!(
                "the file's root is {what}, not an object: a portfolio file is a saved \
                 portfolio-search-response, `{{\"data\": [...], \"info\": {{...}}}}`"
            ));
        }
        let saved: Saved = serde_json::from_str(json).map_err(|e| {
            if e.to_string().starts_with("missing field `data`") {
                "not a portfolio-items search response: no `data` array".to_owned()
            } else {
                without_values(&e)
            }
        })?;
        let mut seen: HashMap<&str, (usize, bool)> = HashMap::with_capacity(saved.data.len());
        for (at, item) in saved.data.iter().enumerate() {
            let Some(id) = item.sales_portfolio_id.as_deref() else {
                continue;
            };
            let orderable = item.sales_portfolio_is_orderable.unwrap_or(true);
            if let Some(&(first, was)) = seen.get(id) {
                if was != orderable {
                    let says = |orderable| {
                        if orderable {
                            "orderable"
                        } else {
                            "not orderable"
                        }
                    };
                    return Err(format!(
                        "`{id}` is listed as {} at /data/{first} and as {} at /data/{at}: \
                         keep the one DS returns",
                        says(was),
                        says(orderable)
                    ));
                }
            } else {
                seen.insert(id, (at, orderable));
            }
        }
        Ok(saved
            .data
            .into_iter()
            .filter_map(|item| {
                Some(PortfolioItem {
                    orderable: item.sales_portfolio_is_orderable.unwrap_or(true),
                    id: item.sales_portfolio_id?,
                })
            })
            .collect())
    }

    /// Adds portfolio items (creating the portfolio if there was none).
    pub fn add_portfolio(&mut self, items: impl IntoIterator<Item = PortfolioItem>) {
        self.portfolio
            .get_or_insert_with(Portfolio::default)
            .extend(items);
    }
}

/// serde's message for a file the model does not read, without what the file holds: serde
/// quotes the value it met (`invalid type: string "3f9a…", expected a boolean`), a saved
/// response may hold secrets (an `api_key` in the wrong member) and the message is shown
/// with `redact` on too. What was met keeps its kind (`string`, `integer`), what was expected
/// comes from the model and stays whole, and so does the place.
fn without_values(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let at = if error.line() == 0 {
        String::new()
    } else {
        format!(" at line {} column {}", error.line(), error.column())
    };
    let message = message.strip_suffix(at.as_str()).unwrap_or(&message);
    // serde_json's own syntax messages name tokens, never the text read; the names serde puts
    // in `missing field` and `duplicate field` are the model's.
    if !error.is_data()
        || message.starts_with("missing field `")
        || message.starts_with("duplicate field `")
    {
        return format!("{message}{at}");
    }
    // The expectation is the message's last part, so an `, expected ` inside the value
    // cannot be taken for it.
    let (met, expected) = message.split_at(message.rfind(", expected ").unwrap_or(message.len()));
    format!("{}{expected}{at}", unquoted(met))
}

/// `text` without its `"…"` (a string in Rust's debug escaping) and `` `…` `` (a number,
/// boolean, character, variant or field name) quotations, nor the space before each.
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => break,
                        _ => escaped = false,
                    }
                }
                out.truncate(out.trim_end_matches(' ').len());
            }
            '`' => {
                chars.by_ref().find(|&c| c == '`');
                out.truncate(out.trim_end_matches(' ').len());
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Portfolio, PortfolioItem};
    use crate::suggest::Budget;

    fn item(id: &str, orderable: bool) -> PortfolioItem {
        PortfolioItem {
            id: id.to_owned(),
            orderable,
        }
    }

    #[test]
    fn a_portfolio_suggests_only_orderable_items_as_they_are_now() {
        let mut portfolio: Portfolio = [
            item("MDMIND00022_PUBL_ISE00002687_IPE00021337", true),
            item("MDMIND00022_PUBL_ISE00002687_IPE00021338", false),
        ]
        .into_iter()
        .collect();
        let nearest = |p: &Portfolio| {
            p.nearest_orderable(
                "MDMIND00022_PUBL_ISE00002687_IPE0002133",
                &mut Budget::unlimited(),
            )
            .closest
            .iter()
            .map(|id| id.to_string())
            .collect::<Vec<_>>()
        };
        assert_eq!(
            nearest(&portfolio),
            ["MDMIND00022_PUBL_ISE00002687_IPE00021337"]
        );
        // Listed again, an id keeps its place and takes the new orderability.
        portfolio.extend([
            item("MDMIND00022_PUBL_ISE00002687_IPE00021338", true),
            item("MDMIND00022_PUBL_ISE00002687_IPE00021337", false),
        ]);
        assert_eq!(portfolio.len(), 2);
        assert_eq!(
            portfolio.get("MDMIND00022_PUBL_ISE00002687_IPE00021337"),
            Some(false)
        );
        assert_eq!(
            nearest(&portfolio),
            ["MDMIND00022_PUBL_ISE00002687_IPE00021338"]
        );
        // Equal whatever the order the items were added in.
        let reversed: Portfolio = portfolio
            .iter()
            .map(|(id, orderable)| item(id, orderable))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert_eq!(reversed, portfolio);
        assert_ne!(reversed, Portfolio::default());
    }
}

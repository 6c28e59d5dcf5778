//! Did-you-mean: the nearest allowed word to what was written.

/// The candidate closest to `input`, if close enough to be a plausible typo: equal ignoring
/// case or punctuation (`upfront` → `UPFRONT`, `Commit` → `COMMIT`, `rental-booking` →
/// `RENTAL_BOOKING`), an abbreviation (`warn` → `warning`), or within a small edit distance (`WONN` → `WON`,
/// `customerContact` → `customerContacts`).
///
/// Candidates that fold to the same text as `input` (the closed enums' labels: `Stop & Parallel
/// Use` and `Stop & Parallel use` are two codes of two lists) are told apart by how `input`
/// writes its punctuation and spacing first, then its case (see `tie`): `stop & parallel use`
/// is `Stop & Parallel use` over `Stop Parallel-Use`, whatever the order.
///
/// The answer does not depend on the candidates' order (other ties go to the smaller word), so
/// a `HashSet` or `HashMap` of candidates gives the same answer on every run.
///
/// Linear in the candidates' total length: each candidate is folded into one reused buffer and
/// ruled out by two cheap lower bounds of the edit distance (the difference in length, and in
/// letter counts) before the quadratic Damerau-Levenshtein distance is computed, which then
/// happens only for the few candidates that could be within the limit. A 10,000-item
/// portfolio of look-alike ids costs well under a millisecond (`cargo bench --bench suggest`).
pub fn nearest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut folded = String::new();
    fold_into(input, &mut folded);
    let folded_chars = folded.chars().count();
    let limit = match folded_chars {
        0..=2 => 0,
        3..=5 => 1,
        6..=11 => 2,
        _ => 3,
    };
    let letters = Letters::of(&folded);
    let mut other = String::new();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == input {
            return Some(candidate);
        }
        fold_into(candidate, &mut other);
        let distance = if other == folded {
            0
        } else if folded.len() >= 3 && other.starts_with(folded.as_str()) {
            // An abbreviation (`warn` for `warning`) is as good as a one-letter slip.
            1
        } else {
            // Lower bounds of the distance: each edit changes the length by at most one, and
            // the letter counts by at most one (a transposition not at all).
            let bound = other.chars().count().abs_diff(folded_chars);
            if bound > 3 || bound > limit {
                continue;
            }
            let bound = bound.max(letters.distance(&Letters::of(&other)));
            if bound > limit || best.is_some_and(|(d, _)| bound > d) {
                continue;
            }
            // A transposition is two substitutions: the Levenshtein distance is at most twice
            // the Damerau-Levenshtein one, and a banded Levenshtein stops as soon as it is over.
            // (Measured in bytes, where one character may be four.)
            let ceiling = best.map_or(limit, |(d, _)| d.min(limit));
            let per_char = if folded.is_ascii() && other.is_ascii() {
                1
            } else {
                4
            };
            if !levenshtein_within(folded.as_bytes(), other.as_bytes(), 2 * ceiling * per_char) {
                continue;
            }
            strsim::damerau_levenshtein(&folded, &other)
        };
        // Ties go to the smaller word, so the answer does not depend on iteration order;
        // among words folding to the input's text, to the one written most like it.
        if best.is_none_or(|(d, c)| better(input, (distance, candidate), (d, c))) {
            best = Some((distance, candidate));
        }
    }
    let (distance, candidate) = best?;
    (distance <= limit).then_some(candidate)
}

/// Whether `(distance, candidate)` beats the best so far: a smaller distance; at distance 0
/// (both fold to the input's text) the better [`tie`]; else the smaller word.
fn better(input: &str, new: (usize, &str), best: (usize, &str)) -> bool {
    if new.0 != best.0 {
        return new.0 < best.0;
    }
    if new.0 == 0 {
        return (tie(input, new.1), new.1) < (tie(input, best.1), best.1);
    }
    new.1 < best.1
}

/// How far `candidate` is written from `input` once both fold to the same text: the edit
/// distance of their punctuation (`->` against `-`), then of their punctuation and spacing,
/// then the number of letters whose case differs. Computed only for such ties, on short words.
fn tie(input: &str, candidate: &str) -> (usize, usize, usize) {
    let marks = |w: &str, spaces: bool| -> Vec<char> {
        w.chars()
            .filter(|c| !c.is_alphanumeric() && (spaces || !c.is_whitespace()))
            .collect()
    };
    let punctuation = strsim::generic_levenshtein(&marks(input, false), &marks(candidate, false));
    let spacing = strsim::generic_levenshtein(&marks(input, true), &marks(candidate, true));
    let letters = |w: &str| {
        w.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<Vec<_>>()
    };
    let case = letters(input)
        .iter()
        .zip(letters(candidate))
        .filter(|(a, b)| **a != *b)
        .count();
    (punctuation, spacing, case)
}

/// At most this many words of a user's list in a help message.
pub(crate) const MAX_LISTED: usize = 20;

/// `words` joined with ", ", the first [`MAX_LISTED`] only (in the order given) and how many
/// more: a help message stays readable whatever the size of a configured list.
pub(crate) fn list<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut more = 0usize;
    for (i, word) in words.into_iter().enumerate() {
        if i >= MAX_LISTED {
            more += 1;
            continue;
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(word);
    }
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

/// Whether the Levenshtein distance between the byte strings `a` and `b` is at most `max`.
/// Only the diagonal band of width `2 * max + 1` is computed, and it stops at the first row
/// whose every cell is over `max`: O(max × length).
fn levenshtein_within(a: &[u8], b: &[u8], max: usize) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let width = b.len() + 1;
    let over = max + 1;
    let mut prev: Vec<usize> = (0..width).map(|j| j.min(over)).collect();
    let mut row = vec![over; width];
    for i in 1..=a.len() {
        let from = i.saturating_sub(max).max(1);
        let to = (i + max).min(b.len());
        row.iter_mut().for_each(|c| *c = over);
        row[0] = i.min(over);
        let mut lowest = row[0];
        for j in from..=to {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let cell = (prev[j - 1] + cost)
                .min(prev[j] + 1)
                .min(row[j - 1] + 1)
                .min(over);
            row[j] = cell;
            lowest = lowest.min(cell);
        }
        if lowest > max {
            return false;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()] <= max
}

/// `word` without punctuation, in lower case, into `out`.
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
}

/// How many of each digit and letter a folded word holds (anything else counted together).
struct Letters([u32; 37]);

impl Letters {
    fn of(word: &str) -> Self {
        let mut counts = [0u32; 37];
        // Characters, not bytes: one edit changes one character's count.
        for c in word.chars() {
            let slot = match c {
                '0'..='9' => c as usize - '0' as usize,
                'a'..='z' => c as usize - 'a' as usize + 10,
                _ => 36,
            };
            counts[slot] = counts[slot].saturating_add(1);
        }
        Letters(counts)
    }

    /// The bag distance: a lower bound of the edit distance (lumping characters together
    /// only lowers it).
    fn distance(&self, other: &Self) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(&other.0) {
            if a > b {
                more += (a - b) as usize;
            } else {
                fewer += (b - a) as usize;
            }
        }
        more.max(fewer)
    }
}

#[cfg(test)]
mod tests {
    use super::nearest;

    const STATUS: &[&str] = &[
        "LEAD_OPEN",
        "QUALIFIED",
        "ACCEPTED",
        "OPPY_OPEN",
        "VALIDATED",
        "ESTABLISHED",
        "WON",
        "LOST",
    ];

    #[test]
    fn finds_typos_and_case_slips() {
        assert_eq!(nearest("WONN", STATUS.iter().copied()), Some("WON"));
        assert_eq!(
            nearest("lead open", STATUS.iter().copied()),
            Some("LEAD_OPEN")
        );
        assert_eq!(
            nearest("Qualifed", STATUS.iter().copied()),
            Some("QUALIFIED")
        );
        assert_eq!(
            nearest("upfront", ["UPFRONT", "RENTAL_BOOKING", "EMPTY"]),
            Some("UPFRONT")
        );
        assert_eq!(
            nearest("Commit", ["UPSIDE", "COMMIT", "SAFE"]),
            Some("COMMIT")
        );
        assert_eq!(
            nearest("customerContact", ["customerContacts", "partnerContacts"]),
            Some("customerContacts")
        );
    }

    #[test]
    fn does_not_depend_on_the_order_of_the_candidates() {
        let words = ["offer-a", "OFFER_A", "Offer A", "OFFER-B", "OFFERA1"];
        let mut reversed = words;
        reversed.reverse();
        for input in ["offera", "OFFERA", "offer b", "OFER-A", "offer-a1"] {
            assert_eq!(nearest(input, words), nearest(input, reversed), "{input}");
        }
        // Folding alike, the one whose punctuation is nearest to what was written: a space
        // only, not a `-` or `_`.
        assert_eq!(nearest("offera", words), Some("Offer A"));
        // Bounds count characters, not bytes (found by the random test below).
        assert_eq!(nearest("é000a", ["000a"]), Some("000a"));
        assert_eq!(nearest("aAaéé", ["aAaé"]), Some("aAaé"));
        // Written exactly: that one, whatever else folds the same.
        assert_eq!(nearest("offer-a", reversed), Some("offer-a"));
    }

    /// The search `nearest` replaces: every candidate's distance, no bounds.
    fn plain<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let mut folded = String::new();
        super::fold_into(input, &mut folded);
        let mut other = String::new();
        let mut best: Option<(usize, &'a str)> = None;
        for &c in candidates {
            if c == input {
                return Some(c);
            }
            super::fold_into(c, &mut other);
            let d = if other == folded {
                0
            } else if folded.len() >= 3 && other.starts_with(folded.as_str()) {
                1
            } else {
                strsim::damerau_levenshtein(&folded, &other)
            };
            if best.is_none_or(|(bd, bc)| super::better(input, (d, c), (bd, bc))) {
                best = Some((d, c));
            }
        }
        let limit = match folded.chars().count() {
            0..=2 => 0,
            3..=5 => 1,
            6..=11 => 2,
            _ => 3,
        };
        best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
    }

    #[test]
    fn agrees_with_the_plain_search_it_replaces() {
        // The bounds only skip candidates that could not win: compare with the unpruned
        // search over words of every kind of closeness.
        let words = [
            "LEAD_OPEN",
            "QUALIFIED",
            "ACCEPTED",
            "OPPY_OPEN",
            "VALIDATED",
            "ESTABLISHED",
            "WON",
            "LOST",
            "UPFRONT",
            "RENTAL_BOOKING",
            "EMPTY",
            "warning",
            "info",
            "error",
            "customerContacts",
            "partnerContacts",
            "Siemens",
            "PTC",
            "Ansys",
            "Autodesk",
            "MDMIND00022_PUBL_ISE00002687_IPE00021337",
            "MDMIND00022_PUBL_ISE00002687_IPE00021373",
            "Ærø",
            "ÉTÉ",
            "straße",
        ];
        let inputs = [
            "WONN",
            "won",
            "wn",
            "Lst",
            "qualifed",
            "OPPY-OPN",
            "establishd",
            "upfrnt",
            "rental booking",
            "warn",
            "inf",
            "eror",
            "customerContact",
            "partnerContact",
            "Siemen",
            "PCT",
            "ansys ",
            "Autodsk",
            "MDMIND00022_PUBL_ISE00002687_IPE00021377",
            "MDMIND00022_PUBL_ISE00002678_IPE00021337",
            "aero",
            "ete",
            "STRASSE",
            "",
            "x",
            "zzzzzzzzzzzzzzzzzzzz",
        ];
        for input in inputs {
            assert_eq!(nearest(input, words), plain(input, &words), "{input:?}");
        }
    }

    proptest::proptest! {
        /// Random candidate lists, and inputs made by editing one of them a little.
        #[test]
        fn agrees_with_the_plain_search_on_random_words(
            words in proptest::collection::vec("[a-cA-C0-2_é😀]{0,9}", 1..30),
            pick in proptest::sample::select((0usize..30).collect::<Vec<_>>()),
            edit in "[a-cé_]{0,3}",
            at in 0usize..10,
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let base = words[pick % words.len()];
            let cut = base.char_indices().map(|(i, _)| i).chain([base.len()]).nth(at).unwrap_or(base.len());
            let input = format!("{}{edit}{}", &base[..cut], &base[cut..]);
            proptest::prop_assert_eq!(nearest(&input, words.iter().copied()), plain(&input, &words));
        }
    }

    #[test]
    fn banded_levenshtein_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "cab",
            "kitten",
            "sitting",
            "flaw",
            "lawn",
            "wonn",
            "won",
            "mdmind00022publise00002687ipe00021337",
            "mdmind00022publise00002678iep00021337",
            "éte",
            "ete",
            "straße",
            "strasse",
        ];
        for a in words {
            for b in words {
                let bytes =
                    strsim::generic_levenshtein(&a.as_bytes().to_vec(), &b.as_bytes().to_vec());
                for max in 0..8 {
                    assert_eq!(
                        super::levenshtein_within(a.as_bytes(), b.as_bytes(), max),
                        bytes <= max,
                        "{a:?} {b:?} {max}"
                    );
                }
                assert!(bytes >= strsim::levenshtein(a, b));
            }
        }
    }

    #[test]
    fn lists_stay_short() {
        assert_eq!(super::list(["a", "b"]), "a, b");
        let many: Vec<String> = (0..10_000).map(|i| format!("C{i}")).collect();
        let listed = super::list(many.iter().map(String::as_str));
        assert!(listed.starts_with("C0, C1, "), "{listed}");
        assert!(listed.ends_with("C19 and 9980 more"), "{listed}");
    }

    /// The order domain's labels: spaces and punctuation are part of the codes.
    const ORDER_TYPE: &[&str] = &[
        "Change of Channel",
        "DS Brand -> DS & Migration",
        "DS Brand -> DS OTC Platform",
        "IBM -> DS",
        "Stop",
        "Stop & Parallel Use",
        "Stop - Transform",
    ];
    const STATUS_LABELS: &[&str] = &["On Hold", "Sent to DSx.Finance", "Sent to Credit Manager"];

    #[test]
    fn finds_labels_whatever_their_case_spacing_and_punctuation() {
        let status = STATUS_LABELS.iter().copied();
        assert_eq!(nearest("on hold", status.clone()), Some("On Hold"));
        assert_eq!(nearest("ON HOLD", status.clone()), Some("On Hold"));
        assert_eq!(nearest("OnHold", status.clone()), Some("On Hold"));
        assert_eq!(
            nearest("sent to dsx finance", status.clone()),
            Some("Sent to DSx.Finance")
        );
        let order = ORDER_TYPE.iter().copied();
        assert_eq!(
            nearest("Stop & Parallel use", order.clone()),
            Some("Stop & Parallel Use")
        );
        assert_eq!(
            nearest("DS Brand->DS OTC Platform", order.clone()),
            Some("DS Brand -> DS OTC Platform")
        );
        assert_eq!(nearest("IBM - DS", order), Some("IBM -> DS"));
    }

    #[test]
    fn a_tie_of_labels_goes_to_the_one_written_alike() {
        // Two codes folding to the same text: the input's punctuation decides, then its case,
        // in any order of the candidates.
        let words = [
            "Stop & Parallel use",
            "Stop & Parallel Use",
            "Stop Parallel-Use",
        ];
        let mut reversed = words;
        reversed.reverse();
        for (input, meant) in [
            ("stop & parallel use", "Stop & Parallel use"),
            ("Stop & Parallel USE", "Stop & Parallel Use"),
            ("stop parallel-use", "Stop Parallel-Use"),
            ("STOP PARALLEL-USE", "Stop Parallel-Use"),
            ("Stop &  Parallel use", "Stop & Parallel use"),
        ] {
            assert_eq!(nearest(input, words), Some(meant), "{input}");
            assert_eq!(nearest(input, reversed), Some(meant), "{input}");
        }
        assert_eq!(
            nearest(
                "DS Brand->DS OTC Platform",
                ["DS Brand - DS OTC Platform", "DS Brand -> DS OTC Platform"]
            ),
            Some("DS Brand -> DS OTC Platform")
        );
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(nearest("BANANA", STATUS.iter().copied()), None);
        assert_eq!(nearest("X", STATUS.iter().copied()), None);
    }
}

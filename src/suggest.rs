//! Did-you-mean: the nearest allowed word to what was written.

/// The candidate closest to `input`, if close enough to be a plausible typo: equal ignoring
/// case or punctuation (`upfront` → `UPFRONT`, `Commit` → `COMMIT`, `rental-booking` →
/// `RENTAL_BOOKING`), an abbreviation (`warn` → `warning`), or within a small edit distance (`WONN` → `WON`,
/// `customerContact` → `customerContacts`).
pub fn nearest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let folded = fold(input);
    let folded_chars = folded.chars().count();
    let limit = match folded_chars {
        0..=2 => 0,
        3..=5 => 1,
        6..=11 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &'a str)> = None;
    // One buffer for every candidate's folded form: long candidate lists (ISO 4217, a
    // schema's properties) cost no allocation each.
    let mut other = String::new();
    for candidate in candidates {
        other.clear();
        fold_into(candidate, &mut other);
        if other == folded {
            return Some(candidate);
        }
        // Quadratic in the word lengths only; words are short, so this stays cheap even
        // against long candidate lists.
        if other.len().abs_diff(folded.len()) > 3 && !other.starts_with(&folded) {
            continue;
        }
        // An abbreviation (`warn` for `warning`) is as good as a one-letter slip.
        let distance = if folded.len() >= 3 && other.starts_with(&folded) {
            1
        } else {
            // A candidate surely farther than the limit can be neither the answer nor beat
            // it: skip the edit distance (most of a long list, e.g. currency codes).
            if lower_bound(&folded, folded_chars, &other) > limit {
                continue;
            }
            strsim::damerau_levenshtein(&folded, &other)
        };
        // Ties go to the smaller word, so the answer does not depend on iteration order.
        if best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
            best = Some((distance, candidate));
        }
    }
    let (distance, candidate) = best?;
    (distance <= limit).then_some(candidate)
}

/// A lower bound of the Damerau-Levenshtein distance between `a` (of `a_chars` characters)
/// and `b`: each edit adds or removes at most one character of the multiset difference in
/// each direction (a transposition none), so the distance is at least the larger of the
/// two differences, and at least the difference in length.
fn lower_bound(a: &str, a_chars: usize, b: &str) -> usize {
    let b_chars = b.chars().count();
    if b_chars > 64 {
        return a_chars.abs_diff(b_chars);
    }
    let mut used = 0u64;
    let mut shared = 0;
    for c in a.chars() {
        let free = b
            .chars()
            .enumerate()
            .find(|&(i, d)| d == c && used & (1 << i) == 0);
        if let Some((i, _)) = free {
            used |= 1 << i;
            shared += 1;
        }
    }
    (a_chars - shared).max(b_chars - shared)
}

fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// Letters and digits only, lower case.
fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        out.extend(
            word.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
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
    fn the_lower_bound_never_exceeds_the_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "cab",
            "eur",
            "euro",
            "usd",
            "abcdef",
            "fedcba",
            "closedate",
            "closingdate",
            "upfront",
            "upfornt",
            "rentalbooking",
            "zoé",
            "ozé",
            "aaaa",
            "aaab",
            "baaa",
        ];
        for a in words {
            for b in words {
                let bound = super::lower_bound(a, a.chars().count(), b);
                assert!(
                    bound <= strsim::damerau_levenshtein(a, b),
                    "{a:?} {b:?}: {bound}"
                );
            }
        }
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(nearest("BANANA", STATUS.iter().copied()), None);
        assert_eq!(nearest("X", STATUS.iter().copied()), None);
    }
}

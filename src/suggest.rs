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
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let other = fold(candidate);
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
            strsim::damerau_levenshtein(&folded, &other)
        };
        // Ties go to the smaller word, so the answer does not depend on iteration order.
        if best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
            best = Some((distance, candidate));
        }
    }
    let (distance, candidate) = best?;
    let limit = match folded.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        6..=11 => 2,
        _ => 3,
    };
    (distance <= limit).then_some(candidate)
}

fn fold(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
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
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(nearest("BANANA", STATUS.iter().copied()), None);
        assert_eq!(nearest("X", STATUS.iter().copied()), None);
    }
}

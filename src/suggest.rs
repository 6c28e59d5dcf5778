//! Did-you-mean: the nearest allowed word to what was written.

/// The candidate closest to `input`, if close enough to be a plausible typo: equal ignoring
/// case or punctuation (`upfront` → `UPFRONT`, `Commit` → `COMMIT`, `rental-booking` →
/// `RENTAL_BOOKING`), an abbreviation (`warn` → `warning`), or within a small edit distance
/// (`WONN` → `WON`, `customerContact` → `customerContacts`).
///
/// Candidates that fold to the same text as `input` (the closed enums' labels: `Stop & Parallel
/// Use` and `Stop & Parallel use` are two codes of two lists) are told apart by how `input`
/// writes its punctuation and spacing first, then its case (see `tie`): `stop & parallel use`
/// is `Stop & Parallel use` over `Stop Parallel-Use`, whatever the order.
///
/// The answer does not depend on the candidates' order (other ties go to the smaller word), so
/// a `HashSet` or `HashMap` of candidates gives the same answer on every run. A caller that
/// must not guess between tied candidates, or that searches long lists for untrusted input,
/// uses [`search`].
pub fn nearest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    search(input, candidates, &mut Budget::unlimited()).first()
}

/// What [`search`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nearest<'a> {
    /// The candidates at the smallest distance within the limit, smallest first (one when
    /// they fold to the input's text: the one written most like it).
    pub closest: Vec<&'a str>,
    /// Whether the budget ran out before every candidate was weighed: `closest` is then what
    /// the candidates weighed so far gave (nothing, once the budget is spent).
    pub gave_up: bool,
}

impl<'a> Nearest<'a> {
    /// The one closest candidate; `None` when several tie (a guess is not a fix).
    pub fn unique(&self) -> Option<&'a str> {
        match self.closest.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The closest candidate, ties going to the smallest word.
    pub fn first(&self) -> Option<&'a str> {
        self.closest.first().copied()
    }
}

/// How much work did-you-mean may still do, in units of a byte of a candidate weighed (the
/// same charge whether it is folded at the lookup or was folded beforehand) or a cell of the
/// edit distance's table: one budget shared by the lookups of a payload bounds their total
/// time whatever the candidates (760,000 anagrams of one word defeat every lower bound).
#[derive(Debug, Clone)]
pub struct Budget {
    left: u64,
}

impl Budget {
    /// Under a third of a second of lookups on a busy machine (`cargo bench --bench suggest`,
    /// a whole update request: 56 ms with 100 unknown offers against 100,000 random DS-shaped
    /// ids, 292 ms with 120 against 760,000 anagrams, the portfolio folded beforehand); about
    /// 40 lookups in a 10,000-item portfolio of DS-shaped ids fit in it.
    pub const PER_PAYLOAD: u64 = 30_000_000;

    /// A budget of `units`.
    pub fn new(units: u64) -> Self {
        Budget { left: units }
    }

    /// No limit: for short, trusted lists (the closed enums, the rules' names).
    pub fn unlimited() -> Self {
        Budget { left: u64::MAX }
    }

    /// Whether it is spent.
    pub fn is_spent(&self) -> bool {
        self.left == 0
    }

    fn spend(&mut self, units: usize) -> bool {
        self.left = self.left.saturating_sub(units as u64);
        self.left > 0
    }
}

/// The candidates nearest to `input` (see [`nearest`] for what counts as near), within
/// `budget`.
///
/// Linear in the candidates' total length: each candidate is folded into one reused buffer and
/// ruled out by two cheap lower bounds of the edit distance (the difference in length, and in
/// letter counts); the distance itself is computed in a band of the table as wide as the
/// distance that could still win, and stops at the first row over it: O(length × limit) per
/// candidate, at most 3. A list searched again and again (a partner's portfolio) is folded
/// once instead, into [`Folded`] words for [`search_folded`], which answers the same.
pub fn search<'a, I>(input: &str, candidates: I, budget: &mut Budget) -> Nearest<'a>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut weighing = Weighing::new(input);
    let mut other = String::new();
    for candidate in candidates {
        if candidate == input {
            return Nearest::exact(candidate);
        }
        // A candidate costs its length (folding it) before anything else.
        if !budget.spend(candidate.len().max(1)) {
            return weighing.finish(true);
        }
        fold_into(candidate, &mut other);
        let same = other == weighing.folded;
        let chars = other.chars().count();
        if weighing
            .weigh(candidate, &other, same, chars, None, budget)
            .is_err()
        {
            return weighing.finish(true);
        }
    }
    weighing.finish(false)
}

/// A candidate folded once, with the counts its lower bounds read: what [`search_folded`]
/// weighs without folding it again. A list searched for every unknown value of every payload
/// (a partner's portfolio of thousands of ids) is folded when it is loaded.
///
/// What a lookup reads of a candidate that cannot be near sits in the struct (a hash of the
/// folded text, its length, its letter counts), so that ruling it out touches neither of its
/// texts.
#[derive(Clone)]
pub struct Folded {
    word: Box<str>,
    folded: Box<str>,
    hash: u64,
    chars: usize,
    letters: Letters,
}

impl Folded {
    /// `word`, folded.
    pub fn new(word: impl Into<String>) -> Self {
        let word = word.into().into_boxed_str();
        let mut folded = String::with_capacity(word.len());
        fold_into(&word, &mut folded);
        Folded {
            hash: hash(&folded),
            chars: folded.chars().count(),
            letters: Letters::of(&folded),
            folded: folded.into_boxed_str(),
            word,
        }
    }

    /// The word as written.
    pub fn word(&self) -> &str {
        &self.word
    }
}

impl std::fmt::Debug for Folded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Folded").field(&self.word).finish()
    }
}

/// [`search`] over words folded beforehand: the same answer, ties, budget spent and
/// `gave_up` as [`search`] over the same words in the same order, without folding a
/// candidate or counting its letters at every lookup.
pub fn search_folded<'a, I>(input: &str, candidates: I, budget: &mut Budget) -> Nearest<'a>
where
    I: IntoIterator<Item = &'a Folded>,
{
    let mut weighing = Weighing::new(input);
    let input_hash = hash(&weighing.folded);
    for candidate in candidates {
        // Written exactly as the input, a candidate folds as it does: the hash rules out
        // nearly every other candidate without reading either text.
        let same = candidate.hash == input_hash && *candidate.folded == *weighing.folded;
        if same && &*candidate.word == input {
            return Nearest::exact(&candidate.word);
        }
        // Charged as if folded here, so that a budget lasts as many candidates either way.
        if !budget.spend(candidate.word.len().max(1)) {
            return weighing.finish(true);
        }
        if weighing
            .weigh(
                &candidate.word,
                &candidate.folded,
                same,
                candidate.chars,
                Some(&candidate.letters),
                budget,
            )
            .is_err()
        {
            return weighing.finish(true);
        }
    }
    weighing.finish(false)
}

impl<'a> Nearest<'a> {
    /// `word`, written exactly as the input.
    fn exact(word: &'a str) -> Self {
        Nearest {
            closest: vec![word],
            gave_up: false,
        }
    }
}

/// The budget ran out while weighing a candidate.
struct Spent;

/// One lookup's input, folded, and the closest candidates so far.
struct Weighing<'i, 'a> {
    input: &'i str,
    folded: String,
    folded_chars: Vec<char>,
    limit: usize,
    letters: Letters,
    other_chars: Vec<char>,
    table: Band,
    best: Option<usize>,
    closest: Vec<&'a str>,
}

impl<'i, 'a> Weighing<'i, 'a> {
    fn new(input: &'i str) -> Self {
        let mut folded = String::new();
        fold_into(input, &mut folded);
        let folded_chars: Vec<char> = folded.chars().collect();
        Weighing {
            input,
            limit: limit(folded_chars.len()),
            letters: Letters::of(&folded),
            folded,
            folded_chars,
            other_chars: Vec::new(),
            table: Band::default(),
            best: None,
            closest: Vec::new(),
        }
    }

    /// Weighs `word`, whose folded text is `other` (the same as the input's when `same`;
    /// `chars` characters; `letters` its counts, counted here if not given and only when its
    /// length leaves it a chance).
    fn weigh(
        &mut self,
        word: &'a str,
        other: &str,
        same: bool,
        chars: usize,
        letters: Option<&Letters>,
        budget: &mut Budget,
    ) -> Result<(), Spent> {
        let folded = self.folded.as_str();
        let distance = if same {
            0
        } else if folded.len() >= 3 && other.len() > folded.len() && other.starts_with(folded) {
            // An abbreviation (`warn` for `warning`) is as good as a one-letter slip.
            1
        } else {
            // Lower bounds of the distance: each edit changes the length by at most one, and
            // the letter counts by at most one (a transposition not at all).
            let ceiling = self.best.map_or(self.limit, |d| d.min(self.limit));
            if chars.abs_diff(self.folded_chars.len()) > ceiling {
                return Ok(());
            }
            let counted;
            let letters = match letters {
                Some(letters) => letters,
                None => {
                    counted = Letters::of(other);
                    &counted
                }
            };
            if self.letters.distance(letters) > ceiling
                || (self.letters.saturated || letters.saturated)
                    && exact_letter_distance(folded, other) > ceiling
            {
                return Ok(());
            }
            self.other_chars.clear();
            self.other_chars.extend(other.chars());
            let within =
                self.table
                    .distance_within(&self.folded_chars, &self.other_chars, ceiling, budget);
            match within {
                Some(d) => d,
                None if budget.is_spent() => return Err(Spent),
                None => return Ok(()),
            }
        };
        match self.best {
            Some(d) if distance > d => {}
            Some(d) if distance == d => {
                if distance > 0 {
                    self.closest.push(word);
                } else if better(self.input, (distance, word), (d, self.closest[0])) {
                    self.closest[0] = word;
                }
            }
            _ => {
                self.best = Some(distance);
                self.closest.clear();
                self.closest.push(word);
            }
        }
        Ok(())
    }

    /// What was found, once every candidate was weighed or the budget ran out.
    fn finish(mut self, gave_up: bool) -> Nearest<'a> {
        if self.best.is_none_or(|d| d > self.limit) {
            self.closest.clear();
        }
        self.closest.sort_unstable();
        self.closest.dedup();
        Nearest {
            closest: self.closest,
            gave_up,
        }
    }
}

/// The largest distance still a plausible typo of a word of `chars` characters.
fn limit(chars: usize) -> usize {
    match chars {
        0..=2 => 0,
        3..=5 => 1,
        6..=11 => 2,
        _ => 3,
    }
}

/// The rows of a banded edit-distance table, reused from one candidate to the next.
#[derive(Default)]
struct Band {
    before: Vec<usize>,
    previous: Vec<usize>,
    row: Vec<usize>,
}

impl Band {
    /// The optimal string alignment distance between `a` and `b` (insertions, deletions,
    /// substitutions, transpositions of adjacent characters, no character edited twice) if
    /// it is at most `max`, computed only in the diagonal band of width `2 * max + 1`; `None`
    /// as soon as a row's every cell is over `max` (a row's smallest cell never decreases
    /// from one row to the next) or when `budget` runs out.
    fn distance_within(
        &mut self,
        a: &[char],
        b: &[char],
        max: usize,
        budget: &mut Budget,
    ) -> Option<usize> {
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        let over = max + 1;
        let width = b.len() + 1;
        for row in [&mut self.before, &mut self.previous, &mut self.row] {
            row.clear();
            row.resize(width, over);
        }
        for (j, cell) in self.previous.iter_mut().enumerate().take(over) {
            *cell = j;
        }
        for i in 1..=a.len() {
            let from = i.saturating_sub(max).max(1);
            let to = (i + max).min(b.len());
            if !budget.spend(to + 1 - from) {
                return None;
            }
            let row = &mut self.row;
            row[0] = i.min(over);
            row[from - 1] = if from == 1 { row[0] } else { over };
            let mut lowest = if from == 1 { row[0] } else { over };
            for j in from..=to {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut cell = (self.previous[j - 1] + cost)
                    .min(self.previous[j] + 1)
                    .min(row[j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cell = cell.min(self.before[j - 2] + 1);
                }
                let cell = cell.min(over);
                row[j] = cell;
                lowest = lowest.min(cell);
            }
            if lowest > max {
                return None;
            }
            // The rotation: this row becomes the previous one, the previous one the one
            // before, whose cells are all rewritten or outside the next band.
            std::mem::swap(&mut self.before, &mut self.previous);
            std::mem::swap(&mut self.previous, &mut self.row);
        }
        let distance = self.previous[b.len()];
        (distance <= max).then_some(distance)
    }
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

/// `word` without punctuation, in lower case, into `out`.
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // Bytes, not characters: no UTF-8 encoding per character pushed.
        let mut bytes = std::mem::take(out).into_bytes();
        bytes.extend(
            word.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase()),
        );
        *out = String::from_utf8(bytes).expect("ASCII letters and digits");
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

/// How many of each digit and letter a folded word holds (anything else counted together),
/// each count up to 255: 48 bytes (37 used) that a lookup compares 16 at a time. A word with
/// a count that reached 255 is `saturated`: its counts may be short, and the exact bound is
/// counted again from the texts ([`exact_letter_distance`]).
#[derive(Clone)]
struct Letters {
    counts: [u8; 48],
    saturated: bool,
}

/// The slot of a folded word's character in [`Letters`].
fn slot(c: char) -> usize {
    match c {
        '0'..='9' => c as usize - '0' as usize,
        'a'..='z' => c as usize - 'a' as usize + 10,
        _ => 36,
    }
}

impl Letters {
    fn of(word: &str) -> Self {
        let mut counts = [0u8; 48];
        // Characters, not bytes: one edit changes one character's count.
        for c in word.chars() {
            let count = &mut counts[slot(c)];
            *count = count.saturating_add(1);
        }
        Letters {
            saturated: counts.contains(&u8::MAX),
            counts,
        }
    }

    /// The bag distance: a lower bound of the edit distance (lumping characters together
    /// only lowers it, and so does a count cut at 255). Without branches, so that it compiles
    /// to a few vector instructions.
    fn distance(&self, other: &Self) -> usize {
        let (mut more, mut fewer) = (0u32, 0u32);
        for (a, b) in self.counts.iter().zip(&other.counts) {
            more += u32::from(a.saturating_sub(*b));
            fewer += u32::from(b.saturating_sub(*a));
        }
        more.max(fewer) as usize
    }
}

/// The bag distance of two folded words, with every count exact: for words whose
/// [`Letters`] saturated (255 or more of one character).
fn exact_letter_distance(a: &str, b: &str) -> usize {
    let mut counts = [0i64; 37];
    for c in a.chars() {
        counts[slot(c)] += 1;
    }
    for c in b.chars() {
        counts[slot(c)] -= 1;
    }
    let more: i64 = counts.iter().filter(|d| **d > 0).sum();
    let fewer: i64 = -counts.iter().filter(|d| **d < 0).sum::<i64>();
    more.max(fewer) as usize
}

/// FNV-1a of a folded word: two words that fold alike hash alike, and a lookup compares the
/// texts of a candidate only when they do.
fn hash(folded: &str) -> u64 {
    folded.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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
                strsim::osa_distance(&folded, &other)
            };
            if best.is_none_or(|(bd, bc)| super::better(input, (d, c), (bd, bc))) {
                best = Some((d, c));
            }
        }
        let limit = super::limit(folded.chars().count());
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

    /// Every candidate nearest to `input` the plain way: the exact word if there is one,
    /// else every candidate's distance, no bounds, no band; at distance 0 the one written most
    /// alike.
    fn plain_all<'a>(input: &str, candidates: &[&'a str]) -> Vec<&'a str> {
        if let Some(exact) = candidates.iter().find(|c| **c == input) {
            return vec![exact];
        }
        let mut folded = String::new();
        super::fold_into(input, &mut folded);
        let mut other = String::new();
        let weighed: Vec<(usize, &'a str)> = candidates
            .iter()
            .map(|&c| {
                super::fold_into(c, &mut other);
                let d = if other == folded {
                    0
                } else if folded.len() >= 3 && other.starts_with(folded.as_str()) {
                    1
                } else {
                    strsim::osa_distance(&folded, &other)
                };
                (d, c)
            })
            .collect();
        let limit = super::limit(folded.chars().count());
        let Some(best) = weighed
            .iter()
            .map(|(d, _)| *d)
            .min()
            .filter(|d| *d <= limit)
        else {
            return Vec::new();
        };
        if best == 0 {
            let tie = |c: &&'a str| (super::tie(input, c), *c);
            return weighed
                .iter()
                .filter(|(d, _)| *d == 0)
                .map(|(_, c)| *c)
                .min_by_key(tie)
                .into_iter()
                .collect();
        }
        let mut closest: Vec<&str> = weighed
            .iter()
            .filter(|(d, _)| *d == best)
            .map(|(_, c)| *c)
            .collect();
        closest.sort_unstable();
        closest.dedup();
        closest
    }

    proptest::proptest! {
        /// Words folded once give what the plain search gives, ties included, and what
        /// `search` gives over the same words, budget and `gave_up` included, whatever the
        /// budget.
        #[test]
        fn folded_words_agree_with_the_plain_search(
            words in proptest::collection::vec("[a-cA-C0-2_ é😀-]{0,12}", 1..40),
            pick in 0usize..40,
            edit in "[a-cA_é-]{0,3}",
            at in 0usize..13,
            budget in 0u64..400,
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let folded: Vec<super::Folded> = words.iter().map(|w| super::Folded::new(*w)).collect();
            let base = words[pick % words.len()];
            let cut = base.char_indices().map(|(i, _)| i).chain([base.len()]).nth(at).unwrap_or(base.len());
            let input = format!("{}{edit}{}", &base[..cut], &base[cut..]);
            let unlimited = super::search_folded(&input, &folded, &mut super::Budget::unlimited());
            proptest::prop_assert!(!unlimited.gave_up);
            proptest::prop_assert_eq!(&unlimited.closest, &plain_all(&input, &words));
            let (mut left, mut right) = (super::Budget::new(budget), super::Budget::new(budget));
            let by_folded = super::search_folded(&input, &folded, &mut left);
            let by_words = super::search(&input, words.iter().copied(), &mut right);
            proptest::prop_assert_eq!(by_folded, by_words);
            proptest::prop_assert_eq!(left.left, right.left);
        }
    }

    #[test]
    fn long_words_are_ruled_out_by_their_exact_letter_counts() {
        // 255 or more of a letter: the counts kept for the bound are cut, the bound is counted
        // again from the texts, and the words cost their length only, as they always did,
        // never a band of the table.
        let input = format!("{}{}", "a".repeat(300), "b".repeat(300));
        let words = [
            format!("{}{}", "a".repeat(310), "b".repeat(290)),
            format!("{}{}", "a".repeat(290), "b".repeat(310)),
        ];
        let folded: Vec<super::Folded> = words.iter().map(super::Folded::new).collect();
        let cost: u64 = words.iter().map(|w| w.len() as u64).sum();
        let mut budget = super::Budget::new(1_000_000);
        let found = super::search_folded(&input, &folded, &mut budget);
        assert_eq!(found.closest, Vec::<&str>::new());
        assert_eq!(budget.left, 1_000_000 - cost);
        let mut budget = super::Budget::new(1_000_000);
        super::search(&input, words.iter().map(String::as_str), &mut budget);
        assert_eq!(budget.left, 1_000_000 - cost);
        // One letter off: found, through the band.
        let near = format!("{}{}", "a".repeat(299), "b".repeat(301));
        let found = super::search_folded(&near, &folded, &mut super::Budget::unlimited());
        assert_eq!(found.closest, Vec::<&str>::new());
        let one = [super::Folded::new(near.clone())];
        let found = super::search_folded(&input, &one, &mut super::Budget::unlimited());
        assert_eq!(found.closest, [near.as_str()]);
    }

    #[test]
    fn folded_words_give_the_same_ties_and_labels() {
        let labels = [
            "Stop & Parallel Use",
            "Stop & Parallel use",
            "Stop Parallel-Use",
            "Stop - Transform",
            "Stop License",
            "Stop of PU",
            "Stop-Rollover",
        ];
        let folded: Vec<super::Folded> = labels.iter().map(|w| super::Folded::new(*w)).collect();
        for input in [
            "Stop",
            "stop & parallel use",
            "STOP PARALLEL-USE",
            "Stop-Rollover",
            "x",
        ] {
            let mut budget = super::Budget::unlimited();
            assert_eq!(
                super::search_folded(input, &folded, &mut budget),
                super::search(input, labels, &mut super::Budget::unlimited()),
                "{input}"
            );
            assert_eq!(
                super::search_folded(input, &folded, &mut budget).closest,
                plain_all(input, &labels),
                "{input}"
            );
        }
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "ca",
            "cab",
            "acb",
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
        let mut band = super::Band::default();
        for a in words {
            for b in words {
                let full = strsim::osa_distance(a, b);
                let (a_chars, b_chars): (Vec<char>, Vec<char>) =
                    (a.chars().collect(), b.chars().collect());
                for max in 0..8 {
                    let within = band.distance_within(
                        &a_chars,
                        &b_chars,
                        max,
                        &mut super::Budget::unlimited(),
                    );
                    assert_eq!(within, (full <= max).then_some(full), "{a:?} {b:?} {max}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_banded_distance_agrees_on_random_words(
            a in "[a-c😀]{0,12}",
            b in "[a-c😀]{0,12}",
            max in 0usize..5,
        ) {
            let full = strsim::osa_distance(&a, &b);
            let (a_chars, b_chars): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let within = super::Band::default().distance_within(&a_chars, &b_chars, max, &mut super::Budget::unlimited());
            proptest::prop_assert_eq!(within, (full <= max).then_some(full));
        }
    }

    #[test]
    fn ties_are_all_named_and_none_is_unique() {
        let labels = [
            "Stop & Parallel Use",
            "Stop - Transform",
            "Stop License",
            "Stop of PU",
            "Stop-Rollover",
        ];
        let found = super::search("Stop", labels, &mut super::Budget::unlimited());
        assert_eq!(found.closest.len(), 5, "{found:?}");
        assert_eq!(found.unique(), None);
        assert_eq!(found.first(), Some("Stop & Parallel Use"));
        let found = super::search(
            "WONN",
            STATUS.iter().copied(),
            &mut super::Budget::unlimited(),
        );
        assert_eq!(found.unique(), Some("WON"));
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

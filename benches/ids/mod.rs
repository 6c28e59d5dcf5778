//! The word lists did-you-mean is measured and tested on: portfolios of DS-shaped ids and
//! anagrams, the worst case for its lower bounds. Deterministic: the same lists on every run.
//!
//! Included with `#[path = "ids/mod.rs"] mod ids;` by `benches/suggest.rs` and
//! `tests/limits.rs`, so it is not part of the library's API.

#![allow(dead_code)] // each includer uses a different part

/// Ids shaped like DS's `salesPortfolioId`s (`MDMIND00022_PUBL_ISE00002687_IPE00021337`), all
/// of the same length.
pub fn portfolio(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("MDMIND{:05}_PUBL_ISE{:08}_IPE{:08}", i % 97, i * 7919, i))
        .collect()
}

/// Ids of DS's shape with random numbers (a fixed xorshift): same length, similar letter
/// counts, so the lower bounds rule few out.
pub fn random_portfolio(n: usize) -> Vec<String> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    (0..n)
        .map(|_| {
            format!(
                "MDMIND{:05}_PUBL_ISE{:08}_IPE{:08}",
                next(100_000),
                next(100_000_000),
                next(100_000_000)
            )
        })
        .collect()
}

/// The first `n` arrangements of `letters`, in the order of Heap's algorithm: the same length
/// and the same letter counts, so that every one of them costs its band of the edit distance.
pub fn anagrams(letters: &str, n: usize) -> Vec<String> {
    let mut word: Vec<char> = letters.chars().collect();
    let mut out = Vec::with_capacity(n);
    out.push(word.iter().collect::<String>());
    let mut c = vec![0usize; word.len()];
    let mut i = 0;
    while i < word.len() && out.len() < n {
        if c[i] < i {
            word.swap(if i % 2 == 0 { 0 } else { c[i] }, i);
            out.push(word.iter().collect());
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
}

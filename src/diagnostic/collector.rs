//! Where a payload's findings go while it is checked, in bounded memory.

use std::collections::HashMap;
use std::sync::Arc;

use super::Diagnostic;

/// At most this many findings of one rule per payload: the others are counted, not kept, and
/// one more finding of that rule says how many there were. A generated payload with 100,000
/// unknown properties gives a report of a thousand findings, in bounded memory.
pub(crate) const MAX_FINDINGS_PER_RULE: usize = 1000;

/// Where a payload's findings go while it is checked: the first [`MAX_FINDINGS_PER_RULE`]
/// of each rule are kept, the others only counted.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    kept: Vec<Diagnostic>,
    /// Per rule code: how many findings, and the first one not kept.
    counts: HashMap<&'static str, (usize, Option<Diagnostic>)>,
    /// How many more than [`MAX_FINDINGS_PER_RULE`] are kept.
    beyond_cap: Arc<BeyondCap>,
}

/// How many more findings of a rule than [`MAX_FINDINGS_PER_RULE`] a check keeps: none for
/// a report; for fixing, many more of every rule (fixes are applied a round of checks at a
/// time), and one more for each fix of the rule it refused, so that refused findings never
/// take the places of fixable ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BeyondCap {
    pub(crate) every_rule: usize,
    pub(crate) per_rule: HashMap<&'static str, usize>,
}

impl Collector {
    /// A collector keeping that many more findings of each rule.
    pub(crate) fn keeping_beyond_cap(beyond_cap: Arc<BeyondCap>) -> Self {
        Collector {
            beyond_cap,
            ..Collector::default()
        }
    }

    /// How many findings of the rule `code` are kept.
    fn cap(&self, code: &str) -> usize {
        cap(&self.beyond_cap, code)
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        debug_assert!(
            !diagnostic.message.is_empty(),
            "{} reported a finding without a message",
            diagnostic.code()
        );
        let cap = self.cap(diagnostic.code());
        let (count, first_dropped) = self.counts.entry(diagnostic.code()).or_default();
        *count += 1;
        if *count <= cap {
            self.kept.push(diagnostic);
        } else if first_dropped.is_none() {
            *first_dropped = Some(diagnostic);
        }
    }

    /// Whether a finding of the rule `code` pushed now would be kept, or stand for the ones
    /// not kept. When not, [`Collector::count`] is all it takes and the finding need not be
    /// built: a payload of a million unknown properties builds a thousand findings (messages,
    /// spans, did-you-mean) and counts the rest.
    pub(crate) fn wants(&self, code: &str) -> bool {
        self.counts
            .get(code)
            .is_none_or(|(count, first)| *count < self.cap(code) || first.is_none())
    }

    /// Counts a finding of the rule `code` that [`Collector::wants`] said is not kept.
    pub(crate) fn count(&mut self, code: &'static str) {
        debug_assert!(
            !self.wants(code),
            "{code}: a finding to keep was only counted"
        );
        self.counts.entry(code).or_default().0 += 1;
    }

    pub(crate) fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for d in diagnostics {
            self.push(d);
        }
    }

    /// The findings kept, and one for each rule that had more, counting them.
    pub(crate) fn into_vec(self) -> Vec<Diagnostic> {
        let Collector {
            kept: mut out,
            counts,
            beyond_cap,
        } = self;
        let mut summaries: Vec<Diagnostic> = counts
            .into_iter()
            .filter_map(|(code, (count, first))| {
                let first = first?;
                let kept = cap(&beyond_cap, code);
                let more = count - kept;
                let mut summary = Diagnostic::new(first.rule, first.pointer.as_str(), first.span)
                    .with_message(format!(
                        "{more} more `{}` finding{} in this payload, from {} on, not \
                         reported one by one",
                        first.rule_name(),
                        if more == 1 { "" } else { "s" },
                        crate::pointer::code_path(&first.pointer)
                    ))
                    .with_label("the first of them")
                    .with_severity(first.severity)
                    .with_help(format!(
                        "the first {kept} found are reported; fix how the payload is generated"
                    ));
                summary.not_kept = more;
                Some(summary)
            })
            .collect();
        summaries.sort_by_key(|d| d.code());
        out.extend(summaries);
        out
    }
}

/// How many findings of the rule `code` a check keeping `beyond` more keeps.
fn cap(beyond: &BeyondCap, code: &str) -> usize {
    MAX_FINDINGS_PER_RULE + beyond.every_rule + beyond.per_rule.get(code).copied().unwrap_or(0)
}

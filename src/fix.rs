//! Fixing a payload: the fixes of its findings applied, at most as sure as asked, without
//! overlap; the result checked again; and again, until nothing more can be fixed
//! ([`MAX_ROUNDS`]). A fix whose result would not parse, or would hold a finding the payload
//! did not have, is not applied: it is [`NotApplied`], with the reason.
//!
//! The safe fixes are applied first, to a fixed point, and only then the unsafe ones (when
//! asked), on the text the safe ones left: a guess never takes the place of a sure fix that
//! it overlaps or disagrees with, and fixing with the unsafe fixes at once gives the text
//! that fixing safely, then with the unsafe fixes, gives. The unsafe rounds work on the
//! text earlier guesses left: a later fix (safe or unsafe) may stand on a guess. It is still
//! applied only if its own finding goes and no finding is added, so it fixes a finding that
//! was there, at the same place, before the guess (a guess that would reveal a new finding,
//! such as a property renamed into a value of the wrong case, is refused).
//!
//! Every byte outside the edited spans is kept (a BOM, line ends, indentation, key order):
//! an edit replaces its span and nothing else ([`crate::diagnostic::apply_edits`]).

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{apply_edits, Applicability, Diagnostic, Fix};
use crate::diagnostic::{BeyondCap, Report, MAX_FINDINGS_PER_RULE};
use crate::kind::PayloadKind;
use crate::lint::Linter;
use crate::source::{Source, Span};

/// How many times a payload is fixed and checked again at most, at each applicability: a fix
/// may reveal another (a trailing comma removed lets the parser reach the next one, which is
/// why there are this many), but fixes never chase each other for ever. A fix left when the
/// rounds run out is [`NotApplied`], saying so: fixing stops, never silently.
pub const MAX_ROUNDS: usize = 64;

/// How many findings of a rule fixing looks at in each check, where a report keeps a
/// thousand ([`Linter::findings_per_rule`]): a round fixes up to this many, so an export of tens
/// of thousands of lines is fixed in a round or two, each costing a check or two, not in a
/// round per thousand (each a check of the whole payload). Bounds the memory the findings of
/// one check take (a finding is a few hundred bytes).
pub const FIXING_KEEPS: usize = 50_000;

/// A fix that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotApplied {
    /// The finding whose fix it is, as found in the text it would have fixed.
    pub diagnostic: Diagnostic,
    /// Why: "the payload would no longer parse", "it would add A4P201 at /forecastCategory", ...
    pub reason: String,
    /// Whether the fix was tried and refused, so that fixing again refuses it again; `false`
    /// when fixing stopped before trying it (out of rounds, or past the per-rule cap), and
    /// fixing again may apply it.
    pub tried: bool,
}

/// A round of fixing that changed the text: [`Fixed::rounds`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// How many of [`Fixed::applied`] it applied (the next ones after the rounds before).
    pub applied: usize,
    /// Its edits, in text order, as places in the text it was applied to and the lengths of
    /// their replacements (no text: the findings of a redacted report keep none).
    pub edits: Vec<(Span, usize)>,
}

impl Round {
    fn of(fixes: &[&Diagnostic]) -> Self {
        let mut edits: Vec<(Span, usize)> = fixes
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| &f.edits)
            .map(|e| (e.span, e.replacement.len()))
            .collect();
        edits.sort_by_key(|(span, _)| span.offset);
        Round {
            applied: fixes.len(),
            edits,
        }
    }

    /// Where `offset`, in the text the round was applied to, is in the text it left: moved
    /// by the edits before it; inside a replaced span, at the same distance into the
    /// replacement (at most its end).
    pub fn moved(&self, offset: usize) -> usize {
        // Edits never overlap, and a text is far shorter than `isize::MAX`.
        let mut shift = 0isize;
        for &(span, len) in &self.edits {
            if span.end() <= offset {
                shift += len as isize - span.len as isize;
            } else if span.offset < offset {
                let into = (offset - span.offset).min(len);
                return (span.offset as isize + shift) as usize + into;
            } else {
                break;
            }
        }
        (offset as isize + shift) as usize
    }
}

/// A payload after fixing.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The fixed text (the original when nothing was applied).
    pub text: String,
    /// The findings whose fixes were applied, in the order they were (each as found in the
    /// text of its round: its spans point there, not into [`Fixed::text`]).
    pub applied: Vec<Diagnostic>,
    /// The fixes that were refused.
    pub not_applied: Vec<NotApplied>,
    /// The rounds that applied fixes, in order: a round's fixes are found in the text the
    /// rounds before it left, so their spans (and edits) point there; a later round's edits
    /// tell where that place is in [`Fixed::text`].
    pub rounds: Vec<Round>,
    /// What remains: the findings of the fixed text (redacted when the linter redacts).
    pub remaining: Report<'static>,
}

impl Fixed {
    /// Whether the text changed.
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
}

impl Linter {
    /// Fixes `source`, checked as `kind` (detected when `None`): the fixes of its findings at
    /// least as sure as `applicability` are applied (`Safe`: the safe ones; `Unsafe`: the
    /// unsafe ones too; `DisplayOnly` applies nothing more than `Unsafe`: hints are never
    /// applied). The safe fixes are applied first, to a fixed point, then the unsafe ones, so
    /// that fixing at `Unsafe` gives what fixing at `Safe`, then at `Unsafe`, gives; a later
    /// unsafe round may fix a finding in text an earlier guess wrote. See the
    /// [module docs](crate::fix).
    pub fn fix(
        &self,
        source: Source<'_>,
        kind: Option<PayloadKind>,
        applicability: Applicability,
    ) -> Fixed {
        self.fix_at(source, kind, None, applicability)
    }

    /// [`Linter::fix`] with the configuration's `[[overrides]]` matched against `path`, as
    /// [`Linter::check_at`] does.
    pub fn fix_at(
        &self,
        source: Source<'_>,
        kind: Option<PayloadKind>,
        path: Option<&str>,
        applicability: Applicability,
    ) -> Fixed {
        self.fix_keeping(source, kind, path, applicability, FIXING_KEEPS)
    }

    /// [`Linter::fix_at`], looking at the first `keeps` findings of a rule in each check
    /// (tests look at fewer, to reach the limit in a small payload).
    pub(crate) fn fix_keeping(
        &self,
        source: Source<'_>,
        kind: Option<PayloadKind>,
        path: Option<&str>,
        applicability: Applicability,
        keeps: usize,
    ) -> Fixed {
        let name = source.name().to_owned();
        let ndjson_line = source.is_ndjson_line();
        let owned = |text: &str| {
            let source = Source::new(name.clone(), text.to_owned());
            if ndjson_line {
                source.as_ndjson_line()
            } else {
                source
            }
        };
        let mut text = source.text().to_owned();
        let mut applied = Vec::new();
        let mut not_applied: Vec<NotApplied> = Vec::new();
        let mut round_sizes = Vec::new();
        if source.encoding_problem().is_some() {
            // Bad bytes stand as `?` in the text: writing it back would change them.
            let remaining = self.check_at(source.into_owned(), kind, path);
            return Fixed {
                text,
                applied,
                not_applied,
                rounds: round_sizes,
                remaining,
            };
        }
        // Fixes are read from findings that are not redacted (a fixed date is payload data);
        // the report returned is the caller's linter's.
        let plain = self.clone().with_redaction(false);
        let mut rounds = Rounds {
            base: &plain,
            fixing: plain.clone(),
            keeps,
            beyond_cap: None,
            ran_out: false,
            keep_all: HashMap::new(),
            redact: self.redacts(),
            kind,
            path,
            owned: &owned,
            text: &mut text,
            applied: &mut applied,
            not_applied: &mut not_applied,
            rounds: &mut round_sizes,
        };
        let mut last: Option<Report<'static>> = None;
        // The safe fixes first, to a fixed point, then the unsafe ones on that text: a
        // guess never takes the place of a sure fix it overlaps, and `--unsafe-fixes` at
        // once gives what a safe run followed by an unsafe one gives.
        let mut phases = vec![Applicability::Safe];
        if applicability < Applicability::Safe {
            phases.push(applicability);
        }
        for at in phases {
            last = Some(rounds.run(at, last));
        }
        if let Some(report) = &last {
            rounds.unseen(report, applicability.max(Applicability::Unsafe));
        }
        // The report of what remains is the caller's: the fixing linter's when it is the
        // same (no rule has more findings than a report keeps, and neither redacts).
        let remaining = match last {
            Some(report)
                if !self.redacts()
                    && !report.source().is_redacted()
                    && as_reported(&report, self.findings_per_rule()) =>
            {
                report
            }
            _ => self.check_at(owned(&text), kind, path),
        };
        // Found by the unredacted linter: as redacted as the report, for a redacting one.
        if self.redacts() {
            applied.iter_mut().for_each(Diagnostic::redact);
            for refused in &mut not_applied {
                refused.diagnostic.redact();
            }
        }
        Fixed {
            text,
            applied,
            not_applied,
            rounds: round_sizes,
            remaining,
        }
    }
}

/// Rounds of fixing, each checked, on a text and the lists of what was applied and refused
/// so far.
struct Rounds<'a> {
    /// The linter that finds the fixes (not redacting).
    base: &'a Linter,
    /// `base`, keeping `keeps` findings of each rule, and as many more of a rule as fixes of
    /// it were refused ([`Rounds::beyond_cap`]): a payload's first findings of a rule may all
    /// be refused, and the fixable ones after them must still be seen.
    fixing: Linter,
    keeps: usize,
    /// Set by [`Rounds::keep_beyond_cap`].
    beyond_cap: Option<BeyondCap>,
    /// Whether a phase ran out of rounds with fixes left ([`MAX_ROUNDS`]).
    ran_out: bool,
    /// How many more findings of a rule are kept so that all of them are ([`keep_all_of`]).
    keep_all: HashMap<&'static str, usize>,
    /// Whether the caller's linter redacts: a refusal's reason quotes redacted messages.
    redact: bool,
    kind: Option<PayloadKind>,
    path: Option<&'a str>,
    /// The text as a `Source` of the payload's name (and NDJSON line, if it is one).
    owned: &'a dyn Fn(&str) -> Source<'static>,
    text: &'a mut String,
    applied: &'a mut Vec<Diagnostic>,
    not_applied: &'a mut Vec<NotApplied>,
    /// The rounds that applied fixes ([`Fixed::rounds`]).
    rounds: &'a mut Vec<Round>,
}

impl Rounds<'_> {
    /// Fixes at `applicability` until nothing more can be fixed, at most [`MAX_ROUNDS`]
    /// times; `last` is the report of the text as it stands, when known. Returns the report
    /// of the text it leaves.
    fn run(
        &mut self,
        applicability: Applicability,
        mut last: Option<Report<'static>>,
    ) -> Report<'static> {
        let (kind, path, owned) = (self.kind, self.path, self.owned);
        'rounds: for _ in 0..MAX_ROUNDS {
            if self.keep_beyond_cap() {
                last = None;
            }
            let plain = &self.fixing;
            let before = match last.take() {
                Some(report) => report,
                None => plain.check_at(owned(self.text), kind, path),
            };
            let candidates = candidates(&before, self.text, applicability, self.not_applied);
            if candidates.is_empty() {
                return before;
            }
            let together = apply_fixes(self.text, &candidates);
            let after = plain.check_at(owned(&together), kind, path);
            if refusal(&before, &after, &candidates, self.redact).is_none() {
                self.rounds.push(Round::of(&candidates));
                self.applied.extend(candidates.into_iter().cloned());
                *self.text = together;
                last = Some(after);
                continue;
            }
            let text: &str = self.text;
            let check_whole = |fixes: &[&Diagnostic]| {
                plain.check_at(owned(&apply_fixes(text, fixes)), kind, path)
            };
            // The fixes the result points at (their finding left in place, or a finding
            // added at or under their place) are refused at once, and the rest checked whole,
            // again while its result points at some: a payload of many bad fixes costs a
            // check or two for each thousand (the findings of a rule a report keeps), not
            // two for each.
            let (mut group, mut after) = (candidates, after);
            loop {
                let blamed = blame(&before, &after, &group, self.redact);
                if blamed.is_empty() {
                    break;
                }
                let mut blamed = blamed.into_iter().peekable();
                let mut rest = Vec::new();
                for (i, d) in group.into_iter().enumerate() {
                    match blamed.next_if(|(b, _)| *b == i) {
                        Some((_, reason)) => self.not_applied.push(NotApplied {
                            diagnostic: d.clone(),
                            reason,
                            tried: true,
                        }),
                        None => rest.push(d),
                    }
                }
                if rest.is_empty() {
                    continue 'rounds;
                }
                let rest_after = check_whole(&rest);
                if refusal(&before, &rest_after, &rest, self.redact).is_none() {
                    *self.text = apply_fixes(self.text, &rest);
                    self.rounds.push(Round::of(&rest));
                    self.applied.extend(rest.into_iter().cloned());
                    continue 'rounds;
                }
                (group, after) = (rest, rest_after);
            }
            // A rule past the findings a check keeps hides where its findings were added (the
            // counts alone tell that some were): keep all of them, and look again, so that the
            // result points at the fixes that added them.
            if keep_all_of(&mut self.keep_all, &before, &after) {
                continue 'rounds;
            }
            // One of them, or some together, spoil the payload, and the result does not say
            // which: halve the group until the culprits stand alone, so that a few bad fixes
            // among many cost a few checks each, not one check per fix.
            let check =
                |fixes: &[&Diagnostic]| refusal(&before, &check_whole(fixes), fixes, self.redact);
            let mut good = Vec::new();
            sort_out(&group, &check, &mut good, self.not_applied);
            let Some(&first) = good.first() else {
                return before;
            };
            let good = if check(&good).is_none() {
                good
            } else {
                vec![first]
            };
            *self.text = apply_fixes(self.text, &good);
            self.rounds.push(Round::of(&good));
            self.applied.extend(good.into_iter().cloned());
        }
        // The rounds ran out: what could still be fixed is said, not dropped.
        self.ran_out = true;
        if self.keep_beyond_cap() {
            last = None;
        }
        let report = last.unwrap_or_else(|| self.fixing.check_at(owned(self.text), kind, path));
        let left: Vec<NotApplied> = candidates(&report, self.text, applicability, self.not_applied)
            .into_iter()
            .map(|d| NotApplied {
                diagnostic: d.clone(),
                reason: format!("fixing stopped after {MAX_ROUNDS} rounds: fix again to go on"),
                tried: false,
            })
            .collect();
        self.not_applied.extend(left);
        report
    }

    /// How many findings of a rule fixing looks at in each check, less those it refused:
    /// `keeps`, or as many as the caller's linter keeps if more.
    fn looks_at(&self) -> usize {
        self.keeps.max(self.base.findings_per_rule())
    }

    /// Keeps, past the per-rule cap, one more finding of a rule for each fix of it refused
    /// so far. Whether that changed (a report found before no longer tells).
    fn keep_beyond_cap(&mut self) -> bool {
        let mut beyond_cap = BeyondCap {
            every_rule: self.looks_at() - MAX_FINDINGS_PER_RULE,
            per_rule: HashMap::new(),
        };
        for refused in self.not_applied.iter() {
            *beyond_cap
                .per_rule
                .entry(refused.diagnostic.code())
                .or_default() += 1;
        }
        for (&code, &more) in &self.keep_all {
            *beyond_cap.per_rule.entry(code).or_default() += more;
        }
        if self.beyond_cap.as_ref() == Some(&beyond_cap) {
            return false;
        }
        self.fixing = self.base.clone().keeping_beyond_cap(beyond_cap.clone());
        self.beyond_cap = Some(beyond_cap);
        true
    }

    /// Says which findings fixing never saw, in `report` (the last one): past the per-rule
    /// cap, behind findings of their rule that none of the fixes asked for (`applicability`)
    /// could fix. Their fixes were never tried; a rule that carries none of that
    /// applicability is not said.
    fn unseen(&mut self, report: &Report<'_>, applicability: Applicability) {
        if self.ran_out {
            return;
        }
        for d in report.diagnostics().iter().filter(|d| d.not_kept() > 0) {
            if d.rule.fixes.iter().any(|&a| a >= applicability) {
                self.not_applied.push(NotApplied {
                    diagnostic: d.clone(),
                    reason: format!(
                        "not looked at: fixing looks at the first {} {} findings it has not \
                         refused, and could fix none of them; fix those, then fix again",
                        self.looks_at(),
                        d.code()
                    ),
                    tried: false,
                });
            }
        }
    }
}

/// Keeps (in `keep_all`, by rule) as many more findings of each rule as `before` or
/// `after` only counted. Whether any were (else looking again tells nothing new). The
/// memory stays bounded by the payload: each finding has bytes of its own.
fn keep_all_of(
    keep_all: &mut HashMap<&'static str, usize>,
    before: &Report<'_>,
    after: &Report<'_>,
) -> bool {
    let mut more = false;
    for d in before.diagnostics().iter().chain(after.diagnostics()) {
        if d.not_kept() > 0 {
            *keep_all.entry(d.rule.code).or_default() += d.not_kept();
            more = true;
        }
    }
    more
}

/// Whether `report`, of the fixing linter, is what a report of the caller's linter holds:
/// no rule has more findings than it keeps (`cap`).
fn as_reported(report: &Report<'_>, cap: usize) -> bool {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    report.diagnostics().iter().all(|d| {
        let n = counts.entry(d.code()).or_default();
        *n += 1;
        d.not_kept() == 0 && *n <= cap
    })
}

/// The findings of `report` whose fixes are at least `applicability` sure, fit `text`, were
/// not refused before, and overlap no earlier one (in text order).
fn candidates<'r>(
    report: &'r Report<'_>,
    text: &str,
    applicability: Applicability,
    refused: &[NotApplied],
) -> Vec<&'r Diagnostic> {
    let mut chosen: Vec<&Diagnostic> = Vec::new();
    // Looked up by rule and place: a payload with thousands of findings and refused fixes
    // is not compared pair by pair.
    let mut refused_at: HashMap<(&str, &str), Vec<&Diagnostic>> = HashMap::new();
    for r in refused {
        refused_at
            .entry((r.diagnostic.code(), r.diagnostic.pointer.as_str()))
            .or_default()
            .push(&r.diagnostic);
    }
    let was_refused = |d: &Diagnostic| {
        refused_at
            .get(&(d.code(), d.pointer.as_str()))
            .is_some_and(|rs| rs.iter().any(|r| same_fix(r, d)))
    };
    let mut fixable: Vec<(&Diagnostic, &Fix)> = report
        .diagnostics()
        .iter()
        .filter_map(|d| Some((d, d.fix.as_ref()?)))
        .filter(|(d, fix)| {
            fix.applicability >= applicability
                && fix.applicability != Applicability::DisplayOnly
                && !fix.edits.is_empty()
                && fix.fits(text)
                && !was_refused(d)
        })
        .collect();
    fixable.sort_by_key(|(_, fix)| fix.span());
    // Where the fixes chosen so far end: a fix that starts past it overlaps none of them
    // (fixes seldom overlap, so the pairwise look is rare).
    let mut reach = None;
    for (d, fix) in fixable {
        let overlaps = reach.is_some_and(|end| fix.span().offset <= end)
            && chosen
                .iter()
                .any(|c| c.fix.as_ref().is_some_and(|c| c.overlaps(fix)));
        let changes = fix
            .edits
            .iter()
            .any(|e| text[e.span.offset..e.span.end()] != e.replacement);
        if !overlaps && changes {
            reach = reach.max(Some(fix.span().end()));
            chosen.push(d);
        }
    }
    chosen
}

/// The fixes of `fixes` (a group whose result, `after`, is refused) that `after` points at,
/// in order, with why: a fix whose own finding is still at its place, or at or under whose
/// place (its JSON Pointer) a finding was added. None when `after` does not parse, or its
/// findings point at no fix: then only checks tell.
fn blame(
    before: &Report<'_>,
    after: &Report<'_>,
    fixes: &[&Diagnostic],
    redact: bool,
) -> Vec<(usize, String)> {
    if stopped(before).is_some() || stopped(after).is_some() {
        return Vec::new();
    }
    let message = |d: &Diagnostic| {
        let mut d = d.clone();
        if redact {
            d.redact();
        }
        d.message
    };
    let (had, has) = (Tally::of(before), Tally::of(after));
    let mut first_at: HashMap<(&str, &str), &Diagnostic> = HashMap::new();
    for d in after.diagnostics().iter().filter(|d| d.not_kept() == 0) {
        first_at.entry((d.code(), d.pointer.as_str())).or_insert(d);
    }
    let mut blamed: HashMap<usize, String> = HashMap::new();
    let mut at_place: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, fix) in fixes.iter().enumerate() {
        let place = (fix.code(), fix.pointer.as_str());
        if has.at(place) >= had.at(place) {
            let reason = match first_at.get(&place) {
                Some(d) => format!("it would not fix it: {}", message(d)),
                None => "it would not fix it".to_owned(),
            };
            blamed.insert(i, reason);
        }
        at_place.entry(fix.pointer.as_str()).or_default().push(i);
    }
    for d in added(&had, after, fixes) {
        // The finding's place and each place above it, up to the root.
        let mut place = d.pointer.as_str();
        loop {
            for &i in at_place.get(place).into_iter().flatten() {
                blamed.entry(i).or_insert_with(|| adds(d, &message(d)));
            }
            match place.rfind('/') {
                Some(cut) => place = &place[..cut],
                None => break,
            }
        }
    }
    let mut blamed: Vec<(usize, String)> = blamed.into_iter().collect();
    blamed.sort_unstable_by_key(|(i, _)| *i);
    blamed
}

/// Puts each fix of `fixes`, a group whose result `check` refuses, in `good` or `refused`:
/// each half is checked, a half that passes is good, a refused one is halved again.
fn sort_out<'d>(
    fixes: &[&'d Diagnostic],
    check: &dyn Fn(&[&Diagnostic]) -> Option<String>,
    good: &mut Vec<&'d Diagnostic>,
    refused: &mut Vec<NotApplied>,
) {
    let (a, b) = fixes.split_at(fixes.len() / 2);
    for half in [a, b] {
        if half.is_empty() {
            continue;
        }
        match check(half) {
            None => good.extend_from_slice(half),
            Some(reason) if half.len() == 1 => refused.push(NotApplied {
                diagnostic: half[0].clone(),
                reason,
                tried: true,
            }),
            Some(_) => sort_out(half, check, good, refused),
        }
    }
}

/// Whether two findings (of texts that may differ by other fixes) propose the same fix.
fn same_fix(a: &Diagnostic, b: &Diagnostic) -> bool {
    let replacements = |d: &Diagnostic| {
        d.fix.as_ref().map(|f| {
            f.edits
                .iter()
                .map(|e| e.replacement.clone())
                .collect::<Vec<_>>()
        })
    };
    a.code() == b.code() && a.pointer == b.pointer && replacements(a) == replacements(b)
}

/// The finding that stopped the checks of a text early (it does not parse, is not UTF-8, is
/// too large, or is of no known kind).
fn stopped<'r>(report: &'r Report<'_>) -> Option<&'r Diagnostic> {
    report
        .diagnostics()
        .iter()
        .find(|d| matches!(d.code(), "A4P001" | "A4P003" | "A4P004" | "A4P005"))
}

fn apply_fixes(text: &str, fixes: &[&Diagnostic]) -> String {
    apply_edits(
        text,
        fixes
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| &f.edits),
    )
}

/// Why the text checked in `after` may not replace the one checked in `before`, if it may
/// not: it no longer parses, or it holds a finding (code and place) that `before` did not.
/// A text that did not parse (or whose kind was unknown) hid every later finding: its fix
/// need only get past the syntax error (the same error, if any, must come later in the text).
fn refusal(
    before: &Report<'_>,
    after: &Report<'_>,
    fixes: &[&Diagnostic],
    redact: bool,
) -> Option<String> {
    // A reason quotes a finding's message: as the report would show it.
    let message = |d: &Diagnostic| {
        if redact {
            let mut d = d.clone();
            d.redact();
            d.message
        } else {
            d.message.clone()
        }
    };
    match (stopped(before), stopped(after)) {
        // The same error where it was, or before it: the fix did not get past it. The same
        // error further on (a second trailing comma) is progress.
        (Some(b), Some(a))
            if a.code() == b.code() && a.message == b.message && a.span.offset <= b.span.offset =>
        {
            return Some(format!(
                "the fixed payload would still break: {}",
                message(a)
            ));
        }
        (Some(_), _) => return None,
        (None, Some(a)) if a.code() == "A4P001" => {
            return Some(format!("the fixed payload would not parse: {}", message(a)));
        }
        _ => {}
    }
    let (had, has) = (Tally::of(before), Tally::of(after));
    // A fix must take its own finding away: one that leaves another finding of its rule in
    // its place (a date rewritten into another form DS rejects) fixes nothing. Its finding
    // was kept in `before` (a finding standing for those past the cap has no fix), so one
    // still kept there in `after` is one it left.
    let mut fixed: HashMap<&str, usize> = HashMap::new();
    for fix in fixes {
        *fixed.entry(fix.code()).or_default() += 1;
        let place = (fix.code(), fix.pointer.as_str());
        if has.at(place) >= had.at(place) {
            let still = after
                .diagnostics()
                .iter()
                .find(|d| d.not_kept() == 0 && (d.code(), d.pointer.as_str()) == place);
            return Some(match still {
                Some(d) => format!("it would not fix it: {}", message(d)),
                None => "it would not fix it".to_owned(),
            });
        }
    }
    // No finding may be added. Past the per-rule cap (a thousand findings of a rule) a
    // report counts findings without keeping them, so a finding of such a rule that
    // `after` keeps and `before` did not may be one `before` only counted: for these rules
    // the counts decide (no more findings than before, less the ones fixed), for the others
    // each finding's rule and place. Taking a revealed finding for an added one would refuse
    // every fix of a payload with more findings of one rule than the cap.
    if let Some(d) = added(&had, after, fixes).first() {
        return Some(adds(d, &message(d)));
    }
    let mut cut: Vec<&str> = had.cut.union(&has.cut).copied().collect();
    cut.sort_unstable();
    for code in cut {
        if had.unexamined && (had.schema.contains(code) || has.schema.contains(code)) {
            // The counts of a schema rule are of the schema errors examined, which fixing
            // others changes.
            continue;
        }
        let (was, is) = (had.total(code), has.total(code));
        let fixing = fixed.get(code).copied().unwrap_or(0);
        if is + fixing > was {
            return Some(if fixing == 0 {
                let more = is - was;
                format!(
                    "it would add {more} {code} finding{}",
                    if more == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "it would not fix them all: {is} {code} findings would remain of {was}, \
                     {fixing} fixed"
                )
            });
        }
    }
    None
}

/// The findings `after` keeps that the report counted in `had` did not have (by rule and
/// place; a rule past the per-rule cap in `had` adds none: see [`refusal`]). When `had`
/// stood for schema errors it did not examine (past the 50,000 a check examines), a schema
/// finding away from every fix of `fixes` (neither at, under nor above one's place) adds
/// none either: it is one the examination reaches now that the fixes took others away.
fn added<'a>(had: &Tally<'_>, after: &'a Report<'_>, fixes: &[&Diagnostic]) -> Vec<&'a Diagnostic> {
    let near = had.unexamined.then(|| Near::of(fixes));
    let mut left = had.places.clone();
    after
        .diagnostics()
        .iter()
        .filter(|d| d.not_kept() == 0)
        .filter(|d| match left.get_mut(&(d.code(), d.pointer.as_str())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => !had.cut.contains(d.code()),
        })
        .filter(|d| {
            near.as_ref().is_none_or(|near| {
                d.rule.category != crate::rule::Category::Schema || near.touches(&d.pointer)
            })
        })
        .collect()
}

/// The places of some fixes, and every place above them.
struct Near<'f> {
    places: HashSet<&'f str>,
    above: HashSet<&'f str>,
}

impl<'f> Near<'f> {
    fn of(fixes: &[&'f Diagnostic]) -> Self {
        let mut near = Near {
            places: HashSet::new(),
            above: HashSet::new(),
        };
        for fix in fixes {
            let mut place = fix.pointer.as_str();
            near.places.insert(place);
            while let Some(cut) = place.rfind('/') {
                place = &place[..cut];
                if !near.above.insert(place) {
                    break;
                }
            }
        }
        near
    }

    /// Whether `pointer` is at, under or above a fix's place.
    fn touches(&self, pointer: &str) -> bool {
        if self.above.contains(pointer) {
            return true;
        }
        let mut place = pointer;
        loop {
            if self.places.contains(place) {
                return true;
            }
            match place.rfind('/') {
                Some(cut) => place = &place[..cut],
                None => return false,
            }
        }
    }
}

/// Why a fix is refused for the finding `d` it would add (`message`, its message as shown).
fn adds(d: &Diagnostic, message: &str) -> String {
    format!(
        "it would add {} at {}: {}",
        d.code(),
        crate::pointer::display_path(&d.pointer),
        message
    )
}

/// A report's findings counted in one pass: the kept ones by rule and place, and all of
/// them by rule (those past the per-rule cap too).
struct Tally<'r> {
    places: HashMap<(&'r str, &'r str), usize>,
    totals: HashMap<&'r str, usize>,
    /// The rules with findings past the cap, counted but not kept.
    cut: HashSet<&'r str>,
    /// Schema errors past those a check examines were left unexamined (not even counted).
    unexamined: bool,
    /// The rules of the schema's category among those counted.
    schema: HashSet<&'r str>,
}

impl<'r> Tally<'r> {
    fn of(report: &'r Report<'_>) -> Self {
        let mut tally = Tally {
            places: HashMap::new(),
            totals: HashMap::new(),
            cut: HashSet::new(),
            unexamined: false,
            schema: HashSet::new(),
        };
        for d in report.diagnostics() {
            tally.unexamined |= d.is_unexamined();
            if d.rule.category == crate::rule::Category::Schema {
                tally.schema.insert(d.code());
            }
            let total = tally.totals.entry(d.code()).or_default();
            if d.not_kept() > 0 {
                *total += d.not_kept();
                tally.cut.insert(d.code());
            } else {
                *total += 1;
                *tally
                    .places
                    .entry((d.code(), d.pointer.as_str()))
                    .or_default() += 1;
            }
        }
        tally
    }

    /// How many findings of a rule are kept at a place.
    fn at(&self, place: (&str, &str)) -> usize {
        self.places.get(&place).copied().unwrap_or(0)
    }

    /// How many findings of a rule there are, kept or not.
    fn total(&self, code: &str) -> usize {
        self.totals.get(code).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A BOM, CRLF line ends and tabs, which fixing keeps.
    const UPDATE: &str = "\u{feff}{\"leadOpportunity\": {\r\n\t\"partnerLeadOpportunityId\": \"CRM-1\",\r\n\t\"status\": \"won\",\r\n\t\"forecastCategory\": \"WON\"\r\n}}";

    fn codes(report: &Report<'_>) -> Vec<&'static str> {
        report.diagnostics().iter().map(|d| d.code()).collect()
    }

    #[test]
    fn a_safe_fix_keeps_every_other_byte_and_fixing_again_changes_nothing() {
        let linter = Linter::new();
        let fixed = linter.fix(
            Source::new("p", UPDATE),
            Some(PayloadKind::UpdateRequest),
            Applicability::Safe,
        );
        assert_eq!(fixed.text, UPDATE.replace("\"won\"", "\"WON\""));
        assert_eq!(fixed.applied.len(), 1);
        assert_eq!(fixed.applied[0].code(), "A4P101");
        assert!(fixed.remaining.is_clean(), "{:?}", codes(&fixed.remaining));
        let again = linter.fix(
            Source::new("p", fixed.text.as_str()),
            Some(PayloadKind::UpdateRequest),
            Applicability::Safe,
        );
        assert_eq!(again.text, fixed.text);
        assert!(!again.changed());
    }

    #[test]
    fn a_typo_is_fixed_only_when_unsafe_fixes_are_asked_for() {
        let text = UPDATE.replace("\"won\"", "\"WONN\"");
        let linter = Linter::new();
        let kind = Some(PayloadKind::UpdateRequest);
        let safe = linter.fix(Source::new("p", text.as_str()), kind, Applicability::Safe);
        assert_eq!(safe.text, text);
        assert_eq!(codes(&safe.remaining), ["A4P101"]);
        let hint = linter.fix(
            Source::new("p", text.as_str()),
            kind,
            Applicability::DisplayOnly,
        );
        assert_eq!(
            hint.text,
            UPDATE.replace("\"won\"", "\"WON\""),
            "hints are never applied, unsafe fixes are"
        );
        let fixed = linter.fix(Source::new("p", text.as_str()), kind, Applicability::Unsafe);
        assert_eq!(fixed.text, UPDATE.replace("\"won\"", "\"WON\""));
        assert!(fixed.remaining.is_clean());
    }

    #[test]
    fn a_fix_that_adds_a_finding_is_refused_with_the_reason() {
        // `WON` is what was meant, but with the forecast category UPSIDE it makes A4P201 fire.
        let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"won\", \"forecastCategory\": \"UPSIDE\"}}";
        let fixed = Linter::new().fix(
            Source::new("p", text),
            Some(PayloadKind::UpdateRequest),
            Applicability::Safe,
        );
        assert_eq!(fixed.text, text);
        assert!(!fixed.changed());
        assert_eq!(fixed.not_applied.len(), 1);
        let refused = &fixed.not_applied[0];
        assert_eq!(refused.diagnostic.code(), "A4P101");
        assert!(
            refused
                .reason
                .starts_with("it would add A4P201 at leadOpportunity.forecastCategory"),
            "{}",
            refused.reason
        );
        assert_eq!(codes(&fixed.remaining), ["A4P101"]);
    }

    #[test]
    fn a_redacting_linter_still_fixes_and_reports_redacted() {
        let linter = Linter::new().with_redaction(true);
        let fixed = linter.fix(
            Source::new("p", UPDATE),
            Some(PayloadKind::UpdateRequest),
            Applicability::Safe,
        );
        assert!(fixed.changed());
        let text = UPDATE.replace("\"won\"", "\"wonn\"");
        let fixed = linter.fix(
            Source::new("p", text.as_str()),
            Some(PayloadKind::UpdateRequest),
            Applicability::Safe,
        );
        assert!(fixed.remaining.source().is_redacted());
        assert!(!fixed.remaining.source().text().contains("wonn"));
        // What was applied and refused is redacted too: the refused fix's reason quotes the
        // redacted message of the finding it would add.
        let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"won\", \"forecastCategory\": \"UPSIDE\"}}";
        let fixed = linter.fix(
            Source::new("p", text),
            Some(PayloadKind::UpdateRequest),
            Applicability::Safe,
        );
        let refused = &fixed.not_applied[0];
        assert!(
            !refused.diagnostic.message.contains("won"),
            "{}",
            refused.diagnostic.message
        );
        assert!(
            refused.diagnostic.fix.is_none()
                || !format!("{:?}", refused.diagnostic.fix).contains("won")
        );
        assert!(
            refused.reason.starts_with("it would add A4P201"),
            "{}",
            refused.reason
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_never_rewritten() {
        let bytes = b"{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"won\xff\"}}";
        let fixed = Linter::new().fix(
            Source::from_bytes("p", bytes),
            Some(PayloadKind::UpdateRequest),
            Applicability::Unsafe,
        );
        assert!(!fixed.changed());
        assert_eq!(codes(&fixed.remaining), ["A4P003"]);
    }

    /// A payload of `n` offer lines with a revenue type in lower case (A4P101 each) but for
    /// the first `fixed`.
    fn lines(n: usize, fixed: usize) -> String {
        offers((0..n).map(|i| ("1", if i < fixed { "UPFRONT" } else { "upfront" })))
    }

    #[test]
    fn past_the_cap_the_counts_decide_what_a_fix_added() {
        let linter = Linter::new();
        let check = |text: &str| {
            linter.check(
                Source::new("p", text.to_owned()),
                Some(PayloadKind::UpdateRequest),
            )
        };
        let before = check(&lines(1_003, 0));
        assert!(before.diagnostics().iter().any(|d| d.not_kept() == 3));
        // Findings only counted before, kept after: not added.
        let after = check(&lines(1_003, 1_000));
        let fixes: Vec<&Diagnostic> = before.diagnostics()[..1_000].iter().collect();
        assert!(fixes
            .iter()
            .all(|d| d.code() == "A4P101" && d.fix.is_some()));
        assert_eq!(refusal(&before, &after, &fixes, false), None);
        // Two more past the cap, or as many as before though one is fixed: added.
        let after = check(&lines(1_005, 0));
        assert_eq!(
            refusal(&before, &after, &[], false).as_deref(),
            Some("it would add 2 A4P101 findings")
        );
        let after = check(&lines(1_004, 1));
        assert_eq!(
            refusal(&before, &after, &fixes[..1], false).as_deref(),
            Some("it would not fix them all: 1003 A4P101 findings would remain of 1003, 1 fixed")
        );
    }

    /// An update request of offer lines with these amounts and revenue types.
    fn offers(lines: impl Iterator<Item = (&'static str, &'static str)>) -> String {
        let lines: Vec<String> = lines
            .map(|(amount, revenue)| {
                format!(r#"{{"amount": {amount}, "offerNameId": "X", "revenueType": "{revenue}"}}"#)
            })
            .collect();
        format!(
            "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\"}}, \"offerLines\": [{}]}}",
            lines.join(", ")
        )
    }

    fn fix_keeping(text: &str, at: Applicability, keeps: usize) -> Fixed {
        Linter::new().fix_keeping(
            Source::new("p.json", text),
            Some(PayloadKind::UpdateRequest),
            None,
            at,
            keeps,
        )
    }

    /// Past the findings fixing looks at (a thousand here), half the fixes refused: the
    /// refused findings keep their places among those, so fixing keeps as many more as it
    /// refused, and every good fix is still seen and applied (it stopped at a thousand,
    /// saying nothing); the result points at each refused fix, a thousand at a time.
    #[test]
    fn refused_fixes_never_hide_the_good_ones_past_what_fixing_looks_at() {
        let amounts = ["\"5\"", "\"-5\""];
        let text = offers((0..2_400).map(|i| (amounts[i % 2], "UPFRONT")));
        let fixed = fix_keeping(&text, Applicability::Safe, 1_000);
        assert_eq!(
            fixed.text,
            text.replace(r#""amount": "5""#, r#""amount": 5"#)
        );
        assert_eq!(fixed.applied.len(), 1_200);
        assert_eq!(fixed.not_applied.len(), 1_200);
        assert!(fixed.not_applied.iter().all(|r| r.tried
            && r.diagnostic.code() == "A4P104"
            && r.reason.starts_with("it would add A4P204 at offerLines[")));
        assert!(fixed.rounds.len() <= 4, "{} rounds", fixed.rounds.len());
        let remaining = fixed.remaining.diagnostics();
        assert_eq!(remaining.len(), 1_001);
        assert!(remaining[1_000].message.starts_with("200 more `"));
    }

    /// The findings fixing looks at (a thousand here) have only unsafe fixes, and a safe run
    /// cannot see the safe ones after them: said on the finding that stands for them, never
    /// tried. An unsafe run fixes them all.
    #[test]
    fn fixes_past_what_fixing_looks_at_that_were_never_seen_are_said() {
        let text =
            offers((0..1_300).map(|i| ("1", if i < 1_000 { "UPFRONTT" } else { "upfront" })));
        let fixed = fix_keeping(&text, Applicability::Safe, 1_000);
        assert!(!fixed.changed());
        let [unseen] = fixed.not_applied.as_slice() else {
            panic!("{:?}", fixed.not_applied);
        };
        assert_eq!(unseen.diagnostic.code(), "A4P101");
        assert_eq!(unseen.diagnostic.pointer, "/offerLines/1000/revenueType");
        assert!(unseen.diagnostic.message.starts_with("300 more `"));
        assert!(!unseen.tried);
        assert_eq!(
            unseen.reason,
            "not looked at: fixing looks at the first 1000 A4P101 findings it has not refused, \
             and could fix none of them; fix those, then fix again"
        );
        let fixed = fix_keeping(&text, Applicability::Unsafe, 1_000);
        assert_eq!(
            fixed.text,
            text.replace("UPFRONTT", "UPFRONT")
                .replace("upfront", "UPFRONT")
        );
        assert!(fixed.not_applied.is_empty(), "{:?}", fixed.not_applied);
    }

    /// Past the schema errors a check examines, a fix takes some away and the examination
    /// reaches others, further on: those are not added by the fix (refusing them stalled
    /// fixing, halving for minutes); a schema finding at, under or above a fix's place still
    /// is, and so is a finding of another category anywhere.
    #[test]
    fn past_the_schema_errors_examined_findings_away_from_the_fixes_are_not_added() {
        use crate::rules::schema::schema_violation;
        let text = offers((0..3).map(|_| ("\"5\"", "UPFRONT")));
        let report = Linter::new().check(
            Source::new("p", text.clone()),
            Some(PayloadKind::UpdateRequest),
        );
        let [first, second, third] = report.diagnostics() else {
            panic!("{:?}", codes(&report));
        };
        let unexamined = schema_violation::not_examined(1, Span::new(0, 1));
        let with = |ds: &[&Diagnostic]| {
            Report::new(
                Source::new("p", text.clone()),
                Some(PayloadKind::UpdateRequest),
                ds.iter().map(|d| (*d).clone()).collect(),
            )
        };
        // Before: the first finding, and the rest unexamined; after fixing the first: the
        // other two, examined now.
        let before = with(&[first, &unexamined]);
        let after = with(&[second, third]);
        let fixes = [first];
        assert!(added(&Tally::of(&before), &after, &fixes).is_empty());
        assert_eq!(refusal(&before, &after, &fixes, false), None);
        // Without the unexamined errors, they are added.
        let before = with(&[first]);
        assert_eq!(added(&Tally::of(&before), &after, &fixes).len(), 2);
        // Under the fix's own place, one is added however many were unexamined.
        let before = with(&[second, &unexamined]);
        let mut under = second.clone();
        under.pointer = format!("{}/deeper", second.pointer);
        let after = with(&[&under]);
        assert_eq!(added(&Tally::of(&before), &after, &[second]), [&under]);
    }

    /// Past the schema errors examined, the counts of a rule of another category are still
    /// whole: a fix that adds one (an amount made negative, A4P204, past that rule's cap) is
    /// refused.
    #[test]
    fn past_the_schema_errors_examined_other_rules_are_still_counted() {
        use crate::diagnostic::Collector;
        use crate::rules::schema::schema_violation;
        let text = offers([("\"-5\"", "UPFRONT"), ("-7", "UPFRONT")].into_iter());
        let report = Linter::new().check(
            Source::new("p", text.clone()),
            Some(PayloadKind::UpdateRequest),
        );
        let [fix, negative] = report.diagnostics() else {
            panic!("{:?}", codes(&report));
        };
        assert_eq!((fix.code(), negative.code()), ("A4P104", "A4P204"));
        let with = |negatives: usize, fix: Option<&Diagnostic>| {
            let mut collector = Collector::default();
            collector.extend(fix.cloned());
            collector.push(schema_violation::not_examined(1, Span::new(0, 1)));
            for i in 0..negatives {
                let mut d = negative.clone();
                d.pointer = format!("/offerLines/{i}/amount");
                collector.push(d);
            }
            Report::new(
                Source::new("p", text.clone()),
                Some(PayloadKind::UpdateRequest),
                collector.into_vec(),
            )
        };
        let (before, after) = (with(1_001, Some(fix)), with(1_002, None));
        assert_eq!(
            refusal(&before, &after, &[fix], false).as_deref(),
            Some("it would add 1 A4P204 finding")
        );
        assert_eq!(refusal(&before, &with(1_001, None), &[fix], false), None);
    }

    /// A rule past the findings fixing looks at (a thousand here) hides where a fix added one
    /// of its findings: fixing keeps all of them and looks again, so that the result points
    /// at the fixes to refuse (by place, not by halving the thousands of good ones).
    #[test]
    fn a_finding_added_to_a_rule_past_what_fixing_looks_at_is_blamed_by_place() {
        let lines = (0..3)
            .map(|_| ("\"-5\"", "UPFRONT"))
            .chain((0..1_100).map(|_| ("-7", "UPFRONT")))
            .chain((0..200).map(|_| ("\"5490\"", "UPFRONT")));
        let text = offers(lines);
        let fixed = fix_keeping(&text, Applicability::Safe, 1_000);
        assert_eq!(fixed.applied.len(), 200);
        assert_eq!(fixed.not_applied.len(), 3);
        for (i, refused) in fixed.not_applied.iter().enumerate() {
            assert!(
                refused
                    .reason
                    .starts_with(&format!("it would add A4P204 at offerLines[{i}].amount: ")),
                "{}",
                refused.reason
            );
        }
        assert_eq!(fixed.text.matches("\"-5\"").count(), 3);
        assert_eq!(fixed.text.matches("\"5490\"").count(), 0);
    }
}

//! What a rule is: its stable identity (code, name), its default severity and its docs,
//! which are the doc comment of its `static`, captured by [`declare_rule!`](crate::declare_rule)
//! so that `explain` prints exactly what rustdoc shows.

use std::fmt;

use crate::kind::PayloadKind;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// DS accepts the payload but data is likely lost or wrong.
    Warning,
    /// DS rejects the payload, or the payload is not what it claims to be.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// How sure a fix is that the fixed payload says what its author meant. Ordered:
/// `DisplayOnly < Unsafe < Safe`, so "at most this sure" reads `fix.applicability >= wanted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// A hint only: shown (the replacement in the help, SARIF and GitHub leave it out), never
    /// applied, even with `--unsafe-fixes`.
    DisplayOnly,
    /// A judgement (a typo `WONN` → `WON`, a property renamed, a duplicate key removed):
    /// applied only when asked (`--unsafe-fixes`).
    Unsafe,
    /// The fixed payload surely says what its author meant (`upfront` → `UPFRONT`, `eur` →
    /// `EUR`, `"1000"` → `1000`): applied by `--fix`.
    Safe,
}

impl Applicability {
    /// `safe`, `unsafe` or `display-only`, as the JSON output and the docs spell it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

impl std::fmt::Display for Applicability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// A rule: stable identity plus docs.
#[derive(PartialEq, Eq)]
pub struct Rule {
    /// `A4P` + 3 digits; never changes meaning.
    pub code: &'static str,
    /// Kebab-case name; stable.
    pub name: &'static str,
    /// What the rule looks at.
    pub category: Category,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// How far its findings can be turned off.
    pub silencing: Silencing,
    /// How sure the fixes its findings can carry are, surest first (empty: no finding of it
    /// carries a fix). The docs' `## Fix` section says what each writes and why.
    pub fixes: &'static [Applicability],
    /// The doc comment, as written (each line keeps rustdoc's leading space).
    pub raw_docs: &'static str,
}

/// A rule is known by its code and name: a finding's `{:?}` (in a failed assertion, a log)
/// would otherwise carry the rule's whole documentation.
impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// How far a rule's findings can be turned off. A gate must never pass a payload it could
/// not check: the findings that say so are kept whatever `--select` and `--ignore` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Silencing {
    /// Any level, in the configuration and on the command line.
    Anywhere,
    /// The payload was not checked (its kind is unknown): `--select` and `--ignore` keep it;
    /// only the configuration can set its level, for the files it names.
    ConfigurationOnly,
    /// The payload could not be read at all (not JSON, not UTF-8, too large): always an
    /// error, whatever the configuration and the command line say.
    Never,
}

/// What a rule looks at. It does not set the severity: each rule has its own
/// ([`Rule::default_severity`]), and rules of one category differ (A4P202 warns, A4P201 errs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// The text is not a JSON payload at all (syntax, encoding, duplicate keys, kind).
    Syntax,
    /// The payload breaks the API's JSON Schema (generated from our models).
    Schema,
    /// Fields that contradict each other (status against forecast category, reasons...).
    Consistency,
    /// Values whose shape DS rejects or that are not what they look like (dates, codes, ids).
    Format,
    /// Reference data the partner supplies (portfolio, competitors).
    Reference,
    /// The configuration file.
    Config,
}

/// A documented example of a rule: a payload, the kind it is checked as and, for a failing
/// example, where the finding must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The payload kind the example is checked as; `None` (info string `json auto`) lets the
    /// linter detect it.
    pub kind: Option<PayloadKind>,
    /// The JSON Pointer the finding must carry (`pointer=...` in the info string).
    pub pointer: Option<String>,
    /// The source text the finding's span must cover (`span=...`, last in the info string).
    pub span: Option<String>,
    /// The payload text.
    pub text: String,
}

impl Rule {
    /// The docs as Markdown, one leading space per line removed.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The fixes its findings can carry, in the words of the `rules` command's `fix` column:
    /// `safe`, `unsafe`, `safe, unsafe`, `hint` (shown, never applied), or `—` for none.
    pub fn fix_column(&self) -> String {
        if self.fixes.is_empty() {
            return "—".to_owned();
        }
        let words: Vec<&str> = self
            .fixes
            .iter()
            .map(|a| match a {
                Applicability::DisplayOnly => "hint",
                other => other.as_str(),
            })
            .collect();
        words.join(", ")
    }

    /// The docs for people (`explain`, SARIF help): an example's info string
    /// (`json update-request pointer=... span=...`) becomes a line naming the payload kind
    /// and a plain `json` fence.
    pub fn explanation(&self) -> String {
        let mut out = String::new();
        for line in self.docs().lines() {
            match line.trim_start().strip_prefix("```json") {
                Some(info) if !info.trim().is_empty() => {
                    let example = parse_info(info);
                    match example.kind {
                        Some(kind) => out.push_str(&format!("Checked as `{kind}`:\n")),
                        None => out.push_str("Checked without a kind (detected from the shape):\n"),
                    }
                    out.push_str("```json\n");
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The code blocks under `## Example` (they must fire the rule) and under
    /// `## Use instead` (they must not). A block's info string is
    /// `json <kind> [pointer=<JSON Pointer>] [span=<text the span covers>]`, with `auto` as the
    /// kind to let the linter detect it; `span=` comes last and may contain spaces.
    pub fn examples(&self) -> (Vec<Example>, Vec<Example>) {
        let (mut failing, mut passing) = (Vec::new(), Vec::new());
        let docs = self.docs();
        let mut section = "";
        let mut block: Option<Example> = None;
        for line in docs.lines() {
            if let Some(example) = block.as_mut() {
                if line.trim_start().starts_with("```") {
                    let example = block.take().expect("inside a block");
                    match section {
                        "Example" => failing.push(example),
                        "Use instead" => passing.push(example),
                        _ => {}
                    }
                } else {
                    example.text.push_str(line);
                    example.text.push('\n');
                }
            } else if let Some(heading) = line.strip_prefix("## ") {
                section = heading.trim();
            } else if let Some(info) = line.trim_start().strip_prefix("```json") {
                block = Some(parse_info(info));
            }
        }
        (failing, passing)
    }
}

fn parse_info(info: &str) -> Example {
    let (info, span) = match info.split_once(" span=") {
        Some((head, span)) => (head, Some(span.to_owned())),
        None => (info, None),
    };
    let mut words = info.split_whitespace();
    let kind = words.next().and_then(|k| k.parse().ok());
    let pointer = words
        .find_map(|w| w.strip_prefix("pointer="))
        .map(str::to_owned);
    Example {
        kind,
        pointer,
        span,
        text: String::new(),
    }
}

/// Declares a rule as a `static` [`Rule`] whose docs are the doc comment above it; `fix:
/// [Safe, Unsafe]` lists how sure its findings' fixes can be (none when left out).
#[macro_export]
#[doc(hidden)]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            category: $category:ident,
            severity: $severity:ident,
            summary: $summary:literal
            $(, fix: [$($fix:ident),* $(,)?])?
            $(, silencing: $silencing:ident)? $(,)?
        };
    ) => {
        $(#[doc = $doc])+
        pub static $ident: $crate::rule::Rule = $crate::rule::Rule {
            code: $code,
            name: $name,
            category: $crate::rule::Category::$category,
            default_severity: $crate::rule::Severity::$severity,
            summary: $summary,
            silencing: $crate::declare_rule!(@silencing $($silencing)?),
            fixes: &[$($($crate::rule::Applicability::$fix),*)?],
            raw_docs: concat!($($doc, "\n"),+),
        };
    };
    (@silencing) => {
        $crate::rule::Silencing::Anywhere
    };
    (@silencing $silencing:ident) => {
        $crate::rule::Silencing::$silencing
    };
}

//! `api4p-lint.toml`: severities per rule, open vocabulary extensions, reference data,
//! file-glob → kind mapping, per-glob overrides, a fixed "today", limits.
//!
//! Reading the configuration (and the files it names) happens once, before any payload is
//! checked: validation itself never touches the disk.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::kind::PayloadKind;
use crate::lint::Report;
use crate::model::vocabulary::OPEN_VOCABULARIES;
use crate::rules::config::invalid_config;
use crate::rules::{self, Rule, RULES};
use crate::source::{Source, Span};

/// The configuration file's name, looked for in the working directory and its parents.
pub const FILE_NAME: &str = "api4p-lint.toml";

/// The default maximum payload size: 10 MiB (a lead-opportunity is a few kB).
pub const DEFAULT_MAX_PAYLOAD_BYTES: usize = 10 * 1024 * 1024;

/// What a rule's findings become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The rule does not run.
    Off,
    /// The rule's findings get this severity.
    On(Severity),
}

impl Level {
    const NAMES: [&'static str; 4] = ["off", "info", "warning", "error"];

    fn parse(text: &str) -> Option<Level> {
        Some(match text {
            "off" => Level::Off,
            "info" => Level::On(Severity::Info),
            "warning" => Level::On(Severity::Warning),
            "error" => Level::On(Severity::Error),
            _ => return None,
        })
    }
}

/// An open vocabulary's configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// Values accepted besides the known ones.
    pub extra: Vec<String>,
    /// Unknown values are errors instead of warnings.
    pub closed: bool,
}

/// One portfolio item the partner may sell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioItem {
    /// `salesPortfolioId`, the value of an offer line's `offerNameId`.
    pub id: String,
    /// `salesPortfolioisOrderable`.
    pub orderable: bool,
}

/// Reference data DS distributes to partners; checked only when supplied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferenceData {
    /// The partner's portfolio, by `salesPortfolioId`.
    pub portfolio: Option<HashMap<String, bool>>,
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
    /// (`GET /sales/api4partners/v0/portfolio-items/search`): its `data[].salesPortfolioId`
    /// and `data[].salesPortfolioisOrderable`.
    pub fn portfolio_from_search_response(json: &str) -> Result<Vec<PortfolioItem>, String> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let data = value
            .get("data")
            .and_then(serde_json::Value::as_array)
            .ok_or("not a portfolio-items search response: no `data` array")?;
        Ok(data
            .iter()
            .filter_map(|item| {
                Some(PortfolioItem {
                    id: item.get("salesPortfolioId")?.as_str()?.to_owned(),
                    orderable: item
                        .get("salesPortfolioisOrderable")
                        .and_then(serde_json::Value::as_bool)
                        .unwrap_or(true),
                })
            })
            .collect())
    }

    /// Adds portfolio items (creating the portfolio if there was none).
    pub fn add_portfolio(&mut self, items: impl IntoIterator<Item = PortfolioItem>) {
        let portfolio = self.portfolio.get_or_insert_with(HashMap::new);
        for item in items {
            portfolio.insert(item.id, item.orderable);
        }
    }
}

/// Rules relaxed or raised for files matching globs.
#[derive(Debug, Clone)]
struct Override {
    files: Vec<GlobMatcher>,
    levels: HashMap<&'static str, Level>,
}

/// The linter's configuration. `Config::default()` is what runs without a file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    levels: HashMap<&'static str, Level>,
    vocabularies: HashMap<&'static str, Vocabulary>,
    reference: ReferenceData,
    kinds: Vec<(GlobMatcher, PayloadKind)>,
    overrides: Vec<Override>,
    today: Option<jiff::civil::Date>,
    max_payload_bytes: Option<usize>,
    path: Option<PathBuf>,
}

/// The configuration could not be used; the report points into the file.
#[derive(Debug, Clone)]
pub struct ConfigError {
    report: Box<Report<'static>>,
}

impl ConfigError {
    /// The findings, over the configuration file's text.
    pub fn report(&self) -> &Report<'static> {
        &self.report
    }

    fn io(path: &Path, err: &std::io::Error) -> Self {
        let diagnostic = Diagnostic::new(
            &invalid_config::INVALID_CONFIG,
            format!("cannot read {}: {err}", path.display()),
            "",
            Span::new(0, 0),
            "",
        );
        ConfigError {
            report: Box::new(Report::new(
                Source::new(path.display().to_string(), String::new()),
                None,
                vec![diagnostic],
            )),
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<_> = self
            .report
            .diagnostics()
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        write!(
            f,
            "invalid configuration {}: {}",
            self.report.source().name(),
            messages.join("; ")
        )
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Finds `api4p-lint.toml` in `dir` or its parents and loads it; `Ok(None)` if there is
    /// none.
    pub fn discover(dir: &Path) -> Result<Option<Config>, ConfigError> {
        for dir in dir.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate).map(Some);
            }
        }
        Ok(None)
    }

    /// Loads a configuration file; relative paths in it are relative to its folder.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::io(path, &e))?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut config = Config::parse(&path.display().to_string(), &text, Some(&base))?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses configuration text named `name`. Files it names are read relative to
    /// `base` (no file is read when `base` is `None`: naming one is then an error).
    pub fn parse(name: &str, text: &str, base: Option<&Path>) -> Result<Config, ConfigError> {
        let mut problems = Vec::new();
        let config = match toml::from_str::<RawConfig>(text) {
            Ok(raw) => raw.resolve(base, &mut problems),
            Err(err) => {
                problems.push(toml_error(text, &err));
                Config::default()
            }
        };
        // A suggestion replaces its span: keep the quotes a quoted key or value was written with.
        for problem in &mut problems {
            let quote = text
                .get(problem.span.offset..problem.span.end())
                .and_then(|t| t.chars().next())
                .filter(|c| matches!(c, '"' | '\''));
            if let (Some(q), Some(suggestion)) = (quote, problem.suggestion.as_mut()) {
                *suggestion = format!("{q}{suggestion}{q}");
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(ConfigError {
                report: Box::new(Report::new(
                    Source::new(name.to_owned(), text.to_owned()),
                    None,
                    problems,
                )),
            })
        }
    }

    /// The file this configuration was loaded from.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Sets a rule's level (by code or name). Returns `false` for an unknown rule.
    pub fn set_level(&mut self, rule: &str, level: Level) -> bool {
        match rules::find(rule) {
            Some(rule) => {
                self.levels.insert(rule.code, level);
                true
            }
            None => false,
        }
    }

    /// The level of `rule` for the file `path`: configured, else the rule's default.
    pub fn level(&self, rule: &Rule, path: Option<&str>) -> Level {
        self.configured_level(rule, path)
            .unwrap_or(Level::On(rule.default_severity))
    }

    /// The level configured for `rule` for the file `path`, if any (the last override whose
    /// globs match the path wins over the `[rules]` table).
    pub fn configured_level(&self, rule: &Rule, path: Option<&str>) -> Option<Level> {
        if let Some(path) = path {
            for ov in self.overrides.iter().rev() {
                if let Some(level) = ov.levels.get(rule.code) {
                    if ov.files.iter().any(|g| g.is_match(path)) {
                        return Some(*level);
                    }
                }
            }
        }
        self.levels.get(rule.code).copied()
    }

    /// The configuration of an open vocabulary (`approvalStatus`, `salutation`, ...).
    pub fn vocabulary(&self, member: &str) -> Option<&Vocabulary> {
        self.vocabularies.get(member)
    }

    /// Sets the configuration of an open vocabulary. Returns `false` for an unknown one.
    pub fn set_vocabulary(&mut self, member: &str, vocabulary: Vocabulary) -> bool {
        match OPEN_VOCABULARIES.iter().find(|(name, _)| *name == member) {
            Some((name, _)) => {
                self.vocabularies.insert(name, vocabulary);
                true
            }
            None => false,
        }
    }

    /// Reference data (portfolio, competitors).
    pub fn reference(&self) -> &ReferenceData {
        &self.reference
    }

    /// Mutable reference data, to supply it from code.
    pub fn reference_mut(&mut self) -> &mut ReferenceData {
        &mut self.reference
    }

    /// The fixed "today" for date rules, if configured.
    pub fn today(&self) -> Option<jiff::civil::Date> {
        self.today
    }

    /// Fixes "today" for date rules (deterministic runs and tests).
    pub fn set_today(&mut self, today: jiff::civil::Date) {
        self.today = Some(today);
    }

    /// The kind that the file-glob mapping gives `path`, if any (the first matching glob).
    pub fn kind_for(&self, path: &str) -> Option<PayloadKind> {
        self.kinds
            .iter()
            .find(|(glob, _)| glob.is_match(path))
            .map(|(_, kind)| *kind)
    }

    /// The maximum payload size in bytes.
    pub fn max_payload_bytes(&self) -> usize {
        self.max_payload_bytes.unwrap_or(DEFAULT_MAX_PAYLOAD_BYTES)
    }

    /// Sets the maximum payload size in bytes.
    pub fn set_max_payload_bytes(&mut self, bytes: usize) {
        self.max_payload_bytes = Some(bytes);
    }

    /// Shares the configuration.
    pub fn into_shared(self) -> Arc<Config> {
        Arc::new(self)
    }
}

const TOP_KEYS: &[&str] = &[
    "today",
    "rules",
    "vocabularies",
    "reference",
    "kinds",
    "overrides",
    "limits",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    today: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    vocabularies: BTreeMap<Spanned<String>, RawVocabulary>,
    #[serde(default)]
    reference: RawReference,
    #[serde(default)]
    kinds: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    limits: RawLimits,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVocabulary {
    #[serde(default)]
    extra: Vec<String>,
    #[serde(default)]
    closed: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawReference {
    portfolio: Option<Vec<String>>,
    portfolio_file: Option<Spanned<String>>,
    competitors: Option<Vec<String>>,
    lead_id_pattern: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLimits {
    max_payload_bytes: Option<usize>,
}

fn span(range: Range<usize>) -> Span {
    Span::from_range(range.start, range.end)
}

impl RawConfig {
    fn resolve(self, base: Option<&Path>, problems: &mut Vec<Diagnostic>) -> Config {
        let mut config = Config {
            levels: levels(&self.rules, problems),
            max_payload_bytes: self.limits.max_payload_bytes,
            ..Config::default()
        };
        if let Some(today) = &self.today {
            match today.get_ref().parse::<jiff::civil::Date>() {
                Ok(date) => config.today = Some(date),
                Err(_) => problems.push(invalid_config::diagnostic(
                    format!(
                        "`today` must be a date such as 2025-06-30, not {:?}",
                        today.get_ref()
                    ),
                    span(today.span()),
                    "not a YYYY-MM-DD date",
                    None,
                    [],
                )),
            }
        }
        for (name, vocabulary) in self.vocabularies {
            match OPEN_VOCABULARIES.iter().find(|(n, _)| *n == name.get_ref()) {
                Some((member, _)) => {
                    config.vocabularies.insert(
                        member,
                        Vocabulary {
                            extra: vocabulary.extra,
                            closed: vocabulary.closed,
                        },
                    );
                }
                None => problems.push(invalid_config::diagnostic(
                    format!("unknown open vocabulary `{}`", name.get_ref()),
                    span(name.span()),
                    "not an open vocabulary",
                    Some(name.get_ref()),
                    OPEN_VOCABULARIES.iter().map(|(n, _)| *n),
                )),
            }
        }
        if let Some(ids) = self.reference.portfolio {
            config
                .reference
                .add_portfolio(ids.into_iter().map(|id| PortfolioItem {
                    id,
                    orderable: true,
                }));
        }
        if let Some(file) = &self.reference.portfolio_file {
            let at = span(file.span());
            match base {
                None => problems.push(invalid_config::diagnostic(
                    "`portfolio-file` needs a configuration loaded from a file",
                    at,
                    "relative to what?",
                    None,
                    [],
                )),
                Some(base) => {
                    let path = base.join(file.get_ref());
                    match std::fs::read_to_string(&path)
                        .map_err(|e| e.to_string())
                        .and_then(|text| ReferenceData::portfolio_from_search_response(&text))
                    {
                        Ok(items) => config.reference.add_portfolio(items),
                        Err(e) => problems.push(invalid_config::diagnostic(
                            format!("cannot use {} as a portfolio: {e}", path.display()),
                            at,
                            "a saved portfolio-items search response is expected",
                            None,
                            [],
                        )),
                    }
                }
            }
        }
        if let Some(names) = self.reference.competitors {
            config.reference.competitors = Some(names.into_iter().collect());
        }
        if let Some(pattern) = &self.reference.lead_id_pattern {
            match IdPattern::new(pattern.get_ref()) {
                Ok(pattern) => config.reference.lead_id_pattern = Some(pattern),
                Err(why) => problems.push(invalid_config::diagnostic(
                    format!("`lead-id-pattern` cannot be used: {why}"),
                    span(pattern.span()),
                    "not a usable regular expression",
                    None,
                    [],
                )),
            }
        }
        for (glob, kind) in &self.kinds {
            let Some(matcher) = glob_matcher(glob, problems) else {
                continue;
            };
            match kind.get_ref().parse::<PayloadKind>() {
                Ok(kind) => config.kinds.push((matcher, kind)),
                Err(_) => problems.push(invalid_config::diagnostic(
                    format!("unknown payload kind `{}`", kind.get_ref()),
                    span(kind.span()),
                    "not a payload kind",
                    Some(kind.get_ref()),
                    PayloadKind::ALL.iter().map(|k| k.name()),
                )),
            }
        }
        for ov in &self.overrides {
            let files = ov
                .files
                .iter()
                .filter_map(|g| glob_matcher(g, problems))
                .collect();
            config.overrides.push(Override {
                files,
                levels: levels(&ov.rules, problems),
            });
        }
        config
    }
}

fn glob_matcher(glob: &Spanned<String>, problems: &mut Vec<Diagnostic>) -> Option<GlobMatcher> {
    match Glob::new(glob.get_ref()) {
        Ok(g) => Some(g.compile_matcher()),
        Err(e) => {
            problems.push(invalid_config::diagnostic(
                format!("invalid file glob: {}", e.kind()),
                span(glob.span()),
                "not a glob",
                None,
                [],
            ));
            None
        }
    }
}

fn levels(
    table: &BTreeMap<Spanned<String>, Spanned<String>>,
    problems: &mut Vec<Diagnostic>,
) -> HashMap<&'static str, Level> {
    let mut out = HashMap::new();
    for (rule, level) in table {
        let Some(found) = rules::find(rule.get_ref()) else {
            problems.push(invalid_config::diagnostic(
                format!("unknown rule `{}`", rule.get_ref()),
                span(rule.span()),
                "no rule has this code or name",
                Some(rule.get_ref()),
                RULES.iter().map(|r| r.name),
            ));
            continue;
        };
        match Level::parse(level.get_ref()) {
            Some(parsed) => {
                out.insert(found.code, parsed);
            }
            None => problems.push(invalid_config::diagnostic(
                format!(
                    "unknown severity `{}` for `{}`",
                    level.get_ref(),
                    rule.get_ref()
                ),
                span(level.span()),
                "not a severity",
                Some(level.get_ref()),
                Level::NAMES,
            )),
        }
    }
    out
}

/// A TOML syntax or shape error, with a did-you-mean for an unknown key.
fn toml_error(text: &str, err: &toml::de::Error) -> Diagnostic {
    let at = err.span().map_or(Span::new(0, 0), span);
    let message = err.message().trim();
    // serde's wording: "unknown field `rulez`, expected one of `today`, `rules`, ..."
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let written = &rest[..rest.find('`').unwrap_or(rest.len())];
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let known: Vec<&str> = if expected.is_empty() {
            TOP_KEYS.to_vec()
        } else {
            expected
        };
        let key_span = text
            .get(at.offset..at.end())
            .and_then(|s| {
                s.find(written)
                    .map(|i| Span::new(at.offset + i, written.len()))
            })
            .unwrap_or(at);
        return invalid_config::diagnostic(
            format!("unknown key `{written}`"),
            key_span,
            "not a setting",
            Some(written),
            known,
        );
    }
    invalid_config::diagnostic(
        format!("invalid configuration: {message}"),
        at,
        "here",
        None,
        [],
    )
}

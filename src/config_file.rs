//! `api4p-lint.toml`: the file layer of the configuration. Reads the TOML, resolves rule
//! names through the registry and reports every problem as an A4P901 finding at its span.
//! Reading the configuration (and the files it names) happens once, before any payload is
//! checked: validation itself never touches the disk.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::config::{Config, IdPattern, Level, Override, PortfolioItem, ReferenceData, Vocabulary};
use crate::diagnostic::{Diagnostic, Report};
use crate::kind::PayloadKind;
use crate::model::vocabulary::OPEN_VOCABULARIES;
use crate::rules::config::invalid_config;
use crate::rules::{self, RULES};
use crate::source::{Source, Span};

/// The configuration file's name, looked for in the working directory and its parents.
pub const FILE_NAME: &str = "api4p-lint.toml";

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
        let diagnostic = Diagnostic::new(&invalid_config::INVALID_CONFIG, "", Span::new(0, 0))
            .with_message(format!("cannot read {}: {err}", path.display()))
            .with_label("");
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
}

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
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default, rename = "extend-exclude")]
    extend_exclude: Vec<Spanned<String>>,
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
        if let Some(globs) = &self.exclude {
            config.exclude = Some(exclude_globs(globs, problems));
        }
        config.extend_exclude = exclude_globs(&self.extend_exclude, problems);
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

/// `exclude`/`extend-exclude` globs: checked here (an invalid one is a finding at its span),
/// kept as written; the command line anchors them at the configuration's folder.
fn exclude_globs(globs: &[Spanned<String>], problems: &mut Vec<Diagnostic>) -> Vec<String> {
    globs
        .iter()
        .filter(|g| glob_matcher(g, problems).is_some())
        .map(|g| g.get_ref().clone())
        .collect()
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
    // serde's wording, with the keys its derive knows (no list to keep in sync here):
    // "unknown field `rulez`, expected one of `today`, `rules`, ..."
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let written = &rest[..rest.find('`').unwrap_or(rest.len())];
        let known: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
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

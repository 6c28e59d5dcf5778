//! `api4p-lint.toml`: the file layer of the configuration. Reads the TOML, resolves rule
//! names through the registry and reports every problem as an A4P901 finding at its span.
//! Reading the configuration (and the files it names) happens once, before any payload is
//! checked: validation itself never touches the disk.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::config::{
    Config, IdPattern, Level, Override, PortfolioItem, ReferenceData, Vocabulary,
    MAX_PAYLOAD_BYTES_RANGE,
};
use crate::diagnostic::{Diagnostic, Report};
use crate::kind::PayloadKind;
use crate::model::vocabulary::OPEN_VOCABULARIES;
use crate::rule::{Severity, Silencing};
use crate::rules::config::invalid_config;
use crate::rules::{self, RULES};
use crate::source::{Source, Span};

/// The configuration file's name, looked for in the working directory and its parents.
/// Public for `tests/config.rs`.
#[doc(hidden)]
pub const FILE_NAME: &str = "api4p-lint.toml";

/// The largest configuration file read: 1 MiB (a real one is a few hundred bytes). Public for
/// `tests/limits.rs`.
#[doc(hidden)]
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The largest reference data file a configuration may name (`portfolio-file`): 32 MiB, some
/// 100,000 portfolio items in a saved search response. Public for `tests/limits.rs`.
#[doc(hidden)]
pub const MAX_REFERENCE_BYTES: u64 = 32 << 20;

/// The configuration could not be used; the report points into the file.
#[derive(Debug, Clone)]
pub struct ConfigError {
    report: Box<Report<'static>>,
    reference_files: Vec<PathBuf>,
}

impl ConfigError {
    /// The findings, over the configuration file's text.
    pub fn report(&self) -> &Report<'static> {
        &self.report
    }

    /// The files the configuration names, as for [`Config::reference_files`]: read (or tried)
    /// before it was found unusable.
    pub fn reference_files(&self) -> &[PathBuf] {
        &self.reference_files
    }

    fn io(path: &Path, err: &str) -> Self {
        let diagnostic = Diagnostic::new(&invalid_config::INVALID_CONFIG, "", Span::new(0, 0))
            .with_message(format!("cannot read {}: {err}", path.display()))
            .with_label("");
        ConfigError {
            report: Box::new(Report::new(
                Source::new(path.display().to_string(), String::new()),
                None,
                vec![diagnostic],
            )),
            reference_files: Vec::new(),
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
        Config::find(dir)
            .map(|path| Config::load(&path))
            .transpose()
    }

    /// The `api4p-lint.toml` that [`Config::discover`] would load: in `dir` or its parents.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|dir| dir.join(FILE_NAME))
            // Anything there by that name is meant as the configuration: a folder, a FIFO, a
            // device, a link to nothing or a file that cannot be looked at is refused by
            // `load`, never passed over for a parent's configuration or none. Only a name that
            // is not there is.
            .find(|candidate| match candidate.symlink_metadata() {
                Ok(_) => true,
                Err(e) => e.kind() != std::io::ErrorKind::NotFound,
            })
    }

    /// Loads a configuration file; relative paths in it are relative to its folder. It must
    /// be a regular file (through symbolic links) of at most 1 MiB.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text =
            read_regular_file(path, MAX_CONFIG_BYTES).map_err(|why| ConfigError::io(path, &why))?;
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
                // The file still names files the run must never write over (`--output`):
                // found however much of it reads.
                Config {
                    reference_files: named_files(text, base),
                    ..Config::default()
                }
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
                // The fix writes what the suggestion says, over the same span.
                let span = problem.span;
                for edit in problem.fix.iter_mut().flat_map(|f| &mut f.edits) {
                    if edit.span == span {
                        edit.replacement = format!("{q}{}{q}", edit.replacement);
                    }
                }
            }
        }
        // In the file's order, as a reader goes through it (they were found key by key).
        problems.sort_by_key(|d| d.span.offset);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(ConfigError {
                report: Box::new(Report::new(
                    Source::new(name.to_owned(), text.to_owned()),
                    None,
                    problems,
                )),
                reference_files: config.reference_files,
            })
        }
    }
}

/// The files a configuration that does not parse names (`portfolio-file`), joined to its
/// folder: read as a TOML table when it is TOML, else line by line.
fn named_files(text: &str, base: Option<&Path>) -> Vec<PathBuf> {
    let Some(base) = base else {
        return Vec::new();
    };
    let named: Vec<String> = match toml::from_str::<toml::Table>(text) {
        Ok(table) => table
            .get("reference")
            .and_then(|r| r.get("portfolio-file"))
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
            .into_iter()
            .collect(),
        Err(_) => text
            .lines()
            .filter_map(|line| {
                let (key, value) = line.split_once('=')?;
                (key.trim().trim_matches(['"', '\'']) == "portfolio-file")
                    .then(|| value.trim().trim_matches(['"', '\'']).to_owned())
            })
            .collect(),
    };
    named.into_iter().map(|file| base.join(file)).collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// A string or a TOML date (`today = 2025-06-30`, unquoted, is a TOML date).
    today: Option<Spanned<toml::Value>>,
    /// A UTC date-time, string or TOML offset date-time (`now = 2025-06-30T10:00:00Z`).
    now: Option<Spanned<toml::Value>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    vocabularies: BTreeMap<Spanned<String>, RawVocabulary>,
    #[serde(default)]
    reference: RawReference,
    /// Any value: a top-level setting written below `[kinds]` (`redact = true`) is a member
    /// of it in TOML, and is told as misplaced, not as a kind of the wrong type.
    #[serde(default)]
    kinds: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    limits: RawLimits,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default, rename = "extend-exclude")]
    extend_exclude: Vec<Spanned<String>>,
    /// Redaction for every run under this configuration (`--redact` cannot be forgotten).
    #[serde(default)]
    redact: bool,
    /// The command line's baseline (`check --baseline`), relative to the file's folder.
    baseline: Option<Spanned<String>>,
}

/// The top-level keys, which written below `[kinds]` read as a glob and its kind.
const TOP_LEVEL: [&str; 12] = [
    "today",
    "now",
    "rules",
    "vocabularies",
    "reference",
    "kinds",
    "overrides",
    "limits",
    "exclude",
    "extend-exclude",
    "redact",
    "baseline",
];

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
    max_payload_bytes: Option<Spanned<Amount>>,
}

/// A number of bytes as written: read from any TOML value, so that a negative, huge,
/// fractional or quoted limit gets our own wording instead of serde's type names.
#[derive(Debug)]
enum Amount {
    Whole(i128),
    Other(String),
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number of bytes")
            }
            fn visit_i64<E>(self, n: i64) -> Result<Amount, E> {
                Ok(Amount::Whole(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Amount, E> {
                Ok(Amount::Whole(n.into()))
            }
            fn visit_i128<E>(self, n: i128) -> Result<Amount, E> {
                Ok(Amount::Whole(n))
            }
            fn visit_u128<E>(self, n: u128) -> Result<Amount, E> {
                Ok(Amount::Whole(i128::try_from(n).unwrap_or(i128::MAX)))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Amount, E> {
                Ok(Amount::Other(n.to_string()))
            }
            fn visit_bool<E>(self, b: bool) -> Result<Amount, E> {
                Ok(Amount::Other(b.to_string()))
            }
            fn visit_str<E>(self, text: &str) -> Result<Amount, E> {
                Ok(Amount::Other(format!("{text:?}")))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<Amount, A::Error> {
                Ok(Amount::Other("an array".to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<Amount, A::Error> {
                Ok(Amount::Other("a table".to_owned()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

fn span(range: Range<usize>) -> Span {
    Span::from_range(range.start, range.end)
}

impl RawConfig {
    fn resolve(self, base: Option<&Path>, problems: &mut Vec<Diagnostic>) -> Config {
        let mut config = Config {
            levels: levels(&self.rules, false, problems),
            max_payload_bytes: self
                .limits
                .max_payload_bytes
                .as_ref()
                .and_then(|limit| max_payload_bytes(limit, problems)),
            redact: self.redact,
            ..Config::default()
        };
        if let Some(today) = &self.today {
            match today_date(today.get_ref()) {
                Ok(date) => config.set_today(date),
                Err(written) => problems.push(invalid_config::diagnostic(
                    format!("`today` must be a date such as 2025-06-30, not {written}"),
                    span(today.span()),
                    "not a YYYY-MM-DD date",
                    None,
                    [],
                )),
            }
        }
        if let Some(now) = &self.now {
            if let Some(today) = &self.today {
                // Two pins of one clock: which one the rules should take is not ours to guess.
                problems.push(
                    invalid_config::diagnostic(
                        "`now` and `today` both pin the clock: keep one (`now` pins the time of \
                     day too)"
                            .to_owned(),
                        span(now.span()),
                        "second pin of the clock",
                        None,
                        [],
                    )
                    .with_secondary(span(today.span()), "`today` pins it here"),
                );
            } else {
                match now_instant(now.get_ref()) {
                    Ok(instant) => config.set_now(instant),
                    Err(written) => problems.push(invalid_config::diagnostic(
                        format!(
                            "`now` must be a UTC date-time such as 2025-06-30T10:00:00Z, not \
                             {written}"
                        ),
                        span(now.span()),
                        "not a YYYY-MM-DDThh:mm:ssZ date-time",
                        None,
                        [],
                    )),
                }
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
        // The ids `[reference] portfolio` lists, orderable all: the file may not say otherwise.
        let listed: std::collections::HashSet<String> =
            self.reference.portfolio.iter().flatten().cloned().collect();
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
                    config.reference_files.push(path.clone());
                    match read_regular_file(&path, MAX_REFERENCE_BYTES)
                        .and_then(|text| ReferenceData::portfolio_from_search_response(&text))
                    {
                        Ok(items) => {
                            // Adding the file's items would silently turn an id the list
                            // makes orderable into a not orderable one: which is meant is
                            // the partner's to say.
                            let refused = items
                                .iter()
                                .find(|i| !i.orderable && listed.contains(&i.id));
                            match refused {
                                Some(item) => problems.push(invalid_config::diagnostic(
                                    format!(
                                        "`{}` is orderable in `[reference] portfolio` (every id \
                                         listed there is) and not orderable in {} \
                                         (`salesPortfolioisOrderable: false`): remove it from \
                                         one of them",
                                        item.id,
                                        path.display()
                                    ),
                                    at,
                                    "says the opposite of `portfolio`",
                                    None,
                                    [],
                                )),
                                None => config.reference.add_portfolio(items),
                            }
                        }
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
        // The first glob written that matches a file gives its kind: in the file's order, not
        // the map's (sorted by glob).
        let mut kinds: Vec<_> = self.kinds.iter().collect();
        kinds.sort_by_key(|(glob, _)| glob.span().start);
        for (glob, kind) in kinds {
            let matchers = file_globs(glob, base, problems);
            if matchers.is_empty() {
                continue;
            }
            let name = kind.get_ref().as_str();
            match name.map(str::parse::<PayloadKind>) {
                Some(Ok(kind)) => config
                    .kinds
                    .extend(matchers.into_iter().map(|matcher| (matcher, kind))),
                // A top-level setting written below `[kinds]` belongs to that table in TOML:
                // the easy mistake when a line is added at the end of the file.
                _ if TOP_LEVEL.contains(&glob.get_ref().as_str()) => problems.push(
                    invalid_config::diagnostic(
                        format!(
                            "`{}` is read as a file glob of `[kinds]`, and `{}` as its kind",
                            glob.get_ref(),
                            name.map_or_else(|| kind.get_ref().to_string(), str::to_owned)
                        ),
                        span(glob.span()),
                        "a top-level setting inside `[kinds]`",
                        None,
                        [],
                    )
                    .with_help(format!(
                        "in TOML every key after `[kinds]` belongs to it: move `{} = …` above \
                         the first `[table]`",
                        glob.get_ref()
                    )),
                ),
                Some(Err(_)) => problems.push(invalid_config::diagnostic(
                    format!("unknown payload kind `{}`", name.unwrap_or_default()),
                    span(kind.span()),
                    "not a payload kind",
                    name,
                    PayloadKind::ALL.iter().map(|k| k.name()),
                )),
                None => problems.push(invalid_config::diagnostic(
                    format!(
                        "the kind of `{}` is not a string but a TOML {}",
                        glob.get_ref(),
                        kind.get_ref().type_str()
                    ),
                    span(kind.span()),
                    "not a string",
                    None,
                    PayloadKind::ALL.iter().map(|k| k.name()),
                )),
            }
        }
        if let Some(globs) = &self.exclude {
            config.exclude = Some(exclude_globs(globs, problems));
        }
        if let Some(file) = &self.baseline {
            match base {
                // Read by the command line, which says what is wrong with the file itself.
                Some(base) if !file.get_ref().trim().is_empty() => {
                    config.baseline = Some(base.join(file.get_ref()));
                }
                _ => problems.push(invalid_config::diagnostic(
                    if base.is_none() {
                        "`baseline` needs a configuration loaded from a file"
                    } else {
                        "`baseline` must name a file"
                    },
                    span(file.span()),
                    "relative to the configuration's folder",
                    None,
                    [],
                )),
            }
        }
        config.extend_exclude = exclude_globs(&self.extend_exclude, problems);
        for ov in &self.overrides {
            let files = ov
                .files
                .iter()
                .flat_map(|g| file_globs(g, base, problems))
                .collect();
            config.overrides.push(Override {
                files,
                levels: levels(&ov.rules, true, problems),
            });
        }
        config
    }
}

/// `now`'s instant: a string or a TOML offset date-time, in UTC (`Z`) with seconds; else the
/// value as written, for the message.
fn now_instant(value: &toml::Value) -> Result<jiff::Timestamp, String> {
    let written = match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Datetime(datetime) => datetime.to_string(),
        toml::Value::Array(_) => return Err("an array".to_owned()),
        toml::Value::Table(_) => return Err("a table".to_owned()),
        other => return Err(other.to_string()),
    };
    let quoted = || match value {
        toml::Value::String(text) => format!("{text:?}"),
        _ => written.clone(),
    };
    // jiff's parser alone would take a lowercase `z`, a space for `T` or no seconds.
    let bytes = written.as_bytes();
    let utc =
        written.ends_with('Z') && bytes.get(10) == Some(&b'T') && bytes.get(16) == Some(&b':');
    if !utc {
        return Err(quoted());
    }
    written.parse().map_err(|_| quoted())
}

/// `today`'s date: a string (`"2025-06-30"`) or a TOML date (`2025-06-30`, unquoted); else
/// the value as written, for the message.
fn today_date(value: &toml::Value) -> Result<jiff::civil::Date, String> {
    match value {
        toml::Value::String(text) => text.parse().map_err(|_| format!("{text:?}")),
        toml::Value::Datetime(datetime) => match datetime {
            toml::value::Datetime {
                date: Some(date),
                time: None,
                offset: None,
            } => {
                let parts = (
                    i16::try_from(date.year),
                    i8::try_from(date.month),
                    i8::try_from(date.day),
                );
                match parts {
                    (Ok(year), Ok(month), Ok(day)) => {
                        jiff::civil::Date::new(year, month, day).map_err(|_| datetime.to_string())
                    }
                    _ => Err(datetime.to_string()),
                }
            }
            // A time of day has no place in a date: said as written.
            other => Err(other.to_string()),
        },
        toml::Value::Array(_) => Err("an array".to_owned()),
        toml::Value::Table(_) => Err("a table".to_owned()),
        other => Err(other.to_string()),
    }
}

/// `max-payload-bytes`, when it is a whole number of bytes in [`MAX_PAYLOAD_BYTES_RANGE`].
fn max_payload_bytes(limit: &Spanned<Amount>, problems: &mut Vec<Diagnostic>) -> Option<usize> {
    let (bytes, value, label) = match limit.get_ref() {
        Amount::Whole(n) => (
            usize::try_from(*n)
                .ok()
                .filter(|n| MAX_PAYLOAD_BYTES_RANGE.contains(n)),
            n.to_string(),
            "out of range",
        ),
        Amount::Other(value) => (None, value.clone(), "not a whole number"),
    };
    if bytes.is_none() {
        problems.push(invalid_config::diagnostic(
            format!(
                "`max-payload-bytes` must be a whole number of bytes from {} to {} (1 GiB), \
                 not {value}",
                MAX_PAYLOAD_BYTES_RANGE.start(),
                MAX_PAYLOAD_BYTES_RANGE.end()
            ),
            span(limit.span()),
            label,
            None,
            [],
        ));
    }
    bytes
}

/// The text of a file the configuration is, or names: only a regular file (through symbolic
/// links) of at most `limit` bytes. Anything else is refused before it is read, so that
/// `/dev/zero` cannot exhaust memory and a FIFO cannot block the run; the error says why.
// Public for the binary (`src/cli/check/baseline.rs`): a baseline is read with the same care.
#[doc(hidden)]
pub fn read_regular_file(path: &Path, limit: u64) -> Result<String, String> {
    use std::io::Read;

    let meta = std::fs::metadata(path).map_err(|e| {
        // The listing shows the entry: "No such file" alone would contradict it.
        if path.is_symlink() && e.kind() == std::io::ErrorKind::NotFound {
            format!("it is a broken symbolic link: {e}")
        } else {
            e.to_string()
        }
    })?;
    check_regular(&meta, limit)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Should a FIFO be swapped in after the check above, opening it must not wait for a
        // writer (reading a regular file ignores the flag).
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| e.to_string())?;
    // What was opened is what is read: check it again.
    check_regular(&file.metadata().map_err(|e| e.to_string())?, limit)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "it grew past the {limit}-byte limit while being read"
        ));
    }
    String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())
}

/// Why `meta` is not a regular file within `limit` bytes, if it is not.
fn check_regular(meta: &std::fs::Metadata, limit: u64) -> Result<(), String> {
    if !meta.is_file() {
        return Err(format!(
            "it is {}, not a regular file",
            crate::text::file_kind(&meta.file_type())
        ));
    }
    if meta.len() > limit {
        return Err(format!(
            "it is {} bytes, over the {limit}-byte limit",
            meta.len()
        ));
    }
    Ok(())
}

/// `path` without `.` components, each `..` taking away the component before it (lexically,
/// as git and ruff do: a `..` after a symbolic link leaves the link's folder, not its
/// target's). A relative path keeps its leading `..`s. The command line's paths and every
/// glob of the configuration (`[kinds]`, `[[overrides]]`, `exclude`) are normalised by it, so
/// that `./out/*.json` means `out/*.json` wherever it is written.
// Public for the binary (`src/cli/inputs/places.rs`): the paths it gives `Linter::check_at`
// are normalized as the configuration's globs are.
#[doc(hidden)]
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                match last {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(".."),
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A glob of the configuration, matched against paths relative to its folder (which
/// [`normalize`] has shaped): normalised the same way.
fn glob_matcher(glob: &Spanned<String>, problems: &mut Vec<Diagnostic>) -> Option<GlobMatcher> {
    let normalized = normalize(Path::new(glob.get_ref()));
    match Glob::new(&normalized.to_string_lossy()) {
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

/// A `[kinds]` or `[[overrides]]` glob, matched against a file's path relative to the
/// configuration's folder, or against its absolute path when it lies outside that folder. A
/// glob that leaves the folder with `..` (`../exports/*.json`) could then never match: it is
/// made absolute, joined to the folder (as found from `base`, and as the file system resolves
/// it when that differs) with its `..` resolved, as `exclude` globs are (and relative again
/// when it leads back into the folder). Empty when the glob is invalid (a finding at its span).
fn file_globs(
    glob: &Spanned<String>,
    base: Option<&Path>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<GlobMatcher> {
    let Some(matcher) = glob_matcher(glob, problems) else {
        return Vec::new();
    };
    let climbs = glob.get_ref().split('/').any(|part| part == "..");
    let Some(base) = base.filter(|_| climbs) else {
        return vec![matcher];
    };
    let Ok(folder) = std::path::absolute(base).map(|folder| normalize(&folder)) else {
        return vec![matcher];
    };
    let mut folders = vec![folder];
    if let Ok(real) = std::fs::canonicalize(base) {
        if real != folders[0] {
            folders.push(real);
        }
    }
    folders
        .iter()
        .filter_map(|folder| {
            let folder = PathBuf::from(globset::escape(&folder.to_string_lossy()));
            let anchored = normalize(&folder.join(glob.get_ref()));
            // A glob that climbs back into the folder (`../proj/out/*.json`) matches the
            // relative paths of the files in it.
            let anchored = anchored.strip_prefix(&folder).unwrap_or(&anchored);
            Glob::new(&anchored.to_string_lossy())
                .ok()
                .map(|g| g.compile_matcher())
        })
        .collect()
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

/// The levels of a `[rules]` table: the file's own (`per_file` false) or an override's.
fn levels(
    table: &BTreeMap<Spanned<String>, Spanned<String>>,
    per_file: bool,
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
            Some(parsed)
                if found.silencing == Silencing::Never && parsed != Level::On(Severity::Error) =>
            {
                problems.push(invalid_config::diagnostic(
                    format!(
                        "`{}` is always an error: a payload that cannot be read is never passed",
                        rule.get_ref()
                    ),
                    span(level.span()),
                    "cannot be lowered",
                    None,
                    [],
                ));
            }
            // Lowered for every file, a payload of no known kind would pass unchecked,
            // whatever it holds: only the files an override names (not payloads) may.
            Some(parsed)
                if found.silencing == Silencing::ConfigurationOnly
                    && !per_file
                    && parsed != Level::On(Severity::Error) =>
            {
                problems.push(invalid_config::diagnostic(
                    format!(
                        "`{}` can be lowered only for the files an [[overrides]] table names: \
                         for every file, a payload of no known kind would pass unchecked",
                        rule.get_ref()
                    ),
                    span(level.span()),
                    "not for every file",
                    None,
                    [],
                ));
            }
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

//! The configuration as the linter uses it: severities per rule, open vocabulary extensions,
//! reference data, the file-glob → kind mapping, per-glob overrides, a fixed "today",
//! limits. `Config::default()` is what runs without a file; the file layer
//! ([`crate::config_file`]) builds one from `api4p-lint.toml`.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobMatcher;

use crate::kind::PayloadKind;
use crate::model::vocabulary::OPEN_VOCABULARIES;
use crate::rule::{Rule, Severity, Silencing};

mod reference;

pub use reference::{IdPattern, Portfolio, PortfolioItem, ReferenceData, MAX_PATTERN_BYTES};

/// The default maximum payload size: 10 MiB (a lead-opportunity is a few kB).
pub const DEFAULT_MAX_PAYLOAD_BYTES: usize = 10 * 1024 * 1024;

/// The sizes `max-payload-bytes` may take: at least a byte, at most 1 GiB (a payload DS's
/// gateway would never take, and a bound on what one payload may cost in memory).
pub const MAX_PAYLOAD_BYTES_RANGE: std::ops::RangeInclusive<usize> = 1..=1 << 30;

/// What `check` leaves out of a folder walk (and, with `--force-exclude`, out of the paths it
/// is given) unless the configuration's `exclude` or the command line's `--exclude` replaces
/// it: the files and folders of well-known tools that a repository of payloads also holds.
/// Each is matched against the name of a file or folder at any depth. Hidden files and
/// folders (`.vscode`, `.eslintrc.json`...) are skipped anyway, so none is listed.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    // Dependencies and tool caches.
    "node_modules",
    "bower_components",
    "jspm_packages",
    "__pycache__",
    "venv",
    // This tool's own baseline, under the name the README gives it (`check --write-baseline`).
    "api4p-lint-baseline.json",
    // Node.js, TypeScript and front-end tooling.
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "bower.json",
    "tsconfig.json",
    "tsconfig.*.json",
    "jsconfig.json",
    "deno.json",
    "lerna.json",
    "nx.json",
    "angular.json",
    "turbo.json",
    "vercel.json",
    "biome.json",
    "tslint.json",
    "cspell.json",
    "renovate.json",
    // PHP, .NET and editor settings.
    "composer.json",
    "appsettings.json",
    "appsettings.*.json",
    "launchSettings.json",
    "global.json",
    "omnisharp.json",
    "devcontainer.json",
    "pyrightconfig.json",
];

/// What a rule's findings become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The rule does not run.
    Off,
    /// The rule's findings get this severity.
    On(Severity),
}

impl Level {
    /// The names a level is written with.
    pub(crate) const NAMES: [&'static str; 4] = ["off", "info", "warning", "error"];

    /// A level from its name.
    pub(crate) fn parse(text: &str) -> Option<Level> {
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

/// Rules relaxed or raised for files matching globs.
#[derive(Debug, Clone)]
pub(crate) struct Override {
    pub(crate) files: Vec<GlobMatcher>,
    pub(crate) levels: HashMap<&'static str, Level>,
}

/// A level [`Config::set_level`] refused: the rule says a payload was not checked, and a
/// gate never passes what it did not check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelRefused {
    code: &'static str,
    name: &'static str,
    silencing: Silencing,
}

impl LevelRefused {
    /// The rule's code (`A4P004`).
    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl fmt::Display for LevelRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { code, name, .. } = self;
        match self.silencing {
            Silencing::ConfigurationOnly => write!(
                f,
                "`{name}` ({code}) cannot be lowered for every payload: a payload of no known \
                 kind would pass unchecked, whatever it holds (an `[[overrides]]` table of \
                 api4p-lint.toml may lower it for the files it names)"
            ),
            _ => write!(
                f,
                "`{name}` ({code}) is always an error: a payload that cannot be read is never \
                 passed"
            ),
        }
    }
}

impl std::error::Error for LevelRefused {}

/// The linter's configuration. `Config::default()` is what runs without a file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub(crate) levels: HashMap<&'static str, Level>,
    pub(crate) vocabularies: HashMap<&'static str, Vocabulary>,
    pub(crate) reference: ReferenceData,
    pub(crate) kinds: Vec<(GlobMatcher, PayloadKind)>,
    pub(crate) overrides: Vec<Override>,
    /// The pinned clock: `today` is midnight UTC of its day, `now` the instant itself.
    pub(crate) now: Option<jiff::Timestamp>,
    pub(crate) max_payload_bytes: Option<usize>,
    pub(crate) exclude: Option<Vec<String>>,
    pub(crate) extend_exclude: Vec<String>,
    pub(crate) path: Option<PathBuf>,
    pub(crate) reference_files: Vec<PathBuf>,
    pub(crate) redact: bool,
    pub(crate) baseline: Option<PathBuf>,
}

impl Config {
    /// The file this configuration was loaded from.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The files this configuration names and reads (`portfolio-file`), as opened: joined
    /// to the configuration's folder. They are data, not payloads: the command line never
    /// checks them in a walk, nor writes `--output` over them.
    pub fn reference_files(&self) -> &[PathBuf] {
        &self.reference_files
    }

    /// Sets a rule's level (find a rule by code or name with [`crate::rules::find`]).
    ///
    /// The rules that say a payload was not checked cannot be lowered here, as in the
    /// configuration file's `[rules]` table: `Err` for any level but `error` of a rule whose
    /// payload could not be read at all (`invalid-json`, `invalid-encoding`,
    /// `payload-too-large`: [`Silencing::Never`]) or whose kind is unknown (`unknown-kind`:
    /// [`Silencing::ConfigurationOnly`], which only an `[[overrides]]` table of
    /// `api4p-lint.toml` may lower, for the files it names). Lowered for every payload, a
    /// payload of no known kind (`[1]`, `{}`) would pass unchecked. The level is then
    /// unchanged.
    ///
    /// ```
    /// use api4p_lint::{rules, Config, Level};
    ///
    /// let mut config = Config::default();
    /// assert!(config.set_level(rules::find("unknown-property").unwrap(), Level::Off).is_ok());
    /// let refused = config.set_level(rules::find("unknown-kind").unwrap(), Level::Off).unwrap_err();
    /// assert!(refused.to_string().contains("would pass unchecked"));
    /// ```
    pub fn set_level(&mut self, rule: &Rule, level: Level) -> Result<(), LevelRefused> {
        if rule.silencing != Silencing::Anywhere && level != Level::On(Severity::Error) {
            return Err(LevelRefused {
                code: rule.code,
                name: rule.name,
                silencing: rule.silencing,
            });
        }
        self.levels.insert(rule.code, level);
        Ok(())
    }

    /// The level of `rule` for the file `path`: configured, else the rule's default. `path` is
    /// what the globs match: for a configuration loaded from a file, the file's path relative
    /// to the configuration's folder (`/`-separated; absolute for a file outside that folder).
    pub fn level(&self, rule: &Rule, path: Option<&str>) -> Level {
        self.configured_level(rule, path)
            .unwrap_or(Level::On(rule.default_severity))
    }

    /// The level configured for `rule` for the file `path`, if any (the last override whose
    /// globs match the path wins over the `[rules]` table). A rule that can never be
    /// silenced ([`Silencing::Never`]) has none: it stays an error.
    pub fn configured_level(&self, rule: &Rule, path: Option<&str>) -> Option<Level> {
        if rule.silencing == Silencing::Never {
            return None;
        }
        if let Some(path) = path {
            for ov in self.overrides.iter().rev() {
                if let Some(level) = ov.levels.get(rule.code) {
                    if ov.files.iter().any(|g| g.is_match(path)) {
                        return Some(*level);
                    }
                }
            }
        }
        if rule.silencing == Silencing::ConfigurationOnly {
            // Only an override, for the files it names (`set_level` refuses it anyway).
            return None;
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

    /// The fixed "today" for date rules, if configured (`today`, or the day of `now`).
    pub fn today(&self) -> Option<jiff::civil::Date> {
        self.now
            .map(|now| jiff::tz::Offset::UTC.to_datetime(now).date())
    }

    /// Fixes "today" for date rules (deterministic runs and tests): the clock stands at
    /// midnight UTC at the start of that day, so that a date-time later that day is in the
    /// future. [`Config::set_now`] pins the time of day too.
    pub fn set_today(&mut self, today: jiff::civil::Date) {
        self.now = Some(midnight_utc(today));
    }

    /// The fixed "now" for the rules that compare instants (an orders search's bounds), if
    /// configured: the configuration's `now`, or midnight UTC of its `today`.
    pub fn now(&self) -> Option<jiff::Timestamp> {
        self.now
    }

    /// Fixes "now" (and so "today", its day in UTC) for date rules.
    pub fn set_now(&mut self, now: jiff::Timestamp) {
        self.now = Some(now);
    }

    /// The kind that the file-glob mapping gives `path` (as in [`Config::level`]), if any (the
    /// first matching glob).
    pub fn kind_for(&self, path: &str) -> Option<PayloadKind> {
        self.kinds
            .iter()
            .find(|(glob, _)| glob.is_match(path))
            .map(|(_, kind)| *kind)
    }

    /// Whether every report under this configuration is redacted (`redact = true`): the
    /// command line's `--redact` can add redaction, not take it away.
    pub fn redact(&self) -> bool {
        self.redact
    }

    /// The baseline the command line reads (`baseline = "..."`), joined to the
    /// configuration's folder: `check --baseline` without a file.
    pub fn baseline(&self) -> Option<&Path> {
        self.baseline.as_deref()
    }

    /// The maximum payload size in bytes.
    pub fn max_payload_bytes(&self) -> usize {
        self.max_payload_bytes.unwrap_or(DEFAULT_MAX_PAYLOAD_BYTES)
    }

    /// Sets the maximum payload size in bytes, brought into [`MAX_PAYLOAD_BYTES_RANGE`].
    pub fn set_max_payload_bytes(&mut self, bytes: usize) {
        self.max_payload_bytes = Some(bytes.clamp(
            *MAX_PAYLOAD_BYTES_RANGE.start(),
            *MAX_PAYLOAD_BYTES_RANGE.end(),
        ));
    }

    /// The `exclude` globs, which replace [`DEFAULT_EXCLUDE`], if configured. Like every
    /// path in the file, they are relative to the file's folder.
    pub fn exclude(&self) -> Option<&[String]> {
        self.exclude.as_deref()
    }

    /// The `extend-exclude` globs, added to `exclude` (or to the default list).
    pub fn extend_exclude(&self) -> &[String] {
        &self.extend_exclude
    }

    /// Shares the configuration.
    pub fn into_shared(self) -> Arc<Config> {
        Arc::new(self)
    }
}

/// The first instant of a day in UTC: what a pinned day means for the rules that compare
/// instants. Every day jiff can write has one.
pub(crate) fn midnight_utc(day: jiff::civil::Date) -> jiff::Timestamp {
    jiff::tz::Offset::UTC
        .to_timestamp(day.to_datetime(jiff::civil::Time::midnight()))
        .unwrap_or(jiff::Timestamp::MIN)
}

//! A4P901 `invalid-config`: The configuration file has an unknown key, value or rule.
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::suggest::nearest;

crate::declare_rule! {
    /// ## What it checks
    /// That `api4p-lint.toml` uses only the keys, rule codes or names, severities (`off`,
    /// `info`, `warning`, `error`), open vocabulary names and payload kinds the tool knows,
    /// and that the files it refers to (a saved portfolio-items search response) can be read.
    /// An unknown key gets a did-you-mean.
    ///
    /// ## Why it matters
    /// A misspelled setting that was silently ignored would leave a rule on (or off) without
    /// anyone noticing: the check the team believes it runs is not the one that runs.
    ///
    /// ## Fix
    /// A hint only: the help names the nearest key, value or rule. The finding is about
    /// `api4p-lint.toml`, not a payload, and `--fix` edits payloads only.
    ///
    /// ## Example
    /// ```toml
    /// [rule]
    /// close-date-past = "off"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [rules]
    /// close-date-past = "off"
    /// ```
    pub static INVALID_CONFIG = {
        code: "A4P901",
        name: "invalid-config",
        category: Config,
        severity: Error,
        summary: "The configuration file has an unknown key, value or rule",
        fix: [DisplayOnly],
    };
}

/// A finding in the configuration file at `span`; the help names the nearest of `known`.
pub(crate) fn diagnostic<'k>(
    message: impl Into<String>,
    span: Span,
    label: impl Into<String>,
    written: Option<&str>,
    known: impl IntoIterator<Item = &'k str> + Clone,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(&INVALID_CONFIG, "", span)
        .with_message(message)
        .with_label(label);
    let all: Vec<&str> = known.clone().into_iter().collect();
    if let Some(closest) = written.and_then(|w| nearest(w, all.iter().copied())) {
        diagnostic = diagnostic
            .with_help(format!("did you mean `{closest}`?"))
            .with_suggestion(closest.to_owned());
    } else if !all.is_empty() {
        diagnostic = diagnostic.with_help(format!("expected one of: {}", all.join(", ")));
    }
    diagnostic
}

//! Code actions: each finding's fix as a quick fix (the safe ones preferred, so an editor's
//! "apply the preferred fix" takes them), and "fix all safe findings" on the document, which
//! runs the same fixing as `check --fix` (re-checked, refusing a fix that would break the
//! payload). The server computes edits; the client applies them: no file is written here.

use std::collections::HashMap;

use api4p_lint::{Applicability, PayloadKind, Source};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Range, TextEdit,
    WorkspaceEdit,
};

use super::document::{Documents, Settings};

/// The kind of the "fix all safe findings" action (`source.fixAll.api4p-lint`): editors run
/// it on save when asked to (`editor.codeActionsOnSave`).
pub(crate) const FIX_ALL: &str = "source.fixAll.api4p-lint";

/// The largest document "fix all" is offered for unasked (a lightbulb's list).
const MAX_OFFERED_FIX_ALL: usize = 256 << 10;

pub(crate) fn code_actions(
    documents: &Documents,
    params: &CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let uri = &params.text_document.uri;
    let document = documents.get(uri)?;
    // Findings of an older version point at bytes that moved.
    if document.linted_version != Some(document.version) {
        return Some(Vec::new());
    }
    let index = documents.index(document);
    let text: &str = &document.text;
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for found in &document.findings {
            let Some(fix) = found.diagnostic.fix.as_ref() else {
                continue;
            };
            // The finding under the range, or one the editor names (it may send the
            // cursor's line, or ranges counted in its own units).
            let named = params.context.diagnostics.iter().any(|d| {
                d.code == found.lsp.code && d.range.start.line == found.lsp.range.start.line
            });
            if fix.applicability == Applicability::DisplayOnly
                || !(named || overlaps(found.lsp.range, params.range))
            {
                continue;
            }
            let edits: Vec<TextEdit> = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: index.range(text, found.base + e.span.offset, e.span.len),
                    new_text: e.replacement.clone(),
                })
                .collect();
            let safe = fix.applicability == Applicability::Safe;
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title(&found.diagnostic, safe),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![found.lsp.clone()]),
                edit: Some(edit(uri, edits)),
                is_preferred: Some(safe),
                ..CodeAction::default()
            }));
        }
    }
    let fix_all = CodeActionKind::from(FIX_ALL);
    // Fixed by the worker after the lint (fixing re-checks the document, round after
    // round): asked for by name (fix on save, the editor's "fix all"), always; offered among
    // the other actions (which an editor asks for at each move of the cursor), only for a
    // document small enough to send whole at each move.
    let asked = params.context.only.is_some();
    if (wanted(&fix_all) || wanted(&CodeActionKind::SOURCE_FIX_ALL))
        && (asked || text.len() <= MAX_OFFERED_FIX_ALL)
        && document.findings.iter().any(|f| {
            f.diagnostic
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == Applicability::Safe)
        })
    {
        let edits: Vec<TextEdit> = document
            .fixed_all
            .as_deref()
            .map(|fixed| fix_all_edits(text, fixed, document.ndjson))
            .unwrap_or_default()
            .into_iter()
            .map(|(offset, len, new_text)| TextEdit {
                range: index.range(text, offset, len),
                new_text,
            })
            .collect();
        if !edits.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all safe api4p-lint findings".to_owned(),
                kind: Some(fix_all),
                edit: Some(edit(uri, edits)),
                ..CodeAction::default()
            }));
        }
    }
    Some(actions)
}

/// Whether a code action request names "fix all" (or a kind holding it) in its `only`.
pub(crate) fn asks_fix_all(params: &CodeActionParams) -> bool {
    params.context.only.as_ref().is_some_and(|only| {
        only.iter()
            .any(|o| FIX_ALL == o.as_str() || FIX_ALL.starts_with(&format!("{}.", o.as_str())))
    })
}

/// "Fix A4P101: replace with "WON"", and for an unsafe fix, that it is one.
fn title(d: &api4p_lint::Diagnostic, safe: bool) -> String {
    let what = match &d.suggestion {
        Some(suggestion) => format!("replace with {suggestion}"),
        None => d.rule.summary.to_owned(),
    };
    let what = match what.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &what[..cut]),
        None => what,
    };
    if safe {
        format!("Fix {}: {what}", d.code())
    } else {
        format!("Fix {} (unsafe): {what}", d.code())
    }
}

fn edit(uri: &lsp_types::Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The document with every safe fix applied (line by line for NDJSON), if anything changes:
/// computed by the worker after each lint, `detected` the kind that lint saw.
pub(crate) fn fix_all_safe(
    text: &str,
    ndjson: bool,
    settings: &Settings,
    detected: Option<PayloadKind>,
) -> Option<String> {
    // An export's lines need not be of one kind: unless `[kinds]` maps the file, each line's
    // own shape tells, as in its lint (the kind detected is the first line's).
    let kind = settings.kind.or(if ndjson { None } else { detected });
    let fix = |payload: &str| {
        let mut source = Source::new("payload", payload);
        if ndjson {
            source = source.as_ndjson_line();
        }
        settings
            .linter
            .fix_at(
                source,
                kind,
                settings.config_path.as_deref(),
                Applicability::Safe,
            )
            .text
    };
    let fixed = if ndjson {
        text.split_inclusive('\n')
            .map(|line| {
                let body = line.trim_end_matches(['\n', '\r']);
                let end = &line[body.len()..];
                if body.trim().is_empty() {
                    line.to_owned()
                } else {
                    fix(body) + end
                }
            })
            .collect()
    } else {
        fix(text)
    };
    (fixed != text).then_some(fixed)
}

/// The edits that turn `text` into `fixed`: only the spans that change
/// (`(offset, length, replacement)`, in order), one per changed line of an export, so that
/// the editor's undo steps and marks on the other lines survive.
fn fix_all_edits(text: &str, fixed: &str, ndjson: bool) -> Vec<(usize, usize, String)> {
    let edit = |base: usize, old: &str, new: &str| {
        changed(old, new).map(|(start, old_end, new_end)| {
            (
                base + start,
                old_end - start,
                new[start..new_end].to_owned(),
            )
        })
    };
    // An export's fixes stay within their lines: line by line when the lines still pair up.
    if ndjson && text.matches('\n').count() == fixed.matches('\n').count() {
        let mut base = 0;
        return text
            .split_inclusive('\n')
            .zip(fixed.split_inclusive('\n'))
            .filter_map(|(old, new)| {
                let at = base;
                base += old.len();
                edit(at, old, new)
            })
            .collect();
    }
    edit(0, text, fixed).into_iter().collect()
}

/// Where `new` differs from `old`: the common start and end left out, on character
/// boundaries (`(start, end in old, end in new)`); `None` when they are equal.
fn changed(old: &str, new: &str) -> Option<(usize, usize, usize)> {
    if old == new {
        return None;
    }
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !(old.is_char_boundary(start) && new.is_char_boundary(start)) {
        start -= 1;
    }
    let room = a.len().min(b.len()) - start;
    let mut end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !(old.is_char_boundary(a.len() - end) && new.is_char_boundary(b.len() - end)) {
        end -= 1;
    }
    Some((start, a.len() - end, b.len() - end))
}

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

#[cfg(test)]
mod tests {
    use super::{changed, fix_all_edits};

    #[test]
    fn an_exports_fixes_are_one_edit_per_changed_line() {
        let text = "{\"s\": \"won\"}\n{\"ok\": 1}\r\n{\"s\": \"lost\"}\n";
        let fixed = "{\"s\": \"WON\"}\n{\"ok\": 1}\r\n{\"s\": \"LOST\"}\n";
        assert_eq!(
            fix_all_edits(text, fixed, true),
            [(7, 3, "WON".to_owned()), (31, 4, "LOST".to_owned())]
        );
        // A document: one edit over what changes, first to last.
        assert_eq!(
            fix_all_edits(text, fixed, false),
            [(7, 28, fixed[7..35].to_owned())]
        );
        assert!(fix_all_edits(text, text, true).is_empty());
    }

    #[test]
    fn only_what_changes_is_replaced_on_character_boundaries() {
        let apply = |old: &str, new: &str| {
            let (start, old_end, new_end) = changed(old, new).unwrap();
            format!(
                "{}{}{}",
                &old[..start],
                &new[start..new_end],
                &old[old_end..]
            )
        };
        for (old, new) in [
            ("{\"s\": \"won\"}", "{\"s\": \"WON\"}"),
            ("é", "è"),
            ("aXa", "aa"),
            ("aa", "aXa"),
            ("😀x", "😁x"),
            ("", "a"),
        ] {
            assert_eq!(apply(old, new), new, "{old} -> {new}");
        }
        assert_eq!(
            changed("{\"s\": \"won\"}", "{\"s\": \"WON\"}"),
            Some((7, 10, 10))
        );
        assert_eq!(changed("same", "same"), None);
    }
}

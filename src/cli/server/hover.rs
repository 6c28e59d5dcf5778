//! Hover and completion, both from what stands at the cursor ([`super::cursor`]) and what
//! the document's kind's schema says there ([`super::schema_help`]): a finding's
//! explanation, a member's description, a code's meaning; the codes a closed enum allows
//! and the properties an object takes.

use api4p_lint::PayloadKind;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, Position, Range,
    TextEdit,
};

use super::cursor::{self, Place, Step};
use super::document::{Document, Documents};
use super::position::LineIndex;
use super::schema_help;

/// At most this many bytes of a document are scanned for the cursor's place (a 10 MB
/// document answers in time; past this, no hover or completion from the schema).
const MAX_SCANNED: usize = 4 << 20;

pub(crate) fn hover(documents: &Documents, params: &HoverParams) -> Option<Hover> {
    let at = &params.text_document_position_params;
    let document = documents.get(&at.text_document.uri)?;
    let index = documents.index(document);
    let mut parts = Vec::new();
    // The findings under the cursor first: what is wrong there.
    if document.linted_version == Some(document.version) {
        for found in &document.findings {
            if contains(found.lsp.range, at.position) {
                parts.push(finding(&found.diagnostic));
            }
        }
    }
    if let Some((kind, cursor)) = place(document, &index, at.position) {
        if let Some(part) = describe(kind, &cursor, &document.text) {
            parts.push(part);
        }
    }
    (!parts.is_empty()).then(|| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

pub(crate) fn complete(
    documents: &Documents,
    params: &CompletionParams,
) -> Option<CompletionResponse> {
    let at = &params.text_document_position;
    let document = documents.get(&at.text_document.uri)?;
    let index = documents.index(document);
    let (kind, cursor) = place(document, &index, at.position)?;
    let text: &str = &document.text;
    let offset = index.offset(text, at.position);
    let range = |(start, end): (usize, usize)| {
        Range::new(index.position(text, start), index.position(text, end))
    };
    let (token, listed): (Option<(usize, usize)>, Vec<Entry<'_>>) = match &cursor.place {
        Place::Value { token } => {
            let node = schema_help::node(kind, &cursor.path)?;
            let codes = node.codes.iter().map(|(c, m)| (*c, *m, None)).collect();
            (*token, codes)
        }
        Place::Key { token, present } => {
            let node = schema_help::node(kind, &cursor.path)?;
            let mut names: Vec<_> = node
                .properties
                .iter()
                .filter(|(name, _, _)| !present.iter().any(|p| p == name))
                .map(|(name, description, required)| {
                    let detail = if *required { "required" } else { "optional" };
                    (*name, *description, Some(detail), *required)
                })
                .collect();
            // The required ones first (the schema's own order is not kept when it is
            // read: by name within each group).
            names.sort_by_key(|(_, _, _, required)| !required);
            let names = names.into_iter().map(|(n, d, r, _)| (n, d, r)).collect();
            (*token, names)
        }
    };
    let item_kind = match cursor.place {
        Place::Value { .. } => CompletionItemKind::ENUM_MEMBER,
        Place::Key { .. } => CompletionItemKind::PROPERTY,
    };
    let edit = Edit::at(text, offset, token);
    let items = listed
        .into_iter()
        .enumerate()
        .map(|(rank, (label, documentation, detail))| {
            let (span, new_text, filter_text) = edit.of(label);
            CompletionItem {
                label: label.to_owned(),
                kind: Some(item_kind),
                detail: detail.map(str::to_owned),
                documentation: documentation.map(|d| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: d.to_owned(),
                    })
                }),
                // The spec's order (the client sorts by this, else by label).
                sort_text: Some(format!("{rank:04}")),
                filter_text,
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: range(span),
                    new_text,
                })),
                ..CompletionItem::default()
            }
        })
        .collect();
    Some(CompletionResponse::Array(items))
}

/// A completion item's label, documentation and detail.
type Entry<'s> = (&'s str, Option<&'s str>, Option<&'s str>);

/// What a completion item replaces, and how it writes its code or name there.
///
/// Inside a string (after its opening quote), the item replaces the string's contents with
/// the bare code: the text before the cursor the client filters with has no quote, and a
/// client that ignores the edit's range (Neovim 0.7's omnifunc inserts the item's text from
/// the start of the word before the cursor) still writes the right thing. Outside a string
/// (after `: `, before an opening quote), it writes the quoted value, over the token the
/// cursor stands on.
enum Edit {
    Contents((usize, usize)),
    Quoted {
        span: (usize, usize),
        /// The token's text before the cursor starts with a quote (the cursor is after a
        /// closed string): the client filters with the quoted value.
        quoted_filter: bool,
    },
}

impl Edit {
    fn at(text: &str, offset: usize, token: Option<(usize, usize)>) -> Self {
        let Some((start, end)) = token else {
            return Self::Quoted {
                span: (offset, offset),
                quoted_filter: false,
            };
        };
        match cursor::string_contents(text, (start, end)) {
            Some((from, to)) if from <= offset && offset <= to => {
                let to = if to == end {
                    // Not closed on its line: the word being typed, to where it stops (the
                    // rest of the line may be the payload's own closing brackets).
                    offset
                        + text[offset..end]
                            .find(|c: char| {
                                c.is_whitespace() || matches!(c, '"' | ',' | ':' | '}' | ']')
                            })
                            .unwrap_or(end - offset)
                } else {
                    to
                };
                Self::Contents((from, to))
            }
            contents => Self::Quoted {
                span: (start, end),
                quoted_filter: contents.is_some() && offset > start,
            },
        }
    }

    /// The span replaced, the text written, and the filter text (`None`: the label).
    fn of(&self, label: &str) -> ((usize, usize), String, Option<String>) {
        let quoted = json_string(label);
        match *self {
            Self::Contents(span) => (span, quoted[1..quoted.len() - 1].to_owned(), None),
            Self::Quoted {
                span,
                quoted_filter,
            } => (span, quoted.clone(), quoted_filter.then_some(quoted)),
        }
    }
}

fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// The document's kind and the cursor's place in it, when both are known.
fn place(
    document: &Document,
    index: &LineIndex,
    position: Position,
) -> Option<(PayloadKind, cursor::Cursor)> {
    let mapped = document.settings.as_ref().and_then(|s| s.kind);
    let text: &str = &document.text;
    let offset = index.offset(text, position);
    // NDJSON: the cursor's line is the payload.
    let (start, end) = if document.ndjson {
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        (start, end)
    } else {
        (0, text.len())
    };
    if offset - start > MAX_SCANNED {
        return None;
    }
    let kind = match mapped {
        Some(kind) => kind,
        // An export's lines need not be of one kind: the line's own shape, as its lint saw it.
        None if document.ndjson => line_kind(&text[start..end]).unwrap_or(document.detected)?,
        None => document.detected?,
    };
    let mut cursor = cursor::at(&text[start..end], offset - start)?;
    // Tokens back to the document's offsets.
    match &mut cursor.place {
        Place::Key { token, .. } | Place::Value { token } => {
            if let Some((a, b)) = token {
                *a += start;
                *b += start;
            }
        }
    }
    Some((kind, cursor))
}

/// The kind an NDJSON line's shape shows: `Some(None)` for a line that parses as no kind (it
/// was not linted), `None` for one that does not parse (being typed: the kind the document
/// showed last) or is too long to read for a hover.
fn line_kind(line: &str) -> Option<Option<PayloadKind>> {
    if line.len() > MAX_SCANNED {
        return None;
    }
    let value = serde_json::from_str::<serde_json::Value>(line).ok()?;
    Some(match api4p_lint::detect(&value) {
        api4p_lint::Detection::Known(kind) => Some(kind),
        _ => None,
    })
}

/// What the schema says at the cursor: the member and, on a code, what the code means.
fn describe(kind: PayloadKind, cursor: &cursor::Cursor, text: &str) -> Option<String> {
    let (path, value) = match &cursor.place {
        Place::Value { token } => (&cursor.path[..], token.map(|(a, b)| &text[a..b])),
        // On a key: the member it names.
        Place::Key {
            token: Some((a, b)),
            ..
        } => {
            let key: String = serde_json::from_str(&text[*a..*b]).ok()?;
            let mut path = cursor.path.clone();
            path.push(Step::Key(key));
            let node = schema_help::node(kind, &path)?;
            return member(&path, &node);
        }
        Place::Key { token: None, .. } => return None,
    };
    let node = schema_help::node(kind, path)?;
    let mut out = member(path, &node)?;
    if let Some(code) = value.and_then(|v| serde_json::from_str::<String>(v).ok()) {
        if let Some((code, meaning)) = node.codes.iter().find(|(c, _)| *c == code) {
            out.push_str(&format!(
                "\n\n`{code}`: {}",
                meaning.unwrap_or("(no description in the spec)")
            ));
        }
    }
    Some(out)
}

fn member(path: &[Step], node: &schema_help::Node<'_>) -> Option<String> {
    // An item is named with its array: `reasonWon[0]`.
    let name = match path {
        [.., Step::Key(k), Step::Index(i)] => format!("{k}[{i}]"),
        [.., Step::Index(i)] => format!("[{i}]"),
        [.., Step::Key(k)] => k.clone(),
        [] => return None,
    };
    let mut out = format!("**{name}**");
    if let Some(description) = node.description {
        out.push_str(&format!(": {description}"));
    }
    if !node.codes.is_empty() {
        let codes: Vec<String> = node.codes.iter().map(|(c, _)| format!("`{c}`")).collect();
        let what = if node.open {
            "known values (others are accepted)"
        } else {
            "one of"
        };
        out.push_str(&format!("\n\n{what}: {}", codes.join(", ")));
    }
    Some(out)
}

/// A finding as Markdown: each line of its help a paragraph of its own (a single line break
/// is no break in Markdown: `help: did you mean "WON"?` and `allowed values: ...` would run
/// together), then why it matters: the finding's own note (`DS rejects a code outside the
/// spec's list with HTTP 400`) when it has one, else the rule's, not both (they say the
/// same), else the rule's summary.
fn finding(d: &api4p_lint::Diagnostic) -> String {
    let mut paragraphs = vec![format!("**{} {}**: {}", d.code(), d.rule_name(), d.message)];
    if let Some(help) = &d.help {
        let mut lines = help.lines().filter(|l| !l.trim().is_empty());
        if let Some(first) = lines.next() {
            paragraphs.push(format!("help: {first}"));
        }
        paragraphs.extend(lines.map(str::to_owned));
    }
    // The code, name and message say what the finding is; the rule's one-line summary
    // before the why often said its first words again ("DS silently ignores it: DS ignores
    // properties it does not know").
    match (&d.note, why_it_matters(d.rule)) {
        (Some(note), _) => paragraphs.push(format!("Why it matters: {note}")),
        (None, Some(why)) => paragraphs.push(format!("Why it matters: {why}")),
        (None, None) => paragraphs.push(d.rule.summary.to_owned()),
    }
    paragraphs.join("\n\n")
}

/// The "Why it matters" section of a rule's docs (what `explain` prints), one paragraph.
fn why_it_matters(rule: &api4p_lint::rule::Rule) -> Option<String> {
    let docs = rule.docs();
    let section = docs.split("## Why it matters\n").nth(1)?;
    let section = section.split("\n## ").next()?.trim();
    (!section.is_empty()).then(|| section.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn contains(range: Range, position: Position) -> bool {
    range.start <= position && position <= range.end
}

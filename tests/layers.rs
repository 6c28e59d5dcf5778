//! The library's modules form layers, and every `crate::` path points down: a module uses
//! only modules of lower layers, or of its own layer listed before it. ARCHITECTURE.md draws
//! the same table; a new top-level module must be placed in it.
//!
//! The binary (`src/main.rs`, `src/cli/`) sits on top and sees the library through
//! `api4p_lint::`, so it is not checked here.
//!
//! The files are read as the compiler's tokens (proc-macro2's lexer), so comments, strings,
//! line breaks and spacing cannot hide a path or fake one. Every path that starts at the root
//! (`crate::`, `$crate::`) or climbs out of its module (`super::`, counted from the module the
//! tokens sit in, inline `mod` blocks included) is followed to the top-level name it goes
//! through. A form whose target a reader of the tokens cannot know is rejected: another name
//! for the crate root (`use crate as c`, `{self as c}`, `extern crate self`), a glob of the root
//! (`use super::*` in a top-level file), `crate::` completed by a macro's argument, `crate` or
//! `super` passed to a macro, `super` in a `macro_rules!` body (resolved where the macro is
//! called), `#[path]`, `include!`, and in `lib.rs` inline modules and macros (their textual
//! scope reaches the modules declared after them unseen).
//!
//! A call names no module when it goes through a type: a higher layer may add inherent
//! functions to a lower type (ARCHITECTURE.md), so the functions of every such `impl` are
//! listed and their calls from below (`Config::parse`, `Self::parse` in `impl Config`,
//! `report.render(..)`; a method by its name alone) are reported; a higher layer's impl of a
//! trait that is not its own for a lower type (`impl Display for Config` in `config_file`) is
//! reported itself, since its uses (`config.to_string()`) cannot be told by name.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Bottom to top. Within a layer, a module may use the modules listed before it.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "1 foundation",
        &[
            "text", "pointer", "suggest", "source", "kind", "endpoint", "model", "schema",
        ],
    ),
    ("2 what a rule is", &["rule"]),
    ("3 findings", &["diagnostic", "redact"]),
    ("4 configuration", &["config"]),
    ("5 rules", &["rules"]),
    (
        "6 linter and configuration file",
        &["lint", "fix", "config_file"],
    ),
    ("7 renderers", &["render"]),
    (
        "8 entry points",
        &["validate", "testing", "fuzzing", "middleware"],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The library's files, with their module path (`src/rules/lead/x.rs` → `rules::lead::x`).
fn library_files() -> Vec<(PathBuf, Vec<String>)> {
    fn walk(dir: &Path, module: &[String], out: &mut Vec<(PathBuf, Vec<String>)>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
            if module.is_empty() && matches!(name.as_str(), "cli" | "main" | "lib") {
                continue;
            }
            let mut inner = module.to_vec();
            if path.is_dir() {
                inner.push(name);
                walk(&path, &inner, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if name != "mod" {
                    inner.push(name);
                }
                out.push((path, inner));
            }
        }
    }
    let mut out = Vec::new();
    walk(&src(), &[], &mut out);
    out
}

/// Rust text as the compiler's tokens: comments gone, doc comments as `#[doc = "..."]`.
fn tokens_of(text: &str) -> Vec<TokenTree> {
    let stream: TokenStream = text.parse().expect("the library's files are Rust");
    stream.into_iter().collect()
}

fn inside(group: &TokenTree) -> Vec<TokenTree> {
    match group {
        TokenTree::Group(g) => g.stream().into_iter().collect(),
        _ => Vec::new(),
    }
}

fn is_ident(token: Option<&TokenTree>, word: &str) -> bool {
    matches!(token, Some(TokenTree::Ident(i)) if i == word)
}

fn is_punct(token: Option<&TokenTree>, c: char) -> bool {
    matches!(token, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn is_group(token: Option<&TokenTree>, delimiter: Delimiter) -> bool {
    matches!(token, Some(TokenTree::Group(g)) if g.delimiter() == delimiter)
}

/// `::` at `tokens[at]`.
fn is_path_sep(tokens: &[TokenTree], at: usize) -> bool {
    matches!(tokens.get(at), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
        && is_punct(tokens.get(at + 1), ':')
}

/// Where a path leaves its module.
#[derive(Debug, PartialEq)]
enum Reach {
    /// The top-level module, or the root item, the path goes through.
    Top(String),
    /// A form whose target cannot be read from the tokens.
    Hidden(&'static str),
}

/// The paths in `tokens` that start at the root or climb out of `module` (where the tokens
/// sit; `None` in a `macro_rules!` body, whose `super` is where the macro is called), with
/// their line.
fn reaches(tokens: &[TokenTree], module: Option<&[String]>, out: &mut Vec<(usize, Reach)>) {
    let mut i = 0;
    while i < tokens.len() {
        let line = tokens[i].span().start().line;
        let next = tokens.get(i + 1);
        match &tokens[i] {
            // `pub(crate)`, `pub(super)`, `pub(self)`, `pub(in path)`: rustc accepts only the
            // item's own ancestors, so they name nothing outside its module.
            TokenTree::Ident(word) if word == "pub" && is_group(next, Delimiter::Parenthesis) => {
                let vis = inside(next.unwrap());
                let own = match vis.as_slice() {
                    [TokenTree::Ident(only)] => {
                        only == "crate" || only == "super" || only == "self"
                    }
                    [first, ..] => is_ident(Some(first), "in"),
                    [] => false,
                };
                if own {
                    i += 2;
                    continue;
                }
            }
            // `mod name { ... }`: its paths are seen from `module::name`.
            TokenTree::Ident(word)
                if word == "mod" && is_group(tokens.get(i + 2), Delimiter::Brace) =>
            {
                if let Some(TokenTree::Ident(name)) = next {
                    let inner = module.map(|m| [m, &[name.to_string()]].concat());
                    reaches(&inside(&tokens[i + 2]), inner.as_deref(), out);
                    i += 3;
                    continue;
                }
            }
            // `extern crate serde;` names another crate (`extern crate self as x` falls through
            // to `crate` below: another name for the root).
            TokenTree::Ident(word)
                if word == "extern"
                    && is_ident(next, "crate")
                    && !is_ident(tokens.get(i + 2), "self") =>
            {
                i += 3;
                continue;
            }
            // `#[serde(crate = "...")]` names another crate.
            TokenTree::Ident(word) if word == "crate" && is_punct(next, '=') => {}
            TokenTree::Ident(word)
                if word == "crate"
                    || word == "super"
                    || (word == "self" && is_path_sep(tokens, i + 1)) =>
            {
                let mut found = Vec::new();
                i += path(&tokens[i..], module.map(<[String]>::to_vec), &mut found);
                out.extend(found.into_iter().map(|reach| (line, reach)));
                continue;
            }
            // `macro_rules! name { ... }`: its paths are resolved where it is called.
            TokenTree::Ident(word)
                if word == "macro_rules"
                    && matches!(tokens.get(i + 3), Some(TokenTree::Group(_))) =>
            {
                reaches(&inside(&tokens[i + 3]), None, out);
                i += 4;
                continue;
            }
            TokenTree::Ident(word) if word == "include" && is_punct(next, '!') => out.push((
                line,
                Reach::Hidden("`include!` brings in a file this test does not read"),
            )),
            // An attribute, `#[...]` or `#![...]`.
            TokenTree::Punct(p) if p.as_char() == '#' => {
                let at = if is_punct(next, '!') { i + 2 } else { i + 1 };
                if is_group(tokens.get(at), Delimiter::Bracket) {
                    attribute(&inside(&tokens[at]), module, line, out);
                    i = at + 1;
                    continue;
                }
            }
            TokenTree::Group(_) => reaches(&inside(&tokens[i]), module, out),
            _ => {}
        }
        i += 1;
    }
}

/// A type or path (serde's `with`, `default`, schemars' `with`), or where-predicates (serde's
/// `bound = "T: Trait"`).
fn is_code(text: &str) -> bool {
    use syn::parse::Parser;
    type Predicates = syn::punctuated::Punctuated<syn::WherePredicate, syn::Token![,]>;
    syn::parse_str::<syn::Type>(text).is_ok()
        || Predicates::parse_terminated.parse_str(text).is_ok()
}

/// An attribute's paths. `#[doc]` is prose (the doc comments); `#[path]` moves a module's file
/// where this test cannot follow it; a string that parses as a type or path is code (serde's
/// `default = "crate::x::f"`, schemars' `with = "Vec<T>"`), other strings are prose.
fn attribute(
    tokens: &[TokenTree],
    module: Option<&[String]>,
    line: usize,
    out: &mut Vec<(usize, Reach)>,
) {
    if is_ident(tokens.first(), "doc") {
        return;
    }
    fn strings(
        tokens: &[TokenTree],
        module: Option<&[String]>,
        line: usize,
        out: &mut Vec<(usize, Reach)>,
    ) {
        for (i, token) in tokens.iter().enumerate() {
            if is_ident(Some(token), "path") && is_punct(tokens.get(i + 1), '=') {
                out.push((
                    line,
                    Reach::Hidden(
                        "`#[path]` puts a module in a file this test maps to another module",
                    ),
                ));
            }
            match token {
                TokenTree::Group(_) => strings(&inside(token), module, line, out),
                TokenTree::Literal(literal) => {
                    let Ok(text) = syn::parse_str::<syn::LitStr>(&literal.to_string()) else {
                        continue;
                    };
                    if is_code(&text.value()) {
                        let mut found = Vec::new();
                        reaches(&tokens_of(&text.value()), module, &mut found);
                        out.extend(found.into_iter().map(|(_, reach)| (line, reach)));
                    }
                }
                _ => {}
            }
        }
    }
    reaches(tokens, module, out);
    strings(tokens, module, line, out);
}

/// Follows the path at the start of `tokens` (`crate::`, `super::super::`, `self::super::`, a
/// `{...}` group's items), seen from module `here` (`None`: where a macro is called); returns
/// how many tokens it read.
fn path(tokens: &[TokenTree], mut here: Option<Vec<String>>, out: &mut Vec<Reach>) -> usize {
    let mut i = 0;
    // The leading keywords move `here`: `crate` to the root, `super` one up, `self` nowhere.
    loop {
        match (tokens.get(i), &mut here) {
            (Some(TokenTree::Ident(w)), _) if w == "crate" && i == 0 => here = Some(Vec::new()),
            (Some(TokenTree::Ident(w)), Some(module)) if w == "super" => {
                module.pop();
            }
            (Some(TokenTree::Ident(w)), None) if w == "super" => {
                out.push(Reach::Hidden(
                    "`super` in a macro is resolved where the macro is called: write `$crate::`",
                ));
                return i + 1;
            }
            (Some(TokenTree::Ident(w)), _) if w == "self" => {}
            _ => break,
        }
        i += 1;
        // `self::` in a macro stays in the caller's module.
        let Some(here) = &here else { return i };
        if !is_path_sep(tokens, i) {
            // The keyword ends the path: `use crate as c`, `{self as c}`, `m!(crate ...)`.
            out.push(match here.first() {
                Some(top) => Reach::Top(top.clone()),
                None => Reach::Hidden(
                    "names the crate root itself (`use crate as c`, `{self as c}`, \
                     `extern crate self`, `crate` passed to a macro)",
                ),
            });
            return i;
        }
        i += 2;
    }
    let Some(here) = here else { return i };
    match (here.first(), tokens.get(i)) {
        // `crate::{a, b::c}`, `super::{super::x, y}`: each item, from `here`.
        (_, Some(group)) if is_group(Some(group), Delimiter::Brace) => {
            let items = inside(group);
            for item in items.split(|t| is_punct(Some(t), ',')) {
                if !item.is_empty() {
                    path(item, Some(here.clone()), out);
                }
            }
            return i + 1;
        }
        (Some(top), _) => out.push(Reach::Top(top.clone())),
        (None, Some(TokenTree::Ident(name))) => out.push(Reach::Top(name.to_string())),
        (None, _) => out.push(Reach::Hidden(
            "a glob of the crate root (`use super::*` in a top-level file), or a path from the \
             root completed by a macro's argument",
        )),
    }
    i
}

/// What the names at the crate root stand for: lib.rs's modules, what its `use`s bring in
/// (`pub use lint::Linter`, `pub use lint::*`) and the `#[macro_export]` macros.
#[derive(Debug, Default)]
struct Root {
    /// Root name → the top-level module it comes from.
    names: BTreeMap<String, String>,
    /// The modules lib.rs re-exports whole (`pub use m::*`).
    globs: Vec<String>,
    /// The modules lib.rs declares, in order.
    modules: Vec<String>,
    /// What lib.rs does that would let a path pass unseen.
    problems: Vec<String>,
    /// lib.rs itself, whose own items are in no layer.
    lib: Vec<TokenTree>,
}

impl Root {
    fn read(lib: &str) -> Root {
        let tokens = tokens_of(lib);
        let mut root = Root {
            lib: tokens.clone(),
            ..Root::default()
        };
        let mut i = 0;
        while i < tokens.len() {
            let next = tokens.get(i + 1);
            match &tokens[i] {
                TokenTree::Ident(w) if w == "mod" => {
                    if let Some(TokenTree::Ident(name)) = next {
                        root.modules.push(name.to_string());
                        root.names.insert(name.to_string(), name.to_string());
                        if is_group(tokens.get(i + 2), Delimiter::Brace) {
                            root.problems.push(format!(
                                "lib.rs: `mod {name}` is inline: a module gets a file and a layer"
                            ));
                        }
                    }
                }
                TokenTree::Ident(w) if w == "use" => {
                    let end = (i..tokens.len())
                        .find(|&j| is_punct(tokens.get(j), ';'))
                        .unwrap();
                    root.use_tree(&tokens[i + 1..end], None);
                    i = end;
                }
                TokenTree::Ident(w) if w == "macro_rules" || w == "include" => root.problems.push(
                    format!("lib.rs: `{w}!` reaches the modules declared after it unseen"),
                ),
                TokenTree::Ident(w) if w == "extern" && is_ident(tokens.get(i + 2), "self") => root
                    .problems
                    .push("lib.rs: `extern crate self` gives the root another name".into()),
                TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
                    let attribute = inside(&tokens[i]);
                    if is_ident(attribute.first(), "macro_use")
                        || is_ident(attribute.first(), "path")
                    {
                        root.problems.push(format!(
                            "lib.rs: `#[{}]` lets a module be used, or read, unseen",
                            attribute[0]
                        ));
                    }
                }
                _ => {}
            }
            i += 1;
        }
        root
    }

    /// A `use` tree of lib.rs: each name it brings in, from the module it starts with.
    fn use_tree(&mut self, tokens: &[TokenTree], mut from: Option<String>) {
        let mut name = None;
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Ident(w) if w == "as" => {
                    name = tokens.get(i + 1).map(ToString::to_string);
                    i += 1;
                }
                TokenTree::Ident(w) if w == "self" || w == "crate" => {}
                TokenTree::Ident(w) => {
                    from.get_or_insert_with(|| w.to_string());
                    name = Some(w.to_string());
                }
                TokenTree::Punct(p) if p.as_char() == '*' => {
                    self.globs.extend(from);
                    return;
                }
                TokenTree::Group(_) => {
                    for item in inside(&tokens[i]).split(|t| is_punct(Some(t), ',')) {
                        self.use_tree(item, from.clone());
                    }
                    return;
                }
                _ => {}
            }
            i += 1;
        }
        if let (Some(from), Some(name)) = (from, name) {
            self.names.insert(name, from);
        }
    }

    /// The top-level module behind a root name; `None` for a name lib.rs does not re-export
    /// from a module (an item of lib.rs itself, another crate).
    fn module_of(&self, name: &str, files: &[(PathBuf, Vec<TokenTree>)]) -> Option<String> {
        if let Some(module) = self.names.get(name) {
            return Some(module.clone());
        }
        if defines(&self.lib, name) {
            return None;
        }
        // Through a glob: its module if there is one, else the one whose files define the name.
        let in_module = |module: &String| {
            files
                .iter()
                .filter(|(path, _)| {
                    path.starts_with(src().join(module))
                        || *path == src().join(format!("{module}.rs"))
                })
                .any(|(_, tokens)| defines(tokens, name))
        };
        match self.globs.as_slice() {
            [only] => Some(only.clone()),
            globs => {
                let mut candidates = globs.iter().filter(|m| in_module(m));
                let first = candidates.next();
                if candidates.next().is_some() {
                    return None;
                }
                first.cloned()
            }
        }
    }
}

/// Whether `tokens` define an item named `name` (`struct Name`, `fn name`, `as name`...).
fn defines(tokens: &[TokenTree], name: &str) -> bool {
    const ITEM: &[&str] = &[
        "fn", "struct", "enum", "trait", "type", "const", "static", "mod", "union", "as",
    ];
    tokens.iter().enumerate().any(|(i, token)| match token {
        TokenTree::Group(_) => defines(&inside(token), name),
        TokenTree::Ident(w) => {
            ITEM.iter().any(|item| w == item) && is_ident(tokens.get(i + 1), name)
                || w == "macro_rules" && is_ident(tokens.get(i + 2), name)
        }
        _ => false,
    })
}

/// The `#[macro_export]` macros in `tokens`: they are root names.
fn exported_macros(tokens: &[TokenTree], out: &mut Vec<String>) {
    let mut exported = false;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
                exported |= is_ident(inside(token).first(), "macro_export");
            }
            TokenTree::Group(_) => exported_macros(&inside(token), out),
            TokenTree::Ident(w) if w == "macro_rules" => {
                if let (true, Some(name)) = (exported, tokens.get(i + 2)) {
                    out.push(name.to_string());
                }
                exported = false;
            }
            _ => {}
        }
    }
}

/// An `impl` block: its trait (if any) and the type it is for, each by its last name, and its
/// functions with whether they take `self`.
#[derive(Debug, PartialEq)]
struct Impl {
    line: usize,
    of_trait: Option<String>,
    ty: String,
    fns: Vec<(String, bool)>,
}

/// The `impl` block at `tokens[i]` and the index of its body; `None` for anything else,
/// `impl Trait` in a type included.
fn impl_at(tokens: &[TokenTree], i: usize) -> Option<(Impl, usize)> {
    // An item comes first in its block, or after `;`, `unsafe`, an attribute or an item's body.
    let item = i == 0
        || matches!(tokens[i - 1], TokenTree::Group(_))
        || is_punct(tokens.get(i - 1), ';')
        || is_ident(tokens.get(i - 1), "unsafe");
    if !is_ident(tokens.get(i), "impl") || !item {
        return None;
    }
    let body = (i + 1..tokens.len()).find(|&j| is_group(tokens.get(j), Delimiter::Brace))?;
    // `impl<T> Trait<T> for Type<T> where ...`: the last names outside `<...>`.
    let (mut depth, mut last, mut of_trait) = (0, None, None);
    for (j, token) in tokens.iter().enumerate().take(body).skip(i + 1) {
        match token {
            TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
            TokenTree::Punct(p) if p.as_char() == '>' && !is_punct(tokens.get(j - 1), '-') => {
                depth -= 1
            }
            TokenTree::Ident(w) if depth == 0 && w == "for" => of_trait = last.take(),
            TokenTree::Ident(w) if depth == 0 && w == "where" => break,
            TokenTree::Ident(w) if depth == 0 => last = Some(w.to_string()),
            _ => {}
        }
    }
    let items = inside(&tokens[body]);
    let fns = items
        .iter()
        .enumerate()
        .filter(|(_, token)| is_ident(Some(token), "fn"))
        .filter_map(|(k, _)| {
            let name = items.get(k + 1)?.to_string();
            let params = items[k + 1..]
                .iter()
                .find(|t| is_group(Some(t), Delimiter::Parenthesis))?;
            let takes_self = inside(params).iter().any(|t| is_ident(Some(t), "self"));
            Some((name, takes_self))
        })
        .collect();
    let line = tokens[i].span().start().line;
    Some((
        Impl {
            line,
            of_trait,
            ty: last?,
            fns,
        },
        body,
    ))
}

/// Every `impl` block in `tokens`, wherever it sits.
fn impls(tokens: &[TokenTree], out: &mut Vec<Impl>) {
    for (i, token) in tokens.iter().enumerate() {
        if let Some((found, _)) = impl_at(tokens, i) {
            out.push(found);
        }
        if let TokenTree::Group(_) = token {
            impls(&inside(token), out);
        }
    }
}

/// The types and traits `tokens` define (not an `impl`'s associated types).
fn defined_types(tokens: &[TokenTree], out: &mut Vec<String>) {
    let mut i = 0;
    while i < tokens.len() {
        if let Some((_, body)) = impl_at(tokens, i) {
            i = body + 1;
            continue;
        }
        match &tokens[i] {
            TokenTree::Ident(w)
                if ["struct", "enum", "union", "type", "trait"]
                    .iter()
                    .any(|k| w == k) =>
            {
                if let Some(TokenTree::Ident(name)) = tokens.get(i + 1) {
                    out.push(name.to_string());
                }
            }
            TokenTree::Group(_) => defined_types(&inside(&tokens[i]), out),
            _ => {}
        }
        i += 1;
    }
}

/// The index after the `<...>` at `tokens[at]`, or `at` if there is none there.
fn after_generics(tokens: &[TokenTree], at: usize) -> usize {
    if !is_punct(tokens.get(at), '<') {
        return at;
    }
    let mut depth = 0;
    for (k, token) in tokens.iter().enumerate().skip(at) {
        match token {
            TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
            TokenTree::Punct(p) if p.as_char() == '>' && !is_punct(tokens.get(k - 1), '-') => {
                depth -= 1;
                if depth == 0 {
                    return k + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// The call through a type's name at `tokens[i]`, as (type, function): `T::f`, `T::<A>::f`,
/// `<T>::f`, `<T<A>>::f`.
fn type_call(tokens: &[TokenTree], i: usize) -> Option<(String, String)> {
    let (ty, mut j) = match (&tokens[i], tokens.get(i + 1)) {
        (TokenTree::Ident(ty), _) => (ty.to_string(), i + 1),
        // `<a::T<A>>`: the path's last name.
        (TokenTree::Punct(p), Some(TokenTree::Ident(_))) if p.as_char() == '<' => {
            let mut k = i + 1;
            while is_path_sep(tokens, k + 1) {
                k += 3;
            }
            let Some(TokenTree::Ident(ty)) = tokens.get(k) else {
                return None;
            };
            let j = after_generics(tokens, k + 1);
            if !is_punct(tokens.get(j), '>') {
                return None;
            }
            (ty.to_string(), j + 1)
        }
        _ => return None,
    };
    if is_path_sep(tokens, j) && is_punct(tokens.get(j + 2), '<') {
        j = after_generics(tokens, j + 2);
    }
    match tokens.get(j + 2) {
        Some(TokenTree::Ident(f)) if is_path_sep(tokens, j) => Some((ty, f.to_string())),
        _ => None,
    }
}

/// The last name outside `<...>` in `tokens` (`crate::x::Report<'a>` → `Report`).
fn last_name(tokens: &[TokenTree]) -> Option<String> {
    let (mut depth, mut last) = (0, None);
    for (k, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
            TokenTree::Punct(p)
                if p.as_char() == '>' && !(k > 0 && is_punct(tokens.get(k - 1), '-')) =>
            {
                depth -= 1
            }
            TokenTree::Ident(w) if depth == 0 => last = Some(w.to_string()),
            _ => {}
        }
    }
    last
}

/// Other names of types: `use a::T as U;` and `type U = a::T;` make `U` stand for `T`.
fn aliases(tokens: &[TokenTree], in_use: bool, out: &mut BTreeMap<String, String>) {
    let mut in_use = in_use;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(w) if w == "use" => in_use = true,
            TokenTree::Punct(p) if p.as_char() == ';' => in_use = false,
            TokenTree::Ident(w) if w == "as" && in_use && i > 0 => {
                if let Some(to) = tokens.get(i + 1) {
                    out.insert(to.to_string(), tokens[i - 1].to_string());
                }
            }
            TokenTree::Ident(w) if w == "type" => {
                let rest = &tokens[i..];
                let end = rest.iter().position(|t| is_punct(Some(t), ';'));
                let eq = rest.iter().position(|t| is_punct(Some(t), '='));
                // `type U = T;`, not a trait's `type Item;`.
                if let (Some(name), Some(eq), Some(end)) = (rest.get(1), eq, end) {
                    if let Some(target) = rest.get(eq + 1..end).and_then(last_name) {
                        out.insert(name.to_string(), target);
                    }
                }
            }
            TokenTree::Group(_) => aliases(&inside(token), in_use, out),
            _ => {}
        }
    }
}

/// The functions `tokens` call through a type's name (`T::f`, `Self::f` in `impl T`), as
/// `(line, Some(T), f)`, and the methods they call (`x.f(`), as `(line, None, f)`.
fn calls(
    tokens: &[TokenTree],
    self_ty: Option<&str>,
    out: &mut Vec<(usize, Option<String>, String)>,
) {
    let mut i = 0;
    while i < tokens.len() {
        let line = tokens[i].span().start().line;
        if let Some((found, body)) = impl_at(tokens, i) {
            calls(&inside(&tokens[body]), Some(&found.ty), out);
            i = body + 1;
            continue;
        }
        if let Some((ty, f)) = type_call(tokens, i) {
            let ty = if ty == "Self" {
                self_ty.map(str::to_owned)
            } else {
                Some(ty)
            };
            if let Some(ty) = ty {
                out.push((line, Some(ty), f));
            }
        }
        match (&tokens[i], tokens.get(i + 1)) {
            // `x.f(` or `x.f::<T>(`, not a range's `..f(`.
            (TokenTree::Punct(dot), Some(TokenTree::Ident(f)))
                if dot.as_char() == '.'
                    && !(i > 0 && is_punct(tokens.get(i - 1), '.'))
                    && (is_group(tokens.get(i + 2), Delimiter::Parenthesis)
                        || is_path_sep(tokens, i + 2)) =>
            {
                out.push((line, None, f.to_string()));
            }
            (TokenTree::Group(_), _) => calls(&inside(&tokens[i]), self_ty, out),
            _ => {}
        }
        i += 1;
    }
}

/// What higher modules add to lower modules' types, and where lower modules use it: calls to
/// the functions of an inherent `impl` on a lower type (ARCHITECTURE.md allows the impl, not
/// calling it from below), and impls of a trait not the module's own for a lower type (whose
/// uses, `x.to_string()`, `x.into()`, cannot be told by name).
fn impl_violations(
    files: &[(PathBuf, Vec<String>)],
    parsed: &[(PathBuf, Vec<TokenTree>)],
) -> Vec<String> {
    let mut owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ((_, module), (_, tokens)) in files.iter().zip(parsed) {
        let mut names = Vec::new();
        defined_types(tokens, &mut names);
        for name in names {
            owners.entry(name).or_default().push(module[0].clone());
        }
    }
    let owners_of = |name: &str| owners.get(name).cloned().unwrap_or_default();
    let mut other_names = BTreeMap::new();
    for (_, tokens) in parsed {
        aliases(tokens, false, &mut other_names);
    }
    // A name through its aliases (a few steps: an alias of an alias).
    let resolve = |name: &str| {
        let mut name = name.to_owned();
        for _ in 0..4 {
            match other_names.get(&name) {
                Some(target) if *target != name => name = target.clone(),
                _ => break,
            }
        }
        name
    };
    let mut out = Vec::new();
    // (module, type, function, takes self): what a module's impls add to a lower module's type.
    let mut added = Vec::new();
    for ((path, module), (_, tokens)) in files.iter().zip(parsed) {
        let top = &module[0];
        let mut found = Vec::new();
        impls(tokens, &mut found);
        for Impl {
            line,
            of_trait,
            ty,
            fns,
        } in found
        {
            let ty = resolve(&ty);
            let owners = owners_of(&ty);
            let lower: Vec<&String> = owners.iter().filter(|m| rank(m) < rank(top)).collect();
            if lower.is_empty() || owners.contains(top) {
                continue;
            }
            match of_trait {
                None => added.extend(
                    fns.into_iter()
                        .map(|(f, takes_self)| (top, ty.clone(), f, takes_self)),
                ),
                Some(name) if owners_of(&resolve(&name)).contains(top) => {}
                Some(name) => {
                    out.push(format!(
                    "{}:{line} ({}) implements `{name}` for `{ty}` of {}: code there could use it \
                     without naming {top}",
                    path.strip_prefix(src()).unwrap().display(),
                    placed(top),
                    lower.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ")
                ))
                }
            }
        }
    }
    for ((path, module), (_, tokens)) in files.iter().zip(parsed) {
        let top = &module[0];
        let mut found = Vec::new();
        calls(tokens, None, &mut found);
        for (line, called_ty, called) in found {
            for (adder, ty, f, takes_self) in &added {
                let same = match &called_ty {
                    Some(called_ty) => resolve(called_ty) == *ty,
                    None => *takes_self,
                };
                if same && *f == called && rank(adder) > rank(top) {
                    out.push(format!(
                        "{}:{line} ({}) calls `{ty}::{f}`, which {adder} (layer {}) adds to `{ty}`",
                        path.strip_prefix(src()).unwrap().display(),
                        placed(top),
                        layer_of(adder)
                    ));
                }
            }
        }
    }
    out
}

/// (layer, position in the layer) of a top-level module.
fn rank(module: &str) -> Option<(usize, usize)> {
    LAYERS.iter().enumerate().find_map(|(layer, (_, modules))| {
        modules
            .iter()
            .position(|m| *m == module)
            .map(|position| (layer, position))
    })
}

/// `render, layer 7 renderers`.
fn placed(module: &str) -> String {
    format!("{module}, layer {}", layer_of(module))
}

/// `7 renderers`.
fn layer_of(module: &str) -> &'static str {
    LAYERS[rank(module).unwrap().0].0
}

/// The upward or sideways uses in the library, and the forms that hide where they lead.
fn violations() -> Vec<String> {
    let files: Vec<(PathBuf, Vec<String>)> = library_files();
    let parsed: Vec<(PathBuf, Vec<TokenTree>)> = files
        .iter()
        .map(|(path, _)| (path.clone(), tokens_of(&fs::read_to_string(path).unwrap())))
        .collect();
    let mut root = Root::read(&fs::read_to_string(src().join("lib.rs")).unwrap());
    for ((_, module), (_, tokens)) in files.iter().zip(&parsed) {
        let mut macros = Vec::new();
        exported_macros(tokens, &mut macros);
        for name in macros {
            root.names.insert(name, module[0].clone());
        }
    }
    let mut out = root.problems.clone();
    for ((path, module), (_, tokens)) in files.iter().zip(&parsed) {
        let top = &module[0];
        let own = rank(top).unwrap_or_else(|| {
            panic!("src/{top}: a top-level module missing from LAYERS (tests/layers.rs)")
        });
        let file = path.strip_prefix(src()).unwrap().display();
        let here = placed(top);
        let mut found = Vec::new();
        reaches(tokens, Some(module), &mut found);
        for (line, reach) in found {
            let name = match reach {
                Reach::Top(name) => name,
                Reach::Hidden(why) => {
                    out.push(format!("{file}:{line} ({here}): {why}"));
                    continue;
                }
            };
            let target = if rank(&name).is_some() {
                name.clone()
            } else {
                match root.module_of(&name, &parsed) {
                    Some(module) => module,
                    None => {
                        out.push(format!(
                            "{file}:{line} ({here}) uses `crate::{name}`, which is neither a \
                             layered module nor a root re-export of one"
                        ));
                        continue;
                    }
                }
            };
            if &target == top {
                continue;
            }
            match rank(&target) {
                Some(theirs) if theirs < own => {}
                Some(_) => out.push(format!(
                    "{file}:{line} ({here}) uses {target} (layer {})",
                    layer_of(&target)
                )),
                None => out.push(format!(
                    "{file}:{line} ({here}) uses `crate::{name}`, lib.rs's re-export of \
                     `{target}`, which is not a layered module"
                )),
            }
        }
    }
    out.extend(impl_violations(&files, &parsed));
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_use_points_down_the_layers() {
    let found = violations();
    assert!(
        found.is_empty(),
        "uses that point up or sideways, or hide where they lead:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_layer_and_every_layer_a_module() {
    let mut layered: Vec<&str> = LAYERS.iter().flat_map(|(_, m)| m.iter().copied()).collect();
    layered.sort_unstable();
    let files = library_files();
    let mut tops: Vec<&str> = files.iter().map(|(_, m)| m[0].as_str()).collect();
    tops.sort_unstable();
    tops.dedup();
    assert_eq!(tops, layered, "src/'s files");
    let root = Root::read(&fs::read_to_string(src().join("lib.rs")).unwrap());
    let mut declared: Vec<&str> = root.modules.iter().map(String::as_str).collect();
    declared.sort_unstable();
    assert_eq!(declared, layered, "lib.rs's modules");
}

/// What the scanner reads in `code`, a file of module `module`.
fn scan(code: &str, module: &str) -> Vec<Reach> {
    let module: Vec<String> = module.split("::").map(str::to_owned).collect();
    let mut found = Vec::new();
    reaches(&tokens_of(code), Some(&module), &mut found);
    found.into_iter().map(|(_, reach)| reach).collect()
}

fn tops(names: &[&str]) -> Vec<Reach> {
    names.iter().map(|n| Reach::Top((*n).to_owned())).collect()
}

/// The scanner itself: it must see every form of path, or the test above could pass on a
/// file it misreads.
#[test]
fn the_scanner_sees_every_form_of_path() {
    let code = r##"
        use crate::{config::Config, diagnostic::{Diagnostic, Report}, Linter};
        let a = $crate::rule::Rule;
        use super::super::helpers::show_value;
        fn f() -> crate::render::Format {}
        let split = crate::
            lint::Linter::new();
        let spaced = crate :: config_file ::x;
        let q = '"'; let s = r#"a"//"#; let after_strings = crate::validate::f();
        let c = /* http://x */ crate::testing::f();
        use crate::{/* , */ fuzzing::check};
        #[serde(default = "crate::kind::f", with = "Vec<crate::model::X>")]
        #[serde(bound = "T: crate::source::Trait")]
        format!("{}", crate::schema::f());
        macro_rules! m { ($x:expr) => { $crate::redact::f($x) }; }
    "##;
    assert_eq!(
        scan(code, "rules::lead::x"),
        tops(&[
            "config",
            "diagnostic",
            "Linter",
            "rule",
            "rules",
            "render",
            "lint",
            "config_file",
            "validate",
            "testing",
            "fuzzing",
            "kind",
            "model",
            "source",
            "schema",
            "redact",
        ])
    );
    // `super` counts from where it sits: a file's inline modules, a group's items.
    assert_eq!(scan("use super::text::escape;", "pointer"), tops(&["text"]));
    assert_eq!(
        scan("use super::{super::lint::Linter};", "config::reference"),
        tops(&["lint"])
    );
    assert_eq!(
        scan("mod a { use super::super::lint::L; }", "text"),
        tops(&["lint"])
    );
    assert_eq!(
        scan("mod tests { use super::*; use super::f; }", "text"),
        tops(&["text", "text"])
    );
    assert_eq!(
        scan("#[cfg(test)] mod t {} fn f() { crate::lint::g() }", "text"),
        tops(&["lint"])
    );
    assert_eq!(
        scan("let s = self::super::lint::f();", "text"),
        tops(&["lint"])
    );
}

/// Forms whose target cannot be read are rejected; prose and visibilities are not paths.
#[test]
fn the_scanner_rejects_what_it_cannot_follow_and_ignores_prose() {
    for hidden in [
        "use crate as c;",
        "use crate::{self as k};",
        "extern crate self as me;",
        "use super::*;",
        "crate::$m::Linter::new()",
        "super::$m::Linter::new()",
        "join!(crate lint::Linter::new())",
        "#[path = \"render/x.rs\"] mod x;",
        "include!(\"x.in\");",
        "mod a { macro_rules! m { () => { super::x::f() }; } }",
    ] {
        let found = scan(hidden, "text");
        assert!(
            matches!(found.as_slice(), [Reach::Hidden(_), ..]),
            "{hidden}: {found:?}"
        );
    }
    let prose = r#"
        // crate::lint
        /* crate::lint, and
           crate::render */
        /// [`crate::lint::Linter`]
        #[doc = "See crate::render."]
        #[deprecated(note = "use crate::lint::Linter instead")]
        const NOTE: &str = "rendered by crate::render";
        const DIR: &str = r"C:\"; // see crate::lint
        pub(crate) fn f() {}
        pub(super) fn g() {}
        pub(in crate::text) fn h() {}
        extern crate alloc;
        #[serde(crate = "serde")]
        struct S;
    "#;
    assert_eq!(scan(prose, "text"), []);
}

/// What an `impl` adds to a type, and the calls that use it.
#[test]
fn the_scanner_sees_impls_and_calls() {
    let mut found = Vec::new();
    impls(
        &tokens_of(
            "impl<'a> Report<'a> where 'a: 'a { pub fn render(&self) {} fn of(x: u8) {} }\n\
             #[cfg(test)] unsafe impl std::fmt::Display for &Config { fn fmt(&self) {} }\n\
             fn f(x: impl Fn() -> u8) -> impl Iterator<Item = u8> { }",
        ),
        &mut found,
    );
    let read: Vec<String> = found
        .iter()
        .map(|i| format!("{:?} {} {:?}", i.of_trait, i.ty, i.fns))
        .collect();
    assert_eq!(
        read,
        [
            r#"None Report [("render", true), ("of", false)]"#,
            r#"Some("Display") Config [("fmt", true)]"#,
        ]
    );
    let mut called = Vec::new();
    calls(
        &tokens_of(
            "impl Config { fn g() { Self::parse(); super::Config::load(); r.render::<u8>(&o); \
             0..b(); <Cfg>::discover(); Report::<'_>::show(&r); <super::Config<'_>>::q(); } }",
        ),
        None,
        &mut called,
    );
    let called: Vec<(Option<&str>, &str)> = called
        .iter()
        .map(|(_, t, f)| (t.as_deref(), f.as_str()))
        .collect();
    for call in [
        (Some("Config"), "parse"),
        (Some("Config"), "load"),
        (None, "render"),
        (Some("Cfg"), "discover"),
        (Some("Report"), "show"),
        (Some("Config"), "q"),
    ] {
        assert!(called.contains(&call), "{call:?} in {called:?}");
    }
    assert!(!called.contains(&(None, "b")));
    let mut other_names = BTreeMap::new();
    aliases(
        &tokens_of(
            "use super::{Config as Cfg, Level}; type R<'a> = crate::diagnostic::Report<'a>;\n\
             trait T { type Item; const N: u8 = 0; } let n = x as u8;",
        ),
        false,
        &mut other_names,
    );
    let other_names: Vec<(&str, &str)> = other_names
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(other_names, [("Cfg", "Config"), ("R", "Report")]);
}

/// lib.rs's re-exports in any form; what in lib.rs would hide a path.
#[test]
fn the_root_names_are_read_from_lib_rs() {
    let root = Root::read(
        "pub mod lint;\n\
         pub use self::lint::Linter;\n\
         pub use diagnostic::{\n    Diagnostic,\n    Label as Tag,\n};\n\
         pub use text::escape_controls; pub use render::human::RenderOptions;\n\
         pub use rules::*;",
    );
    let names: Vec<(&str, &str)> = root
        .names
        .iter()
        .map(|(n, m)| (n.as_str(), m.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Diagnostic", "diagnostic"),
            ("Linter", "lint"),
            ("RenderOptions", "render"),
            ("Tag", "diagnostic"),
            ("escape_controls", "text"),
            ("lint", "lint"),
        ]
    );
    assert_eq!(root.globs, ["rules"]);
    assert_eq!(root.module_of("Checker", &[]).as_deref(), Some("rules"));
    assert!(root.problems.is_empty());
    let root = Root::read(
        "macro_rules! m { () => {} }\n#[macro_use] mod a;\nextern crate self as x;\n\
         pub mod b { }\ninclude!(\"c.rs\");",
    );
    assert_eq!(root.problems.len(), 5, "{:?}", root.problems);
}

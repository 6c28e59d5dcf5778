//! The library's modules form layers, and every `crate::` path points down: a module uses
//! only modules of lower layers, or of its own layer listed before it. ARCHITECTURE.md draws
//! the same table; a new top-level module must be placed in it.
//!
//! The binary (`src/main.rs`, `src/cli/`) sits on top and sees the library through
//! `api4p_lint::`, so it is not checked here.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Bottom to top. Within a layer, a module may use the modules listed before it.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "1 foundation",
        &[
            "text", "pointer", "suggest", "source", "kind", "model", "schema",
        ],
    ),
    ("2 what a rule is", &["rule"]),
    ("3 findings", &["diagnostic", "redact"]),
    ("4 configuration", &["config"]),
    ("5 rules", &["rules"]),
    ("6 linter and configuration file", &["lint", "config_file"]),
    ("7 renderers", &["render"]),
    ("8 entry points", &["validate", "testing", "fuzzing"]),
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

/// The text without comments (doc comments name other modules in links, which is not a
/// dependency): each line up to a `//` outside a string literal, and nothing of the unit
/// tests' module at the end of a file (`#[cfg(test)] mod tests`, whose `super` is the file).
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        let mut in_string = false;
        let mut escaped = false;
        let mut end = line.len();
        for (i, c) in line.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '/' if !in_string && line[i..].starts_with("//") => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        out.push_str(&line[..end]);
        out.push('\n');
    }
    out
}

/// The first segments of the paths after each `crate::`, `$crate::` and leading `super::`
/// chain, resolved against `module`: the top-level modules (or root items) a file names.
fn referenced(code: &str, module: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let ident_at = |at: usize| -> String {
        code[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    // Items of a `{...}` group: the first identifier of each top-level item.
    let group_at = |at: usize| -> Vec<String> {
        let mut items = Vec::new();
        let mut depth = 0;
        let mut expecting = true;
        for (i, c) in code[at..].char_indices() {
            match c {
                '{' => {
                    depth += 1;
                    if depth == 1 {
                        expecting = true;
                        continue;
                    }
                }
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ',' if depth == 1 => expecting = true,
                c if depth == 1 && expecting && (c.is_alphabetic() || c == '_') => {
                    items.push(ident_at(at + i));
                    expecting = false;
                }
                c if depth == 1 && !c.is_whitespace() => expecting = false,
                _ => {}
            }
        }
        items
    };
    let mut i = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if boundary && rest.starts_with("crate::") {
            let at = i + "crate::".len();
            if code[at..].starts_with('{') {
                out.extend(group_at(at));
            } else {
                out.push(ident_at(at));
            }
            i = at;
            continue;
        }
        if boundary && rest.starts_with("super::") {
            // Walk up the chain from this file's module.
            let mut target: Vec<String> = module.to_vec();
            let mut at = i;
            while code[at..].starts_with("super::") {
                target.pop();
                at += "super::".len();
            }
            let next = if code[at..].starts_with('{') {
                group_at(at)
            } else {
                vec![ident_at(at)]
            };
            // `super::*` is an inline module's parent in the same file (`mod tests`, `mod
            // probe`): nothing outside the file.
            for item in next.into_iter().filter(|item| !item.is_empty()) {
                match target.first() {
                    Some(top) => out.push(top.clone()),
                    None => out.push(item),
                }
            }
            i = at;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Root names that stand for a module's item: `lib.rs`'s re-exports and exported macros.
fn root_items(files: &[(PathBuf, Vec<String>)]) -> BTreeMap<String, String> {
    let mut items = BTreeMap::new();
    let lib = fs::read_to_string(src().join("lib.rs")).unwrap();
    for line in code_of(&lib).lines() {
        let Some(path) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = path.split("::").next().unwrap().to_owned();
        let names = match path.find('{') {
            Some(open) => path[open + 1..path.rfind('}').unwrap()].to_owned(),
            None => path.rsplit("::").next().unwrap().to_owned(),
        };
        for name in names.trim_end_matches(';').split(',') {
            let name = name.trim().rsplit("::").next().unwrap().to_owned();
            if !name.is_empty() {
                items.insert(name, module.clone());
            }
        }
    }
    for (path, module) in files {
        let text = fs::read_to_string(path).unwrap();
        let mut exported = false;
        for line in text.lines() {
            let line = line.trim();
            if line == "#[macro_export]" {
                exported = true;
            } else if let Some(name) = line.strip_prefix("macro_rules! ") {
                if exported {
                    let name = name.trim_end_matches(" {").trim().to_owned();
                    items.insert(name, module[0].clone());
                }
                exported = false;
            }
        }
    }
    items
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

/// The upward or sideways uses in the library: `(file, its module, the module it uses)`.
fn violations() -> Vec<String> {
    let files = library_files();
    let roots = root_items(&files);
    let mut out = Vec::new();
    for (path, module) in &files {
        let top = &module[0];
        let own = rank(top).unwrap_or_else(|| {
            panic!("src/{top}: a top-level module missing from LAYERS (tests/layers.rs)")
        });
        let code = code_of(&fs::read_to_string(path).unwrap());
        for name in referenced(&code, module) {
            let target = roots.get(&name).cloned().unwrap_or(name);
            if &target == top {
                continue;
            }
            let Some(theirs) = rank(&target) else {
                panic!(
                    "{}: uses `crate::{target}`, which is neither a layered module nor a root \
                     re-export",
                    path.display()
                );
            };
            if theirs >= own {
                out.push(format!(
                    "{} ({}, layer {}) uses {target} (layer {})",
                    path.strip_prefix(src()).unwrap().display(),
                    top,
                    LAYERS[own.0].0,
                    LAYERS[theirs.0].0
                ));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_use_points_down_the_layers() {
    let found = violations();
    assert!(
        found.is_empty(),
        "uses that point up or sideways:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_layer_and_every_layer_a_module() {
    let files = library_files();
    let mut tops: Vec<&str> = files.iter().map(|(_, m)| m[0].as_str()).collect();
    tops.sort_unstable();
    tops.dedup();
    let mut layered: Vec<&str> = LAYERS.iter().flat_map(|(_, m)| m.iter().copied()).collect();
    layered.sort_unstable();
    assert_eq!(tops, layered);
}

/// The scanner itself: it must see grouped, nested, `$crate` and `super` paths, or the test
/// above could pass on a file it misreads.
#[test]
fn the_scanner_sees_every_form_of_path() {
    let module = vec!["rules".to_owned(), "lead".to_owned(), "x".to_owned()];
    let code = "use crate::{config::Config, diagnostic::{Diagnostic, Report}, Linter};\n\
                let a = $crate::rule::Rule;\n\
                use super::super::helpers::show_value;\n\
                fn f() -> crate::render::Format {}\n\
                let not_a_path = my_crate::x; // crate::lint";
    assert_eq!(
        referenced(&code_of(code), &module),
        ["config", "diagnostic", "Linter", "rule", "rules", "render"]
    );
    let top = vec!["pointer".to_owned()];
    assert_eq!(referenced("use super::text::escape;", &top), ["text"]);
}

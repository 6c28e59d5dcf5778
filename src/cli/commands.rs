//! `schema`, `rules`, `explain`, `completions`.

use std::io::Write;
use std::path::Path;

use api4p_lint::rules::{self, RULES};
use api4p_lint::{schema, PayloadKind};

use super::exit;
use super::output::write_atomically;

pub fn schema(kind: Option<PayloadKind>, out: Option<&Path>) -> u8 {
    let kinds: Vec<PayloadKind> = kind.map_or_else(|| PayloadKind::ALL.to_vec(), |k| vec![k]);
    match out {
        Some(dir) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("error: cannot create {}: {e}", dir.display());
                return exit::TROUBLE;
            }
            for kind in kinds {
                let path = dir.join(schema::schema_file_name(kind));
                if let Err(e) = write_atomically(&path, schema::embedded(kind).as_bytes()) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return exit::TROUBLE;
                }
                println!("{}", path.display());
            }
        }
        None if kinds.len() == 1 => print!("{}", schema::embedded(kinds[0])),
        None => {
            let all: serde_json::Map<String, serde_json::Value> = kinds
                .iter()
                .map(|k| {
                    let value = serde_json::from_str(schema::embedded(*k)).unwrap_or_default();
                    (k.name().to_owned(), value)
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
        }
    }
    exit::OK
}

pub fn rules() -> u8 {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{:<7} {:<25} {:<8} summary", "code", "name", "default");
    for rule in RULES {
        let _ = writeln!(
            out,
            "{:<7} {:<25} {:<8} {}",
            rule.code, rule.name, rule.default_severity, rule.summary
        );
    }
    exit::OK
}

pub fn explain(code_or_name: &str) -> u8 {
    match rules::find(code_or_name) {
        Some(rule) => {
            println!("# {} `{}`\n", rule.code, rule.name);
            println!("{}\n", rule.summary);
            println!("Default severity: {}\n", rule.default_severity);
            print!("{}", rule.explanation());
            exit::OK
        }
        None => {
            let known = RULES.iter().flat_map(|r| [r.code, r.name]);
            match api4p_lint::suggest::nearest(code_or_name, known) {
                Some(near) => eprintln!("error: no rule `{code_or_name}`; did you mean `{near}`?"),
                None => eprintln!("error: no rule `{code_or_name}`; `api4p-lint rules` lists them"),
            }
            exit::TROUBLE
        }
    }
}

pub fn completions<C: clap::CommandFactory>(shell: clap_complete::Shell) -> u8 {
    let mut command = C::command();
    clap_complete::generate(shell, &mut command, "api4p-lint", &mut std::io::stdout());
    exit::OK
}

//! `schema`, `rules`, `explain`, `completions`: information printed to stdout. A reader that
//! stops early (`| head`) ends them quietly with 0; any other write error is exit 2.

use std::io::{self, Write};
use std::path::Path;

use api4p_lint::rules::{self, RULES};
use api4p_lint::{schema, PayloadKind};

use super::exit;
use super::inputs::shown;
use super::output::{replace_file, Stdout};

/// Prints what `text` writes: exit 0, or 2 with the reason when stdout cannot be written (a
/// closed pipe is not such a reason, see [`Stdout`]).
fn print(text: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> u8 {
    let mut out = io::BufWriter::new(Stdout::new());
    match text(&mut out).and_then(|()| out.flush()) {
        Ok(()) => exit::OK,
        Err(e) => {
            say!("error: cannot write the output: {e}");
            exit::TROUBLE
        }
    }
}

/// `schema --list`: each kind's name, as `--kind` and `[kinds]` take it, and its schema's
/// title (the operations and statuses whose body it is).
pub fn schema_list() -> u8 {
    let width = PayloadKind::ALL
        .iter()
        .map(|k| k.name().len())
        .max()
        .unwrap_or(0);
    print(|out| {
        for kind in PayloadKind::ALL {
            let schema: serde_json::Value =
                serde_json::from_str(schema::embedded(kind)).unwrap_or_default();
            let title = schema
                .get("title")
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default();
            writeln!(out, "{:width$}  {title}", kind.name())?;
        }
        Ok(())
    })
}

pub fn schema(kind: Option<PayloadKind>, out: Option<&Path>) -> u8 {
    let kinds: Vec<PayloadKind> = kind.map_or_else(|| PayloadKind::ALL.to_vec(), |k| vec![k]);
    match out {
        Some(dir) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                say!("error: cannot create {}: {e}", shown(dir));
                return exit::TROUBLE;
            }
            let mut failed = false;
            let code = print(|out| {
                for kind in kinds {
                    let path = dir.join(schema::schema_file_name(kind));
                    // A FIFO by that name would block the run, a device would take the schema:
                    // only a regular file is replaced.
                    if let Err(e) = replace_file(&path, schema::embedded(kind).as_bytes()) {
                        say!("error: cannot write {}: {e}", shown(&path));
                        failed = true;
                        return Ok(());
                    }
                    writeln!(out, "{}", shown(&path))?;
                }
                Ok(())
            });
            if failed {
                exit::TROUBLE
            } else {
                code
            }
        }
        None if kinds.len() == 1 => {
            print(|out| out.write_all(schema::embedded(kinds[0]).as_bytes()))
        }
        None => {
            let all: serde_json::Map<String, serde_json::Value> = kinds
                .iter()
                .map(|k| {
                    let value = serde_json::from_str(schema::embedded(*k)).unwrap_or_default();
                    (k.name().to_owned(), value)
                })
                .collect();
            print(|out| {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&all).unwrap_or_default()
                )
            })
        }
    }
}

pub fn rules() -> u8 {
    print(|out| {
        writeln!(
            out,
            "{:<7} {:<25} {:<8} {:<13} summary",
            "code", "name", "default", "fix"
        )?;
        for rule in RULES {
            writeln!(
                out,
                "{:<7} {:<25} {:<8} {:<13} {}",
                rule.code,
                rule.name,
                rule.default_severity,
                rule.fix_column(),
                rule.summary
            )?;
        }
        Ok(())
    })
}

pub fn explain(code_or_name: &str) -> u8 {
    match rules::find(code_or_name) {
        Some(rule) => print(|out| {
            writeln!(out, "# {} `{}`\n", rule.code, rule.name)?;
            writeln!(out, "{}\n", rule.summary)?;
            writeln!(out, "Default severity: {}\n", rule.default_severity)?;
            write!(out, "{}", rule.explanation())
        }),
        None => {
            let known = RULES.iter().flat_map(|r| [r.code, r.name]);
            let near = api4p_lint::suggest::nearest(code_or_name, known);
            // What was typed may hold anything: it must not drive the terminal.
            let code_or_name = api4p_lint::text::escape_controls(code_or_name, |_| false);
            match near {
                Some(near) => say!("error: no rule `{code_or_name}`; did you mean `{near}`?"),
                None => say!("error: no rule `{code_or_name}`; `api4p-lint rules` lists them"),
            }
            exit::TROUBLE
        }
    }
}

pub fn completions<C: clap::CommandFactory>(shell: clap_complete::Shell) -> u8 {
    let mut command = C::command();
    // clap_complete panics when its writer fails: it writes to memory, printed after.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "api4p-lint", &mut script);
    print(|out| out.write_all(&script))
}

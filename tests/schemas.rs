//! The committed schemas (`schemas/<kind>.schema.json`) are exactly what the models generate,
//! and each compiles as a draft 2020-12 schema.
//!
//! After changing a model, regenerate them with `UPDATE_SCHEMAS=1 cargo test --test schemas`.

mod common;

use std::path::PathBuf;

use api4p_lint::kind::PayloadKind;
use api4p_lint::schema::{generate, schema_file_name};
use serde_json::Value;

fn schema_path(kind: PayloadKind) -> PathBuf {
    common::manifest_dir()
        .join("schemas")
        .join(schema_file_name(kind))
}

fn update_requested() -> bool {
    std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1")
}

/// The text a schema file must hold.
fn rendered(kind: PayloadKind) -> String {
    let mut text = serde_json::to_string_pretty(&generate(kind)).expect("a schema serializes");
    text.push('\n');
    text
}

#[test]
fn committed_schemas_match_the_models() {
    let update = update_requested();
    let mut stale = Vec::new();
    for kind in PayloadKind::ALL {
        let path = schema_path(kind);
        let expected = rendered(kind);
        if update {
            std::fs::create_dir_all(path.parent().expect("schemas/ has a parent"))
                .expect("create schemas/");
            let current = std::fs::read_to_string(&path).ok();
            if current.as_deref() != Some(expected.as_str()) {
                std::fs::write(&path, &expected)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
                eprintln!("updated {}", path.display());
            }
            continue;
        }
        let committed = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                stale.push(format!("{} cannot be read ({e})", path.display()));
                continue;
            }
        };
        // Compared as JSON values, so that the test does not depend on the key order of
        // serde_json's maps (which a `preserve_order` feature elsewhere in the build may change).
        let committed: Value = match serde_json::from_str(&committed) {
            Ok(value) => value,
            Err(e) => {
                stale.push(format!("{} is not valid JSON ({e})", path.display()));
                continue;
            }
        };
        if committed != generate(kind) {
            stale.push(format!(
                "{} differs from the schema generated from the models",
                path.display()
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nrun `UPDATE_SCHEMAS=1 cargo test --test schemas` to regenerate the committed schemas",
        stale.join("\n")
    );
}

#[test]
fn committed_schemas_compile() {
    for kind in PayloadKind::ALL {
        let path = schema_path(kind);
        // While the files are being rewritten (by the test above, in parallel), check what is
        // being written.
        let schema: Value = if update_requested() {
            generate(kind)
        } else {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
        };
        if let Err(e) = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .with_pattern_options(jsonschema::PatternOptions::regex())
            .build(&schema)
        {
            panic!("{} does not compile: {e}", path.display());
        }
    }
}

#[test]
fn schemas_have_id_title_and_draft() {
    for kind in PayloadKind::ALL {
        let schema = generate(kind);
        assert_eq!(
            schema["$id"],
            format!(
                "https://schemas.api4p-lint.dev/0.10.0/{}.schema.json",
                kind.name()
            ),
            "{kind}"
        );
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{kind}"
        );
        let title = schema["title"].as_str().expect("a title");
        assert!(
            title.starts_with("API4Partners lead-opportunity "),
            "{kind}: {title}"
        );
        assert_eq!(
            schema_file_name(kind),
            format!("{}.schema.json", kind.name())
        );
    }
}

#[test]
fn generation_is_deterministic() {
    for kind in PayloadKind::ALL {
        assert_eq!(rendered(kind), rendered(kind), "{kind}");
    }
}

//! The JSON output, version 1 (see the README's contract): streamed file by file.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Emitter, FileReport, Finding, Summary};

/// The JSON contract's version.
pub const VERSION: u32 = 1;

/// The JSON format.
#[derive(Debug, Default)]
pub struct JsonEmitter {
    files: usize,
}

/// One finding as the contract spells it.
pub fn finding_json(f: &Finding) -> Value {
    let d = &f.diagnostic;
    json!({
        "code": d.code(),
        "rule": d.rule_name(),
        "severity": d.severity.as_str(),
        "message": d.message,
        "pointer": d.pointer,
        "line": f.line,
        "column": f.column,
        "span": {"offset": d.span.offset, "length": d.span.len},
        "help": d.help,
        "suggestion": d.suggestion,
    })
}

/// One file as the contract spells it.
pub fn file_json(file: &FileReport) -> Value {
    let mut value = json!({
        "path": file.path,
        "kind": file.kind.map(|k| k.name()),
    });
    match &file.outcome {
        Ok(findings) => {
            value["diagnostics"] = findings.iter().map(finding_json).collect();
        }
        Err(why) => value["error"] = json!(why),
    }
    value
}

impl Emitter for JsonEmitter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\"version\":{VERSION},\"files\":[")
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        if self.files > 0 {
            out.write_all(b",")?;
        }
        self.files += 1;
        serde_json::to_writer(&mut *out, &file_json(file)).map_err(io::Error::other)
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let summary = json!({
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        });
        writeln!(out, "],\"summary\":{summary}}}")
    }
}

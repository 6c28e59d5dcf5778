//! The `api4p-lint` command line.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use api4p_lint::{Linter, PayloadKind, RenderOptions, Severity, Source};
use clap::{Parser, Subcommand};

/// Lint Dassault Systèmes API4Partners JSON payloads before they are sent and after they
/// come back.
#[derive(Debug, Parser)]
#[command(name = "api4p-lint", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check payload files (`-` reads standard input).
    #[command(
        after_help = "Examples:\n  api4p-lint check --kind get-response examples/get-response.json\n  cat lead.json | api4p-lint check --kind create-request -"
    )]
    Check {
        /// Files to check; `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The payload kind; detected from the shape when omitted.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<PayloadKind>,
    },
}

fn parse_kind(s: &str) -> Result<PayloadKind, String> {
    s.parse()
        .map_err(|e: api4p_lint::kind::UnknownKind| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { paths, kind } => check(&paths, kind),
    }
}

fn check(paths: &[PathBuf], kind: Option<PayloadKind>) -> ExitCode {
    let linter = Linter::new();
    let options = RenderOptions {
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        ..RenderOptions::default()
    };
    let (mut errors, mut warnings, mut infos, mut failed_io) = (0, 0, 0, false);
    let mut stdout = std::io::stdout().lock();
    for path in paths {
        let (name, bytes) = if path.as_os_str() == "-" {
            let mut buf = Vec::new();
            match std::io::stdin().read_to_end(&mut buf) {
                Ok(_) => ("<stdin>".to_owned(), buf),
                Err(e) => {
                    eprintln!("error: cannot read standard input: {e}");
                    failed_io = true;
                    continue;
                }
            }
        } else {
            match std::fs::read(path) {
                Ok(bytes) => (path.display().to_string(), bytes),
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", path.display());
                    failed_io = true;
                    continue;
                }
            }
        };
        let report = linter.check(Source::from_bytes(name, &bytes), kind);
        errors += report.count(Severity::Error);
        warnings += report.count(Severity::Warning);
        infos += report.count(Severity::Info);
        let _ = write!(stdout, "{}", report.render(&options));
    }
    let _ = writeln!(
        stdout,
        "{} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info(s)",
        paths.len()
    );
    if failed_io {
        ExitCode::from(2)
    } else if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

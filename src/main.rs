//! The `api4p-lint` command line.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use api4p_lint::{Config, Linter, PayloadKind, RenderOptions, Severity, Source};
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
        /// The payload kind; else the config's `[kinds]` mapping; else detected from the shape.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<PayloadKind>,
        /// Configuration file; default: `api4p-lint.toml` in the working directory or a parent.
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

fn parse_kind(s: &str) -> Result<PayloadKind, String> {
    s.parse()
        .map_err(|e: api4p_lint::kind::UnknownKind| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            paths,
            kind,
            config,
        } => check(&paths, kind, config.as_deref()),
    }
}

fn load_config(
    explicit: Option<&std::path::Path>,
) -> Result<Config, api4p_lint::config::ConfigError> {
    match explicit {
        Some(path) => Config::load(path),
        None => {
            let cwd = std::env::current_dir().unwrap_or_default();
            Ok(Config::discover(&cwd)?.unwrap_or_default())
        }
    }
}

fn check(
    paths: &[PathBuf],
    kind: Option<PayloadKind>,
    config: Option<&std::path::Path>,
) -> ExitCode {
    let options = RenderOptions {
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        ..RenderOptions::default()
    };
    let config = match load_config(config) {
        Ok(config) => config,
        Err(err) => {
            eprint!("{}", err.report().render(&options));
            return ExitCode::from(2);
        }
    };
    let linter = Linter::with_config(config);
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
        let kind = kind.or_else(|| linter.config().kind_for(&name));
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

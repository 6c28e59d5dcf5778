//! The command line: arguments, then one module per subcommand.

/// Writes a line to stderr, like `eprintln!`, except that a stderr that cannot be written (a
/// closed pipe, a full disk) is neither a panic nor a change of exit status: the message is
/// lost, the run's outcome is not. Every line the command line writes to stderr goes through
/// it.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::stderr_line(::std::format_args!($($arg)*))
    };
}

mod check;
mod commands;
mod inputs;
mod output;
mod server;

use std::path::PathBuf;
use std::process::ExitCode;

use api4p_lint::render::Format;
use api4p_lint::PayloadKind;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit codes: the contract other programs rely on.
pub mod exit {
    /// No errors (warnings allowed unless denied).
    pub const OK: u8 = 0;
    /// Errors found, or warnings with `--deny-warnings`, or more than `--max-warnings`.
    pub const FINDINGS: u8 = 1;
    /// Usage, configuration or I/O problem.
    pub const TROUBLE: u8 = 2;
}

/// Lint Dassault Systèmes API4Partners JSON payloads (lead-opportunities and their
/// responses) before they are sent and after they come back.
#[derive(Debug, Parser)]
#[command(
    name = "api4p-lint",
    version,
    about,
    after_help = "Exit codes: 0 no errors, 1 errors found (or warnings with --deny-warnings), 2 usage, configuration or I/O problem.\n\nExamples:\n  api4p-lint check payloads/\n  api4p-lint check --kind create-request lead.json\n  api4p-lint explain A4P101"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check payload files, folders, globs or standard input (`-`).
    #[command(
        after_help = "Examples:\n  api4p-lint check payloads/                       # every .json/.ndjson/.jsonl below, .gitignore honoured\n  api4p-lint check --kind get-response 'exports/*.json'\n  cat lead.json | api4p-lint check --kind create-request -\n  api4p-lint check --format sarif --output results.sarif payloads/\n  api4p-lint check --select A4P1 --ignore unknown-property payloads/\n  api4p-lint check --extend-exclude 'fixtures/**' .\n  api4p-lint check --fix payloads/\n  api4p-lint check --diff payloads/ | patch -p0"
    )]
    // Boxed: the other commands' arguments are a few bytes.
    Check(Box<CheckArgs>),
    /// Print the embedded JSON Schema of a payload kind, or write them all to a folder, or
    /// list the kinds.
    #[command(
        after_help = "Examples:\n  api4p-lint schema --list\n  api4p-lint schema create-request\n  api4p-lint schema --out schemas/"
    )]
    Schema {
        /// The payload kind; all kinds when omitted.
        #[arg(value_parser = parse_kind)]
        kind: Option<PayloadKind>,
        /// Write `<kind>.schema.json` files into this folder instead of printing.
        #[arg(long)]
        out: Option<PathBuf>,
        /// List the payload kinds, one a line: the name `--kind` takes and its schema's title.
        #[arg(long, conflicts_with_all = ["kind", "out"])]
        list: bool,
    },
    /// List the rules: code, name, default severity, fix (safe, unsafe, hint or —), summary.
    #[command(after_help = "Example:\n  api4p-lint rules")]
    Rules,
    /// Print a rule's documentation (what it checks, why, examples).
    #[command(
        after_help = "Examples:\n  api4p-lint explain A4P101\n  api4p-lint explain forecast-category-status"
    )]
    Explain {
        /// A rule code (`A4P101`) or name (`enum-value`).
        rule: String,
    },
    /// Run the language server on stdin and stdout, for editors (findings as you type, their
    /// fixes as quick fixes, hovers and completions from the spec).
    #[command(
        after_help = "Editors start it themselves: see the README's \"In the editor\" section for Neovim, VS Code and Helix."
    )]
    Server,
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  api4p-lint completions bash > /etc/bash_completion.d/api4p-lint"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `check`'s options.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("fixing").args(["fix", "diff"]))]
pub struct CheckArgs {
    /// Files, folders (searched recursively, honouring .gitignore), globs, or `-` for stdin.
    // Paths, not strings: a file name that is not UTF-8 can be named (a pre-commit hook
    // passes whatever the commit touches).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// The payload kind; else the config's `[kinds]` mapping; else detected from the shape.
    #[arg(long, value_parser = parse_kind)]
    kind: Option<PayloadKind>,
    /// Output format; `human` on a terminal, `short` otherwise.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// Write the output to this file instead of stdout: a regular file is replaced atomically
    /// (keeping its mode), a device or FIFO is written through.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Configuration file; default: `api4p-lint.toml` in the working directory or a parent.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Run only these rules (codes, code prefixes such as `A4P1`, or names; comma-separated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules (codes, code prefixes or names; comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Exit with 1 when there are warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// Exit with 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Mask the payloads' data (string values and numbers: names, emails, phone numbers,
    /// amounts...) in every output format; codes, keys, pointers, spans and suggested codes
    /// stay. `redact = true` in the configuration turns it on for every run.
    #[arg(long)]
    redact: bool,
    /// The name standard input is reported (and mapped to a kind) as; `.ndjson`/`.jsonl`
    /// names read one payload per line.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Leave out files and folders matching this glob (relative to the working directory, or
    /// a name at any depth); replaces the configuration's `exclude` and the default list of
    /// tool files (package.json, tsconfig.json, node_modules...). Repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Leave out these too, besides `exclude` (or the default list). Repeatable.
    #[arg(long, value_name = "GLOB")]
    extend_exclude: Vec<String>,
    /// Apply the excludes (and skip hidden files and the configuration's reference files) to
    /// the paths named on the command line too, not only to what a folder or glob finds: for
    /// pre-commit, which names every staged file.
    #[arg(long)]
    force_exclude: bool,
    /// Apply the safe fixes in place: each file changed is rewritten atomically, every byte
    /// outside the fixed spans kept; the report lists what remains. With `-`, the fixed
    /// payload goes to stdout and the report to stderr.
    #[arg(long)]
    fix: bool,
    /// With --fix: exit 1 when a fix was applied, even if nothing remains (as ruff's option
    /// of that name): a CI job that fixes in its workspace fails, so the fixes get committed.
    #[arg(long, requires = "fix")]
    exit_non_zero_on_fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too (a judgement, such as a typo
    /// `WONN` -> `WON`). Alone, it is a usage error.
    #[arg(long, requires = "fixing")]
    unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change (apply it with `patch -p0`) and write
    /// nothing; exit 1 when there is something to fix. Refused with --redact.
    #[arg(long, conflicts_with_all = ["fix", "format", "baseline", "write_baseline"])]
    diff: bool,
    /// Report and fail only on findings this baseline does not hold (default: the
    /// configuration's `baseline`); its entries that match nothing are reported as stale.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record this run's findings in FILE (replaced atomically) and exit 0 once it is written
    /// (1 when a payload could not be checked: its errors are never baselined).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

fn parse_kind(s: &str) -> Result<PayloadKind, String> {
    s.parse()
        .map_err(|e: api4p_lint::kind::UnknownKind| e.to_string())
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// What `say!` writes: one line, any failure ignored.
pub(crate) fn stderr_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_fmt(args)
        .and_then(|()| stderr.write_all(b"\n"));
}

/// Runs the command line.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Schema { list: true, .. } => commands::schema_list(),
        Command::Schema { kind, out, .. } => commands::schema(kind, out.as_deref()),
        Command::Rules => commands::rules(),
        Command::Explain { rule } => commands::explain(&rule),
        Command::Completions { shell } => commands::completions::<Cli>(shell),
        Command::Server => server::run(),
    };
    ExitCode::from(code)
}

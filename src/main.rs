//! The `api4p-lint` command line.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}

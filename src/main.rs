//! The `api4p-lint` command line.

mod cli;

/// mimalloc: a payload's `Value` is hundreds of small allocations, made and freed on every
/// worker thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}

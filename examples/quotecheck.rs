//! The `quotecheck` command under its old name: `cargo run --example
//! quotecheck` runs the same code as the `quotecheck` binary
//! (src/bin/quotecheck), kept so that scripts written against the example
//! keep working.

#[path = "../src/bin/quotecheck/main.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}

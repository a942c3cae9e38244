//! `concord`: the command line on Concord's core, for analysts and scripts (see lib.rs).

fn main() -> std::process::ExitCode {
    concord_cli::main_from(std::env::args_os())
}

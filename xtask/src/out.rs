//! Standard output that survives being closed (`cargo xtask parse ... | head`).
//!
//! `std`'s `println!` panics when stdout is a pipe whose reader has gone. Every module of xtask
//! prints through the `print!` / `println!` macros defined in `main.rs`, which call [`write`]:
//! once stdout is closed, further output is dropped and the command carries on, so the files it
//! writes are still written and its exit code still says whether it succeeded.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write to stdout failed; later output is not attempted.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes to stdout, dropping the output when stdout is closed (or otherwise unwritable).
pub fn write(args: std::fmt::Arguments<'_>) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout.write_fmt(args) {
        CLOSED.store(true, Ordering::Relaxed);
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("warning: standard output is not writable ({err}); output dropped");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn printing_after_a_failure_is_a_no_op() {
        super::CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
        super::write(format_args!("dropped\n"));
        super::CLOSED.store(false, std::sync::atomic::Ordering::Relaxed);
    }
}

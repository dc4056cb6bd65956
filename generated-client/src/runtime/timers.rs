//! The timers that bound each attempt of a call, kept registered between calls.
//!
//! A fresh tokio timer per call is registered with the runtime's timer driver on its first
//! poll and taken out again when dropped: on the project's machine that cost about 0.6 µs a
//! call, some 5 % of a small call to a loopback server, more than everything else the client
//! adds to plain reqwest (README, "Runtime cost"). Moving a timer that is still registered to a
//! later deadline is a few atomic operations instead. So a finished call leaves its timer here,
//! still registered, and the next call on the same runtime moves it to its own deadline. Each
//! call's deadline is later than any earlier one's (the timeout is fixed per client), so a kept
//! timer never has to move back.
//!
//! A timer belongs to the runtime that registered it: it is only reused on that runtime (by
//! [`tokio::runtime::Id`], never reused for another). A kept timer whose deadline passes while
//! it waits (or whose runtime shuts down, which fires every timer) is dropped, not reused; its
//! firing wakes the task that last used it once more, which tasks take as a spurious wake-up.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::Poll;

use tokio::runtime::{Handle, Id};
use tokio::time::{Instant, Sleep};

/// How many unused timers a client keeps: enough for that many calls at once to reuse one.
/// More concurrent calls than this make timers of their own, as without the pool.
const MAX_KEPT: usize = 32;

/// The unused timers of one client (shared by its clones).
#[derive(Default)]
pub(crate) struct Timers {
    kept: Mutex<Vec<Kept>>,
}

struct Kept {
    runtime: Id,
    sleep: Pin<Box<Sleep>>,
}

impl Timers {
    /// A timer that expires at `deadline`: a kept one of this runtime moved there, or a new one.
    /// Must be called inside a Tokio runtime with its time driver, like every call.
    pub(crate) fn start(&self, deadline: Instant) -> Deadline<'_> {
        let runtime = Handle::current().id();
        let mut sleep = self
            .take(runtime)
            .unwrap_or_else(|| Box::pin(tokio::time::sleep_until(deadline)));
        // Registered now rather than on its first poll: a task that has used up its cooperative
        // budget cannot poll a timer into the driver, but `run` still sees this one fire.
        sleep.as_mut().reset(deadline);
        Deadline {
            timers: self,
            runtime,
            sleep: Some(sleep),
        }
    }

    /// A kept timer of `runtime`; kept timers that have fired are dropped on the way.
    fn take(&self, runtime: Id) -> Option<Pin<Box<Sleep>>> {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.retain(|timer| !timer.sleep.is_elapsed());
        let at = kept.iter().rposition(|timer| timer.runtime == runtime)?;
        Some(kept.swap_remove(at).sleep)
    }

    fn keep(&self, runtime: Id, sleep: Pin<Box<Sleep>>) {
        if sleep.is_elapsed() {
            return;
        }
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() == MAX_KEPT {
            // The oldest first: it is the likeliest to belong to a runtime no longer in use.
            kept.remove(0);
        }
        kept.push(Kept { runtime, sleep });
    }
}

/// One attempt's deadline: `tokio::time::timeout`'s job, on a timer that outlives the attempt.
/// Dropped (the attempt over, however it ended), its timer goes back to the client's pool.
pub(crate) struct Deadline<'a> {
    timers: &'a Timers,
    runtime: Id,
    /// Always `Some` until dropped.
    sleep: Option<Pin<Box<Sleep>>>,
}

impl Deadline<'_> {
    /// Runs `future` to its end, or until the deadline: `None` when the deadline came first.
    pub(crate) async fn run<F: Future>(&mut self, future: F) -> Option<F::Output> {
        let mut future = std::pin::pin!(future);
        std::future::poll_fn(|cx| {
            if let Poll::Ready(output) = future.as_mut().poll(cx) {
                return Poll::Ready(Some(output));
            }
            let Some(sleep) = &mut self.sleep else {
                return Poll::Pending;
            };
            // Fired is fired, whether or not this task has budget left to poll the timer (a
            // future that always uses it all up would otherwise never time out; tokio's own
            // `timeout` polls its timer unconstrained then, for the same reason).
            if sleep.is_elapsed() {
                return Poll::Ready(None);
            }
            sleep.as_mut().poll(cx).map(|()| None)
        })
        .await
    }
}

impl Drop for Deadline<'_> {
    fn drop(&mut self) {
        if let Some(sleep) = self.sleep.take() {
            self.timers.keep(self.runtime, sleep);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a runtime")
    }

    fn kept(timers: &Timers) -> usize {
        timers.kept.lock().expect("not poisoned").len()
    }

    #[test]
    fn the_deadline_ends_a_future_that_does_not() {
        let timers = Timers::default();
        runtime().block_on(async {
            let mut deadline = timers.start(Instant::now() + Duration::from_millis(20));
            let started = Instant::now();
            assert_eq!(deadline.run(std::future::pending::<()>()).await, None);
            assert!(started.elapsed() >= Duration::from_millis(20));
        });
        assert_eq!(kept(&timers), 0, "a timer that fired is not kept");
    }

    #[test]
    fn the_deadline_ends_a_future_that_uses_up_its_budget_on_every_poll() {
        // On a thread of its own: without the fix this never ends, and the test must fail.
        let (done, outcome) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let timers = Timers::default();
            let ended = runtime().block_on(async {
                let mut deadline = timers.start(Instant::now() + Duration::from_millis(20));
                let greedy = async {
                    loop {
                        tokio::task::consume_budget().await;
                    }
                };
                deadline.run(greedy).await
            });
            let _ = done.send(ended);
        });
        let ended = outcome.recv_timeout(Duration::from_secs(10));
        assert_eq!(ended, Ok(None::<()>), "the deadline ended it");
    }

    #[test]
    fn a_kept_timer_is_reused_on_its_runtime_with_the_new_deadline() {
        let timers = Timers::default();
        let runtime = runtime();
        runtime.block_on(async {
            let mut first = timers.start(Instant::now() + Duration::from_secs(30));
            assert_eq!(first.run(async { 1 }).await, Some(1));
            drop(first);
            assert_eq!(kept(&timers), 1);
            // Reused, the timer expires at the new deadline, not the first one's.
            let mut second = timers.start(Instant::now() + Duration::from_millis(20));
            assert_eq!(kept(&timers), 0, "the kept timer was taken");
            assert_eq!(second.run(std::future::pending::<()>()).await, None);
        });
    }

    #[test]
    fn timers_of_another_runtime_are_not_reused_and_fired_ones_are_dropped() {
        let timers = Timers::default();
        let first = runtime();
        first.block_on(async {
            let mut deadline = timers.start(Instant::now() + Duration::from_secs(30));
            // Polled while pending, so the timer is registered with this runtime.
            assert_eq!(deadline.run(tokio::task::yield_now()).await, Some(()));
        });
        assert_eq!(kept(&timers), 1);
        drop(first);
        runtime().block_on(async {
            let mut deadline = timers.start(Instant::now() + Duration::from_millis(20));
            assert_eq!(
                kept(&timers),
                0,
                "the shut-down runtime fired its timer, which was dropped, not reused"
            );
            assert_eq!(deadline.run(std::future::pending::<()>()).await, None);
        });
    }

    #[test]
    fn at_most_max_kept_timers_wait() {
        let timers = Timers::default();
        runtime().block_on(async {
            let deadlines: Vec<_> = (0..MAX_KEPT + 5)
                .map(|_| timers.start(Instant::now() + Duration::from_secs(30)))
                .collect();
            drop(deadlines);
        });
        assert_eq!(kept(&timers), MAX_KEPT);
    }
}

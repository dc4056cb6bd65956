//! `generate --timings`: when each stage of one run finished, on which thread, in milliseconds
//! since the run started, printed to stderr at the end. The benchmark (`cargo xtask bench`) says
//! how long a stage takes alone; this says how the stages of a whole run overlap on the cores.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Marks of one run. Off (and free) unless asked for.
pub struct Timeline {
    start: Instant,
    marks: Option<Mutex<Vec<(Duration, &'static str)>>>,
}

impl Timeline {
    pub fn new(enabled: bool) -> Self {
        Timeline {
            start: Instant::now(),
            marks: enabled.then(|| Mutex::new(Vec::new())),
        }
    }

    /// Records that `stage` has just finished (on this thread).
    pub fn mark(&self, stage: &'static str) {
        if let Some(marks) = &self.marks {
            let elapsed = self.start.elapsed();
            marks
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push((elapsed, stage));
        }
    }

    /// The marks in the order they happened, one line each.
    pub fn report(&self) -> Option<String> {
        let marks = self.marks.as_ref()?;
        let mut marks = marks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        marks.sort();
        let mut text = String::from("timings (ms since the start of the run):\n");
        for (elapsed, stage) in marks {
            text.push_str(&format!(
                "{:>9.1}  {stage}\n",
                elapsed.as_secs_f64() * 1000.0
            ));
        }
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_reported_in_order_and_only_when_enabled() {
        let off = Timeline::new(false);
        off.mark("nothing");
        assert!(off.report().is_none());

        let on = Timeline::new(true);
        on.mark("first");
        std::thread::scope(|scope| {
            scope.spawn(|| on.mark("second, on another thread"));
        });
        let report = on.report().expect("enabled");
        let first = report.find("first").expect("first mark");
        let second = report.find("second").expect("second mark");
        assert!(first < second, "{report}");
        assert!(report.starts_with("timings"), "{report}");
    }
}

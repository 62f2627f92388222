//! When an unpaid invoice's automatic reminders fall due (API.md §12).
//!
//! The steps of a plan are the courtesy reminder `before_due_days` before
//! the due date, then dunning level n on due date + `levels[n-1]` days.
//! [`Progress`] says how far an invoice got; [`decide`] says, for one day
//! (the account's own calendar date), which step to send now and which
//! earlier steps to record as skipped: after missed runs only the highest
//! step now due goes out, so a customer never receives three letters on
//! one morning. A step is never decided twice: what is done is behind
//! [`Progress`], and [`Progress::after`] only moves forward.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The account's reminder settings, as the rules need them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan<'a> {
    pub before_due_days: u32,
    /// Days after the due date of each level; strictly increasing when the
    /// settings were written (the rules still hold if a later edit breaks
    /// that: a level is due once its own date has come).
    pub levels: &'a [u32],
}

/// One reminder of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Step {
    Courtesy,
    /// Dunning level n, 1-based.
    Level(u32),
}

impl Step {
    /// The number the reminders history shows: 0 for the courtesy reminder.
    pub fn level(self) -> u32 {
        match self {
            Step::Courtesy => 0,
            Step::Level(n) => n,
        }
    }

    /// The day the step falls due for an invoice due on `due`; `None` for
    /// a level the plan does not have, or a date beyond the calendar.
    pub fn date(self, due: NaiveDate, plan: &Plan<'_>) -> Option<NaiveDate> {
        match self {
            Step::Courtesy => due.checked_sub_days(Days::new(u64::from(plan.before_due_days))),
            Step::Level(0) => None,
            Step::Level(n) => {
                let days = *plan.levels.get(usize::try_from(n - 1).ok()?)?;
                due.checked_add_days(Days::new(u64::from(days)))
            }
        }
    }
}

/// How far an invoice's reminders got: every step up to here is done
/// (sent, skipped or unconfirmed) and never decided again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub courtesy_done: bool,
    /// The highest dunning level done, 0 for none.
    #[serde(default)]
    pub level: u32,
}

impl Progress {
    /// The steps still ahead, in order.
    pub fn remaining(self, plan: &Plan<'_>) -> impl Iterator<Item = Step> {
        let courtesy = (!self.courtesy_done && self.level == 0).then_some(Step::Courtesy);
        let levels = u32::try_from(plan.levels.len()).unwrap_or(u32::MAX);
        courtesy
            .into_iter()
            .chain((self.level + 1..=levels).map(Step::Level))
    }

    /// Progress once `step` is done (a level also closes the courtesy
    /// reminder: it is never sent after a dunning letter).
    pub fn after(self, step: Step) -> Progress {
        match step {
            Step::Courtesy => Progress {
                courtesy_done: true,
                ..self
            },
            Step::Level(n) => Progress {
                courtesy_done: true,
                level: self.level.max(n),
            },
        }
    }
}

/// What to do about one invoice on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Nothing is due yet; the next step falls due on this day.
    Wait(NaiveDate),
    /// Send `step` now; `skipped` are the earlier steps that fell due too
    /// (missed runs) and are recorded as skipped, in order.
    Send { step: Step, skipped: Vec<Step> },
    /// Every step of the plan is done.
    Done,
}

/// The decision for an invoice due on `due` with `progress`, on `today`.
pub fn decide(due: NaiveDate, plan: &Plan<'_>, progress: Progress, today: NaiveDate) -> Decision {
    let mut due_now = Vec::new();
    for step in progress.remaining(plan) {
        match step.date(due, plan) {
            Some(date) if date <= today => due_now.push(step),
            Some(date) => {
                return match due_now.pop() {
                    Some(step) => Decision::Send {
                        step,
                        skipped: due_now,
                    },
                    None => Decision::Wait(date),
                };
            }
            // Beyond the calendar: never due.
            None => break,
        }
    }
    match due_now.pop() {
        Some(step) => Decision::Send {
            step,
            skipped: due_now,
        },
        None => Decision::Done,
    }
}

/// The day the next step falls due, whatever today is: where the due-work
/// index files the invoice. `None` once the plan is done.
pub fn next_date(due: NaiveDate, plan: &Plan<'_>, progress: Progress) -> Option<NaiveDate> {
    progress
        .remaining(plan)
        .next()
        .and_then(|step| step.date(due, plan))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const LEVELS: [u32; 3] = [1, 7, 14];
    const PLAN: Plan<'static> = Plan {
        before_due_days: 3,
        levels: &LEVELS,
    };

    #[test]
    fn the_steps_fall_on_their_days() {
        let due = d("2027-01-31");
        assert_eq!(Step::Courtesy.date(due, &PLAN), Some(d("2027-01-28")));
        assert_eq!(Step::Level(1).date(due, &PLAN), Some(d("2027-02-01")));
        assert_eq!(Step::Level(3).date(due, &PLAN), Some(d("2027-02-14")));
        assert_eq!(Step::Level(4).date(due, &PLAN), None);
        assert_eq!(Step::Level(0).date(due, &PLAN), None);
    }

    #[test]
    fn one_step_a_day_in_order() {
        let due = d("2027-01-31");
        let p = Progress::default();
        assert_eq!(
            decide(due, &PLAN, p, d("2027-01-27")),
            Decision::Wait(d("2027-01-28"))
        );
        assert_eq!(
            decide(due, &PLAN, p, d("2027-01-28")),
            Decision::Send {
                step: Step::Courtesy,
                skipped: vec![]
            }
        );
        let p = p.after(Step::Courtesy);
        assert_eq!(
            decide(due, &PLAN, p, d("2027-01-31")),
            Decision::Wait(d("2027-02-01"))
        );
        let p = p.after(Step::Level(1)).after(Step::Level(2));
        assert_eq!(next_date(due, &PLAN, p), Some(d("2027-02-14")));
        let p = p.after(Step::Level(3));
        assert_eq!(decide(due, &PLAN, p, d("2030-01-01")), Decision::Done);
        assert_eq!(next_date(due, &PLAN, p), None);
    }

    #[test]
    fn after_missed_runs_only_the_highest_step_is_sent() {
        let due = d("2027-01-31");
        assert_eq!(
            decide(due, &PLAN, Progress::default(), d("2027-02-10")),
            Decision::Send {
                step: Step::Level(2),
                skipped: vec![Step::Courtesy, Step::Level(1)]
            }
        );
        // A level closes the courtesy reminder for good.
        let p = Progress::default().after(Step::Level(1));
        assert!(p.courtesy_done);
        assert_eq!(p.remaining(&PLAN).next(), Some(Step::Level(2)));
    }

    #[test]
    fn a_plan_without_levels_sends_only_the_courtesy_reminder() {
        let plan = Plan {
            before_due_days: 0,
            levels: &[],
        };
        let due = d("2027-01-31");
        assert_eq!(
            decide(due, &plan, Progress::default(), due),
            Decision::Send {
                step: Step::Courtesy,
                skipped: vec![]
            }
        );
        let done = Progress::default().after(Step::Courtesy);
        assert_eq!(decide(due, &plan, done, due), Decision::Done);
    }

    proptest! {
        /// Whatever days the runs fall on, each step is sent or skipped at
        /// most once, sends go up, and by the last step's day every step
        /// is accounted for exactly once.
        #[test]
        fn every_step_once_in_order(
            before in 0u32..30,
            gaps in proptest::collection::vec(1u32..20, 0..5),
            due_offset in 0i64..400,
            run_gaps in proptest::collection::vec(0u64..25, 1..30),
        ) {
            let mut levels = Vec::new();
            let mut acc = 0;
            for gap in gaps {
                acc += gap;
                levels.push(acc);
            }
            let plan = Plan { before_due_days: before, levels: &levels };
            let due = d("2027-01-01") + chrono::Duration::days(due_offset);
            let mut today = d("2026-12-01");
            let mut progress = Progress::default();
            let mut seen: Vec<Step> = Vec::new();
            let mut last_sent: Option<Step> = None;
            for gap in run_gaps {
                today = today + Days::new(gap);
                match decide(due, &plan, progress, today) {
                    Decision::Send { step, skipped } => {
                        prop_assert!(step.date(due, &plan).unwrap() <= today);
                        for s in &skipped {
                            prop_assert!(s < &step);
                            prop_assert!(!seen.contains(s));
                            seen.push(*s);
                        }
                        prop_assert!(!seen.contains(&step));
                        if let Some(last) = last_sent { prop_assert!(last < step); }
                        seen.push(step);
                        last_sent = Some(step);
                        progress = progress.after(step);
                    }
                    Decision::Wait(date) => {
                        prop_assert!(date > today);
                        prop_assert_eq!(Some(date), next_date(due, &plan, progress));
                    }
                    Decision::Done => prop_assert_eq!(next_date(due, &plan, progress), None),
                }
            }
            // Long after the last step, the plan is done and nothing repeats.
            let far = due + Days::new(1000);
            if let Decision::Send { step, skipped } = decide(due, &plan, progress, far) {
                for s in skipped.iter().chain([&step]) {
                    prop_assert!(!seen.contains(s));
                    seen.push(*s);
                }
                progress = progress.after(step);
            }
            prop_assert_eq!(decide(due, &plan, progress, far), Decision::Done);
            let all: Vec<Step> = Progress::default().remaining(&plan).collect();
            // Every level is accounted for; the courtesy step only when it
            // came before the first level (otherwise a level closed it).
            for step in &all {
                if let Step::Level(_) = step { prop_assert!(seen.contains(step)); }
            }
            prop_assert!(seen.iter().all(|s| all.contains(s)));
        }
    }
}

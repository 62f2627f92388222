//! When a recurring invoice runs (API.md §7, §12).
//!
//! Every run date is computed from the **start date and the run's index**,
//! never from the previous run, so a clamped month cannot make the day
//! drift: monthly from 31 Jan gives 31 Jan → 28/29 Feb → 31 Mar → 30 Apr
//! (the start's day, clamped to each month's length). With `last_of_month`
//! every run falls on the last day of its month — from a start on 30 Apr,
//! the next is 31 May — and the first run is the last day of the start's
//! month. Weekly runs are 7 days apart and ignore `last_of_month`;
//! quarterly is every 3 months, yearly every 12 (29 Feb → 28 Feb → … →
//! 29 Feb in the next leap year).
//!
//! A run past `end_date` does not exist: the schedule has stopped. The
//! caller keeps the count of runs done (`generated_count`) and asks for
//! [`Schedule::next_run_date`] of that count.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, FieldError};

/// How often a recurring invoice runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
}

impl Frequency {
    pub const ALL: [Frequency; 4] = [Self::Weekly, Self::Monthly, Self::Quarterly, Self::Yearly];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
            Self::Yearly => "yearly",
        }
    }

    /// Months between runs; `None` for weekly.
    fn months(self) -> Option<u32> {
        match self {
            Self::Weekly => None,
            Self::Monthly => Some(1),
            Self::Quarterly => Some(3),
            Self::Yearly => Some(12),
        }
    }
}

/// Run `n` (0-based: run 0 is the first) of a schedule without an end.
/// `None` only beyond chrono's calendar (year 262,143), which a caller
/// treats as "no further run".
pub fn run_date(
    start_date: NaiveDate,
    frequency: Frequency,
    n: u32,
    last_of_month: bool,
) -> Option<NaiveDate> {
    match frequency.months() {
        None => start_date.checked_add_days(Days::new(u64::from(n).checked_mul(7)?)),
        Some(step) => {
            let (year, month) =
                add_months(start_date.year(), start_date.month(), n.checked_mul(step)?)?;
            let last = days_in_month(year, month)?;
            let day = if last_of_month {
                last
            } else {
                start_date.day().min(last)
            };
            NaiveDate::from_ymd_opt(year, month, day)
        }
    }
}

/// The next run after `runs_done` runs: [`run_date`] of index `runs_done`.
pub fn next_run_date(
    start_date: NaiveDate,
    frequency: Frequency,
    runs_done: u32,
    last_of_month: bool,
) -> Option<NaiveDate> {
    run_date(start_date, frequency, runs_done, last_of_month)
}

/// `(year, month)` plus `months`, month 1-based.
fn add_months(year: i32, month: u32, months: u32) -> Option<(i32, u32)> {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    Some((year, month))
}

/// Days of a month by the proleptic Gregorian rules (not through chrono, so
/// the last month of chrono's calendar has a length too).
fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let leap = year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// A recurring invoice's schedule (`start_date`, `frequency`, `end_date?`,
/// `last_of_month`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub start_date: NaiveDate,
    pub frequency: Frequency,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    #[serde(default)]
    pub last_of_month: bool,
}

impl Schedule {
    /// A schedule whose `end_date`, if any, is not before `start_date`
    /// (422 on `end_date` otherwise).
    pub fn new(
        start_date: NaiveDate,
        frequency: Frequency,
        end_date: Option<NaiveDate>,
        last_of_month: bool,
    ) -> Result<Schedule, DomainError> {
        if let Some(end) = end_date
            && end < start_date
        {
            return Err(DomainError::Validation(vec![FieldError::new(
                "end_date",
                "must not be before start_date",
            )]));
        }
        Ok(Schedule {
            start_date,
            frequency,
            end_date,
            last_of_month,
        })
    }

    /// Run `n` (0-based), or `None` when it would fall after `end_date` (the
    /// schedule has stopped) or beyond the calendar.
    pub fn run_date(&self, n: u32) -> Option<NaiveDate> {
        let date = run_date(self.start_date, self.frequency, n, self.last_of_month)?;
        match self.end_date {
            Some(end) if date > end => None,
            _ => Some(date),
        }
    }

    /// The run after `runs_done` runs (`next_run_date` of a recurring
    /// invoice with `generated_count = runs_done`); `None` once stopped.
    pub fn next_run_date(&self, runs_done: u32) -> Option<NaiveDate> {
        self.run_date(runs_done)
    }

    /// Every run, in order, until `end_date` (endless without one: take
    /// what you need).
    pub fn runs(&self) -> Runs {
        Runs {
            schedule: *self,
            next: Some(0),
            until: None,
        }
    }

    /// The runs on or before `until` (and `end_date`).
    pub fn runs_until(&self, until: NaiveDate) -> Runs {
        Runs {
            schedule: *self,
            next: Some(0),
            until: Some(until),
        }
    }

    /// The runs not yet done that are due by `today`, as `(index, date)`:
    /// what the recurring job creates, each index exactly once.
    pub fn due_runs(
        &self,
        runs_done: u32,
        today: NaiveDate,
    ) -> impl Iterator<Item = (u32, NaiveDate)> {
        let schedule = *self;
        (runs_done..=u32::MAX)
            .map_while(move |n| schedule.run_date(n).map(|date| (n, date)))
            .take_while(move |(_, date)| *date <= today)
    }

    /// The first run strictly after `date`, as `(index, date)` — where a
    /// schedule resumes when missed runs are skipped (e.g. reactivated).
    pub fn first_run_after(&self, date: NaiveDate) -> Option<(u32, NaiveDate)> {
        // Jump close (from below) by arithmetic, then step: at most a few
        // steps whatever the distance.
        let estimate = match self.frequency.months() {
            None => (date - self.start_date).num_days() / 7,
            Some(step) => {
                let months = (i64::from(date.year()) - i64::from(self.start_date.year())) * 12
                    + i64::from(date.month())
                    - i64::from(self.start_date.month());
                months / i64::from(step)
            }
        };
        let from = u32::try_from(estimate.saturating_sub(1).max(0)).unwrap_or(u32::MAX);
        (from..=u32::MAX)
            .map_while(|n| self.run_date(n).map(|d| (n, d)))
            .find(|(_, d)| *d > date)
    }
}

/// Iterator over a schedule's run dates ([`Schedule::runs`]).
#[derive(Debug, Clone)]
pub struct Runs {
    schedule: Schedule,
    next: Option<u32>,
    until: Option<NaiveDate>,
}

impl Iterator for Runs {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        let n = self.next?;
        let until = self.until;
        // Dates strictly increase, so the first miss ends the iteration.
        let date = self
            .schedule
            .run_date(n)
            .filter(|date| until.is_none_or(|until| *date <= until));
        self.next = if date.is_some() {
            n.checked_add(1)
        } else {
            None
        };
        date
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn dates(start: &str, frequency: Frequency, last: bool, n: usize) -> Vec<String> {
        Schedule::new(d(start), frequency, None, last)
            .unwrap()
            .runs()
            .take(n)
            .map(|x| x.to_string())
            .collect()
    }

    #[test]
    fn monthly_from_the_31st_is_anchored() {
        assert_eq!(
            dates("2026-01-31", Frequency::Monthly, false, 5),
            [
                "2026-01-31",
                "2026-02-28",
                "2026-03-31",
                "2026-04-30",
                "2026-05-31"
            ]
        );
        assert_eq!(
            dates("2028-01-31", Frequency::Monthly, false, 3),
            ["2028-01-31", "2028-02-29", "2028-03-31"]
        );
        assert_eq!(
            dates("2026-01-30", Frequency::Monthly, false, 3),
            ["2026-01-30", "2026-02-28", "2026-03-30"]
        );
    }

    #[test]
    fn last_of_month_always_takes_the_last_day() {
        assert_eq!(
            dates("2026-01-31", Frequency::Monthly, true, 4),
            ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
        );
        assert_eq!(
            dates("2026-04-30", Frequency::Monthly, true, 3),
            ["2026-04-30", "2026-05-31", "2026-06-30"]
        );
        assert_eq!(
            dates("2026-04-15", Frequency::Monthly, true, 2),
            ["2026-04-30", "2026-05-31"]
        );
        assert_eq!(
            dates("2027-11-30", Frequency::Quarterly, true, 2),
            ["2027-11-30", "2028-02-29"]
        );
    }

    #[test]
    fn leap_years() {
        assert_eq!(
            dates("2028-02-29", Frequency::Yearly, false, 5),
            [
                "2028-02-29",
                "2029-02-28",
                "2030-02-28",
                "2031-02-28",
                "2032-02-29"
            ]
        );
        assert_eq!(
            dates("2028-02-29", Frequency::Monthly, false, 3),
            ["2028-02-29", "2028-03-29", "2028-04-29"]
        );
        assert_eq!(
            dates("2100-01-31", Frequency::Monthly, false, 2),
            ["2100-01-31", "2100-02-28"],
            "2100 is not a leap year"
        );
        assert_eq!(
            dates("2000-01-31", Frequency::Monthly, false, 2),
            ["2000-01-31", "2000-02-29"],
            "2000 is"
        );
    }

    #[test]
    fn weekly_and_quarterly() {
        assert_eq!(
            dates("2026-12-24", Frequency::Weekly, true, 3),
            ["2026-12-24", "2026-12-31", "2027-01-07"]
        );
        assert_eq!(
            dates("2026-11-30", Frequency::Quarterly, false, 3),
            ["2026-11-30", "2027-02-28", "2027-05-30"]
        );
    }

    #[test]
    fn stops_after_end_date() {
        let s = Schedule::new(
            d("2026-01-31"),
            Frequency::Monthly,
            Some(d("2026-03-31")),
            false,
        )
        .unwrap();
        let all: Vec<_> = s.runs().map(|x| x.to_string()).collect();
        assert_eq!(all, ["2026-01-31", "2026-02-28", "2026-03-31"]);
        assert_eq!(s.next_run_date(2), Some(d("2026-03-31")));
        assert_eq!(s.next_run_date(3), None);
        let until: Vec<_> = s.runs_until(d("2026-03-30")).collect();
        assert_eq!(until.len(), 2);
        assert!(
            Schedule::new(
                d("2026-02-01"),
                Frequency::Monthly,
                Some(d("2026-01-31")),
                false
            )
            .is_err()
        );
        assert_eq!(
            next_run_date(d("2026-01-31"), Frequency::Monthly, 1, false),
            Some(d("2026-02-28"))
        );
    }

    #[test]
    fn due_runs_and_resuming() {
        let s = Schedule::new(d("2026-01-31"), Frequency::Monthly, None, false).unwrap();
        let due: Vec<_> = s.due_runs(1, d("2026-04-29")).collect();
        assert_eq!(due, [(1, d("2026-02-28")), (2, d("2026-03-31"))]);
        assert_eq!(s.due_runs(0, d("2026-01-30")).count(), 0);
        assert_eq!(
            s.first_run_after(d("2026-03-31")),
            Some((3, d("2026-04-30")))
        );
        assert_eq!(
            s.first_run_after(d("2025-01-01")),
            Some((0, d("2026-01-31")))
        );
        let w = Schedule::new(d("2026-01-01"), Frequency::Weekly, None, false).unwrap();
        assert_eq!(
            w.first_run_after(d("2026-01-08")),
            Some((2, d("2026-01-15")))
        );
    }

    #[test]
    fn the_end_of_the_calendar_is_not_a_panic() {
        let s = Schedule::new(NaiveDate::MAX, Frequency::Yearly, None, true).unwrap();
        assert_eq!(s.runs().count(), 1);
        assert_eq!(
            run_date(NaiveDate::MAX, Frequency::Weekly, u32::MAX, false),
            None
        );
        assert_eq!(
            run_date(NaiveDate::MIN, Frequency::Yearly, u32::MAX, false),
            None
        );
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 1990-01-01 .. 2200-01-01
        (0u64..76_700).prop_map(|days| {
            NaiveDate::from_ymd_opt(1990, 1, 1)
                .unwrap()
                .checked_add_days(Days::new(days))
                .unwrap()
        })
    }

    fn any_frequency() -> impl Strategy<Value = Frequency> {
        prop::sample::select(Frequency::ALL.to_vec())
    }

    fn month_index(date: NaiveDate) -> i64 {
        i64::from(date.year()) * 12 + i64::from(date.month())
    }

    proptest! {
        #[test]
        fn runs_increase_and_never_drift(
            start in any_date(),
            frequency in any_frequency(),
            last in any::<bool>(),
            count in 1usize..60,
        ) {
            let s = Schedule::new(start, frequency, None, last).unwrap();
            let runs: Vec<NaiveDate> = s.runs().take(count).collect();
            prop_assert_eq!(runs.len(), count);
            prop_assert!(runs[0] >= start);
            for pair in runs.windows(2) {
                prop_assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
            }
            for (n, date) in runs.iter().enumerate() {
                match frequency.months() {
                    None => prop_assert_eq!((*date - start).num_days(), 7 * n as i64),
                    Some(step) => {
                        // Never skips or repeats a month.
                        prop_assert_eq!(
                            month_index(*date) - month_index(start),
                            i64::from(step) * n as i64
                        );
                        let len = days_in_month(date.year(), date.month()).unwrap();
                        let expected = if last { len } else { start.day().min(len) };
                        prop_assert_eq!(date.day(), expected);
                    }
                }
            }
        }

        #[test]
        fn end_date_and_resume_agree_with_the_runs(
            start in any_date(),
            frequency in any_frequency(),
            last in any::<bool>(),
            span in 0u64..2_000,
            probe in 0u64..3_000,
        ) {
            let end = start.checked_add_days(Days::new(span)).unwrap();
            let s = Schedule::new(start, frequency, Some(end), last).unwrap();
            let runs: Vec<NaiveDate> = s.runs().collect();
            prop_assert!(runs.iter().all(|d| *d <= end));
            let unbounded = Schedule { end_date: None, ..s };
            let after_end = unbounded.run_date(runs.len() as u32).unwrap();
            prop_assert!(after_end > end);
            let probe_date = start.checked_add_days(Days::new(probe)).unwrap();
            let (n, next) = unbounded.first_run_after(probe_date).unwrap();
            prop_assert!(next > probe_date);
            if n > 0 {
                prop_assert!(unbounded.run_date(n - 1).unwrap() <= probe_date);
            }
            let due = unbounded.due_runs(0, probe_date).count() as u32;
            prop_assert_eq!(due, n);
        }
    }
}

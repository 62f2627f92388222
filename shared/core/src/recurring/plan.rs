//! Where a schedule stands: the next run a recurring invoice waits for.
//!
//! Pure date arithmetic over the domain's [`Schedule`]; the rules (why a
//! past start skips runs, why an edit never brings a run before today)
//! are in docs/recurring-invoices.md.

use chrono::NaiveDate;
use uome_domain::schedule::Schedule;

/// A run of a schedule: its index ([`Schedule::run_date`]) and date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextRun {
    pub index: u32,
    pub date: NaiveDate,
}

/// The first run at index `from_index` or later that falls on or after
/// `floor`; `None` once the schedule has ended (past `end_date`).
///
/// Runs before `floor` are skipped, not returned: an invoice is never
/// generated for a date already gone. A run past 9999-12-31, the last date
/// the API knows (`uome_domain::date`), ends the schedule too.
pub fn next_run(schedule: &Schedule, from_index: u32, floor: NaiveDate) -> Option<NextRun> {
    next_run_any_year(schedule, from_index, floor)
        .filter(|run| uome_domain::date::in_range(run.date).is_some())
}

fn next_run_any_year(schedule: &Schedule, from_index: u32, floor: NaiveDate) -> Option<NextRun> {
    let date = schedule.run_date(from_index)?;
    if date >= floor {
        return Some(NextRun {
            index: from_index,
            date,
        });
    }
    // Run dates strictly increase, so the first run after the day before
    // `floor` is the first on or after it, and its index is past
    // `from_index`.
    let (index, date) = schedule.first_run_after(floor.pred_opt()?)?;
    Some(NextRun {
        index: index.max(from_index),
        date,
    })
}

/// The earliest day a run may fall on: today, and never again on or
/// before the day of the last generated invoice.
pub fn run_floor(today: NaiveDate, last_run_date: Option<NaiveDate>) -> NaiveDate {
    match last_run_date.and_then(|d| d.succ_opt()) {
        Some(after_last) if after_last > today => after_last,
        _ => today,
    }
}

/// `(next_run_index, next_run_date)` to store: an inactive schedule keeps
/// its position but has no next run (and so is not in the due index).
pub fn position(
    schedule: &Schedule,
    active: bool,
    from_index: u32,
    floor: NaiveDate,
) -> (u32, Option<NaiveDate>) {
    if !active {
        return (from_index, None);
    }
    match next_run(schedule, from_index, floor) {
        Some(run) => (run.index, Some(run.date)),
        None => (from_index, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uome_domain::schedule::Frequency;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn schedule(start: &str, frequency: Frequency, end: Option<&str>, last: bool) -> Schedule {
        Schedule::new(d(start), frequency, end.map(d), last).unwrap()
    }

    #[test]
    fn a_future_start_is_the_first_run() {
        let s = schedule("2027-01-31", Frequency::Monthly, None, true);
        assert_eq!(
            next_run(&s, 0, d("2026-11-21")),
            Some(NextRun {
                index: 0,
                date: d("2027-01-31")
            })
        );
        // last_of_month moves a mid-month start to the month's end.
        let s = schedule("2026-12-15", Frequency::Monthly, None, true);
        assert_eq!(
            next_run(&s, 0, d("2026-11-21")).unwrap().date,
            d("2026-12-31")
        );
    }

    #[test]
    fn a_past_start_skips_to_today_or_later() {
        let s = schedule("2026-01-31", Frequency::Monthly, None, false);
        assert_eq!(
            next_run(&s, 0, d("2026-11-21")),
            Some(NextRun {
                index: 10,
                date: d("2026-11-30")
            })
        );
        // A run today is still to come.
        assert_eq!(
            next_run(&s, 0, d("2026-11-30")).unwrap().date,
            d("2026-11-30")
        );
        let w = schedule("2026-11-01", Frequency::Weekly, None, false);
        assert_eq!(
            next_run(&w, 0, d("2026-11-21")).unwrap().date,
            d("2026-11-22")
        );
        // Never goes back below the position already reached.
        assert_eq!(next_run(&w, 5, d("2026-11-21")).unwrap().index, 5);
    }

    #[test]
    fn an_ended_schedule_has_no_next_run() {
        let s = schedule("2026-01-15", Frequency::Monthly, Some("2026-06-30"), false);
        assert_eq!(next_run(&s, 0, d("2026-11-21")), None);
        assert_eq!(position(&s, true, 0, d("2026-11-21")), (0, None));
    }

    #[test]
    fn inactive_keeps_the_position_without_a_date() {
        let s = schedule("2026-12-01", Frequency::Weekly, None, false);
        assert_eq!(position(&s, false, 3, d("2026-11-21")), (3, None));
        assert_eq!(
            position(&s, true, 3, d("2026-11-21")),
            (3, Some(d("2026-12-22")))
        );
    }

    #[test]
    fn the_floor_is_after_the_last_run() {
        assert_eq!(run_floor(d("2026-11-21"), None), d("2026-11-21"));
        assert_eq!(
            run_floor(d("2026-11-21"), Some(d("2026-11-21"))),
            d("2026-11-22")
        );
        assert_eq!(
            run_floor(d("2026-11-21"), Some(d("2026-10-01"))),
            d("2026-11-21")
        );
    }
}

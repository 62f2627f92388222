//! One reminder job on the embedded adapters (SQLite table, file outbox):
//! read the invoice, its contact, the settings and the due entry, claim the
//! level in one transaction, render the PDF, send the email, confirm the
//! history line. Prints p50 and p99 over a fixed number of jobs, each for
//! a different invoice (a job that finds its level done is cheaper and
//! would flatter the figure). A bench binary: the tails are what matter.
//!
//! `cargo bench -p uome-reminders --bench reminder_job`

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod invoices;

use std::time::Instant;

use chrono::{DateTime, NaiveDate};
use serde_json::json;
use uome_core::jobs::{JobHandler, ReminderJobs};
use uome_core::ports::{Job, Mailbox};
use uome_core::service::ServiceConfig;
use uome_testkit::TestEnv;
use uome_testkit::bench::percentile;

const JOBS: usize = 200;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let env = TestEnv::new();
    let now = DateTime::parse_from_rfc3339("2027-02-01T09:00:00Z")
        .expect("instant")
        .to_utc();
    let jobs: Vec<Job> = rt.block_on(async {
        let owner = env.owner(true).await;
        let ports = &env.ctx.ports;
        let contact = invoices::customer(ports, &owner.account_id).await;
        let due = NaiveDate::from_ymd_opt(2027, 1, 31).expect("date");
        let mut jobs = Vec::with_capacity(JOBS);
        for _ in 0..JOBS {
            let invoice = invoices::issued_due(ports, &owner.account_id, &contact, due).await;
            jobs.push(Job::new(
                format!("reminders:{}", invoice.id),
                "send_reminders",
                &json!({"account_id": owner.account_id, "id": invoice.id}),
            ));
        }
        jobs
    });
    env.clock.set(now);
    let handler = ReminderJobs {
        ports: env.ctx.ports.clone(),
        service: ServiceConfig::new(
            uome_testkit::PUBLIC_URL,
            Mailbox::named("Uome", "no-reply@uome.test"),
        ),
    };
    let mut times = Vec::with_capacity(JOBS);
    rt.block_on(async {
        for job in &jobs {
            let started = Instant::now();
            let outcome = handler.handle(job, now).await.expect("job");
            times.push(started.elapsed());
            assert_eq!(outcome.reminders_sent, 1);
        }
    });
    times.sort();
    println!(
        "reminder job, embedded adapters, {JOBS} jobs: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0
    );
}

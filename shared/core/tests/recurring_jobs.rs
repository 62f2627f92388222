//! The recurring job (API.md §12) against the embedded adapters: each
//! due period's invoice exactly once, whatever the queue delivers.

mod kit;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use uome_core::invoices::{InvoiceSource, Viewer, list_invoices};
use uome_core::jobs::{DueScheduler, JobHandler, JobOutcome, RecurringJobs, Scheduler};
use uome_core::ports::{Job, Ports, QueueName};
use uome_core::recurring::{RecurringInvoice, period_invoice_id};
use uome_domain::{AccountId, InvoiceStatus};

use kit::Kit;

struct Setup {
    kit: Kit,
    account_id: AccountId,
    recurring: RecurringInvoice,
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// A monthly recurring invoice from 2027-01-31 with `last_of_month`.
async fn setup(auto_send: bool, end_date: Option<&str>) -> Setup {
    let kit = Kit::new();
    kit.clock.set(at("2027-01-20T09:00:00Z"));
    let account = kit.account("owner@acme.test", "Acme Ltd").await;
    let contact_id = kit::invoices::contact(
        &kit.ports,
        &account.account_id,
        json!({"company_name": "Client Ltd", "roles": ["customer"], "email": "ap@client.test"}),
    )
    .await;
    let recurring = kit::recurring::monthly_from_jan_31(
        &kit.ports,
        &account.account_id,
        &contact_id,
        auto_send,
        end_date.map(date),
    )
    .await;
    Setup {
        kit,
        account_id: account.account_id,
        recurring,
    }
}

fn handler(s: &Setup, ports: &Ports) -> RecurringJobs {
    RecurringJobs {
        ports: ports.clone(),
        service: s.kit.service.clone(),
    }
}

/// One scheduler run as of `now` and every queued job handled.
async fn run(s: &Setup, now: DateTime<Utc>) -> (usize, JobOutcome) {
    let queued = DueScheduler::new(s.kit.ports.clone())
        .enqueue_due(now)
        .await
        .unwrap();
    let handler = handler(s, &s.kit.ports);
    let mut outcome = JobOutcome::default();
    for (queue, job) in s.kit.embedded.queue.drain() {
        assert_eq!(queue, QueueName::Recurring);
        outcome += handler.handle(&job, now).await.unwrap();
    }
    (queued, outcome)
}

fn job(s: &Setup) -> Job {
    Job::new(
        format!("recurring:{}:{}", s.account_id, s.recurring.id),
        "generate_invoices",
        &json!({"account_id": s.account_id, "id": s.recurring.id}),
    )
}

/// The generated invoices as (issue date, number, status), oldest first.
async fn generated(s: &Setup) -> Vec<(NaiveDate, String, InvoiceStatus)> {
    let filter = Default::default();
    let page = list_invoices(
        &s.kit.ports,
        &s.account_id,
        &filter,
        Viewer::Business,
        200,
        None,
    )
    .await
    .unwrap();
    let mut rows: Vec<_> = page
        .documents
        .into_iter()
        .map(|at| at.document)
        .filter(|i| i.source == InvoiceSource::Recurring)
        .map(|i| (i.body.issue_date, i.number, i.status))
        .collect();
    rows.sort();
    rows
}

async fn stored(s: &Setup) -> RecurringInvoice {
    uome_core::recurring::load_recurring(s.kit.ports.table.as_ref(), &s.account_id, &s.recurring.id)
        .await
        .unwrap()
}

#[tokio::test]
async fn monthly_from_the_31st_makes_jan_31_feb_28_mar_31_once_each() {
    let s = setup(false, None).await;
    assert_eq!(
        run(&s, at("2027-01-30T09:00:00Z")).await.0,
        0,
        "not due yet"
    );
    for (now, _) in [
        ("2027-01-31T09:00:00Z", "2027-01-31"),
        ("2027-02-28T09:00:00Z", "2027-02-28"),
        ("2027-03-31T09:00:00Z", "2027-03-31"),
    ] {
        assert_eq!(run(&s, at(now)).await.1.invoices_created, 1, "{now}");
        assert_eq!(
            run(&s, at(now)).await,
            (0, JobOutcome::default()),
            "{now} again"
        );
    }
    assert_eq!(
        generated(&s).await,
        [
            (date("2027-01-31"), "INV-0001".into(), InvoiceStatus::Draft),
            (date("2027-02-28"), "INV-0002".into(), InvoiceStatus::Draft),
            (date("2027-03-31"), "INV-0003".into(), InvoiceStatus::Draft),
        ]
    );
    let record = stored(&s).await;
    assert_eq!(record.generated_count, 3);
    assert_eq!(record.next_run_date, Some(date("2027-04-30")));
    assert_eq!(
        record.last_invoice_id.as_deref(),
        Some(period_invoice_id(&s.recurring.id, date("2027-03-31")).as_str())
    );
}

#[tokio::test]
async fn missed_periods_are_each_created_once_dated_their_own_period() {
    let s = setup(false, None).await;
    assert_eq!(
        run(&s, at("2027-04-02T09:00:00Z")).await.1.invoices_created,
        3
    );
    let dates: Vec<_> = generated(&s).await.into_iter().map(|g| g.0).collect();
    assert_eq!(
        dates,
        [date("2027-01-31"), date("2027-02-28"), date("2027-03-31")]
    );
}

#[tokio::test]
async fn the_same_message_twice_and_at_once_makes_one_invoice_per_period() {
    let s = setup(true, None).await;
    let now = at("2027-01-31T09:00:00Z");
    let handler = Arc::new(handler(&s, &s.kit.ports));
    let job = job(&s);
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..5 {
        let (handler, job) = (handler.clone(), job.clone());
        workers.spawn(async move { handler.handle(&job, now).await });
    }
    let mut created = 0;
    while let Some(result) = workers.join_next().await {
        created += result.unwrap().unwrap().invoices_created;
    }
    assert_eq!(created, 1);
    assert_eq!(handler.handle(&job, now).await.unwrap().invoices_created, 0);
    let rows = generated(&s).await;
    assert_eq!(
        rows,
        [(date("2027-01-31"), "INV-0001".into(), InvoiceStatus::Issued)]
    );
    // auto_send: issued and emailed once.
    let mail = s.kit.embedded.outbox.list().unwrap();
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0].to, ["ap@client.test"]);
    // Its ledger posting is there and the books balance.
    kit::invoices::books(&s.kit.ports, &s.account_id).await;
}

#[tokio::test]
async fn it_stops_after_the_end_date_and_when_inactive() {
    let s = setup(false, Some("2027-02-28")).await;
    assert_eq!(
        run(&s, at("2027-06-01T09:00:00Z")).await.1.invoices_created,
        2
    );
    assert_eq!(stored(&s).await.next_run_date, None);
    assert_eq!(run(&s, at("2027-07-01T09:00:00Z")).await.0, 0);
}

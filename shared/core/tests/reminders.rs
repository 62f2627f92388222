//! The reminders job (API.md §12) against the embedded adapters: the
//! scheduler reads the due-work index and queues ids on the in-process
//! queue, the handler re-reads and sends. Each test drives whole runs as
//! the job loop and the Lambda functions do.

mod kit;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde_json::json;
use uome_core::account::settings::{self, RemindersInput, SettingsInput};
use uome_core::contacts::{Expected, patch_contact};
use uome_core::dunning::{ReminderKind, ReminderRecord, ReminderStatus, history};
use uome_core::invoices::{Invoice, PaymentInput, record_payment};
use uome_core::jobs::{DueScheduler, JobHandler, JobOutcome, ReminderJobs, Scheduler};
use uome_core::ports::{Job, Ports, QueueName};
use uome_domain::{AccountId, DocumentId};

use kit::Kit;
use kit::mailers::{HangingMailer, RefusingMailer};

/// An account (in `timezone`) with one customer and an issued invoice of
/// 100.00 due on `due`.
struct Setup {
    kit: Kit,
    account_id: AccountId,
    invoice: Invoice,
}

async fn setup(timezone: &str, contact: serde_json::Value, due: &str) -> Setup {
    let kit = Kit::new();
    let account = kit.account("owner@acme.test", "Acme Ltd").await;
    kit::expenses::company(
        &kit.ports,
        &account.account_id,
        json!({"name": "Acme Ltd", "timezone": timezone}),
    )
    .await;
    let contact_id = kit::invoices::contact(&kit.ports, &account.account_id, contact).await;
    let invoice =
        kit::invoices::issued_due(&kit.ports, &account.account_id, &contact_id, date(due)).await;
    Setup {
        kit,
        account_id: account.account_id,
        invoice,
    }
}

fn customer() -> serde_json::Value {
    json!({"company_name": "Client Ltd", "roles": ["customer"], "email": "ap@client.test"})
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// One scheduler run as of `now` and every queued job handled: what was
/// queued and sent.
async fn run(s: &Setup, now: DateTime<Utc>) -> (usize, JobOutcome) {
    run_with(&s.kit, &s.kit.ports, now).await
}

async fn run_with(kit: &Kit, ports: &Ports, now: DateTime<Utc>) -> (usize, JobOutcome) {
    let queued = DueScheduler::new(ports.clone())
        .enqueue_due(now)
        .await
        .unwrap();
    let handler = handler(kit, ports);
    let mut outcome = JobOutcome::default();
    for (queue, job) in kit.embedded.queue.drain() {
        assert_eq!(queue, QueueName::Reminders);
        outcome += handler.handle(&job, now).await.unwrap();
    }
    (queued, outcome)
}

fn handler(kit: &Kit, ports: &Ports) -> ReminderJobs {
    ReminderJobs {
        ports: ports.clone(),
        service: kit.service.clone(),
    }
}

fn reminder_job(account_id: &AccountId, id: &DocumentId) -> Job {
    Job::new(
        format!("reminders:{account_id}:{id}"),
        "send_reminders",
        &json!({"account_id": account_id, "id": id}),
    )
}

fn subjects(kit: &Kit) -> Vec<String> {
    kit.embedded
        .outbox
        .list()
        .unwrap()
        .into_iter()
        .map(|m| m.subject)
        .collect()
}

/// The invoice's reminders history, oldest first.
async fn lines(s: &Setup) -> Vec<ReminderRecord> {
    history(s.kit.ports.table.as_ref(), &s.account_id, &s.invoice.id)
        .await
        .unwrap()
}

/// The history as (level, status).
async fn levels(s: &Setup) -> Vec<(u32, ReminderStatus)> {
    lines(s).await.iter().map(|l| (l.level, l.status)).collect()
}

async fn dunning_level(s: &Setup) -> u32 {
    uome_core::invoices::load_invoice(s.kit.ports.table.as_ref(), &s.account_id, &s.invoice.id)
        .await
        .unwrap()
        .dunning_level
}

#[tokio::test]
async fn courtesy_then_each_level_on_its_own_day_and_nothing_after() {
    // Default plan: courtesy 3 days before, levels at due + 1, 7, 14.
    let s = setup("Europe/London", customer(), "2027-01-31").await;
    assert_eq!(
        run(&s, at("2027-01-27T09:00:00Z")).await.0,
        0,
        "not due yet"
    );
    let days = [
        ("2027-01-28T09:00:00Z", "Coming due"),
        ("2027-02-01T09:00:00Z", "Payment reminder"),
        ("2027-02-07T09:00:00Z", "Reminder 2"),
        ("2027-02-14T09:00:00Z", "Final notice"),
    ];
    for (i, (now, subject)) in days.iter().enumerate() {
        let (queued, outcome) = run(&s, at(now)).await;
        assert_eq!((queued, outcome.reminders_sent), (1, 1), "{now}");
        let sent = subjects(&s.kit);
        assert_eq!(sent.len(), i + 1);
        assert!(sent[i].starts_with(subject), "{now}: {}", sent[i]);
        // The same day again: nothing is due any more.
        assert_eq!(run(&s, at(now)).await, (0, JobOutcome::default()));
    }
    assert_eq!(dunning_level(&s).await, 3);
    assert_eq!(run(&s, at("2027-06-01T09:00:00Z")).await.0, 0, "plan done");

    let mail = s.kit.embedded.outbox.list().unwrap();
    let last = mail.last().unwrap();
    assert_eq!(last.to, ["ap@client.test"]);
    assert!(last.text.contains("100.00"), "{}", last.text);
    assert!(
        last.text.contains("/portal?token="),
        "portal link: {}",
        last.text
    );
    assert_eq!(last.attachments.len(), 1, "the invoice PDF");

    let lines = lines(&s).await;
    let summary: Vec<_> = lines.iter().map(|l| (l.level, l.kind, l.status)).collect();
    assert_eq!(
        summary,
        [
            (0, ReminderKind::Courtesy, ReminderStatus::Sent),
            (1, ReminderKind::Dunning, ReminderStatus::Sent),
            (2, ReminderKind::Dunning, ReminderStatus::Sent),
            (3, ReminderKind::Dunning, ReminderStatus::Sent),
        ]
    );
}

#[tokio::test]
async fn after_missed_runs_only_the_highest_level_goes_out() {
    let s = setup("Europe/London", customer(), "2027-01-31").await;
    let (_, outcome) = run(&s, at("2027-02-08T09:00:00Z")).await;
    assert_eq!(outcome.reminders_sent, 1);
    assert_eq!(subjects(&s.kit).len(), 1);
    assert!(subjects(&s.kit)[0].starts_with("Reminder 2"));
    let summary = levels(&s).await;
    assert_eq!(
        summary,
        [
            (0, ReminderStatus::Skipped),
            (1, ReminderStatus::Skipped),
            (2, ReminderStatus::Sent)
        ]
    );
    assert_eq!(dunning_level(&s).await, 2);
}

#[tokio::test]
async fn the_same_message_twice_and_at_once_sends_one_email() {
    let s = setup("Europe/London", customer(), "2027-01-31").await;
    let now = at("2027-02-01T09:00:00Z");
    let job = reminder_job(&s.account_id, &s.invoice.id);
    let handler = handler(&s.kit, &s.kit.ports);
    // Two consumers at once, then a redelivery.
    let (a, b) = tokio::join!(handler.handle(&job, now), handler.handle(&job, now));
    let sent = a.unwrap().reminders_sent + b.unwrap().reminders_sent;
    assert_eq!(sent, 1);
    assert_eq!(handler.handle(&job, now).await.unwrap().reminders_sent, 0);
    assert_eq!(subjects(&s.kit).len(), 1);
    // Ten workers on the next level's day: still one email.
    let later = at("2027-02-07T10:00:00Z");
    let handler = Arc::new(handler);
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (handler, job) = (handler.clone(), job.clone());
        workers.spawn(async move { handler.handle(&job, later).await });
    }
    let mut sent = 0;
    while let Some(result) = workers.join_next().await {
        sent += result.unwrap().unwrap().reminders_sent;
    }
    assert_eq!(sent, 1);
    assert_eq!(subjects(&s.kit).len(), 2);
}

#[tokio::test]
async fn a_refused_email_is_released_and_sent_once_on_redelivery() {
    let s = setup("Europe/London", customer(), "2027-01-31").await;
    let now = at("2027-02-01T09:00:00Z");
    let job = reminder_job(&s.account_id, &s.invoice.id);
    let mut refusing = s.kit.ports.clone();
    refusing.mailer = Arc::new(RefusingMailer);
    let failed = handler(&s.kit, &refusing).handle(&job, now).await;
    assert!(
        matches!(failed, Err(uome_core::jobs::JobError::Retry(_))),
        "{failed:?}"
    );
    assert_eq!(dunning_level(&s).await, 0, "the claim was released");
    let outcome = handler(&s.kit, &s.kit.ports)
        .handle(&job, now)
        .await
        .unwrap();
    assert_eq!(outcome.reminders_sent, 1);
    assert_eq!(subjects(&s.kit).len(), 1);
    // The courtesy reminder was due too (skipped); level 1 went out once.
    let summary = levels(&s).await;
    assert_eq!(
        summary,
        [(0, ReminderStatus::Skipped), (1, ReminderStatus::Sent)]
    );
}

#[tokio::test]
async fn a_worker_that_dies_after_the_claim_leaves_it_unconfirmed_never_sent_twice() {
    let s = setup("Europe/London", customer(), "2027-01-31").await;
    let now = at("2027-02-01T09:00:00Z");
    let job = reminder_job(&s.account_id, &s.invoice.id);
    let mut hanging = s.kit.ports.clone();
    hanging.mailer = Arc::new(HangingMailer);
    let dying = handler(&s.kit, &hanging);
    // The worker is stopped mid-send, as Lambda stops a timed-out one.
    let stopped = tokio::time::timeout(Duration::from_millis(300), dying.handle(&job, now)).await;
    assert!(stopped.is_err(), "the send never returned");
    // SQS delivers the message again: nothing is sent.
    let outcome = handler(&s.kit, &s.kit.ports)
        .handle(&job, now)
        .await
        .unwrap();
    assert_eq!(outcome.reminders_sent, 0);
    assert!(subjects(&s.kit).is_empty());
    let summary = levels(&s).await;
    assert_eq!(
        summary,
        [
            (0, ReminderStatus::Skipped),
            (1, ReminderStatus::Unconfirmed)
        ]
    );
    assert_eq!(dunning_level(&s).await, 1);
}

#[tokio::test]
async fn a_payment_after_queueing_stops_the_reminder_and_leaves_the_index() {
    let s = setup("Europe/London", customer(), "2027-01-31").await;
    let now = at("2027-02-01T09:00:00Z");
    let queued = DueScheduler::new(s.kit.ports.clone())
        .enqueue_due(now)
        .await
        .unwrap();
    assert_eq!(queued, 1);
    record_payment(
        &s.kit.ports,
        &s.account_id,
        &s.invoice.id,
        PaymentInput {
            amount: None,
            date: None,
            method: "bank_transfer".into(),
            reference: None,
        },
    )
    .await
    .unwrap();
    let handler = handler(&s.kit, &s.kit.ports);
    for (_, job) in s.kit.embedded.queue.drain() {
        assert_eq!(handler.handle(&job, now).await.unwrap().reminders_sent, 0);
    }
    assert!(subjects(&s.kit).is_empty());
    // Paid: no entry left, so the scheduler reads nothing.
    assert_eq!(run(&s, at("2027-03-01T09:00:00Z")).await.0, 0);
}

#[tokio::test]
async fn automatic_dunning_off_gets_nothing_and_switching_it_on_files_the_invoice() {
    let mut contact = customer();
    contact["automatic_dunning"] = json!(false);
    let s = setup("Europe/London", contact, "2027-01-31").await;
    assert_eq!(run(&s, at("2027-02-02T09:00:00Z")).await.0, 0);
    assert!(subjects(&s.kit).is_empty());
    // Switched on: the contact's write files its open invoices again.
    let contact_id = s.invoice.body.contact_id.clone();
    patch_contact(
        &s.kit.ports,
        &s.account_id,
        &contact_id,
        &json!({"automatic_dunning": true}),
        Expected(None),
        false,
    )
    .await
    .unwrap();
    let (queued, outcome) = run(&s, at("2027-02-08T09:00:00Z")).await;
    assert_eq!((queued, outcome.reminders_sent), (1, 1));
    assert!(subjects(&s.kit)[0].starts_with("Reminder 2"));
}

#[tokio::test]
async fn the_accounts_reminder_settings_move_or_stop_the_reminders() {
    let s = setup("Europe/London", customer(), "2027-01-31").await;
    let settings = |enabled: bool, levels: Vec<i64>| SettingsInput {
        reminders: Some(RemindersInput {
            enabled: Some(enabled),
            before_due_days: Some(0),
            levels: Some(levels),
        }),
        ..SettingsInput::default()
    };
    // Level 1 ten days after the due date: nothing on 1 February.
    settings::update(
        &s.kit.ports,
        &s.account_id,
        settings(true, vec![10, 20]),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        run(&s, at("2027-01-31T09:00:00Z")).await.1.reminders_sent,
        1,
        "courtesy on the day"
    );
    assert_eq!(run(&s, at("2027-02-01T09:00:00Z")).await.0, 0);
    assert_eq!(
        run(&s, at("2027-02-10T09:00:00Z")).await.1.reminders_sent,
        1
    );
    // Reminders off: the scheduler finds nothing at all.
    settings::update(
        &s.kit.ports,
        &s.account_id,
        settings(false, vec![10, 20]),
        None,
    )
    .await
    .unwrap();
    assert_eq!(run(&s, at("2027-03-01T09:00:00Z")).await.0, 0);
    assert_eq!(subjects(&s.kit).len(), 2);
}

#[tokio::test]
async fn a_contact_without_an_email_is_skipped_with_a_reason() {
    let contact = json!({"company_name": "No Mail Ltd", "roles": ["customer"]});
    let s = setup("Europe/London", contact, "2027-01-31").await;
    let (queued, outcome) = run(&s, at("2027-02-01T09:00:00Z")).await;
    assert_eq!((queued, outcome.reminders_sent), (1, 0));
    let lines = lines(&s).await;
    let last = lines.last().unwrap();
    assert_eq!((last.level, last.status), (1, ReminderStatus::Skipped));
    assert!(
        last.reason.as_deref().unwrap().contains("no email"),
        "{last:?}"
    );
}

#[tokio::test]
async fn unknown_and_foreign_ids_are_acknowledged_without_effect() {
    let s = setup("Europe/London", customer(), "2027-01-31").await;
    let now = at("2027-02-01T09:00:00Z");
    let handler = handler(&s.kit, &s.kit.ports);
    let other = AccountId::from(uuid::Uuid::now_v7());
    for job in [
        reminder_job(&other, &s.invoice.id),
        reminder_job(&s.account_id, &DocumentId::from(uuid::Uuid::now_v7())),
    ] {
        assert_eq!(handler.handle(&job, now).await.unwrap().reminders_sent, 0);
    }
    let malformed = Job::new("x", "send_reminders", &json!({"account": "nope"}));
    assert!(matches!(
        handler.handle(&malformed, now).await,
        Err(uome_core::jobs::JobError::Rejected(_))
    ));
    assert!(subjects(&s.kit).is_empty());
}

/// The first reminder of an invoice due on 2027-01-31 is the courtesy one
/// on 2027-01-28, counted in each account's own calendar.
#[tokio::test]
async fn each_account_gets_its_reminders_on_its_own_local_date() {
    // Auckland is UTC+13 in January: its 28th begins at 27 Jan 11:00 UTC.
    let nz = setup("Pacific/Auckland", customer(), "2027-01-31").await;
    assert_eq!(run(&nz, at("2027-01-27T10:59:00Z")).await.0, 0);
    assert_eq!(
        run(&nz, at("2027-01-27T11:00:00Z")).await.1.reminders_sent,
        1
    );
    // Los Angeles is UTC-8: its 28th begins at 28 Jan 08:00 UTC.
    let la = setup("America/Los_Angeles", customer(), "2027-01-31").await;
    assert_eq!(run(&la, at("2027-01-28T07:59:00Z")).await.0, 0);
    assert_eq!(
        run(&la, at("2027-01-28T08:00:00Z")).await.1.reminders_sent,
        1
    );
}

#[tokio::test]
async fn a_manual_reminder_appears_in_the_history() {
    let s = setup("Europe/London", customer(), "2027-01-31").await;
    s.kit
        .clock
        .set(Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).unwrap());
    uome_core::invoices::remind_invoice(
        &s.kit.ports,
        &s.kit.service,
        &s.account_id,
        &s.invoice.id,
        None,
    )
    .await
    .unwrap();
    let lines = lines(&s).await;
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0].kind, lines[0].status, lines[0].to.as_deref()),
        (
            ReminderKind::Manual,
            ReminderStatus::Sent,
            Some("ap@client.test")
        )
    );
}

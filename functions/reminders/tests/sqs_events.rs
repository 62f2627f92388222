//! The `reminders` function's consumer fed the real SQS event fixture
//! (`events/reminders-sqs.json`) over the embedded adapters: every record
//! of the batch handled, only what may pass reported for redelivery.

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod invoices;
#[path = "../../../shared/core/tests/kit/mailers.rs"]
#[allow(dead_code)]
mod mailers;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use mailers::RefusingMailer;
use serde_json::json;
use uome_core::ports::Ports;
use uome_core::service::ServiceConfig;
use uome_events::SqsEvent;
use uome_testkit::TestEnv;

const FIXTURE: &str = include_str!("../../../events/reminders-sqs.json");

/// The fixture with its placeholders filled in: records 1 and 2 name the
/// invoice (a delivery and its redelivery), 3 is not a job, 4 names
/// another account.
fn event(account_id: &str, invoice_id: &str) -> SqsEvent {
    let text = FIXTURE
        .replace("{{account_id}}", account_id)
        .replace("{{id}}", invoice_id);
    serde_json::from_str(&text).expect("the fixture is an SQS event")
}

fn service() -> ServiceConfig {
    ServiceConfig::new(
        uome_testkit::PUBLIC_URL,
        uome_core::ports::Mailbox::named("Uome", "no-reply@uome.test"),
    )
}

/// An account with an issued invoice due on 2027-01-31 to a customer with
/// an email address; the clock on level 1's day.
async fn setup() -> (TestEnv, String, String, DateTime<Utc>) {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let ports = &env.ctx.ports;
    let contact = invoices::customer(ports, &owner.account_id).await;
    let due = chrono::NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    let invoice = invoices::issued_due(ports, &owner.account_id, &contact, due).await;
    let now = DateTime::parse_from_rfc3339("2027-02-01T09:00:00Z")
        .unwrap()
        .to_utc();
    env.clock.set(now);
    (
        env,
        owner.account_id.to_string(),
        invoice.id.to_string(),
        now,
    )
}

#[tokio::test]
async fn a_batch_sends_once_acknowledges_bad_records_and_reports_no_failure() {
    let (env, account_id, invoice_id, now) = setup().await;
    let consumer = uome_reminders::consumer(&env.ctx.ports, &service());
    let report = consumer.handle(event(&account_id, &invoice_id), now).await;
    assert!(report.response.batch_item_failures.is_empty(), "{report:?}");
    assert_eq!(
        report.outcome.reminders_sent, 1,
        "one email for the two deliveries"
    );
    assert_eq!(report.handled, 3);
    assert_eq!(report.dropped, 1, "the record that is not a job");
    let mail = env.embedded.outbox.list().unwrap();
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].subject.starts_with("Payment reminder"),
        "{}",
        mail[0].subject
    );
    // The whole batch again (SQS redelivers): nothing more.
    let again = consumer.handle(event(&account_id, &invoice_id), now).await;
    assert_eq!(again.outcome.reminders_sent, 0);
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 1);
    // The answer Lambda returns has the shape the trigger reads.
    assert_eq!(
        serde_json::to_value(&again.response).unwrap(),
        json!({"batchItemFailures": []})
    );
}

#[tokio::test]
async fn a_mailer_failure_fails_only_those_records_and_the_redelivery_sends_once() {
    let (env, account_id, invoice_id, now) = setup().await;
    let refusing = Ports {
        mailer: Arc::new(RefusingMailer),
        ..env.ctx.ports.clone()
    };
    let report = uome_reminders::consumer(&refusing, &service())
        .handle(event(&account_id, &invoice_id), now)
        .await;
    let failed = report.failed_ids();
    assert!(!failed.is_empty());
    for id in &failed {
        assert!(
            id.ends_with("000000000001") || id.ends_with("000000000002"),
            "only the records of the invoice fail: {failed:?}"
        );
    }
    assert!(env.embedded.outbox.list().unwrap().is_empty());
    let retried = uome_reminders::consumer(&env.ctx.ports, &service())
        .handle(event(&account_id, &invoice_id), now)
        .await;
    assert!(retried.response.batch_item_failures.is_empty());
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 1);
}

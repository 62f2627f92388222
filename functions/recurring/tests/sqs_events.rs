//! The `recurring` function's consumer fed the real SQS event fixture
//! (`events/recurring-sqs.json`) over the embedded adapters: a delivery
//! and its redelivery in one batch make one invoice; a record that is not
//! a job and another account's id are acknowledged without effect.

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod invoices;
#[path = "../../../shared/core/tests/kit/recurring.rs"]
mod recurring;

use chrono::DateTime;
use uome_core::ports::Mailbox;
use uome_core::service::ServiceConfig;
use uome_events::SqsEvent;
use uome_testkit::TestEnv;

const FIXTURE: &str = include_str!("../../../events/recurring-sqs.json");

#[tokio::test]
async fn a_batch_with_a_redelivery_makes_one_invoice_and_reports_no_failure() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let ports = &env.ctx.ports;
    let contact = invoices::customer(ports, &owner.account_id).await;
    let record =
        recurring::monthly_from_jan_31(ports, &owner.account_id, &contact, true, None).await;
    let now = DateTime::parse_from_rfc3339("2027-01-31T09:00:00Z")
        .unwrap()
        .to_utc();
    let text = FIXTURE
        .replace("{{account_id}}", owner.account_id.as_str())
        .replace("{{id}}", record.id.as_str());
    let event: SqsEvent = serde_json::from_str(&text).expect("an SQS event");
    let service = ServiceConfig::new(
        uome_testkit::PUBLIC_URL,
        Mailbox::named("Uome", "no-reply@uome.test"),
    );
    let consumer = uome_recurring::consumer(ports, &service);
    let report = consumer.handle(event.clone(), now).await;
    assert!(report.response.batch_item_failures.is_empty(), "{report:?}");
    assert_eq!(report.outcome.invoices_created, 1);
    assert_eq!((report.handled, report.dropped), (3, 1));
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 1, "auto_send");
    let again = consumer.handle(event, now).await;
    assert_eq!(again.outcome.invoices_created, 0);
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 1);
}

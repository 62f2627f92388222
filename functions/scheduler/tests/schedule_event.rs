//! The `scheduler` function fed the real EventBridge fixture
//! (`events/scheduler-tick.json`): it runs as of the event's time and
//! queues exactly the due work.

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod invoices;

use uome_core::ports::{Clock, QueueName};
use uome_events::EventBridgeEvent;
use uome_testkit::TestEnv;

const FIXTURE: &str = include_str!("../../../events/scheduler-tick.json");

#[tokio::test]
async fn the_tick_runs_as_of_the_events_time_and_queues_the_due_invoices() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let ports = &env.ctx.ports;
    let contact = invoices::customer(ports, &owner.account_id).await;
    let date = |text: &str| text.parse::<chrono::NaiveDate>().unwrap();
    // Level 1 of the first is due on 2027-02-01 (the event's day); the
    // second's courtesy reminder is due on 2027-02-25.
    let due = invoices::issued_due(ports, &owner.account_id, &contact, date("2027-01-31")).await;
    invoices::issued_due(ports, &owner.account_id, &contact, date("2027-02-28")).await;

    let event: EventBridgeEvent = serde_json::from_str(FIXTURE).expect("a schedule event");
    let scheduler = uome_scheduler::scheduler(ports);
    // The clock is still in 2026: the event's time decides.
    let queued = uome_events::tick(scheduler.as_ref(), &event, env.clock.now())
        .await
        .unwrap();
    assert_eq!(queued, 1);
    let jobs = env.embedded.queue.drain();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].0, QueueName::Reminders);
    assert_eq!(jobs[0].1.payload["id"], due.id.to_string());
    assert_eq!(
        jobs[0].1.payload["account_id"],
        owner.account_id.to_string()
    );

    // The same event again (EventBridge retries) queues the same job id,
    // which the consumer handles idempotently.
    uome_events::tick(scheduler.as_ref(), &event, env.clock.now())
        .await
        .unwrap();
    let again = env.embedded.queue.drain();
    assert_eq!(again[0].1.id, jobs[0].1.id);
}

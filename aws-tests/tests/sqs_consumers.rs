//! The job consumers against moto's SQS (API.md §12): the scheduler queues
//! due work on a real queue with `SendMessageBatch`, a consumer receives
//! it, hands the batch to the same `QueueConsumer` the Lambda functions
//! serve and deletes what it acknowledged, as Lambda's event source
//! mapping does with `ReportBatchItemFailures`. A record that keeps
//! failing is redriven to the dead-letter queue by SQS itself.

#[path = "../../shared/core/tests/kit/accounts.rs"]
#[allow(dead_code)]
mod accounts;
#[path = "../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod invoices;
#[path = "../../shared/core/tests/kit/mailers.rs"]
#[allow(dead_code)]
mod mailers;

use std::collections::HashMap;
use std::sync::Arc;

use aws_sdk_sqs::types::QueueAttributeName;
use chrono::{DateTime, NaiveDate, Utc};
use mailers::RefusingMailer;
use uome_adapters::aws::sqs::SqsQueue;
use uome_adapters::embedded::{EmbeddedPorts, embedded_ports};
use uome_aws_tests::{sdk_config, unique_name};
use uome_core::jobs::{DueScheduler, Scheduler, job_handlers};
use uome_core::ports::{FixedClock, Mailbox, Ports, QueueName, RandomIds};
use uome_core::service::ServiceConfig;
use uome_events::{QueueConsumer, SqsEvent, SqsMessage};

const MAX_RECEIVES: u32 = 2;

struct Queues {
    client: aws_sdk_sqs::Client,
    url: String,
    dlq_url: String,
}

/// A reminders queue whose messages go to a dead-letter queue after
/// [`MAX_RECEIVES`] receives, as in infra/template.yaml (there: 5).
async fn queues() -> Option<Queues> {
    let client = aws_sdk_sqs::Client::new(&sdk_config().await?);
    let dlq_url = client
        .create_queue()
        .queue_name(unique_name("uome-reminders-dlq"))
        .send()
        .await
        .unwrap()
        .queue_url
        .unwrap();
    let dlq_arn = client
        .get_queue_attributes()
        .queue_url(&dlq_url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .unwrap()
        .attributes
        .unwrap()[&QueueAttributeName::QueueArn]
        .clone();
    let redrive = serde_json::json!({
        "deadLetterTargetArn": dlq_arn,
        "maxReceiveCount": MAX_RECEIVES.to_string()
    })
    .to_string();
    let url = client
        .create_queue()
        .queue_name(unique_name("uome-reminders"))
        .attributes(QueueAttributeName::RedrivePolicy, redrive)
        .send()
        .await
        .unwrap()
        .queue_url
        .unwrap();
    Some(Queues {
        client,
        url,
        dlq_url,
    })
}

/// The embedded table and outbox, the real queue, an account with an
/// issued invoice due on 2027-01-31 to a customer with an email address.
struct World {
    embedded: EmbeddedPorts,
    ports: Ports,
    service: ServiceConfig,
    _dir: tempfile::TempDir,
}

async fn world(q: &Queues) -> World {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(at("2027-02-01T09:00:00Z")));
    let embedded = embedded_ports(
        dir.path(),
        "http://127.0.0.1:3000",
        b"blob-secret".to_vec(),
        clock,
        Arc::new(RandomIds),
    )
    .unwrap();
    let mut ports = embedded.ports.clone();
    ports.queue = Arc::new(SqsQueue::new(
        q.client.clone(),
        HashMap::from([(QueueName::Reminders, q.url.clone())]),
    ));
    let account = accounts::signed_up(&ports, "owner@acme.test", "Acme Ltd").await;
    let contact = invoices::customer(&ports, &account.account_id).await;
    let due = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    invoices::issued_due(&ports, &account.account_id, &contact, due).await;
    World {
        embedded,
        ports,
        service: ServiceConfig::new(
            "http://127.0.0.1:3000",
            Mailbox::named("Uome", "no-reply@uome.test"),
        ),
        _dir: dir,
    }
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// One poll as Lambda's event source mapping makes it: receive up to 10,
/// hand them over as one SQS event, delete the acknowledged ones, and make
/// the failed ones visible again at once (SQS would after the visibility
/// timeout). Answers (received, failed).
async fn poll(q: &Queues, consumer: &QueueConsumer, now: DateTime<Utc>) -> (usize, usize) {
    let out = q
        .client
        .receive_message()
        .queue_url(&q.url)
        .max_number_of_messages(10)
        .wait_time_seconds(1)
        .send()
        .await
        .unwrap();
    let messages = out.messages();
    let mut event = SqsEvent::default();
    event.records = messages
        .iter()
        .map(|m| {
            let mut record = SqsMessage::default();
            record.message_id = m.message_id().map(str::to_owned);
            record.receipt_handle = m.receipt_handle().map(str::to_owned);
            record.body = m.body().map(str::to_owned);
            record.event_source = Some("aws:sqs".into());
            record
        })
        .collect();
    let report = consumer.handle(event, now).await;
    let failed = report.failed_ids();
    for m in messages {
        let handle = m.receipt_handle().unwrap();
        if failed.contains(&m.message_id().unwrap()) {
            q.client
                .change_message_visibility()
                .queue_url(&q.url)
                .receipt_handle(handle)
                .visibility_timeout(0)
                .send()
                .await
                .unwrap();
        } else {
            q.client
                .delete_message()
                .queue_url(&q.url)
                .receipt_handle(handle)
                .send()
                .await
                .unwrap();
        }
    }
    (messages.len(), failed.len())
}

async fn depth(q: &Queues, url: &str) -> usize {
    let attributes = q
        .client
        .get_queue_attributes()
        .queue_url(url)
        .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
        .send()
        .await
        .unwrap()
        .attributes
        .unwrap();
    attributes[&QueueAttributeName::ApproximateNumberOfMessages]
        .parse()
        .unwrap()
}

#[tokio::test]
async fn due_work_goes_through_a_real_queue_and_is_sent_once() {
    let Some(q) = queues().await else {
        return;
    };
    let w = world(&q).await;
    let now = at("2027-02-01T09:00:00Z");
    let scheduler = DueScheduler::new(w.ports.clone());
    // Two ticks (an EventBridge retry): the same job twice on the queue.
    assert_eq!(scheduler.enqueue_due(now).await.unwrap(), 1);
    assert_eq!(scheduler.enqueue_due(now).await.unwrap(), 1);
    let consumer = QueueConsumer::new(QueueName::Reminders, job_handlers(&w.ports, &w.service));
    let mut received = 0;
    for _ in 0..5 {
        let (got, failed) = poll(&q, &consumer, now).await;
        assert_eq!(failed, 0);
        received += got;
        if received == 2 {
            break;
        }
    }
    assert_eq!(received, 2, "both deliveries arrived");
    assert_eq!(w.embedded.outbox.list().unwrap().len(), 1, "one email");
    assert_eq!(
        depth(&q, &q.url).await,
        0,
        "acknowledged messages are deleted"
    );
}

#[tokio::test]
async fn a_job_that_keeps_failing_is_redriven_to_the_dead_letter_queue() {
    let Some(q) = queues().await else {
        return;
    };
    let w = world(&q).await;
    let now = at("2027-02-01T09:00:00Z");
    DueScheduler::new(w.ports.clone())
        .enqueue_due(now)
        .await
        .unwrap();
    let refusing = Ports {
        mailer: Arc::new(RefusingMailer),
        ..w.ports.clone()
    };
    let consumer = QueueConsumer::new(QueueName::Reminders, job_handlers(&refusing, &w.service));
    let mut failures = 0;
    for _ in 0..(MAX_RECEIVES + 3) {
        let (_, failed) = poll(&q, &consumer, now).await;
        failures += failed;
    }
    assert_eq!(
        failures, MAX_RECEIVES as usize,
        "failed on every receive it got"
    );
    assert_eq!(depth(&q, &q.url).await, 0);
    assert_eq!(
        depth(&q, &q.dlq_url).await,
        1,
        "SQS moved it to the dead-letter queue"
    );
    assert!(w.embedded.outbox.list().unwrap().is_empty());
}

//! `SqsQueue` against moto's SQS: batches chunked by the adapter, messages
//! read back with the raw SDK as a consumer would.

use std::collections::{BTreeSet, HashMap};

use serde_json::json;
use uome_adapters::aws::sqs::{SqsQueue, job_from_body};
use uome_aws_tests::{sdk_config, unique_name};
use uome_core::ports::{Job, Queue, QueueError, QueueName};

async fn client() -> Option<aws_sdk_sqs::Client> {
    Some(aws_sdk_sqs::Client::new(&sdk_config().await?))
}

async fn create_queue(client: &aws_sdk_sqs::Client) -> String {
    client
        .create_queue()
        .queue_name(unique_name("uome-reminders"))
        .send()
        .await
        .unwrap()
        .queue_url
        .unwrap()
}

#[tokio::test]
async fn twenty_five_jobs_round_trip_through_batches() {
    let Some(client) = client().await else {
        return;
    };
    let url = create_queue(&client).await;
    let queue = SqsQueue::new(
        client.clone(),
        HashMap::from([(QueueName::Reminders, url.clone())]),
    );

    let jobs: Vec<Job> = (0..25)
        .map(|n| {
            Job::new(
                format!("reminder-{n}"),
                "send_reminder",
                &json!({ "invoice": format!("inv-{n}"), "note": "ünïcode & \"quotes\"" }),
            )
        })
        .collect();
    queue
        .send_batch(QueueName::Reminders, jobs.clone())
        .await
        .unwrap();
    queue
        .send(
            QueueName::Reminders,
            Job::new("single", "send_reminder", &json!({})),
        )
        .await
        .unwrap();

    let mut received = Vec::new();
    for _ in 0..30 {
        if received.len() >= 26 {
            break;
        }
        let out = client
            .receive_message()
            .queue_url(&url)
            .max_number_of_messages(10)
            .wait_time_seconds(1)
            .send()
            .await
            .unwrap();
        for message in out.messages() {
            received.push(job_from_body(message.body().unwrap()).unwrap());
        }
    }

    let ids: BTreeSet<_> = received.iter().map(|j| j.id.clone()).collect();
    let mut expected: BTreeSet<_> = jobs.iter().map(|j| j.id.clone()).collect();
    expected.insert("single".into());
    assert_eq!(ids, expected);
    for job in &jobs {
        assert!(received.contains(job), "{job:?} changed on the way");
    }
}

#[tokio::test]
async fn unknown_queue_and_backend_errors() {
    let Some(client) = client().await else {
        return;
    };
    let url = create_queue(&client).await;
    let queue = SqsQueue::new(
        client.clone(),
        HashMap::from([(QueueName::Reminders, url.clone())]),
    );
    let job = Job::new("x", "k", &json!({}));
    assert!(matches!(
        queue.send(QueueName::Recurring, job.clone()).await,
        Err(QueueError::UnknownQueue(name)) if name == "recurring"
    ));
    // Nothing to send is not an error, and sends nothing.
    queue
        .send_batch(QueueName::Reminders, Vec::new())
        .await
        .unwrap();

    let gone = format!("{}-gone", url);
    let broken = SqsQueue::new(client, HashMap::from([(QueueName::Recurring, gone)]));
    match broken.send(QueueName::Recurring, job).await {
        Err(QueueError::Backend { code, .. }) => {
            assert!(
                code.contains("NonExistentQueue") || code.contains("QueueDoesNotExist"),
                "{code}"
            )
        }
        other => panic!("expected a backend error, got {other:?}"),
    }
}

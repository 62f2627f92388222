//! The whole `main` of a job function (API.md §12): logging, configuration
//! and clients once per cold start, then the event loop of `lambda_runtime`
//! around the shared event handling of `uome-events`.

use std::sync::Arc;

use chrono::Utc;
use lambda_runtime::{LambdaEvent, service_fn};
use uome_core::Ports;
use uome_core::jobs::{ObjectCreated, Scheduler};
use uome_core::service::ServiceConfig;
use uome_events::{EventBridgeEvent, QueueConsumer, S3Event, SqsBatchResponse, SqsEvent};

use crate::ports::ports;
use crate::services::Services;

/// Ports and service configuration from the environment; a bad
/// configuration stops the cold start with one clear line.
async fn wire(services: Services) -> Result<(Ports, ServiceConfig), lambda_runtime::Error> {
    uome_http::telemetry::init_lambda();
    let env = crate::configuration(services)?;
    let ports = ports(&env, services).await;
    let service = ServiceConfig::new(&env.public_url, env.mail_from.clone());
    Ok((ports, service))
}

/// Serves an SQS-triggered consumer built by `consumer`: every record of
/// each batch handled, the partial-batch answer returned.
pub async fn serve_queue(
    consumer: fn(&Ports, &ServiceConfig) -> QueueConsumer,
    services: Services,
) -> Result<(), lambda_runtime::Error> {
    let (ports, service) = wire(services).await?;
    let consumer = Arc::new(consumer(&ports, &service));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SqsEvent>| {
        let consumer = consumer.clone();
        async move {
            let received = event.payload.records.len();
            let report = consumer.handle(event.payload, Utc::now()).await;
            tracing::info!(
                queue = consumer.queue().as_str(),
                received,
                handled = report.handled,
                dropped = report.dropped,
                retried = report.response.batch_item_failures.len(),
                reminders_sent = report.outcome.reminders_sent,
                invoices_created = report.outcome.invoices_created,
                "batch"
            );
            Ok::<SqsBatchResponse, lambda_runtime::Error>(report.response)
        }
    }))
    .await
}

/// Serves the EventBridge-scheduled scheduler built by `scheduler`. A
/// failed tick is an error, so EventBridge retries the event; the
/// consumers make the second enqueue of the same work harmless.
pub async fn serve_schedule(
    scheduler: fn(&Ports) -> Arc<dyn Scheduler>,
    services: Services,
) -> Result<(), lambda_runtime::Error> {
    let (ports, _) = wire(services).await?;
    let scheduler = scheduler(&ports);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<EventBridgeEvent>| {
        let scheduler = scheduler.clone();
        async move {
            let queued = uome_events::tick(scheduler.as_ref(), &event.payload, Utc::now()).await?;
            Ok::<serde_json::Value, lambda_runtime::Error>(
                serde_json::json!({ "enqueued": queued }),
            )
        }
    }))
    .await
}

/// Serves an S3-triggered function: every `ObjectCreated` record of each
/// event handed to the hook built by `hook`. A failure that may pass fails
/// the invocation, so Lambda retries the (asynchronous) event.
pub async fn serve_objects(
    hook: fn(&Ports) -> Arc<dyn ObjectCreated>,
    services: Services,
) -> Result<(), lambda_runtime::Error> {
    let (ports, _) = wire(services).await?;
    let hook = hook(&ports);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<S3Event>| {
        let hook = hook.clone();
        async move {
            let handled =
                uome_events::objects_created(hook.as_ref(), &event.payload, Utc::now()).await?;
            Ok::<serde_json::Value, lambda_runtime::Error>(
                serde_json::json!({ "handled": handled }),
            )
        }
    }))
    .await
}

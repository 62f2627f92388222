//! The `reminders` function (API.md §12): an SQS consumer. Each message
//! names one open invoice; core's reminders job re-reads it and sends the
//! reminder now due, at most once per invoice and level
//! (`uome_core::dunning::run`, docs/jobs.md).

use uome_core::Ports;
use uome_core::jobs::job_handlers;
use uome_core::ports::QueueName;
use uome_core::service::ServiceConfig;
use uome_events::QueueConsumer;

/// The consumer of the reminders queue.
pub fn consumer(ports: &Ports, service: &ServiceConfig) -> QueueConsumer {
    QueueConsumer::new(QueueName::Reminders, job_handlers(ports, service))
}

//! The `recurring` function (API.md §12): an SQS consumer. Each message
//! names one recurring invoice; core's recurring job re-reads it and
//! creates every period now due exactly once, issuing and emailing it
//! when `auto_send` (`uome_core::recurring::generate`, docs/jobs.md).

use uome_core::Ports;
use uome_core::jobs::job_handlers;
use uome_core::ports::QueueName;
use uome_core::service::ServiceConfig;
use uome_events::QueueConsumer;

/// The consumer of the recurring queue.
pub fn consumer(ports: &Ports, service: &ServiceConfig) -> QueueConsumer {
    QueueConsumer::new(QueueName::Recurring, job_handlers(ports, service))
}

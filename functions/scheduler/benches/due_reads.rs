//! What the scheduler costs as the table grows (API.md §12, docs/jobs.md):
//! 100,000 open invoices of which 1,000 are due, on the embedded SQLite
//! table behind the call-counting `Table`. Prints the items read and
//! Queries made by one scheduler run, the jobs queued, and the
//! SendMessageBatch calls they take on SQS (10 messages a call), then the
//! same for a second run (it must read the same: nothing moved), and the
//! run's wall time. A bench binary rather than criterion: the figures that
//! matter are counts, which do not vary between runs.
//!
//! `cargo bench -p uome-scheduler --bench due_reads`

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use async_trait::async_trait;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use uome_core::account::settings::Reminders;
use uome_core::dunning::{DueContext, DunningEntry};
use uome_core::ports::counting::CountingTable;
use uome_core::ports::{BatchWrite, Job, Queue, QueueError, QueueName};
use uome_domain::dunning::Progress;
use uome_domain::{AccountId, ContactId, DocumentId};
use uome_testkit::TestEnv;

const INVOICES: usize = 100_000;
const DUE: usize = 1_000;
/// SendMessageBatch's limit, which the SQS adapter fills.
const SQS_BATCH: usize = 10;

/// Counts the jobs queued and the SQS calls they would take.
#[derive(Default)]
struct CountingQueue {
    jobs: AtomicUsize,
    sqs_calls: AtomicUsize,
}

#[async_trait]
impl Queue for CountingQueue {
    async fn send_batch(&self, _: QueueName, jobs: Vec<Job>) -> Result<(), QueueError> {
        self.jobs.fetch_add(jobs.len(), Ordering::Relaxed);
        self.sqs_calls
            .fetch_add(jobs.len().div_ceil(SQS_BATCH), Ordering::Relaxed);
        Ok(())
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let env = TestEnv::new();
    let ctx = DueContext {
        reminders: Reminders::default(),
        tz: chrono_tz::Europe::London,
    };
    let accounts: Vec<AccountId> = (0..100)
        .map(|_| AccountId::from(uuid::Uuid::now_v7()))
        .collect();
    // Invoices due from 2027-03-01 on; "now" is 2027-02-01 09:00 UTC, so
    // only the first DUE, due on 2027-02-03 or before (courtesy reminder
    // three days ahead), are due; the rest fall due months later.
    let now = Utc.with_ymd_and_hms(2027, 2, 1, 9, 0, 0).unwrap();
    let soon = NaiveDate::from_ymd_opt(2027, 2, 2).expect("date");
    let later = NaiveDate::from_ymd_opt(2027, 3, 1).expect("date");
    let started = Instant::now();
    rt.block_on(async {
        let mut batch = Vec::with_capacity(25);
        for i in 0..INVOICES {
            let account_id = &accounts[i % accounts.len()];
            let due_date = if i < DUE {
                soon
            } else {
                later + Duration::days((i % 300) as i64)
            };
            let entry = DunningEntry {
                invoice_id: DocumentId::from(uuid::Uuid::now_v7()),
                contact_id: ContactId::from(uuid::Uuid::now_v7()),
                due_date,
                progress: Progress::default(),
                automatic_dunning: true,
                version: 0,
            };
            batch.push(BatchWrite::Put(
                entry.item(account_id, &ctx, 1).expect("entry item"),
            ));
            if batch.len() == 25 {
                let writes = std::mem::take(&mut batch);
                env.ctx
                    .ports
                    .table
                    .batch_write(writes)
                    .await
                    .expect("write");
            }
        }
        if !batch.is_empty() {
            env.ctx.ports.table.batch_write(batch).await.expect("write");
        }
    });
    println!(
        "loaded {INVOICES} open invoices' due-work entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let counting = Arc::new(CountingTable::new(env.ctx.ports.table.clone()));
    let queue = Arc::new(CountingQueue::default());
    let mut ports = env.ctx.ports.clone();
    ports.table = counting.clone();
    ports.queue = queue.clone();
    let scheduler = uome_scheduler::scheduler(&ports);
    for run in 1..=2 {
        let started = Instant::now();
        let queued = rt.block_on(scheduler.enqueue_due(now)).expect("scheduler");
        let elapsed = started.elapsed();
        let items_read = counting.take_items_read();
        let calls = counting.take();
        let sqs_calls = queue.sqs_calls.swap(0, Ordering::Relaxed);
        queue.jobs.swap(0, Ordering::Relaxed);
        println!(
            "run {run}: {DUE} due among {INVOICES}: read {items_read} items in {} Queries, queued {queued} jobs in {sqs_calls} SendMessageBatch calls, {:.1} ms",
            calls.get("query").copied().unwrap_or(0),
            elapsed.as_secs_f64() * 1000.0
        );
        assert_eq!(queued, DUE, "exactly the due invoices are queued");
        assert!(items_read <= 1_100, "the scheduler read {items_read} items");
    }
}

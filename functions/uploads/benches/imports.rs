//! Bulk imports on the embedded adapters (SQLite table, file store), the
//! figures issue 12 asks for. A bench binary, not a timed test:
//!
//! 1. a 5,000-row `POST /v1/uploads/invoices` body (1,000 customers, all
//!    new) through `imports::import_bulk`: wall time, table calls (how
//!    many transactions, items per call) and the peak RSS of the process
//!    while it runs;
//! 2. a 50 MiB `import` upload of invoice rows through the processing
//!    S3's event drives (`uploads::process_object`: the streamed check,
//!    then the streamed apply): wall time, rows, and peak RSS.
//!
//! Peak RSS is the kernel's high-water mark (`VmHWM`), reset just before
//! each measured step (`/proc/self/clear_refs`), so building the input
//! does not count; it is the whole process's, runtime and SQLite included.
//!
//! `cargo bench -p uome-uploads --bench imports`

use std::sync::Arc;
use std::time::Instant;

use serde_json::{Value, json};
use uome_core::imports::import_bulk;
use uome_core::ports::counting::CountingTable;
use uome_core::uploads::{ImportType, NewUpload, UploadPurpose, process_object};
use uome_testkit::TestEnv;

const BULK_ROWS: usize = 5_000;
const CUSTOMERS: usize = 1_000;
const IMPORT_BYTES: usize = 50 << 20;

/// `VmHWM` and `VmRSS` of this process, in MiB.
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// Starts a new high-water mark at the current RSS.
fn reset_peak() {
    if let Err(e) = std::fs::write("/proc/self/clear_refs", "5") {
        eprintln!("cannot reset the peak RSS ({e}); the peak includes the setup");
    }
}

fn row(i: usize) -> Value {
    json!({
        "customerNumber": format!("C-{:05}", i % CUSTOMERS),
        "customerName": format!("Customer {} GmbH", i % CUSTOMERS),
        "invoiceNumber": format!("ERP-{i:07}"),
        "invoiceAmount": format!("{}.{:02}", 100 + i % 900, i % 100),
        "balanceAmount": format!("{}.00", i % 100),
        "currency": "EUR",
        "postDate": "2026-10-01",
        "dueDate": "2026-10-31",
        "companyCode": "XY22",
        "fiscalYear": "2026",
        "itemText": "Consulting services as agreed in the framework contract, October 2026",
        "billAddr": {"street": "Hauptstrasse 1", "city": "Bern", "zip": "3011", "country": "CH"}
    })
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(bulk());
    rt.block_on(upload());
}

async fn bulk() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let counting = Arc::new(CountingTable::new(env.ctx.ports.table.clone()));
    let mut ports = env.ctx.ports.clone();
    ports.table = counting.clone();
    let body = serde_json::to_vec(&(0..BULK_ROWS).map(row).collect::<Vec<_>>()).expect("json");
    println!(
        "bulk: {BULK_ROWS} invoice rows, {CUSTOMERS} new customers, body {:.2} MiB",
        body.len() as f64 / (1 << 20) as f64
    );
    reset_peak();
    let started = Instant::now();
    let report = import_bulk(&ports, &owner.account_id, ImportType::Invoices, &body)
        .await
        .expect("import");
    let took = started.elapsed();
    let (peak, _) = memory();
    let calls = counting.take();
    let written = counting.take_items_written();
    let transactions = calls.get("transact").copied().unwrap_or(0);
    println!(
        "bulk: {} created, {} rejected in {:.2} s ({:.0} rows/s)",
        report.created,
        report.rejected.len(),
        took.as_secs_f64(),
        BULK_ROWS as f64 / took.as_secs_f64()
    );
    println!(
        "bulk: {transactions} TransactWriteItems for {written} items ({:.1} items a call), \
         0 single writes; reads {:?}",
        written as f64 / transactions.max(1) as f64,
        calls
            .iter()
            .filter(|(name, _)| !matches!(**name, "transact"))
            .collect::<Vec<_>>()
    );
    println!("bulk: peak RSS {peak:.1} MiB");
}

async fn upload() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let ports = &env.ctx.ports;
    // Rows until the file is 50 MiB.
    let mut bytes = Vec::with_capacity(IMPORT_BYTES + 4096);
    bytes.push(b'[');
    let mut rows = 0;
    while bytes.len() < IMPORT_BYTES - 1024 {
        if rows > 0 {
            bytes.push(b',');
        }
        serde_json::to_writer(&mut bytes, &row(rows)).expect("json");
        rows += 1;
    }
    bytes.push(b']');
    let size = bytes.len();
    let presigned = uome_core::uploads::create(
        ports,
        &owner.account_id,
        NewUpload {
            purpose: UploadPurpose::Import,
            file_name: "erp-export.json".into(),
            content_type: "application/json".into(),
            size_bytes: size as i64,
            import_type: Some(ImportType::Invoices),
            owner_id: None,
        },
    )
    .await
    .expect("upload");
    let key = presigned.upload.key;
    ports
        .blobs
        .put(&key, bytes, "application/json")
        .await
        .expect("object");
    println!(
        "import: {rows} invoice rows in {:.1} MiB",
        size as f64 / (1 << 20) as f64
    );
    reset_peak();
    let started = Instant::now();
    let outcome = process_object(ports, &key).await.expect("processed");
    let took = started.elapsed();
    let (peak, _) = memory();
    let upload = uome_core::uploads::load(ports, &owner.account_id, &presigned.upload.id)
        .await
        .expect("upload");
    let report = upload.found.report.expect("report");
    println!(
        "import: {outcome:?}, {} created, {} rejected in {:.1} s ({:.0} rows/s)",
        report.created,
        report.rejected_count,
        took.as_secs_f64(),
        rows as f64 / took.as_secs_f64()
    );
    println!("import: peak RSS {peak:.1} MiB");
}

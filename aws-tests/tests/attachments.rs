//! Upload processing against moto's S3 (API.md §11): real presigned PUTs,
//! then the real S3 event fixture (`events/attachments-s3.json`) through
//! the same handling the `attachments` function serves. A good PNG is
//! `ready` with its thumbnail in the bucket; a lying PNG is `rejected` and
//! its object deleted; the same event twice changes nothing.

#[path = "../../shared/core/tests/kit/accounts.rs"]
#[allow(dead_code)]
mod accounts;
#[path = "../../shared/core/tests/kit/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;

use std::sync::Arc;

use chrono::Utc;
use uome_adapters::aws::s3::S3Blobs;
use uome_adapters::embedded::embedded_ports;
use uome_aws_tests::s3_bucket;
use uome_core::ports::{FixedClock, Ports, RandomIds};
use uome_core::uploads::{
    self, NewUpload, UploadProcessor, UploadPurpose, UploadRecord, UploadStatus,
};
use uome_domain::AccountId;
use uome_events::S3Event;

const FIXTURE: &str = include_str!("../../events/attachments-s3.json");

/// The embedded table with a fresh moto bucket behind the `Blobs` port.
async fn ports() -> Option<(Ports, tempfile::TempDir)> {
    let (client, bucket) = s3_bucket().await?;
    let dir = tempfile::tempdir().unwrap();
    let embedded = embedded_ports(
        dir.path(),
        "http://127.0.0.1:3000",
        b"blob-secret".to_vec(),
        Arc::new(FixedClock::new(Utc::now())),
        Arc::new(RandomIds),
    )
    .unwrap();
    let mut ports = embedded.ports.clone();
    ports.blobs = Arc::new(S3Blobs::new(client, bucket));
    Some((ports, dir))
}

/// An avatar upload whose bytes are PUT through the presigned URL, as a
/// client would.
async fn uploaded(ports: &Ports, account_id: &AccountId, bytes: &[u8]) -> UploadRecord {
    let avatar = NewUpload {
        purpose: UploadPurpose::Avatar,
        file_name: "me.png".into(),
        content_type: "image/png".into(),
        size_bytes: bytes.len() as i64,
        import_type: None,
        owner_id: None,
    };
    uploaded_as(ports, account_id, avatar, bytes).await
}

/// An upload of `new` whose bytes are PUT through the presigned URL.
async fn uploaded_as(
    ports: &Ports,
    account_id: &AccountId,
    new: NewUpload,
    bytes: &[u8],
) -> UploadRecord {
    let presigned = uploads::create(ports, account_id, new).await.unwrap();
    let mut put = reqwest::Client::new()
        .put(&presigned.request.url)
        .body(bytes.to_vec());
    for (name, value) in &presigned.request.headers {
        put = put.header(name, value);
    }
    let response = put.send().await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    presigned.upload
}

fn event(upload: &UploadRecord) -> S3Event {
    let mut parts = upload.key.split('/');
    let (account, id, name) = (
        parts.nth(1).unwrap(),
        parts.nth(1).unwrap(),
        parts.next().unwrap(),
    );
    let text = FIXTURE
        .replace("{{account_id}}", account)
        .replace("{{id}}", id)
        .replace("{{name}}", name);
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn a_good_png_is_ready_with_its_thumbnail_in_the_bucket_and_twice_is_once() {
    let Some((ports, _dir)) = ports().await else {
        return;
    };
    let account = accounts::signed_up(&ports, "owner@acme.test", "Acme Ltd").await;
    let upload = uploaded(&ports, &account.account_id, fixtures::PNG).await;
    let hook = UploadProcessor {
        ports: ports.clone(),
    };
    for _ in 0..2 {
        uome_events::objects_created(&hook, &event(&upload), Utc::now())
            .await
            .unwrap();
    }
    let ready = uploads::load(&ports, &account.account_id, &upload.id)
        .await
        .unwrap();
    assert_eq!(ready.status, UploadStatus::Ready);
    assert_eq!(ready.found.bytes, Some(fixtures::PNG.len() as u64));
    let thumbnail = ready.found.thumbnail_key.unwrap();
    let png = ports.blobs.get(&thumbnail).await.unwrap().unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

#[tokio::test]
async fn a_lying_png_is_rejected_and_its_object_deleted() {
    let Some((ports, _dir)) = ports().await else {
        return;
    };
    let account = accounts::signed_up(&ports, "owner@acme.test", "Acme Ltd").await;
    let mut zip = b"PK\x03\x04".to_vec();
    zip.resize(64, 0);
    let upload = uploaded(&ports, &account.account_id, &zip).await;
    let hook = UploadProcessor {
        ports: ports.clone(),
    };
    uome_events::objects_created(&hook, &event(&upload), Utc::now())
        .await
        .unwrap();
    let rejected = uploads::load(&ports, &account.account_id, &upload.id)
        .await
        .unwrap();
    assert_eq!(rejected.status, UploadStatus::Rejected);
    assert!(rejected.reason.unwrap().contains("an archive"));
    assert!(ports.blobs.get(&upload.key).await.unwrap().is_none());
}

/// An `import` upload in the bucket: the event (twice) streams it from S3,
/// applies its rows and leaves the report on the upload.
#[tokio::test]
async fn an_import_is_streamed_from_the_bucket_and_applied_once() {
    let Some((ports, _dir)) = ports().await else {
        return;
    };
    let account = accounts::signed_up(&ports, "owner@acme.test", "Acme Ltd").await;
    let rows: Vec<serde_json::Value> = (0..40)
        .map(|i| {
            serde_json::json!({"customerNumber": format!("C-{}", i % 4), "invoiceNumber": format!("S3-{i}"),
                               "invoiceAmount": "12.50"})
        })
        .collect();
    let bytes = serde_json::to_vec(&rows).unwrap();
    let import = NewUpload {
        purpose: UploadPurpose::Import,
        file_name: "invoices.json".into(),
        content_type: "application/json".into(),
        size_bytes: bytes.len() as i64,
        import_type: Some(uploads::ImportType::Invoices),
        owner_id: None,
    };
    let upload = uploaded_as(&ports, &account.account_id, import, &bytes).await;
    let hook = UploadProcessor {
        ports: ports.clone(),
    };
    for _ in 0..2 {
        uome_events::objects_created(&hook, &event(&upload), Utc::now())
            .await
            .unwrap();
    }
    let ready = uploads::load(&ports, &account.account_id, &upload.id)
        .await
        .unwrap();
    assert_eq!(ready.status, UploadStatus::Ready, "{:?}", ready.reason);
    let report = ready.found.report.unwrap();
    assert_eq!(
        (report.received, report.created, report.rejected_count),
        (40, 40, 0)
    );
}

/// S3 refuses a second PUT through the same presigned URL (`If-None-Match:
/// *` is signed into it): checked bytes cannot be replaced.
#[tokio::test]
async fn a_presigned_put_writes_once() {
    let Some((ports, _dir)) = ports().await else {
        return;
    };
    let account = accounts::signed_up(&ports, "owner@acme.test", "Acme Ltd").await;
    let presigned = uploads::create(
        &ports,
        &account.account_id,
        NewUpload {
            purpose: UploadPurpose::Avatar,
            file_name: "me.png".into(),
            content_type: "image/png".into(),
            size_bytes: fixtures::PNG.len() as i64,
            import_type: None,
            owner_id: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        presigned
            .request
            .headers
            .get("if-none-match")
            .map(String::as_str),
        Some("*")
    );
    let put = || {
        let mut put = reqwest::Client::new()
            .put(&presigned.request.url)
            .body(fixtures::PNG.to_vec());
        for (name, value) in &presigned.request.headers {
            put = put.header(name, value);
        }
        put.send()
    };
    assert!(put().await.unwrap().status().is_success());
    let again = put().await.unwrap();
    assert_eq!(
        again.status().as_u16(),
        412,
        "{}",
        again.text().await.unwrap_or_default()
    );
}

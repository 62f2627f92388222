//! The `attachments` function fed the real S3 event fixture
//! (`events/attachments-s3.json`) over the embedded adapters: a good image
//! becomes `ready` with a thumbnail, a lying one is `rejected` and deleted,
//! and the same event delivered twice changes nothing.

#[path = "../../../shared/core/tests/kit/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;

use chrono::Utc;
use uome_core::Ports;
use uome_core::uploads::{self, NewUpload, UploadPurpose, UploadRecord, UploadStatus};
use uome_domain::AccountId;
use uome_events::S3Event;
use uome_testkit::TestEnv;

const FIXTURE: &str = include_str!("../../../events/attachments-s3.json");

/// The fixture naming `upload`'s object, its key URL-encoded as S3 sends it.
fn event(upload: &UploadRecord) -> S3Event {
    let (_, rest) = upload.key.split_once("/uploads/").unwrap();
    let (id, name) = rest.split_once('/').unwrap();
    let account = upload.key.split('/').nth(1).unwrap();
    let text = FIXTURE
        .replace("{{account_id}}", account)
        .replace("{{id}}", id)
        .replace("{{name}}", &name.replace('_', "%5F"));
    serde_json::from_str(&text).expect("an S3 event")
}

async fn upload(ports: &Ports, account_id: &AccountId, bytes: &[u8]) -> UploadRecord {
    let upload = uploads::create(
        ports,
        account_id,
        NewUpload {
            purpose: UploadPurpose::Avatar,
            file_name: "my logo.png".into(),
            content_type: "image/png".into(),
            size_bytes: bytes.len() as i64,
            import_type: None,
            owner_id: None,
        },
    )
    .await
    .unwrap()
    .upload;
    ports
        .blobs
        .put(&upload.key, bytes.to_vec(), "image/png")
        .await
        .unwrap();
    upload
}

async fn stored(ports: &Ports, account_id: &AccountId, id: &str) -> UploadRecord {
    uploads::load(ports, account_id, id).await.unwrap()
}

#[tokio::test]
async fn a_good_image_is_ready_with_a_thumbnail_and_a_second_delivery_changes_nothing() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let ports = &env.ctx.ports;
    let good = upload(ports, &owner.account_id, fixtures::PNG).await;
    let hook = uome_attachments::processor(ports);
    let handled = uome_events::objects_created(hook.as_ref(), &event(&good), Utc::now())
        .await
        .unwrap();
    assert_eq!(handled, 1);
    let ready = stored(ports, &owner.account_id, &good.id).await;
    assert_eq!(ready.status, UploadStatus::Ready);
    assert_eq!(ready.found.bytes, Some(fixtures::PNG.len() as u64));
    let thumbnail = ready.found.thumbnail_key.clone().unwrap();
    assert!(ports.blobs.get(&thumbnail).await.unwrap().is_some());

    uome_events::objects_created(hook.as_ref(), &event(&good), Utc::now())
        .await
        .unwrap();
    assert_eq!(stored(ports, &owner.account_id, &good.id).await, ready);
}

#[tokio::test]
async fn a_program_named_png_is_rejected_and_deleted() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let ports = &env.ctx.ports;
    let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
    elf.resize(96, 0);
    let lying = upload(ports, &owner.account_id, &elf).await;
    let hook = uome_attachments::processor(ports);
    uome_events::objects_created(hook.as_ref(), &event(&lying), Utc::now())
        .await
        .unwrap();
    let rejected = stored(ports, &owner.account_id, &lying.id).await;
    assert_eq!(rejected.status, UploadStatus::Rejected);
    assert!(rejected.reason.unwrap().contains("a program"));
    assert!(ports.blobs.get(&lying.key).await.unwrap().is_none());
}

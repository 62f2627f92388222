//! The account use cases called directly over the embedded adapters.

mod kit;

use kit::Kit;
use kit::fixtures::PNG;
use serde_json::json;
use uome_core::CoreError;
use uome_core::account::api_clients;
use uome_core::account::company::load_company;
use uome_core::account::settings::load_settings;
use uome_core::credentials::{ApiClientIdentity, verify_api_client};
use uome_core::keys::upload_key;
use uome_core::ports::{Condition, Item};
use uome_core::uploads::{self, NewUpload, UploadPurpose};
use uome_domain::AccountId;

#[tokio::test]
async fn settings_and_company_read_as_defaults_when_never_written() {
    let f = Kit::new();
    let table = f.ports.table.as_ref();
    let settings = load_settings(table, &AccountId::from("no-such-account"))
        .await
        .unwrap();
    assert!(!settings.purchase_orders_enabled);
    assert_eq!(settings.default_payment_terms_days, 30);
    assert_eq!(settings.reminders.levels, [1, 7, 14]);
    let company = load_company(table, &AccountId::from("no-such-account"))
        .await
        .unwrap();
    assert_eq!(company.currency(), uome_domain::Currency::GBP);
    assert_eq!(company.tz().name(), "Europe/London");

    let a = f.account("ada@example.com", "Engines Ltd").await;
    let company = load_company(table, &a.account_id).await.unwrap();
    assert_eq!(company.name, "Engines Ltd");
    assert_eq!(company.default_currency, "GBP");
}

#[tokio::test]
async fn api_client_secrets_verify_only_exactly() {
    let f = Kit::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let ports = &f.ports;
    let created = api_clients::create(ports, &a.account_id, "Sync".into())
        .await
        .unwrap();
    let id = created.client.client_id.clone();
    assert_eq!(
        verify_api_client(ports, &id, &created.client_secret)
            .await
            .unwrap(),
        Some(ApiClientIdentity {
            account_id: a.account_id.clone(),
            client_id: id.clone()
        })
    );
    let mut wrong = created.client_secret.clone();
    wrong.pop();
    assert_eq!(verify_api_client(ports, &id, &wrong).await.unwrap(), None);
    assert_eq!(verify_api_client(ports, &id, "").await.unwrap(), None);
    assert_eq!(
        verify_api_client(ports, "unknown", &created.client_secret)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        verify_api_client(ports, &id, &"x".repeat(10_000))
            .await
            .unwrap(),
        None
    );
    // Only the hash is stored.
    let stored = ports
        .table
        .get(&uome_core::keys::api_client_key(&id))
        .await
        .unwrap()
        .unwrap();
    assert!(!stored.data.to_string().contains(&created.client_secret));
    assert_eq!(
        stored.data["secret_hash"],
        uome_core::secrets::hash_secret(&created.client_secret)
    );

    // Another account cannot delete it.
    let b = f.account("bob@example.com", "Bob's").await;
    assert!(matches!(
        api_clients::delete(ports, &b.account_id, &id).await,
        Err(CoreError::NotFound)
    ));
    assert!(
        verify_api_client(ports, &id, &created.client_secret)
            .await
            .unwrap()
            .is_some()
    );
}

async fn avatar_upload(f: &Kit, account_id: &AccountId) -> uploads::UploadRecord {
    uploads::create(
        &f.ports,
        account_id,
        NewUpload {
            purpose: UploadPurpose::Avatar,
            file_name: "me.png".into(),
            content_type: "image/png".into(),
            size_bytes: PNG.len() as i64,
            import_type: None,
            owner_id: None,
        },
    )
    .await
    .unwrap()
    .upload
}

fn code(err: CoreError) -> String {
    match err {
        CoreError::Conflict { code, .. } => code.into_owned(),
        CoreError::NotFound => "not_found".into(),
        other => format!("{other:?}"),
    }
}

#[tokio::test]
async fn processing_decides_whether_an_upload_is_ready() {
    let f = Kit::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let ports = &f.ports;
    let upload = avatar_upload(&f, &a.account_id).await;

    let err = uploads::ensure_ready(ports, &a.account_id, &upload.id)
        .await
        .unwrap_err();
    assert_eq!(code(err), "upload_not_ready");

    // Bytes that landed are not enough: the processing decides.
    ports
        .blobs
        .put(&upload.key, PNG.to_vec(), "image/png")
        .await
        .unwrap();
    let err = uploads::ensure_ready(ports, &a.account_id, &upload.id)
        .await
        .unwrap_err();
    assert_eq!(code(err), "upload_not_ready");
    // Bytes of a type the purpose refuses: rejected, the object deleted.
    let pdf_upload = avatar_upload(&f, &a.account_id).await;
    ports
        .blobs
        .put(&pdf_upload.key, b"%PDF-1.7".to_vec(), "image/png")
        .await
        .unwrap();
    let verdict = uploads::process_object(ports, &pdf_upload.key)
        .await
        .unwrap();
    assert!(
        matches!(verdict, uploads::Processed::Rejected(_)),
        "{verdict:?}"
    );
    assert!(ports.blobs.get(&pdf_upload.key).await.unwrap().is_none());
    let err = uploads::ensure_ready(ports, &a.account_id, &pdf_upload.id)
        .await
        .unwrap_err();
    assert_eq!(code(err), "upload_not_ready");
    // The real image: ready, and processing it again changes nothing.
    assert_eq!(
        uploads::process_object(ports, &upload.key).await.unwrap(),
        uploads::Processed::Ready
    );
    let ready = uploads::ensure_ready(ports, &a.account_id, &upload.id)
        .await
        .unwrap();
    assert_eq!(ready.id, upload.id);
    assert_eq!(ready.found.bytes, Some(PNG.len() as u64));
    assert!(ready.found.thumbnail_key.is_some());
    assert_eq!(
        uploads::process_object(ports, &upload.key).await.unwrap(),
        uploads::Processed::AlreadyDone
    );
    assert_eq!(
        uploads::ensure_ready(ports, &a.account_id, &upload.id)
            .await
            .unwrap(),
        ready
    );

    // The record's status is what counts, whatever the blob.
    let key = upload_key(&a.account_id, &upload.id);
    let mut rejected = ports.table.get(&key).await.unwrap().unwrap();
    rejected.data["status"] = json!("rejected");
    rejected.data["reason"] = json!("not an image");
    let read = rejected.version;
    rejected.version += 1;
    ports
        .table
        .put(rejected, Condition::VersionEquals(read))
        .await
        .unwrap();
    let err = uploads::ensure_ready(ports, &a.account_id, &upload.id)
        .await
        .unwrap_err();
    assert_eq!(code(err), "upload_not_ready");

    // A ready record needs no blob check (the processing already did it).
    let other = avatar_upload(&f, &a.account_id).await;
    let mut item: Item = ports
        .table
        .get(&upload_key(&a.account_id, &other.id))
        .await
        .unwrap()
        .unwrap();
    item.data["status"] = json!("ready");
    item.data["sha256"] = json!("abc");
    item.version += 1;
    ports
        .table
        .put(item, Condition::VersionEquals(1))
        .await
        .unwrap();
    assert!(
        uploads::ensure_ready(ports, &a.account_id, &other.id)
            .await
            .is_ok()
    );

    // Unknown and foreign ids are 404.
    let b = f.account("bob@example.com", "Bob's").await;
    let err = uploads::ensure_ready(ports, &b.account_id, &other.id)
        .await
        .unwrap_err();
    assert_eq!(code(err), "not_found");
    let err = uploads::ensure_ready(ports, &a.account_id, "../x")
        .await
        .unwrap_err();
    assert_eq!(code(err), "not_found");
}

//! Expense fixtures: vendors through the contacts use case; invoices,
//! uploads and the company written straight into the table (an expense only
//! needs them to exist). Shared by core's expense use-case tests and the
//! invoices function's expense routes tests (which include this file by
//! path).

use chrono::Utc;
use serde_json::{Value, json};
use uome_core::contacts::{self, ContactInput};
use uome_core::keys::{DocType, company_key, document_key, upload_key};
use uome_core::ports::{Condition, Item, Ports};
use uome_core::uploads::{UploadPurpose, UploadRecord, UploadStatus};
use uome_domain::AccountId;
use uome_domain::DocumentId;

pub async fn vendor(ports: &Ports, account_id: &AccountId, roles: &[&str]) -> String {
    let input = ContactInput {
        company_name: Some(format!("Vendor {}", ports.ids.new_id())),
        roles: Some(roles.iter().map(|r| r.to_string()).collect()),
        ..Default::default()
    };
    contacts::create_contact(ports, account_id, input, false)
        .await
        .unwrap()
        .id
        .to_string()
}

/// An invoice item, whatever its shape: expenses only check it exists.
pub async fn invoice(ports: &Ports, account_id: &AccountId) -> String {
    let id = ports.ids.new_id().to_string();
    ports
        .table
        .put(
            Item::new(
                document_key(account_id, DocType::Invoice, &DocumentId::from(&id)),
                &json!({"id": id, "status": "draft"}),
            )
            .unwrap(),
            Condition::NotExists,
        )
        .await
        .unwrap();
    id
}

pub async fn upload(
    ports: &Ports,
    account_id: &AccountId,
    purpose: UploadPurpose,
    status: UploadStatus,
) -> UploadRecord {
    let id = ports.ids.new_id().to_string();
    let record = UploadRecord {
        id: id.clone(),
        purpose,
        file_name: "receipt.pdf".into(),
        content_type: "application/pdf".into(),
        size_bytes: 1234,
        key: format!("accounts/{account_id}/uploads/{id}/receipt.pdf"),
        import_type: None,
        owner_id: None,
        status,
        created_at: Utc::now(),
        reason: None,
        found: Default::default(),
    };
    ports
        .table
        .put(
            Item::new(upload_key(account_id, &id), &record).unwrap(),
            Condition::NotExists,
        )
        .await
        .unwrap();
    record
}

pub async fn company(ports: &Ports, account_id: &AccountId, data: Value) {
    ports
        .table
        .put(
            Item::new(company_key(account_id), &data).unwrap(),
            Condition::None,
        )
        .await
        .unwrap();
}

//! `POST /v1/purchase-orders` (a draft, `PO-0001` by the account's
//! `purchase_order_prefix`) and `PUT /v1/purchase-orders/{id}` (a full
//! replace, while it is a draft). A create is one batch read (vendor,
//! company, settings, counter, the items named) and one transaction
//! (counter, order, its summary, the vendor's reference).

use uome_domain::purchase_order_state::{PurchaseOrderAction, PurchaseOrderStatus, check};
use uome_domain::{AccountId, DocumentId};

use super::document::PurchaseOrderAt;
use super::input::{PurchaseOrderInput, check_input};
use super::record::PurchaseOrder;
use super::store::{change_purchase_order, load_purchase_order};
use super::summary::summary_write;
use crate::contacts::{add_reference, contact_busy, move_reference};
use crate::documents::{
    At, Document, MAX_ATTEMPTS, NumberedOutcome, document_item, read_for_draft,
    too_much_contention, transact_numbered, transition_refused,
};
use crate::error::{CoreError, CoreResult};
use crate::keys::{DocType, document_counter_key};
use crate::ports::{Condition, Ports, Write};

/// Fresh uuids for the input's lines, fixed across the attempts of one
/// write (a lost attempt wrote nothing).
fn line_ids(ports: &Ports, input: &PurchaseOrderInput) -> Vec<String> {
    input
        .lines
        .iter()
        .map(|_| ports.ids.new_id().to_string())
        .collect()
}

/// Writes a draft purchase order. Refusals: 422 for every bad field
/// (`account_id` not a vendor of the account, lines, dates, currency).
pub async fn create_purchase_order(
    ports: &Ports,
    account_id: &AccountId,
    user_id: &str,
    input: PurchaseOrderInput,
) -> CoreResult<PurchaseOrderAt> {
    let table = ports.table.as_ref();
    let id = DocumentId::from(ports.ids.new_id());
    let line_ids = line_ids(ports, &input);
    let counter_key = document_counter_key(account_id, DocType::PurchaseOrder);
    for _ in 0..MAX_ATTEMPTS {
        let draft = input.draft();
        let ctx = read_for_draft(
            table,
            account_id,
            DocType::PurchaseOrder,
            &draft,
            Vec::new(),
        )
        .await?;
        let now = ports.clock.now();
        let today = ctx.today(now);
        let mut next = line_ids.iter().cloned();
        let checked = check_input(&ctx, &input, today, &mut || next.next().unwrap_or_default())?;
        let po = PurchaseOrder {
            id: id.clone(),
            number: String::new(),
            status: PurchaseOrderStatus::Draft,
            body: checked.prepared.body,
            lines: checked.lines,
            due_date: input.due_date,
            expected_completion_date: input.expected_completion_date,
            supplier_invoice_id: checked.supplier_invoice_id,
            custom_attributes: checked.custom_attributes,
            bill: None,
            created_by: user_id.to_string(),
            last_updated_by: user_id.to_string(),
            issued_at: None,
            cancelled_at: None,
            last_reminded_at: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let numbering = &ctx.settings.numbering;
        let mut written = po.clone();
        let mut lock_at = usize::MAX;
        let outcome = transact_numbered(
            table,
            &counter_key,
            ctx.counter_item(),
            |n| numbering.format(&numbering.purchase_order_prefix, n),
            |number| {
                let mut numbered = po.clone();
                numbered.number = number.to_string();
                let mut writes = vec![
                    Write::Put {
                        item: document_item(account_id, &numbered, 1)?,
                        condition: Condition::NotExists,
                    },
                    summary_write(account_id, &numbered)?,
                ];
                lock_at = add_reference(
                    &mut writes,
                    account_id,
                    &numbered.body.contact_id,
                    &numbered.sk(),
                );
                written = numbered;
                Ok(writes)
            },
        )
        .await?;
        match outcome {
            NumberedOutcome::Done { .. } => {
                return Ok(At {
                    document: written,
                    today,
                });
            }
            NumberedOutcome::Failed(failed) if failed.contains(&lock_at) => {
                return Err(contact_busy());
            }
            NumberedOutcome::Failed(failed) if failed.contains(&0) => {
                return Err(CoreError::internal(
                    "a new purchase order id is already taken",
                ));
            }
            // The vendor vanished since it was read: the re-read answers
            // the 422 of an unknown contact.
            NumberedOutcome::Failed(_) => continue,
        }
    }
    Err(too_much_contention())
}

/// Replaces a draft's fields (`PUT`): 404 unknown, 409 `invalid_status`
/// once issued, 422 for every bad field. Lines get new uuids.
pub async fn update_purchase_order(
    ports: &Ports,
    account_id: &AccountId,
    user_id: &str,
    id: &DocumentId,
    input: PurchaseOrderInput,
) -> CoreResult<PurchaseOrderAt> {
    let table = ports.table.as_ref();
    let first = load_purchase_order(ports, account_id, id).await?;
    check(first.document.status, PurchaseOrderAction::Update).map_err(transition_refused)?;
    let draft = input.draft();
    let ctx = read_for_draft(
        table,
        account_id,
        DocType::PurchaseOrder,
        &draft,
        Vec::new(),
    )
    .await?;
    let line_ids = line_ids(ports, &input);
    change_purchase_order(ports, account_id, id, user_id, |po, today, _| {
        check(po.status, PurchaseOrderAction::Update).map_err(transition_refused)?;
        let mut next = line_ids.iter().cloned();
        let checked = check_input(&ctx, &input, today, &mut || next.next().unwrap_or_default())?;
        let mut writes = Vec::new();
        // A new vendor takes the reference over from the old one.
        move_reference(
            &mut writes,
            account_id,
            &po.body.contact_id,
            &checked.prepared.body.contact_id,
            &po.sk(),
        );
        po.body = checked.prepared.body;
        po.lines = checked.lines;
        po.due_date = input.due_date;
        po.expected_completion_date = input.expected_completion_date;
        po.supplier_invoice_id = checked.supplier_invoice_id;
        po.custom_attributes = checked.custom_attributes;
        Ok(writes)
    })
    .await
}

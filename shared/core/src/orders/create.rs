//! Placing an order (`POST /v1/orders` for the business, `POST
//! /v1/portal/orders` for the client): one batch read (settings, company,
//! counter, contact, the items the lines name) and one transaction (the
//! counter, the order, its contact reference). The lines are priced from
//! the catalogue: name, unit, price and tax rate are the items', whatever
//! the client would like them to be. A client's order then emails the
//! business (a courtesy: see `notify.rs`).

use uome_domain::order_state::OrderStatus;
use uome_domain::{AccountId, ContactId, Decimal, DocumentId, FieldErrors, LineInput};

use uome_pdf::EmailKind;

use super::document::OrderAt;
use super::notify::courtesy;
use super::record::{Order, PlacedBy};
use crate::catalogue::Item as CatalogueItem;
use crate::contacts::{add_reference, contact_busy};
use crate::documents::{
    At, Document, DraftInput, MAX_ATTEMPTS, NumberedOutcome, document_item, read_for_draft,
    too_much_contention, transact_numbered,
};
use crate::error::{CoreError, CoreResult};
use crate::keys::{DocType, item_key};
use crate::ports::{Condition, Ports, Write};
use crate::service::ServiceConfig;

/// One line: a catalogue item and how many.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderLine {
    pub item_id: String,
    pub quantity: Decimal,
}

/// An order as placed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderInput {
    pub contact_id: ContactId,
    /// Default: the contact's currency, else the account's.
    pub currency: Option<String>,
    pub lines: Vec<OrderLine>,
    pub notes: Option<String>,
}

/// The 403 of an account that does not take orders.
pub fn ordering_disabled() -> CoreError {
    CoreError::forbidden(
        "ordering_disabled",
        "This business does not take orders (purchase_orders_enabled is off).",
    )
}

/// Places an order for `input.contact_id`. Refusals: 403
/// `ordering_disabled`; 422 for every bad field (an unknown, another
/// account's or an inactive item, a quantity ≤ 0, more than 500 lines, an
/// unknown currency, a contact that is not a customer).
pub async fn place_order(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    input: OrderInput,
    placed_by: PlacedBy,
) -> CoreResult<OrderAt> {
    let table = ports.table.as_ref();
    let id = DocumentId::from(ports.ids.new_id());
    let draft = DraftInput {
        contact_id: input.contact_id.clone(),
        currency: input.currency.clone(),
        notes: input.notes.clone(),
        lines: input
            .lines
            .iter()
            .map(|line| LineInput {
                item_id: Some(line.item_id.trim().to_string()),
                ..LineInput::item(
                    "",
                    line.quantity,
                    Decimal::ZERO,
                    Decimal::ZERO,
                    Decimal::ZERO,
                )
            })
            .collect(),
        ..DraftInput::default()
    };
    for _ in 0..MAX_ATTEMPTS {
        let ctx = read_for_draft(table, account_id, DocType::Order, &draft, Vec::new()).await?;
        if !ctx.settings.purchase_orders_enabled {
            return Err(ordering_disabled());
        }
        // The catalogue decides every line: an item line of an active item,
        // at its price and tax rate.
        let mut errors = FieldErrors::new();
        if draft.lines.is_empty() {
            errors.push("lines", "an order needs at least one line");
        }
        let mut lines = Vec::with_capacity(draft.lines.len());
        for (i, line) in draft.lines.iter().enumerate() {
            let item_id = line.item_id.clone().unwrap_or_default();
            let field = format!("lines[{i}].item_id");
            let item = match ctx.fetched.get(&item_key(account_id, &item_id)) {
                _ if item_id.is_empty() => Err("is required"),
                None => Err("no such item"),
                Some(stored) => {
                    let item: CatalogueItem = stored.parse()?;
                    if item.active {
                        Ok(item)
                    } else {
                        Err("is not available to order")
                    }
                }
            };
            lines.push(match item {
                Ok(item) => LineInput {
                    unit_price: None,
                    tax_rate: item.tax_rate,
                    description: String::new(),
                    unit: None,
                    ..line.clone()
                },
                Err(message) => {
                    errors.push(field, message);
                    // Kept in its place (priced at zero, naming no item) so
                    // the other lines' errors keep their indexes.
                    LineInput {
                        item_id: None,
                        unit_price: Some(Decimal::ZERO),
                        ..line.clone()
                    }
                }
            });
        }
        let today = ctx.today(ports.clock.now());
        let prepared = ctx.prepare(
            DraftInput {
                lines,
                ..draft.clone()
            },
            today,
            errors,
        )?;
        let now = ports.clock.now();
        let order = Order {
            id: id.clone(),
            number: String::new(),
            status: OrderStatus::Pending,
            body: prepared.body,
            placed_by,
            invoice_id: None,
            reject_reason: None,
            decided_at: None,
            last_reminded_at: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let numbering = &ctx.settings.numbering;
        let mut written = order.clone();
        let mut lock_at = usize::MAX;
        let outcome = transact_numbered(
            table,
            &crate::keys::document_counter_key(account_id, DocType::Order),
            ctx.counter_item(),
            |n| numbering.format(&numbering.order_prefix, n),
            |number| {
                let mut numbered = order.clone();
                numbered.number = number.to_string();
                let mut writes = vec![Write::Put {
                    item: document_item(account_id, &numbered, 1)?,
                    condition: Condition::NotExists,
                }];
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
                let at = At {
                    document: written,
                    today,
                };
                // The business entering an order needs no email about it.
                if placed_by == PlacedBy::Client {
                    courtesy(ports, service, account_id, &at, EmailKind::OrderPlaced).await;
                }
                return Ok(at);
            }
            NumberedOutcome::Failed(failed) if failed.contains(&0) => {
                return Err(CoreError::internal("a new order id is already taken"));
            }
            NumberedOutcome::Failed(failed) if failed.contains(&lock_at) => {
                return Err(contact_busy());
            }
            // The contact vanished since it was read: the re-read answers
            // the 422 of an unknown contact.
            NumberedOutcome::Failed(_) => continue,
        }
    }
    Err(too_much_contention())
}

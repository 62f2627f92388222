//! A purchase order as the business writes it (API.md §9, the seed's field
//! names), checked and priced: lines naming a catalogue item take its
//! purchase price and name unless they give their own; every bad field is
//! named with the seed's name (`account_id`, `lines[0].price`…).

use chrono::NaiveDate;
use uome_domain::{ContactId, Decimal, FieldError, FieldErrors, LineInput};

use super::record::{CustomAttribute, PriceSnapshot, PurchaseLine};
use crate::catalogue::Item as CatalogueItem;
use crate::documents::draft::{Customer, DraftContext, DraftInput, Prepared};
use crate::documents::text::{MAX_SHORT_CHARS, optional_text};
use crate::error::{CoreError, CoreResult};
use crate::keys::item_key;

/// At most this many custom attributes per order.
pub const MAX_CUSTOM_ATTRIBUTES: usize = 50;

/// One line as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurchaseLineInput {
    /// A catalogue item: its purchase price and name are the defaults.
    pub item_id: Option<String>,
    pub item_name: Option<String>,
    pub item_quantity: Decimal,
    pub price: Option<Decimal>,
    /// Percent; ignored (0) when `item_price_tax_exempt`.
    pub tax_rate: Decimal,
    pub item_price_tax_exempt: bool,
    pub purchase_order_note: Option<String>,
    pub cost_of_goods_sold: Option<String>,
}

/// The order as written (create, and `PUT` as a full replace).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurchaseOrderInput {
    /// The vendor: a contact with the `vendor` role (the seed's `account_id`).
    pub account_id: String,
    pub currency: Option<String>,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub expected_completion_date: Option<NaiveDate>,
    pub supplier_invoice_id: Option<String>,
    pub price_tax_inclusive: bool,
    pub purchase_order_note: Option<String>,
    pub custom_attributes: Vec<CustomAttribute>,
    pub lines: Vec<PurchaseLineInput>,
}

impl PurchaseOrderInput {
    /// The catalogue items the lines name (read with the draft).
    pub fn draft(&self) -> DraftInput {
        DraftInput {
            contact_id: ContactId::from(self.account_id.trim()),
            currency: self.currency.clone(),
            issue_date: self.issue_date,
            notes: self.purchase_order_note.clone(),
            prices_include_tax: self.price_tax_inclusive,
            lines: self
                .lines
                .iter()
                .map(|line| LineInput {
                    item_id: line.item_id.clone(),
                    ..LineInput::item(
                        "",
                        line.item_quantity,
                        Decimal::ZERO,
                        Decimal::ZERO,
                        Decimal::ZERO,
                    )
                })
                .collect(),
            ..DraftInput::default()
        }
    }
}

/// The checked order: the body and the lines' own data.
pub(crate) struct Checked {
    pub prepared: Prepared,
    pub lines: Vec<PurchaseLine>,
    pub supplier_invoice_id: Option<String>,
    pub custom_attributes: Vec<CustomAttribute>,
}

/// The seed's name of a field of the shared document model.
fn seed_field(field: &str) -> String {
    if field == "contact_id" {
        return "account_id".into();
    }
    if field == "notes" {
        return "purchase_order_note".into();
    }
    if field == "prices_include_tax" {
        return "price_tax_inclusive".into();
    }
    for (ours, theirs) in [
        (".description", ".item_name"),
        (".quantity", ".item_quantity"),
        (".unit_price", ".price"),
    ] {
        if let Some(stem) = field.strip_suffix(ours) {
            return format!("{stem}{theirs}");
        }
    }
    field.to_string()
}

fn renamed(errors: Vec<FieldError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|e| FieldError::new(seed_field(&e.field), e.message))
        .collect()
}

/// Checks `input` against what `ctx` read (vendor, items, company), every
/// bad field at once.
pub(crate) fn check_input(
    ctx: &DraftContext,
    input: &PurchaseOrderInput,
    today: NaiveDate,
    uuids: &mut dyn FnMut() -> String,
) -> CoreResult<Checked> {
    let mut errors = FieldErrors::new();
    let supplier_invoice_id = optional_text(
        "supplier_invoice_id",
        input.supplier_invoice_id.clone(),
        MAX_SHORT_CHARS,
        &mut errors,
    );
    if input.custom_attributes.len() > MAX_CUSTOM_ATTRIBUTES {
        errors.push(
            "custom_attributes",
            format!("at most {MAX_CUSTOM_ATTRIBUTES} attributes"),
        );
    }
    let mut custom_attributes = Vec::new();
    for (i, attribute) in input.custom_attributes.iter().enumerate() {
        let name = optional_text(
            &format!("custom_attributes[{i}].name"),
            Some(attribute.name.clone()),
            MAX_SHORT_CHARS,
            &mut errors,
        );
        let value = optional_text(
            &format!("custom_attributes[{i}].value"),
            Some(attribute.value.clone()),
            MAX_SHORT_CHARS,
            &mut errors,
        );
        match name {
            Some(name) => custom_attributes.push(CustomAttribute {
                name,
                value: value.unwrap_or_default(),
            }),
            None => errors.push(format!("custom_attributes[{i}].name"), "is required"),
        }
    }
    let issue_date = input.issue_date.unwrap_or(today);
    for (field, date) in [
        ("due_date", input.due_date),
        ("expected_completion_date", input.expected_completion_date),
    ] {
        if date.is_some_and(|d| d < issue_date) {
            errors.push(
                field,
                format!("must not be before the issue date ({issue_date})"),
            );
        }
    }

    let mut lines = Vec::with_capacity(input.lines.len());
    let mut purchase_lines = Vec::with_capacity(input.lines.len());
    for (i, line) in input.lines.iter().enumerate() {
        let item_id = line
            .item_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty());
        let item = match item_id {
            None => None,
            Some(id) => match ctx.fetched.get(&item_key(&ctx.account_id, id)) {
                Some(stored) => {
                    let mut item: CatalogueItem = stored.parse()?;
                    item.version = stored.version;
                    Some(item)
                }
                None => {
                    errors.push(format!("lines[{i}].item_id"), "no such item");
                    None
                }
            },
        };
        let name = line
            .item_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| item.as_ref().map(|it| it.name.clone()))
            .unwrap_or_default();
        let price = line.price.or(item.as_ref().map(|it| it.purchase_price));
        if price.is_none() && item_id.is_none() {
            errors.push(
                format!("lines[{i}].price"),
                "is required without an item_id",
            );
        }
        let tax_rate = if line.item_price_tax_exempt {
            // Ignored, but still a rate: a bad one is named all the same.
            if let Err(message) = uome_domain::validation::check_rate(line.tax_rate) {
                errors.push(format!("lines[{i}].tax_rate"), message);
            }
            Decimal::ZERO
        } else {
            line.tax_rate
        };
        lines.push(LineInput::item(
            name,
            line.item_quantity,
            price.unwrap_or_default(),
            Decimal::ZERO,
            tax_rate,
        ));
        let note = optional_text(
            &format!("lines[{i}].purchase_order_note"),
            line.purchase_order_note.clone(),
            MAX_SHORT_CHARS,
            &mut errors,
        );
        let cost_of_goods_sold = optional_text(
            &format!("lines[{i}].cost_of_goods_sold"),
            line.cost_of_goods_sold.clone(),
            MAX_SHORT_CHARS,
            &mut errors,
        );
        purchase_lines.push(PurchaseLine {
            uuid: uuids(),
            version: 1,
            item_id: item.as_ref().map(|it| it.id.clone()),
            price_snapshot: item.as_ref().map(|it| PriceSnapshot {
                price: it.purchase_price,
                unit: it.unit.clone(),
                item_version: it.version,
            }),
            tax_exempt: line.item_price_tax_exempt,
            note,
            cost_of_goods_sold,
            received: Decimal::ZERO,
        });
    }
    if input.lines.is_empty() {
        errors.push("lines", "a purchase order needs at least one line");
    }
    let draft = DraftInput {
        lines,
        ..input.draft()
    };
    let prepared = match ctx.prepare_for(draft, today, errors, Customer::Vendor) {
        Ok(prepared) => prepared,
        Err(CoreError::Validation(found)) => return Err(CoreError::Validation(renamed(found))),
        Err(CoreError::Domain(uome_domain::DomainError::Validation(found))) => {
            return Err(CoreError::Validation(renamed(found)));
        }
        Err(other) => return Err(other),
    };
    Ok(Checked {
        prepared,
        lines: purchase_lines,
        supplier_invoice_id,
        custom_attributes,
    })
}

//! A client's draft of a document, checked against the account's data.
//!
//! Everything a create or update depends on is read in one batch
//! ([`read_for_draft`]); [`DraftContext::prepare`] then validates the draft
//! against it, collecting **every** bad field before anything is written,
//! and computes the totals with the domain.

use std::collections::{BTreeMap, BTreeSet};
use uome_domain::AccountId;
use uome_domain::ContactId;

use chrono::NaiveDate;
use uome_domain::Decimal;
use uome_domain::cash_discount::CashDiscount;
use uome_domain::validation::BOTH_DISCOUNTS;
use uome_domain::{Currency, DocumentInput, FieldErrors, LineInput, LineKind, compute_totals};

use super::body::DocumentBody;
use super::custom_fields::custom_fields;
use super::recipient::RecipientInput;
use super::text::{MAX_LONG_CHARS, MAX_SHORT_CHARS, optional_text};
use crate::account::company::Company;
use crate::account::settings::Settings;
use crate::catalogue::Item as CatalogueItem;
use crate::catalogue::number_key;
use crate::contacts::{Contact, ContactRole};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{
    DocType, company_key, contact_key, document_counter_key, item_key, item_number_guard_key,
    settings_key,
};
use crate::ports::{Key, Table};
use crate::stored::parse_or_default;
use crate::uploads::attachments::{attachment_keys, check_attachments};

/// The fields a client writes on a quote, invoice or recurring invoice.
/// Type-specific fields (`valid_until`, `due_date`...) travel beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftInput {
    pub contact_id: ContactId,
    /// ISO 4217; default the contact's currency, else the company's.
    pub currency: Option<String>,
    /// Default: today in the account's time zone.
    pub issue_date: Option<NaiveDate>,
    pub reference: Option<String>,
    pub title: Option<String>,
    pub notes: Option<String>,
    pub terms: Option<String>,
    pub footer: Option<String>,
    /// Percent off the document; one of `discount_rate` and
    /// `discount_amount`.
    pub discount_rate: Option<Decimal>,
    /// A fixed amount off the document.
    pub discount_amount: Option<Decimal>,
    pub prices_include_tax: bool,
    pub lines: Vec<LineInput>,
    pub cash_discounts: Vec<CashDiscount>,
    /// The total the client expects (AbaNinja `documentTotal`): a different
    /// computed total is a 422 `total_mismatch`.
    pub total: Option<Decimal>,
    /// Ready `attachment` uploads of the account, emailed with the document.
    pub attachment_ids: Vec<String>,
    /// Addresses and persons of the contact the document goes to.
    pub recipient: RecipientInput,
    /// Up to four texts (AbaNinja `customField1`–`4`).
    pub custom_fields: Vec<Option<String>>,
    /// The customer's purchase order reference (BT-13).
    pub purchase_order_number: Option<String>,
}

impl DraftInput {
    /// The distinct catalogue items the lines name by id.
    pub fn item_ids(&self) -> BTreeSet<&str> {
        self.lines
            .iter()
            .filter_map(|line| line.item_id.as_deref())
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .collect()
    }

    /// The distinct item numbers the lines name, as the number guard
    /// compares them.
    pub fn item_numbers(&self) -> BTreeSet<String> {
        self.lines
            .iter()
            .filter_map(|line| line.item_number.as_deref())
            .map(number_key)
            .filter(|n| !n.is_empty())
            .collect()
    }
}

/// What a draft was checked against: one batch read of the contact, the
/// company (currency, time zone), the settings (numbering, payment terms),
/// the document type's counter, the catalogue items the lines name, and any
/// other keys the use case asked for (the document being updated...).
pub struct DraftContext {
    pub account_id: AccountId,
    pub doc: DocType,
    pub fetched: Fetched,
    pub company: Company,
    pub settings: Settings,
    /// Item ids by number (as [`number_key`] writes it), for lines that
    /// name their item by `item_number`.
    pub items_by_number: BTreeMap<String, String>,
}

/// Reads everything [`DraftContext::prepare`] needs, plus `extra` keys, in
/// as few round trips as the backend allows (one for up to 100 keys).
pub async fn read_for_draft(
    table: &dyn Table,
    account_id: &AccountId,
    doc: DocType,
    input: &DraftInput,
    extra: Vec<Key>,
) -> CoreResult<DraftContext> {
    let mut keys = vec![
        company_key(account_id),
        settings_key(account_id),
        document_counter_key(account_id, doc),
    ];
    // Items by number: their guards come with the first read, the items
    // they name with a second (only when a line gives a number).
    let numbers = input.item_numbers();
    keys.extend(
        numbers
            .iter()
            .map(|number| item_number_guard_key(account_id, number)),
    );
    if !input.contact_id.is_empty() {
        keys.push(contact_key(account_id, &input.contact_id));
    }
    keys.extend(
        input
            .item_ids()
            .into_iter()
            .map(|id| item_key(account_id, id)),
    );
    keys.extend(attachment_keys(account_id, &input.attachment_ids));
    keys.extend(extra);
    let mut fetched = Fetched::read(table, keys).await?;
    let mut items_by_number = BTreeMap::new();
    for number in numbers {
        if let Some(guard) = fetched.get(&item_number_guard_key(account_id, &number))
            && let Some(id) = guard.data.get("item_id").and_then(|id| id.as_str())
        {
            items_by_number.insert(number, id.to_owned());
        }
    }
    fetched
        .ensure(
            table,
            items_by_number
                .values()
                .map(|id| item_key(account_id, id))
                .collect(),
        )
        .await?;
    let company = parse_or_default(fetched.get(&company_key(account_id)))?;
    let settings = parse_or_default(fetched.get(&settings_key(account_id)))?;
    Ok(DraftContext {
        account_id: account_id.clone(),
        doc,
        fetched,
        company,
        settings,
        items_by_number,
    })
}

/// A draft that passed every check, with its contact (`None` only for a
/// walk-in sale: [`Customer::Optional`]).
#[derive(Clone, Debug)]
pub struct Prepared {
    pub body: DocumentBody,
    pub contact: Option<Contact>,
}

/// Whom a document is with. Every sales document names a customer but a
/// POS sale, which may be to someone the business does not know; a
/// purchase order names a vendor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Customer {
    Required,
    Optional,
    /// A contact with the `vendor` role.
    Vendor,
}

impl DraftContext {
    /// Today in the account's time zone.
    pub fn today(&self, now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
        self.company.today(now)
    }

    /// The contact of the draft, if it is one of the account's.
    pub fn contact(&self, contact_id: &ContactId) -> CoreResult<Option<Contact>> {
        if contact_id.is_empty() {
            return Ok(None);
        }
        match self.fetched.get(&contact_key(&self.account_id, contact_id)) {
            Some(item) => Ok(Some(crate::contacts::contact_from_item(item)?)),
            None => Ok(None),
        }
    }

    /// The counter of the document type, as read.
    pub fn counter_item(&self) -> Option<crate::ports::Item> {
        self.fetched
            .get(&document_counter_key(&self.account_id, self.doc))
            .cloned()
    }

    /// Checks the draft (every bad field at once, as 422) and computes its
    /// totals. `errors` may already hold the caller's own field errors
    /// (type-specific fields), so one answer lists them all.
    pub fn prepare(
        &self,
        input: DraftInput,
        today: NaiveDate,
        errors: FieldErrors,
    ) -> CoreResult<Prepared> {
        self.prepare_for(input, today, errors, Customer::Required)
    }

    /// [`prepare`](Self::prepare), saying whether the customer may be left
    /// out.
    pub fn prepare_for(
        &self,
        input: DraftInput,
        today: NaiveDate,
        mut errors: FieldErrors,
        customer: Customer,
    ) -> CoreResult<Prepared> {
        let contact = self.contact(&input.contact_id)?;
        let walk_in = customer == Customer::Optional && input.contact_id.is_empty();
        match &contact {
            _ if walk_in => {}
            _ if input.contact_id.trim().is_empty() => errors.push("contact_id", "is required"),
            None => errors.push("contact_id", "no such contact"),
            Some(c) => {
                let role = match customer {
                    Customer::Vendor => ContactRole::Vendor,
                    Customer::Required | Customer::Optional => ContactRole::Customer,
                };
                if let Err(e) = c.require_role(role, "contact_id") {
                    errors.push(e.field, e.message);
                }
            }
        }
        let currency = match input.currency.as_deref().map(str::trim) {
            Some(code) if !code.is_empty() => match Currency::parse(code) {
                Ok(c) => Some(c),
                Err(_) => {
                    errors.push(
                        "currency",
                        format!("`{code}` is not an ISO 4217 currency code"),
                    );
                    None
                }
            },
            _ => Some(
                contact
                    .as_ref()
                    .and_then(|c| c.currency)
                    .unwrap_or_else(|| self.company.currency()),
            ),
        };
        let reference = optional_text("reference", input.reference, MAX_SHORT_CHARS, &mut errors);
        let title = optional_text("title", input.title, MAX_SHORT_CHARS, &mut errors);
        let notes = optional_text("notes", input.notes, MAX_LONG_CHARS, &mut errors);
        let terms = optional_text("terms", input.terms, MAX_LONG_CHARS, &mut errors);
        let footer = optional_text("footer", input.footer, MAX_LONG_CHARS, &mut errors);
        let purchase_order_number = optional_text(
            "purchase_order_number",
            input.purchase_order_number,
            MAX_SHORT_CHARS,
            &mut errors,
        );
        let custom_fields = custom_fields("custom_fields", input.custom_fields, &mut errors);
        let recipient = if walk_in {
            input.recipient.resolve(None, &mut errors)
        } else {
            input.recipient.resolve(contact.as_ref(), &mut errors)
        };
        if let (Some(_), Some(_)) = (input.discount_rate, input.discount_amount) {
            errors.push("discount_rate", BOTH_DISCOUNTS);
            errors.push("discount_amount", BOTH_DISCOUNTS);
        }

        let lines = self.resolve_lines(input.lines, currency, &mut errors)?;
        let document = DocumentInput {
            currency: currency.unwrap_or_else(|| self.company.currency()),
            discount_rate: input.discount_rate.unwrap_or_default(),
            // Reported above when both are given; the rate's own checks
            // still run.
            discount_amount: input
                .discount_amount
                .filter(|_| input.discount_rate.is_none()),
            prices_include_tax: input.prices_include_tax,
            lines,
            cash_discounts: input.cash_discounts,
        };
        errors.extend(uome_domain::validation::document_errors(&document).into_vec());
        let (attachment_ids, not_ready) = check_attachments(
            &self.account_id,
            &input.attachment_ids,
            &self.fetched,
            &mut errors,
        )?;
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors.into_vec()));
        }
        if let Some(conflict) = not_ready {
            return Err(conflict);
        }
        let totals = compute_totals(&document)?;
        if let Some(given) = input.total {
            totals.verify_total(given)?;
        }
        if contact.is_none() && !walk_in {
            return Err(CoreError::internal("contact vanished"));
        }
        Ok(Prepared {
            body: DocumentBody {
                contact_id: contact.as_ref().map(|c| c.id.clone()).unwrap_or_default(),
                contact_name: contact
                    .as_ref()
                    .map(|c| c.display_name.clone())
                    .unwrap_or_default(),
                issue_date: input.issue_date.unwrap_or(today),
                reference,
                title,
                notes,
                terms,
                footer,
                purchase_order_number,
                custom_fields,
                recipient,
                input: document,
                totals,
                attachment_ids,
            },
            contact,
        })
    }

    /// The item a line names by `item_number`: `Ok(None)` when it gives
    /// none, `Err` (reported) when the number is unknown or names another
    /// item than its `item_id`.
    fn item_by_number(
        &self,
        line: &LineInput,
        i: usize,
        errors: &mut FieldErrors,
    ) -> Result<Option<String>, ()> {
        let Some(number) = line.item_number.as_deref().map(number_key) else {
            return Ok(None);
        };
        if number.is_empty() {
            return Ok(None);
        }
        let field = || format!("lines[{i}].item_number");
        if line.kind != LineKind::Item {
            errors.push(field(), "only item lines name an item");
            return Err(());
        }
        let Some(id) = self.items_by_number.get(&number) else {
            errors.push(field(), "no item has this number");
            return Err(());
        };
        match line
            .item_id
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty())
        {
            Some(given) if given != id => {
                errors.push(field(), "names another item than item_id");
                Err(())
            }
            _ => Ok(Some(id.clone())),
        }
    }

    /// Fills each item line from its catalogue item (price, description,
    /// unit) and refuses items the account does not have. A price is only
    /// taken from an item priced in the document's currency: converting
    /// silently would invent an amount.
    fn resolve_lines(
        &self,
        lines: Vec<LineInput>,
        currency: Option<Currency>,
        errors: &mut FieldErrors,
    ) -> CoreResult<Vec<LineInput>> {
        let mut out = Vec::with_capacity(lines.len());
        for (i, mut line) in lines.into_iter().enumerate() {
            let by_number = match self.item_by_number(&line, i, errors) {
                Ok(found) => found,
                Err(()) => {
                    out.push(line);
                    continue;
                }
            };
            let item_id = line
                .item_id
                .as_deref()
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .or(by_number.as_deref())
                .unwrap_or_default()
                .to_owned();
            let item_id = item_id.as_str();
            if item_id.is_empty() {
                line.item_id = None;
                line.item_number = None;
                out.push(line);
                continue;
            }
            if line.kind != LineKind::Item {
                errors.push(
                    format!("lines[{i}].item_id"),
                    "only item lines name an item",
                );
                out.push(line);
                continue;
            }
            let Some(stored) = self.fetched.get(&item_key(&self.account_id, item_id)) else {
                errors.push(format!("lines[{i}].item_id"), "no such item");
                out.push(line);
                continue;
            };
            let item: CatalogueItem = stored.parse()?;
            if line.description.trim().is_empty() {
                line.description = item.name.clone();
            }
            if line.unit.is_none() {
                line.unit = item.unit.clone();
            }
            if line.unit_price.is_none() {
                match currency {
                    Some(c) if c == item.currency => line.unit_price = Some(item.sales_price),
                    Some(c) => errors.push(
                        format!("lines[{i}].unit_price"),
                        format!(
                            "is required: the item is priced in {}, the document is in {}",
                            item.currency.code(),
                            c.code()
                        ),
                    ),
                    // The currency is already reported as invalid.
                    None => line.unit_price = Some(item.sales_price),
                }
            }
            line.item_id = Some(item.id);
            line.item_number = Some(item.number);
            out.push(line);
        }
        Ok(out)
    }
}

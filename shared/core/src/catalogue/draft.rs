//! From [`ItemChanges`] (and the current item, on an update) to the values
//! an item is written with, collecting every bad field on the way.
//!
//! Validation runs in two steps around one batch read: [`Draft::resolve`]
//! checks everything that needs no data, and says what must be read (the
//! account's default currency, the linked tax rate); [`Draft::finish`]
//! completes the values from what was read.

use uome_domain::AccountId;
use uome_domain::validation::{MAX_INPUT_DECIMALS, check_decimal_places, check_rate};
use uome_domain::{Code, Currency, Decimal, FieldErrors, LongText, Name};
use uuid::Uuid;

use super::input::{ItemChanges, Parsed, Patch};
use super::measures::Measures;
use super::model::{Item, ItemType, MAX_PRICE, TaxRate, rate_text};
use super::reads::Fetched;
use super::reference::default_currency_of;
use super::text::{CODE_MAX, NAME_MAX, free_text, one_line, required_line};
use crate::keys::{account_item, tax_rate_key};
use crate::ports::Key;

/// How the item gets its number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NumberChoice {
    /// Next from the counter (a create without a number).
    Auto,
    /// This one (given, or the current one kept).
    Given(String),
}

/// Where the item's tax rate comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum TaxChoice {
    /// No linked tax rate: this rate.
    Own(Decimal),
    /// Linked in this request: the rate is the tax rate's; a rate given
    /// alongside must match it.
    Link { id: String, given: Option<Decimal> },
    /// The link the item already had, with the rate copied back then.
    Kept { id: String, rate: Decimal },
}

/// An item's values before the reads.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    pub(crate) number: NumberChoice,
    item_type: ItemType,
    /// `None` only when refused or missing, and then an error is recorded
    /// and the values are never written.
    name: Option<Name>,
    description: Option<LongText>,
    unit: Option<Code>,
    sales_price: Decimal,
    purchase_price: Decimal,
    /// `None`: the account's default currency.
    currency: Option<Currency>,
    tax: TaxChoice,
    family: Option<Code>,
    active: bool,
    measures: Measures,
}

/// An item's values after the reads: everything but identity and times.
#[derive(Clone, Debug)]
pub(crate) struct Values {
    pub(crate) item_type: ItemType,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) unit: Option<String>,
    pub(crate) sales_price: Decimal,
    pub(crate) purchase_price: Decimal,
    pub(crate) currency: Currency,
    pub(crate) tax_rate: Decimal,
    pub(crate) tax_rate_id: Option<String>,
    pub(crate) family: Option<String>,
    pub(crate) active: bool,
    pub(crate) measures: Measures,
    /// The linked tax rate as read: the write checks it did not change.
    pub(crate) tax_rate_read: Option<(Key, u64)>,
}

impl Draft {
    /// Every check that needs no read. `current` is the item being updated.
    pub(crate) fn resolve(
        changes: &ItemChanges,
        current: Option<&Item>,
        errors: &mut FieldErrors,
    ) -> Draft {
        let number = resolve_number(&changes.number, current, errors);
        let item_type = match changes
            .item_type
            .clone()
            .apply(current.map(|c| c.item_type.as_str().to_owned()))
        {
            None => ItemType::Service,
            Some(text) => ItemType::parse(text.trim()).unwrap_or_else(|| {
                errors.push("type", "must be service or product");
                ItemType::Service
            }),
        };
        let name = required_line::<NAME_MAX>(
            "name",
            changes.name.clone().apply(current.map(|c| c.name.clone())),
            errors,
        );
        let description = free_text(
            "description",
            changes
                .description
                .clone()
                .apply(current.and_then(|c| c.description.clone())),
            errors,
        );
        let unit = one_line::<CODE_MAX>(
            "unit",
            changes
                .unit
                .clone()
                .apply(current.and_then(|c| c.unit.clone())),
            errors,
        );
        let family = one_line::<CODE_MAX>(
            "family",
            changes
                .family
                .clone()
                .apply(current.and_then(|c| c.family.clone())),
            errors,
        );
        let sales_price = price(
            "sales_price",
            changes
                .sales_price
                .clone()
                .apply(current.map(|c| Ok(c.sales_price))),
            errors,
        );
        let purchase_price = price(
            "purchase_price",
            changes
                .purchase_price
                .clone()
                .apply(current.map(|c| Ok(c.purchase_price))),
            errors,
        );
        let currency = changes
            .currency
            .clone()
            .apply(current.map(|c| c.currency.code().to_owned()))
            .and_then(|code| match Currency::parse(code.trim()) {
                Ok(currency) => Some(currency),
                Err(_) => {
                    errors.push("currency", "must be an ISO 4217 currency code");
                    None
                }
            });
        let tax = resolve_tax(changes, current, errors);
        let active = changes
            .active
            .clone()
            .apply(current.map(|c| c.active))
            .unwrap_or(true);
        let measures = Measures::resolve(changes, current, errors);
        Draft {
            number,
            item_type,
            name,
            description,
            unit,
            sales_price,
            purchase_price,
            currency,
            tax,
            family,
            active,
            measures,
        }
    }

    /// What [`finish`](Draft::finish) needs read: the company record (for
    /// the default currency) and the linked tax rate, as the case may be.
    pub(crate) fn reads(&self, account_id: &AccountId) -> Vec<Key> {
        let mut keys = Vec::new();
        if self.currency.is_none() {
            keys.push(account_item(account_id, "COMPANY"));
        }
        if let TaxChoice::Link { id, .. } = &self.tax {
            keys.push(tax_rate_key(account_id, id));
        }
        keys
    }

    /// The reads an update will need, guessed from the changes alone so
    /// they can share one batch with the read of the item itself.
    pub(crate) fn predicted_reads(changes: &ItemChanges, account_id: &AccountId) -> Vec<Key> {
        let mut keys = Vec::new();
        if changes.currency == Patch::Clear {
            keys.push(account_item(account_id, "COMPANY"));
        }
        if let Patch::Set(text) = &changes.tax_rate_id
            && let Ok(id) = Uuid::parse_str(text.trim())
        {
            keys.push(tax_rate_key(account_id, &id.to_string()));
        }
        keys
    }

    /// The values, completed from the reads.
    pub(crate) fn finish(
        &self,
        account_id: &AccountId,
        fetched: &Fetched,
        errors: &mut FieldErrors,
    ) -> Values {
        let currency = self.currency.unwrap_or_else(|| {
            default_currency_of(fetched.get(&account_item(account_id, "COMPANY")))
        });
        let (tax_rate, tax_rate_id, tax_rate_read) = match &self.tax {
            TaxChoice::Own(rate) => (*rate, None, None),
            TaxChoice::Kept { id, rate } => (*rate, Some(id.clone()), None),
            TaxChoice::Link { id, given } => {
                let key = tax_rate_key(account_id, id);
                match fetched
                    .get(&key)
                    .and_then(|item| item.parse::<TaxRate>().ok().map(|t| (t.rate, item.version)))
                {
                    Some((rate, version)) => {
                        if given.is_some_and(|g| g != rate) {
                            errors.push(
                                "tax_rate",
                                format!(
                                    "must match the rate of tax_rate_id ({}), or be left out",
                                    rate_text(rate)
                                ),
                            );
                        }
                        (rate, Some(id.clone()), Some((key, version)))
                    }
                    None => {
                        errors.push("tax_rate_id", "does not name a tax rate of this account");
                        (Decimal::ZERO, None, None)
                    }
                }
            }
        };
        Values {
            item_type: self.item_type,
            name: self.name.as_deref().unwrap_or_default().to_owned(),
            description: self.description.as_deref().map(str::to_owned),
            unit: self.unit.as_deref().map(str::to_owned),
            sales_price: self.sales_price,
            purchase_price: self.purchase_price,
            currency,
            tax_rate,
            tax_rate_id,
            family: self.family.as_deref().map(str::to_owned),
            active: self.active,
            measures: self.measures.clone(),
            tax_rate_read,
        }
    }
}

fn resolve_number(
    change: &Patch<String>,
    current: Option<&Item>,
    errors: &mut FieldErrors,
) -> NumberChoice {
    let kept = || current.map(|c| NumberChoice::Given(c.number.clone()));
    let cannot_remove = |errors: &mut FieldErrors| {
        errors.push("number", "cannot be removed");
        kept().unwrap_or(NumberChoice::Auto)
    };
    match change {
        Patch::Keep => kept().unwrap_or(NumberChoice::Auto),
        Patch::Clear if current.is_some() => cannot_remove(errors),
        Patch::Clear => NumberChoice::Auto,
        Patch::Set(text) if text.trim().is_empty() && current.is_some() => cannot_remove(errors),
        Patch::Set(text) if text.trim().is_empty() => NumberChoice::Auto,
        Patch::Set(text) => match one_line::<CODE_MAX>("number", Some(text.clone()), errors) {
            Some(number) => NumberChoice::Given(number.into_string()),
            // Refused (the error is recorded): nothing is written.
            None => kept().unwrap_or(NumberChoice::Auto),
        },
    }
}

/// A unit price: not negative, below [`MAX_PRICE`], at most 4 decimal
/// places (API.md §1); absent is zero. Stored without trailing zeros.
fn price(field: &str, value: Option<Parsed<Decimal>>, errors: &mut FieldErrors) -> Decimal {
    let value = match value {
        None => return Decimal::ZERO,
        Some(Err(message)) => {
            errors.push(field, message);
            return Decimal::ZERO;
        }
        Some(Ok(value)) => value,
    };
    if value.is_sign_negative() && !value.is_zero() {
        errors.push(field, "must not be negative");
    } else if value >= MAX_PRICE {
        errors.push(field, format!("must be less than {MAX_PRICE}"));
    } else if let Err(message) = check_decimal_places(value, MAX_INPUT_DECIMALS) {
        errors.push(field, message);
    }
    value.normalize()
}

/// A percentage given in the request (0–100, up to 4 decimal places).
fn rate(field: &str, value: &Parsed<Decimal>, errors: &mut FieldErrors) -> Option<Decimal> {
    match value {
        Err(message) => {
            errors.push(field, message.clone());
            None
        }
        Ok(value) => match check_rate(*value) {
            Ok(()) => Some(value.normalize()),
            Err(message) => {
                errors.push(field, message);
                None
            }
        },
    }
}

fn resolve_tax(
    changes: &ItemChanges,
    current: Option<&Item>,
    errors: &mut FieldErrors,
) -> TaxChoice {
    let given = match &changes.tax_rate {
        Patch::Set(value) => rate("tax_rate", value, errors),
        _ => None,
    };
    // The rate when no tax rate is linked: given, else kept, else zero.
    let own = || match &changes.tax_rate {
        Patch::Set(_) => given.unwrap_or(Decimal::ZERO),
        Patch::Clear => Decimal::ZERO,
        Patch::Keep => current.map_or(Decimal::ZERO, |c| c.tax_rate),
    };
    match &changes.tax_rate_id {
        Patch::Set(text) if !text.trim().is_empty() => match Uuid::parse_str(text.trim()) {
            Ok(id) => TaxChoice::Link {
                id: id.to_string(),
                given,
            },
            Err(_) => {
                errors.push("tax_rate_id", "does not name a tax rate of this account");
                TaxChoice::Own(own())
            }
        },
        Patch::Set(_) | Patch::Clear => TaxChoice::Own(own()),
        Patch::Keep => match current.and_then(|c| c.tax_rate_id.clone().map(|id| (id, c.tax_rate)))
        {
            Some((id, rate)) => {
                // A tax_rate that did not parse is already reported.
                let unparsed = changes.tax_rate.is_set() && given.is_none();
                if !unparsed && own() != rate {
                    errors.push(
                        "tax_rate",
                        "comes from tax_rate_id: change tax_rate_id, or set it to null, to use another rate",
                    );
                }
                TaxChoice::Kept { id, rate }
            }
            None => TaxChoice::Own(own()),
        },
    }
}

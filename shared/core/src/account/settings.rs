//! Account settings (API.md §4) at `ACCOUNT#<acc>` / `SETTINGS`: ordering
//! on/off, default payment terms, document numbering and dunning reminders.
//! A missing item (or field) reads as the defaults; [`load_settings`] is how
//! invoices, orders and the reminders job read them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;
use uome_domain::FieldError;
use uome_domain::numbering::{
    CREDIT_NOTE_PREFIX, INVOICE_PREFIX, ORDER_PREFIX, PURCHASE_ORDER_PREFIX, QUOTE_PREFIX,
    RECEIPT_PREFIX, format_number,
};
use uome_domain::{Decimal, NumberPrefix, Padding};

use super::versioned::{Versioned, parse_or_default, write_over};
use crate::error::{CoreError, CoreResult};
use crate::keys::settings_key;
use crate::ports::{Ports, Table};

pub const DEFAULT_PAYMENT_TERMS_DAYS: u32 = 30;
pub const MAX_PAYMENT_TERMS_DAYS: i64 = 365;
pub const MAX_REMINDER_DAYS: i64 = 365;
pub const MAX_REMINDER_LEVELS: usize = 10;
/// The largest cash step an account may set (a 100-unit note).
pub const MAX_CASH_STEP: Decimal = Decimal::ONE_HUNDRED;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Contacts may place orders from the catalogue (Uome's purchase orders on/off).
    #[serde(default)]
    pub purchase_orders_enabled: bool,
    #[serde(default = "default_terms")]
    pub default_payment_terms_days: u32,
    #[serde(default)]
    pub numbering: Numbering,
    #[serde(default)]
    pub reminders: Reminders,
    /// The POS's cash step (API.md §8), overriding the currency's: `0.05`
    /// rounds cash totals to five hundredths. `None`: CHF to 0.05, other
    /// currencies to their minor unit.
    #[serde(default, with = "uome_domain::decimal_string::option")]
    pub cash_rounding: Option<Decimal>,
    /// E-invoices (API.md §14): a zero-rated line to a buyer with a VAT
    /// number of another country is reverse charge (`AE`).
    #[serde(default)]
    pub reverse_charge: bool,
    /// E-invoices: why zero-rated lines are exempt (`E`, BT-120), e.g.
    /// "Exempt under Article 132 of Directive 2006/112/EC". `None`: they
    /// are zero-rated (`Z`).
    #[serde(default)]
    pub vat_exemption_reason: Option<String>,
    /// The labels documents print their `custom_fields` under, by position
    /// (AbaNinja's custom fields 1–4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_field_labels: Vec<Option<String>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
}

/// The longest exemption reason.
pub const MAX_EXEMPTION_REASON: usize = 255;

fn default_terms() -> u32 {
    DEFAULT_PAYMENT_TERMS_DAYS
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            purchase_orders_enabled: false,
            default_payment_terms_days: DEFAULT_PAYMENT_TERMS_DAYS,
            numbering: Numbering::default(),
            reminders: Reminders::default(),
            cash_rounding: None,
            reverse_charge: false,
            vat_exemption_reason: None,
            custom_field_labels: Vec::new(),
            updated_at: None,
        }
    }
}

/// Document numbers are `<prefix><sequence zero-padded to padding>`:
/// `INV-0001` (`domain::numbering` is the rule). Stored as it is answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = NumberingResponse))]
pub struct Numbering {
    pub invoice_prefix: NumberPrefix,
    pub quote_prefix: NumberPrefix,
    pub order_prefix: NumberPrefix,
    pub purchase_order_prefix: NumberPrefix,
    pub credit_note_prefix: NumberPrefix,
    /// POS receipts and their paid invoices (`RCT-0001`).
    pub receipt_prefix: NumberPrefix,
    pub padding: Padding,
}

/// A prefix the code itself names; every default passes the rule.
fn known(prefix: &str) -> NumberPrefix {
    NumberPrefix::parse(prefix).unwrap_or_else(|_| unreachable!("{prefix} is a valid prefix"))
}

impl Default for Numbering {
    fn default() -> Self {
        Self {
            invoice_prefix: known(INVOICE_PREFIX),
            quote_prefix: known(QUOTE_PREFIX),
            order_prefix: known(ORDER_PREFIX),
            purchase_order_prefix: known(PURCHASE_ORDER_PREFIX),
            credit_note_prefix: known(CREDIT_NOTE_PREFIX),
            receipt_prefix: known(RECEIPT_PREFIX),
            padding: Padding::DEFAULT,
        }
    }
}

impl Numbering {
    /// `format("INV-", 7)` with padding 4 → `INV-0007`.
    pub fn format(&self, prefix: &NumberPrefix, sequence: u64) -> String {
        format_number(prefix.as_str(), sequence, self.padding.digits())
    }
}

/// Dunning (API.md §12): a courtesy reminder `before_due_days` before the
/// due date, then level n on due date + `levels[n-1]` days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = RemindersResponse))]
pub struct Reminders {
    pub enabled: bool,
    pub before_due_days: u32,
    pub levels: Vec<u32>,
}

impl Default for Reminders {
    fn default() -> Self {
        Self {
            enabled: true,
            before_due_days: 3,
            levels: vec![1, 7, 14],
        }
    }
}

/// The writable fields (a full replace: anything absent takes its default).
/// Numbers are signed so a negative one is a field error, not a type error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettingsInput {
    pub purchase_orders_enabled: Option<bool>,
    pub default_payment_terms_days: Option<i64>,
    pub numbering: Option<NumberingInput>,
    pub reminders: Option<RemindersInput>,
    pub cash_rounding: Option<Decimal>,
    pub reverse_charge: Option<bool>,
    pub vat_exemption_reason: Option<String>,
    pub custom_field_labels: Vec<Option<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = NumberingRequest))]
pub struct NumberingInput {
    /// ≤ 20 characters, no spaces; default `INV-`.
    pub invoice_prefix: Option<String>,
    /// Default `QUO-`.
    pub quote_prefix: Option<String>,
    /// Default `ORD-`.
    pub order_prefix: Option<String>,
    /// Default `PO-`.
    pub purchase_order_prefix: Option<String>,
    /// Default `CN-`.
    pub credit_note_prefix: Option<String>,
    /// POS receipts; default `RCT-`.
    pub receipt_prefix: Option<String>,
    /// Digits of the sequence, 1–12; default 4 (`INV-0001`).
    pub padding: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = RemindersRequest))]
pub struct RemindersInput {
    /// Default true.
    pub enabled: Option<bool>,
    /// Days before the due date of the courtesy reminder, 0–365; default 3.
    #[cfg_attr(feature = "utoipa", schema(minimum = 0, maximum = 365))]
    pub before_due_days: Option<i64>,
    /// Days after the due date of each dunning level: 1–365, strictly
    /// increasing, at most 10; default `[1, 7, 14]`.
    #[cfg_attr(feature = "utoipa", schema(max_items = 10))]
    pub levels: Option<Vec<i64>>,
}

/// The settings with defaults for whatever was never set.
pub async fn load_settings(table: &dyn Table, account_id: &AccountId) -> CoreResult<Settings> {
    let item = table.get(&settings_key(account_id)).await?;
    Ok(parse_or_default::<Settings>(item.as_ref())?.value)
}

pub async fn get(ports: &Ports, account_id: &AccountId) -> CoreResult<Versioned<Settings>> {
    let item = ports.table.get(&settings_key(account_id)).await?;
    parse_or_default(item.as_ref())
}

pub async fn update(
    ports: &Ports,
    account_id: &AccountId,
    input: SettingsInput,
    expected: Option<u64>,
) -> CoreResult<Versioned<Settings>> {
    let mut settings = validate(input)?;
    settings.updated_at = Some(ports.clock.now());
    let key = settings_key(account_id);
    let current = ports.table.get(&key).await?;
    let before = parse_or_default::<Settings>(current.as_ref())?.value;
    let written: Versioned<Settings> =
        write_over(ports.table.as_ref(), &key, current, expected, &settings).await?;
    if before.reminders != written.value.reminders {
        // New reminder rules move every open invoice's next reminder.
        crate::dunning::reindex(
            ports.table.as_ref(),
            account_id,
            crate::dunning::Scope::Account,
        )
        .await?;
    }
    Ok(written)
}

/// `PUT /v1/account/settings/purchase-orders`: the seed's `A` (active) or
/// `I` (inactive).
pub fn parse_purchase_orders_status(status: &str) -> CoreResult<bool> {
    match status {
        "A" | "a" => Ok(true),
        "I" | "i" => Ok(false),
        _ => Err(CoreError::invalid_field(
            "status",
            "must be A (active) or I (inactive)",
        )),
    }
}

/// Turns ordering on or off, leaving the other settings as they are.
pub async fn set_purchase_orders(
    ports: &Ports,
    account_id: &AccountId,
    enabled: bool,
    expected: Option<u64>,
) -> CoreResult<Versioned<Settings>> {
    #[derive(Serialize)]
    struct Fields {
        purchase_orders_enabled: bool,
        updated_at: DateTime<Utc>,
    }
    let key = settings_key(account_id);
    let current = ports.table.get(&key).await?;
    write_over(
        ports.table.as_ref(),
        &key,
        current,
        expected,
        &Fields {
            purchase_orders_enabled: enabled,
            updated_at: ports.clock.now(),
        },
    )
    .await
}

/// Every bad field at once, or the settings to store.
pub fn validate(input: SettingsInput) -> CoreResult<Settings> {
    let mut errors = Vec::new();
    let defaults = Settings::default();
    let default_payment_terms_days = match input.default_payment_terms_days {
        None => defaults.default_payment_terms_days,
        Some(days) => in_range(
            &mut errors,
            "default_payment_terms_days",
            days,
            0,
            MAX_PAYMENT_TERMS_DAYS,
        ),
    };
    let numbering = numbering(&mut errors, input.numbering.unwrap_or_default());
    let reminders = reminders(&mut errors, input.reminders.unwrap_or_default());
    let cash_rounding = input.cash_rounding.filter(|step| {
        let fine = *step > Decimal::ZERO && *step <= MAX_CASH_STEP && step.scale() <= 4;
        if !fine {
            errors.push(FieldError::new(
                "cash_rounding",
                "must be a step above 0 and at most 100, with at most 4 decimal places",
            ));
        }
        fine
    });
    let vat_exemption_reason = input
        .vat_exemption_reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if let Some(reason) = &vat_exemption_reason
        && (reason.chars().count() > MAX_EXEMPTION_REASON || reason.chars().any(char::is_control))
    {
        errors.push(FieldError::new(
            "vat_exemption_reason",
            format!("must be one line of at most {MAX_EXEMPTION_REASON} characters"),
        ));
    }
    let mut label_errors = uome_domain::FieldErrors::new();
    // Up to four one-line labels, by position: the rules of the fields
    // they name.
    let custom_field_labels = crate::documents::custom_fields::custom_fields(
        "custom_field_labels",
        input.custom_field_labels,
        &mut label_errors,
    );
    errors.extend(label_errors.into_vec());
    if !errors.is_empty() {
        return Err(CoreError::Validation(errors));
    }
    Ok(Settings {
        purchase_orders_enabled: input.purchase_orders_enabled.unwrap_or(false),
        default_payment_terms_days,
        numbering,
        reminders,
        cash_rounding,
        reverse_charge: input.reverse_charge.unwrap_or(false),
        vat_exemption_reason,
        custom_field_labels,
        updated_at: None,
    })
}

fn numbering(errors: &mut Vec<FieldError>, input: NumberingInput) -> Numbering {
    let d = Numbering::default();
    let mut prefix = |name: &str, value: Option<String>, default: NumberPrefix| {
        let Some(value) = value else {
            return default;
        };
        NumberPrefix::parse(value).unwrap_or_else(|message| {
            errors.push(FieldError::new(format!("numbering.{name}"), message));
            default
        })
    };
    let invoice_prefix = prefix("invoice_prefix", input.invoice_prefix, d.invoice_prefix);
    let quote_prefix = prefix("quote_prefix", input.quote_prefix, d.quote_prefix);
    let order_prefix = prefix("order_prefix", input.order_prefix, d.order_prefix);
    let purchase_order_prefix = prefix(
        "purchase_order_prefix",
        input.purchase_order_prefix,
        d.purchase_order_prefix,
    );
    let credit_note_prefix = prefix(
        "credit_note_prefix",
        input.credit_note_prefix,
        d.credit_note_prefix,
    );
    let receipt_prefix = prefix("receipt_prefix", input.receipt_prefix, d.receipt_prefix);
    let padding = match input.padding {
        None => d.padding,
        Some(p) => Padding::new(p).unwrap_or_else(|message| {
            errors.push(FieldError::new("numbering.padding", message));
            d.padding
        }),
    };
    Numbering {
        invoice_prefix,
        quote_prefix,
        order_prefix,
        purchase_order_prefix,
        credit_note_prefix,
        receipt_prefix,
        padding,
    }
}

fn reminders(errors: &mut Vec<FieldError>, input: RemindersInput) -> Reminders {
    let d = Reminders::default();
    let before_due_days = match input.before_due_days {
        None => d.before_due_days,
        Some(days) => in_range(
            errors,
            "reminders.before_due_days",
            days,
            0,
            MAX_REMINDER_DAYS,
        ),
    };
    let levels = match input.levels {
        None => d.levels,
        Some(levels) if levels.len() > MAX_REMINDER_LEVELS => {
            errors.push(FieldError::new(
                "reminders.levels",
                format!("at most {MAX_REMINDER_LEVELS} levels are allowed"),
            ));
            Vec::new()
        }
        Some(levels) => {
            let mut out = Vec::with_capacity(levels.len());
            for (i, days) in levels.iter().enumerate() {
                let field = format!("reminders.levels[{i}]");
                if !(1..=MAX_REMINDER_DAYS).contains(days) {
                    errors.push(FieldError::new(
                        field,
                        format!("must be from 1 to {MAX_REMINDER_DAYS} days after the due date"),
                    ));
                } else if i > 0 && *days <= levels[i - 1] {
                    errors.push(FieldError::new(
                        field,
                        "must be more days than the level before it",
                    ));
                }
                out.push(u32::try_from(*days).unwrap_or_default());
            }
            out
        }
    };
    Reminders {
        enabled: input.enabled.unwrap_or(d.enabled),
        before_due_days,
        levels,
    }
}

/// `value` within `min..=max`, else an error under `field` (and 0).
fn in_range(errors: &mut Vec<FieldError>, field: &str, value: i64, min: i64, max: i64) -> u32 {
    if (min..=max).contains(&value) {
        // The range is within u32 by construction.
        u32::try_from(value).unwrap_or_default()
    } else {
        errors.push(FieldError::new(
            field,
            format!("must be from {min} to {max}"),
        ));
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(err: CoreError) -> Vec<String> {
        match err {
            CoreError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn empty_input_is_the_defaults() {
        let s = validate(SettingsInput::default()).unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.reminders.levels, [1, 7, 14]);
        assert_eq!(
            s.numbering.format(&s.numbering.invoice_prefix, 7),
            "INV-0007"
        );
    }

    #[test]
    fn every_bad_field_is_reported() {
        let input = SettingsInput {
            purchase_orders_enabled: Some(true),
            default_payment_terms_days: Some(366),
            numbering: Some(NumberingInput {
                invoice_prefix: Some("IN V".into()),
                quote_prefix: Some("Q".repeat(21)),
                padding: Some(0),
                ..Default::default()
            }),
            reminders: Some(RemindersInput {
                enabled: Some(true),
                before_due_days: Some(-1),
                levels: Some(vec![7, 7, 400]),
            }),
            cash_rounding: Some(Decimal::ZERO),
            reverse_charge: Some(true),
            vat_exemption_reason: Some("x".repeat(256)),
            custom_field_labels: vec![Some("Project".into()), Some("x\ny".into())],
        };
        assert_eq!(
            fields(validate(input).unwrap_err()),
            [
                "default_payment_terms_days",
                "numbering.invoice_prefix",
                "numbering.quote_prefix",
                "numbering.padding",
                "reminders.before_due_days",
                "reminders.levels[1]",
                "reminders.levels[2]",
                "cash_rounding",
                "vat_exemption_reason",
                "custom_field_labels[1]",
            ]
        );
        for step in ["0.05", "1", "100"] {
            let input = SettingsInput {
                cash_rounding: Some(step.parse().unwrap()),
                ..Default::default()
            };
            assert_eq!(
                validate(input).unwrap().cash_rounding,
                Some(step.parse().unwrap())
            );
        }
        for step in ["-0.05", "100.01", "0.00001"] {
            let input = SettingsInput {
                cash_rounding: Some(step.parse().unwrap()),
                ..Default::default()
            };
            assert_eq!(fields(validate(input).unwrap_err()), ["cash_rounding"]);
        }
        let too_many = SettingsInput {
            reminders: Some(RemindersInput {
                levels: Some((1..=11).collect()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            fields(validate(too_many).unwrap_err()),
            ["reminders.levels"]
        );
    }

    #[test]
    fn stored_partial_settings_read_with_defaults() {
        let s: Settings = serde_json::from_value(serde_json::json!({
            "purchase_orders_enabled": true,
            "numbering": {"invoice_prefix": "F-"}
        }))
        .unwrap();
        assert!(s.purchase_orders_enabled);
        assert_eq!(s.numbering.invoice_prefix, "F-");
        assert_eq!(s.numbering.padding, 4);
        assert_eq!(s.reminders, Reminders::default());
        assert_eq!(s.default_payment_terms_days, 30);
    }

    #[test]
    fn purchase_order_status() {
        assert!(parse_purchase_orders_status("A").unwrap());
        assert!(!parse_purchase_orders_status("I").unwrap());
        assert!(parse_purchase_orders_status("X").is_err());
    }
}

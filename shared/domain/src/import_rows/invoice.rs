//! A row of `POST /v1/uploads/invoices` (seed 003): the seed's keys, of
//! which `customerNumber`, `invoiceNumber` and `invoiceAmount` are required.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;
use serde_json::value::RawValue;

use super::fields::Fields;
use crate::bounded_text::{MAX_CODE_CHARS, MAX_LONG_TEXT_CHARS, MAX_NAME_CHARS};
use crate::currency::Currency;
use crate::error::FieldError;
use crate::validation::FieldErrors;

/// Every key of seed 003's invoice row.
pub const INVOICE_KEYS: &[&str] = &[
    "companyCode",
    "profitCenter",
    "customerName",
    "customerNumber",
    "accountingDocNumber",
    "invoiceNumber",
    "postDate",
    "dueDate",
    "paymentTerms",
    "documentType",
    "postingKey",
    "debitCreditIndicator",
    "balanceAmount",
    "billAddr",
    "shipAddr",
    "currency",
    "invoiceAmount",
    "reasonCode",
    "reasonCodeDescription",
    "fiscalYear",
    "invoiceDate",
    "reference1",
    "reference2",
    "localAmount",
    "itemText",
    "fiscalPeriod",
    "issueDate",
    "soldTo",
    "lineItem",
    "referenceDocNo",
    "status",
];

/// The keys the invoice is built from; every other key of the seed is
/// kept on the invoice as given (`import_fields`).
const USED_KEYS: &[&str] = &[
    "customerName",
    "customerNumber",
    "invoiceNumber",
    "invoiceDate",
    "issueDate",
    "postDate",
    "dueDate",
    "balanceAmount",
    "currency",
    "invoiceAmount",
    "itemText",
    "reference1",
    "status",
];

/// `status` values meaning the invoice is settled in the other system.
const PAID_STATUSES: &[&str] = &["paid", "closed", "cleared", "settled"];
/// `status` values meaning it is still open (its balance says how much).
const OPEN_STATUSES: &[&str] = &[
    "open",
    "issued",
    "unpaid",
    "overdue",
    "partially_paid",
    "due",
];

/// An invoice row that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceRow {
    pub customer_number: String,
    pub customer_name: Option<String>,
    pub invoice_number: String,
    pub currency: Currency,
    /// `invoiceAmount`: the invoice's total, ≥ 0.
    pub amount: Decimal,
    /// What is still open: `balanceAmount`, or nothing for a paid status,
    /// else the whole amount. 0 ≤ open ≤ amount.
    pub open: Decimal,
    /// `invoiceDate`, else `issueDate`, else `postDate`.
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    /// `itemText`: the invoice line's text.
    pub description: Option<String>,
    /// `reference1`: the document's reference.
    pub reference: Option<String>,
    /// The seed's other keys, as given.
    pub kept: BTreeMap<String, Value>,
}

impl InvoiceRow {
    /// What was paid before the import: amount − open.
    pub fn paid(&self) -> Decimal {
        self.amount - self.open
    }
}

/// The invoice number a row carries, if one can be read (for the report
/// of a rejected row).
pub fn row_number(raw: &RawValue, key: &str) -> Option<String> {
    let mut ignored = FieldErrors::new();
    Fields::parse(raw, &mut ignored)?.text(key, MAX_CODE_CHARS, &mut ignored)
}

/// Reads one invoice row; amounts are in `default_currency` unless the row
/// names its own. Every bad field is reported, by the seed's key.
pub fn parse_invoice_row(
    raw: &RawValue,
    default_currency: Currency,
) -> Result<InvoiceRow, Vec<FieldError>> {
    let mut errors = FieldErrors::new();
    let Some(fields) = Fields::parse(raw, &mut errors) else {
        return Err(errors.into_vec());
    };
    fields.unknown_keys(INVOICE_KEYS, &mut errors);
    let customer_number = fields.required_text("customerNumber", MAX_CODE_CHARS, &mut errors);
    let customer_name = fields.text("customerName", MAX_NAME_CHARS, &mut errors);
    let invoice_number = fields.required_text("invoiceNumber", MAX_CODE_CHARS, &mut errors);
    let currency = fields
        .currency("currency", &mut errors)
        .unwrap_or(default_currency);
    let amount = fields.amount("invoiceAmount", currency, &mut errors);
    if amount.is_none() && !fields.has("invoiceAmount") {
        errors.push("invoiceAmount", "is required");
    }
    if amount.is_some_and(|a| a.is_sign_negative() && !a.is_zero()) {
        errors.push(
            "invoiceAmount",
            "must not be negative (a credit is a credit note, not an invoice)",
        );
    }
    let balance = fields.amount("balanceAmount", currency, &mut errors);
    let status = fields.text("status", MAX_CODE_CHARS, &mut errors);
    let paid_status = match status.as_deref().map(str::to_lowercase) {
        None => false,
        Some(s) if PAID_STATUSES.contains(&s.as_str()) => true,
        Some(s) if OPEN_STATUSES.contains(&s.as_str()) => false,
        Some(_) => {
            errors.push(
                "status",
                format!(
                    "must be one of {} (settled) or {} (open)",
                    PAID_STATUSES.join(", "),
                    OPEN_STATUSES.join(", ")
                ),
            );
            false
        }
    };
    let issue_date = ["invoiceDate", "issueDate", "postDate"]
        .iter()
        .filter_map(|key| fields.date(key, &mut errors))
        .next();
    let due_date = fields.date("dueDate", &mut errors);
    if let (Some(issue), Some(due)) = (issue_date, due_date)
        && due < issue
    {
        errors.push(
            "dueDate",
            format!("must be on or after the invoice date ({issue})"),
        );
    }
    let description = fields.text("itemText", MAX_LONG_TEXT_CHARS, &mut errors);
    let reference = fields.text("reference1", MAX_NAME_CHARS, &mut errors);
    let kept_keys: Vec<&str> = INVOICE_KEYS
        .iter()
        .copied()
        .filter(|k| !USED_KEYS.contains(k))
        .collect();
    let kept = fields.kept(&kept_keys, &mut errors);

    let open = match (amount, balance, paid_status) {
        (Some(amount), Some(balance), paid) => {
            if balance.is_sign_negative() && !balance.is_zero() {
                errors.push("balanceAmount", "must not be negative");
            } else if balance > amount {
                errors.push("balanceAmount", "must not be more than invoiceAmount");
            } else if paid && !balance.is_zero() {
                errors.push(
                    "balanceAmount",
                    "must be 0 (or left out) when the status says the invoice is paid",
                );
            }
            balance
        }
        (Some(_), None, true) => Decimal::new(0, currency.minor_units()),
        (Some(amount), None, false) => amount,
        (None, _, _) => Decimal::ZERO,
    };

    match (customer_number, invoice_number, amount) {
        (Some(customer_number), Some(invoice_number), Some(amount)) if errors.is_empty() => {
            Ok(InvoiceRow {
                customer_number,
                customer_name,
                invoice_number,
                currency,
                amount,
                open,
                issue_date,
                due_date,
                description,
                reference,
                kept,
            })
        }
        _ => Err(errors.into_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).unwrap()
    }

    fn fields_of(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn the_seed_example_is_a_whole_open_invoice() {
        let row = parse_invoice_row(
            &raw(r#"{"customerNumber": "23123123", "invoiceNumber": "21321", "invoiceAmount": 12112}"#),
            Currency::GBP,
        )
        .unwrap();
        assert_eq!(row.customer_number, "23123123");
        assert_eq!(row.invoice_number, "21321");
        assert_eq!(row.amount, dec!(12112.00));
        assert_eq!(row.open, dec!(12112.00));
        assert_eq!(row.currency, Currency::GBP);
        assert!(row.kept.is_empty());
    }

    #[test]
    fn a_balance_makes_a_part_paid_invoice_and_the_rest_is_kept() {
        let row = parse_invoice_row(
            &raw(
                r#"{"customerNumber": 42, "invoiceNumber": "A-1", "invoiceAmount": "100.10",
                    "balanceAmount": "40.05", "currency": "chf", "invoiceDate": "2026-01-31",
                    "dueDate": "2026-03-02T00:00:00Z", "companyCode": "XY22",
                    "localAmount": 100.1, "billAddr": {"city": "Bern"}}"#,
            ),
            Currency::GBP,
        )
        .unwrap();
        assert_eq!(row.customer_number, "42");
        assert_eq!(row.currency, Currency::CHF);
        assert_eq!(row.paid(), dec!(60.05));
        assert_eq!(row.issue_date, NaiveDate::from_ymd_opt(2026, 1, 31));
        assert_eq!(row.due_date, NaiveDate::from_ymd_opt(2026, 3, 2));
        assert_eq!(row.kept["companyCode"], "XY22");
        assert_eq!(row.kept["localAmount"], "100.1");
        assert_eq!(row.kept["billAddr"]["city"], "Bern");
    }

    #[test]
    fn every_bad_field_is_named_by_the_seeds_key() {
        let errors = parse_invoice_row(
            &raw(
                r#"{"invoiceNumber": "", "invoiceAmount": "12.345", "currency": "XXY",
                    "dueDate": "31/01/2026", "status": "lost", "colour": "red"}"#,
            ),
            Currency::GBP,
        )
        .unwrap_err();
        let mut named = fields_of(&errors);
        named.sort_unstable();
        assert_eq!(
            named,
            [
                "colour",
                "currency",
                "customerNumber",
                "dueDate",
                "invoiceAmount",
                "invoiceNumber",
                "status"
            ]
        );
    }

    #[test]
    fn rows_that_are_not_objects_and_impossible_balances_are_refused() {
        assert_eq!(
            fields_of(&parse_invoice_row(&raw("[1]"), Currency::GBP).unwrap_err()),
            [""]
        );
        let over =
            r#"{"customerNumber":"1","invoiceNumber":"2","invoiceAmount":10,"balanceAmount":11}"#;
        assert_eq!(
            fields_of(&parse_invoice_row(&raw(over), Currency::GBP).unwrap_err()),
            ["balanceAmount"]
        );
        let paid =
            r#"{"customerNumber":"1","invoiceNumber":"2","invoiceAmount":10,"status":"Paid"}"#;
        assert!(
            parse_invoice_row(&raw(paid), Currency::GBP)
                .unwrap()
                .open
                .is_zero()
        );
        let negative = r#"{"customerNumber":"1","invoiceNumber":"2","invoiceAmount":-1}"#;
        assert_eq!(
            fields_of(&parse_invoice_row(&raw(negative), Currency::GBP).unwrap_err()),
            ["invoiceAmount"]
        );
        let early = r#"{"customerNumber":"1","invoiceNumber":"2","invoiceAmount":1,
                        "postDate":"2026-02-01","dueDate":"2026-01-01"}"#;
        assert_eq!(
            fields_of(&parse_invoice_row(&raw(early), Currency::GBP).unwrap_err()),
            ["dueDate"]
        );
    }

    proptest! {
        /// Amounts are read from their digits: as a JSON number or a
        /// string, any amount in cents comes back to the cent, and the
        /// paid and open parts always add up to it.
        #[test]
        fn amounts_are_exact(cents in 0i64..1_000_000_000_000, open_cents in 0i64..1_000_000_000_000, quoted: bool) {
            let open_cents = open_cents % (cents + 1);
            let amount = Decimal::new(cents, 2);
            let open = Decimal::new(open_cents, 2);
            let text = if quoted { format!("\"{amount}\"") } else { amount.to_string() };
            let row = parse_invoice_row(
                &raw(&format!(r#"{{"customerNumber":"c","invoiceNumber":"n","invoiceAmount":{text},"balanceAmount":"{open}"}}"#)),
                Currency::EUR,
            ).unwrap();
            prop_assert_eq!(row.amount, amount);
            prop_assert_eq!(row.open, open);
            prop_assert_eq!(row.paid() + row.open, row.amount);
        }
    }
}

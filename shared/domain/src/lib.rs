//! Uome's pure business rules: currencies, money, document lines and
//! totals. No I/O, no async, no HTTP or AWS types — everything here is a
//! function of its arguments, which is why most of the project's tests live
//! here.
//!
//! # Money
//!
//! * Amounts are [`rust_decimal::Decimal`], never `f64`. A [`Currency`] is an
//!   active ISO 4217 code with its minor units (JPY 0, GBP 2, BHD 3, CLF 4).
//! * Every computed amount is rounded **half away from zero**
//!   (`RoundingStrategy::MidpointAwayFromZero`: 0.125 → 0.13,
//!   −0.125 → −0.13, ¥2.5 → ¥3) to the currency's minor units, and carries
//!   exactly that scale, so its `Display` is the API's money string
//!   (`"1140.20"` GBP, `"1500"` JPY, `"1.250"` BHD). Zero is never `-0.00`.
//! * Rounding happens only where API.md §2 says (line net, document
//!   discount, tax per rate, cash discounts), once per amount. Everything in
//!   between is exact: each rounded amount is one ratio of products
//!   (`quantity × unit_price × (100 − discount) / 100`,
//!   `Σnets × (100 − discount) × r / (100 × (100 + r))`, …) evaluated in
//!   128-bit integers and rounded a single time; sums are checked.
//!   `rust_decimal`'s own operations would silently drop fractional digits
//!   once a result exceeds 96 bits, which can flip a rounding; here a value
//!   out of reach is [`DomainError::Overflow`], never a slightly wrong
//!   total. Real invoices are many orders of magnitude below that limit.
//! * The document's tax is computed per rate on the discounted base, never
//!   as a sum of rounded line taxes; line taxes are informational.
//!
//! # Input
//!
//! * Requests may give a number as a JSON string or a JSON number; both are
//!   parsed from their text ([`decimal_input`]), never through binary
//!   floating point. `NaN`, `Infinity`, `1_000` and friends are refused;
//!   values beyond `Decimal`'s range or with more than 28 decimal places
//!   are errors, not roundings.
//! * Quantities, unit prices and rates take at most 4 decimal places, rates
//!   lie in 0–100, quantities are > 0, a document has at most 500 lines;
//!   money amounts take at most the currency's minor digits (trailing zeros
//!   do not count). [`validation`] reports **every** bad field at once as
//!   [`FieldError`]s (`lines[3].quantity: must be greater than 0`, 0-based
//!   like `serde_path_to_error`).
//! * Responses and stored data write decimals as strings
//!   ([`decimal_string`]), which every serde format round-trips exactly.
//!
//! # Entry points
//!
//! [`compute_totals`] (validate + API.md §2), [`DocumentTotals::verify_total`]
//! (AbaNinja's `documentTotal` check), [`round_to_currency`],
//! [`format_amount`], [`parse_money`], [`amount_due`],
//! [`cash_discount_terms`] and [`Currency::parse`].
//!
//! # Documents and books
//!
//! [`quote_state`] and [`invoice_state`] say which action each status
//! allows (a refusal is a [`TransitionError`], 409 material) and what a
//! payment may be; [`ledger`] builds balanced postings and the trial balance
//! (one ledger per currency); [`numbering`] writes `INV-0001`; [`schedule`]
//! dates recurring invoices without day drift.
//!
//! # Text
//!
//! Parse, don't validate: [`Email`], [`Phone`] and the bounded text types
//! ([`Name`] 255, [`Code`] 64, [`LongText`] 2,000 characters; see
//! [`bounded_text`]) can only be built by their constructors, which hold
//! the one rule for each. A refusal is a [`TextError`] whose message a
//! client sees under the field's name.

pub mod address;
mod allowance;
mod arith;
pub mod bank;
pub mod bounded_text;
pub mod cash_discount;
pub mod cash_rounding;
pub mod country;
pub mod credit;
pub mod currency;
pub mod date;
pub mod decimal_input;
pub mod decimal_string;
pub mod dunning;
pub mod email;
pub mod en16931;
pub mod error;
pub mod file_name;
pub mod ids;
pub mod import_rows;
pub mod invoice_state;
pub mod json_object;
pub mod ledger;
pub mod line;
pub mod money;
pub mod numbering;
pub mod order_state;
pub mod payment_reference;
pub mod phone;
pub mod purchase_order_state;
pub mod quote_state;
pub mod read_only;
pub mod schedule;
pub mod swiss_qr;
pub mod totals;
pub mod transition;
pub mod validation;

pub use address::Address;
pub use bounded_text::{Code, Line, LongText, Name, Paragraphs, TextError, parse_optional};
pub use cash_discount::{
    CashDiscount, CashDiscountTerm, applicable_cash_discount, cash_discount_terms,
};
pub use currency::Currency;
pub use decimal_input::{DecimalInput, parse_decimal};
pub use email::Email;
pub use error::{DomainError, FieldError};
pub use file_name::PdfFileName;
pub use ids::{AccountId, ContactId, DocumentId};
pub use invoice_state::{InvoiceAction, InvoiceStatus};
pub use ledger::{Account, LedgerError, LedgerTransaction, Posting, TransactionKind, TrialBalance};
pub use line::{LineInput, LineKind, LineTotals};
pub use money::{Money, amount_due, format_amount, parse_money, round_to_currency, validate_money};
pub use numbering::{NumberPrefix, Padding, format_number};
pub use phone::Phone;
pub use quote_state::{QuoteAction, QuoteStatus};
pub use rust_decimal::Decimal;
pub use schedule::{Frequency, Schedule};
pub use totals::{DocumentInput, DocumentTotals, TaxBreakdownEntry, compute_totals};
pub use transition::{TransitionError, UnknownStatus};
pub use validation::FieldErrors;

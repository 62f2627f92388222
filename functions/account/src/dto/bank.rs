//! `/v1/account/bank`.
//!
//! [`BankRequest`] is not core's `BankInput`: it takes the `version` and
//! refuses the read-only `updated_at`, and its fields stay optional so a missing one
//! is a field error.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::account::bank::{Bank, BankInput};
use utoipa::ToSchema;

use super::ReadOnly;

/// `PUT /v1/account/bank`: a full replace. Sending back the masked
/// `account_number` or `iban` a read answered keeps the stored one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"account_name": "Analytical Engines Ltd", "sort_code": "12-34-56", "account_number": "12345678", "institution": "Westminster Bank", "iban": "GB82WEST12345698765432", "bic": "NWBKGB2L", "version": 1}))]
pub struct BankRequest {
    #[serde(default)]
    #[schema(required = true)]
    pub account_name: Option<String>,
    /// A UK account's: `NN-NN-NN` or six digits, with `account_number`.
    /// A UK account, an `iban`, or both.
    #[serde(default)]
    pub sort_code: Option<String>,
    /// A UK account's: exactly 8 digits, with `sort_code`.
    #[serde(default)]
    pub account_number: Option<String>,
    /// The bank's name.
    #[serde(default)]
    #[schema(required = true)]
    pub institution: Option<String>,
    /// Any country's; spaces allowed; checked with its check digits.
    /// Invoices carry it in `payment_instructions` and the e-invoice.
    #[serde(default)]
    pub iban: Option<String>,
    /// 8 or 11 characters; only with an `iban`.
    #[serde(default)]
    pub bic: Option<String>,
    #[serde(default)]
    pub version: Option<u64>,
    #[serde(default)]
    #[schema(ignore)]
    pub updated_at: ReadOnly,
}

// By hand: the numbers must never reach a log line.
impl std::fmt::Debug for BankRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BankRequest").finish_non_exhaustive()
    }
}

impl From<BankRequest> for BankInput {
    fn from(body: BankRequest) -> Self {
        Self {
            account_name: body.account_name.unwrap_or_default(),
            sort_code: body.sort_code.unwrap_or_default(),
            account_number: body.account_number.unwrap_or_default(),
            institution: body.institution.unwrap_or_default(),
            iban: body.iban,
            bic: body.bic,
        }
    }
}

/// Bank details; `account_number` and `iban` masked but for the last 4.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"account_name": "Analytical Engines Ltd", "sort_code": "12-34-56", "account_number": "****5678", "institution": "Westminster Bank", "iban": "******************5432", "bic": "NWBKGB2L", "version": 1, "updated_at": "2026-11-21T09:00:00Z"}))]
pub struct BankResponse {
    pub account_name: Option<String>,
    pub sort_code: Option<String>,
    pub account_number: Option<String>,
    pub institution: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub version: u64,
    pub updated_at: Option<DateTime<Utc>>,
}

impl BankResponse {
    /// From details the use case already masked.
    pub fn from_masked(bank: Bank, version: u64) -> Self {
        Self {
            account_name: bank.account_name,
            sort_code: bank.sort_code,
            account_number: bank.account_number,
            institution: bank.institution,
            iban: bank.iban,
            bic: bank.bic,
            version,
            updated_at: bank.updated_at,
        }
    }
}

//! Bank details (API.md §4) at `ACCOUNT#<acc>` / `BANK`. Reads answer the
//! account number and IBAN masked but for their last four characters; only
//! [`load_bank`] (for documents that print them) sees them whole. The type's
//! `Debug` redacts them so they never reach a log line.

use std::fmt;
use uome_domain::AccountId;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::bank::{mask_last4, parse_account_number, parse_bic, parse_iban, parse_sort_code};
use uome_domain::{FieldError, Line};

use super::fields::{self, MAX_NAME};
use super::versioned::{Versioned, parse_or_default, write_over};
use crate::error::{CoreError, CoreResult};
use crate::keys::bank_key;
use crate::ports::{Ports, Table};

#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bank {
    #[serde(default)]
    pub account_name: Option<String>,
    /// `NN-NN-NN`.
    #[serde(default)]
    pub sort_code: Option<String>,
    #[serde(default)]
    pub account_number: Option<String>,
    #[serde(default)]
    pub institution: Option<String>,
    /// Electronic form: no spaces, upper case.
    #[serde(default)]
    pub iban: Option<String>,
    #[serde(default)]
    pub bic: Option<String>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
}

impl fmt::Debug for Bank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bank")
            .field("account_name", &self.account_name)
            .field("sort_code", &self.sort_code)
            .field(
                "account_number",
                &self.account_number.as_deref().map(mask_last4),
            )
            .field("institution", &self.institution)
            .field("iban", &self.iban.as_deref().map(mask_last4))
            .field("bic", &self.bic)
            .finish()
    }
}

impl Bank {
    /// The BIC that goes with a document paid into `iban`: the document's
    /// own `bic`, else the bank's, but only when the IBAN is the bank's (or
    /// the document names none): another bank's IBAN has another BIC.
    pub fn bic_for(&self, iban: Option<&str>, bic: Option<&str>) -> Option<String> {
        let given = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| v.replace(' ', ""))
        };
        given(bic).or_else(|| match given(iban) {
            Some(own) if given(self.iban.as_deref()).as_deref() != Some(own.as_str()) => None,
            _ => given(self.bic.as_deref()),
        })
    }

    /// The same details with the account number and IBAN masked.
    pub fn masked(mut self) -> Bank {
        self.account_number = self.account_number.as_deref().map(mask_last4);
        self.iban = self.iban.as_deref().map(mask_last4);
        self
    }
}

/// The writable fields (a full replace). An `account_number` or `iban`
/// equal to the masked value a read answered keeps the stored one, so a
/// client may send back what it read.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct BankInput {
    pub account_name: String,
    pub sort_code: String,
    pub account_number: String,
    pub institution: String,
    pub iban: Option<String>,
    pub bic: Option<String>,
}

impl fmt::Debug for BankInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BankInput").finish_non_exhaustive()
    }
}

/// The details unmasked, or all empty; for documents that print them.
pub async fn load_bank(table: &dyn Table, account_id: &AccountId) -> CoreResult<Bank> {
    let item = table.get(&bank_key(account_id)).await?;
    Ok(parse_or_default::<Bank>(item.as_ref())?.value)
}

/// The details masked, with their version (0 and all empty when never set).
pub async fn get(ports: &Ports, account_id: &AccountId) -> CoreResult<Versioned<Bank>> {
    let item = ports.table.get(&bank_key(account_id)).await?;
    let Versioned { value, version } = parse_or_default::<Bank>(item.as_ref())?;
    Ok(Versioned {
        value: value.masked(),
        version,
    })
}

/// Replaces the details; answers them masked.
pub async fn update(
    ports: &Ports,
    account_id: &AccountId,
    input: BankInput,
    expected: Option<u64>,
) -> CoreResult<Versioned<Bank>> {
    let key = bank_key(account_id);
    let current = ports.table.get(&key).await?;
    let stored: Bank = parse_or_default(current.as_ref())?.value;

    let mut errors = Vec::new();
    let account_name =
        fields::required_text::<MAX_NAME>(&mut errors, "account_name", input.account_name);
    // A UK account (sort code and account number, both or neither), an
    // IBAN (with its BIC, if any), or both: a German or Swiss business has
    // no sort code to give (API.md §4).
    let sort_code = checked(
        &mut errors,
        "sort_code",
        Some(input.sort_code.clone()),
        parse_sort_code,
        false,
    );
    let account_number = kept_if_masked(&input.account_number, stored.account_number.as_deref())
        .or_else(|| {
            checked(
                &mut errors,
                "account_number",
                Some(input.account_number.clone()),
                parse_account_number,
                false,
            )
        });
    let given = |text: &str| !text.trim().is_empty();
    match (given(&input.sort_code), given(&input.account_number)) {
        (true, false) => errors.push(FieldError::new(
            "account_number",
            "is required with a sort_code",
        )),
        (false, true) => errors.push(FieldError::new(
            "sort_code",
            "is required with an account_number",
        )),
        _ => {}
    }
    let uk_given = given(&input.sort_code) || given(&input.account_number);
    let iban_given = input.iban.as_deref().is_some_and(given);
    if !uk_given && !iban_given {
        errors.push(FieldError::new(
            "iban",
            "give an IBAN, or a UK sort code and account number, or both",
        ));
    }
    if !iban_given && input.bic.as_deref().is_some_and(given) {
        errors.push(FieldError::new("bic", "goes with an iban"));
    }
    let institution =
        fields::required_text::<MAX_NAME>(&mut errors, "institution", input.institution);
    let iban = match input
        .iban
        .as_deref()
        .and_then(|i| kept_if_masked(i, stored.iban.as_deref()))
    {
        Some(kept) => Some(kept),
        None => checked(&mut errors, "iban", input.iban, parse_iban, false),
    };
    let bic = checked(&mut errors, "bic", input.bic, parse_bic, false);
    if !errors.is_empty() {
        return Err(CoreError::Validation(errors));
    }
    let bank = Bank {
        account_name: account_name.map(Line::into_string),
        sort_code,
        account_number,
        institution: institution.map(Line::into_string),
        iban,
        bic,
        updated_at: Some(ports.clock.now()),
    };
    let written: Versioned<Bank> =
        write_over(ports.table.as_ref(), &key, current, expected, &bank).await?;
    Ok(Versioned {
        value: written.value.masked(),
        version: written.version,
    })
}

/// The stored value when `input` is exactly its mask.
fn kept_if_masked(input: &str, stored: Option<&str>) -> Option<String> {
    stored
        .filter(|stored| mask_last4(stored) == input.trim())
        .map(str::to_string)
}

/// Runs a domain parser on a trimmed, non-empty value.
fn checked(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: Option<String>,
    parse: fn(&str) -> Result<String, String>,
    required: bool,
) -> Option<String> {
    let value = value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty());
    match value {
        None => {
            if required {
                errors.push(FieldError::new(field, "is required"));
            }
            None
        }
        Some(v) => match parse(&v) {
            Ok(normal) => Some(normal),
            Err(message) => {
                errors.push(FieldError::new(field, message));
                None
            }
        },
    }
}

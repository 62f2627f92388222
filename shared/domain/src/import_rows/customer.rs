//! A row of `POST /v1/uploads/customers` (seed 003): `customerno` and
//! `emailaddress1` required; `companyname`, `firstname`, `lastname`,
//! `phoneno`, `cocode`.

use serde_json::value::RawValue;

use super::fields::Fields;
use crate::bounded_text::{MAX_CODE_CHARS, MAX_NAME_CHARS};
use crate::error::FieldError;
use crate::validation::FieldErrors;

/// Every key of seed 003's customer row.
pub const CUSTOMER_KEYS: &[&str] = &[
    "companyname",
    "firstname",
    "lastname",
    "phoneno",
    "emailaddress1",
    "customerno",
    "cocode",
];

/// A customer row of the right shape. The contact rules (an email that is
/// one, a phone number that is one) are the contact's own, checked where
/// contacts are written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerRow {
    pub number: String,
    pub email: String,
    pub company_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    /// `cocode`: the company code the customer belongs to.
    pub company_code: Option<String>,
}

/// Reads one customer row; every bad field is reported by the seed's key.
pub fn parse_customer_row(raw: &RawValue) -> Result<CustomerRow, Vec<FieldError>> {
    let mut errors = FieldErrors::new();
    let Some(fields) = Fields::parse(raw, &mut errors) else {
        return Err(errors.into_vec());
    };
    fields.unknown_keys(CUSTOMER_KEYS, &mut errors);
    let number = fields.required_text("customerno", MAX_CODE_CHARS, &mut errors);
    let email = fields.required_text("emailaddress1", MAX_NAME_CHARS, &mut errors);
    let company_name = fields.text("companyname", MAX_NAME_CHARS, &mut errors);
    let first_name = fields.text("firstname", MAX_NAME_CHARS, &mut errors);
    let last_name = fields.text("lastname", MAX_NAME_CHARS, &mut errors);
    let phone = fields.text("phoneno", MAX_CODE_CHARS, &mut errors);
    let company_code = fields.text("cocode", MAX_CODE_CHARS, &mut errors);
    let named = company_name.is_some() || first_name.is_some() || last_name.is_some();
    if !named && errors.is_empty() {
        errors.push(
            "companyname",
            "is required unless firstname or lastname is given",
        );
    }
    match (number, email) {
        (Some(number), Some(email)) if errors.is_empty() => Ok(CustomerRow {
            number,
            email,
            company_name,
            first_name,
            last_name,
            phone,
            company_code,
        }),
        _ => Err(errors.into_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).unwrap()
    }

    #[test]
    fn the_seed_example_reads_whole() {
        let row = parse_customer_row(&raw(
            r#"{"companyname": "Payorcrm LLC", "firstname": "John", "lastname": "Doe",
                "phoneno": "+11122334455", "emailaddress1": "john@payorcrm.example",
                "customerno": "231231201", "cocode": "XY22"}"#,
        ))
        .unwrap();
        assert_eq!(row.number, "231231201");
        assert_eq!(row.company_name.as_deref(), Some("Payorcrm LLC"));
        assert_eq!(row.company_code.as_deref(), Some("XY22"));
    }

    #[test]
    fn required_keys_unknown_keys_and_nameless_rows() {
        let errors = parse_customer_row(&raw(r#"{"email": "a@b.example"}"#)).unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["email", "customerno", "emailaddress1"]);
        let errors = parse_customer_row(&raw(
            r#"{"customerno": "1", "emailaddress1": "a@b.example"}"#,
        ))
        .unwrap_err();
        assert_eq!(errors[0].field, "companyname");
        assert!(parse_customer_row(&raw("\"row\"")).is_err());
    }
}

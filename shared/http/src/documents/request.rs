//! The common request fields of a document.

use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;

/// Declares a document's request body: the common draft fields plus the
/// document's own, with `draft()` giving the core [`DraftInput`](uome_core::documents::DraftInput).
///
/// ```ignore
/// uome_http::document_request!(
///     /// A quote as a client writes it.
///     QuoteRequest {
///         /// Last day the quote can be approved.
///         pub valid_until: Option<chrono::NaiveDate>,
///     }
/// );
/// ```
#[macro_export]
macro_rules! document_request {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* pub $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, ::serde::Deserialize, ::utoipa::ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The customer (a contact with the `customer` role).
            #[schema(format = Uuid)]
            pub contact_id: String,
            /// ISO 4217; default the contact's currency, else the company's.
            #[serde(default)]
            pub currency: Option<String>,
            /// `YYYY-MM-DD`; default today in the account's time zone.
            #[serde(default, with = "::uome_domain::date::json_opt")]
            pub issue_date: Option<::chrono::NaiveDate>,
            #[serde(default)]
            pub reference: Option<String>,
            #[serde(default)]
            pub title: Option<String>,
            #[serde(default)]
            #[schema(max_length = 2000, format = "paragraphs")]
            pub notes: Option<String>,
            #[serde(default)]
            #[schema(max_length = 2000, format = "paragraphs")]
            pub terms: Option<String>,
            #[serde(default)]
            #[schema(max_length = 2000, format = "paragraphs")]
            pub footer: Option<String>,
            /// Document discount in percent (0–100); alias `reduce_rate`.
            /// One of `discount_rate` and `discount_amount`.
            #[serde(default, alias = "reduce_rate", with = "::uome_domain::decimal_input::json_opt")]
            #[schema(value_type = Option<String>, format = "percent", example = "3.5")]
            pub discount_rate: Option<::uome_domain::Decimal>,
            /// A fixed amount off the document (AbaNinja
            /// `documentDiscount.amount`), ≥ 0 and at most the subtotal,
            /// split over the tax rates in proportion to their nets.
            #[serde(default, with = "::uome_domain::decimal_input::json_opt")]
            #[schema(value_type = Option<String>, format = "decimal-non-negative", example = "10.00")]
            pub discount_amount: Option<::uome_domain::Decimal>,
            /// The customer's purchase order number (BT-13).
            #[serde(default)]
            #[schema(max_length = 255)]
            pub purchase_order_number: Option<String>,
            /// Up to 4 short texts (AbaNinja `customField1`–`4`), printed
            /// under `settings.custom_field_labels`; `null` leaves one empty.
            #[serde(default)]
            #[schema(max_items = 4, value_type = Vec<Option<String>>)]
            pub custom_fields: Vec<Option<String>>,
            /// One of the contact's `addresses` to bill; default its
            /// `billing_address`. Kept on the document from issue on.
            #[serde(default)]
            #[schema(format = Uuid)]
            pub billing_address_id: Option<String>,
            /// One of the contact's `addresses` to ship to; default its
            /// `shipping_address`.
            #[serde(default)]
            #[schema(format = Uuid)]
            pub shipping_address_id: Option<String>,
            /// One of the contact's `contact_persons`: the addressee on the
            /// PDF, and the email's recipient when they have an email.
            #[serde(default)]
            #[schema(format = Uuid)]
            pub contact_person_id: Option<String>,
            /// Contact persons (ids) copied on the document's email; at
            /// most 10.
            #[serde(default)]
            #[schema(max_items = 10, value_type = Vec<String>)]
            pub additional_recipients: Vec<String>,
            #[serde(default)]
            pub prices_include_tax: Option<bool>,
            #[serde(default, deserialize_with = "::uome_domain::json_object::list")]
            #[schema(value_type = Vec<$crate::documents::LineSchema>)]
            pub lines: Vec<::uome_domain::LineInput>,
            #[serde(default, deserialize_with = "::uome_domain::json_object::list")]
            #[schema(value_type = Vec<$crate::documents::CashDiscountSchema>)]
            pub cash_discounts: Vec<::uome_domain::cash_discount::CashDiscount>,
            /// The total the client expects (AbaNinja `documentTotal`): a
            /// different computed total is a 422 `total_mismatch`.
            #[serde(default, alias = "document_total", with = "::uome_domain::decimal_input::json_opt")]
            #[schema(value_type = Option<String>, format = "decimal")]
            pub total: Option<::uome_domain::Decimal>,
            /// Ready uploads of purpose `attachment` (at most 10, 10 MiB
            /// together), emailed with the document; a pending one is a
            /// 409 `upload_not_ready`.
            #[serde(default)]
            #[schema(max_items = 10, value_type = Vec<String>)]
            pub attachment_ids: Vec<String>,
            /// The version read, for updates (alternative to `If-Match`).
            #[serde(default)]
            pub version: Option<u64>,
            /// What a document's answer carries and a request may not set:
            /// 422 `is read-only` if sent.
            #[serde(default)]
            #[schema(ignore)]
            pub id: ::uome_domain::read_only::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub number: ::uome_domain::read_only::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub contact_name: ::uome_domain::read_only::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub subtotal: ::uome_domain::read_only::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub billing_address: ::uome_domain::read_only::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub shipping_address: ::uome_domain::read_only::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub tax_breakdown: ::uome_domain::read_only::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub tax_amount: ::uome_domain::read_only::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub created_at: ::uome_domain::read_only::ReadOnly,
            #[serde(default)]
            #[schema(ignore)]
            pub updated_at: ::uome_domain::read_only::ReadOnly,
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        impl $name {
            /// The common fields, as core's draft.
            pub fn draft(&self) -> ::uome_core::documents::DraftInput {
                ::uome_core::documents::DraftInput {
                    contact_id: ::uome_domain::ContactId::from(self.contact_id.trim()),
                    currency: self.currency.clone(),
                    issue_date: self.issue_date,
                    reference: self.reference.clone(),
                    title: self.title.clone(),
                    notes: self.notes.clone(),
                    terms: self.terms.clone(),
                    footer: self.footer.clone(),
                    discount_rate: self.discount_rate,
                    discount_amount: self.discount_amount,
                    prices_include_tax: self.prices_include_tax.unwrap_or(false),
                    lines: self.lines.clone(),
                    cash_discounts: self.cash_discounts.clone(),
                    total: self.total,
                    attachment_ids: self.attachment_ids.clone(),
                    recipient: ::uome_core::documents::RecipientInput {
                        billing_address_id: self.billing_address_id.clone(),
                        shipping_address_id: self.shipping_address_id.clone(),
                        contact_person_id: self.contact_person_id.clone(),
                        additional_recipients: self.additional_recipients.clone(),
                    },
                    custom_fields: self.custom_fields.clone(),
                    purchase_order_number: self.purchase_order_number.clone(),
                }
            }
        }
    };
}

/// A line as a client writes it (API.md §2 "Line"); numbers as strings or
/// JSON numbers, parsed exactly. Its read-only `position`, `net`, `tax` and
/// `total` are refused, like any unknown field (`LineInput`).
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct LineSchema {
    /// `item` (default), `subtitle`, `section_total`, `divider`, `text`;
    /// `product` (AbaNinja's position kind) is an `item` line that answers
    /// `source_kind: "product"`.
    #[schema(
        example = "item",
        pattern = "^(item|subtitle|section_total|divider|text|product)$"
    )]
    kind: Option<String>,
    /// Answered on lines written with another system's kind; may be sent
    /// back.
    #[schema(pattern = "^product$")]
    source_kind: Option<String>,
    /// A catalogue item of the account: its sales price, name and unit are
    /// the defaults.
    #[schema(format = Uuid)]
    item_id: Option<String>,
    /// A catalogue item by its `number` (AbaNinja `productNumber`), instead
    /// of `item_id`; an unknown number is a 422.
    #[schema(max_length = 64, example = "ITM-0001")]
    item_number: Option<String>,
    /// Alias `title`.
    #[schema(max_length = 2000, format = "paragraphs")]
    description: Option<String>,
    /// > 0, up to 4 decimal places; default 1.
    #[schema(example = "50", format = "decimal-positive")]
    quantity: Option<String>,
    unit: Option<String>,
    /// Up to 4 decimal places; default the item's sales price.
    #[schema(example = "15.00", format = "decimal")]
    unit_price: Option<String>,
    /// Percent, 0–100. One of `discount_rate` and `discount_amount`.
    #[schema(format = "percent")]
    discount_rate: Option<String>,
    /// A fixed amount off the line (AbaNinja `discount.amount`): ≥ 0, in
    /// the currency's minor units, at most round(quantity × unit_price).
    #[schema(format = "decimal-non-negative", example = "5.00")]
    discount_amount: Option<String>,
    /// Percent, 0–100.
    #[schema(example = "10", format = "percent")]
    tax_rate: Option<String>,
}

/// A cash discount tier: `percentage` off when paid within `days`.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct CashDiscountSchema {
    /// 0–365, each tier's different.
    #[schema(example = 10, maximum = 365)]
    days: u32,
    #[schema(example = "2", format = "percent-positive")]
    percentage: String,
}

/// `YYYY-MM` of a `month` query parameter, 422 on anything else.
pub fn parse_month(month: &str) -> Result<(i32, u32), ApiError> {
    let bad = || {
        ApiError::from(uome_core::CoreError::invalid_field(
            "month",
            "must be a month as YYYY-MM",
        ))
    };
    uome_core::ledger::parse_month(month).ok_or_else(bad)
}

/// The `month` filter of a document list: absent or empty is none.
pub fn month_filter(month: Option<&str>) -> Result<Option<(i32, u32)>, ApiError> {
    crate::query_filter::given(month)
        .map(parse_month)
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::document_request!(
        /// For the tests.
        #[allow(dead_code)]
        TestRequest {
            #[serde(default)]
            pub valid_until: Option<chrono::NaiveDate>,
        }
    );

    #[test]
    fn common_and_own_fields_parse_exactly() {
        let body = r#"{"contact_id":" c1 ","discount_rate":3.5,"lines":[{"quantity":50,"unit_price":15.00,"tax_rate":10}],
            "valid_until":"2026-12-31","total":1140.20}"#;
        let req: TestRequest = serde_json::from_str(body).unwrap();
        let draft = req.draft();
        assert_eq!(draft.contact_id, "c1");
        assert_eq!(draft.discount_rate.unwrap().to_string(), "3.5");
        assert_eq!(draft.lines[0].unit_price.unwrap().to_string(), "15.00");
        assert_eq!(draft.total.unwrap().to_string(), "1140.20");
        assert_eq!(req.valid_until.unwrap().to_string(), "2026-12-31");
        assert_eq!(req.version, None);
        assert!(serde_json::from_str::<TestRequest>(r#"{"contact_id":"c","nope":1}"#).is_err());
    }

    #[test]
    fn months() {
        assert_eq!(parse_month("2026-11").unwrap(), (2026, 11));
        for bad in ["2026-13", "2026-1", "26-11", "2026/11", "x"] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }
}

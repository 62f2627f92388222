//! `POST /v1/uploads/invoices` and `/customers` (API.md §11, seed 003):
//! the rows keep the seed's own keys; the answer is the import report.
//! The row types describe the body for the OpenAPI document; the rows
//! themselves are read one by one by `uome_domain::import_rows`, so a bad
//! row is reported, not the whole request refused.

use serde::Serialize;
use serde_json::Value;
use uome_core::imports::ImportReport;
use uome_domain::import_rows::RowRejection;
use uome_http::problem::FieldError;
use utoipa::ToSchema;

/// An amount in major units of the row's currency: a JSON number or a
/// string holding one, read exactly.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
#[schema(as = BulkAmount, example = "12112.00")]
#[allow(dead_code)]
pub enum Amount {
    Number(f64),
    Text(String),
}

/// An identifier: a string, or an integer taken as its digits.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
#[schema(as = BulkNumber, example = "23123123")]
#[allow(dead_code)]
pub enum Number {
    Text(String),
    Integer(u64),
}

/// One invoice row, in seed 003's keys. `customerNumber`, `invoiceNumber`
/// and `invoiceAmount` are required. The invoice date is `invoiceDate`,
/// else `issueDate`, else `postDate`, else today; `balanceAmount` is what
/// is still open (default: all of it, none for a `paid` status). Every
/// other key is kept on the invoice as given (`import_fields`).
#[derive(ToSchema)]
#[schema(as = BulkInvoiceRow, example = json!({"customerNumber": "23123123", "invoiceNumber": "21321", "invoiceAmount": 12112}))]
#[allow(dead_code, non_snake_case)]
pub struct InvoiceRow {
    companyCode: Option<String>,
    profitCenter: Option<String>,
    /// The name of a contact made for an unknown `customerNumber`.
    customerName: Option<String>,
    #[schema(required = true)]
    customerNumber: Number,
    accountingDocNumber: Option<String>,
    #[schema(required = true)]
    invoiceNumber: Number,
    /// `YYYY-MM-DD` (or an RFC 3339 timestamp).
    postDate: Option<String>,
    dueDate: Option<String>,
    paymentTerms: Option<String>,
    documentType: Option<String>,
    postingKey: Option<String>,
    debitCreditIndicator: Option<String>,
    balanceAmount: Option<Amount>,
    billAddr: Option<Value>,
    shipAddr: Option<Value>,
    /// ISO 4217; default the account's currency.
    currency: Option<String>,
    #[schema(required = true)]
    invoiceAmount: Amount,
    reasonCode: Option<String>,
    reasonCodeDescription: Option<String>,
    fiscalYear: Option<String>,
    invoiceDate: Option<String>,
    /// The invoice's reference.
    reference1: Option<String>,
    reference2: Option<String>,
    localAmount: Option<Amount>,
    /// The text of the invoice's one line.
    itemText: Option<String>,
    fiscalPeriod: Option<String>,
    issueDate: Option<String>,
    soldTo: Option<String>,
    lineItem: Option<String>,
    referenceDocNo: Option<String>,
    /// `open`, `issued`, `unpaid`, `overdue`, `partially_paid`, `due`; or
    /// `paid`, `closed`, `cleared`, `settled`.
    status: Option<String>,
}

/// One customer row, in seed 003's keys; `customerno` and
/// `emailaddress1` are required, and `companyname` or a first or last name.
#[derive(ToSchema)]
#[schema(as = BulkCustomerRow, example = json!({"companyname": "Payorcrm LLC", "firstname": "John", "lastname": "Doe", "phoneno": "+11122334455", "emailaddress1": "john@payorcrm.example", "customerno": "231231201", "cocode": "XY22"}))]
#[allow(dead_code)]
pub struct CustomerRow {
    companyname: Option<String>,
    firstname: Option<String>,
    lastname: Option<String>,
    phoneno: Option<String>,
    #[schema(required = true)]
    emailaddress1: String,
    #[schema(required = true)]
    customerno: Number,
    /// Kept as the contact's tag `cocode:<code>`.
    cocode: Option<String>,
}

/// A row that was not applied.
#[derive(Debug, Serialize, ToSchema)]
pub struct RejectedRow {
    /// The row's 0-based position in the array.
    pub index: usize,
    /// The row's number (`invoiceNumber`, `customerno`), when readable.
    pub number: Option<String>,
    /// Every problem, by the seed's key.
    pub errors: Vec<FieldError>,
}

/// What an import did: rows received, created, updated (a number seen
/// before; also when nothing changed), and every rejected row.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReportView {
    pub received: usize,
    pub created: usize,
    pub updated: usize,
    pub rejected: Vec<RejectedRow>,
}

impl From<RowRejection> for RejectedRow {
    fn from(r: RowRejection) -> Self {
        RejectedRow {
            index: r.index,
            number: r.number,
            errors: r.errors.into_iter().map(FieldError::from).collect(),
        }
    }
}

impl From<ImportReport> for ImportReportView {
    fn from(report: ImportReport) -> Self {
        ImportReportView {
            received: report.received,
            created: report.created,
            updated: report.updated,
            rejected: report.rejected.into_iter().map(RejectedRow::from).collect(),
        }
    }
}

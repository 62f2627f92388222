//! Key builders of the single-table design (docs/storage.md), in one place
//! so no two use cases spell a key differently.

use crate::ports::Key;
use uome_domain::AccountId;
use uome_domain::{ContactId, DocumentId};

/// The partition of everything an account owns.
pub fn account_pk(account_id: &AccountId) -> String {
    format!("ACCOUNT#{account_id}")
}

/// An item of an account: `ACCOUNT#<acc>` / `<sk>`.
pub fn account_item(account_id: &AccountId, sk: impl Into<String>) -> Key {
    Key::new(account_pk(account_id), sk)
}

/// The account's own record.
pub fn account_key(account_id: &AccountId) -> Key {
    account_item(account_id, "ACCOUNT")
}

/// A user of an account.
pub fn user_key(account_id: &AccountId, user_id: &str) -> Key {
    account_item(account_id, format!("USER#{user_id}"))
}

/// Emails compare case-insensitively (and without surrounding space) for
/// uniqueness and login; the address as typed is kept for display. The
/// rule is `uome_domain`'s ([`Email::lookup_key`](uome_domain::Email::lookup_key)).
pub fn normalise_email(email: &str) -> String {
    uome_domain::email::lookup_key(email)
}

/// The login record of an email: its existence is what makes an email taken.
pub fn login_key(email: &str) -> Key {
    Key::new(format!("EMAIL#{}", normalise_email(email)), "USER")
}

/// A secret-bearing token (email link, refresh, portal) found by its hash.
pub fn token_key(kind: &str, token_hash: &str) -> Key {
    Key::new(format!("{kind}#{token_hash}"), "TOKEN")
}

/// An API client by its public id.
pub fn api_client_key(client_id: &str) -> Key {
    Key::new(format!("APICLIENT#{client_id}"), "CLIENT")
}

/// An API client as listed under its account (no secret hash there).
pub fn api_client_listing_key(account_id: &AccountId, client_id: &str) -> Key {
    account_item(
        account_id,
        format!("{API_CLIENT_LISTING_PREFIX}{client_id}"),
    )
}

/// Sort-key prefix of an account's API-client listing items.
pub const API_CLIENT_LISTING_PREFIX: &str = "APICLIENT#";

/// The account's company details, bank details and settings.
pub fn company_key(account_id: &AccountId) -> Key {
    account_item(account_id, "COMPANY")
}

pub fn bank_key(account_id: &AccountId) -> Key {
    account_item(account_id, "BANK")
}

pub fn settings_key(account_id: &AccountId) -> Key {
    account_item(account_id, "SETTINGS")
}

/// An upload of an account (avatar, attachment, import...).
pub fn upload_key(account_id: &AccountId, upload_id: &str) -> Key {
    account_item(account_id, format!("UPLOAD#{upload_id}"))
}

/// `token_key` kind of single-use email-link tokens (verify email, reset password).
pub const EMAIL_TOKEN_KIND: &str = "EMAILTOKEN";
/// `token_key` kind of refresh tokens.
pub const REFRESH_TOKEN_KIND: &str = "REFRESH";

/// The sort-key prefix of every session (refresh-token family) of a user.
pub fn session_prefix(user_id: &str) -> String {
    format!("SESSION#{user_id}#")
}

/// One session (refresh-token family) of a user.
pub fn session_key(account_id: &AccountId, user_id: &str, session_id: &str) -> Key {
    account_item(
        account_id,
        format!("{}{session_id}", session_prefix(user_id)),
    )
}

/// The partition of an email's throttle entries (`kind` = `THROTTLE` for
/// failed logins, `MAILTHROTTLE` for emails sent on request).
pub fn throttle_pk(kind: &str, email: &str) -> String {
    format!("{kind}#{}", normalise_email(email))
}

/// A catalogue item (`ITEM#<id>`).
pub fn item_key(account_id: &AccountId, item_id: &str) -> Key {
    account_item(account_id, format!("ITEM#{item_id}"))
}

/// A tax rate of the catalogue (`TAXRATE#<id>`).
pub fn tax_rate_key(account_id: &AccountId, tax_rate_id: &str) -> Key {
    account_item(account_id, format!("TAXRATE#{tax_rate_id}"))
}

/// The counter behind automatic item numbers (`ITM-0001`).
pub fn item_counter_key(account_id: &AccountId) -> Key {
    account_item(account_id, "COUNTER#item")
}

/// The guard that keeps an item number unique in its account; `number_key`
/// is the case-folded number.
pub fn item_number_guard_key(account_id: &AccountId, number_key: &str) -> Key {
    account_item(account_id, format!("UNIQUE#item_number#{number_key}"))
}

/// The guard that keeps a tax rate name unique in its account; `name_key`
/// is the case-folded name.
pub fn tax_rate_name_guard_key(account_id: &AccountId, name_key: &str) -> Key {
    account_item(account_id, format!("UNIQUE#tax_rate_name#{name_key}"))
}

/// gsi1 partition of an account's items, sorted by name.
pub fn items_by_name_pk(account_id: &AccountId) -> String {
    format!("{}#ITEMS", account_pk(account_id))
}

/// gsi2 partition of an account's items, sorted by number.
pub fn items_by_number_pk(account_id: &AccountId) -> String {
    format!("{}#ITEM_NUMBERS", account_pk(account_id))
}

/// gsi1 partition of an account's tax rates, sorted by name.
pub fn tax_rates_by_name_pk(account_id: &AccountId) -> String {
    format!("{}#TAXRATES", account_pk(account_id))
}

/// A contact (`CONTACT#<id>`).
pub fn contact_key(account_id: &AccountId, contact_id: &ContactId) -> Key {
    account_item(account_id, format!("CONTACT#{contact_id}"))
}

/// The counter behind automatic contact numbers (`CUS-0001`).
pub fn contact_counter_key(account_id: &AccountId) -> Key {
    account_item(account_id, "COUNTER#contact")
}

/// The guard that keeps a contact number unique in its account;
/// `number_key` is the case-folded number.
pub fn contact_number_guard_key(account_id: &AccountId, number_key: &str) -> Key {
    account_item(account_id, format!("UNIQUE#contact_number#{number_key}"))
}

/// The guard that keeps a contact email unique in its account (unless a
/// create is forced); `email_key` is the normalised email.
pub fn contact_email_guard_key(account_id: &AccountId, email_key: &str) -> Key {
    account_item(account_id, format!("UNIQUE#contact_email#{email_key}"))
}

/// gsi1 partition of an account's contacts, sorted by name; archived
/// contacts have a partition of their own so the default list reads none.
pub fn contacts_by_name_pk(account_id: &AccountId, archived: bool) -> String {
    let suffix = if archived {
        "CONTACTS_ARCHIVED"
    } else {
        "CONTACTS"
    };
    format!("{}#{suffix}", account_pk(account_id))
}

/// gsi2 partition of an account's contacts by normalised email.
pub fn contacts_by_email_pk(account_id: &AccountId) -> String {
    format!("{}#CONTACT_EMAIL", account_pk(account_id))
}

/// Sort-key prefix of the search terms of an account's contacts
/// (`CTERM#<0 active|1 archived>#<term>#<id>`).
pub fn contact_term_prefix(archived: bool) -> &'static str {
    if archived { "CTERM#1#" } else { "CTERM#0#" }
}

/// One search term row of a contact.
pub fn contact_term_key(
    account_id: &AccountId,
    archived: bool,
    term: &str,
    contact_id: &ContactId,
) -> Key {
    account_item(
        account_id,
        format!("{}{term}#{contact_id}", contact_term_prefix(archived)),
    )
}

/// Sort-key prefix of the rows saying which documents reference a contact.
pub fn contact_reference_prefix(contact_id: &ContactId) -> String {
    format!("CONTACTREF#{contact_id}#")
}

/// The row saying that `document_key` (e.g. `INVOICE#<id>`) references a contact.
pub fn contact_reference_key(
    account_id: &AccountId,
    contact_id: &ContactId,
    document_key: &str,
) -> Key {
    account_item(
        account_id,
        format!("{}{document_key}", contact_reference_prefix(contact_id)),
    )
}

/// The short-lived lock a contact delete holds while it checks references.
pub fn contact_delete_lock_key(account_id: &AccountId, contact_id: &ContactId) -> Key {
    account_item(account_id, format!("CONTACTLOCK#{contact_id}"))
}

/// The kinds of sales and purchase documents, as they appear in keys
/// (`INVOICE#<id>`, index partitions `ACCOUNT#<acc>#INVOICE`, counters
/// `COUNTER#invoice`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocType {
    Quote,
    Invoice,
    Recurring,
    Expense,
    CreditNote,
    Order,
    /// A POS sale's record; its counter numbers the receipts (`RCT-`).
    Sale,
    /// An order to a supplier (API.md §9).
    PurchaseOrder,
}

impl DocType {
    /// The sort-key and index tag: `QUOTE`, `INVOICE`, `RECURRING`, `EXPENSE`.
    pub fn tag(self) -> &'static str {
        match self {
            DocType::Quote => "QUOTE",
            DocType::Invoice => "INVOICE",
            DocType::Recurring => "RECURRING",
            DocType::Expense => "EXPENSE",
            DocType::CreditNote => "CREDITNOTE",
            DocType::Order => "ORDER",
            DocType::Sale => "SALE",
            DocType::PurchaseOrder => "PURCHASEORDER",
        }
    }

    /// The counter name (`COUNTER#quote`).
    pub fn counter(self) -> &'static str {
        match self {
            DocType::Quote => "quote",
            DocType::Invoice => "invoice",
            DocType::Recurring => "recurring",
            DocType::Expense => "expense",
            DocType::CreditNote => "credit_note",
            DocType::Order => "order",
            DocType::Sale => "receipt",
            DocType::PurchaseOrder => "purchase_order",
        }
    }
}

/// A document's sort key: `INVOICE#<id>` (also what contact references name).
pub fn document_sk(doc: DocType, id: &DocumentId) -> String {
    format!("{}#{id}", doc.tag())
}

/// A document: `ACCOUNT#<acc>` / `<TYPE>#<id>`.
pub fn document_key(account_id: &AccountId, doc: DocType, id: &DocumentId) -> Key {
    account_item(account_id, document_sk(doc, id))
}

/// The per-account, per-type counter behind document numbers.
pub fn document_counter_key(account_id: &AccountId, doc: DocType) -> Key {
    account_item(account_id, format!("COUNTER#{}", doc.counter()))
}

/// gsi1 partition of an account's documents of one type; sort key
/// `<issue date>#<id>` so a month is a `begins_with` and newest-first a
/// backward Query.
pub fn documents_by_date_pk(account_id: &AccountId, doc: DocType) -> String {
    format!("{}#{}", account_pk(account_id), doc.tag())
}

/// gsi1 sort key of a document: `<date>#<id>`.
pub fn document_date_sk(date: chrono::NaiveDate, id: &DocumentId) -> String {
    format!("{}#{id}", date.format("%Y-%m-%d"))
}

/// gsi2 partition of every document of one contact.
pub fn documents_by_contact_pk(account_id: &AccountId, contact_id: &ContactId) -> String {
    format!("{}#CONTACT#{contact_id}", account_pk(account_id))
}

/// gsi2 sort key of a document under its contact: `<TYPE>#<date>#<id>`.
pub fn document_contact_sk(doc: DocType, date: chrono::NaiveDate, id: &DocumentId) -> String {
    format!("{}#{}", doc.tag(), document_date_sk(date, id))
}

/// A POS refund: `SALEREFUND#<sale>#<refund>`.
pub fn sale_refund_key(account_id: &AccountId, sale_id: &str, refund_id: &str) -> Key {
    account_item(account_id, format!("SALEREFUND#{sale_id}#{refund_id}"))
}

/// What the till's day books hold: its sales, and its refunds (on the day
/// the money went back, whatever day the sale was).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TillBook {
    Sales,
    Refunds,
}

/// gsi1 partition of one of the till's day books, sort key
/// `<local date>#<instant>#<SALE|REFUND>#<id>`, so a day is one
/// `begins_with` in the order things happened.
pub fn till_pk(account_id: &AccountId, book: TillBook) -> String {
    let book = match book {
        TillBook::Sales => "SALES",
        TillBook::Refunds => "REFUNDS",
    };
    format!("{}#TILL#{book}", account_pk(account_id))
}

/// gsi1 sort key of a sale or refund in the day book.
pub fn till_sk(
    local_date: chrono::NaiveDate,
    at: chrono::DateTime<chrono::Utc>,
    kind: &str,
    id: &str,
) -> String {
    format!(
        "{}#{}#{kind}#{id}",
        local_date.format("%Y-%m-%d"),
        at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    )
}

/// The day book's prefix of one local day.
pub fn till_day_prefix(local_date: chrono::NaiveDate) -> String {
    format!("{}#", local_date.format("%Y-%m-%d"))
}

/// The partition of an account's purchase-order summaries (one small item
/// per order: what lists filter, sort, count and page on; docs/purchase-orders.md).
pub fn purchase_order_index_pk(account_id: &AccountId) -> String {
    format!("{}#POINDEX", account_pk(account_id))
}

/// gsi1 partition of one vendor's purchase-order summaries.
pub fn vendor_purchase_orders_pk(account_id: &AccountId, vendor_id: &str) -> String {
    format!("{}#POINDEX#VENDOR#{vendor_id}", account_pk(account_id))
}

/// A payment of an invoice: `PAYMENT#<invoice>#<payment>`.
pub fn payment_key(account_id: &AccountId, invoice_id: &str, payment_id: &str) -> Key {
    account_item(
        account_id,
        format!("{}{payment_id}", payment_prefix(invoice_id)),
    )
}

/// gsi1 partition of every payment of the account, sorted `<date>#<id>`.
pub fn payments_by_date_pk(account_id: &AccountId) -> String {
    format!("{}#PAYMENTS", account_pk(account_id))
}

/// The sort-key prefix of one invoice's payments.
pub fn payment_prefix(invoice_id: &str) -> String {
    format!("PAYMENT#{invoice_id}#")
}

/// Sort-key prefix of every ledger transaction of an account
/// (`LEDGER#<date>#<id>`): a month is `LEDGER#2026-11`.
pub const LEDGER_PREFIX: &str = "LEDGER#";

/// A ledger transaction: `ACCOUNT#<acc>` / `LEDGER#<date>#<id>`.
pub fn ledger_key(account_id: &AccountId, date: chrono::NaiveDate, id: &str) -> Key {
    account_item(
        account_id,
        format!(
            "{LEDGER_PREFIX}{}",
            document_date_sk(date, &DocumentId::from(id))
        ),
    )
}

/// gsi2 partition of the ledger transactions of one document.
pub fn ledger_by_document_pk(account_id: &AccountId, document_id: &str) -> String {
    format!("{}#DOC#{document_id}", account_pk(account_id))
}

/// gsi2 partition of the expenses linked to one invoice (sort key
/// `<date>#<id>`); sparse: an expense without an invoice is not in it.
pub fn invoice_expenses_pk(account_id: &AccountId, invoice_id: &str) -> String {
    format!("{}#INVOICE_EXPENSES#{invoice_id}", account_pk(account_id))
}

/// How many partitions the due-work index (gsi3) spreads each kind over,
/// so one busy day does not throttle a single partition.
pub const DUE_SHARDS: u32 = 8;

/// The gsi3 shard of an item: a stable hash of its id (FNV-1a, not std's
/// hasher, whose output may change between Rust releases) mod
/// [`DUE_SHARDS`]. Stable, so a rewrite of the item keeps its partition.
pub fn due_shard(id: &str) -> u32 {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    hash % DUE_SHARDS
}

/// gsi3 partition of due work of one kind: `DUE#<kind>#<shard>`.
pub fn due_pk(kind: &str, shard: u32) -> String {
    format!("DUE#{kind}#{shard}")
}

/// gsi3 sort key of due work: `<instant>#<acc>#<id>`, the instant
/// ([`due_instant`]) being when the work falls due in UTC, so one Query
/// per shard with `sk <= <now>#~` finds exactly what is due now, whatever
/// each account's time zone.
pub fn due_sk(at: chrono::DateTime<chrono::Utc>, account_id: &AccountId, id: &str) -> String {
    format!("{}#{account_id}#{id}", due_instant(at))
}

/// The inclusive upper bound of the work due at or before `now`
/// (`<instant>#~`: `~` sorts after every character of an id).
pub fn due_until(now: chrono::DateTime<chrono::Utc>) -> String {
    format!("{}#~", due_instant(now))
}

/// `2027-01-31T11:00Z`: minutes are enough for an hourly scheduler, and a
/// fixed width keeps the strings in time order.
fn due_instant(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%MZ").to_string()
}

/// When `date` begins where the account is: local midnight in `tz` as a
/// UTC instant (or the first instant of the day, where a DST change skips
/// midnight). "Due on 31 Jan" in Auckland is due from 30 Jan 11:00 UTC.
pub fn start_of_local_day(
    date: chrono::NaiveDate,
    tz: chrono_tz::Tz,
) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    (0..4)
        .find_map(|hour| {
            tz.from_local_datetime(&(midnight + chrono::Duration::hours(hour)))
                .earliest()
        })
        .map(|local| local.with_timezone(&chrono::Utc))
        // No zone skips four hours; if one ever did, UTC midnight is a
        // day boundary within a day of the right one.
        .unwrap_or_else(|| midnight.and_utc())
}

/// The due-work entry of an open invoice: `ACCOUNT#<acc>` / `DUNNING#<id>`.
pub fn dunning_entry_key(account_id: &AccountId, invoice_id: &DocumentId) -> Key {
    account_item(account_id, format!("{DUNNING_ENTRY_PREFIX}{invoice_id}"))
}

/// Sort-key prefix of an account's due-work entries of open invoices.
pub const DUNNING_ENTRY_PREFIX: &str = "DUNNING#";

/// A line of a document's reminders history:
/// `ACCOUNT#<acc>` / `REMINDER#<doc>#<slot>`.
pub fn reminder_key(account_id: &AccountId, document_id: &DocumentId, slot: &str) -> Key {
    account_item(
        account_id,
        format!("{}{slot}", reminder_prefix(document_id)),
    )
}

/// Sort-key prefix of a document's reminders history.
pub fn reminder_prefix(document_id: &DocumentId) -> String {
    format!("REMINDER#{document_id}#")
}

/// The guard that keeps an imported invoice number unique in its account
/// and says which invoice has it (`number_key` case-folded): what makes
/// imports upsert by number.
pub fn invoice_number_guard_key(account_id: &AccountId, number_key: &str) -> Key {
    account_item(account_id, format!("UNIQUE#invoice_number#{number_key}"))
}

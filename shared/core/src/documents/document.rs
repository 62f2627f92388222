//! What a document kind (quote, invoice, and those to come) tells the
//! shared machinery in `documents/`: where it is stored, its shared body,
//! whether it is still a draft, its version and reminder stamp, how it is
//! printed and whether its state machine allows a reminder. A kind
//! implements [`Document`] once and gets load, change, list, remind, send
//! checks, PDF and the viewer rules from this module.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::TransitionError;

use super::DocumentBody;
use super::at::At;
use super::listing::document_indexes;
use super::render::DocumentMeta;
use crate::error::CoreResult;
use crate::keys::{DocType, document_key, document_sk};
use crate::ports::{Index, Item};

pub trait Document: Clone + Serialize + DeserializeOwned + Send + Sync {
    /// The kind's tag in keys and indexes.
    const KIND: DocType;
    /// The PDF's file name when the number has nothing printable.
    const FILE_FALLBACK: &'static str;

    fn id(&self) -> &DocumentId;
    fn number(&self) -> &str;
    fn body(&self) -> &DocumentBody;
    /// A draft is the business's own work in progress: no portal sees it.
    fn is_draft(&self) -> bool;

    /// The item's version (not stored in the data; conditions use it).
    fn version(&self) -> u64;
    fn set_version(&mut self, version: u64);
    fn set_updated_at(&mut self, now: DateTime<Utc>);

    /// When the last one-off reminder went out (the 24 h throttle).
    fn last_reminded_at(&self) -> Option<DateTime<Utc>>;
    fn set_last_reminded_at(&mut self, at: Option<DateTime<Utc>>);

    /// What the PDF prints besides the body (number, status, dates, amounts).
    fn meta(at: &At<Self>) -> CoreResult<DocumentMeta>;
    /// Whether the kind's state machine allows a reminder now.
    fn may_remind(at: &At<Self>) -> Result<(), TransitionError>;

    /// The document's sort key, as contact references name it.
    fn sk(&self) -> String {
        document_sk(Self::KIND, self.id())
    }
}

/// The accessors of a record that keeps the shared fields under their
/// usual names (`id`, `number`, `body`, `version`, `updated_at`,
/// `last_reminded_at`), written once for every kind: a kind's
/// `impl Document` says `document_fields!();` and only what is its own.
macro_rules! document_fields {
    () => {
        fn id(&self) -> &uome_domain::DocumentId {
            &self.id
        }
        fn number(&self) -> &str {
            &self.number
        }
        fn body(&self) -> &$crate::documents::DocumentBody {
            &self.body
        }
        fn version(&self) -> u64 {
            self.version
        }
        fn set_version(&mut self, version: u64) {
            self.version = version;
        }
        fn set_updated_at(&mut self, now: chrono::DateTime<chrono::Utc>) {
            self.updated_at = now;
        }
        fn last_reminded_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
            self.last_reminded_at
        }
        fn set_last_reminded_at(&mut self, at: Option<chrono::DateTime<chrono::Utc>>) {
            self.last_reminded_at = at;
        }
    };
}
pub(crate) use document_fields;

/// The document stored in `item`, with the item's version.
pub fn from_item<D: Document>(item: &Item) -> CoreResult<D> {
    let mut document: D = item.parse()?;
    document.set_version(item.version);
    Ok(document)
}

/// The document as an item at `version`, with its list indexes (gsi1 by
/// issue date, gsi2 under its contact).
pub fn document_item<D: Document>(
    account_id: &AccountId,
    document: &D,
    version: u64,
) -> CoreResult<Item> {
    let body = document.body();
    let (by_date, by_contact) = document_indexes(
        account_id,
        D::KIND,
        document.id(),
        &body.contact_id,
        body.issue_date,
    );
    Ok(
        Item::new(document_key(account_id, D::KIND, document.id()), document)?
            .with_index(Index::Gsi1, by_date)
            .with_index(Index::Gsi2, by_contact)
            .with_version(version),
    )
}

//! What makes an order a [`Document`]: never a draft (the client sees it
//! from the moment it is placed), printed as an "Order".

use uome_domain::TransitionError;
use uome_domain::order_state::{OrderAction, check};

use super::record::Order;
use crate::documents::document::document_fields;
use crate::documents::render::DocumentMeta;
use crate::documents::{At, Document};
use crate::error::CoreResult;
use crate::keys::DocType;

pub type OrderAt = At<Order>;

impl Document for Order {
    const KIND: DocType = DocType::Order;
    const FILE_FALLBACK: &'static str = "order";

    document_fields!();

    fn is_draft(&self) -> bool {
        false
    }

    fn meta(at: &OrderAt) -> CoreResult<DocumentMeta> {
        Ok(DocumentMeta {
            kind: uome_pdf::DocumentKind::Order,
            number: at.document.number.clone(),
            status: Some(at.document.status.as_str().to_string()),
            ..DocumentMeta::default()
        })
    }

    /// The client's reminder goes to the business, while it is pending.
    fn may_remind(at: &OrderAt) -> Result<(), TransitionError> {
        check(at.document.status, OrderAction::Remind)
    }
}

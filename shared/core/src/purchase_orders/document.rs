//! What makes a purchase order a [`Document`]: a draft until issued,
//! printed as a "Purchase order" to the vendor, never reminded.

use uome_domain::TransitionError;
use uome_domain::purchase_order_state::{PurchaseOrderAction, PurchaseOrderStatus, check};

use super::record::PurchaseOrder;
use crate::documents::document::document_fields;
use crate::documents::render::DocumentMeta;
use crate::documents::{At, Document};
use crate::error::CoreResult;
use crate::keys::DocType;

pub type PurchaseOrderAt = At<PurchaseOrder>;

impl Document for PurchaseOrder {
    const KIND: DocType = DocType::PurchaseOrder;
    const FILE_FALLBACK: &'static str = "purchase-order";

    document_fields!();

    fn is_draft(&self) -> bool {
        self.status == PurchaseOrderStatus::Draft
    }

    fn meta(at: &PurchaseOrderAt) -> CoreResult<DocumentMeta> {
        Ok(DocumentMeta {
            kind: uome_pdf::DocumentKind::PurchaseOrder,
            number: at.document.number.clone(),
            due_date: at.document.due_date,
            ..DocumentMeta::default()
        })
    }

    /// Suppliers are not reminded through the product: the state machine
    /// has no such action, and a draft is the only state `update` allows.
    fn may_remind(at: &PurchaseOrderAt) -> Result<(), TransitionError> {
        check(at.document.status, PurchaseOrderAction::Update)
            .and_then(|()| check(PurchaseOrderStatus::Cancelled, PurchaseOrderAction::Update))
    }
}

//! A page of documents as a list answers it: summaries (no lines) unless
//! `?expand=lines` asks, and never more than [`MAX_PAGE_BYTES`](crate::pagination::MAX_PAGE_BYTES), so no page
//! comes near Lambda's 6 MB response limit (docs/documents.md, "Lists").

use serde::Serialize;
use uome_core::ports::LastKey;

use crate::pagination::{CursorCodec, Page};

use super::DocumentBodyView;

/// `?expand=lines` on a list of documents: whether its pages carry lines.
pub fn expand_lines(expand: Option<&str>) -> Result<bool, crate::ApiError> {
    match crate::query_filter::given(expand) {
        None => Ok(false),
        Some("lines") => Ok(true),
        Some(_) => Err(crate::ApiError::bad_request(
            "invalid_query",
            "expand must be lines.",
        )),
    }
}

/// A document's view, which carries the common body.
pub trait DocumentView: Serialize {
    fn body_mut(&mut self) -> &mut DocumentBodyView;
}

/// The page of `views` (`after[i]` follows `views[i]`, `next` follows the
/// whole page), summarised unless `with_lines`, within [`MAX_PAGE_BYTES`](crate::pagination::MAX_PAGE_BYTES).
pub fn document_page<V: DocumentView>(
    mut views: Vec<V>,
    after: &[LastKey],
    next: Option<&LastKey>,
    with_lines: bool,
    codec: &CursorCodec,
    scope: &str,
) -> Page<V> {
    if !with_lines {
        for view in &mut views {
            view.body_mut().summarise();
        }
    }
    Page::within_bytes(views, after, next, codec, scope)
}

//! Reading one document of the account: by id under the account's
//! partition, so another account's id reads as 404 like an unknown one.

use super::at::At;
use super::document::{Document, from_item};
use super::render::{RenderContext, load_render_context};
use super::viewer::Viewer;
use crate::account::company::Company;
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{company_key, document_key};
use crate::ports::{Ports, Table};
use crate::stored::parse_or_default;
use uome_domain::AccountId;
use uome_domain::DocumentId;

/// The account's document `id` as `viewer` may see it; 404 otherwise.
pub async fn load<D: Document>(
    table: &dyn Table,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<D> {
    if id.trim().is_empty() {
        return Err(CoreError::NotFound);
    }
    let item = table
        .get(&document_key(account_id, D::KIND, id))
        .await?
        .ok_or(CoreError::NotFound)?;
    let document: D = from_item(&item)?;
    viewer.check(&document)?;
    Ok(document)
}

/// The document and the company (whose time zone decides today) in one
/// batch read.
pub async fn load_at<D: Document>(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<At<D>> {
    if id.trim().is_empty() {
        return Err(CoreError::NotFound);
    }
    let key = document_key(account_id, D::KIND, id);
    let company_key = company_key(account_id);
    let mut fetched =
        Fetched::read(ports.table.as_ref(), vec![key.clone(), company_key.clone()]).await?;
    let item = fetched.take(&key).ok_or(CoreError::NotFound)?;
    let document: D = from_item(&item)?;
    viewer.check(&document)?;
    let company: Company = parse_or_default(fetched.take(&company_key))?;
    Ok(At {
        document,
        today: company.today(ports.clock.now()),
    })
}

/// The document and what it is printed with: the document read, then the
/// company, bank and contact in one batch (the company also gives today).
pub async fn load_for_print<D: Document>(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
) -> CoreResult<(At<D>, RenderContext)> {
    let document: D = load(ports.table.as_ref(), account_id, id, viewer).await?;
    let ctx = load_render_context(ports, account_id, &document.body().contact_id).await?;
    let today = ctx.company.today(ports.clock.now());
    Ok((At { document, today }, ctx))
}

//! The portal's invoice routes (API.md §10): a portal token sees its own
//! contact's invoices and nothing else. Drafts, other contacts' and other
//! accounts' invoices all read as 404, so a token cannot learn they exist.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::documents::DocumentFilter;
use uome_core::invoices::{self, Viewer};
use uome_domain::DocumentId;
use uome_http::problem_responses::{BadListQuery, PortalNotFound};
use uome_http::{
    ApiError, AppContext, Json, ListParams, Page, Path, PortalClient, Problem, Query, versioned,
};
use uuid::Uuid;

use super::invoices::{invoice_list, list_scope};
use crate::dto::invoice_view::{InvoiceView, invoice_view};
use crate::dto::invoices::PortalListQuery;
use uome_http::documents::month_filter;
use uome_http::documents::pdf_response;

/// The contact's invoices (never drafts), newest issue date first.
#[utoipa::path(
    get,
    path = "/v1/portal/invoices",
    tag = "portal",
    params(PortalListQuery),
    responses(
        (status = 200, description = "One page; a page may be short while `next_cursor` is set", body = Page<InvoiceView>),
        (status = 403, description = "Not a portal token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`month` not `YYYY-MM` or an unknown `status`", body = Problem, content_type = "application/problem+json"),
        BadListQuery,
    ),
    security(("bearer" = []))
)]
pub async fn list_portal_invoices(
    State(ctx): State<AppContext>,
    client: PortalClient,
    params: ListParams,
    Query(query): Query<PortalListQuery>,
) -> Result<Json<Page<InvoiceView>>, ApiError> {
    let with_lines = uome_http::documents::expand_lines(query.expand.as_deref())?;
    let filter = DocumentFilter {
        month: month_filter(query.month.as_deref())?,
        status: uome_http::query_filter::given_owned(query.status),
        contact_id: Some(client.contact_id.to_string()),
        overdue: query.overdue.unwrap_or(false),
    };
    invoices::parse_status_filter(filter.status.as_deref())?;
    let scope = list_scope(&client.account_id, "portal-invoices", &filter);
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = invoices::list_invoices(
        &ctx.ports,
        &client.account_id,
        &filter,
        Viewer::Portal {
            contact_id: &client.contact_id,
        },
        params.limit,
        start,
    )
    .await?;
    Ok(Json(invoice_list(&ctx, &scope, page, with_lines)?))
}

/// One of the contact's invoices.
#[utoipa::path(
    get,
    path = "/v1/portal/invoices/{id}",
    tag = "portal",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "The invoice", body = InvoiceView),
        (status = 403, description = "Not a portal token", body = Problem, content_type = "application/problem+json"),
        PortalNotFound,
    ),
    security(("bearer" = []))
)]
pub async fn get_portal_invoice(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at = invoices::get_invoice(
        &ctx.ports,
        &client.account_id,
        &DocumentId::from(id),
        Viewer::Portal {
            contact_id: &client.contact_id,
        },
    )
    .await?;
    let view = invoice_view(&at.document, at.today)?;
    Ok(versioned(StatusCode::OK, at.document.version, view))
}

/// One of the contact's invoices as a PDF.
#[utoipa::path(
    get,
    path = "/v1/portal/invoices/{id}/pdf",
    tag = "portal",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 403, description = "Not a portal token", body = Problem, content_type = "application/problem+json"),
        PortalNotFound,
    ),
    security(("bearer" = []))
)]
pub async fn portal_invoice_pdf(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let pdf = invoices::invoice_pdf(
        &ctx.ports,
        &client.account_id,
        &DocumentId::from(id),
        Viewer::Portal {
            contact_id: &client.contact_id,
        },
    )
    .await?;
    Ok(pdf_response(pdf))
}

//! The quote routes of the client portal (API.md §10): a portal token sees
//! its own contact's quotes, never a draft, and may approve or reject them.
//! Anything else is 404, exactly like an id that does not exist. The
//! account and contact come from the token, never from the request.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::quotes::{self, Viewer};
use uome_domain::DocumentId;
use uome_http::problem_responses::{BadListQuery, PortalAuth, PortalNotFound};
use uome_http::{ApiError, AppContext, Json, ListParams, Page, Path, PortalClient, Problem, Query};
use uuid::Uuid;

use super::quotes::{parse_filter, quote_list, quote_response};
use crate::dto::{PortalListQuery, QuoteView};
use uome_http::OptionalJson;
use uome_http::documents::RejectBody;
use uome_http::documents::pdf_response;

fn viewer(client: &PortalClient) -> Viewer<'_> {
    Viewer::Portal {
        contact_id: &client.contact_id,
    }
}

/// The client's quotes (never drafts), newest first.
#[utoipa::path(
    get,
    path = "/v1/portal/quotes",
    tag = "portal",
    params(PortalListQuery),
    responses(
        (status = 200, description = "One page", body = Page<QuoteView>),
        (status = 401, description = "No, a revoked or an expired portal token: `invalid_token`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A business token: `forbidden`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad `status`", body = Problem, content_type = "application/problem+json"),
        BadListQuery,
    ),
    security(("bearer" = []))
)]
pub async fn list_portal_quotes(
    State(ctx): State<AppContext>,
    client: PortalClient,
    params: ListParams,
    Query(query): Query<PortalListQuery>,
) -> Result<Json<Page<QuoteView>>, ApiError> {
    let filter = parse_filter(None, query.status.as_deref(), None)?;
    let scope = format!(
        "{}:portal-quotes:{}:{}",
        client.account_id,
        client.contact_id,
        filter.scope()
    );
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = quotes::list_quotes(
        &ctx.ports,
        &client.account_id,
        &filter,
        viewer(&client),
        params.limit,
        start,
    )
    .await?;
    Ok(Json(quote_list(
        &ctx,
        &scope,
        page,
        query.expand.as_deref(),
    )?))
}

/// One of the client's quotes.
#[utoipa::path(
    get,
    path = "/v1/portal/quotes/{id}",
    tag = "portal",
    params(("id" = Uuid, Path, description = "Quote id")),
    responses(
        (status = 200, description = "The quote; `ETag` is its version", body = QuoteView),
        PortalAuth, PortalNotFound,
    ),
    security(("bearer" = []))
)]
pub async fn get_portal_quote(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at = quotes::get_quote(
        &ctx.ports,
        &client.account_id,
        &DocumentId::from(id),
        viewer(&client),
    )
    .await?;
    Ok(quote_response(StatusCode::OK, &at))
}

/// Approve the quote: the business gets a draft invoice made from it. The
/// answer is the quote, with `invoice_id`.
#[utoipa::path(
    post,
    path = "/v1/portal/quotes/{id}/approve",
    tag = "portal",
    params(("id" = Uuid, Path, description = "Quote id")),
    responses(
        (status = 200, description = "The approved quote", body = QuoteView),
        (status = 409, description = "`already_approved` (with `invoice_id`), `quote_expired`, `invalid_status`", body = Problem, content_type = "application/problem+json"),
        PortalAuth, PortalNotFound,
    ),
    security(("bearer" = []))
)]
pub async fn approve_portal_quote(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let approved = quotes::approve_quote(
        &ctx.ports,
        &client.account_id,
        &DocumentId::from(id),
        viewer(&client),
    )
    .await?;
    Ok(quote_response(StatusCode::OK, &approved.quote))
}

/// Decline the quote, optionally saying why.
#[utoipa::path(
    post,
    path = "/v1/portal/quotes/{id}/reject",
    tag = "portal",
    params(("id" = Uuid, Path, description = "Quote id")),
    request_body(content = Option<RejectBody>, description = "Optional: a `reason`"),
    responses(
        (status = 200, description = "The rejected quote", body = QuoteView),
        (status = 409, description = "`invalid_status` (approved or already rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `reason` over 2,000 characters", body = Problem, content_type = "application/problem+json"),
        PortalAuth, PortalNotFound,
    ),
    security(("bearer" = []))
)]
pub async fn reject_portal_quote(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<RejectBody>,
) -> Result<Response, ApiError> {
    let at = quotes::reject_quote(
        &ctx.ports,
        &client.account_id,
        &DocumentId::from(id),
        viewer(&client),
        body.reason,
    )
    .await?;
    Ok(quote_response(StatusCode::OK, &at))
}

/// One of the client's quotes as a PDF.
#[utoipa::path(
    get,
    path = "/v1/portal/quotes/{id}/pdf",
    tag = "portal",
    params(("id" = Uuid, Path, description = "Quote id")),
    responses(
        (status = 200, description = "The PDF", body = Vec<u8>, content_type = "application/pdf"),
        PortalAuth, PortalNotFound,
    ),
    security(("bearer" = []))
)]
pub async fn portal_quote_pdf(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let pdf = quotes::quote_pdf(
        &ctx.ports,
        &client.account_id,
        &DocumentId::from(id),
        viewer(&client),
    )
    .await?;
    Ok(pdf_response(pdf))
}

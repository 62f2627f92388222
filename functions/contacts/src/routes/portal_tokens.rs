//! `/v1/contacts/{id}/portal-token`: the contact's key to the client portal.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CACHE_CONTROL, HeaderValue};
use uome_core::contacts;
use uome_domain::ContactId;
use uome_http::problem_responses::BusinessAuth;
use uome_http::{ApiError, AppContext, Business, Json, Path, Problem, Query};
use uuid::Uuid;

use super::ContactNotFound;
use crate::dto::{PortalQuery, PortalTokenResponse};

/// Issue the contact's portal token (30 days; replaces any previous one).
#[utoipa::path(
    post,
    path = "/v1/contacts/{id}/portal-token",
    tag = "contacts",
    params(("id" = Uuid, Path, description = "Contact id"), PortalQuery),
    responses(
        (status = 201, description = "The token, shown once", body = PortalTokenResponse),
        BusinessAuth,
        // After BusinessAuth: this 403 replaces its description.
        (status = 403, description = "A portal token, or `email_unverified` (with `email=true`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`contact_has_no_email` (with `email=true`)", body = Problem, content_type = "application/problem+json"),
        ContactNotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn issue_portal_token(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Query(query): Query<PortalQuery>,
) -> Result<Response, ApiError> {
    let link = contacts::issue_portal_link(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        &ContactId::from(id),
        query.email.unwrap_or(false),
    )
    .await?;
    let body = PortalTokenResponse {
        token: link.token,
        url: link.url,
        expires_at: link.expires_at,
        emailed_to: link.emailed_to,
    };
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    // A bearer secret: no cache may keep it.
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Revoke the contact's portal token; idempotent.
#[utoipa::path(
    delete,
    path = "/v1/contacts/{id}/portal-token",
    tag = "contacts",
    params(("id" = Uuid, Path, description = "Contact id")),
    responses(
        (status = 204, description = "No live token remains"),
        ContactNotFound,
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn revoke_portal_token(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, ApiError> {
    contacts::revoke_portal_link(&ctx.ports, &caller.account_id, &ContactId::from(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

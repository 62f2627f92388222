//! The contact side of the client portal (API.md §10): `GET /v1/portal/me`
//! and `PUT /v1/portal/address`, for a portal token's holder only (a
//! business token is 403 `forbidden`). The account and the contact come
//! from the token, never from the request. Use cases in
//! `uome_core::contacts::{portal_me, set_portal_address}`.

use axum::extract::State;
use uome_core::contacts::{self, PortalAddressInput};
use uome_http::problem_responses::{Invalid, PortalAuth};
use uome_http::{ApiError, AppContext, Json, PortalClient};

use crate::dto::PortalMeResponse;

/// The portal client's contact and the business it deals with.
#[utoipa::path(
    get,
    path = "/v1/portal/me",
    tag = "portal",
    responses(
        (status = 200, description = "The client and the business", body = PortalMeResponse),
        PortalAuth,
    ),
    security(("bearer" = []))
)]
pub async fn get_me(
    State(ctx): State<AppContext>,
    client: PortalClient,
) -> Result<Json<PortalMeResponse>, ApiError> {
    let me = contacts::portal_me(&ctx.ports, &client.account_id, &client.contact_id).await?;
    Ok(Json(me.into()))
}

/// Set the client's billing address (and shipping address, when given).
#[utoipa::path(
    put,
    path = "/v1/portal/address",
    tag = "portal",
    request_body = PortalAddressInput,
    responses(
        (status = 200, description = "The updated client and the business, as `GET /v1/portal/me`", body = PortalMeResponse),
        PortalAuth,
        Invalid,
    ),
    security(("bearer" = []))
)]
pub async fn put_address(
    State(ctx): State<AppContext>,
    client: PortalClient,
    Json(body): Json<PortalAddressInput>,
) -> Result<Json<PortalMeResponse>, ApiError> {
    let me = contacts::set_portal_address(&ctx.ports, &client.account_id, &client.contact_id, body)
        .await?;
    Ok(Json(me.into()))
}

//! `GET/PUT /v1/account/settings` and the seed's on/off switch
//! `PUT /v1/account/settings/purchase-orders`.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::account::settings;
use uome_http::problem_responses::{BusinessAuth, Invalid, VersionConflict};
use uome_http::{ApiError, AppContext, Business, Json, Problem};

use crate::dto::{PurchaseOrdersRequest, SettingsRequest, SettingsResponse};
use uome_http::version::{IfMatch, expected_version, versioned};

/// The settings; never-set ones answer their defaults at version 0.
#[utoipa::path(
    get,
    path = "/v1/account/settings",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    responses(
        (status = 200, description = "The settings; `ETag` is their version", body = SettingsResponse),
        BusinessAuth,
    )
)]
pub async fn get_settings(
    State(ctx): State<AppContext>,
    Business(principal): Business,
) -> Result<Response, ApiError> {
    let s = settings::get(&ctx.ports, &principal.account_id).await?;
    Ok(versioned(
        StatusCode::OK,
        s.version,
        SettingsResponse::new(s.value, s.version),
    ))
}

/// Replaces the settings; anything absent takes its default.
#[utoipa::path(
    put,
    path = "/v1/account/settings",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("If-Match" = Option<String>, Header, description = "The version read (or send `version` in the body)")),
    request_body = SettingsRequest,
    responses(
        (status = 200, description = "The settings as saved", body = SettingsResponse),
        BusinessAuth,
        VersionConflict,
        Invalid,
    )
)]
pub async fn put_settings(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    if_match: IfMatch,
    Json(body): Json<SettingsRequest>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let s = settings::update(&ctx.ports, &principal.account_id, body.into(), expected).await?;
    Ok(versioned(
        StatusCode::OK,
        s.version,
        SettingsResponse::new(s.value, s.version),
    ))
}

/// Purchase orders on (`A`) or off (`I`): whether contacts may order from
/// the catalogue. The other settings stay as they are.
#[utoipa::path(
    put,
    path = "/v1/account/settings/purchase-orders",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("If-Match" = Option<String>, Header, description = "The settings' version (optional)")),
    request_body = PurchaseOrdersRequest,
    responses(
        (status = 200, description = "The settings as saved", body = SettingsResponse),
        (status = 422, description = "`status` is not A or I", body = Problem, content_type = "application/problem+json"),
        BusinessAuth,
        VersionConflict,
    )
)]
pub async fn put_purchase_orders(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    if_match: IfMatch,
    Json(body): Json<PurchaseOrdersRequest>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let enabled = settings::parse_purchase_orders_status(body.status.as_deref().unwrap_or(""))?;
    let s =
        settings::set_purchase_orders(&ctx.ports, &principal.account_id, enabled, expected).await?;
    Ok(versioned(
        StatusCode::OK,
        s.version,
        SettingsResponse::new(s.value, s.version),
    ))
}

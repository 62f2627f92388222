//! `/v1/tax-rates`: named rates items can link to.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::catalogue::{self, TaxRateChanges};
use uome_domain::AccountId;
use uome_http::problem_responses::{
    BadListQuery, BusinessAuth, Invalid, NotFound, VersionConflict,
};
use uome_http::version::{IfMatch, created, expected_version, versioned};
use uome_http::{
    ApiError, AppContext, Business, FieldError, Json, ListParams, Page, Path, Problem,
};
use uuid::Uuid;

use super::{TAG, cursor_scope};
use crate::dto::{TaxRateBody, TaxRateResponse};

uome_http::problem_responses! {
    /// A replace or patch of a tax rate refused.
    struct TaxRateConflict { 409 => "`version_conflict` or `duplicate_tax_rate`" }
}

/// One page of the account's tax rates, by name.
#[utoipa::path(
    get,
    path = "/v1/tax-rates",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(
        ("limit" = Option<u32>, Query, description = "1–200, default 50"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
    ),
    responses(
        (status = 200, description = "One page of tax rates", body = Page<TaxRateResponse>),
        BusinessAuth,
        BadListQuery,
    )
)]
pub async fn list_tax_rates(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    params: ListParams,
) -> Result<Json<Page<TaxRateResponse>>, ApiError> {
    let scope = cursor_scope(&principal.account_id, "tax-rates", "");
    let start_after = params.start_after(&ctx.cursors, &scope)?;
    let page = catalogue::list_tax_rates(
        ctx.ports.table.as_ref(),
        &principal.account_id,
        params.limit,
        start_after,
    )
    .await?;
    let data = page
        .tax_rates
        .into_iter()
        .map(TaxRateResponse::from)
        .collect();
    Ok(Json(Page::new(
        data,
        page.next.as_ref(),
        &ctx.cursors,
        &scope,
    )))
}

/// Creates a tax rate.
#[utoipa::path(
    post,
    path = "/v1/tax-rates",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body = TaxRateBody,
    responses(
        (status = 201, description = "The tax rate, with `Location` and `ETag`", body = TaxRateResponse),
        (status = 409, description = "`duplicate_tax_rate`, with `existing_id`", body = Problem, content_type = "application/problem+json"),
        BusinessAuth,
        Invalid,
    )
)]
pub async fn create_tax_rate(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Json(body): Json<TaxRateBody>,
) -> Result<Response, ApiError> {
    if body.version.is_some() {
        return Err(ApiError::validation(vec![FieldError::new(
            "version",
            "is not a known field",
        )]));
    }
    let tax_rate =
        catalogue::create_tax_rate(&ctx.ports, &principal.account_id, body.into_changes()).await?;
    let location = format!("/v1/tax-rates/{}", tax_rate.id);
    Ok(created(
        &location,
        tax_rate.version,
        TaxRateResponse::from(tax_rate),
    ))
}

/// One tax rate.
#[utoipa::path(
    get,
    path = "/v1/tax-rates/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("id" = Uuid, Path, description = "Tax rate id")),
    responses(
        (status = 200, description = "The tax rate, with `ETag`", body = TaxRateResponse),
        BusinessAuth,
        NotFound,
    )
)]
pub async fn get_tax_rate(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let tax_rate =
        catalogue::get_tax_rate(&ctx.ports, &principal.account_id, &id.to_string()).await?;
    Ok(versioned(
        StatusCode::OK,
        tax_rate.version,
        TaxRateResponse::from(tax_rate),
    ))
}

/// Replaces a tax rate (`name` and `rate` both required).
#[utoipa::path(
    put,
    path = "/v1/tax-rates/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(
        ("id" = Uuid, Path, description = "Tax rate id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or send `version` in the body)"),
    ),
    request_body = TaxRateBody,
    responses(
        (status = 200, description = "The tax rate as saved, with `ETag`", body = TaxRateResponse),
        TaxRateConflict,
        BusinessAuth,
        NotFound,
        Invalid,
    )
)]
pub async fn replace_tax_rate(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Json(body): Json<TaxRateBody>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    update(
        &ctx,
        &principal.account_id,
        id,
        expected,
        body.into_changes().replacing(),
    )
    .await
}

/// Changes the name or the rate (RFC 7396 merge patch).
#[utoipa::path(
    patch,
    path = "/v1/tax-rates/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(
        ("id" = Uuid, Path, description = "Tax rate id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or send `version` in the body)"),
    ),
    request_body(content = TaxRateBody, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The tax rate as saved, with `ETag`", body = TaxRateResponse),
        TaxRateConflict,
        BusinessAuth,
        NotFound,
        Invalid,
    )
)]
pub async fn patch_tax_rate(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Json(body): Json<TaxRateBody>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    update(
        &ctx,
        &principal.account_id,
        id,
        expected,
        body.into_changes(),
    )
    .await
}

async fn update(
    ctx: &AppContext,
    account_id: &AccountId,
    id: Uuid,
    expected: Option<u64>,
    changes: TaxRateChanges,
) -> Result<Response, ApiError> {
    let tax_rate =
        catalogue::update_tax_rate(&ctx.ports, account_id, &id.to_string(), expected, changes)
            .await?;
    Ok(versioned(
        StatusCode::OK,
        tax_rate.version,
        TaxRateResponse::from(tax_rate),
    ))
}

/// Deletes a tax rate. Documents keep the rates they copied; items linked
/// to it keep their rate.
#[utoipa::path(
    delete,
    path = "/v1/tax-rates/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(
        ("id" = Uuid, Path, description = "Tax rate id"),
        ("If-Match" = Option<String>, Header, description = "Delete only at this version"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        VersionConflict,
        BusinessAuth,
        NotFound,
    )
)]
pub async fn delete_tax_rate(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
) -> Result<StatusCode, ApiError> {
    catalogue::delete_tax_rate(
        &ctx.ports,
        &principal.account_id,
        &id.to_string(),
        if_match.0,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

//! `/v1/items`: the catalogue's products and services.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::catalogue::{self, ItemFilter};
use uome_domain::AccountId;
use uome_http::problem_responses::{
    BadListQuery, BusinessAuth, Invalid, NotFound, VersionConflict,
};
use uome_http::version::{IfMatch, created, expected_version, versioned};
use uome_http::{
    ApiError, AppContext, Business, FieldError, Json, ListParams, Page, Path, Problem, Query,
};
use uuid::Uuid;

use super::{TAG, cursor_scope};
use crate::dto::{ItemBody, ItemListQuery, ItemResponse};

uome_http::problem_responses! {
    /// A replace or patch of an item refused.
    struct ItemConflict { 409 => "`version_conflict` or `duplicate_number`" }
}

/// One page of items by name; `search` matches a prefix of the name or the
/// number, case-insensitively.
#[utoipa::path(
    get,
    path = "/v1/items",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(ItemListQuery),
    responses(
        (status = 200, description = "One page of items; a filtered page may hold fewer than `limit` while `next_cursor` is set", body = Page<ItemResponse>),
        BusinessAuth,
        BadListQuery,
    )
)]
pub async fn list_items(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    params: ListParams,
    Query(query): Query<ItemListQuery>,
) -> Result<Json<Page<ItemResponse>>, ApiError> {
    let filter = ItemFilter {
        search: query.search,
        item_type: query.item_type.map(Into::into),
        family: query.family,
        active: query.active,
    };
    let scope = cursor_scope(&principal.account_id, "items", &filter.scope());
    let start_after = params.start_after(&ctx.cursors, &scope)?;
    let page = catalogue::list_items(
        ctx.ports.table.as_ref(),
        &principal.account_id,
        &filter,
        params.limit,
        start_after,
    )
    .await?;
    let data = page.items.into_iter().map(ItemResponse::from).collect();
    Ok(Json(Page::new(
        data,
        page.next.as_ref(),
        &ctx.cursors,
        &scope,
    )))
}

/// Creates an item; without a `number` it gets the next `ITM-0001`.
#[utoipa::path(
    post,
    path = "/v1/items",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body = ItemBody,
    responses(
        (status = 201, description = "The item, with `Location` and `ETag`", body = ItemResponse),
        (status = 409, description = "`duplicate_number`, with `existing_id`", body = Problem, content_type = "application/problem+json"),
        BusinessAuth,
        Invalid,
    )
)]
pub async fn create_item(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Json(body): Json<ItemBody>,
) -> Result<Response, ApiError> {
    if body.version.is_some() {
        return Err(ApiError::validation(vec![FieldError::new(
            "version",
            "is not a known field",
        )]));
    }
    let item =
        catalogue::create_item(&ctx.ports, &principal.account_id, body.into_changes()).await?;
    let location = format!("/v1/items/{}", item.id);
    Ok(created(&location, item.version, ItemResponse::from(item)))
}

/// One item.
#[utoipa::path(
    get,
    path = "/v1/items/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("id" = Uuid, Path, description = "Item id")),
    responses(
        (status = 200, description = "The item, with `ETag`", body = ItemResponse),
        BusinessAuth,
        NotFound,
    )
)]
pub async fn get_item(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let item = catalogue::get_item(&ctx.ports, &principal.account_id, &id.to_string()).await?;
    Ok(versioned(
        StatusCode::OK,
        item.version,
        ItemResponse::from(item),
    ))
}

/// Replaces an item: absent fields take their defaults, except `number`
/// and `currency`, which stay.
#[utoipa::path(
    put,
    path = "/v1/items/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(
        ("id" = Uuid, Path, description = "Item id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or send `version` in the body)"),
    ),
    request_body = ItemBody,
    responses(
        (status = 200, description = "The item as saved, with `ETag`", body = ItemResponse),
        ItemConflict,
        BusinessAuth,
        NotFound,
        Invalid,
    )
)]
pub async fn replace_item(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Json(body): Json<ItemBody>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let changes = body.into_changes().replacing();
    update(&ctx, &principal.account_id, id, expected, changes).await
}

/// Changes some fields of an item (RFC 7396 merge patch: absent fields
/// stay, `null` resets a field to its default).
#[utoipa::path(
    patch,
    path = "/v1/items/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(
        ("id" = Uuid, Path, description = "Item id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or send `version` in the body)"),
    ),
    request_body(content = ItemBody, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The item as saved, with `ETag`", body = ItemResponse),
        ItemConflict,
        BusinessAuth,
        NotFound,
        Invalid,
    )
)]
pub async fn patch_item(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Json(body): Json<ItemBody>,
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
    changes: catalogue::ItemChanges,
) -> Result<Response, ApiError> {
    let item =
        catalogue::update_item(&ctx.ports, account_id, &id.to_string(), expected, changes).await?;
    Ok(versioned(
        StatusCode::OK,
        item.version,
        ItemResponse::from(item),
    ))
}

/// Deletes an item. Documents keep their own copy of its description and
/// price, so nothing issued changes; `active: false` hides an item without
/// losing it.
#[utoipa::path(
    delete,
    path = "/v1/items/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(
        ("id" = Uuid, Path, description = "Item id"),
        ("If-Match" = Option<String>, Header, description = "Delete only at this version"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        VersionConflict,
        BusinessAuth,
        NotFound,
    )
)]
pub async fn delete_item(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
) -> Result<StatusCode, ApiError> {
    catalogue::delete_item(
        &ctx.ports,
        &principal.account_id,
        &id.to_string(),
        if_match.0,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

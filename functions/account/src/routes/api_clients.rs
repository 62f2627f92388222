//! `POST/GET /v1/account/api-clients` and `DELETE /v1/account/api-clients/{id}`:
//! the owner only (an API client may not mint or remove API clients).

use axum::extract::State;
use http::StatusCode;
use uome_core::account::api_clients;
use uome_domain::AccountId;
use uome_http::problem_responses::{BadListQuery, Invalid, OwnerAuth};
use uome_http::{ApiError, AppContext, Json, ListParams, Owner, Page, Path, Problem};
use uuid::Uuid;

use crate::dto::{ApiClientRequest, ApiClientResponse, CreatedApiClientResponse};

fn cursor_scope(account_id: &AccountId) -> String {
    format!("{account_id}:api-clients")
}

/// Creates an API client; its secret is in this response and nowhere else.
#[utoipa::path(
    post,
    path = "/v1/account/api-clients",
    tag = "account",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body = ApiClientRequest,
    responses(
        (status = 201, description = "The client with its one-time secret", body = CreatedApiClientResponse),
        OwnerAuth,
        Invalid,
    )
)]
pub async fn create_api_client(
    State(ctx): State<AppContext>,
    Owner(principal): Owner,
    Json(body): Json<ApiClientRequest>,
) -> Result<(StatusCode, Json<CreatedApiClientResponse>), ApiError> {
    let created = api_clients::create(
        &ctx.ports,
        &principal.account_id,
        body.name.unwrap_or_default(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// The account's API clients, oldest first; never their secrets.
#[utoipa::path(
    get,
    path = "/v1/account/api-clients",
    tag = "account",
    security(("bearer" = [])),
    params(
        ("limit" = Option<u32>, Query, description = "1–200, default 50"),
        ("cursor" = Option<String>, Query, description = "From the previous page's `next_cursor`"),
    ),
    responses(
        (status = 200, description = "One page", body = Page<ApiClientResponse>),
        OwnerAuth,
        BadListQuery,
    )
)]
pub async fn list_api_clients(
    State(ctx): State<AppContext>,
    Owner(principal): Owner,
    params: ListParams,
) -> Result<Json<Page<ApiClientResponse>>, ApiError> {
    let scope = cursor_scope(&principal.account_id);
    let start_after = params.start_after(&ctx.cursors, &scope)?;
    let (clients, next) =
        api_clients::list(&ctx.ports, &principal.account_id, params.limit, start_after).await?;
    let data = clients.into_iter().map(ApiClientResponse::from).collect();
    Ok(Json(Page::new(data, next.as_ref(), &ctx.cursors, &scope)))
}

/// Deletes an API client: its credentials stop working at once.
#[utoipa::path(
    delete,
    path = "/v1/account/api-clients/{id}",
    tag = "account",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id (= its client_id)")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such client in this account", body = Problem, content_type = "application/problem+json"),
        OwnerAuth,
    )
)]
pub async fn delete_api_client(
    State(ctx): State<AppContext>,
    Owner(principal): Owner,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, ApiError> {
    api_clients::delete(&ctx.ports, &principal.account_id, &id.to_string()).await?;
    Ok(StatusCode::NO_CONTENT)
}

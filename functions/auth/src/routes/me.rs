//! `GET /v1/auth/me`.

use axum::extract::State;
use uome_core::auth;
use uome_http::{ApiError, AppContext, Json, Owner, Problem};

use crate::dto::User;

/// The signed-in owner's profile.
#[utoipa::path(
    get,
    path = "/v1/auth/me",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile", body = User),
        (status = 401, description = "No, invalid or expired access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an owner's access token", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(
    State(ctx): State<AppContext>,
    Owner(principal): Owner,
) -> Result<Json<User>, ApiError> {
    let profile = auth::me(&ctx.ports, &principal.account_id, &principal.subject).await?;
    Ok(Json(User::new(profile, principal.role)))
}

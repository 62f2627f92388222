//! The `account` function (API.md §4): the signed-in user's profile and
//! avatar, the company and bank details, the account's settings, and its
//! API clients. Handlers live in `routes/<resource>.rs`, request/response
//! bodies in `dto/<resource>.rs`, the use cases in `uome_core::account` and
//! `uome_core::uploads`.

pub mod dto;
pub mod routes;

use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use routes::{api_clients, avatar, bank, company, profile, settings};

/// This function's routes with their OpenAPI descriptions.
pub fn api() -> OpenApiRouter<AppContext> {
    OpenApiRouter::new()
        .routes(routes!(profile::get_profile, profile::put_profile))
        .routes(routes!(company::get_company, company::put_company))
        .routes(routes!(bank::get_bank, bank::put_bank))
        .routes(routes!(settings::get_settings, settings::put_settings))
        .routes(routes!(settings::put_purchase_orders))
        .routes(routes!(avatar::post_upload_url))
        .routes(routes!(avatar::put_avatar))
        .routes(routes!(
            api_clients::create_api_client,
            api_clients::list_api_clients
        ))
        .routes(routes!(api_clients::delete_api_client))
}

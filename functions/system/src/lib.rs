//! The `system` function: `GET /v1/health` and `GET /v1/openapi.json`
//! (handlers in `routes/<resource>.rs`).
//!
//! It is also where the OpenAPI document is assembled: [`apis`] lists every
//! function's `OpenApiRouter`, and the local server mounts exactly that list,
//! so the document and the routes served come from one registration and
//! cannot drift apart.

mod routes;

use std::sync::Arc;

use axum::{Extension, Router};
use serde_json::Value;
use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use routes::{health, openapi};

/// Every endpoint group's routes with their OpenAPI descriptions. Each new
/// function adds its `api()` here.
pub fn apis() -> Vec<OpenApiRouter<AppContext>> {
    vec![
        api(),
        uome_account::api(),
        uome_catalogue::api(),
        uome_auth::api(),
        uome_contacts::api(),
        uome_quotes::api(),
        uome_invoices::api(),
        uome_uploads::api(),
        uome_orders::api(),
        uome_pos::api(),
        uome_purchase_orders::api(),
    ]
}

/// The OpenAPI 3.1 document of the whole product, as served.
pub fn openapi_document() -> Value {
    uome_http::openapi::publish(&uome_http::openapi::document(
        apis().into_iter().map(|api| api.split_for_parts().1),
    ))
}

/// This function's own routes.
pub fn api<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    OpenApiRouter::new()
        .routes(routes!(health::health))
        .routes(routes!(openapi::openapi_json))
}

/// The router the Lambda serves: the routes with the assembled document.
pub fn router<S>(document: Arc<Value>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let (router, _) = api::<S>().split_for_parts();
    router.layer(Extension(document))
}

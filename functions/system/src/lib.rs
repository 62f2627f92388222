//! The `system` function: `GET /v1/health` and `GET /v1/openapi.json`
//! (handlers in `routes/<resource>.rs`).
//!
//! It is also where the OpenAPI document is assembled: [`apis`] lists every
//! function's `OpenApiRouter`, and the local server mounts exactly that list,
//! so the document and the routes served come from one registration and
//! cannot drift apart.

mod routes;

use std::sync::Arc;

use axum::body::Bytes;
use axum::{Extension, Router};
use serde_json::Value;
use uome_http::AppContext;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use routes::openapi::OpenApiJson;
use routes::{health, openapi};

/// Every HTTP function's binary name (its `CodeUri`/`Binary` in
/// infra/template.yaml) with its routes and their OpenAPI descriptions.
/// Each new function adds itself here; `scripts/stack/check.py` holds the
/// template to this list.
pub fn functions() -> Vec<(&'static str, OpenApiRouter<AppContext>)> {
    vec![
        ("system", api()),
        ("account", uome_account::api()),
        ("catalogue", uome_catalogue::api()),
        ("auth", uome_auth::api()),
        ("contacts", uome_contacts::api()),
        ("quotes", uome_quotes::api()),
        ("invoices", uome_invoices::api()),
        ("uploads", uome_uploads::api()),
        ("orders", uome_orders::api()),
        ("pos", uome_pos::api()),
        ("purchase-orders", uome_purchase_orders::api()),
    ]
}

/// Every endpoint group's routes with their OpenAPI descriptions.
pub fn apis() -> Vec<OpenApiRouter<AppContext>> {
    functions().into_iter().map(|(_, api)| api).collect()
}

/// Each HTTP function's routes as `(METHOD, /path/{param})`, from its
/// OpenAPI description (the `web` function's HTML pages, which the JSON
/// API's document does not describe, from its own list): what its
/// `HttpApi` events must be.
pub fn function_routes() -> Vec<(&'static str, Vec<(String, String)>)> {
    functions()
        .into_iter()
        .map(|(name, api)| {
            let (_, doc) = api.split_for_parts();
            let mut routes = Vec::new();
            for (path, item) in doc.paths.paths {
                let value = serde_json::to_value(&item).unwrap_or_default();
                if let Some(ops) = value.as_object() {
                    for method in ops.keys().filter(|m| HTTP_METHODS.contains(&m.as_str())) {
                        routes.push((method.to_uppercase(), path.clone()));
                    }
                }
            }
            routes.sort();
            (name, routes)
        })
        .chain(std::iter::once(("web", uome_web::routes())))
        .collect()
}

const HTTP_METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];

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

/// The routes with the assembled document (the local server's way).
pub fn router<S>(document: Arc<Value>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router_with_json(Bytes::from(
        serde_json::to_vec(&*document).unwrap_or_default(),
    ))
}

/// The routes serving `json`, the document's text as it is (the Lambda's
/// way: the committed `openapi.json`, never parsed).
pub fn router_with_json<S>(json: Bytes) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let (router, _) = api::<S>().split_for_parts();
    router.layer(Extension(Arc::new(routes::openapi::OpenApiJson(json))))
}

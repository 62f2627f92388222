//! Each function's Lambda serves `router()`, the routes of its
//! `uome_http::route_table!` without their OpenAPI descriptions; the
//! document and the local server use `api()`. Both come from one list;
//! this holds them to each other: every operation the document describes
//! reaches a handler through `router()` (no 405, and not axum's empty
//! fallback 404).

use axum::Router;
use axum::body::Body;
use http::{Method, StatusCode};
use tower::ServiceExt;
use uome_http::AppContext;
use uome_testkit::TestEnv;
use utoipa_axum::router::OpenApiRouter;

fn functions() -> Vec<(&'static str, OpenApiRouter<AppContext>, Router<AppContext>)> {
    vec![
        ("account", uome_account::api(), uome_account::router()),
        ("catalogue", uome_catalogue::api(), uome_catalogue::router()),
        ("auth", uome_auth::api(), uome_auth::router()),
        ("contacts", uome_contacts::api(), uome_contacts::router()),
        ("quotes", uome_quotes::api(), uome_quotes::router()),
        ("invoices", uome_invoices::api(), uome_invoices::router()),
        ("uploads", uome_uploads::api(), uome_uploads::router()),
        ("orders", uome_orders::api(), uome_orders::router()),
        ("pos", uome_pos::api(), uome_pos::router()),
        (
            "purchase-orders",
            uome_purchase_orders::api(),
            uome_purchase_orders::router(),
        ),
    ]
}

#[tokio::test]
async fn every_documented_operation_reaches_a_handler_through_the_lambda_router() {
    let env = TestEnv::new();
    let listed: Vec<&str> = functions().iter().map(|(name, _, _)| *name).collect();
    let with_routes: Vec<&str> = uome_system::functions()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| *name != "system")
        .collect();
    assert_eq!(listed, with_routes, "every function with routes is checked");
    let id = "00000000-0000-7000-8000-000000000000";
    let mut checked = 0;
    for (name, api, router) in functions() {
        let (_, document) = api.split_for_parts();
        let router = router.with_state(env.ctx.clone());
        for (path, item) in document.paths.paths {
            let value = serde_json::to_value(&item).unwrap();
            for method in value.as_object().unwrap().keys() {
                let Ok(method) = Method::from_bytes(method.to_uppercase().as_bytes()) else {
                    continue;
                };
                if !matches!(
                    method,
                    Method::GET | Method::POST | Method::PUT | Method::PATCH | Method::DELETE
                ) {
                    continue;
                }
                let uri = path
                    .replace("{id}", id)
                    .replace("{uuid}", id)
                    .replace("{payment_id}", id);
                let request = http::Request::builder()
                    .method(method.clone())
                    .uri(&uri)
                    .body(Body::empty())
                    .unwrap();
                let response = router.clone().oneshot(request).await.unwrap();
                let status = response.status();
                let body = http_body_util::BodyExt::collect(response.into_body())
                    .await
                    .unwrap()
                    .to_bytes();
                assert_ne!(
                    status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{name}: {method} {uri}"
                );
                assert!(
                    !(status == StatusCode::NOT_FOUND && body.is_empty()),
                    "{name}: {method} {uri} reaches no handler"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked} operations checked");
}

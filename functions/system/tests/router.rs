//! The system function's router, driven with `oneshot`, from the real
//! sample events in `events/` converted by `lambda_http` itself.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use http_body_util::BodyExt;
use tower::ServiceExt;

fn app() -> Router {
    let document = Arc::new(uome_system::openapi_document());
    uome_http::stack::base(uome_system::router::<()>(document))
}

fn event(name: &str) -> lambda_http::Request {
    let path = format!("{}/../../events/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    lambda_http::request::from_str(&text).unwrap()
}

async fn call(
    request: lambda_http::Request,
) -> (http::StatusCode, http::HeaderMap, serde_json::Value) {
    let (parts, body) = request.into_parts();
    let body: Vec<u8> = body.to_vec();
    let request = http::Request::from_parts(parts, Body::from(body));
    let response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

#[tokio::test]
async fn health_event_answers_ok_and_echoes_the_request_id() {
    let (status, headers, body) = call(event("system-health.json")).await;
    assert_eq!(status, 200);
    assert_eq!(body, serde_json::json!({"status": "ok"}));
    assert_eq!(headers["x-request-id"], "evt-health-1");
}

#[tokio::test]
async fn openapi_event_serves_a_3_1_document_listing_the_system_routes() {
    let (status, _, body) = call(event("system-openapi.json")).await;
    assert_eq!(status, 200);
    assert!(body["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(body["paths"]["/v1/health"]["get"].is_object());
    assert!(body["paths"]["/v1/openapi.json"]["get"].is_object());
}

#[tokio::test]
async fn unknown_route_is_a_problem_404() {
    let request = http::Request::get("/v1/nope").body(Body::empty()).unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

#[test]
fn every_operation_id_names_one_operation() {
    // A generated client names a method per operation id: two routes with
    // one id (the business and the portal `list_quotes` once) break it.
    let document = serde_json::to_value(uome_system::openapi_document()).unwrap();
    let mut seen = std::collections::BTreeMap::<String, String>::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(id) = operation["operationId"].as_str() else {
                continue;
            };
            let here = format!("{method} {path}");
            if let Some(first) = seen.insert(id.to_owned(), here.clone()) {
                panic!("operation id {id} names both {first} and {here}");
            }
        }
    }
    assert!(seen.len() > 50, "{} operations", seen.len());
}

#[test]
fn every_schema_name_names_one_schema() {
    // The document merges the functions' components by name: two types
    // with one name (a credit note's `RefundView` and the till's) would
    // leave one route described by the other's schema.
    let mut seen = std::collections::BTreeMap::<String, (usize, serde_json::Value)>::new();
    for (n, api) in uome_system::apis().into_iter().enumerate() {
        let document = serde_json::to_value(api.split_for_parts().1).unwrap();
        let Some(schemas) = document["components"]["schemas"].as_object() else {
            continue;
        };
        for (name, schema) in schemas {
            match seen.get(name) {
                Some((first, known)) if known != schema => {
                    panic!("schema {name} differs between api #{first} and api #{n}")
                }
                Some(_) => {}
                None => {
                    seen.insert(name.clone(), (n, schema.clone()));
                }
            }
        }
    }
    assert!(seen.len() > 50, "{} schemas", seen.len());
}

#[test]
fn the_public_prefixes_are_exactly_the_posts_without_credentials() {
    // The idempotency middleware authenticates every POST outside
    // uome_http::auth::PUBLIC_PREFIXES before it looks at the key; the
    // document's `security` must agree, both ways.
    let document = uome_system::openapi_document();
    let mut public_posts = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        let Some(post) = item.get("post") else {
            continue;
        };
        let needs_credentials = post["security"].as_array().is_some_and(|reqs| {
            !reqs.is_empty() && reqs.iter().all(|r| r != &serde_json::json!({}))
        });
        assert_eq!(
            uome_http::auth::is_public_path(path),
            !needs_credentials,
            "POST {path}: public prefix and security disagree"
        );
        public_posts += usize::from(!needs_credentials);
    }
    assert!(public_posts >= 8, "{public_posts} public POSTs");
}

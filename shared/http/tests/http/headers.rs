//! The security headers the stack puts on every answer.

use axum::body::Body;
use http::Request;

use crate::support::{TestApp, get_req};
use uome_http::Role;

fn authed(app: &TestApp, uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(
            "authorization",
            format!("Bearer {}", app.token("acc_1", Role::Owner)),
        )
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn every_answer_says_nosniff() {
    let app = TestApp::new();
    for req in [
        get_req("/v1/things/3f1c1e8e-7d3a-4c53-9a3e-3b1f0c9f2a11"),
        get_req("/v1/no-such-route"),
        get_req("/v1/panic"),
        authed(&app, "/v1/things"),
    ] {
        let reply = app.send(req).await;
        assert_eq!(
            reply.headers["x-content-type-options"], "nosniff",
            "{}",
            reply.status
        );
    }
}

#[tokio::test]
async fn answers_to_credentials_are_not_stored() {
    let app = TestApp::new();
    let listed = app.send(authed(&app, "/v1/things")).await;
    assert_eq!(listed.status, 200, "{}", listed.json);
    assert_eq!(listed.headers["cache-control"], "no-store");
    // A refusal of bad credentials is not cached either.
    let refused = app
        .send(
            Request::get("/v1/things")
                .header("authorization", "Bearer nope")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.headers["cache-control"], "no-store");
    // An anonymous public read leaves caching to the handler.
    let public = app
        .send(get_req("/v1/things/3f1c1e8e-7d3a-4c53-9a3e-3b1f0c9f2a11"))
        .await;
    assert_eq!(public.status, 200);
    assert!(public.headers.get("cache-control").is_none());
}

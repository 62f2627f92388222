use axum::body::Body;
use http::Request;

use crate::support::{TestApp, get_req};

#[tokio::test]
async fn a_sane_client_id_is_echoed() {
    let app = TestApp::new();
    let reply = app
        .send(
            Request::get("/v1/nope")
                .header("x-request-id", "client-abc_123")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.header("x-request-id"), Some("client-abc_123"));
    assert_eq!(reply.json["request_id"], "client-abc_123");
}

#[tokio::test]
async fn a_missing_or_insane_id_is_replaced_by_a_uuid_v7() {
    let app = TestApp::new();
    let too_long = "a".repeat(129);
    for sent in [None, Some("has space"), Some(too_long.as_str()), Some("")] {
        let mut req = Request::get("/v1/nope");
        if let Some(id) = sent {
            req = req.header("x-request-id", id);
        }
        let reply = app.send(req.body(Body::empty()).unwrap()).await;
        let id = reply.header("x-request-id").unwrap();
        let parsed = uuid::Uuid::parse_str(id).unwrap();
        assert_eq!(parsed.get_version_num(), 7);
        assert_eq!(reply.json["request_id"], id);
    }
    let max = "b".repeat(128);
    let reply = app
        .send(
            Request::get("/v1/nope")
                .header("x-request-id", &max)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.header("x-request-id"), Some(max.as_str()));
}

#[tokio::test]
async fn every_response_carries_one_even_success() {
    let app = TestApp::new();
    let id = uuid::Uuid::now_v7();
    let reply = app.send(get_req(&format!("/v1/things/{id}"))).await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("x-request-id").is_some());
}

#[tokio::test]
async fn extractor_rejections_and_panics_carry_it() {
    let app = TestApp::new();
    let reply = app
        .send(
            Request::post("/v1/auth/echo")
                .header("x-request-id", "rid-1")
                .header("content-type", "application/json")
                .body(Body::from("{"))
                .unwrap(),
        )
        .await;
    reply.assert_problem(400, "malformed_json");
    assert_eq!(reply.json["request_id"], "rid-1");

    let reply = app
        .send(
            Request::get("/v1/panic")
                .header("x-request-id", "rid-2")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    reply.assert_problem(500, "internal_error");
    assert_eq!(reply.json["request_id"], "rid-2");

    let reply = app
        .send(
            Request::delete("/v1/things")
                .header("x-request-id", "rid-3")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    reply.assert_problem(405, "method_not_allowed");
    assert_eq!(reply.json["request_id"], "rid-3");
}

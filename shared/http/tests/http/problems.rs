use axum::body::Body;
use http::Request;
use serde_json::json;

use crate::support::{TestApp, get_req, post_json};
use uome_http::Role;

fn things(app: &TestApp, body: Body, content_type: Option<&str>) -> Request<Body> {
    let mut req = Request::post("/v1/things").header(
        "authorization",
        format!("Bearer {}", app.token("acc_1", Role::Owner)),
    );
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    req.body(body).unwrap()
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = TestApp::new();
    let reply = app
        .send(things(
            &app,
            Body::from("{\"name\": "),
            Some("application/json"),
        ))
        .await;
    reply.assert_problem(400, "malformed_json");
}

#[tokio::test]
async fn a_body_that_is_not_an_object_is_422_invalid_body() {
    let app = TestApp::new();
    // serde would read a struct from an array, field by field.
    for body in [r#"["a", []]"#, "[]", r#""a""#, "null", "7", "true"] {
        let reply = app
            .send(things(&app, Body::from(body), Some("application/json")))
            .await;
        reply.assert_problem(422, "invalid_body");
    }
    // Not JSON at all is still malformed.
    app.send(things(&app, Body::from("[1,"), Some("application/json")))
        .await
        .assert_problem(400, "malformed_json");
    // A body whose type is a sequence (the bulk routes) takes an array.
    let reply = app
        .send(
            Request::post("/v1/auth/bulk")
                .header("content-type", "application/json")
                .body(Body::from("[1, 2]"))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.json);
}

#[tokio::test]
async fn an_optional_body_is_nothing_or_an_object() {
    let app = TestApp::new();
    let send = |body: &'static str| {
        Request::post("/v1/things/1/send")
            .header(
                "authorization",
                format!("Bearer {}", app.token("acc_1", Role::Owner)),
            )
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap()
    };
    let empty = app.send(send("")).await;
    assert_eq!(empty.status, 200, "{}", empty.json);
    let note = app.send(send(r#"{"message": "hi"}"#)).await;
    assert_eq!(note.json["message"], "hi");
    for body in ["[]", r#"["hi"]"#, "null", r#""hi""#] {
        app.send(send(body))
            .await
            .assert_problem(422, "invalid_body");
    }
}

#[tokio::test]
async fn trailing_garbage_is_400() {
    let app = TestApp::new();
    let reply = app
        .send(things(
            &app,
            Body::from("{\"name\":\"a\",\"lines\":[]} x"),
            Some("application/json"),
        ))
        .await;
    reply.assert_problem(400, "malformed_json");
}

#[tokio::test]
async fn missing_or_foreign_content_type_is_415() {
    let app = TestApp::new();
    let body = || Body::from("{\"name\":\"a\",\"lines\":[]}");
    app.send(things(&app, body(), None))
        .await
        .assert_problem(415, "unsupported_media_type");
    app.send(things(&app, body(), Some("text/plain")))
        .await
        .assert_problem(415, "unsupported_media_type");
    // Parameters and +json types are JSON.
    let ok = app
        .send(things(
            &app,
            body(),
            Some("application/json; charset=utf-8"),
        ))
        .await;
    assert_eq!(ok.status, 201, "{}", ok.json);
    let ok = app
        .send(things(&app, body(), Some("application/merge-patch+json")))
        .await;
    assert_eq!(ok.status, 201);
}

#[tokio::test]
async fn body_over_one_mib_is_413() {
    let app = TestApp::new();
    let big = format!("\"{}\"", "a".repeat(1 << 20));
    let reply = app
        .send(
            Request::post("/v1/auth/echo")
                .header("content-type", "application/json")
                .body(Body::from(big))
                .unwrap(),
        )
        .await;
    reply.assert_problem(413, "payload_too_large");

    // Just under the limit is fine.
    let fits = format!("\"{}\"", "a".repeat((1 << 20) - 2));
    let reply = app
        .send(
            Request::post("/v1/auth/echo")
                .header("content-type", "application/json")
                .body(Body::from(fits))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn bulk_route_raises_the_limit() {
    let app = TestApp::new();
    let rows: Vec<_> = (0..30_000)
        .map(|i| json!({"customerno": format!("C{i:08}"), "pad": "xxxxxxxxxx"}))
        .collect();
    let body = serde_json::to_vec(&rows).unwrap();
    assert!(body.len() > 1 << 20 && body.len() < 5 << 20);
    let reply = app
        .send(
            Request::post("/v1/auth/bulk")
                .header("content-type", "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.json);
    assert_eq!(reply.json["received"], 30_000);
}

#[tokio::test]
async fn wrong_types_are_422_with_the_field_path() {
    let app = TestApp::new();
    let body = json!({"name": "a", "lines": [{"quantity": 1}, {"quantity": 2}, {"quantity": "x"}]});
    let reply = app
        .send(things(
            &app,
            Body::from(body.to_string()),
            Some("application/json"),
        ))
        .await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(reply.json["errors"][0]["field"], "lines[2].quantity");
    assert!(
        reply.json["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("invalid type")
    );
}

#[tokio::test]
async fn missing_and_unknown_fields_are_422_naming_the_field() {
    let app = TestApp::new();
    let body = json!({"name": "a", "lines": [{"quantity": 1}, {}]});
    let reply = app
        .send(things(
            &app,
            Body::from(body.to_string()),
            Some("application/json"),
        ))
        .await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(reply.json["errors"][0]["field"], "lines[1].quantity");
    assert_eq!(reply.json["errors"][0]["message"], "is required");

    let body = json!({"name": "a", "lines": [], "total": 3});
    let reply = app
        .send(things(
            &app,
            Body::from(body.to_string()),
            Some("application/json"),
        ))
        .await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(reply.json["errors"][0]["field"], "total");
}

#[tokio::test]
async fn unknown_route_is_404_problem() {
    let app = TestApp::new();
    app.send(get_req("/v1/nope"))
        .await
        .assert_problem(404, "not_found");
    app.send(post_json("/nope", &json!({})))
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn wrong_method_is_405_problem() {
    let app = TestApp::new();
    let reply = app
        .send(Request::delete("/v1/things").body(Body::empty()).unwrap())
        .await;
    reply.assert_problem(405, "method_not_allowed");
    let allow = reply.header("allow").unwrap_or_default();
    assert!(
        allow.contains("GET") && allow.contains("POST"),
        "allow: {allow}"
    );
}

#[tokio::test]
async fn unparseable_id_in_path_is_404() {
    let app = TestApp::new();
    app.send(get_req("/v1/things/not-a-uuid"))
        .await
        .assert_problem(404, "not_found");
    let id = uuid::Uuid::now_v7();
    let reply = app.send(get_req(&format!("/v1/things/{id}"))).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json["id"], id.to_string());
    // The other spellings Uuid would read name nothing: one id, one URL.
    for other in [
        id.simple().to_string(),
        id.braced().to_string(),
        id.urn().to_string(),
    ] {
        app.send(get_req(&format!("/v1/things/{other}")))
            .await
            .assert_problem(404, "not_found");
    }
}

#[tokio::test]
async fn conflict_carries_extension_members() {
    let app = TestApp::new();
    let reply = app.send(post_json("/v1/conflict", &json!({}))).await;
    reply.assert_problem(409, "duplicate_contact");
    assert_eq!(reply.json["existing_id"], "c_1");
}

#[tokio::test]
async fn a_panicking_handler_is_500_and_the_server_keeps_serving() {
    let app = TestApp::new();
    let reply = app.send(get_req("/v1/panic")).await;
    reply.assert_problem(500, "internal_error");
    assert!(!reply.json["detail"].as_str().unwrap().contains("boom"));
    // Same router, next request.
    let again = app.send(get_req("/v1/things/not-a-uuid")).await;
    again.assert_problem(404, "not_found");
    let id = uuid::Uuid::now_v7();
    assert_eq!(
        app.send(get_req(&format!("/v1/things/{id}"))).await.status,
        200
    );
}

#[tokio::test]
async fn internal_errors_say_nothing_about_internals() {
    let app = TestApp::new();
    let token = app.token("acc_1", Role::Owner);
    let reply = app
        .send(
            Request::post("/v1/flaky")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    reply.assert_problem(500, "internal_error");
    assert!(!String::from_utf8_lossy(&reply.body).contains("backend down"));
}

#[test]
fn port_errors_map_to_problems() {
    use uome_core::ports::{BlobError, TableError};
    use uome_http::ApiError;

    let conflict = ApiError::from(TableError::ConditionFailed);
    assert_eq!(
        (conflict.status().as_u16(), conflict.code()),
        (409, "conflict")
    );
    let cancelled = ApiError::from(TableError::TransactionCancelled { failed: vec![1] });
    assert_eq!(cancelled.status().as_u16(), 409);
    let busy = ApiError::from(TableError::Contention { code: "x".into() });
    assert_eq!((busy.status().as_u16(), busy.code()), (503, "try_again"));
    let broken = ApiError::from(TableError::Backend {
        code: "x".into(),
        message: "y".into(),
    });
    assert_eq!(broken.status().as_u16(), 500);
    let blob = ApiError::from(BlobError::InvalidKey("k".into()));
    assert_eq!(blob.status().as_u16(), 500);
}

#[tokio::test]
async fn too_many_requests_and_unavailable_set_retry_after() {
    use axum::response::IntoResponse;
    use uome_http::ApiError;

    let response = ApiError::too_many_requests(42).into_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "42");
    let response = ApiError::from(uome_core::ports::TableError::Contention { code: "c".into() })
        .into_response();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "1");
}

#[tokio::test]
async fn bad_query_is_400_invalid_query() {
    let app = TestApp::new();
    let token = app.token("acc_1", Role::Owner);
    for query in ["limit=0", "limit=201", "limit=abc", "limit=-1"] {
        let reply = app
            .send(
                Request::get(format!("/v1/things?{query}"))
                    .header("authorization", format!("Bearer {token}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        reply.assert_problem(400, "invalid_query");
    }
}

#[test]
fn domain_errors_are_422_with_their_code() {
    use uome_domain::{DomainError, FieldError};
    use uome_http::ApiError;

    let err = ApiError::from(DomainError::Validation(vec![
        FieldError::new("lines[0].quantity", "must be greater than 0"),
        FieldError::new("currency", "unknown currency code `XYZ`"),
    ]));
    assert_eq!(
        (err.status().as_u16(), err.code()),
        (422, "validation_failed")
    );
    let problem = err.to_problem();
    assert_eq!(problem.errors.len(), 2);
    assert_eq!(problem.errors[0].field, "lines[0].quantity");

    let err = ApiError::from(DomainError::TotalMismatch {
        expected: uome_domain::Decimal::ONE,
        given: uome_domain::Decimal::TWO,
    });
    assert_eq!((err.status().as_u16(), err.code()), (422, "total_mismatch"));
    assert!(err.to_problem().detail.unwrap().contains("does not match"));
    let err = ApiError::from(DomainError::UnknownCurrency("XYZ".into()));
    assert_eq!(err.code(), "unknown_currency");
}

//! The `uploads` function's router: the real API Gateway sample event
//! (`events/uploads-create.json`) through `lambda_http`'s conversion, and
//! the upload's view before and after its bytes are processed.

use axum::body::Body;
use http::{Method, StatusCode};
use serde_json::{Value, json};
use uome_testkit::TestEnv;
use uome_testkit::requests::{call, send};

const EVENT: &str = include_str!("../../../events/uploads-create.json");

#[tokio::test]
async fn the_sample_event_gets_a_presigned_put_and_the_upload_reads_back_pending_then_rejected() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_uploads::api());
    let mut event: Value = serde_json::from_str(EVENT).unwrap();
    event["headers"]["authorization"] = json!(owner.bearer());
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    let (parts, body) = request.into_parts();
    let (status, presigned) = send(
        &app,
        http::Request::from_parts(parts, Body::from(body.to_vec())),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{presigned}");
    assert_eq!(presigned["method"], "PUT");
    assert_eq!(presigned["headers"]["content-type"], "application/pdf");
    let id = presigned["upload_id"].as_str().unwrap().to_string();

    let (status, view) = call(
        &app,
        Method::GET,
        &format!("/v1/uploads/{id}"),
        &owner,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["status"], "pending");
    assert_eq!(view["purpose"], "expense");
    assert!(view["download_url"].is_null());

    // The bytes land (a 1×1 PNG is no PDF): rejected, with the reason.
    let upload = uome_core::uploads::load(&env.ctx.ports, &owner.account_id, &id)
        .await
        .unwrap();
    env.ctx
        .ports
        .blobs
        .put(
            &upload.key,
            b"%PDF-1.4 but not really".to_vec(),
            "application/pdf",
        )
        .await
        .unwrap();
    uome_core::uploads::process_object(&env.ctx.ports, &upload.key)
        .await
        .unwrap();
    let (_, view) = call(
        &app,
        Method::GET,
        &format!("/v1/uploads/{id}"),
        &owner,
        None,
    )
    .await;
    assert_eq!(view["status"], "rejected", "{view}");
    assert!(view["reason"].as_str().unwrap().contains("PDF"), "{view}");

    // Another account's id, and a non-id.
    let other = env.owner(true).await;
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/v1/uploads/{id}"),
        &other,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = call(&app, Method::GET, "/v1/uploads/not-an-id", &owner, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

const BULK_EVENT: &str = include_str!("../../../events/uploads-bulk-invoices.json");

/// Seed 003's invoice example as API Gateway delivers it, authenticated
/// with the seed's `api_key` / `api_secret` headers of an API client.
#[tokio::test]
async fn the_bulk_sample_event_imports_the_seed_invoice_with_the_seeds_headers() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let client = uome_core::account::api_clients::create(
        &env.ctx.ports,
        &owner.account_id,
        "ERP".to_string(),
    )
    .await
    .unwrap();
    let app = env.app(uome_uploads::api());
    let mut event: Value = serde_json::from_str(BULK_EVENT).unwrap();
    event["headers"]["api_key"] = json!(client.client.client_id);
    event["headers"]["api_secret"] = json!(client.client_secret);
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    let (parts, body) = request.into_parts();
    let (status, report) = send(
        &app,
        http::Request::from_parts(parts, Body::from(body.to_vec())),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(
        report,
        json!({"received": 1, "created": 1, "updated": 0, "rejected": []})
    );

    // Without credentials, nothing is read.
    let anonymous = http::Request::post("/v1/uploads/invoices")
        .header("content-type", "application/json")
        .body(Body::from("[]"))
        .unwrap();
    assert_eq!(send(&app, anonymous).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn bulk_bodies_are_refused_whole_only_when_the_body_itself_is_wrong() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_uploads::api());
    let post = |body: Vec<u8>, content_type: &str| {
        http::Request::post("/v1/uploads/customers")
            .header("authorization", owner.bearer())
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let rows = |n: usize| serde_json::to_vec(&vec![json!({}); n]).unwrap();
    let (status, problem) = send(&app, post(rows(5_001), "application/json")).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(problem["code"], "payload_too_large");
    assert!(
        problem["detail"].as_str().unwrap().contains("5000"),
        "{problem}"
    );
    // Over 5 MiB: refused before it is read.
    let big = format!("[\"{}\"]", "x".repeat(5 << 20)).into_bytes();
    assert_eq!(
        send(&app, post(big, "application/json")).await.0,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // Just under 1 MiB is more than other routes take, and fine here.
    let (status, report) = send(&app, post(rows(4_000), "application/json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report["rejected"].as_array().unwrap().len(), 4_000);
    let (status, problem) = send(&app, post(b"{\"rows\":[]}".to_vec(), "application/json")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        send(&app, post(b"[{".to_vec(), "application/json")).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send(&app, post(b"[]".to_vec(), "text/csv")).await.0,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
}

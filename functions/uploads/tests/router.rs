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

//! Black-box tests of the local server over HTTP: the pieces every endpoint
//! group relies on (health, OpenAPI, problem answers, local-only routes,
//! presigned blob URLs).

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{Value, json};
use uome_core::ports::{Job, QueueName};
use uome_tests::server::TestServer;

async fn problem(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status().as_u16(), status);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    assert!(response.headers().contains_key("x-request-id"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert!(body["code"].is_string(), "{body}");
    assert!(body["request_id"].is_string(), "{body}");
    body
}

#[tokio::test]
async fn health_answers_ok_without_auth() {
    let t = TestServer::start().await;
    let response = t.client.get(t.url("/v1/health")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"));
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"status": "ok"})
    );
}

#[tokio::test]
async fn request_id_is_echoed() {
    let t = TestServer::start().await;
    let response = t
        .client
        .get(t.url("/v1/health"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "abc-123");
}

#[tokio::test]
async fn openapi_document_lists_exactly_the_mounted_api_routes() {
    let t = TestServer::start().await;
    let doc: Value = t
        .client
        .get(t.url("/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.contains_key("/v1/health"));
    // Every documented operation is really served: none answers 404/405.
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            let concrete = path.replace("{id}", "00000000-0000-7000-8000-000000000000");
            let response = t
                .client
                .request(method.to_uppercase().parse().unwrap(), t.url(&concrete))
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            // A made-up id may well be unknown (404), but the route and
            // method must exist.
            let has_id = concrete != *path;
            assert!(
                status != 405 && (has_id || status != 404),
                "{method} {path} is documented but answers {status}"
            );
        }
    }
}

#[tokio::test]
async fn unknown_route_and_wrong_method_are_problems() {
    let t = TestServer::start().await;
    let body = problem(
        t.client
            .get(t.url("/v1/no-such-thing"))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    assert_eq!(body["code"], "not_found");
    let body = problem(
        t.client.delete(t.url("/v1/health")).send().await.unwrap(),
        405,
    )
    .await;
    assert_eq!(body["code"], "method_not_allowed");
}

#[tokio::test]
async fn outbox_starts_empty() {
    let t = TestServer::start().await;
    let response = t.client.get(t.url("/_local/outbox")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.unwrap(), json!([]));
}

#[tokio::test]
async fn jobs_run_answers_what_was_done_and_acknowledges_unknown_jobs() {
    let t = TestServer::start().await;
    t.server
        .ctx
        .ports
        .queue
        .send(
            QueueName::Reminders,
            Job::new("j1", "no_such_kind", &json!({})),
        )
        .await
        .unwrap();
    let response = t
        .client
        .post(t.url("/_local/jobs/run"))
        .json(&json!({"now": "2027-01-31T09:00:00Z"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    // API.md §12's answer, and only that: the unknown job is logged,
    // acknowledged and counted as failed.
    assert_eq!(
        report,
        json!({"enqueued": 0, "reminders_sent": 0, "invoices_created": 0, "failed": 1})
    );
    assert!(t.server.queue.is_empty());

    let body = problem(
        t.client
            .post(t.url("/_local/jobs/run"))
            .header("content-type", "application/json")
            .body("{\"now\": ")
            .send()
            .await
            .unwrap(),
        400,
    )
    .await;
    assert_eq!(body["code"], "malformed_json");

    let body = problem(
        t.client
            .post(t.url("/_local/jobs/run"))
            .json(&json!({"now": "yesterday"}))
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "now");
}

#[tokio::test]
async fn presigned_blob_urls_upload_and_download_and_refuse_forgeries() {
    let t = TestServer::start().await;
    let blobs = &t.server.ctx.ports.blobs;
    let bytes = b"\x89PNG\r\n\x1a\n not really an image".to_vec();
    let put = blobs
        .presign_put(
            "uploads/acc/u1/photo.png",
            "image/png",
            bytes.len() as u64,
            Duration::from_secs(900),
        )
        .await
        .unwrap();
    assert_eq!(put.method, "PUT");
    assert!(put.url.starts_with(&t.server.base_url), "{}", put.url);

    // The wrong content type, a tampered signature and another key: 403.
    let wrong_type = t
        .client
        .put(&put.url)
        .header("content-type", "text/plain")
        .body(bytes.clone())
        .send()
        .await
        .unwrap();
    problem(wrong_type, 403).await;
    let forged = put.url.replace("signature=", "signature=00");
    problem(
        t.client
            .put(&forged)
            .header("content-type", "image/png")
            .body(bytes.clone())
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    // More bytes than the URL was signed for: 403.
    problem(
        t.client
            .put(&put.url)
            .header("content-type", "image/png")
            .body([bytes.as_slice(), b"and more"].concat())
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    let other_key = put.url.replace("photo.png", "other.png");
    problem(
        t.client
            .put(&other_key)
            .header("content-type", "image/png")
            .body(bytes.clone())
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;

    let response = t
        .client
        .put(&put.url)
        .header("content-type", "image/png")
        .body(bytes.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let get = blobs
        .presign_get("uploads/acc/u1/photo.png", Duration::from_secs(60))
        .await
        .unwrap();
    let response = t.client.get(&get.url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.bytes().await.unwrap().to_vec(), bytes);

    // A GET URL cannot be used to upload, nor an unsigned URL to read.
    problem(
        t.client
            .put(&get.url)
            .header("content-type", "image/png")
            .body("x")
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    let unsigned = get.url.split('?').next().unwrap().to_string();
    problem(t.client.get(&unsigned).send().await.unwrap(), 403).await;

    // An expired URL is refused.
    let expired = blobs
        .presign_get("uploads/acc/u1/photo.png", Duration::from_secs(0))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    problem(t.client.get(&expired.url).send().await.unwrap(), 403).await;
}

/// Odd requests of every kind: none may make the server answer 5xx.
#[tokio::test]
async fn no_request_makes_the_server_fail() {
    let t = TestServer::start().await;
    let paths = [
        "/",
        "/v1",
        "/v1/health",
        "/v1/openapi.json",
        "/_local/outbox",
        "/_local/jobs/run",
        "/_local/blobs/",
        "/_local/blobs/../../etc/passwd",
        "/_local/blobs/a?signature=zz&expires=-1",
        "/v1/%ff%fe",
        "/v1/health?x=%00",
        "/_local/blobs/a/../../b?method=GET&expires=99999999999&signature=00",
    ];
    let bodies: [&[u8]; 5] = [b"", b"{", b"null", b"[1,2,3]", b"\xff\xfe\x00"];
    let mut seen = BTreeSet::new();
    for path in paths {
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            for body in bodies {
                let response = t
                    .client
                    .request(method.parse().unwrap(), t.url(path))
                    .header("content-type", "application/json")
                    .body(body.to_vec())
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                assert!(
                    status < 500,
                    "{method} {path} with {body:?} answered {status}"
                );
                seen.insert(status);
            }
        }
    }
    assert!(seen.contains(&404) && seen.contains(&405), "{seen:?}");
}

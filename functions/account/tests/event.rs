//! A real API Gateway v2 event (events/account-profile-put.json) converted by
//! `lambda_http` itself and sent through the function's router.

mod common;

use axum::body::Body;
use common::Fixture;
use http::Method;

fn event_with_token(name: &str, token: &str) -> lambda_http::Request {
    let path = format!("{}/../../events/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    // The file carries a placeholder: access tokens expire, files do not.
    let text = text.replace("{{ACCESS_TOKEN}}", token);
    lambda_http::request::from_str(&text).unwrap()
}

#[tokio::test]
async fn profile_put_event_updates_the_profile() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let (parts, body) = event_with_token("account-profile-put.json", &a.token).into_parts();
    let request = http::Request::from_parts(parts, Body::from(body.to_vec()));
    let (status, headers, profile) = common::send(&f.app, request).await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(headers["x-request-id"], "evt-profile-put-1");
    assert_eq!(headers["etag"], "\"2\"");
    assert_eq!(profile["last_name"], "King");
    assert_eq!(profile["address"]["country_code"], "GB");
    assert_eq!(profile["version"], 2);

    // The event's If-Match is now stale: replaying it is a conflict.
    let (parts, body) = event_with_token("account-profile-put.json", &a.token).into_parts();
    let request = http::Request::from_parts(parts, Body::from(body.to_vec()));
    let (status, _, problem) = common::send(&f.app, request).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "version_conflict");

    let (_, _, read) = f.owner(&a, Method::GET, "/v1/account/profile", None).await;
    assert_eq!(read["phone"], "+44 20 7946 0958");
}

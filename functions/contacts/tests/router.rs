//! The contacts router inside the shared stack, driven with `oneshot`, and
//! the sample API Gateway event pushed through `lambda_http`'s conversion.

use axum::Router;
use axum::body::Body;
use chrono::Utc;
use http::{HeaderMap, Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::ports::Clock;
use uome_testkit::TestEnv;
use uome_testkit::owner::Owner;

async fn owner(env: &TestEnv, email_verified: bool) -> Owner {
    env.owner(email_verified).await
}

fn app(env: &TestEnv) -> Router {
    env.app(uome_contacts::api())
}

async fn send(app: &Router, request: http::Request<Body>) -> (StatusCode, HeaderMap, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn call(
    app: &Router,
    method: Method,
    uri: &str,
    owner: &Owner,
    body: Option<Value>,
) -> (StatusCode, HeaderMap, Value) {
    let builder = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {}", owner.token));
    let request = match body {
        Some(body) => builder
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => builder.body(Body::empty()),
    }
    .unwrap();
    send(app, request).await
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn sample_event_creates_a_contact() {
    let env = TestEnv::new();
    let owner = owner(&env, true).await;
    let path = format!(
        "{}/../../events/contacts-create.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut event: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    event["headers"]["authorization"] = json!(format!("Bearer {}", owner.token));
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    let (parts, body) = request.into_parts();
    let request = http::Request::from_parts(parts, Body::from(body.to_vec()));
    let (status, headers, body) = send(&app(&env), request).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(headers["x-request-id"], "evt-contacts-create-1");
    assert_eq!(body["number"], "CUS-0001");
    assert_eq!(body["display_name"], "OneUp");
    assert_eq!(body["type"], "company");
    assert_eq!(body["roles"], json!(["customer"]));
    assert_eq!(body["billing_address"]["country_code"], "US");
    assert_eq!(
        body["billing_address"]["full_address"],
        "567 Sutter St.\n94102 San Francisco\nCA\nUS"
    );
    assert_eq!(body["contact_persons"][0]["first_name"], "François");
    assert!(body["contact_persons"][0]["id"].is_string());
    assert_eq!(
        headers["location"].to_str().unwrap(),
        format!("/v1/contacts/{}", body["id"].as_str().unwrap())
    );
    assert_eq!(headers["etag"], "\"1\"");
}

#[tokio::test]
async fn crud_round_trip_with_versions() {
    let env = TestEnv::new();
    let app = app(&env);
    let o = owner(&env, true).await;
    let (status, _, created) = call(
        &app,
        Method::POST,
        "/v1/contacts",
        &o,
        Some(json!({"first_name": "Ada", "last_name": "Lovelace", "salutation": "Ms", "email": "ada@example.com"})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["type"], "person");
    assert_eq!(created["salutation"], "ms");
    assert_eq!(created["display_name"], "Ada Lovelace");
    assert_eq!(created["automatic_dunning"], true);
    assert_eq!(created["opt_in_email"], false);
    assert_eq!(created["archived"], false);
    let id = created["id"].as_str().unwrap().to_string();
    let uri = format!("/v1/contacts/{id}");

    let (status, headers, mut got) = call(&app, Method::GET, &uri, &o, None).await;
    assert_eq!(status, 200);
    // A read also says the contact's open credit (none yet).
    assert_eq!(got["credit_balance"], json!({}));
    got.as_object_mut().unwrap().remove("credit_balance");
    assert_eq!(got, created);
    assert_eq!(headers["etag"], "\"1\"");

    // What was read comes back without its read-only fields, which are
    // each a 422 naming it.
    let mut replaced = got.clone();
    replaced["last_name"] = json!("King");
    let (status, _, refused) = call(&app, Method::PUT, &uri, &o, Some(replaced.clone())).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["errors"][0]["message"], "is read-only");
    for field in ["id", "display_name", "created_at", "updated_at"] {
        replaced.as_object_mut().unwrap().remove(field);
    }
    let (status, _, put) = call(&app, Method::PUT, &uri, &o, Some(replaced.clone())).await;
    assert_eq!(status, 200, "{put}");
    assert_eq!(put["display_name"], "Ada King");
    assert_eq!(put["version"], 2);
    assert_eq!(put["number"], created["number"]);
    // The same body again carries version 1: stale.
    let (status, _, problem) = call(&app, Method::PUT, &uri, &o, Some(replaced)).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "version_conflict");

    let request = http::Request::patch(&uri)
        .header("authorization", format!("Bearer {}", o.token))
        .header("content-type", "application/merge-patch+json")
        .header("if-match", "\"2\"")
        .body(Body::from(
            json!({"tags": ["A", "b"], "phone": null}).to_string(),
        ))
        .unwrap();
    let (status, headers, patched) = send(&app, request).await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["tags"], json!(["A", "b"]));
    assert_eq!(headers["etag"], "\"3\"");
    let request = http::Request::patch(&uri)
        .header("authorization", format!("Bearer {}", o.token))
        .header("content-type", "application/json")
        .header("if-match", "2")
        .body(Body::from(json!({"notes": "late"}).to_string()))
        .unwrap();
    let (status, _, problem) = send(&app, request).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "version_conflict");
    let request = http::Request::patch(&uri)
        .header("authorization", format!("Bearer {}", o.token))
        .header("content-type", "application/json")
        .header("if-match", "3")
        .body(Body::from(json!({"notes": "x", "version": 2}).to_string()))
        .unwrap();
    let (status, _, problem) = send(&app, request).await;
    assert_eq!(status, 422);
    assert_eq!(fields(&problem), ["version"]);

    let (status, _, archived) = call(&app, Method::POST, &format!("{uri}/archive"), &o, None).await;
    assert_eq!(status, 200);
    assert_eq!(archived["archived"], true);
    let (_, _, list) = call(&app, Method::GET, "/v1/contacts", &o, None).await;
    assert_eq!(list["data"], json!([]));
    let (_, _, list) = call(&app, Method::GET, "/v1/contacts?archived=true", &o, None).await;
    assert_eq!(list["data"][0]["id"], id.as_str());
    let (status, _, active) = call(&app, Method::POST, &format!("{uri}/unarchive"), &o, None).await;
    assert_eq!(status, 200);
    assert_eq!(active["archived"], false);

    let (status, _, _) = call(&app, Method::DELETE, &uri, &o, None).await;
    assert_eq!(status, 204);
    let (status, _, problem) = call(&app, Method::GET, &uri, &o, None).await;
    assert_eq!(status, 404);
    assert_eq!(problem["code"], "not_found");
    let (status, _, _) = call(&app, Method::GET, "/v1/contacts/not-a-uuid", &o, None).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn every_bad_field_is_listed() {
    let env = TestEnv::new();
    let app = app(&env);
    let o = owner(&env, true).await;
    let (status, _, problem) = call(
        &app,
        Method::POST,
        "/v1/contacts",
        &o,
        Some(json!({
            "type": "person",
            "first_name": "Ada",
            "email": "not-an-email",
            "billing_address": {"country_code": "XX"},
            "currency": "XYZ",
            "language": "english",
            "payment_terms_days": -1,
            "roles": [],
            "tags": vec!["t"; 51],
        })),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "validation_failed");
    assert_eq!(
        fields(&problem),
        [
            "last_name",
            "roles",
            "email",
            "billing_address.country_code",
            "currency",
            "language",
            "payment_terms_days",
            "tags"
        ]
    );
    let (status, _, problem) = call(
        &app,
        Method::POST,
        "/v1/contacts",
        &o,
        Some(json!({"type": "company", "colour": "red"})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(fields(&problem), ["colour"]);
    let (status, _, problem) = call(
        &app,
        Method::POST,
        "/v1/contacts",
        &o,
        Some(json!({"type": "company"})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(fields(&problem), ["company_name"]);
    let (status, _, _) = call(&app, Method::GET, "/v1/contacts?role=boss", &o, None).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn duplicate_email_is_409_with_the_existing_id_unless_forced() {
    let env = TestEnv::new();
    let app = app(&env);
    let o = owner(&env, true).await;
    let body = json!({"company_name": "Acme", "email": "hello@acme.test"});
    let (_, _, first) = call(&app, Method::POST, "/v1/contacts", &o, Some(body.clone())).await;
    let (status, _, problem) =
        call(&app, Method::POST, "/v1/contacts", &o, Some(body.clone())).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "duplicate_contact");
    assert_eq!(problem["existing_id"], first["id"]);
    let (status, _, forced) = call(
        &app,
        Method::POST,
        "/v1/contacts?force=true",
        &o,
        Some(body),
    )
    .await;
    assert_eq!(status, 201);
    assert_ne!(forced["id"], first["id"]);
}

#[tokio::test]
async fn portal_tokens_are_issued_emailed_and_revoked() {
    let env = TestEnv::new();
    let app = app(&env);
    let unverified = owner(&env, false).await;
    let verified = owner(&env, true).await;
    let body = json!({"company_name": "Client", "email": "client@example.com"});
    let (_, _, c1) = call(
        &app,
        Method::POST,
        "/v1/contacts",
        &unverified,
        Some(body.clone()),
    )
    .await;
    let (_, _, c2) = call(&app, Method::POST, "/v1/contacts", &verified, Some(body)).await;
    let (_, _, silent) = call(
        &app,
        Method::POST,
        "/v1/contacts",
        &verified,
        Some(json!({"company_name": "No Mail"})),
    )
    .await;

    let uri1 = format!("/v1/contacts/{}/portal-token", c1["id"].as_str().unwrap());
    let (status, _, problem) = call(
        &app,
        Method::POST,
        &format!("{uri1}?email=true"),
        &unverified,
        None,
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(problem["code"], "email_unverified");
    let (status, headers, plain) = call(&app, Method::POST, &uri1, &unverified, None).await;
    assert_eq!(status, 201);
    assert_eq!(headers["cache-control"], "no-store");
    assert!(plain["url"].as_str().unwrap().contains("/portal?token="));
    assert_eq!(plain["emailed_to"], Value::Null);

    let uri3 = format!(
        "/v1/contacts/{}/portal-token?email=true",
        silent["id"].as_str().unwrap()
    );
    let (status, _, problem) = call(&app, Method::POST, &uri3, &verified, None).await;
    assert_eq!(status, 422);
    assert_eq!(problem["code"], "contact_has_no_email");

    let uri2 = format!("/v1/contacts/{}/portal-token", c2["id"].as_str().unwrap());
    let (status, _, issued) = call(
        &app,
        Method::POST,
        &format!("{uri2}?email=true"),
        &verified,
        None,
    )
    .await;
    assert_eq!(status, 201, "{issued}");
    assert_eq!(issued["emailed_to"], "client@example.com");
    let token = issued["token"].as_str().unwrap();
    let mail = env.embedded.outbox.list().unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["client@example.com"]);
    assert!(mail[0].text.contains(issued["url"].as_str().unwrap()));
    let record = uome_core::portal::verify(&env.ctx.ports, token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.contact_id, c2["id"].as_str().unwrap());
    assert_eq!(record.account_id, verified.account_id);
    let expires =
        chrono::DateTime::parse_from_rfc3339(issued["expires_at"].as_str().unwrap()).unwrap();
    assert_eq!(
        (expires.with_timezone(&Utc) - env.clock.now()).num_days(),
        30
    );

    // The other account cannot touch it.
    let (status, _, _) = call(&app, Method::DELETE, &uri2, &unverified, None).await;
    assert_eq!(status, 404);
    let (status, _, _) = call(&app, Method::DELETE, &uri2, &verified, None).await;
    assert_eq!(status, 204);
    assert!(
        uome_core::portal::verify(&env.ctx.ports, token)
            .await
            .unwrap()
            .is_none()
    );
}

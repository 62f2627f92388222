//! Sign-up, verification, login, tokens and password reset, black-box over
//! HTTP against the local server (API.md §3).

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uome_domain::AccountId;
use uome_http::{JwtConfig, JwtKeys, Role};
use uome_tests::server::TestServer;

const PASSWORD: &str = "correct-horse-42";

struct Answer {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: Value,
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}

async fn post(t: &TestServer, path: &str, body: Value) -> Answer {
    answer(t.client.post(t.url(path)).json(&body).send().await.unwrap()).await
}

async fn me(t: &TestServer, access_token: &str) -> Answer {
    let response = t
        .client
        .get(t.url("/v1/auth/me"))
        .bearer_auth(access_token)
        .send()
        .await
        .unwrap();
    answer(response).await
}

async fn signup(t: &TestServer, email: &str) -> Answer {
    let body =
        json!({"first_name": "Ada", "last_name": "Lovelace", "email": email, "password": PASSWORD});
    post(t, "/v1/auth/signup", body).await
}

async fn login(t: &TestServer, email: &str, password: &str) -> Answer {
    post(
        t,
        "/v1/auth/login",
        json!({"email": email, "password": password}),
    )
    .await
}

/// The token of the newest mail to `to` whose text links to `path`, read
/// from `GET /_local/outbox` like a developer would.
async fn token_from_outbox(t: &TestServer, to: &str, path: &str) -> String {
    let mail: Vec<Value> = t
        .client
        .get(t.url("/_local/outbox"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let entry = mail
        .iter()
        .rev()
        .find(|m| {
            m["to"].as_array().unwrap().iter().any(|a| a == to)
                && m["text"].as_str().unwrap().contains(path)
        })
        .unwrap_or_else(|| panic!("no mail to {to} linking to {path}"));
    let text = entry["text"].as_str().unwrap();
    let link = text
        .split_whitespace()
        .find(|word| word.contains(&format!("{path}?token=")))
        .unwrap();
    let url = url_token(link);
    assert_eq!(url.len(), 43, "{link}");
    url
}

fn url_token(link: &str) -> String {
    link.split_once("token=").unwrap().1.to_string()
}

fn field_names(body: &Value) -> Vec<String> {
    let mut names: Vec<String> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn sign_up_verify_login_me_refresh_replay_and_logout() {
    let t = TestServer::start().await;
    let created = signup(&t, "Ada@Example.com").await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let user = created.body["user"].clone();
    let account_id = AccountId::from(created.body["account"]["id"].as_str().unwrap());
    assert_eq!(user["email_verified"], false);

    // Unverified: the account may not email third parties.
    let table = t.server.ctx.ports.table.clone();
    let refused =
        uome_core::accounts::ensure_can_email_third_parties(table.as_ref(), &account_id).await;
    match refused {
        Err(uome_core::CoreError::Forbidden { code, .. }) => assert_eq!(code, "email_unverified"),
        other => panic!("expected 403 email_unverified, got {other:?}"),
    }

    let token = token_from_outbox(&t, "Ada@Example.com", "/verify-email").await;
    let verified = post(&t, "/v1/auth/verify-email", json!({"token": token})).await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    uome_core::accounts::ensure_can_email_third_parties(table.as_ref(), &account_id)
        .await
        .unwrap();
    let reused = post(&t, "/v1/auth/verify-email", json!({"token": token})).await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST);
    assert_eq!(reused.body["code"], "invalid_token");

    let signed_in = login(&t, "ada@example.com", PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    assert_eq!(signed_in.body["token_type"], "Bearer");
    assert_eq!(signed_in.body["expires_in"], 900);
    let access = signed_in.body["access_token"].as_str().unwrap().to_string();
    let refresh = signed_in.body["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();

    let profile = me(&t, &access).await;
    assert_eq!(profile.status, StatusCode::OK);
    assert_eq!(profile.body["id"], user["id"]);
    assert_eq!(profile.body["email"], "Ada@Example.com");
    assert_eq!(profile.body["email_verified"], true);
    assert_eq!(profile.body["first_name"], "Ada");
    assert_eq!(profile.body["last_name"], "Lovelace");
    assert_eq!(profile.body["account_id"], account_id.as_str());
    assert_eq!(profile.body["role"], "owner");

    let rotated = post(&t, "/v1/auth/refresh", json!({"refresh_token": refresh})).await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.body);
    let refresh2 = rotated.body["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(refresh, refresh2);
    let access2 = rotated.body["access_token"].as_str().unwrap();
    assert_eq!(me(&t, access2).await.status, StatusCode::OK);

    // Replaying the old refresh token: 401, and the new one is dead too.
    let replay = post(&t, "/v1/auth/refresh", json!({"refresh_token": refresh})).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
    assert_eq!(replay.body["code"], "invalid_token");
    let dead = post(&t, "/v1/auth/refresh", json!({"refresh_token": refresh2})).await;
    assert_eq!(dead.status, StatusCode::UNAUTHORIZED);

    // A fresh session, then logout ends it.
    let again = login(&t, "ada@example.com", PASSWORD).await;
    let refresh3 = again.body["refresh_token"].as_str().unwrap().to_string();
    let out = post(&t, "/v1/auth/logout", json!({"refresh_token": refresh3})).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let after = post(&t, "/v1/auth/refresh", json!({"refresh_token": refresh3})).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_duplicate_email_is_409_email_taken_in_any_case_or_spacing() {
    let t = TestServer::start().await;
    assert_eq!(
        signup(&t, "ada@example.com").await.status,
        StatusCode::CREATED
    );
    for email in ["ada@example.com", "ADA@EXAMPLE.COM", " Ada@example.com "] {
        let dup = signup(&t, email).await;
        assert_eq!(dup.status, StatusCode::CONFLICT, "{email}");
        assert_eq!(dup.body["code"], "email_taken");
        assert_eq!(dup.headers["content-type"], "application/problem+json");
    }
}

#[tokio::test]
async fn password_reset_replaces_the_password_and_kills_old_refresh_tokens() {
    let t = TestServer::start().await;
    signup(&t, "ada@example.com").await;
    let old_session = login(&t, "ada@example.com", PASSWORD).await.body["refresh_token"].clone();

    let known = post(
        &t,
        "/v1/auth/forgot-password",
        json!({"email": "ada@example.com"}),
    )
    .await;
    let unknown = post(
        &t,
        "/v1/auth/forgot-password",
        json!({"email": "nobody@example.com"}),
    )
    .await;
    assert_eq!(known.status, StatusCode::ACCEPTED);
    assert_eq!(unknown.status, StatusCode::ACCEPTED);
    assert_eq!(known.body, unknown.body);

    let token = token_from_outbox(&t, "ada@example.com", "/reset-password").await;
    let new_password = "a-brand-new-pass-9";
    let reset = post(
        &t,
        "/v1/auth/reset-password",
        json!({"token": token, "password": new_password}),
    )
    .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let reused = post(
        &t,
        "/v1/auth/reset-password",
        json!({"token": token, "password": "yet-another-pass-1"}),
    )
    .await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST);
    assert_eq!(reused.body["code"], "invalid_token");

    assert_eq!(
        login(&t, "ada@example.com", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&t, "ada@example.com", new_password).await.status,
        StatusCode::OK
    );
    let dead = post(
        &t,
        "/v1/auth/refresh",
        json!({"refresh_token": old_session}),
    )
    .await;
    assert_eq!(dead.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn five_bad_logins_throttle_the_address_even_for_the_right_password() {
    let t = TestServer::start().await;
    signup(&t, "ada@example.com").await;
    for _ in 0..5 {
        let bad = login(&t, "ada@example.com", "not-the-password-1").await;
        assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
        assert_eq!(bad.body["code"], "invalid_credentials");
    }
    for password in ["not-the-password-1", PASSWORD] {
        let throttled = login(&t, "ADA@example.com", password).await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(throttled.body["code"], "too_many_attempts");
        let retry_after: u64 = throttled.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        // Within the 15-minute window of the first failure (debug builds
        // hash slowly, so some seconds have passed).
        assert!((600..=900).contains(&retry_after), "{retry_after}");
    }
    // Another address is not affected.
    assert_eq!(
        login(&t, "bob@example.com", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
}

fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

#[tokio::test]
async fn tampered_expired_unsigned_and_foreign_tokens_are_401_on_me() {
    let t = TestServer::start().await;
    signup(&t, "ada@example.com").await;
    let good = login(&t, "ada@example.com", PASSWORD).await.body["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(me(&t, &good).await.status, StatusCode::OK);
    let claims = t.server.ctx.jwt.verify(&good).unwrap();
    let parts: Vec<&str> = good.split('.').collect();

    // Wrong signature: another token's signature on these claims.
    let other = t.server.ctx.jwt.issue(&{
        let mut c = claims.clone();
        c.jti = "other".into();
        c
    });
    let other = other.unwrap();
    let foreign_sig = other.rsplit('.').next().unwrap();
    let wrong_signature = format!("{}.{}.{}", parts[0], parts[1], foreign_sig);

    // Claims edited (another account) under the original signature.
    let mut edited = claims.clone();
    edited.acc = "00000000-0000-7000-8000-000000000000".into();
    let edited_payload = b64url(&serde_json::to_vec(&edited).unwrap());
    let edited_claims = format!("{}.{}.{}", parts[0], edited_payload, parts[2]);

    // Expired: issued with the server's own key 16 minutes ago.
    let old = t.server.ctx.jwt.access_claims(
        &claims.sub,
        &AccountId::from(&claims.acc),
        Role::Owner,
        t.server.ctx.now() - Duration::minutes(16),
        "old",
    );
    let expired = t.server.ctx.jwt.issue(&old).unwrap();

    // alg none, with and without a signature.
    let none_header = b64url(br#"{"alg":"none","typ":"JWT"}"#);
    let unsigned = format!("{none_header}.{}.", parts[1]);
    let none_signed = format!("{none_header}.{}.{}", parts[1], parts[2]);

    // Signed with another secret.
    let stranger = JwtKeys::new(&JwtConfig::uome(
        b"some-other-secret-of-at-least-32-bytes".to_vec(),
    ));
    let foreign = stranger.issue(&claims).unwrap();

    for (name, token) in [
        ("wrong signature", wrong_signature),
        ("edited claims", edited_claims),
        ("expired", expired),
        ("alg none", unsigned),
        ("alg none signed", none_signed),
        ("other secret", foreign),
        ("garbage", "not-a-token".to_string()),
    ] {
        let answer = me(&t, &token).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{name}");
        assert_eq!(answer.headers["www-authenticate"], "Bearer", "{name}");
    }
    let bare = answer(t.client.get(t.url("/v1/auth/me")).send().await.unwrap()).await;
    assert_eq!(bare.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bare.body["code"], "unauthorized");
}

#[tokio::test]
async fn every_bad_body_is_a_422_naming_every_field_and_bad_json_a_400() {
    let t = TestServer::start().await;
    let cases = [
        (
            "/v1/auth/signup",
            json!({}),
            vec!["email", "first_name", "last_name", "password"],
        ),
        (
            "/v1/auth/signup",
            json!({"first_name": "", "last_name": 7, "email": "ada@", "password": "1234567890", "company_name": {}}),
            vec![
                "company_name",
                "email",
                "first_name",
                "last_name",
                "password",
            ],
        ),
        (
            "/v1/auth/login",
            json!({"email": "x", "password": ""}),
            vec!["email", "password"],
        ),
        ("/v1/auth/verify-email", json!({"token": ""}), vec!["token"]),
        ("/v1/auth/refresh", json!({}), vec!["refresh_token"]),
        (
            "/v1/auth/logout",
            json!({"refresh_token": 1}),
            vec!["refresh_token"],
        ),
        (
            "/v1/auth/forgot-password",
            json!({"email": "nope"}),
            vec!["email"],
        ),
        ("/v1/auth/resend-verification", json!({}), vec!["email"]),
        (
            "/v1/auth/reset-password",
            json!({"password": "short"}),
            vec!["password", "token"],
        ),
        (
            "/v1/auth/login",
            json!({"email": "a@b.co", "password": "x", "remember": true}),
            vec!["remember"],
        ),
    ];
    for (path, body, fields) in cases {
        let bad = post(&t, path, body.clone()).await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path} {body}"
        );
        assert_eq!(bad.body["code"], "validation_failed", "{path}");
        assert_eq!(field_names(&bad.body), fields, "{path} {body}");
    }
    for path in [
        "/v1/auth/signup",
        "/v1/auth/login",
        "/v1/auth/reset-password",
    ] {
        let response = t
            .client
            .post(t.url(path))
            .header("content-type", "application/json")
            .body("{\"password\": \"x\",")
            .send()
            .await
            .unwrap();
        let malformed = answer(response).await;
        assert_eq!(malformed.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(malformed.body["code"], "malformed_json");
    }
}

#[tokio::test]
async fn the_openapi_document_lists_the_auth_routes() {
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
    for (path, method) in [
        ("/v1/auth/signup", "post"),
        ("/v1/auth/verify-email", "post"),
        ("/v1/auth/resend-verification", "post"),
        ("/v1/auth/login", "post"),
        ("/v1/auth/refresh", "post"),
        ("/v1/auth/logout", "post"),
        ("/v1/auth/forgot-password", "post"),
        ("/v1/auth/reset-password", "post"),
        ("/v1/auth/me", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
}

use axum::body::Body;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::Request;
use serde_json::json;
use uome_core::ports::Clock;
use uome_domain::AccountId;

use crate::support::{
    API_CLIENT_ID, API_CLIENT_SECRET, AUDIENCE, ISSUER, PORTAL_TOKEN, SECRET, TestApp,
};
use uome_http::{JwtConfig, JwtKeys, Role};

fn with_bearer(uri: &str, token: &str) -> Request<Body> {
    Request::get(uri)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

fn keys(secret: &[u8], issuer: &str, audience: &str) -> JwtKeys {
    JwtKeys::new(&JwtConfig {
        secret: secret.to_vec(),
        issuer: issuer.into(),
        audience: audience.into(),
    })
}

#[tokio::test]
async fn a_valid_token_is_accepted() {
    let app = TestApp::new();
    let reply = app
        .send(with_bearer("/v1/things", &app.token("acc_7", Role::Owner)))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.json);
    let reply = app
        .send(with_bearer(
            "/v1/owner-only",
            &app.token("acc_7", Role::Owner),
        ))
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(String::from_utf8(reply.body).unwrap(), "user_1");
    // Scheme is case-insensitive.
    let reply = app
        .send(
            Request::get("/v1/things")
                .header(
                    "authorization",
                    format!("bearer {}", app.token("acc_7", Role::Owner)),
                )
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn missing_credentials_are_401_unauthorized_with_www_authenticate() {
    let app = TestApp::new();
    let reply = app
        .send(Request::get("/v1/things").body(Body::empty()).unwrap())
        .await;
    reply.assert_problem(401, "unauthorized");
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    let reply = app
        .send(
            Request::get("/v1/things")
                .header("authorization", "Basic dXNlcjpwYXNz")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    reply.assert_problem(401, "unauthorized");
}

#[tokio::test]
async fn an_expired_token_is_401() {
    let app = TestApp::new();
    let now = app.clock.now();
    let mut claims = app.ctx.jwt.access_claims(
        "u",
        &AccountId::from("acc_1"),
        Role::Owner,
        now - chrono::Duration::minutes(30),
        "j",
    );
    assert!(claims.exp < now.timestamp());
    let token = app.ctx.jwt.issue(&claims).unwrap();
    let reply = app.send(with_bearer("/v1/things", &token)).await;
    reply.assert_problem(401, "invalid_token");
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));

    // Within the leeway still passes; past it does not.
    claims.exp = now.timestamp() - 5;
    let token = app.ctx.jwt.issue(&claims).unwrap();
    assert_eq!(
        app.send(with_bearer("/v1/things", &token)).await.status,
        200
    );
    claims.exp = now.timestamp() - 31;
    let token = app.ctx.jwt.issue(&claims).unwrap();
    app.send(with_bearer("/v1/things", &token))
        .await
        .assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn expiry_follows_the_injected_clock() {
    let app = TestApp::new();
    let token = app.token("acc_1", Role::Owner);
    assert_eq!(
        app.send(with_bearer("/v1/things", &token)).await.status,
        200
    );
    app.clock.advance(chrono::Duration::minutes(16));
    app.send(with_bearer("/v1/things", &token))
        .await
        .assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn a_token_signed_with_another_secret_is_401() {
    let app = TestApp::new();
    let other = keys(b"another-secret-another-secret-xx", ISSUER, AUDIENCE);
    let claims = other.access_claims(
        "u",
        &AccountId::from("acc_1"),
        Role::Owner,
        app.clock.now(),
        "j",
    );
    let token = other.issue(&claims).unwrap();
    app.send(with_bearer("/v1/things", &token))
        .await
        .assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn wrong_issuer_or_audience_is_401() {
    let app = TestApp::new();
    for other in [
        keys(SECRET, "someone-else", AUDIENCE),
        keys(SECRET, ISSUER, "another-api"),
    ] {
        let claims = other.access_claims(
            "u",
            &AccountId::from("acc_1"),
            Role::Owner,
            app.clock.now(),
            "j",
        );
        let token = other.issue(&claims).unwrap();
        app.send(with_bearer("/v1/things", &token))
            .await
            .assert_problem(401, "invalid_token");
    }
}

#[tokio::test]
async fn alg_none_and_other_algorithms_are_401() {
    let app = TestApp::new();
    let claims = app.ctx.jwt.access_claims(
        "u",
        &AccountId::from("acc_1"),
        Role::Owner,
        app.clock.now(),
        "j",
    );
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap());
    let none = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    for token in [
        format!("{none}.{payload}."),
        format!("{none}.{payload}.c2ln"),
    ] {
        app.send(with_bearer("/v1/things", &token))
            .await
            .assert_problem(401, "invalid_token");
    }
    // HS512 with the right secret: the algorithm is pinned to HS256.
    let hs512 = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(SECRET),
    )
    .unwrap();
    app.send(with_bearer("/v1/things", &hs512))
        .await
        .assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn a_token_missing_required_claims_is_401() {
    let app = TestApp::new();
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({"sub": "u", "acc": "a", "role": "owner", "iat": 0, "jti": "j",
                "exp": app.clock.now().timestamp() + 600}),
        &jsonwebtoken::EncodingKey::from_secret(SECRET),
    )
    .unwrap();
    app.send(with_bearer("/v1/things", &token))
        .await
        .assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn a_jwt_with_the_client_role_is_refused() {
    let app = TestApp::new();
    let token = app.token("acc_1", Role::Client);
    app.send(with_bearer("/v1/portal/me", &token))
        .await
        .assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn a_portal_token_is_a_client_and_is_403_on_business_routes() {
    let app = TestApp::new();
    let reply = app.send(with_bearer("/v1/portal/me", PORTAL_TOKEN)).await;
    assert_eq!(reply.status, 200, "{}", reply.json);
    assert_eq!(
        reply.json,
        json!({"account_id": "acc_1", "contact_id": "contact_9"})
    );

    app.send(with_bearer("/v1/things", PORTAL_TOKEN))
        .await
        .assert_problem(403, "forbidden");
    app.send(with_bearer("/v1/portal/me", "not-a-known-portal-token"))
        .await
        .assert_problem(401, "invalid_token");
}

#[tokio::test]
async fn business_tokens_are_403_on_portal_routes() {
    let app = TestApp::new();
    app.send(with_bearer(
        "/v1/portal/me",
        &app.token("acc_1", Role::Owner),
    ))
    .await
    .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn api_client_headers_and_their_aliases() {
    let app = TestApp::new();
    for (id_header, secret_header) in [
        ("x-client-id", "x-client-secret"),
        ("api_key", "api_secret"),
    ] {
        let reply = app
            .send(
                Request::get("/v1/things")
                    .header(id_header, API_CLIENT_ID)
                    .header(secret_header, API_CLIENT_SECRET)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(reply.status, 200, "{id_header}: {}", reply.json);
    }
    // Wrong secret, or half a pair.
    let reply = app
        .send(
            Request::get("/v1/things")
                .header("x-client-id", API_CLIENT_ID)
                .header("x-client-secret", "wrong")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    reply.assert_problem(401, "invalid_credentials");
    let reply = app
        .send(
            Request::get("/v1/things")
                .header("x-client-id", API_CLIENT_ID)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    reply.assert_problem(401, "invalid_credentials");
    // An API client may not do what only the owner may.
    let reply = app
        .send(
            Request::get("/v1/owner-only")
                .header("x-client-id", API_CLIENT_ID)
                .header("x-client-secret", API_CLIENT_SECRET)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    reply.assert_problem(403, "forbidden");
}

#[tokio::test]
async fn optional_principal() {
    let app = TestApp::new();
    let reply = app
        .send(Request::get("/v1/me").body(Body::empty()).unwrap())
        .await;
    assert_eq!(reply.json, json!({"account_id": null}));
    let reply = app
        .send(with_bearer("/v1/me", &app.token("acc_3", Role::Owner)))
        .await;
    assert_eq!(reply.json, json!({"account_id": "acc_3"}));
    app.send(with_bearer("/v1/me", "a.b.c"))
        .await
        .assert_problem(401, "invalid_token");
}

#[test]
fn verify_round_trip_and_claims() {
    let keys = keys(SECRET, ISSUER, AUDIENCE);
    let now = chrono::Utc::now();
    let claims = keys.access_claims("user", &AccountId::from("acc"), Role::ApiClient, now, "jti");
    assert_eq!(claims.exp - claims.iat, 900);
    let token = keys.issue(&claims).unwrap();
    assert_eq!(keys.verify(&token).unwrap(), claims);
    assert!(uome_http::auth::is_jwt_shaped(&token));
    assert!(!uome_http::auth::is_jwt_shaped(PORTAL_TOKEN));
}

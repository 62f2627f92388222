//! The auth routes inside the shared stack, driven with `oneshot` over the
//! embedded adapters and a fixed clock.

mod common;

use axum::body::Body;
use chrono::Duration;
use common::*;
use http::StatusCode;
use serde_json::{Value, json};
use uome_core::keys::{account_item, account_key, login_key, user_key};
use uome_domain::AccountId;
use uome_testkit::TestEnv;

#[tokio::test]
async fn signup_writes_login_user_account_and_company_and_emails_a_link() {
    let env = TestEnv::new();
    let app = app(&env);
    let mut body = signup_body(" Ada@Example.com ");
    body["company_name"] = json!("Analytical Engines Ltd");
    let answer = post(&app, "/v1/auth/signup", body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let user = &answer.body["user"];
    let account = &answer.body["account"];
    assert_eq!(user["email"], "Ada@Example.com");
    assert_eq!(user["email_verified"], false);
    assert_eq!(user["role"], "owner");
    assert_eq!(user["first_name"], "Ada");
    assert_eq!(account["id"], user["account_id"]);
    assert_eq!(account["owner_user_id"], user["id"]);
    assert_eq!(account["company_name"], "Analytical Engines Ltd");
    assert_eq!(account["email_verified"], false);

    let acc = &AccountId::from(account["id"].as_str().unwrap());
    let uid = user["id"].as_str().unwrap();
    let table = &env.ctx.ports.table;
    let login = table
        .get(&login_key("ada@example.com"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(login.data["user_id"], uid);
    let hash = login.data["password_hash"].as_str().unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    let stored_user = table.get(&user_key(acc, uid)).await.unwrap().unwrap();
    assert_eq!(stored_user.data["phone"], Value::Null);
    assert_eq!(stored_user.data["address"], Value::Null);
    assert_eq!(stored_user.data["version"], 1);
    let company = table
        .get(&account_item(acc, "COMPANY"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(company.data["name"], "Analytical Engines Ltd");
    assert!(table.get(&account_key(acc)).await.unwrap().is_some());

    let mail = env.embedded.outbox.list().unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, vec!["Ada@Example.com".to_string()]);
    assert!(
        mail[0]
            .text
            .contains("http://127.0.0.1:3000/verify-email?token=")
    );
    assert!(
        mail[0]
            .html
            .as_deref()
            .unwrap()
            .contains("/verify-email?token=")
    );
    assert_eq!(token_in(&mail[0].text).len(), 43);
}

#[tokio::test]
async fn company_name_defaults_to_the_owner_name() {
    let env = TestEnv::new();
    let app = app(&env);
    let body = signup(&app, "ada@example.com").await;
    assert_eq!(body["account"]["company_name"], "Ada Lovelace");
}

#[tokio::test]
async fn a_taken_email_is_409_whatever_its_case_or_spacing() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    for email in ["ada@example.com", "ADA@Example.COM", "  ada@example.com\t"] {
        let answer = post(&app, "/v1/auth/signup", signup_body(email)).await;
        assert_eq!(answer.status, StatusCode::CONFLICT);
        assert_eq!(answer.body["code"], "email_taken");
    }
    // Only the first sign-up sent mail.
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 1);
}

#[tokio::test]
async fn every_bad_signup_field_is_listed_at_once() {
    let env = TestEnv::new();
    let app = app(&env);
    let answer = post(&app, "/v1/auth/signup", json!({})).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.body["code"], "validation_failed");
    assert_eq!(
        fields(&answer.body),
        ["email", "first_name", "last_name", "password"]
    );

    let answer = post(
        &app,
        "/v1/auth/signup",
        json!({
            "first_name": 5,
            "last_name": "  ",
            "email": "not-an-email",
            "password": "abcdefghijkl",
            "company_name": "x".repeat(256),
        }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&answer.body),
        [
            "company_name",
            "email",
            "first_name",
            "last_name",
            "password"
        ]
    );
    let password = answer.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "password")
        .unwrap();
    assert!(password["message"].as_str().unwrap().contains("two of"));

    let mut short = signup_body("ada@example.com");
    short["password"] = json!("a1!");
    let answer = post(&app, "/v1/auth/signup", short).await;
    assert_eq!(fields(&answer.body), ["password"]);
    // Nothing was written by the rejected requests.
    assert!(
        env.ctx
            .ports
            .table
            .get(&login_key("ada@example.com"))
            .await
            .unwrap()
            .is_none()
    );
    assert!(env.embedded.outbox.list().unwrap().is_empty());
}

#[tokio::test]
async fn malformed_json_is_400_and_unknown_fields_422() {
    let env = TestEnv::new();
    let app = app(&env);
    let request = http::Request::post("/v1/auth/login")
        .header("content-type", "application/json")
        .body(Body::from("{\"email\": "))
        .unwrap();
    let answer = call(&app, request).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body["code"], "malformed_json");

    let mut body = signup_body("ada@example.com");
    body["role"] = json!("admin");
    let answer = post(&app, "/v1/auth/signup", body).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&answer.body), ["role"]);

    let answer = post(&app, "/v1/auth/login", json!({"email": 1})).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&answer.body), ["email", "password"]);
    for path in [
        "/v1/auth/verify-email",
        "/v1/auth/refresh",
        "/v1/auth/logout",
        "/v1/auth/forgot-password",
        "/v1/auth/resend-verification",
    ] {
        let answer = post(&app, path, json!({})).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_eq!(fields(&answer.body).len(), 1, "{path}");
    }
    let answer = post(
        &app,
        "/v1/auth/reset-password",
        json!({"password": "short"}),
    )
    .await;
    assert_eq!(fields(&answer.body), ["password", "token"]);
}

#[tokio::test]
async fn verify_email_works_once_and_unlocks_emailing_third_parties() {
    let env = TestEnv::new();
    let app = app(&env);
    let body = signup(&app, "ada@example.com").await;
    let acc = &AccountId::from(body["account"]["id"].as_str().unwrap());
    let table = env.ctx.ports.table.as_ref();
    let refused = uome_core::accounts::ensure_can_email_third_parties(table, acc).await;
    assert!(matches!(
        refused,
        Err(uome_core::CoreError::Forbidden { .. })
    ));

    let token = token_from_outbox(&env, "ada@example.com", "/verify-email");
    let answer = post(&app, "/v1/auth/verify-email", json!({"token": token})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["user"]["email_verified"], true);
    uome_core::accounts::ensure_can_email_third_parties(table, acc)
        .await
        .unwrap();

    let again = post(&app, "/v1/auth/verify-email", json!({"token": token})).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.body["code"], "invalid_token");
    let unknown = post(&app, "/v1/auth/verify-email", json!({"token": "nope"})).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.body["code"], "invalid_token");
}

#[tokio::test]
async fn a_verification_link_expires_after_24_hours() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let token = token_from_outbox(&env, "ada@example.com", "/verify-email");
    env.clock.advance(Duration::hours(24));
    let answer = post(&app, "/v1/auth/verify-email", json!({"token": token})).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body["code"], "invalid_token");
}

#[tokio::test]
async fn resend_verification_is_202_always_and_mails_only_unverified_owners() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let unknown = post(
        &app,
        "/v1/auth/resend-verification",
        json!({"email": "bob@example.com"}),
    )
    .await;
    let known = post(
        &app,
        "/v1/auth/resend-verification",
        json!({"email": "ADA@example.com"}),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::ACCEPTED);
    assert_eq!(known.status, StatusCode::ACCEPTED);
    assert_eq!(unknown.body, known.body);
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 2);

    // The new link works; once verified, nothing more is sent.
    let token = token_from_outbox(&env, "ada@example.com", "/verify-email");
    let answer = post(&app, "/v1/auth/verify-email", json!({"token": token})).await;
    assert_eq!(answer.status, StatusCode::OK);
    post(
        &app,
        "/v1/auth/resend-verification",
        json!({"email": "ada@example.com"}),
    )
    .await;
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 2);
}

#[tokio::test]
async fn login_answers_a_token_pair_and_me_the_profile() {
    let env = TestEnv::new();
    let app = app(&env);
    let body = signup(&app, "ada@example.com").await;
    let answer = login(&app, "Ada@Example.com", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.headers["cache-control"], "no-store");
    assert_eq!(answer.body["token_type"], "Bearer");
    assert_eq!(answer.body["expires_in"], 900);
    assert_eq!(answer.body["refresh_token"].as_str().unwrap().len(), 43);
    assert_eq!(answer.body["user"], body["user"]);

    let access = answer.body["access_token"].as_str().unwrap();
    let claims = env.ctx.jwt.verify_at(access, env.ctx.now()).unwrap();
    assert_eq!(claims.sub, body["user"]["id"].as_str().unwrap());
    assert_eq!(claims.exp - claims.iat, 900);

    let me = get(&app, "/v1/auth/me", Some(access)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body, body["user"]);
    let keys: Vec<&String> = me.body.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "account_id",
            "email",
            "email_verified",
            "first_name",
            "id",
            "last_name",
            "role"
        ]
    );
}

#[tokio::test]
async fn me_needs_a_valid_access_token() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let access = login(&app, "ada@example.com", PASSWORD).await.body["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        get(&app, "/v1/auth/me", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&app, "/v1/auth/me", Some("x.y.z")).await.status,
        StatusCode::UNAUTHORIZED
    );
    env.clock.advance(Duration::minutes(16));
    let expired = get(&app, "/v1/auth/me", Some(&access)).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.body["code"], "invalid_token");
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_401() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let wrong = login(&app, "ada@example.com", "wrong-password-1").await;
    let unknown = login(&app, "nobody@example.com", PASSWORD).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body["code"], "invalid_credentials");
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("request_id");
        v
    };
    assert_eq!(strip(wrong.body), strip(unknown.body));
}

#[tokio::test]
async fn five_failures_throttle_the_email_for_15_minutes_even_with_the_right_password() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    for _ in 0..5 {
        let answer = login(&app, "ada@example.com", "wrong-password-1").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        env.clock.advance(Duration::seconds(60));
    }
    // The first failure was 5 minutes ago: it leaves the window in 10.
    let answer = login(&app, "ADA@example.com", PASSWORD).await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.body["code"], "too_many_attempts");
    assert_eq!(answer.headers["retry-after"], "600");

    env.clock.advance(Duration::seconds(599));
    assert_eq!(
        login(&app, "ada@example.com", PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    env.clock.advance(Duration::seconds(1));
    assert_eq!(
        login(&app, "ada@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn refresh_rotates_and_a_replay_revokes_the_whole_session() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let first = login(&app, "ada@example.com", PASSWORD).await.body["refresh_token"].clone();
    let answer = post(&app, "/v1/auth/refresh", json!({"refresh_token": first})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.headers["cache-control"], "no-store");
    let second = answer.body["refresh_token"].clone();
    assert_ne!(first, second);
    let access = answer.body["access_token"].as_str().unwrap();
    assert_eq!(
        get(&app, "/v1/auth/me", Some(access)).await.status,
        StatusCode::OK
    );

    let replay = post(&app, "/v1/auth/refresh", json!({"refresh_token": first})).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
    assert_eq!(replay.body["code"], "invalid_token");
    let after = post(&app, "/v1/auth/refresh", json!({"refresh_token": second})).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);

    // Another session of the same user is untouched.
    let other = login(&app, "ada@example.com", PASSWORD).await.body["refresh_token"].clone();
    let answer = post(&app, "/v1/auth/refresh", json!({"refresh_token": other})).await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn logout_is_204_and_kills_the_refresh_token() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let token = login(&app, "ada@example.com", PASSWORD).await.body["refresh_token"].clone();
    let out = post(&app, "/v1/auth/logout", json!({"refresh_token": token})).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let again = post(&app, "/v1/auth/logout", json!({"refresh_token": token})).await;
    assert_eq!(again.status, StatusCode::NO_CONTENT);
    let unknown = post(&app, "/v1/auth/logout", json!({"refresh_token": "nope"})).await;
    assert_eq!(unknown.status, StatusCode::NO_CONTENT);
    let refresh = post(&app, "/v1/auth/refresh", json!({"refresh_token": token})).await;
    assert_eq!(refresh.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn refresh_tokens_expire_after_30_days_unless_exchanged() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let token = login(&app, "ada@example.com", PASSWORD).await.body["refresh_token"].clone();
    env.clock.advance(Duration::days(29));
    let answer = post(&app, "/v1/auth/refresh", json!({"refresh_token": token})).await;
    assert_eq!(answer.status, StatusCode::OK);
    let next = answer.body["refresh_token"].clone();
    // Each exchange starts a fresh 30 days.
    env.clock.advance(Duration::days(29));
    let answer = post(&app, "/v1/auth/refresh", json!({"refresh_token": next})).await;
    assert_eq!(answer.status, StatusCode::OK);
    let last = answer.body["refresh_token"].clone();
    env.clock.advance(Duration::days(30));
    let answer = post(&app, "/v1/auth/refresh", json!({"refresh_token": last})).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn forgot_password_is_the_same_202_for_known_and_unknown_addresses() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let known = post(
        &app,
        "/v1/auth/forgot-password",
        json!({"email": "ada@example.com"}),
    )
    .await;
    let unknown = post(
        &app,
        "/v1/auth/forgot-password",
        json!({"email": "bob@example.com"}),
    )
    .await;
    assert_eq!(known.status, StatusCode::ACCEPTED);
    assert_eq!(unknown.status, StatusCode::ACCEPTED);
    assert_eq!(known.body, unknown.body);
    let mail = env.embedded.outbox.list().unwrap();
    assert_eq!(mail.len(), 2);
    assert!(
        mail[1]
            .text
            .contains("http://127.0.0.1:3000/reset-password?token=")
    );
}

#[tokio::test]
async fn reset_password_changes_it_once_and_ends_every_session() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let session = login(&app, "ada@example.com", PASSWORD).await.body["refresh_token"].clone();
    post(
        &app,
        "/v1/auth/forgot-password",
        json!({"email": "ada@example.com"}),
    )
    .await;
    let token = token_from_outbox(&env, "ada@example.com", "/reset-password");

    let weak = post(
        &app,
        "/v1/auth/reset-password",
        json!({"token": token, "password": "weakweakweak"}),
    )
    .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&weak.body), ["password"]);

    let new_password = "a-new-password-7";
    let answer = post(
        &app,
        "/v1/auth/reset-password",
        json!({"token": token, "password": new_password}),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let again = post(
        &app,
        "/v1/auth/reset-password",
        json!({"token": token, "password": "another-one-8"}),
    )
    .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.body["code"], "invalid_token");

    assert_eq!(
        login(&app, "ada@example.com", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "ada@example.com", new_password).await.status,
        StatusCode::OK
    );
    let refresh = post(&app, "/v1/auth/refresh", json!({"refresh_token": session})).await;
    assert_eq!(refresh.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_reset_link_expires_after_30_minutes_and_is_no_verification_link() {
    let env = TestEnv::new();
    let app = app(&env);
    signup(&app, "ada@example.com").await;
    let verify = token_from_outbox(&env, "ada@example.com", "/verify-email");
    let wrong_kind = post(
        &app,
        "/v1/auth/reset-password",
        json!({"token": verify, "password": "a-new-password-7"}),
    )
    .await;
    assert_eq!(wrong_kind.status, StatusCode::BAD_REQUEST);

    post(
        &app,
        "/v1/auth/forgot-password",
        json!({"email": "ada@example.com"}),
    )
    .await;
    let token = token_from_outbox(&env, "ada@example.com", "/reset-password");
    let as_verify = post(&app, "/v1/auth/verify-email", json!({"token": token})).await;
    assert_eq!(as_verify.status, StatusCode::BAD_REQUEST);
    env.clock.advance(Duration::minutes(30));
    let late = post(
        &app,
        "/v1/auth/reset-password",
        json!({"token": token, "password": "a-new-password-7"}),
    )
    .await;
    assert_eq!(late.status, StatusCode::BAD_REQUEST);
    assert_eq!(late.body["code"], "invalid_token");
}

#[tokio::test]
async fn the_openapi_parts_describe_every_route() {
    let (_, api) = uome_auth::api().split_for_parts();
    let paths: Vec<&String> = api.paths.paths.keys().collect();
    for path in [
        "/v1/auth/signup",
        "/v1/auth/verify-email",
        "/v1/auth/resend-verification",
        "/v1/auth/login",
        "/v1/auth/refresh",
        "/v1/auth/logout",
        "/v1/auth/forgot-password",
        "/v1/auth/reset-password",
        "/v1/auth/me",
    ] {
        assert!(
            api.paths.paths.contains_key(path),
            "{path} missing from {paths:?}"
        );
    }
}

fn event(name: &str) -> lambda_http::Request {
    let path = format!("{}/../../events/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    lambda_http::request::from_str(&text).unwrap()
}

fn into_axum(request: lambda_http::Request) -> http::Request<Body> {
    let (parts, body) = request.into_parts();
    http::Request::from_parts(parts, Body::from(body.to_vec()))
}

#[tokio::test]
async fn the_login_event_is_401_on_an_empty_store_and_200_after_signup() {
    let env = TestEnv::new();
    let app = app(&env);
    let answer = call(&app, into_axum(event("auth-login.json"))).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.headers["x-request-id"], "evt-login-1");
    assert_eq!(answer.body["code"], "invalid_credentials");

    signup(&app, "ada@example.com").await;
    let answer = call(&app, into_axum(event("auth-login.json"))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["user"]["email"], "ada@example.com");
}

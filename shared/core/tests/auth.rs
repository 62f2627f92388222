//! The auth use cases of `uome_core::auth` called directly, over the
//! embedded adapters with a fixed clock: races, expiry, rotation, throttle
//! windows and the unknown-email path.

mod kit;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::Duration;
use kit::Kit;
use kit::fixtures::PASSWORD;
use uome_core::auth::throttle::LOGIN_FAILURES;
use uome_core::auth::{self, LoginInput, SignupInput, Text};
use uome_core::keys::{account_key, login_key, session_prefix};
use uome_core::ports::{Email, MailError, Mailer, Ports, Query, SortKey};
use uome_core::{CoreError, ServiceConfig};

fn input(email: &str) -> SignupInput {
    SignupInput {
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        email: email.into(),
        password: PASSWORD.into(),
        company_name: Text::Missing,
    }
}

fn credentials(email: &str, password: &str) -> LoginInput {
    LoginInput {
        email: email.into(),
        password: password.into(),
    }
}

fn code(err: &CoreError) -> String {
    match err {
        CoreError::BadRequest { code, .. }
        | CoreError::Unauthorized { code }
        | CoreError::Conflict { code, .. }
        | CoreError::TooManyRequests { code, .. } => code.to_string(),
        other => format!("{other:?}"),
    }
}

async fn signed_up(env: &Kit, email: &str) -> auth::SignedUp {
    auth::signup(&env.ports, &env.service, input(email))
        .await
        .unwrap()
}

fn last_token(env: &Kit, path: &str) -> Text {
    kit::outbox::token_from_outbox(&env.embedded.outbox, "ada@example.com", path).into()
}

#[tokio::test]
async fn a_verification_token_is_single_use_under_a_race() {
    let env = Kit::new();
    signed_up(&env, "ada@example.com").await;
    let token = last_token(&env, "/verify-email");
    let ports = &env.ports;
    let (a, b) = tokio::join!(
        auth::verify_email(ports, &token),
        auth::verify_email(ports, &token)
    );
    assert!(a.is_ok() != b.is_ok(), "exactly one wins: {a:?} {b:?}");
    let loser = a.err().or(b.err()).unwrap();
    assert_eq!(code(&loser), "invalid_token");
}

#[tokio::test]
async fn verification_sets_both_the_user_and_the_account() {
    let env = Kit::new();
    let done = signed_up(&env, "ada@example.com").await;
    assert!(done.verification_email_sent);
    let user = auth::verify_email(&env.ports, &last_token(&env, "/verify-email"))
        .await
        .unwrap();
    assert!(user.email_verified);
    let account = uome_core::accounts::load_account(env.ports.table.as_ref(), &done.account.id)
        .await
        .unwrap();
    assert!(account.email_verified);
    let me = auth::me(&env.ports, &done.account.id, &done.user.id)
        .await
        .unwrap();
    assert!(me.email_verified);
}

#[tokio::test]
async fn email_tokens_expire_with_the_clock() {
    let env = Kit::new();
    signed_up(&env, "ada@example.com").await;
    let verify = last_token(&env, "/verify-email");
    env.clock
        .advance(Duration::hours(24) - Duration::seconds(1));
    // Still valid one second before the end ...
    auth::forgot_password(&env.ports, &env.service, &"ada@example.com".into())
        .await
        .unwrap();
    let reset = last_token(&env, "/reset-password");
    auth::verify_email(&env.ports, &verify).await.unwrap();
    // ... and a reset link lasts 30 minutes.
    env.clock.advance(Duration::minutes(30));
    let late = auth::reset_password(
        &env.ports,
        auth::ResetInput {
            token: reset,
            password: "a-new-password-7".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(code(&late), "invalid_token");
}

#[tokio::test]
async fn rotation_then_replay_revokes_the_family() {
    let env = Kit::new();
    signed_up(&env, "ada@example.com").await;
    let ports = &env.ports;
    let first = auth::login(ports, credentials("ada@example.com", PASSWORD))
        .await
        .unwrap();
    let t1: Text = first.refresh.token.clone().into();
    let second = auth::refresh(ports, &t1).await.unwrap();
    assert_eq!(second.refresh.session_id, first.refresh.session_id);
    let t2: Text = second.refresh.token.clone().into();
    let third = auth::refresh(ports, &t2).await.unwrap();
    let t3: Text = third.refresh.token.clone().into();

    // t1 again: stolen. The family dies, the newest token with it.
    assert_eq!(
        code(&auth::refresh(ports, &t1).await.unwrap_err()),
        "invalid_token"
    );
    assert_eq!(
        code(&auth::refresh(ports, &t3).await.unwrap_err()),
        "invalid_token"
    );
    assert_eq!(
        code(&auth::refresh(ports, &t2).await.unwrap_err()),
        "invalid_token"
    );
}

#[tokio::test]
async fn two_refreshes_with_one_token_at_once_give_one_new_token() {
    let env = Kit::new();
    signed_up(&env, "ada@example.com").await;
    let ports = &env.ports;
    let first = auth::login(ports, credentials("ada@example.com", PASSWORD))
        .await
        .unwrap();
    let token: Text = first.refresh.token.into();
    let (a, b) = tokio::join!(auth::refresh(ports, &token), auth::refresh(ports, &token));
    // Either both read the token as active and the version check lets one
    // commit, or they ran one after the other and the second was a replay:
    // exactly one new token either way, never two live ones.
    assert!(a.is_ok() != b.is_ok(), "{a:?} {b:?}");
    let loser = a.as_ref().err().or(b.as_ref().err()).unwrap();
    assert_eq!(code(loser), "invalid_token");
}

#[tokio::test]
async fn a_password_reset_revokes_every_session() {
    let env = Kit::new();
    let done = signed_up(&env, "ada@example.com").await;
    let ports = &env.ports;
    let mut tokens = Vec::new();
    for _ in 0..3 {
        let signed_in = auth::login(ports, credentials("ada@example.com", PASSWORD))
            .await
            .unwrap();
        tokens.push(Text::from(signed_in.refresh.token));
    }
    auth::forgot_password(ports, &env.service, &"ada@example.com".into())
        .await
        .unwrap();
    auth::reset_password(
        ports,
        auth::ResetInput {
            token: last_token(&env, "/reset-password"),
            password: "a-new-password-7".into(),
        },
    )
    .await
    .unwrap();
    for token in &tokens {
        assert_eq!(
            code(&auth::refresh(ports, token).await.unwrap_err()),
            "invalid_token"
        );
    }
    let sessions = ports
        .table
        .query(
            &Query::partition(uome_core::keys::account_pk(&done.account.id), 100)
                .sk(SortKey::BeginsWith(session_prefix(&done.user.id))),
        )
        .await
        .unwrap();
    assert_eq!(sessions.items.len(), 3);
    assert!(sessions.items.iter().all(|s| s.data["revoked"] == true));
}

#[tokio::test]
async fn the_throttle_window_slides_with_the_clock() {
    let env = Kit::new();
    let ports = &env.ports;
    let email = "Ada@Example.com";
    for minute in 0..6 {
        assert_eq!(
            LOGIN_FAILURES.retry_after(ports, email).await.unwrap(),
            None,
            "{minute}"
        );
        LOGIN_FAILURES.record(ports, email).await.unwrap();
        if minute < 4 {
            env.clock.advance(Duration::minutes(2));
        } else {
            break;
        }
    }
    // Failures at 0, 2, 4, 6, 8 min; now is 8 min: the one at 0 leaves at 15.
    assert_eq!(
        LOGIN_FAILURES
            .retry_after(ports, "ada@example.com")
            .await
            .unwrap(),
        Some(7 * 60)
    );
    LOGIN_FAILURES.record(ports, email).await.unwrap();
    // Six on record: the count drops below five when the one at 2 min leaves.
    assert_eq!(
        LOGIN_FAILURES.retry_after(ports, email).await.unwrap(),
        Some(9 * 60)
    );
    env.clock.advance(Duration::minutes(9));
    assert_eq!(
        LOGIN_FAILURES.retry_after(ports, email).await.unwrap(),
        None
    );
    LOGIN_FAILURES.clear(ports, email).await.unwrap();
    env.clock.advance(Duration::minutes(-9));
    assert_eq!(
        LOGIN_FAILURES.retry_after(ports, email).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn unknown_emails_verify_a_dummy_hash_and_count_as_failures() {
    let env = Kit::new();
    let ports = &env.ports;
    for _ in 0..5 {
        let err = auth::login(ports, credentials("ghost@example.com", PASSWORD))
            .await
            .unwrap_err();
        assert_eq!(code(&err), "invalid_credentials");
    }
    // Throttled like a real account, so a 429 says nothing about existence.
    let err = auth::login(ports, credentials("ghost@example.com", PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "too_many_attempts");
    assert!(matches!(
        err,
        CoreError::TooManyRequests {
            retry_after_secs: 900,
            ..
        }
    ));
    assert!(
        !auth::password::verify_password(PASSWORD.into(), None)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn a_successful_login_forgets_earlier_failures() {
    let env = Kit::new();
    signed_up(&env, "ada@example.com").await;
    let ports = &env.ports;
    for _ in 0..4 {
        auth::login(ports, credentials("ada@example.com", "wrong-password-1"))
            .await
            .unwrap_err();
    }
    auth::login(ports, credentials("ada@example.com", PASSWORD))
        .await
        .unwrap();
    for _ in 0..4 {
        auth::login(ports, credentials("ada@example.com", "wrong-password-1"))
            .await
            .unwrap_err();
    }
    auth::login(ports, credentials("ada@example.com", PASSWORD))
        .await
        .unwrap();
}

/// A mailer that is down.
struct DownMailer;

#[async_trait]
impl Mailer for DownMailer {
    async fn send(&self, _: &Email) -> Result<String, MailError> {
        Err(MailError::Backend {
            code: "ServiceUnavailable".into(),
            message: "down".into(),
        })
    }
}

#[tokio::test]
async fn sign_up_survives_a_mail_outage_and_the_link_can_be_asked_for_again() {
    let env = Kit::new();
    let down = Ports {
        mailer: Arc::new(DownMailer),
        ..env.ports.clone()
    };
    let service: &ServiceConfig = &env.service;
    let done = auth::signup(&down, service, input("ada@example.com"))
        .await
        .unwrap();
    assert!(!done.verification_email_sent);
    assert!(
        env.ports
            .table
            .get(&account_key(&done.account.id))
            .await
            .unwrap()
            .is_some()
    );
    assert!(env.embedded.outbox.list().unwrap().is_empty());

    auth::resend_verification(&env.ports, service, &"ada@example.com".into())
        .await
        .unwrap();
    auth::verify_email(&env.ports, &last_token(&env, "/verify-email"))
        .await
        .unwrap();
}

#[tokio::test]
async fn emails_on_request_are_capped_per_address() {
    let env = Kit::new();
    signed_up(&env, "ada@example.com").await;
    for _ in 0..8 {
        auth::forgot_password(&env.ports, &env.service, &"ada@example.com".into())
            .await
            .unwrap();
    }
    // One verification email from sign-up, then five reset emails.
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 6);
    env.clock.advance(Duration::hours(1));
    auth::forgot_password(&env.ports, &env.service, &"ada@example.com".into())
        .await
        .unwrap();
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 7);
}

#[tokio::test]
async fn a_rejected_sign_up_writes_nothing() {
    let env = Kit::new();
    let done = signed_up(&env, "ada@example.com").await;
    let err = auth::signup(&env.ports, &env.service, input("ADA@example.com"))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "email_taken");
    // The first sign-up's login is untouched.
    let login = env
        .ports
        .table
        .get(&login_key("ada@example.com"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(login.data["user_id"], done.user.id.as_str());
    assert_eq!(login.version, 1);
}

//! The `web` function's pages inside the shared stack, driven with
//! `oneshot`: the token exchange and its cookie, the session's limits
//! (another contact's document, sign-out, a revoked token), CSRF, the
//! security headers, forms sent twice and concurrently, and the route list
//! the SAM template is checked against. The browser tests
//! (tests/browser) click the same pages in Chromium.

use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Method, StatusCode};
use serde_json::{Value, json};
use uome_testkit::TestEnv;
use uome_testkit::owner::Owner;
use uome_testkit::requests::{call, send_raw};

struct World {
    env: TestEnv,
    web: Router,
    business: Router,
    owner: Owner,
}

async fn world() -> World {
    let env = TestEnv::new();
    let web = env.app_router(uome_web::router());
    let business = env.app(
        uome_contacts::api()
            .merge(uome_quotes::api())
            .merge(uome_invoices::api())
            .merge(uome_catalogue::api())
            .merge(uome_account::api())
            .merge(uome_orders::api()),
    );
    let owner = env.owner(true).await;
    World {
        env,
        web,
        business,
        owner,
    }
}

impl World {
    async fn api(&self, method: Method, uri: &str, body: Option<Value>) -> Value {
        let (status, answer) = call(&self.business, method, uri, &self.owner, body).await;
        assert!(status.is_success(), "{uri}: {status} {answer}");
        answer
    }

    async fn contact(&self, name: &str) -> Value {
        self.api(
            Method::POST,
            "/v1/contacts",
            Some(json!({"company_name": name, "email": format!("{}@example.com", name.to_lowercase()),
                        "roles": ["customer"]})),
        )
        .await
    }

    async fn portal_token(&self, contact: &Value) -> String {
        let issued = self
            .api(
                Method::POST,
                &format!(
                    "/v1/contacts/{}/portal-token",
                    contact["id"].as_str().unwrap()
                ),
                None,
            )
            .await;
        issued["token"].as_str().unwrap().to_string()
    }

    async fn sent_quote(&self, contact: &Value) -> Value {
        let quote = self
            .api(
                Method::POST,
                "/v1/quotes",
                Some(json!({"contact_id": contact["id"], "lines": [
                    {"description": "Garden design", "quantity": "3", "unit_price": "120.00"}]})),
            )
            .await;
        let id = quote["id"].as_str().unwrap();
        self.api(
            Method::POST,
            &format!("/v1/quotes/{id}/send"),
            Some(json!({})),
        )
        .await
    }

    /// `GET /portal?token=…`: the session cookie (`name=value`).
    async fn enter(&self, token: &str) -> String {
        let (status, headers, _) = self
            .page(Method::GET, &format!("/portal?token={token}"), None, None)
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        session_cookie(&headers)
    }

    async fn page(
        &self,
        method: Method,
        uri: &str,
        cookie: Option<&str>,
        form: Option<String>,
    ) -> (StatusCode, HeaderMap, String) {
        self.page_with(method, uri, cookie, form, &[]).await
    }

    async fn page_with(
        &self,
        method: Method,
        uri: &str,
        cookie: Option<&str>,
        form: Option<String>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, HeaderMap, String) {
        let mut builder = http::Request::builder().method(method).uri(uri);
        if let Some(cookie) = cookie {
            builder = builder.header("cookie", cookie);
        }
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request = match form {
            Some(form) => builder
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form)),
            None => builder.body(Body::empty()),
        }
        .unwrap();
        let (status, headers, bytes) = send_raw(&self.web, request).await;
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }
}

/// The `name=value` of the session cookie an answer sets.
fn session_cookie(headers: &HeaderMap) -> String {
    let set = headers["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

/// The value of the first hidden input `name` in `html`.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn the_token_becomes_a_strict_http_only_cookie_and_leaves_the_url() {
    let w = world().await;
    let contact = w.contact("Acme").await;
    let token = w.portal_token(&contact).await;
    let (status, headers, _) = w
        .page(Method::GET, &format!("/portal?token={token}"), None, None)
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers["location"], "/portal");
    let cookie = headers["set-cookie"].to_str().unwrap();
    for attribute in [
        "uome_portal=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/portal",
        "Max-Age=",
    ] {
        assert!(
            cookie.contains(attribute),
            "{attribute} missing in {cookie}"
        );
    }
    // The test env's public URL is plain http: a Secure cookie would be dropped.
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert!(
        !cookie.contains(&token),
        "the cookie must not hold the token"
    );

    let session = w.enter(&token).await;
    let (status, headers, html) = w.page(Method::GET, "/portal", Some(&session), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Hello, Acme"), "{html}");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'")
    );
    assert!(
        !headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src")
    );
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(!html.contains("<script"), "no script on any page");
}

#[tokio::test]
async fn bad_tokens_and_missing_sessions_are_pages_not_problems() {
    let w = world().await;
    for uri in [
        "/portal?token=nope",
        "/portal",
        "/portal/address",
        "/portal/catalogue",
    ] {
        let (status, headers, html) = w.page(Method::GET, uri, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{uri}"
        );
        assert!(html.contains("This link has expired"), "{uri}");
    }
    let (status, _, _) = w
        .page(Method::GET, "/portal", Some("uome_portal=forged"), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // A navigation from another site arrives without the Strict cookie: the
    // page reloads itself from this site instead of signing the client out.
    let (status, headers, _) = w
        .page_with(
            Method::GET,
            "/portal",
            None,
            None,
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["refresh"], "0; url=/portal");
}

#[tokio::test]
async fn a_session_sees_only_its_own_contacts_documents() {
    let w = world().await;
    let mine = w.contact("Mine").await;
    let theirs = w.contact("Theirs").await;
    let my_quote = w.sent_quote(&mine).await;
    let their_quote = w.sent_quote(&theirs).await;
    let session = w.enter(&w.portal_token(&mine).await).await;

    let (status, _, html) = w
        .page(
            Method::GET,
            &format!("/portal/quotes/{}", my_quote["id"].as_str().unwrap()),
            Some(&session),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Garden design"));
    for uri in [
        format!("/portal/quotes/{}", their_quote["id"].as_str().unwrap()),
        format!("/portal/quotes/{}/pdf", their_quote["id"].as_str().unwrap()),
        format!("/portal/invoices/{}", their_quote["id"].as_str().unwrap()),
        "/portal/quotes/not-a-uuid".to_string(),
    ] {
        let (status, headers, _) = w.page(Method::GET, &uri, Some(&session), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
    // Another account's owner cannot use the page session's forms either.
    let (status, _, _) = w
        .page(
            Method::POST,
            &format!(
                "/portal/quotes/{}/approve",
                their_quote["id"].as_str().unwrap()
            ),
            Some(&session),
            Some("csrf=x".into()),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn forms_need_the_sessions_csrf_token_and_approving_twice_at_once_makes_one_invoice() {
    let w = world().await;
    let contact = w.contact("Acme").await;
    let quote = w.sent_quote(&contact).await;
    let id = quote["id"].as_str().unwrap();
    let session = w.enter(&w.portal_token(&contact).await).await;
    let (_, _, html) = w
        .page(
            Method::GET,
            &format!("/portal/quotes/{id}"),
            Some(&session),
            None,
        )
        .await;
    let csrf = hidden(&html, "csrf");

    for form in [
        None,
        Some("csrf=".to_string()),
        Some("csrf=AAAA".to_string()),
    ] {
        let (status, _, _) = w
            .page(
                Method::POST,
                &format!("/portal/quotes/{id}/approve"),
                Some(&session),
                form,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let unchanged = w.api(Method::GET, &format!("/v1/quotes/{id}"), None).await;
    assert_eq!(unchanged["status"], "sent");

    let uri = format!("/portal/quotes/{id}/approve");
    let form = format!("csrf={csrf}");
    let (a, b) = tokio::join!(
        w.page(Method::POST, &uri, Some(&session), Some(form.clone())),
        w.page(Method::POST, &uri, Some(&session), Some(form.clone())),
    );
    assert_eq!((a.0, b.0), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    assert_eq!(a.1["location"], "/portal?done=approved");
    let approved = w.api(Method::GET, &format!("/v1/quotes/{id}"), None).await;
    assert_eq!(approved["status"], "approved");
    let invoices = w.api(Method::GET, "/v1/invoices", None).await;
    assert_eq!(invoices["data"].as_array().unwrap().len(), 1, "{invoices}");
}

#[tokio::test]
async fn sign_out_and_a_revoked_token_end_the_session() {
    let w = world().await;
    let contact = w.contact("Acme").await;
    let token = w.portal_token(&contact).await;
    let session = w.enter(&token).await;
    let (_, _, html) = w.page(Method::GET, "/portal", Some(&session), None).await;
    let csrf = hidden(&html, "csrf");
    let (status, headers, _) = w
        .page(
            Method::POST,
            "/portal/sign-out",
            Some(&session),
            Some(format!("csrf={csrf}")),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let (status, _, _) = w.page(Method::GET, "/portal", Some(&session), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // A second session from the same link ends when the business revokes it.
    let again = w.enter(&token).await;
    let (status, _, _) = w.page(Method::GET, "/portal", Some(&again), None).await;
    assert_eq!(status, StatusCode::OK);
    let id = contact["id"].as_str().unwrap();
    let (status, _) = call(
        &w.business,
        Method::DELETE,
        &format!("/v1/contacts/{id}/portal-token"),
        &w.owner,
        None,
    )
    .await;
    assert!(status.is_success(), "{status}");
    let (status, _, _) = w.page(Method::GET, "/portal", Some(&again), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_session_expires_with_its_token() {
    let w = world().await;
    let contact = w.contact("Acme").await;
    let session = w.enter(&w.portal_token(&contact).await).await;
    w.env.clock.advance(chrono::Duration::days(31));
    let (status, _, _) = w.page(Method::GET, "/portal", Some(&session), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_order_form_sent_twice_at_once_places_one_order() {
    let w = world().await;
    w.api(
        Method::PUT,
        "/v1/account/settings/purchase-orders",
        Some(json!({"status": "A"})),
    )
    .await;
    let item = w
        .api(
            Method::POST,
            "/v1/items",
            Some(json!({"name": "Firewood", "sales_price": "95.00"})),
        )
        .await;
    let contact = w.contact("Acme").await;
    let session = w.enter(&w.portal_token(&contact).await).await;
    let (status, _, html) = w
        .page(Method::GET, "/portal/catalogue", Some(&session), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let form = format!(
        "csrf={}&once={}&qty_{}=2&notes=",
        hidden(&html, "csrf"),
        hidden(&html, "once"),
        item["id"].as_str().unwrap()
    );
    let (a, b) = tokio::join!(
        w.page(
            Method::POST,
            "/portal/orders",
            Some(&session),
            Some(form.clone())
        ),
        w.page(
            Method::POST,
            "/portal/orders",
            Some(&session),
            Some(form.clone())
        ),
    );
    let statuses = [a.0, b.0];
    assert!(statuses.contains(&StatusCode::SEE_OTHER), "{statuses:?}");
    // The loser either finds the finished claim (303) or one still running (409).
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::SEE_OTHER || *s == StatusCode::CONFLICT)
    );
    let (status, _, _) = w
        .page(Method::POST, "/portal/orders", Some(&session), Some(form))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let orders = w.api(Method::GET, "/v1/orders", None).await;
    assert_eq!(orders["data"].as_array().unwrap().len(), 1, "{orders}");
    assert_eq!(orders["data"][0]["total"], "190.00");

    // No quantity: the page says so and nothing is placed.
    let empty = format!(
        "csrf={}&once=fresh-value&qty_{}=",
        hidden(&html, "csrf"),
        item["id"].as_str().unwrap()
    );
    let (status, _, html) = w
        .page(Method::POST, "/portal/orders", Some(&session), Some(empty))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("at least one item"));
}

#[tokio::test]
async fn the_reset_form_checks_its_csrf_token_and_the_repeated_password() {
    let w = world().await;
    let (status, _, html) = w
        .page(Method::GET, "/reset-password?token=abc", None, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let csrf = hidden(&html, "csrf");
    let reset = |form: String| w.page(Method::POST, "/reset-password", None, Some(form));
    let (status, _, _) = reset("token=abc&csrf=bad&password=x&confirm=x".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, html) = reset(format!(
        "token=abc&csrf={csrf}&password=long+enough+1&confirm=other+one+22"
    ))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("does not match"));
    // A token nobody issued: the page says the link cannot be used.
    let (status, _, html) = reset(format!(
        "token=abc&csrf={csrf}&password=long+enough+1&confirm=long+enough+1"
    ))
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("cannot be used"));
    let (status, _, _) = w
        .page(Method::GET, "/verify-email?token=unknown", None, None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn every_listed_route_is_served() {
    let w = world().await;
    let id = "00000000-0000-7000-8000-000000000000";
    for (method, path) in uome_web::routes() {
        let uri = path.replace("{id}", id);
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let (status, _, _) = w
            .page(method.clone(), &uri, None, Some(String::new()))
            .await;
        assert_ne!(status, StatusCode::NOT_FOUND, "{method} {uri}");
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
    }
}

/// A sample API Gateway v2 event from `events/`, placeholders replaced,
/// as `lambda_http` turns it into a request (cookies come in the event's
/// `cookies` array, not a header).
fn sample_event(name: &str, replace: &[(&str, &str)]) -> http::Request<Body> {
    let path = format!("{}/../../events/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in replace {
        text = text.replace(from, to);
    }
    let request = lambda_http::request::from_str(&text).unwrap();
    let (parts, body) = request.into_parts();
    http::Request::from_parts(parts, Body::from(body.to_vec()))
}

#[tokio::test]
async fn sample_events_exchange_the_token_and_approve_with_the_cookie() {
    let w = world().await;
    let contact = w.contact("Acme").await;
    let quote = w.sent_quote(&contact).await;
    let token = w.portal_token(&contact).await;
    let (status, headers, _) = send_raw(
        &w.web,
        sample_event("web-portal-token.json", &[("PORTAL_TOKEN", &token)]),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers["x-request-id"], "evt-web-portal-1");
    let session = session_cookie(&headers);
    let session_id = session.trim_start_matches("uome_portal=");
    let (_, _, html) = w.page(Method::GET, "/portal", Some(&session), None).await;
    let id = quote["id"].as_str().unwrap();
    let (status, headers, _) = send_raw(
        &w.web,
        sample_event(
            "web-quote-approve.json",
            &[
                ("QUOTE_ID", id),
                ("SESSION_ID", session_id),
                ("CSRF_TOKEN", &hidden(&html, "csrf")),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers["location"], "/portal?done=approved");
    let approved = w.api(Method::GET, &format!("/v1/quotes/{id}"), None).await;
    assert_eq!(approved["status"], "approved");
}

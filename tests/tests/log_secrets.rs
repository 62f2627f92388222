//! The logs of a whole flow, as Lambda writes them (issue 17): every line
//! is one JSON object, each request has exactly one line with its request
//! id, account id, route template, status, latency and table calls, and
//! no line holds any secret the flow used: passwords, access and refresh
//! tokens, the verification and reset tokens, an API client's secret, a
//! portal token, or the text of an email.
//!
//! Its own test binary: it installs the Lambda subscriber as the process's
//! global one, over a buffer.

use reqwest::Method;
use serde_json::{Value, json};
use uome_tests::captured_log::CapturedLog;
use uome_tests::server::TestServer;

async fn post(t: &TestServer, path: &str, body: Value) -> (u16, Value) {
    let response = t.client.post(t.url(path)).json(&body).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The JSON answer of `request`.
async fn json_of(request: reqwest::RequestBuilder) -> Value {
    request.send().await.unwrap().json().await.unwrap()
}

/// A session of ada@example.com with `password`.
async fn login(t: &TestServer, password: &str) -> Value {
    let body = json!({"email": "ada@example.com", "password": password});
    let (status, session) = post(t, "/v1/auth/login", body).await;
    assert_eq!(status, 200, "{session}");
    session
}

/// The token in the newest mail linking to `path`.
async fn token_in_mail(t: &TestServer, path: &str) -> String {
    let outbox = t.outbox().await;
    let text = outbox
        .iter()
        .rev()
        .filter_map(|m| m["text"].as_str())
        .find(|text| text.contains(path))
        .unwrap_or_else(|| panic!("no mail links to {path}"));
    let link = text
        .split_whitespace()
        .find(|w| w.contains("token="))
        .unwrap();
    link.split_once("token=").unwrap().1.to_string()
}

#[tokio::test]
async fn a_whole_flow_logs_one_line_per_request_and_no_secret() {
    let captured = CapturedLog::install();

    let t = TestServer::start().await;
    let mut secrets: Vec<String> = Vec::new();
    let first_password = "first-Secret-pass-731";
    let second_password = "second-Secret-pass-842";
    secrets.extend([first_password.into(), second_password.into()]);

    let (status, created) = post(
        &t,
        "/v1/auth/signup",
        json!({"first_name": "Ada", "last_name": "Lovelace",
        "email": "ada@example.com", "password": first_password, "company_name": "Engines Ltd"}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let verification = token_in_mail(&t, "/verify-email").await;
    assert_eq!(
        post(&t, "/v1/auth/verify-email", json!({"token": verification}))
            .await
            .0,
        200
    );
    secrets.push(verification);

    let session = login(&t, first_password).await;
    let refresh = session["refresh_token"].as_str().unwrap().to_string();
    let (status, rotated) = post(&t, "/v1/auth/refresh", json!({"refresh_token": refresh})).await;
    assert_eq!(status, 200, "{rotated}");
    secrets.extend([
        session["access_token"].as_str().unwrap().to_string(),
        refresh,
        rotated["refresh_token"].as_str().unwrap().to_string(),
    ]);

    assert_eq!(
        post(
            &t,
            "/v1/auth/forgot-password",
            json!({"email": "ada@example.com"})
        )
        .await
        .0,
        202
    );
    let reset = token_in_mail(&t, "/reset-password").await;
    let (status, _) = post(
        &t,
        "/v1/auth/reset-password",
        json!({"token": reset, "password": second_password}),
    )
    .await;
    assert_eq!(status, 200);
    secrets.push(reset);
    let session = login(&t, second_password).await;
    let bearer = session["access_token"].as_str().unwrap().to_string();
    secrets.push(bearer.clone());

    let owner =
        |method: Method, path: &str| t.client.request(method, t.url(path)).bearer_auth(&bearer);
    let client: Value =
        json_of(owner(Method::POST, "/v1/account/api-clients").json(&json!({"name": "Warehouse"})))
            .await;
    let client_secret = client["client_secret"].as_str().unwrap().to_string();
    let profile = t
        .client
        .get(t.url("/v1/account/profile"))
        .header("x-client-id", client["client_id"].as_str().unwrap())
        .header("x-client-secret", &client_secret)
        .send()
        .await
        .unwrap();
    assert_eq!(profile.status(), 200);
    secrets.push(client_secret);

    let contact: Value = json_of(owner(Method::POST, "/v1/contacts")
        .json(&json!({"company_name": "Client Co", "roles": ["customer"], "email": "buyer@client.example"}))).await;
    let contact_id = contact["id"].as_str().unwrap();
    let portal: Value = json_of(owner(
        Method::POST,
        &format!("/v1/contacts/{contact_id}/portal-token"),
    ))
    .await;
    let portal_token = portal["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{portal}"))
        .to_string();
    let me = t
        .client
        .get(t.url("/v1/portal/me"))
        .bearer_auth(&portal_token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    // The web portal's link carries the token in its query string, and the
    // session id it is exchanged for travels in a cookie: neither is logged.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let entered = browser
        .get(t.url(&format!("/portal?token={portal_token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(entered.status(), 303);
    let session = entered.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let page = browser
        .get(t.url("/portal"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    secrets.push(portal_token);
    secrets.push(session.trim_start_matches("uome_portal=").to_string());

    let invoice: Value = json_of(owner(Method::POST, "/v1/invoices")
        .json(&json!({"contact_id": contact_id, "status": "issued",
                      "lines": [{"description": "Consulting", "quantity": 1, "unit_price": "100.00"}]}))).await;
    let message = "Thank you, the garden gnome is in the post (private note 5521).";
    let sent = owner(
        Method::POST,
        &format!("/v1/invoices/{}/send", invoice["id"].as_str().unwrap()),
    )
    .json(&json!({"message": message}))
    .send()
    .await
    .unwrap();
    assert_eq!(sent.status(), 200);
    assert!(
        t.outbox()
            .await
            .iter()
            .any(|m| m["text"].as_str().unwrap_or_default().contains(message))
    );
    secrets.push(message.to_string());

    let log = captured.text();
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let requests: Vec<&Value> = lines.iter().filter(|l| l["message"] == "request").collect();
    // The local-only outbox reads count too; every API call above made one line.
    assert!(
        requests.len() >= 16,
        "{} request lines in:\n{log}",
        requests.len()
    );
    let send = requests
        .iter()
        .find(|l| l["span"]["route"] == "/v1/invoices/{id}/send")
        .unwrap_or_else(|| panic!("no line for the send in:\n{log}"));
    assert_eq!(send["status"], 200);
    assert!(send["latency_ms"].as_f64().unwrap() > 0.0);
    assert!(send["table_calls"].as_u64().unwrap() >= 2, "{send}");
    assert!(
        send["span"]["request_id"]
            .as_str()
            .is_some_and(|id| !id.is_empty()),
        "{send}"
    );
    assert_eq!(
        send["span"]["account_id"], created["account"]["id"],
        "{send}"
    );

    for secret in &secrets {
        assert!(
            !log.contains(secret.as_str()),
            "the log holds a secret ({secret}):\n{log}"
        );
    }
    println!(
        "{} log lines, {} request lines, {} secrets absent; the send's line:\n{send}",
        lines.len(),
        requests.len(),
        secrets.len()
    );
    for line in lines.iter().filter(|l| l["message"] != "request") {
        println!("{line}");
    }
}

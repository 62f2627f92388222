//! The quotes router inside the shared stack, driven with `oneshot`: every
//! route, the problems it answers, the portal's view, the Table calls of
//! create and approve, and the sample API Gateway event pushed through
//! `lambda_http`'s conversion.

use axum::Router;
use axum::body::Body;
use http::{HeaderMap, Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_testkit::TestEnv;

mod support;
use support::{customer, oneup, simple};

fn app(env: &TestEnv) -> Router {
    env.app(uome_quotes::api())
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

async fn send(app: &Router, request: http::Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        bytes,
    }
}

/// A request with a bearer token, optional extra headers and JSON body.
async fn call(
    app: &Router,
    method: Method,
    uri: &str,
    token: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> Answer {
    let mut builder = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {token}"));
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
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
    let mut fields: Vec<String> = problem["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("{problem}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    fields.sort();
    fields
}

#[tokio::test]
async fn sample_event_creates_a_quote() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let contact = customer(&env.ctx.ports, &owner.account_id, "OneUp").await;
    let path = format!(
        "{}/../../events/quotes-create.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut event: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    event["headers"]["authorization"] = json!(owner.bearer());
    let mut body: Value = serde_json::from_str(event["body"].as_str().unwrap()).unwrap();
    body["contact_id"] = json!(contact.id);
    event["body"] = json!(body.to_string());
    let event = event.to_string();
    let app = app(&env);

    let mut answers = Vec::new();
    for _ in 0..2 {
        let request = lambda_http::request::from_str(&event).unwrap();
        let (parts, body) = request.into_parts();
        let request = http::Request::from_parts(parts, Body::from(body.to_vec()));
        answers.push(send(&app, request).await);
    }
    let first = &answers[0];
    let quote = first.json();
    assert_eq!(first.status, StatusCode::CREATED, "{quote}");
    assert_eq!(first.header("x-request-id"), "evt-quotes-create-1");
    assert_eq!(first.header("etag"), "\"1\"");
    assert_eq!(
        first.header("location"),
        format!("/v1/quotes/{}", quote["id"].as_str().unwrap())
    );
    assert_eq!(quote["number"], "QUO-0001");
    assert_eq!(quote["status"], "draft");
    assert_eq!(quote["contact_name"], "OneUp");
    assert_eq!(quote["subtotal"], "1092.30");
    assert_eq!(quote["discount_amount"], "38.23");
    assert_eq!(quote["tax_amount"], "86.13");
    assert_eq!(quote["total"], "1140.20");
    // API.md §2: the 38.23 is split 6.99 + 31.24 and the bases add up to
    // 1092.30 − 38.23.
    assert_eq!(
        quote["tax_breakdown"],
        serde_json::json!([
            {"rate": "0", "base": "192.81", "allowance": "6.99", "tax": "0.00"},
            {"rate": "10", "base": "861.26", "allowance": "31.24", "tax": "86.13"},
        ])
    );
    assert_eq!(quote["lines"].as_array().unwrap().len(), 7);
    assert_eq!(quote["lines"][0]["kind"], "subtitle");
    assert_eq!(quote["lines"][0]["description"], "Apparel");
    assert_eq!(quote["lines"][3]["net"], "892.50");
    assert_eq!(quote["cash_discounts"][0]["amount_payable"], "1117.40");
    // The event carries an Idempotency-Key: its replay is the same answer
    // and no second quote.
    assert_eq!(answers[1].status, StatusCode::CREATED);
    assert_eq!(answers[1].json(), quote);
    let list = call(&app, Method::GET, "/v1/quotes", &owner.token, &[], None).await;
    assert_eq!(list.json()["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_life_of_a_quote_over_http() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let contact = customer(&env.ctx.ports, &owner.account_id, "OneUp").await;
    let app = app(&env);
    let t = owner.token.as_str();

    let created = call(
        &app,
        Method::POST,
        "/v1/quotes",
        t,
        &[],
        Some(oneup(&contact.id)),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let quote = created.json();
    let path = format!("/v1/quotes/{}", quote["id"].as_str().unwrap());

    let got = call(&app, Method::GET, &path, t, &[], None).await;
    assert_eq!((got.status, got.header("etag")), (StatusCode::OK, "\"1\""));
    assert_eq!(got.json(), quote);
    assert_eq!(quote["valid_until"], "2026-12-21");
    assert_eq!(quote["invoice_id"], Value::Null);
    assert_eq!(quote["version"], 1);

    // PUT: stale If-Match, header and body disagreeing, then right.
    let mut changed = simple(&contact.id);
    changed["valid_until"] = json!("2027-01-31");
    let stale = call(
        &app,
        Method::PUT,
        &path,
        t,
        &[("if-match", "\"7\"")],
        Some(changed.clone()),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["code"], "version_conflict");
    assert_eq!(stale.json()["current_version"], 1);
    let mut with_version = changed.clone();
    with_version["version"] = json!(2);
    let mixed = call(
        &app,
        Method::PUT,
        &path,
        t,
        &[("if-match", "1")],
        Some(with_version),
    )
    .await;
    assert_eq!(mixed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let put = call(
        &app,
        Method::PUT,
        &path,
        t,
        &[("if-match", "\"1\"")],
        Some(changed),
    )
    .await;
    assert_eq!((put.status, put.header("etag")), (StatusCode::OK, "\"2\""));
    assert_eq!(put.json()["total"], "120.00");
    assert_eq!(put.json()["valid_until"], "2027-01-31");

    // Send: no body, a JSON note, and a body that is not JSON.
    let sent = call(&app, Method::POST, &format!("{path}/send"), t, &[], None).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.json());
    assert_eq!(sent.json()["status"], "sent");
    assert!(sent.json()["sent_at"].is_string());
    let noted = call(
        &app,
        Method::POST,
        &format!("{path}/send"),
        t,
        &[],
        Some(json!({"message": "Updated prices"})),
    )
    .await;
    assert_eq!(noted.status, StatusCode::OK);
    let mail = env.embedded.outbox.list().unwrap();
    assert_eq!(mail.len(), 2);
    assert!(mail[1].text.contains("Updated prices"));
    assert_eq!(mail[1].attachments[0].file_name, "QUO-0001.pdf");
    let request = http::Request::post(format!("{path}/send"))
        .header("authorization", owner.bearer())
        .header("content-type", "text/plain")
        .body(Body::from("hello"))
        .unwrap();
    assert_eq!(
        send(&app, request).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );

    let pdf = call(&app, Method::GET, &format!("{path}/pdf"), t, &[], None).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert_eq!(
        pdf.header("content-disposition"),
        "inline; filename=\"QUO-0001.pdf\""
    );
    assert!(pdf.bytes.starts_with(b"%PDF"));

    // Remind once, then 429 with Retry-After.
    let remind = call(&app, Method::POST, &format!("{path}/remind"), t, &[], None).await;
    assert_eq!(remind.status, StatusCode::OK);
    assert!(remind.json()["last_reminded_at"].is_string());
    let again = call(&app, Method::POST, &format!("{path}/remind"), t, &[], None).await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(again.json()["code"], "reminder_throttled");
    assert_eq!(again.header("retry-after"), "86400");

    // Approve: the quote and its draft invoice.
    let approved = call(&app, Method::POST, &format!("{path}/approve"), t, &[], None).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.json());
    let answer = approved.json();
    assert_eq!(answer["quote"]["status"], "approved");
    let invoice = &answer["invoice"];
    assert_eq!(answer["quote"]["invoice_id"], invoice["id"]);
    assert_eq!(invoice["number"], "INV-0001");
    assert_eq!(invoice["status"], "draft");
    assert_eq!(invoice["source"], "quote");
    assert_eq!(invoice["source_id"], quote["id"]);
    assert_eq!(invoice["issue_date"], "2026-11-21");
    assert_eq!(invoice["due_date"], "2026-12-05");
    assert_eq!(invoice["total"], "120.00");
    assert_eq!(invoice["amount_due"], "120.00");
    assert_eq!(invoice["amount_paid"], "0.00");
    assert_eq!(
        approved.header("etag"),
        format!("\"{}\"", answer["quote"]["version"])
    );

    let twice = call(&app, Method::POST, &format!("{path}/approve"), t, &[], None).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.json()["code"], "already_approved");
    assert_eq!(twice.json()["invoice_id"], invoice["id"]);
    let reject = call(
        &app,
        Method::POST,
        &format!("{path}/reject"),
        t,
        &[],
        Some(json!({"reason": "late"})),
    )
    .await;
    assert_eq!(reject.status, StatusCode::CONFLICT);
    assert_eq!(reject.json()["current_status"], "approved");
    let delete = call(&app, Method::DELETE, &path, t, &[], None).await;
    assert_eq!(delete.status, StatusCode::CONFLICT);

    // A draft goes away with 204, then 404.
    let draft = call(
        &app,
        Method::POST,
        "/v1/quotes",
        t,
        &[],
        Some(simple(&contact.id)),
    )
    .await;
    let draft_path = format!("/v1/quotes/{}", draft.json()["id"].as_str().unwrap());
    assert_eq!(draft.json()["number"], "QUO-0002");
    let gone = call(
        &app,
        Method::DELETE,
        &draft_path,
        t,
        &[("if-match", "1")],
        None,
    )
    .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let missing = call(&app, Method::GET, &draft_path, t, &[], None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let rejected = call(
        &app,
        Method::POST,
        "/v1/quotes",
        t,
        &[],
        Some(simple(&contact.id)),
    )
    .await;
    assert_eq!(
        rejected.json()["number"],
        "QUO-0003",
        "numbers are not reused"
    );
    let rejected = call(
        &app,
        Method::POST,
        &format!(
            "/v1/quotes/{}/reject",
            rejected.json()["id"].as_str().unwrap()
        ),
        t,
        &[],
        Some(json!({"reason": "Too dear"})),
    )
    .await;
    assert_eq!(rejected.status, StatusCode::OK);
    assert_eq!(rejected.json()["status"], "rejected");
    assert_eq!(rejected.json()["rejection_reason"], "Too dear");
}

#[tokio::test]
async fn problems_over_http() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let contact = customer(&env.ctx.ports, &owner.account_id, "Acme").await;
    let app = app(&env);
    let t = owner.token.as_str();

    let bad = json!({
        "contact_id": contact.id,
        "currency": "ABC",
        "valid_until": "2026-11-01",
        "lines": [
            {"description": "a", "quantity": 0, "unit_price": 1},
            {"description": "b", "unit_price": 1, "tax_rate": 101, "discount_rate": -5}
        ]
    });
    let answer = call(&app, Method::POST, "/v1/quotes", t, &[], Some(bad)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        fields(&answer.json()),
        [
            "currency",
            "lines[0].quantity",
            "lines[1].discount_rate",
            "lines[1].tax_rate",
            "valid_until"
        ]
    );
    let mut mismatch = oneup(&contact.id);
    mismatch["document_total"] = json!("1.00");
    let answer = call(&app, Method::POST, "/v1/quotes", t, &[], Some(mismatch)).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.json()["code"], "total_mismatch");
    let answer = call(
        &app,
        Method::POST,
        "/v1/quotes",
        t,
        &[],
        Some(json!({"contact_id": contact.id, "status": "approved"})),
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "read-only fields are refused"
    );
    let list = call(&app, Method::GET, "/v1/quotes", t, &[], None).await;
    assert_eq!(list.json()["data"], json!([]), "nothing was written");

    let answer = call(
        &app,
        Method::GET,
        "/v1/quotes?month=2026-13&status=lost",
        t,
        &[],
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&answer.json()), ["month", "status"]);
    let answer = call(&app, Method::GET, "/v1/quotes?limit=0", t, &[], None).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let answer = call(&app, Method::GET, "/v1/quotes?cursor=forged", t, &[], None).await;
    assert_eq!(answer.json()["code"], "invalid_cursor");
    let answer = call(&app, Method::GET, "/v1/quotes/not-a-uuid", t, &[], None).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);

    // Another account's quote is 404 on every route.
    let id = call(
        &app,
        Method::POST,
        "/v1/quotes",
        t,
        &[],
        Some(simple(&contact.id)),
    )
    .await
    .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let other = env.owner(true).await;
    for (method, suffix) in [
        (Method::GET, ""),
        (Method::DELETE, ""),
        (Method::POST, "/send"),
        (Method::POST, "/approve"),
        (Method::POST, "/reject"),
        (Method::POST, "/remind"),
        (Method::GET, "/pdf"),
    ] {
        let answer = call(
            &app,
            method,
            &format!("/v1/quotes/{id}{suffix}"),
            &other.token,
            &[],
            None,
        )
        .await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{suffix}");
    }
    let answer = call(
        &app,
        Method::PUT,
        &format!("/v1/quotes/{id}"),
        &other.token,
        &[],
        Some(simple(&contact.id)),
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);

    // An unverified account cannot send: 403, and the quote stays a draft.
    let unverified = env.owner(false).await;
    let theirs = customer(&env.ctx.ports, &unverified.account_id, "Acme").await;
    let created = call(
        &app,
        Method::POST,
        "/v1/quotes",
        &unverified.token,
        &[],
        Some(simple(&theirs.id)),
    )
    .await;
    let path = format!("/v1/quotes/{}", created.json()["id"].as_str().unwrap());
    let answer = call(
        &app,
        Method::POST,
        &format!("{path}/send"),
        &unverified.token,
        &[],
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.json()["code"], "email_unverified");
    let after = call(&app, Method::GET, &path, &unverified.token, &[], None).await;
    assert_eq!(
        (
            after.json()["status"].clone(),
            after.json()["version"].clone()
        ),
        (json!("draft"), json!(1))
    );
}

#[tokio::test]
async fn the_portal_sees_its_own_non_draft_quotes() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let mine = customer(&env.ctx.ports, acc, "Mine").await;
    let theirs = customer(&env.ctx.ports, acc, "Theirs").await;
    let app = app(&env);
    let t = owner.token.as_str();
    let mut ids = Vec::new();
    for contact in [&mine, &mine, &mine, &theirs] {
        let created = call(
            &app,
            Method::POST,
            "/v1/quotes",
            t,
            &[],
            Some(simple(&contact.id)),
        )
        .await;
        ids.push(created.json()["id"].as_str().unwrap().to_string());
    }
    // ids[0] stays a draft; the others are sent.
    for id in &ids[1..] {
        let sent = call(
            &app,
            Method::POST,
            &format!("/v1/quotes/{id}/send"),
            t,
            &[],
            None,
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK);
    }
    let portal = uome_core::portal::issue(&env.ctx.ports, acc, &mine.id)
        .await
        .unwrap()
        .token;
    let p = portal.as_str();

    let list = call(&app, Method::GET, "/v1/portal/quotes", p, &[], None).await;
    assert_eq!(list.status, StatusCode::OK);
    let listed: Vec<String> = list.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, [ids[2].clone(), ids[1].clone()]);

    for hidden in [&ids[0], &ids[3]] {
        for (method, suffix) in [
            (Method::GET, ""),
            (Method::GET, "/pdf"),
            (Method::POST, "/approve"),
            (Method::POST, "/reject"),
        ] {
            let answer = call(
                &app,
                method,
                &format!("/v1/portal/quotes/{hidden}{suffix}"),
                p,
                &[],
                None,
            )
            .await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{suffix}");
        }
    }
    let got = call(
        &app,
        Method::GET,
        &format!("/v1/portal/quotes/{}", ids[1]),
        p,
        &[],
        None,
    )
    .await;
    assert_eq!(
        (got.status, got.json()["status"].clone()),
        (StatusCode::OK, json!("sent"))
    );
    let pdf = call(
        &app,
        Method::GET,
        &format!("/v1/portal/quotes/{}/pdf", ids[1]),
        p,
        &[],
        None,
    )
    .await;
    assert_eq!(pdf.header("content-type"), "application/pdf");

    let approved = call(
        &app,
        Method::POST,
        &format!("/v1/portal/quotes/{}/approve", ids[1]),
        p,
        &[],
        None,
    )
    .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.json());
    assert_eq!(approved.json()["status"], "approved");
    let invoice_id = approved.json()["invoice_id"].as_str().unwrap().to_string();
    let again = call(
        &app,
        Method::POST,
        &format!("/v1/portal/quotes/{}/approve", ids[1]),
        p,
        &[],
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["invoice_id"], json!(invoice_id));
    let business = call(
        &app,
        Method::GET,
        &format!("/v1/quotes/{}", ids[1]),
        t,
        &[],
        None,
    )
    .await;
    assert_eq!(business.json()["invoice_id"], json!(invoice_id));

    let rejected = call(
        &app,
        Method::POST,
        &format!("/v1/portal/quotes/{}/reject", ids[2]),
        p,
        &[],
        Some(json!({"reason": "Found cheaper"})),
    )
    .await;
    assert_eq!(rejected.status, StatusCode::OK);
    assert_eq!(rejected.json()["rejection_reason"], "Found cheaper");
    let list = call(
        &app,
        Method::GET,
        "/v1/portal/quotes?status=rejected",
        p,
        &[],
        None,
    )
    .await;
    assert_eq!(list.json()["data"].as_array().unwrap().len(), 1);

    // Each token on the other's routes: 403.
    let answer = call(&app, Method::GET, "/v1/portal/quotes", t, &[], None).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = call(&app, Method::GET, "/v1/quotes", p, &[], None).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn table_calls_per_route() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let contact = customer(&env.ctx.ports, &owner.account_id, "OneUp").await;
    let (app, counting, _) = env.counting_app(uome_quotes::api());
    let t = owner.token.as_str();
    let total = |calls: &std::collections::BTreeMap<&'static str, u64>| calls.values().sum::<u64>();

    counting.take();
    let created = call(
        &app,
        Method::POST,
        "/v1/quotes",
        t,
        &[],
        Some(oneup(&contact.id)),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let calls = counting.take();
    println!("create: {calls:?}");
    assert_eq!(calls.get("batch_get"), Some(&1));
    assert_eq!(calls.get("transact"), Some(&1));
    assert_eq!(total(&calls), 2);

    let path = format!("/v1/quotes/{}", created.json()["id"].as_str().unwrap());
    call(&app, Method::GET, &path, t, &[], None).await;
    let calls = counting.take();
    println!("get: {calls:?}");
    assert_eq!(total(&calls), 1);

    call(&app, Method::GET, "/v1/quotes", t, &[], None).await;
    let calls = counting.take();
    println!("list: {calls:?}");
    assert_eq!(calls.get("query"), Some(&1));

    let approved = call(&app, Method::POST, &format!("{path}/approve"), t, &[], None).await;
    assert_eq!(approved.status, StatusCode::OK);
    let calls = counting.take();
    println!("approve: {calls:?}");
    assert_eq!(calls.get("batch_get"), Some(&1));
    assert_eq!(calls.get("transact"), Some(&1));
    assert_eq!(total(&calls), 2);

    // The email routes: the quote, the print context (company, bank,
    // contact), the account's verified flag, the portal token (pointer read
    // and transaction), then the write.
    let other = call(
        &app,
        Method::POST,
        "/v1/quotes",
        t,
        &[],
        Some(simple(&contact.id)),
    )
    .await;
    let other = format!("/v1/quotes/{}", other.json()["id"].as_str().unwrap());
    counting.take();
    let sent = call(&app, Method::POST, &format!("{other}/send"), t, &[], None).await;
    assert_eq!(sent.status, StatusCode::OK);
    let calls = counting.take();
    println!("send: {calls:?}");
    assert_eq!(total(&calls), 6);
    let reminded = call(&app, Method::POST, &format!("{other}/remind"), t, &[], None).await;
    assert_eq!(reminded.status, StatusCode::OK);
    let calls = counting.take();
    println!("remind: {calls:?}");
    // The claim writes the reminders-history line with the document (one
    // transaction), and the line is marked sent after the email (one put).
    assert_eq!(total(&calls), 8);
    call(&app, Method::GET, &format!("{other}/pdf"), t, &[], None).await;
    let calls = counting.take();
    println!("pdf: {calls:?}");
    assert_eq!(total(&calls), 2);
    call(&app, Method::POST, &format!("{other}/reject"), t, &[], None).await;
    let calls = counting.take();
    println!("reject: {calls:?}");
    assert_eq!(total(&calls), 2);

    // With an Idempotency-Key the middleware adds its claim and record.
    let keyed = call(
        &app,
        Method::POST,
        "/v1/quotes",
        t,
        &[("idempotency-key", "k1")],
        Some(oneup(&contact.id)),
    )
    .await;
    assert_eq!(keyed.status, StatusCode::CREATED);
    let calls = counting.take();
    println!("create with Idempotency-Key: {calls:?}");
    assert_eq!(calls.get("batch_get"), Some(&1));
    assert_eq!(calls.get("transact"), Some(&1));
}

#[test]
fn the_openapi_document_lists_every_route() {
    let (_, api) = uome_quotes::api().split_for_parts();
    let doc = serde_json::to_value(&api).unwrap();
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/v1/quotes", &["post", "get"][..]),
        ("/v1/quotes/{id}", &["get", "put", "delete"][..]),
        ("/v1/quotes/{id}/send", &["post"][..]),
        ("/v1/quotes/{id}/approve", &["post"][..]),
        ("/v1/quotes/{id}/reject", &["post"][..]),
        ("/v1/quotes/{id}/remind", &["post"][..]),
        ("/v1/quotes/{id}/pdf", &["get"][..]),
        ("/v1/portal/quotes", &["get"][..]),
        ("/v1/portal/quotes/{id}", &["get"][..]),
        ("/v1/portal/quotes/{id}/approve", &["post"][..]),
        ("/v1/portal/quotes/{id}/reject", &["post"][..]),
        ("/v1/portal/quotes/{id}/pdf", &["get"][..]),
    ] {
        for method in methods {
            let operation = &paths[path][method];
            assert!(operation.is_object(), "{method} {path}");
            let tag = if path.starts_with("/v1/portal") {
                "portal"
            } else {
                "quotes"
            };
            assert_eq!(operation["tags"], json!([tag]), "{method} {path}");
        }
    }
    let schemas = &doc["components"]["schemas"];
    for name in [
        "QuoteView",
        "QuoteRequest",
        "ApproveResponse",
        "ApprovedInvoiceView",
    ] {
        assert!(schemas[name].is_object(), "{name}");
    }
}

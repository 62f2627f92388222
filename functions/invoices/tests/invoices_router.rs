//! The invoice routes through the shared stack (as Lambda serves them),
//! driven with `oneshot`, plus the real sample event converted by
//! `lambda_http` itself, and the Table calls each write costs.

mod invoices_support;

use std::collections::BTreeMap;

use axum::body::Body;
use chrono::Duration;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::ledger::for_document;
use uome_testkit::TestEnv;

use invoices_support::{
    bank_iban, call, contact, customer, error_fields, fresh_bearer, item, oneup_lines, simple_body,
};

fn app(env: &TestEnv) -> axum::Router {
    env.app(uome_invoices::api())
}

#[tokio::test]
async fn the_sample_event_creates_an_issued_invoice() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let c = customer(&env.ctx.ports, &owner.account_id).await;
    let path = format!(
        "{}/../../events/invoices-create.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("0192f3c4-5e6f-7a8b-9c0d-000000000001", &c);
    let mut event: Value = serde_json::from_str(&text).unwrap();
    event["headers"]["authorization"] = json!(owner.bearer());
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    let (parts, body) = request.into_parts();
    let request = http::Request::from_parts(parts, Body::from(body.to_vec()));
    let response = app(&env).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(status, 201, "{body}");
    assert_eq!(headers["x-request-id"], "evt-invoices-create-1");
    assert_eq!(headers["etag"], "\"1\"");
    assert_eq!(
        headers["location"].to_str().unwrap(),
        format!("/v1/invoices/{}", body["id"].as_str().unwrap())
    );
    assert_eq!(body["number"], "INV-0001");
    assert_eq!(body["status"], "issued");
    assert_eq!(body["subtotal"], "1092.30");
    assert_eq!(body["discount_amount"], "38.23");
    assert_eq!(body["tax_amount"], "86.13");
    assert_eq!(body["total"], "1140.20");
    assert_eq!(body["amount_paid"], "0.00");
    assert_eq!(body["amount_due"], "1140.20");
    assert_eq!(body["discount_rate"], "3.5");
    assert_eq!(body["due_date"], "2026-12-02");
    assert_eq!(body["source"], "api");
    assert_eq!(body["is_overdue"], false);
    assert_eq!(body["lines"][1]["net"], "142.50");
    let postings = for_document(
        &env.ctx.ports,
        &owner.account_id,
        body["id"].as_str().unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(postings.len(), 1);
}

#[tokio::test]
async fn crud_with_versions_and_drafts_only() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let bearer = owner.bearer();
    let ports = &env.ctx.ports;
    let c = customer(ports, &owner.account_id).await;
    bank_iban(ports, &owner.account_id, "GB33BUKB20201555555555").await;
    let widget = item(ports, &owner.account_id, "Widget", "12.50").await;

    let mut body = simple_body(&c);
    body["lines"] = json!([{"item_id": widget, "quantity": 2}]);
    body["delivery_date"] = json!("2026-11-20");
    let created = call(&app, "POST", "/v1/invoices", &bearer, Some(body), &[]).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(created.body["status"], "draft");
    assert_eq!(created.body["lines"][0]["description"], "Widget");
    assert_eq!(created.body["lines"][0]["unit_price"], "12.5");
    // The item's price and name are the line's defaults (its tax rate is
    // not: a line's tax rate is the line's own, default 0).
    assert_eq!(created.body["total"], "25.00");
    assert_eq!(created.body["delivery_date"], "2026-11-20");
    assert_eq!(
        created.body["payment_instructions"],
        json!({"iban": "GB33BUKB20201555555555", "reference": "INV-0001", "bic": null})
    );
    for field in [
        "issued_at",
        "sent_at",
        "paid_at",
        "cancelled_at",
        "cancel_reason",
        "source_id",
    ] {
        assert!(created.body[field].is_null(), "{field}");
    }

    let uri = format!("/v1/invoices/{id}");
    let got = call(&app, "GET", &uri, &bearer, None, &[]).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.headers["etag"], "\"1\"");
    assert_eq!(got.body, created.body);

    let mut replaced = simple_body(&c);
    replaced["title"] = json!("Changed");
    replaced["due_date"] = json!("2026-12-31");
    let put = call(
        &app,
        "PUT",
        &uri,
        &bearer,
        Some(replaced.clone()),
        &[("if-match", "\"1\"")],
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(put.body["version"], 2);
    assert_eq!(put.body["title"], "Changed");
    assert_eq!(put.body["due_date"], "2026-12-31");
    assert_eq!(put.body["number"], "INV-0001");
    let stale = call(
        &app,
        "PUT",
        &uri,
        &bearer,
        Some(replaced.clone()),
        &[("if-match", "1")],
    )
    .await;
    assert_eq!(stale.status, 409);
    assert_eq!(stale.body["code"], "version_conflict");
    let mut with_version = replaced.clone();
    with_version["version"] = json!(1);
    let stale = call(&app, "PUT", &uri, &bearer, Some(with_version), &[]).await;
    assert_eq!(stale.status, 409);

    let delete = call(&app, "DELETE", &uri, &bearer, None, &[("if-match", "1")]).await;
    assert_eq!(delete.status, 409);
    assert_eq!(delete.body["code"], "version_conflict");
    let delete = call(&app, "DELETE", &uri, &bearer, None, &[]).await;
    assert_eq!(delete.status, 204);
    assert!(delete.bytes.is_empty());
    let gone = call(&app, "GET", &uri, &bearer, None, &[]).await;
    assert_eq!(gone.status, 404);

    // Issued invoices cannot be replaced or deleted.
    let mut issued = simple_body(&c);
    issued["status"] = json!("issued");
    let issued = call(&app, "POST", "/v1/invoices", &bearer, Some(issued), &[]).await;
    assert_eq!(issued.body["number"], "INV-0002");
    let uri = format!("/v1/invoices/{}", issued.body["id"].as_str().unwrap());
    let put = call(&app, "PUT", &uri, &bearer, Some(replaced), &[]).await;
    assert_eq!(put.status, 409);
    assert_eq!(put.body["code"], "invalid_status");
    assert_eq!(put.body["current_status"], "issued");
    let delete = call(&app, "DELETE", &uri, &bearer, None, &[]).await;
    assert_eq!(delete.status, 409);
}

#[tokio::test]
async fn every_422_lists_every_field_and_writes_nothing() {
    let env = TestEnv::new();
    let (app, counting, _) = env.counting_app(uome_invoices::api());
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let bearer = owner.bearer();
    let ports = &env.ctx.ports;
    let vendor = contact(
        ports,
        &owner.account_id,
        json!({"company_name": "Supplier", "roles": ["vendor"]}),
    )
    .await;
    let theirs = item(ports, &other.account_id, "Theirs", "1.00").await;
    let body = json!({
        "contact_id": vendor,
        "currency": "ABC",
        "issue_date": "2026-11-10",
        "due_date": "2026-11-01",
        "discount_rate": 120,
        "lines": [
            {"description": "a", "quantity": 0, "unit_price": 1},
            {"description": "b", "quantity": -1, "unit_price": 1},
            {"description": "c", "quantity": 1, "unit_price": 1, "tax_rate": -1},
            {"description": "d", "quantity": 1, "unit_price": 1, "discount_rate": 101},
            {"item_id": theirs}
        ]
    });
    counting.take();
    let answer = call(&app, "POST", "/v1/invoices", &bearer, Some(body), &[]).await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    let fields = error_fields(&answer.body);
    for expected in [
        "contact_id",
        "currency",
        "due_date",
        "discount_rate",
        "lines[0].quantity",
        "lines[1].quantity",
        "lines[2].tax_rate",
        "lines[3].discount_rate",
        "lines[4].item_id",
    ] {
        assert!(
            fields.iter().any(|f| f == expected),
            "{expected} not in {fields:?}"
        );
    }
    let calls = counting.take();
    assert_eq!(calls.get("transact"), None, "{calls:?}");
    assert_eq!(calls.get("put"), None, "{calls:?}");

    let c = customer(ports, &owner.account_id).await;
    let mut too_many = simple_body(&c);
    too_many["lines"] = Value::Array(
        (0..501)
            .map(|_| json!({"description": "x", "quantity": 1, "unit_price": 1}))
            .collect(),
    );
    let answer = call(&app, "POST", "/v1/invoices", &bearer, Some(too_many), &[]).await;
    assert_eq!(answer.status, 422);
    assert!(
        error_fields(&answer.body).iter().any(|f| f == "lines"),
        "{}",
        answer.body
    );

    let mut mismatch = json!({"contact_id": c, "lines": oneup_lines(), "discount_rate": "3.5"});
    mismatch["total"] = json!("1140.21");
    let answer = call(&app, "POST", "/v1/invoices", &bearer, Some(mismatch), &[]).await;
    assert_eq!(answer.status, 422);
    assert_eq!(answer.body["code"], "total_mismatch");

    let mut bad_status = simple_body(&c);
    bad_status["status"] = json!("paid");
    let answer = call(&app, "POST", "/v1/invoices", &bearer, Some(bad_status), &[]).await;
    assert_eq!(answer.status, 422);
    assert_eq!(error_fields(&answer.body), vec!["status".to_string()]);

    let mut unknown = simple_body(&c);
    unknown["number"] = json!("INV-9999");
    let answer = call(&app, "POST", "/v1/invoices", &bearer, Some(unknown), &[]).await;
    assert_eq!(answer.status, 422);

    let calls = counting.take();
    assert_eq!(calls.get("transact"), None, "{calls:?}");
    let list = call(&app, "GET", "/v1/invoices", &bearer, None, &[]).await;
    assert_eq!(list.body["data"], json!([]));
    let created = call(
        &app,
        "POST",
        "/v1/invoices",
        &bearer,
        Some(simple_body(&c)),
        &[],
    )
    .await;
    assert_eq!(created.body["number"], "INV-0001");
}

#[tokio::test]
async fn another_accounts_ids_are_404() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let c = customer(&env.ctx.ports, &owner.account_id).await;
    let created = call(
        &app,
        "POST",
        "/v1/invoices",
        &owner.bearer(),
        Some(simple_body(&c)),
        &[],
    )
    .await;
    let id = created.body["id"].as_str().unwrap();
    let theirs = other.bearer();
    for (method, path, body) in [
        ("GET", format!("/v1/invoices/{id}"), None),
        ("PUT", format!("/v1/invoices/{id}"), Some(simple_body(&c))),
        ("DELETE", format!("/v1/invoices/{id}"), None),
        ("POST", format!("/v1/invoices/{id}/issue"), None),
        ("POST", format!("/v1/invoices/{id}/send"), None),
        ("POST", format!("/v1/invoices/{id}/remind"), None),
        ("POST", format!("/v1/invoices/{id}/address-request"), None),
        ("GET", format!("/v1/invoices/{id}/pdf"), None),
    ] {
        let answer = call(&app, method, &path, &theirs, body, &[]).await;
        assert_eq!(answer.status, 404, "{method} {path}: {}", answer.body);
    }
    // Their contact is not ours either: 422 on contact_id.
    let answer = call(
        &app,
        "POST",
        "/v1/invoices",
        &theirs,
        Some(simple_body(&c)),
        &[],
    )
    .await;
    assert_eq!(answer.status, 422);
    assert_eq!(error_fields(&answer.body), vec!["contact_id".to_string()]);
    // And their list is empty.
    let list = call(&app, "GET", "/v1/invoices", &theirs, None, &[]).await;
    assert_eq!(list.body["data"], json!([]));
}

#[tokio::test]
async fn lists_filter_and_page() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let bearer = owner.bearer();
    let ports = &env.ctx.ports;
    let a = customer(ports, &owner.account_id).await;
    let b = contact(
        ports,
        &owner.account_id,
        json!({"company_name": "B", "roles": ["customer"]}),
    )
    .await;
    let mut ids = BTreeMap::new();
    for (name, contact_id, date, due, status) in [
        ("old", &a, "2026-10-01", "2026-10-31", "issued"),
        ("draft", &b, "2026-11-03", "2026-11-03", "draft"),
        ("due_soon", &a, "2026-11-20", "2026-11-24", "issued"),
        ("b_issued", &b, "2026-11-21", "2026-12-21", "issued"),
    ] {
        let mut body = simple_body(contact_id);
        body["issue_date"] = json!(date);
        body["due_date"] = json!(due);
        body["status"] = json!(status);
        let created = call(&app, "POST", "/v1/invoices", &bearer, Some(body), &[]).await;
        assert_eq!(created.status, 201, "{}", created.body);
        ids.insert(name, created.body["number"].as_str().unwrap().to_string());
    }
    let numbers = |answer: &Value| -> Vec<String> {
        answer["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["number"].as_str().unwrap().to_string())
            .collect()
    };
    let all = call(&app, "GET", "/v1/invoices", &bearer, None, &[]).await;
    assert_eq!(
        numbers(&all.body),
        vec![
            ids["b_issued"].clone(),
            ids["due_soon"].clone(),
            ids["draft"].clone(),
            ids["old"].clone()
        ]
    );
    assert!(all.body["next_cursor"].is_null());
    let nov = call(
        &app,
        "GET",
        "/v1/invoices?month=2026-11&status=issued",
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(
        numbers(&nov.body),
        vec![ids["b_issued"].clone(), ids["due_soon"].clone()]
    );
    let of_b = call(
        &app,
        "GET",
        &format!("/v1/invoices?contact_id={b}"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(
        numbers(&of_b.body),
        vec![ids["b_issued"].clone(), ids["draft"].clone()]
    );
    let overdue = call(&app, "GET", "/v1/invoices?overdue=true", &bearer, None, &[]).await;
    assert_eq!(numbers(&overdue.body), vec![ids["old"].clone()]);
    assert_eq!(overdue.body["data"][0]["is_overdue"], true);
    env.clock.advance(Duration::days(5));
    let bearer = fresh_bearer(&env, &owner);
    let overdue = call(&app, "GET", "/v1/invoices?overdue=true", &bearer, None, &[]).await;
    assert_eq!(
        numbers(&overdue.body),
        vec![ids["due_soon"].clone(), ids["old"].clone()]
    );

    // Pages of 3 then 1; the cursor is bound to the filters.
    let first = call(&app, "GET", "/v1/invoices?limit=3", &bearer, None, &[]).await;
    assert_eq!(numbers(&first.body).len(), 3);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_string();
    let second = call(
        &app,
        "GET",
        &format!("/v1/invoices?limit=3&cursor={cursor}"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(numbers(&second.body), vec![ids["old"].clone()]);
    let wrong = call(
        &app,
        "GET",
        &format!("/v1/invoices?status=draft&cursor={cursor}"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.body["code"], "invalid_cursor");

    for bad in ["month=2026-13", "status=late"] {
        let answer = call(
            &app,
            "GET",
            &format!("/v1/invoices?{bad}"),
            &bearer,
            None,
            &[],
        )
        .await;
        assert_eq!(answer.status, 422, "{bad}");
    }
    let answer = call(&app, "GET", "/v1/invoices?limit=0", &bearer, None, &[]).await;
    assert_eq!(answer.status, 400);
}

#[tokio::test]
async fn issue_send_remind_and_the_outbox() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let bearer = owner.bearer();
    let c = customer(&env.ctx.ports, &owner.account_id).await;
    let created = call(
        &app,
        "POST",
        "/v1/invoices",
        &bearer,
        Some(simple_body(&c)),
        &[],
    )
    .await;
    let id = created.body["id"].as_str().unwrap().to_string();

    let remind = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/remind"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(remind.status, 409);
    assert_eq!(remind.body["code"], "invalid_status");

    let issued = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/issue"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    assert_eq!(issued.body["status"], "issued");
    assert_eq!(issued.headers["etag"], "\"2\"");
    assert!(issued.body["issued_at"].is_string());
    let again = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/issue"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["current_status"], "issued");

    let sent = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/send"),
        &bearer,
        Some(json!({"message": "Thank you for your order."})),
        &[],
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert!(sent.body["sent_at"].is_string());
    let outbox = env.embedded.outbox.list().unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].to, vec!["billing@client.example".to_string()]);
    assert!(outbox[0].text.contains("Thank you for your order."));
    assert_eq!(outbox[0].attachments[0].content_type, "application/pdf");

    let remind = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/remind"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(remind.status, 200, "{}", remind.body);
    env.clock.advance(Duration::minutes(10));
    let throttled = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/remind"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(throttled.status, 429);
    assert_eq!(throttled.body["code"], "reminder_throttled");
    assert_eq!(throttled.headers["retry-after"], "85800");
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 2);

    // A bad message is a 422 before anything is sent.
    let long = "x".repeat(2001);
    let answer = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/send"),
        &bearer,
        Some(json!({"message": long})),
        &[],
    )
    .await;
    assert_eq!(answer.status, 422);
    assert_eq!(error_fields(&answer.body), vec!["message".to_string()]);
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 2);

    // The PDF.
    let pdf = call(
        &app,
        "GET",
        &format!("/v1/invoices/{id}/pdf"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF"));
    assert!(
        pdf.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("INV-0001.pdf")
    );
}

#[tokio::test]
async fn send_issues_a_draft_and_unverified_accounts_are_403() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let c = customer(&env.ctx.ports, &owner.account_id).await;
    let created = call(
        &app,
        "POST",
        "/v1/invoices",
        &owner.bearer(),
        Some(simple_body(&c)),
        &[],
    )
    .await;
    let id = created.body["id"].as_str().unwrap();
    let sent = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/send"),
        &owner.bearer(),
        None,
        &[],
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(sent.body["status"], "issued");
    assert_eq!(
        for_document(&env.ctx.ports, &owner.account_id, id)
            .await
            .unwrap()
            .len(),
        1
    );

    let unverified = env.owner(false).await;
    let bearer = unverified.bearer();
    let c = customer(&env.ctx.ports, &unverified.account_id).await;
    let mut issued = simple_body(&c);
    issued["status"] = json!("issued");
    let created = call(&app, "POST", "/v1/invoices", &bearer, Some(issued), &[]).await;
    let id = created.body["id"].as_str().unwrap();
    for action in ["send", "remind", "address-request"] {
        let answer = call(
            &app,
            "POST",
            &format!("/v1/invoices/{id}/{action}"),
            &bearer,
            None,
            &[],
        )
        .await;
        assert_eq!(answer.status, 403, "{action}: {}", answer.body);
        assert_eq!(answer.body["code"], "email_unverified");
    }
    let got = call(
        &app,
        "GET",
        &format!("/v1/invoices/{id}"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert!(got.body["sent_at"].is_null());
    assert_eq!(got.body["version"], 1);
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 1);
}

#[tokio::test]
async fn address_requests_go_to_contacts_without_an_address() {
    let env = TestEnv::new();
    let app = app(&env);
    let owner = env.owner(true).await;
    let bearer = owner.bearer();
    let ports = &env.ctx.ports;
    let known = contact(
        ports,
        &owner.account_id,
        json!({"company_name": "Known", "roles": ["customer"], "email": "k@known.example",
               "billing_address": {"line1": "1 High St", "city": "London", "postal_code": "N1 1AA", "country_code": "GB"}}),
    )
    .await;
    let created = call(
        &app,
        "POST",
        "/v1/invoices",
        &bearer,
        Some(simple_body(&known)),
        &[],
    )
    .await;
    let id = created.body["id"].as_str().unwrap();
    let answer = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/address-request"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(answer.status, 409);
    assert_eq!(answer.body["code"], "address_on_file");
    assert!(env.embedded.outbox.list().unwrap().is_empty());

    let c = customer(ports, &owner.account_id).await;
    let created = call(
        &app,
        "POST",
        "/v1/invoices",
        &bearer,
        Some(simple_body(&c)),
        &[],
    )
    .await;
    let id = created.body["id"].as_str().unwrap();
    let answer = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/address-request"),
        &bearer,
        Some(json!({"message": "We need your address for the invoice."})),
        &[],
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["sent_to"], "billing@client.example");
    assert_eq!(answer.body["invoice_id"], id);
    let outbox = env.embedded.outbox.list().unwrap();
    assert_eq!(outbox.len(), 1);
    assert!(outbox[0].text.contains("/portal?token="));
}

/// Table calls per write, recorded in docs/quotes-invoices.md.
#[tokio::test]
async fn table_calls_per_write() {
    let env = TestEnv::new();
    let (app, counting, _) = env.counting_app(uome_invoices::api());
    let owner = env.owner(true).await;
    let bearer = owner.bearer();
    let ports = &env.ctx.ports;
    let c = customer(ports, &owner.account_id).await;
    let widget = item(ports, &owner.account_id, "Widget", "12.50").await;
    let mut body = simple_body(&c);
    body["lines"] =
        json!([{"item_id": widget, "quantity": 2}, {"description": "Other", "unit_price": 3}]);

    counting.take();
    let draft = call(
        &app,
        "POST",
        "/v1/invoices",
        &bearer,
        Some(body.clone()),
        &[],
    )
    .await;
    assert_eq!(draft.status, 201);
    let create_draft = counting.take();

    body["status"] = json!("issued");
    let issued = call(
        &app,
        "POST",
        "/v1/invoices",
        &bearer,
        Some(body.clone()),
        &[],
    )
    .await;
    assert_eq!(issued.status, 201);
    let create_issued = counting.take();

    let id = draft.body["id"].as_str().unwrap();
    let answer = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/issue"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(answer.status, 200);
    let issue = counting.take();

    let get = call(
        &app,
        "GET",
        &format!("/v1/invoices/{id}"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(get.status, 200);
    let read = counting.take();

    let list = call(&app, "GET", "/v1/invoices", &bearer, None, &[]).await;
    assert_eq!(list.status, 200);
    let listed = counting.take();

    let other = call(
        &app,
        "POST",
        "/v1/invoices",
        &bearer,
        Some(simple_body(&c)),
        &[],
    )
    .await;
    let other_id = other.body["id"].as_str().unwrap();
    counting.take();
    let mut put_body = simple_body(&c);
    put_body["title"] = json!("x");
    let put = call(
        &app,
        "PUT",
        &format!("/v1/invoices/{other_id}"),
        &bearer,
        Some(put_body),
        &[],
    )
    .await;
    assert_eq!(put.status, 200);
    let update = counting.take();

    let pdf = call(
        &app,
        "GET",
        &format!("/v1/invoices/{id}/pdf"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(pdf.status, 200);
    let printed = counting.take();

    let sent = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/send"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(sent.status, 200);
    let send_issued = counting.take();

    let draft_sent = call(
        &app,
        "POST",
        &format!("/v1/invoices/{other_id}/send"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(draft_sent.status, 200);
    let send_draft = counting.take();

    let reminded = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/remind"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(reminded.status, 200);
    let remind = counting.take();

    let asked = call(
        &app,
        "POST",
        &format!("/v1/invoices/{id}/address-request"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(asked.status, 200);
    let address_request = counting.take();

    let third = call(
        &app,
        "POST",
        "/v1/invoices",
        &bearer,
        Some(simple_body(&c)),
        &[],
    )
    .await;
    let third_id = third.body["id"].as_str().unwrap();
    counting.take();
    let deleted = call(
        &app,
        "DELETE",
        &format!("/v1/invoices/{third_id}"),
        &bearer,
        None,
        &[],
    )
    .await;
    assert_eq!(deleted.status, 204);
    let delete = counting.take();

    let expected =
        |pairs: &[(&'static str, u64)]| pairs.iter().copied().collect::<BTreeMap<_, _>>();
    println!(
        "create draft {create_draft:?}\ncreate issued {create_issued:?}\nissue {issue:?}\nget {read:?}\n\
         list {listed:?}\nupdate {update:?}\npdf {printed:?}\nsend (issued) {send_issued:?}\n\
         send (draft) {send_draft:?}\nremind {remind:?}\naddress request {address_request:?}\n\
         delete {delete:?}"
    );
    assert_eq!(printed, expected(&[("batch_get", 1), ("get", 1)]));
    assert_eq!(delete, expected(&[("get", 1), ("transact", 1)]));
    assert_eq!(create_draft, expected(&[("batch_get", 1), ("transact", 1)]));
    assert_eq!(
        create_issued,
        expected(&[("batch_get", 1), ("transact", 1)])
    );
    // Issuing reads the contact once the invoice names it: the invoice
    // keeps the contact's addresses as they are on the day of issue.
    assert_eq!(
        issue,
        expected(&[("batch_get", 1), ("get", 1), ("transact", 1)])
    );
    assert_eq!(read, expected(&[("batch_get", 1)]));
    assert_eq!(listed, expected(&[("get", 1), ("query", 1)]));
    assert_eq!(update, expected(&[("batch_get", 1), ("transact", 1)]));
}

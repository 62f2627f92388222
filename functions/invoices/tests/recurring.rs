//! Recurring invoices: the routes inside the shared stack driven with
//! `oneshot`, over the embedded adapters with a fixed clock (2026-11-21,
//! Europe/London), and the due-work index (gsi3) read through the Table
//! port the way the scheduler will read it.

use axum::Router;
use axum::body::Body;
use chrono::{Duration, NaiveDate};
use http::{HeaderMap, Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::contacts::{self, ContactInput, Expected};
use uome_core::keys::{DUE_SHARDS, DocType, document_key, due_pk, due_shard, due_until};
use uome_core::ports::{Clock, Index, Query, SortKey};
use uome_core::recurring::RECURRING_DUE_KIND;
use uome_domain::{ContactId, DocumentId};
use uome_http::Role;
use uome_testkit::TestEnv;
use uome_testkit::owner::Owner;

// ---------------------------------------------------------------- helpers

fn app(env: &TestEnv) -> Router {
    env.app(uome_invoices::api())
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
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
    if_match: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, HeaderMap, Value) {
    let mut builder = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", owner.bearer());
    if let Some(version) = if_match {
        builder = builder.header("if-match", version);
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

async fn contact(env: &TestEnv, owner: &Owner, roles: &[&str]) -> String {
    let input = ContactInput {
        company_name: Some(format!("Client {}", env.ctx.ports.ids.new_id())),
        roles: Some(roles.iter().map(|r| r.to_string()).collect()),
        ..Default::default()
    };
    contacts::create_contact(&env.ctx.ports, &owner.account_id, input, false)
        .await
        .unwrap()
        .id
        .to_string()
}

/// A valid body: one line of 2 × 50.00 at 20 % (total 120.00), plus `extra`.
fn body(contact_id: &str, extra: Value) -> Value {
    let mut body = json!({
        "contact_id": contact_id,
        "currency": "GBP",
        "title": "Monthly retainer",
        "lines": [{"description": "Support", "quantity": 2, "unit_price": "50.00", "tax_rate": 20}],
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

async fn create(app: &Router, owner: &Owner, body: Value) -> Value {
    let (status, _, created) = call(
        app,
        Method::POST,
        "/v1/recurring-invoices",
        owner,
        None,
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created
}

/// Moves the clock on by `days` and gives the owner a token valid then
/// (access tokens live 15 minutes).
fn advance(env: &TestEnv, owner: &Owner, days: i64) -> Owner {
    env.clock.set(env.clock.now() + Duration::days(days));
    let claims = env.ctx.jwt.access_claims(
        &owner.user_id,
        &owner.account_id,
        Role::Owner,
        env.ctx.now(),
        &env.ctx.ports.ids.new_id().to_string(),
    );
    Owner {
        account_id: owner.account_id.clone(),
        user_id: owner.user_id.clone(),
        token: env.ctx.jwt.issue(&claims).unwrap(),
    }
}

fn uri(id: &Value) -> String {
    format!("/v1/recurring-invoices/{}", id.as_str().unwrap())
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

/// Where a day begins for the test accounts (Europe/London): every date
/// these tests name is in winter, when London is on UTC.
fn start_of_day(day: &str) -> chrono::DateTime<chrono::Utc> {
    date(day).and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Every due-index entry (id, gsi3 pk, gsi3 sk) due on or before `until`,
/// read as the scheduler will: one Query per shard, `sk <= <until>#~`.
async fn due(env: &TestEnv, until: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for shard in 0..DUE_SHARDS {
        let query = Query::partition(due_pk(RECURRING_DUE_KIND, shard), 1000)
            .on(Index::Gsi3)
            .sk(SortKey::Lte(due_until(start_of_day(until))));
        let page = env.ctx.ports.table.query(&query).await.unwrap();
        for item in page.items {
            let gsi3 = item.gsi3.clone().unwrap();
            out.push((
                item.data["id"].as_str().unwrap().to_string(),
                gsi3.pk,
                gsi3.sk,
            ));
        }
    }
    out
}

async fn due_ids(env: &TestEnv, until: &str) -> Vec<String> {
    due(env, until)
        .await
        .into_iter()
        .map(|(id, _, _)| id)
        .collect()
}

// ------------------------------------------------------------------ create

#[tokio::test]
async fn monthly_from_the_31st_with_last_of_month_runs_on_the_31st() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;
    let (status, headers, created) = call(
        &app,
        Method::POST,
        "/v1/recurring-invoices",
        &owner,
        None,
        Some(body(
            &customer,
            json!({"frequency": "monthly", "start_date": "2027-01-31", "last_of_month": true,
                   "auto_send": true, "due_days": 14}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        headers["location"].to_str().unwrap(),
        format!("/v1/recurring-invoices/{id}")
    );
    assert_eq!(headers["etag"], "\"1\"");
    assert_eq!(created["frequency"], "monthly");
    assert_eq!(created["start_date"], "2027-01-31");
    assert_eq!(created["end_date"], Value::Null);
    assert_eq!(created["last_of_month"], true);
    assert_eq!(created["active"], true);
    assert_eq!(created["auto_send"], true);
    assert_eq!(created["due_days"], 14);
    assert_eq!(created["next_run_date"], "2027-01-31");
    assert_eq!(created["generated_count"], 0);
    assert_eq!(created["last_invoice_id"], Value::Null);
    assert_eq!(created["version"], 1);
    // The flattened draft, totals computed by the domain.
    assert_eq!(created["contact_id"], customer.as_str());
    assert_eq!(created["issue_date"], "2027-01-31");
    assert_eq!(created["title"], "Monthly retainer");
    assert_eq!(created["subtotal"], "100.00");
    assert_eq!(created["tax_amount"], "20.00");
    assert_eq!(created["total"], "120.00");
    assert_eq!(created["lines"][0]["net"], "100.00");

    // In the due index, in its shard, keyed by next run, account and id.
    let entries = due(&env, "2027-01-31").await;
    assert_eq!(
        entries,
        vec![(
            id.to_string(),
            format!("DUE#recurring#{}", due_shard(id)),
            format!("2027-01-31T00:00Z#{}#{id}", owner.account_id)
        )]
    );
    assert!(due_ids(&env, "2027-01-30").await.is_empty(), "not due yet");

    let (status, headers, read) =
        call(&app, Method::GET, &uri(&created["id"]), &owner, None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["etag"], "\"1\"");
    assert_eq!(read, created);
}

#[tokio::test]
async fn a_start_in_the_past_runs_next_on_or_after_today() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;

    // Monthly on the 31st since January: November's run is the 30th.
    let monthly = create(
        &app,
        &owner,
        body(
            &customer,
            json!({"frequency": "monthly", "start_date": "2026-01-31"}),
        ),
    )
    .await;
    assert_eq!(monthly["next_run_date"], "2026-11-30");
    assert_eq!(monthly["generated_count"], 0);

    // Weekly from Sunday 1 November: the 22nd (the 1st, 8th, 15th are gone).
    let weekly = create(
        &app,
        &owner,
        body(
            &customer,
            json!({"frequency": "weekly", "start_date": "2026-11-01"}),
        ),
    )
    .await;
    assert_eq!(weekly["next_run_date"], "2026-11-22");

    // No start date: today, and today's run is still to come.
    let today = create(
        &app,
        &owner,
        body(&customer, json!({"frequency": "yearly"})),
    )
    .await;
    assert_eq!(today["start_date"], "2026-11-21");
    assert_eq!(today["next_run_date"], "2026-11-21");

    let mut ids = due_ids(&env, "2026-11-21").await;
    ids.sort();
    assert_eq!(ids, vec![today["id"].as_str().unwrap().to_string()]);
    assert_eq!(due_ids(&env, "2026-11-30").await.len(), 3);
}

#[tokio::test]
async fn an_end_before_the_next_run_leaves_no_next_run() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;
    let ended = create(
        &app,
        &owner,
        body(
            &customer,
            json!({"frequency": "monthly", "start_date": "2026-01-15", "end_date": "2026-06-30"}),
        ),
    )
    .await;
    assert_eq!(ended["next_run_date"], Value::Null);
    assert_eq!(ended["end_date"], "2026-06-30");
    assert_eq!(ended["active"], true);
    let id = ended["id"].as_str().unwrap();
    let item = env
        .ctx
        .ports
        .table
        .get(&document_key(
            &owner.account_id,
            DocType::Recurring,
            &DocumentId::from(id),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(item.gsi3, None, "sparse: no due-index attributes");
    assert!(item.gsi1.is_some() && item.gsi2.is_some());
    assert!(due_ids(&env, "2100-01-01").await.is_empty());
}

// --------------------------------------------------------------- rejected

#[tokio::test]
async fn bad_input_lists_every_field_and_writes_nothing() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;

    let (status, _, problem) = call(
        &app,
        Method::POST,
        "/v1/recurring-invoices",
        &owner,
        None,
        Some(json!({
            "contact_id": customer,
            "frequency": "daily",
            "start_date": "2027-03-01",
            "end_date": "2027-02-28",
            "issue_date": "2027-01-01",
            "due_days": 400,
            "lines": [{"description": "Support", "quantity": -1, "unit_price": "50.00"}],
        })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["code"], "validation_failed");
    let found = fields(&problem);
    for field in [
        "frequency",
        "end_date",
        "issue_date",
        "due_days",
        "lines[0].quantity",
    ] {
        assert!(found.contains(&field.to_string()), "{field} in {found:?}");
    }

    // Nothing at all: the two required fields.
    let (status, _, problem) = call(
        &app,
        Method::POST,
        "/v1/recurring-invoices",
        &owner,
        None,
        Some(json!({"contact_id": ""})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut found = fields(&problem);
    found.sort();
    assert_eq!(found, vec!["contact_id", "frequency"], "{problem}");

    // A vendor is not a customer; an unknown contact is no contact.
    let vendor = contact(&env, &owner, &["vendor"]).await;
    for contact_id in [vendor.clone(), env.ctx.ports.ids.new_id().to_string()] {
        let (status, _, problem) = call(
            &app,
            Method::POST,
            "/v1/recurring-invoices",
            &owner,
            None,
            Some(body(&contact_id, json!({"frequency": "monthly"}))),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields(&problem), vec!["contact_id"], "{problem}");
    }

    // An unknown field (mass assignment) is refused too.
    let (status, _, problem) = call(
        &app,
        Method::POST,
        "/v1/recurring-invoices",
        &owner,
        None,
        Some(body(
            &customer,
            json!({"frequency": "monthly", "generated_count": 5}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");

    let (_, _, list) = call(
        &app,
        Method::GET,
        "/v1/recurring-invoices",
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(list["data"], json!([]));
    // The vendor has no reference: it can go.
    contacts::delete_contact(
        &env.ctx.ports,
        &owner.account_id,
        &ContactId::from(&vendor),
        Expected(None),
    )
    .await
    .unwrap();
}

// ----------------------------------------------------------------- update

#[tokio::test]
async fn an_update_recomputes_the_next_run_never_before_today() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;
    let created = create(
        &app,
        &owner,
        body(
            &customer,
            json!({"frequency": "monthly", "start_date": "2026-12-05"}),
        ),
    )
    .await;
    assert_eq!(created["next_run_date"], "2026-12-05");
    let path = uri(&created["id"]);

    // A new schedule: weekly from 1 December.
    let (status, headers, updated) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        Some("1"),
        Some(body(
            &customer,
            json!({"frequency": "weekly", "start_date": "2026-12-01"}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(headers["etag"], "\"2\"");
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["frequency"], "weekly");
    assert_eq!(updated["next_run_date"], "2026-12-01");
    assert_eq!(updated["created_at"], created["created_at"]);

    // Only the draft changes (start date absent: kept): the run stays.
    let (status, _, updated) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        None,
        Some(body(
            &customer,
            json!({"frequency": "weekly", "notes": "Thanks!", "version": 2}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["start_date"], "2026-12-01");
    assert_eq!(updated["notes"], "Thanks!");
    assert_eq!(updated["next_run_date"], "2026-12-01");

    // On 10 December a new end date recomputes from today: 1 and 8
    // December are gone, the 15th is next.
    let owner = advance(&env, &owner, 19);
    let (status, _, updated) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        Some("3"),
        Some(body(
            &customer,
            json!({"frequency": "weekly", "end_date": "2027-06-30"}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["next_run_date"], "2026-12-15");
    let id = updated["id"].as_str().unwrap().to_string();
    assert_eq!(due_ids(&env, "2026-12-15").await, vec![id.clone()]);
    assert!(due_ids(&env, "2026-12-14").await.is_empty());

    // An end before the next run stops the schedule and leaves the index.
    let (status, _, updated) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        Some("4"),
        Some(body(
            &customer,
            json!({"frequency": "weekly", "end_date": "2026-12-12"}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["next_run_date"], Value::Null);
    assert!(due_ids(&env, "2100-01-01").await.is_empty());
}

#[tokio::test]
async fn deactivating_leaves_the_due_index_and_reactivating_resumes_from_today() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;
    let created = create(
        &app,
        &owner,
        body(
            &customer,
            json!({"frequency": "monthly", "start_date": "2026-12-31", "last_of_month": true}),
        ),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    let path = uri(&created["id"]);
    assert_eq!(due_ids(&env, "2026-12-31").await, vec![id.clone()]);

    let (status, _, off) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        Some("1"),
        Some(body(
            &customer,
            json!({"frequency": "monthly", "last_of_month": true, "active": false}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{off}");
    assert_eq!(off["active"], false);
    assert_eq!(off["next_run_date"], Value::Null);
    assert!(due_ids(&env, "2100-01-01").await.is_empty());
    let item = env
        .ctx
        .ports
        .table
        .get(&document_key(
            &owner.account_id,
            DocType::Recurring,
            &DocumentId::from(&id),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(item.gsi3, None);

    // An edit without `active` keeps it off.
    let (_, _, still_off) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        None,
        Some(body(
            &customer,
            json!({"frequency": "monthly", "last_of_month": true}),
        )),
    )
    .await;
    assert_eq!(still_off["active"], false);
    assert_eq!(still_off["next_run_date"], Value::Null);

    // Back on in mid-February: December and January were missed and are
    // skipped; February's run (the 28th) is next.
    let owner = advance(&env, &owner, 86);
    let (status, _, on) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        Some("3"),
        Some(body(
            &customer,
            json!({"frequency": "monthly", "last_of_month": true, "active": true}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{on}");
    assert_eq!(on["active"], true);
    assert_eq!(on["start_date"], "2026-12-31");
    assert_eq!(on["next_run_date"], "2027-02-28");
    let entries = due(&env, "2027-02-28").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].2,
        format!("2027-02-28T00:00Z#{}#{id}", owner.account_id)
    );
}

#[tokio::test]
async fn a_new_contact_moves_the_reference() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let first = contact(&env, &owner, &["customer"]).await;
    let second = contact(&env, &owner, &["customer", "vendor"]).await;
    let created = create(&app, &owner, body(&first, json!({"frequency": "monthly"}))).await;
    let err = contacts::delete_contact(
        &env.ctx.ports,
        &owner.account_id,
        &ContactId::from(&first),
        Expected(None),
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("contact_in_use"), "{err}");

    let (status, _, moved) = call(
        &app,
        Method::PUT,
        &uri(&created["id"]),
        &owner,
        Some("1"),
        Some(body(&second, json!({"frequency": "monthly"}))),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["contact_id"], second.as_str());
    contacts::delete_contact(
        &env.ctx.ports,
        &owner.account_id,
        &ContactId::from(&first),
        Expected(None),
    )
    .await
    .unwrap();
    assert!(
        contacts::delete_contact(
            &env.ctx.ports,
            &owner.account_id,
            &ContactId::from(&second),
            Expected(None)
        )
        .await
        .is_err()
    );
    let (_, _, by_second) = call(
        &app,
        Method::GET,
        &format!("/v1/recurring-invoices?contact_id={second}"),
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(by_second["data"].as_array().unwrap().len(), 1);
}

// ---------------------------------------------- isolation and concurrency

#[tokio::test]
async fn another_accounts_recurring_invoice_is_not_found() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;
    let created = create(
        &app,
        &owner,
        body(&customer, json!({"frequency": "monthly"})),
    )
    .await;
    let path = uri(&created["id"]);
    let others_customer = contact(&env, &other, &["customer"]).await;

    let (status, _, _) = call(&app, Method::GET, &path, &other, None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = call(
        &app,
        Method::PUT,
        &path,
        &other,
        None,
        Some(body(&others_customer, json!({"frequency": "weekly"}))),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = call(&app, Method::DELETE, &path, &other, None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, list) = call(
        &app,
        Method::GET,
        "/v1/recurring-invoices",
        &other,
        None,
        None,
    )
    .await;
    assert_eq!(list["data"], json!([]));

    // Unknown ids, UUID or not.
    let unknown = format!("/v1/recurring-invoices/{}", env.ctx.ports.ids.new_id());
    let (status, _, _) = call(&app, Method::GET, &unknown, &owner, None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = call(
        &app,
        Method::GET,
        "/v1/recurring-invoices/nope",
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Untouched.
    let (_, _, read) = call(&app, Method::GET, &path, &owner, None, None).await;
    assert_eq!(read["version"], 1);
    assert_eq!(read["frequency"], "monthly");
}

#[tokio::test]
async fn a_stale_version_is_a_conflict() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;
    let created = create(
        &app,
        &owner,
        body(&customer, json!({"frequency": "monthly"})),
    )
    .await;
    let path = uri(&created["id"]);

    let (status, _, problem) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        Some("\"5\""),
        Some(body(&customer, json!({"frequency": "weekly"}))),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "version_conflict");
    assert_eq!(problem["current_version"], 1);

    let (status, _, problem) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        None,
        Some(body(
            &customer,
            json!({"frequency": "weekly", "version": 9}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "version_conflict");

    // Header and body disagreeing is a 422 on `version`.
    let (status, _, problem) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        Some("1"),
        Some(body(
            &customer,
            json!({"frequency": "weekly", "version": 2}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&problem), vec!["version"]);

    let (status, _, problem) = call(&app, Method::DELETE, &path, &owner, Some("2"), None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "version_conflict");

    let (_, _, read) = call(&app, Method::GET, &path, &owner, None, None).await;
    assert_eq!(read["version"], 1);
    assert_eq!(read["frequency"], "monthly");
}

// ------------------------------------------------------------ list, delete

#[tokio::test]
async fn the_list_pages_newest_start_first_with_filters() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;
    let other_customer = contact(&env, &owner, &["customer"]).await;
    let january = create(
        &app,
        &owner,
        body(
            &customer,
            json!({"frequency": "monthly", "start_date": "2027-01-01"}),
        ),
    )
    .await;
    let march = create(
        &app,
        &owner,
        body(
            &other_customer,
            json!({"frequency": "monthly", "start_date": "2027-03-01"}),
        ),
    )
    .await;
    let february = create(
        &app,
        &owner,
        body(
            &customer,
            json!({"frequency": "monthly", "start_date": "2027-02-01", "active": false}),
        ),
    )
    .await;
    assert_eq!(february["next_run_date"], Value::Null);

    let (status, _, page) = call(
        &app,
        Method::GET,
        "/v1/recurring-invoices?limit=2",
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let ids = |page: &Value| -> Vec<Value> {
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].clone())
            .collect()
    };
    assert_eq!(
        ids(&page),
        vec![march["id"].clone(), february["id"].clone()]
    );
    let cursor = page["next_cursor"].as_str().unwrap().to_string();
    let (_, _, page2) = call(
        &app,
        Method::GET,
        &format!("/v1/recurring-invoices?limit=2&cursor={cursor}"),
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(ids(&page2), vec![january["id"].clone()]);
    assert_eq!(page2["next_cursor"], Value::Null);

    // A cursor is bound to its filters.
    let (status, _, problem) = call(
        &app,
        Method::GET,
        &format!("/v1/recurring-invoices?limit=2&active=true&cursor={cursor}"),
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["code"], "invalid_cursor");

    let (_, _, inactive) = call(
        &app,
        Method::GET,
        "/v1/recurring-invoices?active=false",
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(ids(&inactive), vec![february["id"].clone()]);
    let (_, _, active) = call(
        &app,
        Method::GET,
        "/v1/recurring-invoices?active=true",
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(
        ids(&active),
        vec![march["id"].clone(), january["id"].clone()]
    );
    let (_, _, by_contact) = call(
        &app,
        Method::GET,
        &format!("/v1/recurring-invoices?contact_id={customer}"),
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(
        ids(&by_contact),
        vec![february["id"].clone(), january["id"].clone()]
    );
    let (_, _, both) = call(
        &app,
        Method::GET,
        &format!("/v1/recurring-invoices?contact_id={customer}&active=true"),
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(ids(&both), vec![january["id"].clone()]);

    let (status, _, _) = call(
        &app,
        Method::GET,
        "/v1/recurring-invoices?active=maybe",
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn delete_removes_it_and_releases_the_contact() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = app(&env);
    let customer = contact(&env, &owner, &["customer"]).await;
    let created = create(
        &app,
        &owner,
        body(&customer, json!({"frequency": "weekly"})),
    )
    .await;
    let path = uri(&created["id"]);
    assert_eq!(due_ids(&env, "2026-11-21").await.len(), 1);

    let (status, _, _) = call(&app, Method::DELETE, &path, &owner, Some("1"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _, _) = call(&app, Method::GET, &path, &owner, None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = call(&app, Method::DELETE, &path, &owner, None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(due_ids(&env, "2100-01-01").await.is_empty());
    // No reference row is left: the contact can be deleted.
    contacts::delete_contact(
        &env.ctx.ports,
        &owner.account_id,
        &ContactId::from(&customer),
        Expected(None),
    )
    .await
    .unwrap();
}

// ------------------------------------------------------------ round trips

#[tokio::test]
async fn each_route_costs_the_budgeted_table_calls() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let customer = contact(&env, &owner, &["customer"]).await;
    let (app, counting, _) = env.counting_app(uome_invoices::api());
    counting.take();

    let created = create(
        &app,
        &owner,
        body(&customer, json!({"frequency": "monthly"})),
    )
    .await;
    let calls = counting.take();
    assert_eq!(calls.get("batch_get"), Some(&1), "{calls:?}");
    assert_eq!(calls.get("transact"), Some(&1), "{calls:?}");
    assert_eq!(calls.values().sum::<u64>(), 2, "{calls:?}");

    let path = uri(&created["id"]);
    call(&app, Method::GET, &path, &owner, None, None).await;
    assert_eq!(
        counting.take().into_iter().collect::<Vec<_>>(),
        vec![("get", 1)]
    );

    let (status, _, _) = call(
        &app,
        Method::PUT,
        &path,
        &owner,
        Some("1"),
        Some(body(&customer, json!({"frequency": "weekly"}))),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let calls = counting.take();
    assert_eq!(
        calls.into_iter().collect::<Vec<_>>(),
        vec![("batch_get", 1), ("transact", 1)]
    );

    call(
        &app,
        Method::GET,
        "/v1/recurring-invoices",
        &owner,
        None,
        None,
    )
    .await;
    assert_eq!(
        counting.take().into_iter().collect::<Vec<_>>(),
        vec![("query", 1)]
    );

    let (status, _, _) = call(&app, Method::DELETE, &path, &owner, None, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        counting.take().into_iter().collect::<Vec<_>>(),
        vec![("get", 1), ("transact", 1)]
    );
}

//! The ledger read side: `GET /v1/ledger/transactions` and
//! `GET /v1/ledger/balances` through the shared stack with `oneshot`, and
//! the core reads (`for_document`, `list_transactions`) against the
//! embedded table. Ledger rows are written the way the invoice use cases
//! write them: `ledger_write` in a table transaction, postings from the
//! domain.

use axum::Router;
use axum::body::Body;
use chrono::{NaiveDate, Utc};
use http::{Method, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uome_core::account::company::{self, CompanyInput};
use uome_core::ledger::{self, LedgerFilter, LedgerRecord, ledger_write};
use uome_domain::AccountId;
use uome_domain::ledger::{issue_postings, payment_postings, reversal};
use uome_domain::{Currency, Decimal, LedgerTransaction};
use uome_testkit::TestEnv;
use uome_testkit::owner::Owner;

fn app(env: &TestEnv) -> Router {
    env.app(uome_invoices::api())
}

async fn get(app: &Router, uri: &str, owner: Option<&Owner>) -> (StatusCode, String, Value) {
    let mut builder = http::Request::builder().method(Method::GET).uri(uri);
    if let Some(owner) = owner {
        builder = builder.header("authorization", owner.bearer());
    }
    let response = app
        .clone()
        .oneshot(builder.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Writes one ledger transaction as the invoice use cases do.
async fn post(
    env: &TestEnv,
    account_id: &AccountId,
    on: &str,
    document: (&str, &str),
    description: &str,
    transaction: LedgerTransaction,
) -> LedgerRecord {
    let record = LedgerRecord {
        id: env.ctx.ports.ids.new_id().to_string(),
        date: date(on),
        description: description.to_string(),
        document_id: Some(document.0.to_string()),
        document_number: Some(document.1.to_string()),
        transaction,
        created_at: Utc::now(),
    };
    env.ctx
        .ports
        .table
        .transact(vec![ledger_write(account_id, &record).unwrap()])
        .await
        .unwrap();
    record
}

struct Books {
    a: Owner,
    b: Owner,
    inv1: String,
    inv2: String,
    inv3: String,
    /// Every transaction of account A, oldest first.
    all: Vec<LedgerRecord>,
}

/// Account A: INV-0001 (GBP 120 incl. 20 tax) paid 50 + 70 over two months;
/// INV-0002 (GBP 240 incl. 40) issued then cancelled; INV-0003 (EUR 1000
/// incl. 190) paid 300; INV-0004 a zero USD invoice (an empty
/// transaction). Account B: one GBP invoice of 999. Written out of date
/// order on purpose: the reads sort by date.
async fn books(env: &TestEnv) -> Books {
    let a = env.owner(true).await;
    let b = env.owner(true).await;
    let id = || env.ctx.ports.ids.new_id().to_string();
    let (inv1, inv2, inv3, inv4, inv5) = (id(), id(), id(), id(), id());
    let gbp = Currency::GBP;
    let eur = Currency::parse("EUR").unwrap();
    let usd = Currency::parse("USD").unwrap();
    let acc = &a.account_id;

    let issue2 = issue_postings(d("240"), d("40"), gbp).unwrap();
    let r_issue3 = post(
        env,
        acc,
        "2026-11-15",
        (&inv3, "INV-0003"),
        "Invoice INV-0003 issued",
        issue_postings(d("1000"), d("190"), eur).unwrap(),
    )
    .await;
    let r_issue1 = post(
        env,
        acc,
        "2026-10-05",
        (&inv1, "INV-0001"),
        "Invoice INV-0001 issued",
        issue_postings(d("120"), d("20"), gbp).unwrap(),
    )
    .await;
    let r_pay1a = post(
        env,
        acc,
        "2026-10-20",
        (&inv1, "INV-0001"),
        "Payment of INV-0001",
        payment_postings(d("50"), gbp).unwrap(),
    )
    .await;
    let r_issue2 = post(
        env,
        acc,
        "2026-11-10",
        (&inv2, "INV-0002"),
        "Invoice INV-0002 issued",
        issue2.clone(),
    )
    .await;
    let r_pay1b = post(
        env,
        acc,
        "2026-11-02",
        (&inv1, "INV-0001"),
        "Payment of INV-0001",
        payment_postings(d("70"), gbp).unwrap(),
    )
    .await;
    let r_cancel2 = post(
        env,
        acc,
        "2026-11-12",
        (&inv2, "INV-0002"),
        "Invoice INV-0002 cancelled",
        reversal(&issue2),
    )
    .await;
    let r_pay3 = post(
        env,
        acc,
        "2026-11-20",
        (&inv3, "INV-0003"),
        "Payment of INV-0003",
        payment_postings(d("300"), eur).unwrap(),
    )
    .await;
    let r_zero4 = post(
        env,
        acc,
        "2026-11-21",
        (&inv4, "INV-0004"),
        "Invoice INV-0004 issued",
        issue_postings(d("0"), d("0"), usd).unwrap(),
    )
    .await;
    post(
        env,
        &b.account_id,
        "2026-11-03",
        (&inv5, "INV-0001"),
        "Invoice INV-0001 issued",
        issue_postings(d("999"), d("0"), gbp).unwrap(),
    )
    .await;
    Books {
        a,
        b,
        inv1,
        inv2,
        inv3,
        all: vec![
            r_issue1, r_pay1a, r_pay1b, r_issue2, r_cancel2, r_issue3, r_pay3, r_zero4,
        ],
    }
}

fn ids(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

fn record_ids<'a>(records: impl IntoIterator<Item = &'a LedgerRecord>) -> Vec<String> {
    records.into_iter().map(|r| r.id.clone()).collect()
}

#[tokio::test]
async fn the_journal_is_chronological_with_every_field() {
    let env = TestEnv::new();
    let books = books(&env).await;
    let (status, _, page) = get(&app(&env), "/v1/ledger/transactions", Some(&books.a)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(ids(&page), record_ids(&books.all));
    assert_eq!(page["next_cursor"], Value::Null);
    assert_eq!(
        page["data"][0],
        json!({
            "id": books.all[0].id,
            "date": "2026-10-05",
            "description": "Invoice INV-0001 issued",
            "document_id": books.inv1,
            "document_number": "INV-0001",
            "currency": "GBP",
            "kind": "issue",
            "entries": [
                {"account": "1100", "name": "Accounts receivable", "debit": "120.00", "credit": "0.00"},
                {"account": "4000", "name": "Sales", "debit": "0.00", "credit": "100.00"},
                {"account": "2200", "name": "Tax payable", "debit": "0.00", "credit": "20.00"},
            ]
        })
    );
    let cancel = &page["data"][4];
    assert_eq!(cancel["kind"], "cancel");
    assert_eq!(
        cancel["entries"][0],
        json!({"account": "1100", "name": "Accounts receivable", "debit": "0.00", "credit": "240.00"})
    );
    let zero = &page["data"][7];
    assert_eq!(zero["currency"], "USD");
    assert_eq!(zero["entries"], json!([]));
}

#[tokio::test]
async fn months_and_documents_filter_with_one_query() {
    let env = TestEnv::new();
    let books = books(&env).await;
    let (app, counting, _) = env.counting_app(uome_invoices::api());
    let a = Some(&books.a);
    counting.take();

    let (status, _, october) = get(&app, "/v1/ledger/transactions?month=2026-10", a).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&october), record_ids(&books.all[..2]));
    assert_eq!(counting.take().get("query"), Some(&1));

    let (_, _, november) = get(&app, "/v1/ledger/transactions?month=2026-11", a).await;
    assert_eq!(ids(&november), record_ids(&books.all[2..]));
    let (_, _, december) = get(&app, "/v1/ledger/transactions?month=2026-12", a).await;
    assert_eq!(december["data"], json!([]));

    counting.take();
    let uri = format!("/v1/ledger/transactions?document_id={}", books.inv1);
    let (_, _, inv1) = get(&app, &uri, a).await;
    assert_eq!(ids(&inv1), record_ids(&books.all[..3]));
    assert_eq!(counting.take().get("query"), Some(&1));

    let uri = format!(
        "/v1/ledger/transactions?document_id={}&month=2026-11",
        books.inv1
    );
    let (_, _, inv1_november) = get(&app, &uri, a).await;
    assert_eq!(ids(&inv1_november), record_ids(&books.all[2..3]));

    let uri = format!("/v1/ledger/transactions?document_id={}", books.inv2);
    let (_, _, inv2) = get(&app, &uri, a).await;
    let kinds: Vec<_> = inv2["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["issue", "cancel"]);

    // An id that names nothing is an empty page; one that cannot be an id
    // is a 400 naming the parameter (not an empty page that looks real).
    let (_, _, unknown) = get(
        &app,
        "/v1/ledger/transactions?document_id=0193a9b6-7c1e-7f00-8a00-000000000001",
        a,
    )
    .await;
    assert_eq!(unknown["data"], json!([]));
    let (status, _, refused) = get(
        &app,
        "/v1/ledger/transactions?document_id=no-such-document",
        a,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert_eq!(refused["code"], "invalid_query");
    assert!(
        refused["detail"].as_str().unwrap().contains("document_id"),
        "{refused}"
    );
}

#[tokio::test]
async fn pages_follow_the_cursor_and_cursors_stay_in_their_list() {
    let env = TestEnv::new();
    let books = books(&env).await;
    let app = app(&env);
    let a = Some(&books.a);
    let mut seen = Vec::new();
    let mut sizes = Vec::new();
    let mut uri = "/v1/ledger/transactions?limit=3".to_string();
    loop {
        let (status, _, page) = get(&app, &uri, a).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        sizes.push(page["data"].as_array().unwrap().len());
        seen.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/v1/ledger/transactions?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(sizes, [3, 3, 2]);
    assert_eq!(seen, record_ids(&books.all));

    // A November cursor continues November only.
    let (_, _, first) = get(&app, "/v1/ledger/transactions?month=2026-11&limit=2", a).await;
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let (status, _, second) = get(
        &app,
        &format!("/v1/ledger/transactions?month=2026-11&limit=2&cursor={cursor}"),
        a,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&second), record_ids(&books.all[4..6]));
    for other in [
        format!("/v1/ledger/transactions?cursor={cursor}"),
        format!("/v1/ledger/transactions?month=2026-10&cursor={cursor}"),
        format!(
            "/v1/ledger/transactions?month=2026-11&document_id={}&cursor={cursor}",
            books.inv3
        ),
    ] {
        let (status, _, problem) = get(&app, &other, a).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{other}");
        assert_eq!(problem["code"], "invalid_cursor");
    }
    // Nor does it open for another account.
    let (status, _, problem) = get(
        &app,
        &format!("/v1/ledger/transactions?month=2026-11&limit=2&cursor={cursor}"),
        Some(&books.b),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["code"], "invalid_cursor");
}

#[tokio::test]
async fn another_account_sees_only_its_own_books() {
    let env = TestEnv::new();
    let books = books(&env).await;
    let app = app(&env);
    let b = Some(&books.b);
    let (_, _, page) = get(&app, "/v1/ledger/transactions", b).await;
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    assert_eq!(page["data"][0]["entries"][0]["debit"], "999.00");
    for id in [&books.inv1, &books.inv2, &books.inv3] {
        let (status, _, page) = get(
            &app,
            &format!("/v1/ledger/transactions?document_id={id}"),
            b,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["data"], json!([]));
    }
    let (_, _, balances) = get(&app, "/v1/ledger/balances", b).await;
    assert_eq!(balances["currencies"], json!(["GBP"]));
    assert_eq!(balances["data"][1]["balance"], "999.00");
    assert_eq!(balances["total_debit"], "999.00");
}

fn rows(balances: &Value) -> Vec<(String, String, String, String)> {
    balances["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("account"), s("debit"), s("credit"), s("balance"))
        })
        .collect()
}

fn row(
    account: &str,
    debit: &str,
    credit: &str,
    balance: &str,
) -> (String, String, String, String) {
    (
        account.to_string(),
        debit.to_string(),
        credit.to_string(),
        balance.to_string(),
    )
}

#[tokio::test]
async fn trial_balances_are_per_currency_and_balance() {
    let env = TestEnv::new();
    let books = books(&env).await;
    let app = app(&env);
    let a = Some(&books.a);

    // No company details yet: the default currency is GBP.
    let (status, _, gbp) = get(&app, "/v1/ledger/balances", a).await;
    assert_eq!(status, StatusCode::OK, "{gbp}");
    assert_eq!(gbp["currency"], "GBP");
    assert_eq!(gbp["currencies"], json!(["EUR", "GBP"]));
    assert_eq!(
        rows(&gbp),
        [
            row("1000", "120.00", "0.00", "120.00"),
            row("1100", "360.00", "360.00", "0.00"),
            row("2100", "0.00", "0.00", "0.00"),
            row("2200", "40.00", "60.00", "-20.00"),
            row("4000", "200.00", "300.00", "-100.00"),
            row("4900", "0.00", "0.00", "0.00"),
            row("5000", "0.00", "0.00", "0.00"),
        ]
    );
    assert_eq!(gbp["data"][1]["name"], "Accounts receivable");
    assert_eq!(
        (&gbp["total_debit"], &gbp["total_credit"]),
        (&json!("720.00"), &json!("720.00"))
    );

    let (_, _, eur) = get(&app, "/v1/ledger/balances?currency=EUR", a).await;
    assert_eq!(eur["currency"], "EUR");
    assert_eq!(
        rows(&eur),
        [
            row("1000", "300.00", "0.00", "300.00"),
            row("1100", "1000.00", "300.00", "700.00"),
            row("2100", "0.00", "0.00", "0.00"),
            row("2200", "0.00", "190.00", "-190.00"),
            row("4000", "0.00", "810.00", "-810.00"),
            row("4900", "0.00", "0.00", "0.00"),
            row("5000", "0.00", "0.00", "0.00"),
        ]
    );
    assert_eq!(
        (&eur["total_debit"], &eur["total_credit"]),
        (&json!("1300.00"), &json!("1300.00"))
    );

    // A currency without postings: the whole chart at zero, at its scale.
    let (_, _, jpy) = get(&app, "/v1/ledger/balances?currency=JPY", a).await;
    assert_eq!(jpy["data"].as_array().unwrap().len(), 7);
    assert_eq!(jpy["data"][0]["balance"], "0");
    assert_eq!(jpy["total_debit"], "0");

    // The company's default currency is the default ledger.
    company::update(
        &env.ctx.ports,
        &books.a.account_id,
        CompanyInput {
            name: "Acme Ltd".into(),
            default_currency: Some("EUR".into()),
            ..CompanyInput::default()
        },
        None,
    )
    .await
    .unwrap();
    let (_, _, default) = get(&app, "/v1/ledger/balances", a).await;
    assert_eq!(default, eur);
}

#[tokio::test]
async fn bad_queries_are_problems() {
    let env = TestEnv::new();
    let books = books(&env).await;
    let app = app(&env);
    for uri in [
        "/v1/ledger/transactions?month=2026-13",
        "/v1/ledger/transactions?month=2026-1",
        "/v1/ledger/transactions?month=november",
        "/v1/ledger/transactions?month=2026-11-01",
        "/v1/ledger/transactions?limit=0",
        "/v1/ledger/transactions?limit=201",
        "/v1/ledger/transactions?cursor=forged",
        "/v1/ledger/balances?currency=ZZZ",
    ] {
        let (status, content_type, problem) = get(&app, uri, Some(&books.a)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(content_type, "application/problem+json", "{uri}");
        assert!(
            ["invalid_query", "invalid_cursor"].contains(&problem["code"].as_str().unwrap()),
            "{uri}: {problem}"
        );
    }
    for uri in ["/v1/ledger/transactions", "/v1/ledger/balances"] {
        let (status, content_type, _) = get(&app, uri, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(content_type, "application/problem+json");
    }
}

#[tokio::test]
async fn core_reads_follow_every_page() {
    let env = TestEnv::new();
    let books = books(&env).await;
    let ports = &env.ctx.ports;
    let acc = &books.a.account_id;

    let inv1 = ledger::for_document(ports, acc, &books.inv1).await.unwrap();
    assert_eq!(record_ids(&inv1), record_ids(&books.all[..3]));
    assert_eq!(inv1[0], books.all[0]);
    assert!(
        ledger::for_document(ports, &books.b.account_id, &books.inv1)
            .await
            .unwrap()
            .is_empty()
    );

    // One row per page: every cursor is followed, nothing is repeated.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let (records, next) = ledger::list_transactions(
            ports,
            acc,
            LedgerFilter {
                month: Some((2026, 11)),
                document_id: None,
            },
            1,
            after,
        )
        .await
        .unwrap();
        seen.extend(records);
        match next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(record_ids(&seen), record_ids(&books.all[2..]));

    let all = ledger::all_transactions(ports, acc).await.unwrap();
    assert_eq!(all, books.all);
    let balances = ledger::balances(ports, acc, Some(Currency::GBP))
        .await
        .unwrap();
    assert!(balances.trial_balance.is_balanced());
}

//! Purchase orders over real HTTP on the local server, in seed 002's
//! shapes (API.md §9): three orders listed with `records`, trimmed by
//! `fields`, sorted by `order`, narrowed by `filter`; one order received in
//! two parts, billed and paid, with its KPIs and the trial balance right at
//! each step; the vendor's own list and KPIs; another account sees none of
//! it.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

async fn ok(
    t: &TestServer,
    a: &TestAccount,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    t.expect_ok(a, method, path, body).await
}

async fn balance(t: &TestServer, a: &TestAccount, account: &str) -> String {
    t.ledger_balance(a, "EUR", account).await
}

#[tokio::test]
async fn three_orders_listed_the_seeds_way_and_one_taken_to_a_paid_bill() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    ok(
        &t,
        &a,
        Method::PUT,
        "/v1/account/company",
        Some(json!({"name": "Biz GmbH", "default_currency": "EUR"})),
    )
    .await;
    let vendor = ok(
        &t,
        &a,
        Method::POST,
        "/v1/contacts",
        Some(
            json!({"company_name": "Holz AG", "roles": ["vendor"], "email": "orders@holz.example"}),
        ),
    )
    .await;
    let vendor_id = vendor["id"].as_str().unwrap();
    let item = ok(
        &t,
        &a,
        Method::POST,
        "/v1/items",
        Some(json!({"name": "Oak board", "sales_price": "30.00", "purchase_price": "12.50", "currency": "EUR", "unit": "pcs"})),
    )
    .await;
    let mut ids = Vec::new();
    for (day, quantity) in [("2026-11-03", 40), ("2026-11-01", 10), ("2026-11-02", 20)] {
        let created = ok(
            &t,
            &a,
            Method::POST,
            "/v1/purchase-orders",
            Some(json!({
                "account_id": vendor_id, "issue_date": day, "due_date": "2026-12-31",
                "custom_attributes": [{"name": "Project", "value": "Fit-out"}],
                "lines": [{"item_id": item["id"], "item_quantity": quantity, "tax_rate": 20,
                           "cost_of_goods_sold": "5000"}]
            })),
        )
        .await;
        ids.push(
            created["purchase_order"]["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }

    // The seed's list: every key, records, page links.
    let list = ok(&t, &a, Method::GET, "/v1/purchase-orders?limit=2", None).await;
    assert_eq!(list["pagination"]["records"], 3);
    assert_eq!(list["pagination"]["limit"], 2);
    assert_eq!(list["pagination"]["previous_page"], Value::Null);
    let next = list["pagination"]["next_page"].as_str().unwrap();
    assert!(
        next.starts_with("http://") && next.contains("/v1/purchase-orders?limit=2&offset=2"),
        "{next}"
    );
    let first = &list["purchase_orders"][0];
    assert_eq!(first["issue_date"], "2026-11-03");
    assert_eq!(first["currency"]["uuid"], "EUR");
    assert_eq!(first["total"], "600.00");
    assert_eq!(
        first["lines"][0]["item_price_snapshot"]["pricing_rule"]["price"],
        "12.50"
    );
    assert_eq!(
        first["lines"][0]["item_accounting_code"]["cost_of_goods_sold"],
        "5000"
    );
    assert_eq!(first["kpis"]["estimated_total"], "600.00");
    assert_eq!(first["custom_attributes"][0]["name"], "Project");
    // fields= trims, id stays.
    let trimmed = ok(
        &t,
        &a,
        Method::GET,
        "/v1/purchase-orders?fields=number,total",
        None,
    )
    .await;
    let keys: Vec<&String> = trimmed["purchase_orders"][0]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys, ["id", "number", "total"]);
    // order= sorts; filter= narrows.
    let ascending = ok(
        &t,
        &a,
        Method::GET,
        "/v1/purchase-orders?order=issue_date:asc&fields=issue_date",
        None,
    )
    .await;
    let dates: Vec<&str> = ascending["purchase_orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["issue_date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-11-01", "2026-11-02", "2026-11-03"]);
    let since = ok(
        &t,
        &a,
        Method::GET,
        "/v1/purchase-orders?filter=issue_date%3E%3D2026-11-02",
        None,
    )
    .await;
    assert_eq!(since["pagination"]["records"], 2);
    for (query, parameter) in [
        ("limit=201", "limit"),
        ("offset=-1", "offset"),
        ("filter=colour:red", "filter"),
        ("order=price", "order"),
        ("fields=colour", "fields"),
    ] {
        let (status, problem) = t
            .call(
                &a,
                Method::GET,
                &format!("/v1/purchase-orders?{query}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {problem}");
        assert!(
            problem["detail"].as_str().unwrap().starts_with(parameter),
            "{problem}"
        );
    }

    // One order from issue to a paid bill.
    let id = &ids[0];
    let path = format!("/v1/purchase-orders/{id}");
    let whole = ok(&t, &a, Method::GET, &path, None).await;
    let uuid = whole["purchase_order"]["lines"][0]["uuid"]
        .as_str()
        .unwrap()
        .to_string();
    let info = ok(&t, &a, Method::GET, &format!("{path}/information"), None).await;
    assert!(
        info["purchase_order"].get("lines").is_none()
            && info["purchase_order"].get("kpis").is_none()
    );
    let line = ok(&t, &a, Method::GET, &format!("{path}/lines/{uuid}"), None).await;
    assert_eq!(line["purchase_order"]["line"]["item_quantity"], "40");
    ok(&t, &a, Method::POST, &format!("{path}/issue"), None).await;
    let part = ok(
        &t,
        &a,
        Method::POST,
        &format!("{path}/receive"),
        Some(json!({"lines": [{"uuid": uuid, "quantity": 15}]})),
    )
    .await;
    assert_eq!(part["purchase_order"]["status"], "partially_received");
    let (status, problem) = t
        .call(
            &a,
            Method::POST,
            &format!("{path}/receive"),
            Some(json!({"lines": [{"uuid": uuid, "quantity": 26}]})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let all = ok(
        &t,
        &a,
        Method::POST,
        &format!("{path}/receive"),
        Some(json!({"lines": [{"uuid": uuid, "quantity": 25}]})),
    )
    .await;
    assert_eq!(all["purchase_order"]["status"], "received");
    assert_eq!(all["purchase_order"]["lines"][0]["received_quantity"], "40");
    let billed = ok(
        &t,
        &a,
        Method::POST,
        &format!("{path}/bill"),
        Some(json!({"supplier_invoice_id": "HOLZ-118", "issue_date": "2026-11-05", "total": "600.00"})),
    )
    .await;
    let kpis = &billed["purchase_order"]["kpis"];
    assert_eq!(
        (
            kpis["total_expense"].as_str(),
            kpis["total_outstanding"].as_str()
        ),
        (Some("600.00"), Some("600.00"))
    );
    assert_eq!(kpis["last_invoice_total"], "600.00");
    assert_eq!(balance(&t, &a, "2100").await, "-600.00");
    assert_eq!(balance(&t, &a, "5000").await, "500.00");
    let paid = ok(
        &t,
        &a,
        Method::POST,
        &format!("{path}/pay"),
        Some(json!({"amount": "250.00", "method": "bank_transfer"})),
    )
    .await;
    assert_eq!(
        paid["purchase_order"]["kpis"]["total_outstanding"],
        "350.00"
    );
    ok(
        &t,
        &a,
        Method::POST,
        &format!("{path}/pay"),
        Some(json!({"method": "bank_transfer"})),
    )
    .await;
    assert_eq!(balance(&t, &a, "2100").await, "0.00");
    assert_eq!(balance(&t, &a, "1000").await, "-600.00");
    let (status, problem) = t
        .call(&a, Method::POST, &format!("{path}/cancel"), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["current_status"], "billed");

    // The vendor's orders and KPIs.
    let mine = ok(
        &t,
        &a,
        Method::GET,
        &format!("/v1/accounts/{vendor_id}/purchase-orders?fields=number"),
        None,
    )
    .await;
    assert_eq!(mine["account"]["pagination"]["records"], 3);
    assert_eq!(mine["account"]["kpis"][0]["total_expense"], "600.00");
    assert_eq!(mine["account"]["kpis"][0]["estimated_total"], "1050.00");

    // Another account: nothing.
    let stranger = t.account(true).await;
    let (status, _) = t.call(&stranger, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = t
        .call(
            &stranger,
            Method::GET,
            &format!("{path}/lines/{uuid}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = t
        .call(
            &stranger,
            Method::GET,
            &format!("/v1/accounts/{vendor_id}/purchase-orders"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let theirs = ok(&t, &stranger, Method::GET, "/v1/purchase-orders", None).await;
    assert_eq!(theirs["pagination"]["records"], 0);
    let (status, problem) = t.call(
        &stranger,
        Method::POST,
        "/v1/purchase-orders",
        Some(json!({"account_id": vendor_id, "lines": [{"item_name": "X", "item_quantity": 1, "price": 1}]})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "account_id");
}

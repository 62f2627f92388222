//! Orders and the till over real HTTP on the local server (API.md §8,
//! §10): a client orders from the portal, reminds twice (the second is
//! throttled), the business approves into an issued invoice with its
//! posting; ordering while it is off is refused. A Swiss shop sells for
//! 9.98 in cash against 10.00, refunds one line of another sale, and its
//! day's summary splits at midnight in Zurich, not in UTC.

use chrono::{TimeZone, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

async fn ok(t: &TestServer, a: &TestAccount, method: Method, path: &str, body: Value) -> Value {
    t.expect_ok(a, method, path, Some(body)).await
}

async fn outbox_subjects(t: &TestServer) -> Vec<(String, String)> {
    t.outbox()
        .await
        .iter()
        .map(|m| {
            (
                m["to"].to_string(),
                m["subject"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_client_orders_reminds_and_the_business_approves_into_an_issued_invoice() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    ok(
        &t,
        &a,
        Method::PUT,
        "/v1/account/company",
        json!({"name": "Biz Ltd", "email": "orders@biz.example"}),
    )
    .await;
    let contact = ok(
        &t,
        &a,
        Method::POST,
        "/v1/contacts",
        json!({"company_name": "Client GmbH", "email": "buyer@client.example", "roles": ["customer"]}),
    )
    .await;
    let other = ok(
        &t,
        &a,
        Method::POST,
        "/v1/contacts",
        json!({"company_name": "Other AG", "roles": ["customer"]}),
    )
    .await;
    let item = ok(
        &t,
        &a,
        Method::POST,
        "/v1/items",
        json!({"name": "Widget", "sales_price": "12.50", "currency": "GBP", "tax_rate": "20"}),
    )
    .await;
    let token_of = |contact: &Value| {
        let path = format!(
            "/v1/contacts/{}/portal-token",
            contact["id"].as_str().unwrap()
        );
        let (t, a) = (&t, &a);
        async move {
            let issued = ok(t, a, Method::POST, &path, json!({})).await;
            format!("Bearer {}", issued["token"].as_str().unwrap())
        }
    };
    let portal = token_of(&contact).await;
    let stranger = token_of(&other).await;
    let order =
        json!({"lines": [{"item_id": item["id"], "quantity": 2}], "notes": "By Friday, please"});

    // Ordering is off: refused on both sides.
    let (status, problem) = t
        .call_as(&portal, Method::GET, "/v1/portal/catalogue", &[], None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    assert_eq!(problem["code"], "ordering_disabled");
    let (status, _) = t
        .call_as(
            &portal,
            Method::POST,
            "/v1/portal/orders",
            &[],
            Some(order.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut entered = order.clone();
    entered["contact_id"] = contact["id"].clone();
    let (status, _) = t.call(&a, Method::POST, "/v1/orders", Some(entered)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    ok(
        &t,
        &a,
        Method::PUT,
        "/v1/account/settings/purchase-orders",
        json!({"status": "A"}),
    )
    .await;
    let (status, catalogue) = t
        .call_as(&portal, Method::GET, "/v1/portal/catalogue", &[], None)
        .await;
    assert_eq!(status, StatusCode::OK, "{catalogue}");
    assert_eq!(catalogue["data"][0]["price"], "12.50");

    let key = [("idempotency-key", "order-widget-1")];
    let (status, placed) = t
        .call_as(
            &portal,
            Method::POST,
            "/v1/portal/orders",
            &key,
            Some(order.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{placed}");
    assert_eq!(placed["number"], "ORD-0001");
    assert_eq!(placed["total"], "30.00");
    let (status, replayed) = t
        .call_as(
            &portal,
            Method::POST,
            "/v1/portal/orders",
            &key,
            Some(order),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(replayed["id"], placed["id"]);
    let id = placed["id"].as_str().unwrap();

    // Reminders: the first emails the business, the second is throttled.
    let remind = format!("/v1/portal/orders/{id}/remind");
    let (status, _) = t.call_as(&portal, Method::POST, &remind, &[], None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, headers, problem) = t.call_full(&portal, Method::POST, &remind, &[], None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{problem}");
    let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait > 86_000 && wait <= 86_400, "{wait}");
    let mails = outbox_subjects(&t).await;
    let to_business: Vec<&str> = mails
        .iter()
        .filter(|(to, _)| to.contains("orders@biz.example"))
        .map(|(_, subject)| subject.as_str())
        .collect();
    assert_eq!(
        to_business,
        [
            "New order ORD-0001 from Client GmbH",
            "Waiting for your answer: order ORD-0001 from Client GmbH"
        ]
    );
    let (status, _) = t
        .call_as(
            &stranger,
            Method::GET,
            &format!("/v1/portal/orders/{id}"),
            &[],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The business approves: an issued invoice, on the books at once.
    let approved = ok(
        &t,
        &a,
        Method::POST,
        &format!("/v1/orders/{id}/approve"),
        json!({}),
    )
    .await;
    assert_eq!(approved["order"]["status"], "approved");
    let invoice_id = approved["invoice"]["id"].as_str().unwrap();
    let (status, invoice) = t
        .call(&a, Method::GET, &format!("/v1/invoices/{invoice_id}"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(invoice["status"], "issued");
    assert_eq!(invoice["source"], "order");
    assert_eq!(invoice["source_id"], id);
    assert_eq!(invoice["lines"][0]["description"], "Widget");
    assert_eq!(t.ledger_balance(&a, "GBP", "1100").await, "30.00");
    assert_eq!(t.ledger_balance(&a, "GBP", "4000").await, "-25.00");
    assert_eq!(t.ledger_balance(&a, "GBP", "2200").await, "-5.00");
    let (status, again) = t
        .call(&a, Method::POST, &format!("/v1/orders/{id}/approve"), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again["invoice_id"], invoice["id"]);
    let (status, mine) = t
        .call_as(
            &portal,
            Method::GET,
            &format!("/v1/portal/orders/{id}"),
            &[],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mine["status"], "approved");
    assert_eq!(mine["invoice_id"], invoice["id"]);
}

#[tokio::test]
async fn a_swiss_till_rounds_cash_refunds_a_line_and_closes_the_day_at_zurich_midnight() {
    // 23:59:59 on 5 December in Zurich (CET, UTC+1).
    let t = TestServer::start_at(Utc.with_ymd_and_hms(2026, 12, 5, 22, 59, 59).unwrap()).await;
    let a = t.account(true).await;
    ok(
        &t,
        &a,
        Method::PUT,
        "/v1/account/company",
        json!({"name": "Café Zürich AG", "default_currency": "CHF", "timezone": "Europe/Zurich"}),
    )
    .await;
    let sold = ok(
        &t,
        &a,
        Method::POST,
        "/v1/pos/sales",
        json!({"payment_method": "cash", "amount_tendered": "10.00", "lines": [
            {"description": "Espresso beans", "quantity": 1, "unit_price": "9.98", "tax_rate": "0"}
        ]}),
    )
    .await;
    assert_eq!(sold["receipt_number"], "RCT-0001");
    assert_eq!(sold["sale"]["total"], "9.98");
    assert_eq!(sold["sale"]["amount_paid"], "10.00");
    assert_eq!(sold["sale"]["rounding"], "0.02");
    assert_eq!(sold["change_due"], "0.00");
    assert_eq!(sold["invoice"]["status"], "paid");
    assert_eq!(t.ledger_balance(&a, "CHF", "1000").await, "10.00");
    assert_eq!(t.ledger_balance(&a, "CHF", "1100").await, "0.00");
    assert_eq!(t.ledger_balance(&a, "CHF", "4000").await, "-9.98");
    assert_eq!(t.ledger_balance(&a, "CHF", "4900").await, "-0.02");

    // One second later it is the 6th in Zurich (and still the 5th in UTC).
    t.set_time(Utc.with_ymd_and_hms(2026, 12, 5, 23, 0, 0).unwrap());
    let second = ok(
        &t,
        &a,
        Method::POST,
        "/v1/pos/sales",
        json!({"payment_method": "card", "lines": [
            {"description": "Mug", "quantity": 2, "unit_price": "12.00", "tax_rate": "8.1"},
            {"description": "Tea", "quantity": 1, "unit_price": "5.00", "tax_rate": "2.6"}
        ]}),
    )
    .await;
    assert_eq!(second["receipt_number"], "RCT-0002");
    assert_eq!(second["sale"]["total"], "31.07");
    let id = second["sale"]["id"].as_str().unwrap();
    let refunded = ok(
        &t,
        &a,
        Method::POST,
        &format!("/v1/pos/sales/{id}/refund"),
        json!({"reason": "Tea was the wrong one", "lines": [{"line_position": 2, "quantity": 1}]}),
    )
    .await;
    assert_eq!(refunded["refund"]["paid_back"], "5.13");
    assert_eq!(refunded["sale"]["refunded"], "5.13");
    assert_eq!(t.ledger_balance(&a, "CHF", "1000").await, "35.94");
    assert_eq!(t.ledger_balance(&a, "CHF", "1100").await, "0.00");

    let day = |date: &'static str| {
        let (t, a) = (&t, &a);
        async move {
            let (status, summary) = t
                .call(
                    a,
                    Method::GET,
                    &format!("/v1/pos/summary?date={date}"),
                    None,
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{summary}");
            summary
        }
    };
    let fifth = day("2026-12-05").await;
    assert_eq!(fifth["time_zone"], "Europe/Zurich");
    assert_eq!(fifth["currencies"][0]["count"], 1);
    assert_eq!(fifth["currencies"][0]["gross"], "9.98");
    assert_eq!(fifth["currencies"][0]["net_takings"], "10.00");
    assert_eq!(fifth["currencies"][0]["refunds"], 0);
    let sixth = day("2026-12-06").await;
    let chf = &sixth["currencies"][0];
    assert_eq!(chf["count"], 1);
    assert_eq!(chf["gross"], "31.07");
    assert_eq!(chf["refunds"], 1);
    assert_eq!(chf["paid_back"], "5.13");
    assert_eq!(chf["net_takings"], "25.94");
    let (status, list) = t
        .call(&a, Method::GET, "/v1/pos/sales?date=2026-12-05", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    assert_eq!(list["data"][0]["receipt_number"], "RCT-0001");
    // Today (the 6th in Zurich) by default.
    let (_, today) = t.call(&a, Method::GET, "/v1/pos/sales", None).await;
    assert_eq!(today["data"][0]["receipt_number"], "RCT-0002");
}

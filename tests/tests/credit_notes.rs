//! Credit notes and payment corrections over real HTTP on the local server
//! (API.md §7b): an invoice of 119.00 (100.00 + 19 % VAT) paid in full, a
//! credit note for one of its two lines, the contact's credit, its refund,
//! with the ledger balanced after every step; a reversed payment; a yen
//! and a dinar invoice credited whole, mirrored to the minor unit.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

async fn customer(t: &TestServer, a: &TestAccount) -> String {
    let (status, contact) = t
        .call(
            a,
            Method::POST,
            "/v1/contacts",
            Some(json!({"company_name": "Kunde AG", "email": "ap@kunde.example"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    contact["id"].as_str().unwrap().to_string()
}

async fn issued(t: &TestServer, a: &TestAccount, body: Value) -> Value {
    let mut body = body;
    body["status"] = json!("issued");
    let (status, invoice) = t.call(a, Method::POST, "/v1/invoices", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{invoice}");
    invoice
}

/// The trial balance of `currency`, checked to balance: the balance of
/// 1100.
async fn receivables(t: &TestServer, a: &TestAccount, currency: &str) -> String {
    let (status, books) = t
        .call(
            a,
            Method::GET,
            &format!("/v1/ledger/balances?currency={currency}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{books}");
    assert_eq!(books["total_debit"], books["total_credit"], "{books}");
    books["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["account"] == "1100")
        .map(|row| row["balance"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_paid_invoice_credited_in_part_leaves_credit_that_is_refunded() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let c = customer(&t, &a).await;
    let invoice = issued(
        &t,
        &a,
        json!({"contact_id": c, "currency": "EUR", "lines": [
            {"description": "Beratung", "quantity": 1, "unit_price": "60.00", "tax_rate": 19},
            {"description": "Material", "quantity": 2, "unit_price": "20.00", "tax_rate": 19}
        ]}),
    )
    .await;
    assert_eq!(invoice["total"], "119.00");
    let id = invoice["id"].as_str().unwrap();
    let (status, _) = t
        .call(
            &a,
            Method::POST,
            &format!("/v1/invoices/{id}/mark-paid"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(receivables(&t, &a, "EUR").await, "0.00");

    // Credit the material (line 2): 40.00 + 7.60 VAT, all of it credit.
    let (status, note) = t
        .call(
            &a,
            Method::POST,
            &format!("/v1/invoices/{id}/credit-notes"),
            Some(json!({"reason": "Material returned", "lines": [{"line_position": 2, "quantity": 2}]})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{note}");
    assert_eq!(note["total"], "47.60");
    assert_eq!(note["tax_amount"], "7.60");
    assert_eq!(note["credit"], "47.60");
    assert_eq!(note["invoice_number"], invoice["number"]);
    let note_id = note["id"].as_str().unwrap();
    assert_eq!(receivables(&t, &a, "EUR").await, "-47.60");

    let (_, read) = t
        .call(&a, Method::GET, &format!("/v1/invoices/{id}"), None)
        .await;
    assert_eq!(read["credited_amount"], "47.60");
    assert_eq!(read["credit_note_ids"], json!([note_id]));
    assert_eq!(read["status"], "paid");
    let (_, contact) = t
        .call(&a, Method::GET, &format!("/v1/contacts/{c}"), None)
        .await;
    assert_eq!(contact["credit_balance"], json!({"EUR": "47.60"}));
    let pdf = t
        .client
        .get(t.url(&format!("/v1/credit-notes/{note_id}/pdf")))
        .header("authorization", a.bearer())
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), StatusCode::OK);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));

    // More than the credit: 422; then all of it back.
    let refund = format!("/v1/credit-notes/{note_id}/refund");
    let (status, problem) = t
        .call(
            &a,
            Method::POST,
            &refund,
            Some(json!({"amount": "47.61", "method": "bank_transfer"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "amount");
    let (status, refunded) = t
        .call(
            &a,
            Method::POST,
            &refund,
            Some(json!({"method": "bank_transfer"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{refunded}");
    assert_eq!(refunded["open_credit"], "0.00");
    assert_eq!(receivables(&t, &a, "EUR").await, "0.00");
    let (_, contact) = t
        .call(&a, Method::GET, &format!("/v1/contacts/{c}"), None)
        .await;
    assert_eq!(contact["credit_balance"], json!({}));

    // Another account sees none of it.
    let b = t.account(true).await;
    let (status, _) = t
        .call(
            &b,
            Method::GET,
            &format!("/v1/credit-notes/{note_id}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = t
        .call(&b, Method::POST, &refund, Some(json!({"method": "cash"})))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = t
        .call(
            &a,
            Method::GET,
            &format!("/v1/credit-notes?invoice_id={id}"),
            None,
        )
        .await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_reversed_payment_restores_partially_paid_and_is_listed() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let c = customer(&t, &a).await;
    let invoice = issued(
        &t,
        &a,
        json!({"contact_id": c, "currency": "GBP", "lines": [{"description": "Work", "unit_price": "100.00"}]}),
    )
    .await;
    let id = invoice["id"].as_str().unwrap();
    let pay = |amount: &str| json!({"amount": amount, "method": "cheque"});
    let payments = format!("/v1/invoices/{id}/payments");
    t.call(&a, Method::POST, &payments, Some(pay("40.00")))
        .await;
    let (_, bounced) = t
        .call(&a, Method::POST, &payments, Some(pay("60.00")))
        .await;
    let reverse = format!(
        "/v1/invoices/{id}/payments/{}/reverse",
        bounced["id"].as_str().unwrap()
    );
    let (status, reversed) = t
        .call(
            &a,
            Method::POST,
            &reverse,
            Some(json!({"reason": "Cheque bounced"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reversed}");
    assert_eq!(reversed["invoice"]["status"], "partially_paid");
    assert_eq!(reversed["invoice"]["amount_due"], "60.00");
    assert_eq!(reversed["payment"]["reversal_reason"], "Cheque bounced");
    let (status, again) = t
        .call(&a, Method::POST, &reverse, Some(json!({"reason": "Again"})))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again["code"], "payment_reversed");
    assert_eq!(receivables(&t, &a, "GBP").await, "60.00");

    let (status, all) = t
        .call(&a, Method::GET, "/v1/payments?method=cheque", None)
        .await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let listed = all["data"].as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().any(|p| p["reversed_at"].is_string()));
}

#[tokio::test]
async fn yen_and_dinar_invoices_credited_whole_mirror_to_the_minor_unit() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let c = customer(&t, &a).await;
    for (currency, price, zero) in [("JPY", "1333", "0"), ("BHD", "10.333", "0.000")] {
        let invoice = issued(
            &t,
            &a,
            json!({"contact_id": c, "currency": currency, "lines": [
                {"description": "A", "quantity": 3, "unit_price": price, "tax_rate": 7.7},
                {"description": "B", "quantity": 1, "unit_price": price, "tax_rate": 0}
            ]}),
        )
        .await;
        let id = invoice["id"].as_str().unwrap();
        let (status, note) = t
            .call(
                &a,
                Method::POST,
                &format!("/v1/invoices/{id}/credit-notes"),
                Some(json!({"reason": "Wrong customer"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{note}");
        for field in ["subtotal", "tax_amount", "total", "tax_breakdown"] {
            assert_eq!(note[field], invoice[field], "{currency} {field}");
        }
        let (_, read) = t
            .call(&a, Method::GET, &format!("/v1/invoices/{id}"), None)
            .await;
        assert_eq!(read["status"], "credited");
        assert_eq!(receivables(&t, &a, currency).await, zero);
    }
}

//! List pages of documents over HTTP: summaries without lines unless
//! `?expand=lines`, and never more than 1 MiB, paging on without skipping or
//! repeating a document (issue 10: no page near Lambda's 6 MB limit).

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

/// An invoice as large as a client may make one: 500 lines with long
/// descriptions (about 350 KB answered).
fn big_invoice(contact_id: &str, n: usize) -> Value {
    let lines: Vec<Value> = (0..500)
        .map(|i| {
            json!({
                "description": format!("{n}/{i} {}", "é".repeat(300)),
                "quantity": "1", "unit_price": "1.00",
            })
        })
        .collect();
    json!({"contact_id": contact_id, "lines": lines, "notes": "x".repeat(2000)})
}

async fn get(t: &TestServer, who: &TestAccount, path: &str) -> (StatusCode, usize, Value) {
    let response = t
        .client
        .get(t.url(path))
        .header("authorization", who.bearer())
        .send()
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        bytes.len(),
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn pages_are_summaries_unless_asked_and_stay_under_a_mebibyte() {
    let t = TestServer::start().await;
    let owner = t.account(true).await;
    let contact: Value = t
        .client
        .post(t.url("/v1/contacts"))
        .header("authorization", owner.bearer())
        .json(&json!({"company_name": "Big Client", "roles": ["customer"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let contact_id = contact["id"].as_str().unwrap();
    let mut made = BTreeSet::new();
    for n in 0..6 {
        let response = t
            .client
            .post(t.url("/v1/invoices"))
            .header("authorization", owner.bearer())
            .json(&big_invoice(contact_id, n))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let invoice: Value = response.json().await.unwrap();
        made.insert(invoice["id"].as_str().unwrap().to_owned());
    }

    // Summaries: every invoice on one small page, no lines.
    let (status, bytes, page) = get(&t, &owner, "/v1/invoices?limit=200").await;
    assert_eq!(status, StatusCode::OK);
    let data = page["data"].as_array().unwrap();
    assert_eq!(data.len(), 6);
    assert!(
        data.iter()
            .all(|i| i.get("lines").is_none() && i["total"] == "500.00")
    );
    assert!(bytes < 64 * 1024, "{bytes} bytes");
    eprintln!("summary page of 6 invoices: {bytes} bytes");

    // With lines: pages end before 1 MiB and page on through every invoice once.
    let mut seen = BTreeSet::new();
    let mut path = "/v1/invoices?limit=200&expand=lines".to_owned();
    let mut pages = 0;
    loop {
        let (status, bytes, page) = get(&t, &owner, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(bytes <= 1 << 20, "a page of {bytes} bytes");
        eprintln!(
            "page with lines: {} invoices, {bytes} bytes",
            page["data"].as_array().unwrap().len()
        );
        pages += 1;
        for invoice in page["data"].as_array().unwrap() {
            assert_eq!(invoice["lines"].as_array().unwrap().len(), 500);
            assert!(
                seen.insert(invoice["id"].as_str().unwrap().to_owned()),
                "repeated"
            );
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/v1/invoices?limit=200&expand=lines&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, made);
    assert!(pages >= 2, "six large invoices fit one page?");

    // Anything but `lines` is refused, naming the parameter.
    let (status, _, problem) = get(&t, &owner, "/v1/invoices?expand=everything").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["code"], "invalid_query");
    assert!(problem["detail"].as_str().unwrap().contains("expand"));

    // A single invoice always has its lines.
    let id = made.iter().next().unwrap();
    let (_, _, one) = get(&t, &owner, &format!("/v1/invoices/{id}")).await;
    assert_eq!(one["lines"].as_array().unwrap().len(), 500);
}

#[tokio::test]
async fn quote_and_recurring_lists_are_summaries_too() {
    let t = TestServer::start().await;
    let owner = t.account(true).await;
    let post = |path: &'static str, body: Value| {
        let request = t
            .client
            .post(t.url(path))
            .header("authorization", owner.bearer())
            .json(&body);
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::CREATED);
            response.json::<Value>().await.unwrap()
        }
    };
    let contact = post(
        "/v1/contacts",
        json!({"company_name": "C", "roles": ["customer"]}),
    )
    .await;
    let line = json!({"description": "Work", "quantity": "1", "unit_price": "10.00"});
    post(
        "/v1/quotes",
        json!({"contact_id": contact["id"], "lines": [line]}),
    )
    .await;
    post(
        "/v1/recurring-invoices",
        json!({"contact_id": contact["id"], "frequency": "monthly", "lines": [line]}),
    )
    .await;
    for list in ["/v1/quotes", "/v1/recurring-invoices"] {
        let (_, _, page) = get(&t, &owner, list).await;
        assert!(page["data"][0].get("lines").is_none(), "{list}: {page}");
        assert_eq!(page["data"][0]["total"], "10.00", "{list}");
        let (_, _, page) = get(&t, &owner, &format!("{list}?expand=lines")).await;
        assert_eq!(
            page["data"][0]["lines"].as_array().unwrap().len(),
            1,
            "{list}"
        );
    }
}

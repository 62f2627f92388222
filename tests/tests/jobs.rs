//! The scheduled jobs over HTTP on the local server (API.md §12):
//! `POST /_local/jobs/run` as of chosen instants drives the same scheduler
//! and consumers as the Lambda functions. Dunning from the courtesy
//! reminder to the last level, a payment that stops it, a contact with
//! automatic dunning off, and a monthly recurring invoice from 31 January.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

async fn run_jobs(t: &TestServer, now: &str) -> Value {
    let response = t
        .client
        .post(t.url("/_local/jobs/run"))
        .json(&json!({ "now": now }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn outbox(t: &TestServer) -> Vec<Value> {
    let response = t.client.get(t.url("/_local/outbox")).send().await.unwrap();
    response.json().await.unwrap()
}

async fn contact(t: &TestServer, a: &TestAccount, email: &str, dunning: bool) -> String {
    let (status, contact) = t
        .call(
            a,
            Method::POST,
            "/v1/contacts",
            Some(json!({
                "type": "company", "company_name": format!("Client {email}"), "email": email,
                "roles": ["customer"], "currency": "GBP", "automatic_dunning": dunning
            })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    contact["id"].as_str().unwrap().to_string()
}

async fn issued_invoice(t: &TestServer, a: &TestAccount, contact_id: &str) -> String {
    let (status, invoice) = t.call(
        a,
        Method::POST,
        "/v1/invoices",
        Some(json!({
            "contact_id": contact_id, "currency": "GBP", "status": "issued",
            "due_date": "2027-01-31",
            "lines": [{"description": "Consulting", "quantity": 2, "unit_price": "250.00", "tax_rate": 20}]
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{invoice}");
    invoice["id"].as_str().unwrap().to_string()
}

fn mail_to<'a>(mail: &'a [Value], to: &str) -> Vec<&'a str> {
    mail.iter()
        .filter(|m| m["to"][0] == to)
        .map(|m| m["subject"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn dunning_runs_courtesy_to_level_3_and_stops_when_paid_or_switched_off() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let dunned = issued_invoice(&t, &a, &contact(&t, &a, "late@client.test", true).await).await;
    let paid = issued_invoice(&t, &a, &contact(&t, &a, "payer@client.test", true).await).await;
    issued_invoice(&t, &a, &contact(&t, &a, "off@client.test", false).await).await;

    // Due 2027-01-31 (London): courtesy on the 28th, levels on 1, 7, 14 Feb.
    let report = run_jobs(&t, "2027-01-27T12:00:00Z").await;
    assert_eq!(report["enqueued"], 0, "{report}");
    let report = run_jobs(&t, "2027-01-28T12:00:00Z").await;
    assert_eq!(
        report,
        json!({"enqueued": 2, "reminders_sent": 2, "invoices_created": 0, "failed": 0})
    );
    // The same instant again, and twice at once: the work is done once.
    let (again, twice) = tokio::join!(
        run_jobs(&t, "2027-01-28T12:00:00Z"),
        run_jobs(&t, "2027-01-28T12:00:00Z")
    );
    assert_eq!(again["reminders_sent"], 0);
    assert_eq!(twice["reminders_sent"], 0);

    let (status, _) = t
        .call(
            &a,
            Method::POST,
            &format!("/v1/invoices/{paid}/payments"),
            Some(json!({"method": "bank_transfer"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    for now in [
        "2027-02-01T12:00:00Z",
        "2027-02-07T12:00:00Z",
        "2027-02-14T12:00:00Z",
    ] {
        let report = run_jobs(&t, now).await;
        assert_eq!(report["reminders_sent"], 1, "{now}: {report}");
    }
    assert_eq!(run_jobs(&t, "2027-03-31T12:00:00Z").await["enqueued"], 0);

    let mail = outbox(&t).await;
    let late = mail_to(&mail, "late@client.test");
    assert_eq!(late.len(), 4, "{late:?}");
    for (subject, start) in late.iter().zip([
        "Coming due",
        "Payment reminder",
        "Reminder 2",
        "Final notice",
    ]) {
        assert!(subject.starts_with(start), "{subject}");
    }
    assert_eq!(
        mail_to(&mail, "payer@client.test").len(),
        1,
        "paid after the courtesy reminder"
    );
    assert!(mail_to(&mail, "off@client.test").is_empty());

    let (status, invoice) = t
        .call(&a, Method::GET, &format!("/v1/invoices/{dunned}"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(invoice["dunning_level"], 3);
    let (status, history) = t
        .call(
            &a,
            Method::GET,
            &format!("/v1/invoices/{dunned}/reminders"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let rows: Vec<_> = history["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["level"].clone(),
                r["kind"].clone(),
                r["status"].clone(),
                r["to"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                json!(0),
                json!("courtesy"),
                json!("sent"),
                json!("late@client.test")
            ),
            (
                json!(1),
                json!("dunning"),
                json!("sent"),
                json!("late@client.test")
            ),
            (
                json!(2),
                json!("dunning"),
                json!("sent"),
                json!("late@client.test")
            ),
            (
                json!(3),
                json!("dunning"),
                json!("sent"),
                json!("late@client.test")
            ),
        ]
    );

    // Another account's invoice is not there.
    let b = t.account(true).await;
    let (status, _) = t
        .call(
            &b,
            Method::GET,
            &format!("/v1/invoices/{dunned}/reminders"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_monthly_recurring_invoice_from_jan_31_makes_jan_31_feb_28_mar_31() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let contact_id = contact(&t, &a, "monthly@client.test", true).await;
    let (status, recurring) = t.call(
        &a,
        Method::POST,
        "/v1/recurring-invoices",
        Some(json!({
            "contact_id": contact_id, "currency": "GBP", "frequency": "monthly",
            "start_date": "2027-01-31", "last_of_month": true, "auto_send": true,
            "lines": [{"description": "Retainer", "quantity": 1, "unit_price": "900.00", "tax_rate": 20}]
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{recurring}");
    let id = recurring["id"].as_str().unwrap().to_string();

    for now in [
        "2027-01-31T12:00:00Z",
        "2027-02-28T12:00:00Z",
        "2027-03-31T12:00:00Z",
    ] {
        let (first, second) = tokio::join!(run_jobs(&t, now), run_jobs(&t, now));
        let created = first["invoices_created"].as_u64().unwrap()
            + second["invoices_created"].as_u64().unwrap();
        assert_eq!(created, 1, "{now}: {first} {second}");
        assert_eq!(run_jobs(&t, now).await["invoices_created"], 0);
    }

    let (_, list) = t.call(&a, Method::GET, "/v1/invoices?limit=50", None).await;
    let mut made: Vec<(String, String)> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["source"] == "recurring")
        .map(|i| {
            assert_eq!(i["source_id"], id.as_str());
            assert_eq!(i["status"], "issued");
            (
                i["issue_date"].as_str().unwrap().to_string(),
                i["number"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    made.sort();
    assert_eq!(
        made,
        [
            ("2027-01-31".to_string(), "INV-0001".to_string()),
            ("2027-02-28".to_string(), "INV-0002".to_string()),
            ("2027-03-31".to_string(), "INV-0003".to_string()),
        ]
    );
    let (_, stored) = t
        .call(
            &a,
            Method::GET,
            &format!("/v1/recurring-invoices/{id}"),
            None,
        )
        .await;
    assert_eq!(stored["generated_count"], 3);
    assert_eq!(stored["next_run_date"], "2027-04-30");
    // auto_send: each emailed once (the others are their own reminders:
    // each falls due 30 days after its period).
    let mail = outbox(&t).await;
    let mut sent: Vec<_> = mail_to(&mail, "monthly@client.test")
        .into_iter()
        .filter(|subject| subject.starts_with("Invoice "))
        .collect();
    sent.sort();
    assert_eq!(sent.len(), 3, "{sent:?}");
    for (subject, number) in sent.iter().zip(["INV-0001", "INV-0002", "INV-0003"]) {
        assert!(subject.contains(number), "{subject}");
    }
}

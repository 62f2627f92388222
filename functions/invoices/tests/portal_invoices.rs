//! The portal's invoice routes: a portal token sees its own contact's
//! non-draft invoices and nothing else (everything else is 404), and
//! business routes refuse it.

mod invoices_support;

use serde_json::json;
use uome_domain::ContactId;
use uome_testkit::TestEnv;

use invoices_support::{call, contact, customer, simple_body};

#[tokio::test]
async fn a_portal_token_sees_only_its_contacts_issued_invoices() {
    let env = TestEnv::new();
    let app = env.app(uome_invoices::api());
    let owner = env.owner(true).await;
    let other_account = env.owner(true).await;
    let bearer = owner.bearer();
    let ports = &env.ctx.ports;
    let mine = customer(ports, &owner.account_id).await;
    let theirs = contact(
        ports,
        &owner.account_id,
        json!({"company_name": "Other client", "roles": ["customer"]}),
    )
    .await;
    let foreign = customer(ports, &other_account.account_id).await;

    let create = |contact_id: String, status: &'static str, bearer: String| {
        let app = app.clone();
        async move {
            let mut body = simple_body(&contact_id);
            body["status"] = json!(status);
            let answer = call(&app, "POST", "/v1/invoices", &bearer, Some(body), &[]).await;
            assert_eq!(answer.status, 201, "{}", answer.body);
            answer.body["id"].as_str().unwrap().to_string()
        }
    };
    let draft = create(mine.clone(), "draft", bearer.clone()).await;
    let first = create(mine.clone(), "issued", bearer.clone()).await;
    let second = create(mine.clone(), "issued", bearer.clone()).await;
    let other_contacts = create(theirs.clone(), "issued", bearer.clone()).await;
    let other_accounts = create(foreign, "issued", other_account.bearer()).await;

    let token = uome_core::portal::issue(ports, &owner.account_id, &ContactId::from(&mine))
        .await
        .unwrap()
        .token;
    let portal = format!("Bearer {token}");

    let list = call(&app, "GET", "/v1/portal/invoices", &portal, None, &[]).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let ids: Vec<&str> = list.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&first.as_str()) && ids.contains(&second.as_str()));
    // Even asking for drafts shows none.
    let drafts = call(
        &app,
        "GET",
        "/v1/portal/invoices?status=draft",
        &portal,
        None,
        &[],
    )
    .await;
    assert_eq!(drafts.body["data"], json!([]));
    // Paging works and stays on the contact.
    let page = call(
        &app,
        "GET",
        "/v1/portal/invoices?limit=1",
        &portal,
        None,
        &[],
    )
    .await;
    assert_eq!(page.body["data"].as_array().unwrap().len(), 1);
    let cursor = page.body["next_cursor"].as_str().unwrap();
    let next = call(
        &app,
        "GET",
        &format!("/v1/portal/invoices?limit=1&cursor={cursor}"),
        &portal,
        None,
        &[],
    )
    .await;
    assert_eq!(next.status, 200);
    assert_eq!(next.body["data"].as_array().unwrap().len(), 1);

    let got = call(
        &app,
        "GET",
        &format!("/v1/portal/invoices/{first}"),
        &portal,
        None,
        &[],
    )
    .await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body["status"], "issued");
    assert_eq!(got.body["amount_due"], "110.00");
    let pdf = call(
        &app,
        "GET",
        &format!("/v1/portal/invoices/{first}/pdf"),
        &portal,
        None,
        &[],
    )
    .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF"));

    for hidden in [&draft, &other_contacts, &other_accounts] {
        for suffix in ["", "/pdf"] {
            let answer = call(
                &app,
                "GET",
                &format!("/v1/portal/invoices/{hidden}{suffix}"),
                &portal,
                None,
                &[],
            )
            .await;
            assert_eq!(answer.status, 404, "{hidden}{suffix}");
        }
    }

    // Business routes are not the portal's, and the portal's not the business's.
    for (method, path) in [
        ("GET", "/v1/invoices".to_string()),
        ("GET", format!("/v1/invoices/{first}")),
        ("POST", format!("/v1/invoices/{first}/remind")),
    ] {
        let answer = call(&app, method, &path, &portal, None, &[]).await;
        assert_eq!(answer.status, 403, "{method} {path}");
    }
    let answer = call(&app, "GET", "/v1/portal/invoices", &bearer, None, &[]).await;
    assert_eq!(answer.status, 403);
}

#[tokio::test]
async fn a_revoked_or_foreign_token_sees_nothing() {
    let env = TestEnv::new();
    let app = env.app(uome_invoices::api());
    let owner = env.owner(true).await;
    let ports = &env.ctx.ports;
    let mine = customer(ports, &owner.account_id).await;
    let mut body = simple_body(&mine);
    body["status"] = json!("issued");
    let created = call(
        &app,
        "POST",
        "/v1/invoices",
        &owner.bearer(),
        Some(body),
        &[],
    )
    .await;
    let id = created.body["id"].as_str().unwrap();

    let old = uome_core::portal::issue(ports, &owner.account_id, &ContactId::from(&mine))
        .await
        .unwrap()
        .token;
    // Sending the invoice issues a new link and revokes the old one.
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
    let answer = call(
        &app,
        "GET",
        "/v1/portal/invoices",
        &format!("Bearer {old}"),
        None,
        &[],
    )
    .await;
    assert_eq!(answer.status, 401);
    let answer = call(
        &app,
        "GET",
        "/v1/portal/invoices",
        "Bearer not-a-token",
        None,
        &[],
    )
    .await;
    assert_eq!(answer.status, 401);
}

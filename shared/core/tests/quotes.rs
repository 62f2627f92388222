//! The quote use cases against the embedded adapters and a fixed clock
//! (the core kit; no HTTP).

use std::collections::BTreeSet;
use uome_domain::AccountId;

use chrono::{Duration, NaiveDate};
use serde_json::{Value, json};
use uome_core::CoreError;
use uome_core::contacts;
use uome_core::documents::DocumentFilter;
use uome_core::invoices::record::{Invoice, InvoiceSource};
use uome_core::keys::{DocType, contact_reference_key, document_counter_key, document_key};
use uome_core::ports::Clock;
use uome_core::quotes::{self, QuoteAt, Viewer};
use uome_domain::{DomainError, InvoiceStatus, QuoteStatus};

mod kit;
use kit::Kit;
use kit::quotes::{contact, create, customer, input, item, oneup, simple};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The fields of a 422, sorted.
fn fields(err: &CoreError) -> Vec<String> {
    let errors = match err {
        CoreError::Validation(errors) => errors.clone(),
        CoreError::Domain(DomainError::Validation(errors)) => errors.clone(),
        other => panic!("not a validation error: {other:?}"),
    };
    let mut fields: Vec<String> = errors.into_iter().map(|e| e.field).collect();
    fields.sort();
    fields
}

fn conflict_code(err: &CoreError) -> String {
    match err {
        CoreError::Conflict { code, .. } => code.to_string(),
        other => panic!("not a conflict: {other:?}"),
    }
}

async fn all_quotes(env: &Kit, account_id: &AccountId) -> Vec<QuoteAt> {
    quotes::list_quotes(
        &env.ports,
        account_id,
        &DocumentFilter::default(),
        Viewer::Business,
        200,
        None,
    )
    .await
    .unwrap()
    .documents
}

#[tokio::test]
async fn every_line_kind_and_the_oneup_totals() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let c = customer(&env.ports, &owner.account_id, "OneUp").await;
    let at = create(&env.ports, &owner.account_id, oneup(&c.id)).await;
    let q = &at.document;
    assert_eq!(q.number, "QUO-0001");
    assert_eq!(q.status, QuoteStatus::Draft);
    assert_eq!(at.status(), QuoteStatus::Draft);
    assert_eq!(q.version, 1);
    assert_eq!(q.body.contact_name, "OneUp");
    assert_eq!(q.payment_terms_days, Some(14));
    assert_eq!(q.valid_until, Some(day("2026-12-21")));
    let totals = &q.body.totals;
    assert_eq!(totals.subtotal.to_string(), "1092.30");
    assert_eq!(totals.discount_amount.to_string(), "38.23");
    assert_eq!(totals.tax_amount.to_string(), "86.13");
    assert_eq!(totals.total.to_string(), "1140.20");
    assert_eq!(q.body.input.lines.len(), 7);
    // The section total shows its section's running sum.
    assert_eq!(totals.line_totals[3].net.unwrap().to_string(), "892.50");

    let read = quotes::get_quote(&env.ports, &owner.account_id, &q.id, Viewer::Business)
        .await
        .unwrap();
    assert_eq!(read, at);

    // A catalogue item fills in description, unit and price.
    let widget = item(&env.ports, &owner.account_id, "Design", "80.00").await;
    let at = create(
        &env.ports,
        &owner.account_id,
        json!({"contact_id": c.id, "lines": [{"item_id": widget, "quantity": 2, "tax_rate": 20}]}),
    )
    .await;
    let line = &at.document.body.input.lines[0];
    assert_eq!(line.description, "Design");
    assert_eq!(line.unit.as_deref(), Some("hour"));
    assert_eq!(line.unit_price.unwrap().to_string(), "80");
    assert_eq!(at.document.body.totals.total.to_string(), "192.00");
    assert_eq!(at.document.number, "QUO-0002");
    assert_eq!(at.document.body.issue_date, day("2026-11-21"));
}

#[tokio::test]
async fn bad_drafts_list_every_field_and_write_nothing() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let c = customer(&env.ports, acc, "Acme").await;
    let ports = &env.ports;
    let try_create =
        |body: Value| async move { quotes::create_quote(ports, acc, input(body)).await };

    let err = try_create(json!({
        "contact_id": c.id,
        "currency": "ABC",
        "issue_date": "2026-11-21",
        "valid_until": "2026-11-20",
        "discount_rate": 101,
        "lines": [
            {"description": "zero", "quantity": 0, "unit_price": 1},
            {"description": "neg", "quantity": -2, "unit_price": 1},
            {"description": "tax", "unit_price": 1, "tax_rate": 100.5},
            {"description": "discount", "unit_price": 1, "discount_rate": -1}
        ]
    }))
    .await
    .unwrap_err();
    assert_eq!(
        fields(&err),
        [
            "currency",
            "discount_rate",
            "lines[0].quantity",
            "lines[1].quantity",
            "lines[2].tax_rate",
            "lines[3].discount_rate",
            "valid_until"
        ]
    );

    let many: Vec<Value> = (0..501)
        .map(|_| json!({"description": "x", "unit_price": 1}))
        .collect();
    let err = try_create(json!({"contact_id": c.id, "lines": many}))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["lines"]);

    let vendor = contact(
        &env.ports,
        acc,
        json!({"company_name": "Supplies Ltd", "roles": ["vendor"]}),
    )
    .await;
    let err = try_create(simple(&vendor.id)).await.unwrap_err();
    assert_eq!(fields(&err), ["contact_id"]);
    let err = try_create(simple("no-such-contact")).await.unwrap_err();
    assert_eq!(fields(&err), ["contact_id"]);

    let other = env.owner(true).await;
    let foreign_item = item(&env.ports, &other.account_id, "Theirs", "10.00").await;
    let foreign_contact = customer(&env.ports, &other.account_id, "Elsewhere").await;
    let err = try_create(json!({
        "contact_id": foreign_contact.id,
        "lines": [{"item_id": foreign_item, "quantity": 1}]
    }))
    .await
    .unwrap_err();
    // No such item here, so no price either.
    assert_eq!(
        fields(&err),
        ["contact_id", "lines[0].item_id", "lines[0].unit_price"]
    );

    let mut body = oneup(&c.id);
    body["total"] = json!("1140.21");
    match try_create(body).await.unwrap_err() {
        CoreError::Domain(e) => assert_eq!(e.code(), "total_mismatch"),
        other => panic!("{other:?}"),
    }
    let mut body = oneup(&c.id);
    body["total"] = json!(1140.20);
    try_create(body).await.unwrap();

    // Nothing of the refused drafts was written: the one quote that was
    // created got the first number.
    let all = all_quotes(&env, acc).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].document.number, "QUO-0001");
}

#[tokio::test]
async fn another_accounts_quote_is_not_found() {
    let env = Kit::new();
    let a = env.owner(true).await;
    let b = env.owner(true).await;
    let c = customer(&env.ports, &a.account_id, "Acme").await;
    let id = create(&env.ports, &a.account_id, simple(&c.id))
        .await
        .document
        .id;
    let ports = &env.ports;
    let service = &env.service;
    let acc = &b.account_id;
    let not_found =
        |r: Result<(), CoreError>| assert!(matches!(r, Err(CoreError::NotFound)), "{r:?}");
    not_found(
        quotes::get_quote(ports, acc, &id, Viewer::Business)
            .await
            .map(drop),
    );
    not_found(
        quotes::update_quote(ports, acc, &id, input(simple(&c.id)), None)
            .await
            .map(drop),
    );
    not_found(quotes::delete_quote(ports, acc, &id, None).await);
    not_found(
        quotes::send_quote(ports, service, acc, &id, None)
            .await
            .map(drop),
    );
    not_found(
        quotes::remind_quote(ports, service, acc, &id, None)
            .await
            .map(drop),
    );
    not_found(
        quotes::approve_quote(ports, acc, &id, Viewer::Business)
            .await
            .map(drop),
    );
    not_found(
        quotes::reject_quote(ports, acc, &id, Viewer::Business, None)
            .await
            .map(drop),
    );
    not_found(
        quotes::quote_pdf(ports, acc, &id, Viewer::Business)
            .await
            .map(drop),
    );
    assert!(all_quotes(&env, acc).await.is_empty());
    // Still a draft for its own account.
    let at = quotes::get_quote(ports, &a.account_id, &id, Viewer::Business)
        .await
        .unwrap();
    assert_eq!(at.document.version, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_creates_get_twenty_consecutive_numbers() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let c = customer(&env.ports, &owner.account_id, "Acme").await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let ports = env.ports.clone();
        let acc = owner.account_id.clone();
        let body = simple(&c.id);
        tasks.push(tokio::spawn(async move {
            quotes::create_quote(&ports, &acc, input(body)).await
        }));
    }
    let mut numbers = BTreeSet::new();
    for task in tasks {
        numbers.insert(task.await.unwrap().unwrap().document.number);
    }
    let expected: BTreeSet<String> = (1..=20).map(|n| format!("QUO-{n:04}")).collect();
    assert_eq!(numbers, expected);
    assert_eq!(all_quotes(&env, &owner.account_id).await.len(), 20);
}

#[tokio::test]
async fn updates_check_the_version_and_move_the_contact_reference() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let ports = &env.ports;
    let first = customer(&env.ports, acc, "First").await;
    let second = customer(&env.ports, acc, "Second").await;
    let at = create(&env.ports, acc, oneup(&first.id)).await;
    let id = at.document.id.clone();

    let err = quotes::update_quote(ports, acc, &id, input(simple(&first.id)), Some(7))
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "version_conflict");

    let updated = quotes::update_quote(ports, acc, &id, input(simple(&second.id)), Some(1))
        .await
        .unwrap();
    assert_eq!(updated.document.version, 2);
    assert_eq!(updated.document.number, "QUO-0001");
    assert_eq!(updated.document.body.contact_name, "Second");
    assert_eq!(updated.document.body.totals.total.to_string(), "120.00");
    // An absent issue date keeps the quote's; an absent valid_until clears it.
    assert_eq!(updated.document.body.issue_date, day("2026-11-21"));
    assert_eq!(updated.document.valid_until, None);
    // The old contact is free to go; the new one is referenced.
    contacts::delete_contact(ports, acc, &first.id, contacts::Expected(None))
        .await
        .unwrap();
    let err = contacts::delete_contact(ports, acc, &second.id, contacts::Expected(None))
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "contact_in_use");

    // Without a version the write still lands on the current one.
    let again = quotes::update_quote(ports, acc, &id, input(oneup(&second.id)), None)
        .await
        .unwrap();
    assert_eq!(again.document.version, 3);

    // A bad draft on update: every field, nothing written.
    let mut bad = oneup(&second.id);
    bad["valid_until"] = json!("2026-01-01");
    bad["lines"][1]["quantity"] = json!(0);
    let err = quotes::update_quote(ports, acc, &id, input(bad), Some(3))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["lines[1].quantity", "valid_until"]);
    let read = quotes::get_quote(ports, acc, &id, Viewer::Business)
        .await
        .unwrap();
    assert_eq!(read.document.version, 3);
}

#[tokio::test]
async fn lists_filter_by_month_status_and_contact_and_page() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let ports = &env.ports;
    let a = customer(&env.ports, acc, "Alpha").await;
    let b = customer(&env.ports, acc, "Beta").await;
    let mut ids = Vec::new();
    for (contact, date) in [
        (&a, "2026-09-10"),
        (&b, "2026-10-01"),
        (&a, "2026-10-15"),
        (&a, "2026-10-31"),
        (&b, "2026-11-02"),
    ] {
        let mut body = simple(&contact.id);
        body["issue_date"] = json!(date);
        ids.push(create(&env.ports, acc, body).await.document.id);
    }
    quotes::reject_quote(ports, acc, &ids[3], Viewer::Business, None)
        .await
        .unwrap();
    let list = |filter: DocumentFilter, limit: u32, start| async move {
        quotes::list_quotes(ports, acc, &filter, Viewer::Business, limit, start)
            .await
            .unwrap()
    };
    let numbers = |page: &quotes::QuotePage| -> Vec<String> {
        page.documents
            .iter()
            .map(|q| q.document.number.clone())
            .collect()
    };

    let all = list(DocumentFilter::default(), 50, None).await;
    assert_eq!(
        numbers(&all),
        ["QUO-0005", "QUO-0004", "QUO-0003", "QUO-0002", "QUO-0001"]
    );
    assert!(all.next.is_none());

    let october = DocumentFilter {
        month: Some((2026, 10)),
        ..DocumentFilter::default()
    };
    assert_eq!(
        numbers(&list(october.clone(), 50, None).await),
        ["QUO-0004", "QUO-0003", "QUO-0002"]
    );

    let alpha_october = DocumentFilter {
        contact_id: Some(a.id.to_string()),
        ..october.clone()
    };
    assert_eq!(
        numbers(&list(alpha_october, 50, None).await),
        ["QUO-0004", "QUO-0003"]
    );
    let beta = DocumentFilter {
        contact_id: Some(b.id.to_string()),
        ..DocumentFilter::default()
    };
    assert_eq!(
        numbers(&list(beta, 50, None).await),
        ["QUO-0005", "QUO-0002"]
    );

    let rejected = DocumentFilter {
        status: Some("rejected".into()),
        ..DocumentFilter::default()
    };
    assert_eq!(numbers(&list(rejected, 50, None).await), ["QUO-0004"]);

    // Pages of two, following the cursor to the end.
    let mut seen = Vec::new();
    let mut start = None;
    loop {
        let page = list(DocumentFilter::default(), 2, start).await;
        assert!(page.documents.len() <= 2);
        seen.extend(numbers(&page));
        match page.next {
            Some(next) => start = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, numbers(&all));
}

#[tokio::test]
async fn quotes_expire_after_valid_until_and_can_be_revived() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let ports = &env.ports;
    let c = customer(&env.ports, acc, "Acme").await;
    let mut body = simple(&c.id);
    body["valid_until"] = json!("2026-11-23");
    let id = create(&env.ports, acc, body).await.document.id;

    env.clock.advance(Duration::days(2));
    let at = quotes::get_quote(ports, acc, &id, Viewer::Business)
        .await
        .unwrap();
    assert_eq!(at.status(), QuoteStatus::Draft, "valid on its last day");

    env.clock.advance(Duration::days(1));
    let at = quotes::get_quote(ports, acc, &id, Viewer::Business)
        .await
        .unwrap();
    assert_eq!(at.status(), QuoteStatus::Expired);
    assert_eq!(
        at.document.status,
        QuoteStatus::Draft,
        "nothing was written"
    );
    let expired = DocumentFilter {
        status: Some("expired".into()),
        ..DocumentFilter::default()
    };
    let page = quotes::list_quotes(ports, acc, &expired, Viewer::Business, 50, None)
        .await
        .unwrap();
    assert_eq!(page.documents.len(), 1);

    let err = quotes::approve_quote(ports, acc, &id, Viewer::Business)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "quote_expired");
    let err = quotes::send_quote(ports, &env.service, acc, &id, None)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "quote_expired");

    // A new valid_until revives it.
    let mut body = simple(&c.id);
    body["valid_until"] = json!("2026-12-31");
    let at = quotes::update_quote(ports, acc, &id, input(body), None)
        .await
        .unwrap();
    assert_eq!(at.status(), QuoteStatus::Draft);
    let approved = quotes::approve_quote(ports, acc, &id, Viewer::Business)
        .await
        .unwrap();
    assert_eq!(approved.quote.status(), QuoteStatus::Approved);
}

#[tokio::test]
async fn send_emails_the_pdf_and_needs_a_verified_account() {
    let env = Kit::new();
    let service = &env.service;
    let ports = &env.ports;

    let unverified = env.owner(false).await;
    let c = customer(&env.ports, &unverified.account_id, "Acme").await;
    let id = create(&env.ports, &unverified.account_id, simple(&c.id))
        .await
        .document
        .id;
    match quotes::send_quote(ports, service, &unverified.account_id, &id, None).await {
        Err(CoreError::Forbidden { code, .. }) => assert_eq!(code, "email_unverified"),
        other => panic!("{other:?}"),
    }
    let at = quotes::get_quote(ports, &unverified.account_id, &id, Viewer::Business)
        .await
        .unwrap();
    assert_eq!(
        (at.document.status, at.document.version),
        (QuoteStatus::Draft, 1)
    );
    assert!(env.embedded.outbox.list().unwrap().is_empty());

    let owner = env.owner(true).await;
    let c = customer(&env.ports, &owner.account_id, "Acme").await;
    let id = create(&env.ports, &owner.account_id, oneup(&c.id))
        .await
        .document
        .id;
    let sent = quotes::send_quote(ports, service, &owner.account_id, &id, Some("Here it is"))
        .await
        .unwrap();
    assert_eq!(sent.status(), QuoteStatus::Sent);
    assert_eq!(sent.document.sent_at, Some(env.clock.now()));
    assert_eq!(sent.document.version, 2);
    let mail = env.embedded.outbox.list().unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["acme@client.test"]);
    assert!(mail[0].text.contains("Here it is"));
    assert!(mail[0].text.contains("/portal?token="));
    assert_eq!(mail[0].attachments.len(), 1);
    assert_eq!(mail[0].attachments[0].file_name, "QUO-0001.pdf");
    assert_eq!(mail[0].attachments[0].content_type, "application/pdf");

    // A sent quote may be sent again.
    let again = quotes::send_quote(ports, service, &owner.account_id, &id, None)
        .await
        .unwrap();
    assert_eq!(
        (again.status(), again.document.version),
        (QuoteStatus::Sent, 3)
    );
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 2);

    // A contact without an email: 422, nothing written.
    let mute = contact(
        &env.ports,
        &owner.account_id,
        json!({"company_name": "Quiet Ltd", "roles": ["customer"]}),
    )
    .await;
    let id = create(&env.ports, &owner.account_id, simple(&mute.id))
        .await
        .document
        .id;
    match quotes::send_quote(ports, service, &owner.account_id, &id, None).await {
        Err(CoreError::Unprocessable { code, .. }) => assert_eq!(code, "contact_has_no_email"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn reminders_need_a_sent_quote_and_wait_a_day() {
    let env = Kit::new();
    let service = &env.service;
    let ports = &env.ports;
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let c = customer(&env.ports, acc, "Acme").await;
    let id = create(&env.ports, acc, simple(&c.id)).await.document.id;

    let err = quotes::remind_quote(ports, service, acc, &id, None)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "invalid_status");

    quotes::send_quote(ports, service, acc, &id, None)
        .await
        .unwrap();
    let reminded = quotes::remind_quote(ports, service, acc, &id, None)
        .await
        .unwrap();
    assert_eq!(reminded.document.last_reminded_at, Some(env.clock.now()));
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 2);

    env.clock.advance(Duration::hours(23));
    match quotes::remind_quote(ports, service, acc, &id, None).await {
        Err(CoreError::TooManyRequests {
            code,
            retry_after_secs,
        }) => {
            assert_eq!(code, "reminder_throttled");
            assert_eq!(retry_after_secs, 3600);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 2);
    env.clock.advance(Duration::hours(1));
    quotes::remind_quote(ports, service, acc, &id, None)
        .await
        .unwrap();
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 3);
}

#[tokio::test]
async fn approval_makes_one_draft_invoice() {
    let env = Kit::new();
    let ports = &env.ports;
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let c = customer(&env.ports, acc, "OneUp").await;
    let id = create(&env.ports, acc, oneup(&c.id)).await.document.id;
    env.clock.advance(Duration::days(3));

    let approved = quotes::approve_quote(ports, acc, &id, Viewer::Business)
        .await
        .unwrap();
    let quote = &approved.quote.document;
    let invoice = &approved.invoice;
    assert_eq!(quote.status, QuoteStatus::Approved);
    assert_eq!(quote.invoice_id.as_deref(), Some(invoice.id.as_str()));
    assert_eq!(quote.approved_at, Some(env.clock.now()));
    assert_eq!(quote.version, 2);
    assert_eq!(invoice.number, "INV-0001");
    assert_eq!(invoice.status, InvoiceStatus::Draft);
    assert_eq!(invoice.source, InvoiceSource::Quote);
    assert_eq!(invoice.source_id.as_deref(), Some(id.as_str()));
    assert_eq!(invoice.body.issue_date, day("2026-11-24"));
    assert_eq!(invoice.due_date, day("2026-12-08"), "the contact's 14 days");
    assert_eq!(invoice.body.totals, quote.body.totals);
    assert_eq!(invoice.amount_due().unwrap().to_string(), "1140.20");

    // Stored as the invoice use cases read it, and it holds its contact.
    let item = ports
        .table
        .get(&document_key(acc, DocType::Invoice, &invoice.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        &uome_core::documents::from_item::<Invoice>(&item).unwrap(),
        invoice
    );
    let reference = contact_reference_key(acc, &c.id, &uome_core::documents::Document::sk(invoice));
    assert!(ports.table.get(&reference).await.unwrap().is_some());

    let err = quotes::approve_quote(ports, acc, &id, Viewer::Business)
        .await
        .unwrap_err();
    match &err {
        CoreError::Conflict { code, extra, .. } => {
            assert_eq!(code, "already_approved");
            assert_eq!(extra["invoice_id"], json!(invoice.id));
        }
        other => panic!("{other:?}"),
    }
    // Approved quotes are final.
    let err = quotes::reject_quote(ports, acc, &id, Viewer::Business, None)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "invalid_status");
    let err = quotes::update_quote(ports, acc, &id, input(oneup(&c.id)), None)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "invalid_status");
    let err = quotes::delete_quote(ports, acc, &id, None)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "invalid_status");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_approvals_make_exactly_one_invoice() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let c = customer(&env.ports, &owner.account_id, "Acme").await;
    let id = create(&env.ports, &owner.account_id, simple(&c.id))
        .await
        .document
        .id;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let ports = env.ports.clone();
        let acc = owner.account_id.clone();
        let id = id.clone();
        tasks.push(tokio::spawn(async move {
            quotes::approve_quote(&ports, &acc, &id, Viewer::Business).await
        }));
    }
    let mut invoices = Vec::new();
    let mut refused = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(approved) => invoices.push(approved.invoice.id),
            Err(CoreError::Conflict { code, extra, .. }) => {
                assert_eq!(code, "already_approved");
                refused.push(extra["invoice_id"].as_str().unwrap().to_string());
            }
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(invoices.len(), 1);
    assert!(refused.iter().all(|id| *id == invoices[0]));
    let counter = env
        .ports
        .table
        .get(&document_counter_key(&owner.account_id, DocType::Invoice))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(counter.data["last"], 1);
}

#[tokio::test]
async fn rejection_records_the_reason_and_is_final() {
    let env = Kit::new();
    let ports = &env.ports;
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let c = customer(&env.ports, acc, "Acme").await;
    let id = create(&env.ports, acc, simple(&c.id)).await.document.id;

    let err = quotes::reject_quote(ports, acc, &id, Viewer::Business, Some("x".repeat(2001)))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["reason"]);

    let at = quotes::reject_quote(ports, acc, &id, Viewer::Business, Some(" Too dear ".into()))
        .await
        .unwrap();
    assert_eq!(at.status(), QuoteStatus::Rejected);
    assert_eq!(at.document.rejection_reason.as_deref(), Some("Too dear"));
    assert_eq!(at.document.rejected_at, Some(env.clock.now()));
    let err = quotes::approve_quote(ports, acc, &id, Viewer::Business)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "invalid_status");
    let err = quotes::reject_quote(ports, acc, &id, Viewer::Business, None)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "invalid_status");
}

#[tokio::test]
async fn only_drafts_are_deleted_and_numbers_are_not_reused() {
    let env = Kit::new();
    let ports = &env.ports;
    let service = &env.service;
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let c = customer(&env.ports, acc, "Acme").await;
    let first = create(&env.ports, acc, simple(&c.id)).await.document.id;

    let err = quotes::delete_quote(ports, acc, &first, Some(9))
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "version_conflict");
    quotes::delete_quote(ports, acc, &first, Some(1))
        .await
        .unwrap();
    assert!(matches!(
        quotes::get_quote(ports, acc, &first, Viewer::Business).await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        quotes::delete_quote(ports, acc, &first, None).await,
        Err(CoreError::NotFound)
    ));
    // The contact is no longer referenced.
    let reference = contact_reference_key(acc, &c.id, &format!("QUOTE#{first}"));
    assert!(ports.table.get(&reference).await.unwrap().is_none());

    let second = create(&env.ports, acc, simple(&c.id)).await.document;
    assert_eq!(second.number, "QUO-0002");
    quotes::send_quote(ports, service, acc, &second.id, None)
        .await
        .unwrap();
    let err = quotes::delete_quote(ports, acc, &second.id, None)
        .await
        .unwrap_err();
    assert_eq!(conflict_code(&err), "invalid_status");
    contacts::delete_contact(ports, acc, &c.id, contacts::Expected(None))
        .await
        .unwrap_err();
}

#[tokio::test]
async fn the_portal_sees_only_its_contacts_quotes_and_never_drafts() {
    let env = Kit::new();
    let ports = &env.ports;
    let service = &env.service;
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let mine = customer(&env.ports, acc, "Mine").await;
    let theirs = customer(&env.ports, acc, "Theirs").await;
    let draft = create(&env.ports, acc, simple(&mine.id)).await.document.id;
    let sent = create(&env.ports, acc, simple(&mine.id)).await.document.id;
    let other = create(&env.ports, acc, simple(&theirs.id))
        .await
        .document
        .id;
    quotes::send_quote(ports, service, acc, &sent, None)
        .await
        .unwrap();
    quotes::send_quote(ports, service, acc, &other, None)
        .await
        .unwrap();
    let portal = Viewer::Portal {
        contact_id: &mine.id,
    };

    let page = quotes::list_quotes(ports, acc, &DocumentFilter::default(), portal, 50, None)
        .await
        .unwrap();
    let ids: Vec<&str> = page
        .documents
        .iter()
        .map(|q| q.document.id.as_str())
        .collect();
    assert_eq!(ids, [sent.as_str()]);
    // Even a business filter naming another contact is ignored.
    let sneaky = DocumentFilter {
        contact_id: Some(theirs.id.to_string()),
        ..DocumentFilter::default()
    };
    let page = quotes::list_quotes(ports, acc, &sneaky, portal, 50, None)
        .await
        .unwrap();
    assert_eq!(page.documents.len(), 1);

    for hidden in [&draft, &other] {
        assert!(matches!(
            quotes::get_quote(ports, acc, hidden, portal).await,
            Err(CoreError::NotFound)
        ));
        assert!(matches!(
            quotes::approve_quote(ports, acc, hidden, portal).await,
            Err(CoreError::NotFound)
        ));
        assert!(matches!(
            quotes::reject_quote(ports, acc, hidden, portal, None).await,
            Err(CoreError::NotFound)
        ));
        assert!(matches!(
            quotes::quote_pdf(ports, acc, hidden, portal).await,
            Err(CoreError::NotFound)
        ));
    }
    let pdf = quotes::quote_pdf(ports, acc, &sent, portal).await.unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));
    let approved = quotes::approve_quote(ports, acc, &sent, portal)
        .await
        .unwrap();
    assert_eq!(approved.invoice.number, "INV-0001");
    let rejected = quotes::reject_quote(ports, acc, &other, Viewer::Business, None)
        .await
        .unwrap();
    assert_eq!(rejected.status(), QuoteStatus::Rejected);
}

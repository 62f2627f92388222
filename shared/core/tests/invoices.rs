//! The invoice use cases of `uome_core::invoices` against the embedded
//! adapters and a fixed clock.

mod kit;

use std::collections::BTreeSet;
use uome_domain::ContactId;

use chrono::{Duration, NaiveDate};
use serde_json::json;
use uome_core::CoreError;
use uome_core::documents::{DocumentFilter, DraftInput};
use uome_core::invoices::{
    self, InvoiceInput, PaymentInstructions, Viewer, create_invoice, delete_invoice, get_invoice,
    issue_invoice, list_invoices, load_invoice, update_invoice,
};
use uome_core::ledger::for_document;
use uome_domain::{InvoiceStatus, LineInput};

use kit::Kit;
use kit::invoices::{bank_iban, contact, customer, d, item};

fn line(description: &str, quantity: &str, price: &str, tax: &str) -> LineInput {
    LineInput::item(description, d(quantity), d(price), d("0"), d(tax))
}

fn input(contact_id: &str) -> InvoiceInput {
    InvoiceInput {
        draft: DraftInput {
            contact_id: ContactId::from(contact_id.to_string()),
            lines: vec![line("Consulting", "1", "100.00", "10")],
            ..DraftInput::default()
        },
        ..InvoiceInput::default()
    }
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[tokio::test]
async fn a_draft_is_numbered_defaulted_and_posts_nothing() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let c = customer(ports, acc).await;
    bank_iban(ports, acc, "GB33BUKB20201555555555").await;

    let at = create_invoice(ports, acc, input(&c), None).await.unwrap();
    let invoice = &at.document;
    assert_eq!(invoice.number, "INV-0001");
    assert_eq!(invoice.status, InvoiceStatus::Draft);
    assert_eq!(invoice.version, 1);
    assert_eq!(invoice.body.issue_date, day("2026-11-21"));
    // Default terms: 30 days.
    assert_eq!(invoice.due_date, day("2026-12-21"));
    assert_eq!(
        invoice.payment_instructions,
        Some(PaymentInstructions {
            iban: Some("GB33BUKB20201555555555".into()),
            reference: Some("INV-0001".into()),
            bic: None,
        })
    );
    assert_eq!(invoice.body.total(), d("110.00"));
    assert!(
        for_document(ports, acc, &invoice.id)
            .await
            .unwrap()
            .is_empty()
    );
    let stored = load_invoice(ports.table.as_ref(), acc, &invoice.id)
        .await
        .unwrap();
    assert_eq!(&stored, invoice);
}

#[tokio::test]
async fn issued_on_create_posts_the_ledger_in_the_same_write() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let c = customer(ports, acc).await;

    let at = create_invoice(ports, acc, input(&c), Some("issued"))
        .await
        .unwrap();
    assert_eq!(at.document.status, InvoiceStatus::Issued);
    assert!(at.document.issued_at.is_some());
    assert_eq!(at.document.amount_due().unwrap(), d("110.00"));
    let postings = for_document(ports, acc, &at.document.id).await.unwrap();
    assert_eq!(postings.len(), 1);
    assert_eq!(postings[0].date, at.document.body.issue_date);
    assert_eq!(postings[0].document_number.as_deref(), Some("INV-0001"));

    // A zero invoice issued is paid at once and posts nothing.
    let mut zero = input(&c);
    zero.draft.lines = vec![line("Free sample", "1", "0", "10")];
    let at = create_invoice(ports, acc, zero, Some("issued"))
        .await
        .unwrap();
    assert_eq!(at.document.status, InvoiceStatus::Paid);
    assert!(at.document.paid_at.is_some());
    assert!(
        for_document(ports, acc, &at.document.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_oneup_totals_and_the_contact_terms() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let c = contact(
        ports,
        acc,
        json!({"company_name": "OneUp", "roles": ["customer"], "payment_terms_days": 14}),
    )
    .await;
    let mut oneup = input(&c);
    oneup.draft.issue_date = Some(day("2026-11-02"));
    oneup.draft.discount_rate = Some(d("3.5"));
    oneup.draft.total = Some(d("1140.20"));
    oneup.draft.lines = vec![
        line("Widget", "50", "15.00", "10"),
        LineInput::item("Bolt", d("100"), d("1.50"), d("5"), d("10")),
        line("Manual", "20", "9.99", "0"),
    ];
    let at = create_invoice(ports, acc, oneup, None).await.unwrap();
    let totals = &at.document.body.totals;
    assert_eq!(totals.subtotal, d("1092.30"));
    assert_eq!(totals.discount_amount, d("38.23"));
    assert_eq!(totals.tax_amount, d("86.13"));
    assert_eq!(totals.total, d("1140.20"));
    assert_eq!(at.document.due_date, day("2026-11-16"));
}

#[tokio::test]
async fn every_bad_field_at_once_and_nothing_written() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let vendor = contact(
        ports,
        acc,
        json!({"company_name": "Supplier", "roles": ["vendor"]}),
    )
    .await;
    let foreign_item = item(ports, &other.account_id, "Theirs", "5.00").await;
    let mut bad = input(&vendor);
    bad.draft.currency = Some("XYZ".into());
    bad.draft.issue_date = Some(day("2026-11-10"));
    bad.due_date = Some(day("2026-11-09"));
    bad.payment_instructions = Some(PaymentInstructions {
        iban: Some("GB00 NOPE".into()),
        reference: None,
        bic: None,
    });
    bad.draft.lines = vec![
        line("Zero", "0", "1.00", "10"),
        line("Rate", "1", "1.00", "101"),
        LineInput {
            item_id: Some(foreign_item),
            ..line("", "1", "1.00", "10")
        },
    ];
    let err = create_invoice(ports, acc, bad, Some("sent"))
        .await
        .unwrap_err();
    let CoreError::Validation(errors) = err else {
        panic!("{err:?}")
    };
    let fields: BTreeSet<String> = errors.iter().map(|e| e.field.clone()).collect();
    for expected in [
        "contact_id",
        "currency",
        "due_date",
        "payment_instructions.iban",
        "status",
        "lines[0].quantity",
        "lines[1].tax_rate",
        "lines[2].item_id",
    ] {
        assert!(
            fields.contains(expected),
            "{expected} missing in {fields:?}"
        );
    }

    // 501 lines.
    let c = customer(ports, acc).await;
    let mut long = input(&c);
    long.draft.lines = (0..501).map(|_| line("x", "1", "1.00", "0")).collect();
    assert!(matches!(
        create_invoice(ports, acc, long, None).await,
        Err(CoreError::Validation(_))
    ));
    // A total that is not the computed one.
    let mut mismatch = input(&c);
    mismatch.draft.total = Some(d("100.00"));
    let err = create_invoice(ports, acc, mismatch, None)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("TotalMismatch"), "{err:?}");

    // Nothing was written: the list is empty and the next number is 1.
    let page = list_invoices(
        ports,
        acc,
        &DocumentFilter::default(),
        Viewer::Business,
        50,
        None,
    )
    .await
    .unwrap();
    assert!(page.documents.is_empty());
    let at = create_invoice(ports, acc, input(&c), None).await.unwrap();
    assert_eq!(at.document.number, "INV-0001");
}

#[tokio::test]
async fn another_accounts_invoice_is_not_found() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let ports = &env.ports;
    let c = customer(ports, &owner.account_id).await;
    let id = create_invoice(ports, &owner.account_id, input(&c), None)
        .await
        .unwrap()
        .document
        .id;
    let theirs = &other.account_id;
    assert!(matches!(
        get_invoice(ports, theirs, &id, Viewer::Business).await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        issue_invoice(ports, theirs, &id).await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        delete_invoice(ports, theirs, &id, None).await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        update_invoice(ports, theirs, &id, input(&c), None).await,
        Err(CoreError::NotFound)
    ));
}

#[tokio::test]
async fn twenty_concurrent_creates_get_consecutive_numbers() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = env.ports.clone();
    let acc = owner.account_id.clone();
    let c = customer(&ports, &acc).await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (ports, acc, c) = (ports.clone(), acc.clone(), c.clone());
        tasks.push(tokio::spawn(async move {
            create_invoice(&ports, &acc, input(&c), None)
                .await
                .unwrap()
                .document
                .number
        }));
    }
    let mut numbers = BTreeSet::new();
    for task in tasks {
        numbers.insert(task.await.unwrap());
    }
    let expected: BTreeSet<String> = (1..=20).map(|n| format!("INV-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test]
async fn updates_check_the_version_and_the_status() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let c = customer(ports, acc).await;
    let other_contact = contact(
        ports,
        acc,
        json!({"first_name": "Ada", "last_name": "L", "roles": ["customer"]}),
    )
    .await;
    let id = create_invoice(ports, acc, input(&c), None)
        .await
        .unwrap()
        .document
        .id;

    let mut changed = input(&other_contact);
    changed.draft.title = Some("Moved".into());
    changed.payment_instructions = Some(PaymentInstructions {
        iban: None,
        reference: Some("ORDER 7".into()),
        bic: None,
    });
    // Two days later: the replace keeps the issue date it leaves out, and
    // the due date follows it with the new contact's (default) terms.
    env.clock.advance(Duration::days(2));
    let at = update_invoice(ports, acc, &id, changed.clone(), Some(1))
        .await
        .unwrap();
    assert_eq!(at.document.version, 2);
    assert_eq!(at.document.body.issue_date, day("2026-11-21"));
    assert_eq!(at.document.due_date, day("2026-12-21"));
    assert_eq!(at.document.number, "INV-0001");
    assert_eq!(at.document.body.contact_id, other_contact);
    assert_eq!(
        at.document
            .payment_instructions
            .as_ref()
            .unwrap()
            .reference
            .as_deref(),
        Some("ORDER 7")
    );
    let err = update_invoice(ports, acc, &id, changed.clone(), Some(1))
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("version_conflict"), "{err:?}");

    // The first contact is free again (its reference went with the move):
    // it can be deleted; the second one cannot.
    let free =
        uome_core::contacts::delete_contact(ports, acc, &ContactId::from(&c), Default::default())
            .await;
    assert!(free.is_ok(), "{free:?}");
    let busy = uome_core::contacts::delete_contact(
        ports,
        acc,
        &ContactId::from(&other_contact),
        Default::default(),
    )
    .await
    .unwrap_err();
    assert!(format!("{busy:?}").contains("contact_in_use"), "{busy:?}");

    issue_invoice(ports, acc, &id).await.unwrap();
    let err = update_invoice(ports, acc, &id, changed, None)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("invalid_status"), "{err:?}");
}

#[tokio::test]
async fn only_drafts_are_deleted_and_numbers_are_not_reused() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let c = customer(ports, acc).await;
    let draft = create_invoice(ports, acc, input(&c), None)
        .await
        .unwrap()
        .document;
    let issued = create_invoice(ports, acc, input(&c), Some("issued"))
        .await
        .unwrap()
        .document;
    let err = delete_invoice(ports, acc, &issued.id, None)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("invalid_status"), "{err:?}");
    let err = delete_invoice(ports, acc, &draft.id, Some(7))
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("version_conflict"), "{err:?}");
    delete_invoice(ports, acc, &draft.id, Some(1))
        .await
        .unwrap();
    assert!(matches!(
        load_invoice(ports.table.as_ref(), acc, &draft.id).await,
        Err(CoreError::NotFound)
    ));
    let next = create_invoice(ports, acc, input(&c), None)
        .await
        .unwrap()
        .document;
    assert_eq!(next.number, "INV-0003");
}

#[tokio::test]
async fn list_filters_month_status_contact_and_overdue() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let a = customer(ports, acc).await;
    let b = contact(
        ports,
        acc,
        json!({"company_name": "B Ltd", "roles": ["customer"]}),
    )
    .await;
    let mut october = input(&a);
    october.draft.issue_date = Some(day("2026-10-05"));
    october.due_date = Some(day("2026-11-04"));
    let old = create_invoice(ports, acc, october, Some("issued"))
        .await
        .unwrap()
        .document;
    let draft_b = create_invoice(ports, acc, input(&b), None)
        .await
        .unwrap()
        .document;
    let mut soon = input(&a);
    soon.due_date = Some(day("2026-11-25"));
    let issued_a = create_invoice(ports, acc, soon, Some("issued"))
        .await
        .unwrap()
        .document;

    let list = |filter: DocumentFilter| async move {
        list_invoices(ports, acc, &filter, Viewer::Business, 50, None)
            .await
            .unwrap()
            .documents
            .into_iter()
            .map(|at| at.document.number)
            .collect::<Vec<_>>()
    };
    // Newest issue date first.
    assert_eq!(list(DocumentFilter::default()).await.len(), 3,);
    assert_eq!(
        list(DocumentFilter::default()).await.last(),
        Some(&old.number)
    );
    let november = DocumentFilter {
        month: Some((2026, 11)),
        ..DocumentFilter::default()
    };
    let mut got = list(november).await;
    got.sort();
    assert_eq!(got, vec![draft_b.number.clone(), issued_a.number.clone()]);
    let drafts = DocumentFilter {
        status: Some("draft".into()),
        ..DocumentFilter::default()
    };
    assert_eq!(list(drafts).await, vec![draft_b.number.clone()]);
    let of_a = DocumentFilter {
        contact_id: Some(a.clone()),
        ..DocumentFilter::default()
    };
    assert_eq!(
        list(of_a).await,
        vec![issued_a.number.clone(), old.number.clone()]
    );
    let overdue = DocumentFilter {
        overdue: true,
        ..DocumentFilter::default()
    };
    assert_eq!(list(overdue.clone()).await, vec![old.number.clone()]);
    // A week later the second one is overdue too.
    env.clock.advance(Duration::days(7));
    assert_eq!(
        list(overdue).await,
        vec![issued_a.number.clone(), old.number.clone()]
    );
    let at = get_invoice(ports, acc, &issued_a.id, Viewer::Business)
        .await
        .unwrap();
    assert!(at.is_overdue());
    // An unknown status is a 422.
    let bad = DocumentFilter {
        status: Some("late".into()),
        ..DocumentFilter::default()
    };
    assert!(matches!(
        list_invoices(ports, acc, &bad, Viewer::Business, 50, None).await,
        Err(CoreError::Validation(_))
    ));
}

#[tokio::test]
async fn pages_follow_the_cursor() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let c = customer(ports, acc).await;
    for _ in 0..5 {
        create_invoice(ports, acc, input(&c), None).await.unwrap();
    }
    let filter = DocumentFilter::default();
    let mut seen = BTreeSet::new();
    let mut next = None;
    loop {
        let page = list_invoices(ports, acc, &filter, Viewer::Business, 2, next)
            .await
            .unwrap();
        for at in page.documents {
            assert!(seen.insert(at.document.number));
        }
        next = page.next;
        if next.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 5);
}

#[tokio::test]
async fn issue_posts_once_and_a_negative_total_is_refused() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let c = customer(ports, acc).await;
    let id = create_invoice(ports, acc, input(&c), None)
        .await
        .unwrap()
        .document
        .id;
    let at = issue_invoice(ports, acc, &id).await.unwrap();
    assert_eq!(at.document.status, InvoiceStatus::Issued);
    assert_eq!(at.document.version, 2);
    let err = issue_invoice(ports, acc, &id).await.unwrap_err();
    assert!(format!("{err:?}").contains("invalid_status"), "{err:?}");
    assert_eq!(for_document(ports, acc, &id).await.unwrap().len(), 1);

    let mut negative = input(&c);
    negative.draft.lines = vec![line("Refund", "1", "-10.00", "0")];
    let neg = create_invoice(ports, acc, negative, None)
        .await
        .unwrap()
        .document;
    let err = issue_invoice(ports, acc, &neg.id).await.unwrap_err();
    assert!(
        matches!(err, CoreError::Domain(_) | CoreError::Validation(_)),
        "{err:?}"
    );
    let still = load_invoice(ports.table.as_ref(), acc, &neg.id)
        .await
        .unwrap();
    assert_eq!(still.status, InvoiceStatus::Draft);
    assert!(for_document(ports, acc, &neg.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn send_checks_the_email_before_issuing() {
    let env = Kit::new();
    let ports = &env.ports;
    let service = &env.service;
    // An unverified account: 403 and the draft stays a draft.
    let unverified = env.owner(false).await;
    let c = customer(ports, &unverified.account_id).await;
    let id = create_invoice(ports, &unverified.account_id, input(&c), None)
        .await
        .unwrap()
        .document
        .id;
    let err = invoices::send_invoice(ports, service, &unverified.account_id, &id, None)
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden { .. }), "{err:?}");
    let still = load_invoice(ports.table.as_ref(), &unverified.account_id, &id)
        .await
        .unwrap();
    assert_eq!(still.status, InvoiceStatus::Draft);

    // A contact without email: 422 and nothing issued.
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let silent = contact(
        ports,
        acc,
        json!({"company_name": "No Mail", "roles": ["customer"]}),
    )
    .await;
    let id = create_invoice(ports, acc, input(&silent), None)
        .await
        .unwrap()
        .document
        .id;
    let err = invoices::send_invoice(ports, service, acc, &id, None)
        .await
        .unwrap_err();
    assert!(
        format!("{err:?}").contains("contact_has_no_email"),
        "{err:?}"
    );
    assert!(for_document(ports, acc, &id).await.unwrap().is_empty());
    assert!(env.embedded.outbox.list().unwrap().is_empty());

    // A good one: issued, posted, emailed with the PDF, sent_at recorded.
    let c = customer(ports, acc).await;
    let id = create_invoice(ports, acc, input(&c), None)
        .await
        .unwrap()
        .document
        .id;
    let at = invoices::send_invoice(ports, service, acc, &id, Some("Thanks!"))
        .await
        .unwrap();
    assert_eq!(at.document.status, InvoiceStatus::Issued);
    assert!(at.document.sent_at.is_some());
    assert_eq!(for_document(ports, acc, &id).await.unwrap().len(), 1);
    let sent = env.embedded.outbox.list().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, vec!["billing@client.example".to_string()]);
    assert!(
        sent[0]
            .attachments
            .iter()
            .any(|a| a.file_name == "INV-0002.pdf")
    );
    // Sending again (a lost email) does not post again.
    invoices::send_invoice(ports, service, acc, &id, None)
        .await
        .unwrap();
    assert_eq!(for_document(ports, acc, &id).await.unwrap().len(), 1);
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 2);
}

#[tokio::test]
async fn reminders_are_throttled_for_a_day() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let service = &env.service;
    let acc = &owner.account_id;
    let c = customer(ports, acc).await;
    let draft = create_invoice(ports, acc, input(&c), None)
        .await
        .unwrap()
        .document;
    let err = invoices::remind_invoice(ports, service, acc, &draft.id, None)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("invalid_status"), "{err:?}");

    let id = create_invoice(ports, acc, input(&c), Some("issued"))
        .await
        .unwrap()
        .document
        .id;
    let at = invoices::remind_invoice(ports, service, acc, &id, None)
        .await
        .unwrap();
    assert!(at.document.last_reminded_at.is_some());
    env.clock.advance(Duration::hours(23));
    match invoices::remind_invoice(ports, service, acc, &id, None).await {
        Err(CoreError::TooManyRequests {
            code,
            retry_after_secs,
        }) => {
            assert_eq!(code, "reminder_throttled");
            assert_eq!(retry_after_secs, 3600);
        }
        other => panic!("{other:?}"),
    }
    env.clock.advance(Duration::hours(1));
    invoices::remind_invoice(ports, service, acc, &id, None)
        .await
        .unwrap();
    assert_eq!(env.embedded.outbox.list().unwrap().len(), 2);
}

#[tokio::test]
async fn address_requests_only_without_an_address() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let service = &env.service;
    let acc = &owner.account_id;
    let with_address = contact(
        ports,
        acc,
        json!({"company_name": "Known", "roles": ["customer"], "email": "a@known.example",
               "billing_address": {"line1": "1 High St", "city": "London", "postal_code": "N1 1AA", "country_code": "GB"}}),
    )
    .await;
    let id = create_invoice(ports, acc, input(&with_address), None)
        .await
        .unwrap()
        .document
        .id;
    let err = invoices::request_address(ports, service, acc, &id, None)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("address_on_file"), "{err:?}");

    let c = customer(ports, acc).await;
    let id = create_invoice(ports, acc, input(&c), None)
        .await
        .unwrap()
        .document
        .id;
    let sent = invoices::request_address(ports, service, acc, &id, None)
        .await
        .unwrap();
    assert_eq!(sent.sent_to, "billing@client.example");
    let outbox = env.embedded.outbox.list().unwrap();
    assert_eq!(outbox.len(), 1);
    assert!(outbox[0].attachments.is_empty());
    assert!(
        outbox[0].text.contains("/portal?token="),
        "{}",
        outbox[0].text
    );
}

#[tokio::test]
async fn the_portal_sees_its_contacts_issued_invoices_only() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let mine = customer(ports, acc).await;
    let theirs = contact(
        ports,
        acc,
        json!({"company_name": "Other", "roles": ["customer"]}),
    )
    .await;
    let draft = create_invoice(ports, acc, input(&mine), None)
        .await
        .unwrap()
        .document;
    let issued = create_invoice(ports, acc, input(&mine), Some("issued"))
        .await
        .unwrap()
        .document;
    let other = create_invoice(ports, acc, input(&theirs), Some("issued"))
        .await
        .unwrap()
        .document;
    let viewer = Viewer::Portal { contact_id: &mine };
    let page = list_invoices(ports, acc, &DocumentFilter::default(), viewer, 50, None)
        .await
        .unwrap();
    let ids: Vec<_> = page
        .documents
        .iter()
        .map(|at| at.document.id.clone())
        .collect();
    assert_eq!(ids, vec![issued.id.clone()]);
    assert!(get_invoice(ports, acc, &issued.id, viewer).await.is_ok());
    for hidden in [&draft.id, &other.id] {
        assert!(matches!(
            get_invoice(ports, acc, hidden, viewer).await,
            Err(CoreError::NotFound)
        ));
        assert!(matches!(
            invoices::invoice_pdf(ports, acc, hidden, viewer).await,
            Err(CoreError::NotFound)
        ));
    }
    let pdf = invoices::invoice_pdf(ports, acc, &issued.id, viewer)
        .await
        .unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));
}

/// An `attachment` upload of the account with `bytes` stored, in `status`.
async fn attachment(
    env: &Kit,
    account_id: &uome_domain::AccountId,
    name: &str,
    status: uome_core::uploads::UploadStatus,
    bytes: &[u8],
) -> String {
    let mut upload = kit::expenses::upload(
        &env.ports,
        account_id,
        uome_core::uploads::UploadPurpose::Attachment,
        status,
    )
    .await;
    upload.file_name = name.to_string();
    upload.found.bytes = Some(bytes.len() as u64);
    env.ports
        .table
        .put(
            uome_core::ports::Item::new(
                uome_core::keys::upload_key(account_id, &upload.id),
                &upload,
            )
            .unwrap(),
            uome_core::ports::Condition::None,
        )
        .await
        .unwrap();
    env.ports
        .blobs
        .put(&upload.key, bytes.to_vec(), "application/pdf")
        .await
        .unwrap();
    upload.id
}

#[tokio::test]
async fn attachments_are_checked_where_linked_and_emailed_with_the_pdf() {
    use uome_core::uploads::{UploadPurpose, UploadStatus};
    let env = Kit::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let c = customer(ports, acc).await;
    let ready = attachment(
        &env,
        acc,
        "terms.pdf",
        UploadStatus::Ready,
        kit::fixtures::PDF,
    )
    .await;
    let pending = attachment(&env, acc, "late.pdf", UploadStatus::Pending, b"").await;
    let theirs = attachment(
        &env,
        &other.account_id,
        "theirs.pdf",
        UploadStatus::Ready,
        b"%PDF",
    )
    .await;
    let avatar = kit::expenses::upload(ports, acc, UploadPurpose::Avatar, UploadStatus::Ready)
        .await
        .id;
    let with = |ids: Vec<String>| {
        let mut i = input(&c);
        i.draft.attachment_ids = ids;
        i
    };

    // Another account's upload names nothing here: a 422 on its field,
    // like an avatar linked as an attachment, or the same one twice.
    let err = create_invoice(
        ports,
        acc,
        with(vec![ready.clone(), theirs, avatar, ready.clone()]),
        None,
    )
    .await
    .unwrap_err();
    let CoreError::Validation(errors) = err else {
        panic!("{err:?}")
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "attachment_ids[1]",
            "attachment_ids[2]",
            "attachment_ids[3]"
        ]
    );
    // A pending one: 409 until it is ready.
    let err = create_invoice(ports, acc, with(vec![pending]), None)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("upload_not_ready"), "{err:?}");
    // Eleven are too many.
    let eleven = (0..11).map(|_| ready.clone()).collect();
    assert!(
        create_invoice(ports, acc, with(eleven), None)
            .await
            .is_err()
    );

    let at = create_invoice(ports, acc, with(vec![ready.clone()]), None)
        .await
        .unwrap();
    assert_eq!(at.document.body.attachment_ids, [ready]);
    invoices::send_invoice(ports, &env.service, acc, &at.document.id, None)
        .await
        .unwrap();
    let sent = env.embedded.outbox.list().unwrap();
    let names: Vec<&str> = sent[0]
        .attachments
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert_eq!(names, ["INV-0001.pdf", "terms.pdf"]);
    assert_eq!(sent[0].attachments[1].bytes, kit::fixtures::PDF.len());
}

#[tokio::test]
async fn attachments_over_ten_mebibytes_together_are_refused() {
    use uome_core::uploads::UploadStatus;
    let env = Kit::new();
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let c = customer(&env.ports, acc).await;
    let big = vec![b'x'; 6 << 20];
    let a = attachment(&env, acc, "a.pdf", UploadStatus::Ready, &big).await;
    let b = attachment(&env, acc, "b.pdf", UploadStatus::Ready, &big).await;
    let mut i = input(&c);
    i.draft.attachment_ids = vec![a, b];
    let err = create_invoice(&env.ports, acc, i, None).await.unwrap_err();
    let CoreError::Validation(errors) = err else {
        panic!("{err:?}")
    };
    assert_eq!(errors[0].field, "attachment_ids");
}

//! Placing orders (API.md §8) on the embedded adapters: only while the
//! account takes orders, priced from the catalogue whatever the client
//! sends, every bad line named, and numbers consecutive under load.

use std::sync::Arc;

use uome_core::CoreError;
use uome_core::account::settings::set_purchase_orders;
use uome_core::orders::{OrderInput, OrderLine, PlacedBy, place_order};
use uome_domain::ContactId;
use uome_domain::order_state::OrderStatus;

mod kit;
use kit::Kit;
use kit::invoices::{customer, d, item};

fn order(contact: &str, lines: &[(&str, &str)]) -> OrderInput {
    OrderInput {
        contact_id: ContactId::from(contact.to_string()),
        lines: lines
            .iter()
            .map(|(item_id, quantity)| OrderLine {
                item_id: item_id.to_string(),
                quantity: d(quantity),
            })
            .collect(),
        ..OrderInput::default()
    }
}

/// One order of `quantity` of `item`, placed by `by`.
async fn place(
    env: &Kit,
    acc: &uome_domain::AccountId,
    contact: &str,
    item: &str,
    quantity: &str,
    by: PlacedBy,
) -> uome_core::orders::Order {
    let input = order(contact, &[(item, quantity)]);
    place_order(&env.ports, &env.service, acc, input, by)
        .await
        .unwrap()
        .document
}

#[tokio::test]
async fn orders_are_priced_from_the_catalogue_and_only_taken_when_enabled() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    let c = customer(ports, acc).await;
    let widget = item(ports, acc, "Widget", "12.50").await;

    let refused = place_order(
        ports,
        &env.service,
        acc,
        order(&c, &[(&widget, "2")]),
        PlacedBy::Client,
    )
    .await
    .unwrap_err();
    assert!(
        format!("{refused:?}").contains("ordering_disabled"),
        "{refused:?}"
    );

    set_purchase_orders(ports, acc, true, None).await.unwrap();
    let at = place_order(
        ports,
        &env.service,
        acc,
        order(&c, &[(&widget, "2")]),
        PlacedBy::Client,
    )
    .await
    .unwrap();
    let placed = at.document;
    assert_eq!(placed.number, "ORD-0001");
    assert_eq!(placed.status, OrderStatus::Pending);
    let line = &placed.body.input.lines[0];
    assert_eq!(line.description, "Widget");
    assert_eq!(line.unit_price, Some(d("12.50")));
    assert_eq!(line.tax_rate, d("10"));
    assert_eq!(placed.body.total(), d("27.50"));
}

#[tokio::test]
async fn every_bad_line_is_named() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    set_purchase_orders(ports, acc, true, None).await.unwrap();
    let c = customer(ports, acc).await;
    let mine = item(ports, acc, "Widget", "1.00").await;
    let theirs = item(ports, &other.account_id, "Theirs", "1.00").await;
    let input = order(
        &c,
        &[(&theirs, "1"), (&mine, "0"), ("", "1"), (&mine, "1.00001")],
    );
    let err = place_order(ports, &env.service, acc, input, PlacedBy::Business)
        .await
        .unwrap_err();
    let CoreError::Validation(errors) = err else {
        panic!("{err:?}")
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "lines[0].item_id",
            "lines[2].item_id",
            "lines[1].quantity",
            "lines[3].quantity"
        ]
    );
}

#[tokio::test]
async fn an_order_needs_a_line() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    set_purchase_orders(ports, acc, true, None).await.unwrap();
    let c = customer(ports, acc).await;
    let err = place_order(ports, &env.service, acc, order(&c, &[]), PlacedBy::Client)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("at least one line"), "{err:?}");
}

#[tokio::test]
async fn twenty_orders_at_once_get_twenty_consecutive_numbers() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    set_purchase_orders(ports, acc, true, None).await.unwrap();
    let c = customer(ports, acc).await;
    let widget = item(ports, acc, "Widget", "1.00").await;
    let ports = Arc::new(ports.clone());
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (ports, acc, input) = (ports.clone(), acc.clone(), order(&c, &[(&widget, "1")]));
            let service = env.service.clone();
            tokio::spawn(async move {
                place_order(&ports, &service, &acc, input, PlacedBy::Client).await
            })
        })
        .collect();
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap().unwrap().document.number);
    }
    numbers.sort();
    let expected: Vec<String> = (1..=20).map(|n| format!("ORD-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[tokio::test]
async fn approving_issues_the_invoice_with_its_posting_once() {
    use uome_core::invoices::{InvoiceSource, load_invoice};
    use uome_core::orders::{approve_order, reject_order};
    use uome_domain::{Account, InvoiceStatus};
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    set_purchase_orders(ports, acc, true, None).await.unwrap();
    let c = customer(ports, acc).await;
    let widget = item(ports, acc, "Widget", "12.50").await;
    let placed = place(&env, acc, &c, &widget, "2", PlacedBy::Client).await;

    let (counted, counting) = env.counting();
    let approved = approve_order(&counted, acc, &placed.id).await.unwrap();
    let calls = counting.take();
    println!("order approve: {calls:?}");
    assert_eq!(calls.get("transact"), Some(&1), "{calls:?}");
    assert_eq!(approved.order.document.status, OrderStatus::Approved);
    let invoice = load_invoice(ports.table.as_ref(), acc, &approved.invoice.id)
        .await
        .unwrap();
    assert_eq!(invoice.status, InvoiceStatus::Issued);
    assert_eq!(invoice.source, InvoiceSource::Order);
    assert_eq!(invoice.source_id.as_deref(), Some(placed.id.as_str()));
    assert_eq!(invoice.body.totals, placed.body.totals);
    let tb = kit::invoices::books(ports, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("27.50"));

    let again = approve_order(ports, acc, &placed.id).await.unwrap_err();
    let text = format!("{again:?}");
    assert!(
        text.contains("already_approved") && text.contains(invoice.id.as_str()),
        "{text}"
    );
    let err = reject_order(ports, &env.service, acc, &placed.id, None)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("invalid_status"), "{err:?}");

    let other = place(&env, acc, &c, &widget, "1", PlacedBy::Business).await;
    let rejected = reject_order(
        ports,
        &env.service,
        acc,
        &other.id,
        Some("Out of stock".into()),
    )
    .await
    .unwrap()
    .document;
    assert_eq!(rejected.status, OrderStatus::Rejected);
    assert_eq!(rejected.reject_reason.as_deref(), Some("Out of stock"));
    assert!(approve_order(ports, acc, &other.id).await.is_err());
}

#[tokio::test]
async fn two_approvals_at_once_make_one_invoice() {
    use uome_core::orders::approve_order;
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    set_purchase_orders(ports, acc, true, None).await.unwrap();
    let c = customer(ports, acc).await;
    let widget = item(ports, acc, "Widget", "5.00").await;
    let placed = place(&env, acc, &c, &widget, "1", PlacedBy::Client).await;
    let (a, b) = tokio::join!(
        approve_order(ports, acc, &placed.id),
        approve_order(ports, acc, &placed.id)
    );
    assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1);
    let tb = kit::invoices::books(ports, acc).await;
    assert_eq!(
        tb.balance_of(uome_domain::Account::ACCOUNTS_RECEIVABLE),
        d("5.50")
    );
}

#[tokio::test]
async fn a_clients_order_and_reminder_email_the_business_and_a_rejection_the_client() {
    use uome_core::documents::{DocumentFilter, Viewer};
    use uome_core::orders::{list_orders, reject_order, remind_order};
    let env = Kit::new();
    let owner = env.account("owner@biz.example", "Biz Ltd").await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    set_purchase_orders(ports, acc, true, None).await.unwrap();
    let c = customer(ports, acc).await;
    let other = kit::invoices::contact(
        ports,
        acc,
        serde_json::json!({"company_name": "Other Ltd", "roles": ["customer"]}),
    )
    .await;
    let widget = item(ports, acc, "Widget", "12.50").await;
    let outbox = &env.embedded.outbox;

    let mine = place(&env, acc, &c, &widget, "2", PlacedBy::Client).await;
    let mail = outbox.list().unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, vec!["owner@biz.example".to_string()]);
    assert_eq!(mail[0].subject, "New order ORD-0001 from OneUp Client Ltd");
    assert_eq!(mail[0].reply_to.as_deref(), Some("billing@client.example"));
    assert_eq!(mail[0].attachments[0].file_name, "ORD-0001.pdf");

    // The business entering an order tells nobody.
    let entered = place(&env, acc, &other, &widget, "1", PlacedBy::Business).await;
    assert_eq!(outbox.list().unwrap().len(), 1);

    // The client reminds once per 24 hours, and only of its own order.
    let contact = ContactId::from(c.clone());
    let reminded = remind_order(ports, &env.service, acc, &contact, &mine.id)
        .await
        .unwrap()
        .document;
    assert!(reminded.last_reminded_at.is_some());
    let mail = outbox.list().unwrap();
    assert_eq!(mail.len(), 2);
    assert!(
        mail[1]
            .subject
            .starts_with("Waiting for your answer: order ORD-0001")
    );
    env.clock.advance(chrono::Duration::hours(23));
    match remind_order(ports, &env.service, acc, &contact, &mine.id).await {
        Err(CoreError::TooManyRequests {
            retry_after_secs, ..
        }) => assert_eq!(retry_after_secs, 3600),
        other => panic!("{other:?}"),
    }
    let foreign = remind_order(ports, &env.service, acc, &contact, &entered.id).await;
    assert!(matches!(foreign, Err(CoreError::NotFound)), "{foreign:?}");
    env.clock.advance(chrono::Duration::hours(1));
    remind_order(ports, &env.service, acc, &contact, &mine.id)
        .await
        .unwrap();
    assert_eq!(outbox.list().unwrap().len(), 3);

    // The portal lists its own orders; the business filters by status.
    let portal = Viewer::Portal {
        contact_id: c.as_str(),
    };
    let page = list_orders(ports, acc, &DocumentFilter::default(), portal, 50, None)
        .await
        .unwrap();
    let numbers: Vec<_> = page.documents.iter().map(|a| &a.document.number).collect();
    assert_eq!(numbers, vec!["ORD-0001"]);

    let rejected = reject_order(
        ports,
        &env.service,
        acc,
        &mine.id,
        Some("Out of stock".into()),
    )
    .await
    .unwrap()
    .document;
    assert_eq!(rejected.status, OrderStatus::Rejected);
    let mail = outbox.list().unwrap();
    let last = mail.last().unwrap();
    assert_eq!(last.to, vec!["billing@client.example".to_string()]);
    assert_eq!(last.subject, "Your order ORD-0001 from Biz Ltd");
    assert!(last.text.contains("Out of stock"), "{}", last.text);
    let err = remind_order(ports, &env.service, acc, &contact, &mine.id)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("invalid_status"), "{err:?}");

    let pending = DocumentFilter {
        status: Some("pending".into()),
        ..DocumentFilter::default()
    };
    let page = list_orders(ports, acc, &pending, Viewer::Business, 50, None)
        .await
        .unwrap();
    let numbers: Vec<_> = page.documents.iter().map(|a| &a.document.number).collect();
    assert_eq!(numbers, vec!["ORD-0002"]);
}

#[tokio::test]
async fn a_reminder_whose_email_fails_can_be_sent_again_at_once() {
    use uome_core::orders::remind_order;
    let env = Kit::new();
    let owner = env.account("owner@biz.example", "Biz Ltd").await;
    let acc = &owner.account_id;
    set_purchase_orders(&env.ports, acc, true, None)
        .await
        .unwrap();
    let c = customer(&env.ports, acc).await;
    let widget = item(&env.ports, acc, "Widget", "1.00").await;
    let placed = place(&env, acc, &c, &widget, "1", PlacedBy::Client).await;
    let mut failing = env.ports.clone();
    failing.mailer = Arc::new(kit::mailers::RefusingMailer);
    let contact = ContactId::from(c.clone());
    assert!(
        remind_order(&failing, &env.service, acc, &contact, &placed.id)
            .await
            .is_err()
    );
    let again = remind_order(&env.ports, &env.service, acc, &contact, &placed.id)
        .await
        .unwrap();
    assert!(again.document.last_reminded_at.is_some());
}

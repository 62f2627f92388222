//! Purchase orders (API.md §9) on the embedded adapters: priced from the
//! catalogue's purchase prices, only to vendors, through the state machine
//! from draft to a paid bill with the purchase side of the ledger, the KPIs
//! at each step, and the seed's offset lists.

use chrono::NaiveDate;
use uome_core::CoreError;
use uome_core::catalogue::{ItemChanges, Patch};
use uome_core::ledger::all_transactions;
use uome_core::purchase_orders::{
    BillInput, ListQuery, PayInput, PurchaseLineInput, PurchaseOrderInput, PurchaseOrderSummary,
    Receipt, bill_purchase_order, cancel_purchase_order, create_purchase_order,
    issue_purchase_order, kpis, list_purchase_orders, pay_purchase_order, receive_purchase_order,
};
use uome_domain::ledger::{Account, trial_balance};
use uome_domain::purchase_order_state::PurchaseOrderStatus;
use uome_domain::{AccountId, Currency, DocumentId};

mod kit;
use kit::Kit;
use kit::invoices::{contact, customer, d};

async fn vendor(env: &Kit, acc: &AccountId) -> String {
    contact(
        &env.ports,
        acc,
        serde_json::json!({"company_name": "Holz AG", "roles": ["vendor"], "email": "orders@holz.example", "currency": "EUR"}),
    )
    .await
}

async fn boards(env: &Kit, acc: &AccountId) -> String {
    let changes = ItemChanges {
        name: Patch::Set("Oak board".into()),
        sales_price: Patch::Set(Ok(d("30.00"))),
        purchase_price: Patch::Set(Ok(d("12.50"))),
        currency: Patch::Set("EUR".into()),
        unit: Patch::Set("pcs".into()),
        ..ItemChanges::default()
    };
    uome_core::catalogue::create_item(&env.ports, acc, changes)
        .await
        .unwrap()
        .id
}

fn order(vendor: &str, lines: Vec<PurchaseLineInput>) -> PurchaseOrderInput {
    PurchaseOrderInput {
        account_id: vendor.to_string(),
        currency: Some("EUR".into()),
        issue_date: NaiveDate::from_ymd_opt(2026, 11, 20),
        due_date: NaiveDate::from_ymd_opt(2026, 12, 20),
        lines,
        ..PurchaseOrderInput::default()
    }
}

fn line_of_item(item: &str, quantity: &str) -> PurchaseLineInput {
    PurchaseLineInput {
        item_id: Some(item.to_string()),
        item_quantity: d(quantity),
        tax_rate: d("20"),
        ..PurchaseLineInput::default()
    }
}

fn fields(err: &CoreError) -> Vec<String> {
    match err {
        CoreError::Validation(errors) => errors.iter().map(|e| e.field.clone()).collect(),
        CoreError::Domain(uome_domain::DomainError::Validation(errors)) => {
            errors.iter().map(|e| e.field.clone()).collect()
        }
        other => panic!("not a 422: {other:?}"),
    }
}

async fn books(env: &Kit, acc: &AccountId) -> uome_domain::ledger::TrialBalance {
    let records = all_transactions(&env.ports, acc).await.unwrap();
    let tb = trial_balance(Currency::EUR, records.iter().map(|r| &r.transaction)).unwrap();
    assert!(tb.is_balanced(), "{tb:?}");
    tb
}

#[tokio::test]
async fn from_draft_to_a_paid_bill_with_the_books_and_kpis_right_at_each_step() {
    let env = Kit::new();
    let owner = env.account("owner@biz.example", "Biz GmbH").await;
    let acc = &owner.account_id;
    let v = vendor(&env, acc).await;
    let item = boards(&env, acc).await;
    let client = customer(&env.ports, acc).await;
    let ports = &env.ports;

    // Only vendors, and every bad line named in the seed's words.
    let err = create_purchase_order(
        ports,
        acc,
        "u1",
        order(&client, vec![line_of_item(&item, "1")]),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(&err), ["account_id"]);
    let bad = vec![
        PurchaseLineInput {
            item_name: Some("Glue".into()),
            item_quantity: d("0"),
            ..PurchaseLineInput::default()
        },
        line_of_item("01900000-0000-7000-8000-000000000000", "1"),
        PurchaseLineInput {
            item_name: Some("Exempt, with a rate no one could have".into()),
            item_quantity: d("1"),
            price: Some(d("1")),
            tax_rate: d("101"),
            item_price_tax_exempt: true,
            ..PurchaseLineInput::default()
        },
    ];
    let err = create_purchase_order(ports, acc, "u1", order(&v, bad))
        .await
        .unwrap_err();
    let mut named = fields(&err);
    named.sort();
    assert_eq!(
        named,
        [
            "lines[0].item_quantity",
            "lines[0].price",
            "lines[1].item_id",
            "lines[2].tax_rate"
        ]
    );

    // 40 boards at the catalogue's purchase price, 20 % tax: 500 + 100.
    let po = create_purchase_order(ports, acc, "u1", order(&v, vec![line_of_item(&item, "40")]))
        .await
        .unwrap()
        .document;
    assert_eq!(po.number, "PO-0001");
    assert_eq!(po.status, PurchaseOrderStatus::Draft);
    assert_eq!(po.body.input.lines[0].description, "Oak board");
    assert_eq!(po.body.total(), d("600.00"));
    let snapshot = po.lines[0].price_snapshot.clone().unwrap();
    assert_eq!(
        (snapshot.price, snapshot.unit.as_deref()),
        (d("12.50"), Some("pcs"))
    );
    let id = po.id.clone();
    let uuid = po.lines[0].uuid.clone();

    // Billing a draft is refused; issuing emails the vendor, without a portal link.
    let err = bill_purchase_order(ports, acc, "u1", &id, BillInput::default())
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("invalid_status"), "{err:?}");
    let issued = issue_purchase_order(ports, &env.service, acc, "u2", &id)
        .await
        .unwrap()
        .document;
    assert_eq!(issued.status, PurchaseOrderStatus::Issued);
    assert_eq!(issued.last_updated_by, "u2");
    let mail = env.embedded.outbox.list().unwrap();
    assert_eq!(mail[0].to, ["orders@holz.example"]);
    assert_eq!(mail[0].attachments[0].file_name, "PO-0001.pdf");
    assert!(!mail[0].text.contains("/portal?token="), "{}", mail[0].text);

    // Received in two parts; more than ordered is refused.
    let receive = |quantity: &str| {
        vec![Receipt {
            uuid: uuid.clone(),
            quantity: d(quantity),
        }]
    };
    let part = receive_purchase_order(ports, acc, "u1", &id, receive("15"))
        .await
        .unwrap()
        .document;
    assert_eq!(part.status, PurchaseOrderStatus::PartiallyReceived);
    assert_eq!(part.lines[0].received, d("15"));
    assert_eq!(part.lines[0].version, 2);
    let err = receive_purchase_order(ports, acc, "u1", &id, receive("26"))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["lines[0].quantity"]);
    let all = receive_purchase_order(ports, acc, "u1", &id, receive("25"))
        .await
        .unwrap()
        .document;
    assert_eq!(all.status, PurchaseOrderStatus::Received);

    // The bill: Dr 5000 500 / Dr 2200 100 / Cr 2100 600.
    let bill = BillInput {
        supplier_invoice_id: Some("HOLZ-118".into()),
        issue_date: NaiveDate::from_ymd_opt(2026, 11, 21),
        due_date: NaiveDate::from_ymd_opt(2026, 11, 21),
        total: Some(d("600.00")),
    };
    let billed = bill_purchase_order(ports, acc, "u1", &id, bill.clone())
        .await
        .unwrap();
    assert_eq!(billed.document.status, PurchaseOrderStatus::Billed);
    let tb = books(&env, acc).await;
    assert_eq!(tb.balance_of(Account::EXPENSES), d("500.00"));
    assert_eq!(tb.balance_of(Account::TAX_PAYABLE), d("100.00"));
    assert_eq!(tb.balance_of(Account::ACCOUNTS_PAYABLE), d("-600.00"));
    let err = bill_purchase_order(ports, acc, "u1", &id, bill)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("already_billed"), "{err:?}");
    let err = cancel_purchase_order(ports, acc, "u1", &id)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("invalid_status"), "{err:?}");

    // KPIs: billed, outstanding, overdue once past the bill's due date.
    let summary = PurchaseOrderSummary::from(&billed.document);
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let k = kpis(Currency::EUR, [&summary], today);
    assert_eq!(
        (k.total_expense, k.total_outstanding, k.total_overdue),
        (d("600.00"), d("600.00"), d("0"))
    );
    let k = kpis(Currency::EUR, [&summary], today.succ_opt().unwrap());
    assert_eq!(k.total_overdue, d("600.00"));
    assert_eq!(k.total_purchase_invoice, 1);

    // Paid in two parts; more than is outstanding is refused.
    let pay = |amount: &str| PayInput {
        amount: Some(d(amount)),
        date: None,
        method: "bank_transfer".into(),
    };
    pay_purchase_order(ports, acc, "u1", &id, pay("200.00"))
        .await
        .unwrap();
    let err = pay_purchase_order(ports, acc, "u1", &id, pay("400.01"))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["amount"]);
    let paid = pay_purchase_order(
        ports,
        acc,
        "u1",
        &id,
        PayInput {
            method: "bank_transfer".into(),
            ..PayInput::default()
        },
    )
    .await
    .unwrap()
    .document;
    assert_eq!(paid.bill.as_ref().unwrap().outstanding(), d("0"));
    let tb = books(&env, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_PAYABLE), d("0"));
    assert_eq!(tb.balance_of(Account::BANK), d("-600.00"));
}

#[tokio::test]
async fn the_seed_list_filters_sorts_counts_and_pages() {
    let env = Kit::new();
    let owner = env.account("owner@biz.example", "Biz GmbH").await;
    let acc = &owner.account_id;
    let v = vendor(&env, acc).await;
    let item = boards(&env, acc).await;
    let mut ids = Vec::new();
    for (day, quantity) in [(3, "1"), (1, "3"), (2, "2")] {
        let mut input = order(&v, vec![line_of_item(&item, quantity)]);
        input.issue_date = NaiveDate::from_ymd_opt(2026, 11, day);
        input.due_date = None;
        ids.push(
            create_purchase_order(&env.ports, acc, "u1", input)
                .await
                .unwrap()
                .document
                .id,
        );
    }
    cancel_purchase_order(&env.ports, acc, "u1", &ids[2])
        .await
        .unwrap();
    let list = |limit: &str, offset: &str, filter: &str, order: &str| {
        let query = ListQuery::parse(Some(limit), Some(offset), Some(filter), Some(order)).unwrap();
        let (ports, acc) = (&env.ports, acc.clone());
        async move {
            list_purchase_orders(ports, &acc, None, &query)
                .await
                .unwrap()
        }
    };
    let numbers = |page: &uome_core::purchase_orders::PurchaseOrderPage| {
        page.orders
            .iter()
            .map(|o| o.number.clone())
            .collect::<Vec<_>>()
    };
    let page = list("50", "0", "", "").await;
    assert_eq!(page.records, 3);
    assert_eq!(numbers(&page), ["PO-0001", "PO-0003", "PO-0002"]);
    let page = list("50", "0", "", "issue_date:asc").await;
    assert_eq!(numbers(&page), ["PO-0002", "PO-0003", "PO-0001"]);
    let page = list("1", "1", "", "total:desc").await;
    assert_eq!(
        (page.records, numbers(&page)),
        (3, vec!["PO-0003".to_string()])
    );
    let page = list("50", "0", "issue_date>=2026-11-02,status:draft", "").await;
    assert_eq!(
        (page.records, numbers(&page)),
        (1, vec!["PO-0001".to_string()])
    );
    let page = list("50", "5", "", "").await;
    assert_eq!((page.records, page.orders.len()), (3, 0));

    for (limit, offset, filter, order, parameter) in [
        ("201", "0", "", "", "limit"),
        ("10", "-1", "", "", "offset"),
        ("10", "0", "colour:red", "", "filter"),
        ("10", "0", "issue_date>=yesterday", "", "filter"),
        ("10", "0", "status>=draft", "", "filter"),
        ("10", "0", "", "price:asc", "order"),
        ("10", "0", "", "total:up", "order"),
    ] {
        let err =
            ListQuery::parse(Some(limit), Some(offset), Some(filter), Some(order)).unwrap_err();
        let text = format!("{err:?}");
        assert!(
            text.contains("invalid_query") && text.contains(parameter),
            "{text}"
        );
    }
    let other = env.account("other@biz.example", "Other GmbH").await;
    let mine = uome_core::purchase_orders::load_purchase_order(
        &env.ports,
        &other.account_id,
        &DocumentId::from(ids[0].as_str()),
    )
    .await;
    assert!(matches!(mine, Err(CoreError::NotFound)));
}

#[tokio::test]
async fn receipts_and_payments_racing_never_pass_what_is_left() {
    let env = Kit::new();
    let owner = env.account("owner@biz.example", "Biz GmbH").await;
    let acc = &owner.account_id;
    let v = vendor(&env, acc).await;
    let item = boards(&env, acc).await;
    let ports = &env.ports;
    let po = create_purchase_order(ports, acc, "u1", order(&v, vec![line_of_item(&item, "10")]))
        .await
        .unwrap()
        .document;
    let id = po.id.clone();
    issue_purchase_order(ports, &env.service, acc, "u1", &id)
        .await
        .unwrap();
    let receipt = || {
        vec![Receipt {
            uuid: po.lines[0].uuid.clone(),
            quantity: d("6"),
        }]
    };
    // Two receipts of 6 of 10 at once: one lands, the other sees 4 left.
    let (a, b) = tokio::join!(
        receive_purchase_order(ports, acc, "u1", &id, receipt()),
        receive_purchase_order(ports, acc, "u1", &id, receipt()),
    );
    assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1, "{a:?} {b:?}");
    let bill = BillInput {
        supplier_invoice_id: Some("HOLZ-9".into()),
        issue_date: NaiveDate::from_ymd_opt(2026, 11, 21),
        due_date: None,
        total: Some(d("150.00")),
    };
    bill_purchase_order(ports, acc, "u1", &id, bill)
        .await
        .unwrap();
    let pay = || PayInput {
        amount: Some(d("100.00")),
        date: None,
        method: "bank_transfer".into(),
    };
    // Two payments of 100 of 150 at once: one lands.
    let (a, b) = tokio::join!(
        pay_purchase_order(ports, acc, "u1", &id, pay()),
        pay_purchase_order(ports, acc, "u1", &id, pay()),
    );
    assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1, "{a:?} {b:?}");
    let tb = books(&env, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_PAYABLE), d("-50.00"));
}

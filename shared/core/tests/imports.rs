//! Bulk imports (API.md §11, seed 003) on the embedded adapters: the
//! seed's examples, upserts by number, rows reported on their own, the
//! ledger kept whole, the same import twice and twice at once, and how
//! few table calls a chunk takes.

use serde_json::{Value, json};
use uome_core::contacts::find_by_number;
use uome_core::imports::{ImportReport, import_bulk};
use uome_core::invoices::{Invoice, InvoiceSource, load_invoice};
use uome_core::keys::invoice_number_guard_key;
use uome_core::uploads::ImportType;
use uome_core::{CoreError, Ports};
use uome_domain::{Account, AccountId, DocumentId, InvoiceStatus};

mod kit;
use kit::Kit;
use kit::invoices::{books, d};

async fn import(
    ports: &Ports,
    account_id: &AccountId,
    kind: ImportType,
    rows: &Value,
) -> ImportReport {
    import_bulk(ports, account_id, kind, rows.to_string().as_bytes())
        .await
        .expect("import")
}

async fn invoice_numbered(ports: &Ports, account_id: &AccountId, number: &str) -> Invoice {
    let guard = ports
        .table
        .get(&invoice_number_guard_key(
            account_id,
            &number.to_lowercase(),
        ))
        .await
        .unwrap()
        .expect("an invoice with this number");
    let id = guard.data["invoice_id"].as_str().unwrap();
    load_invoice(ports.table.as_ref(), account_id, &DocumentId::from(id))
        .await
        .unwrap()
}

/// Seed 003's invoice example (its keys quoted: the seed writes them bare,
/// which is not JSON).
fn seed_invoice() -> Value {
    json!([{ "customerNumber": "23123123", "invoiceNumber": "21321", "invoiceAmount": 12112 }])
}

#[tokio::test]
async fn the_seed_invoice_becomes_an_issued_invoice_with_its_contact_and_postings() {
    let env = Kit::new();
    let owner = env.account("owner@import.test", "Importer Ltd").await;
    let acc = &owner.account_id;

    let report = import(&env.ports, acc, ImportType::Invoices, &seed_invoice()).await;
    assert_eq!((report.received, report.created, report.updated), (1, 1, 0));
    assert!(report.rejected.is_empty(), "{report:?}");

    let invoice = invoice_numbered(&env.ports, acc, "21321").await;
    assert_eq!(invoice.source, InvoiceSource::Import);
    assert_eq!(invoice.status, InvoiceStatus::Issued);
    assert_eq!(invoice.body.total(), d("12112.00"));
    assert_eq!(invoice.number, "21321");
    let contact = find_by_number(env.ports.table.as_ref(), acc, "23123123")
        .await
        .unwrap()
        .expect("the unknown customer number made a contact");
    assert_eq!(invoice.body.contact_id, contact.id);
    assert_eq!(contact.display_name, "Customer 23123123");
    let tb = books(&env.ports, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("12112.00"));

    // The same upload again updates and duplicates nothing.
    let again = import(&env.ports, acc, ImportType::Invoices, &seed_invoice()).await;
    assert_eq!((again.created, again.updated), (0, 1));
    assert_eq!(books(&env.ports, acc).await, tb);
}

#[tokio::test]
async fn a_reupload_with_a_smaller_balance_books_the_payment_made_meanwhile() {
    let env = Kit::new();
    let owner = env.account("owner@import.test", "Importer Ltd").await;
    let acc = &owner.account_id;
    let row = |balance: &str| {
        json!([{ "customerNumber": "C-1", "customerName": "Acme", "invoiceNumber": "A-7",
                 "invoiceAmount": "250.50", "balanceAmount": balance, "postDate": "2026-10-01",
                 "dueDate": "2026-10-31", "companyCode": "XY22", "billAddr": {"city": "Leeds"} }])
    };
    import(&env.ports, acc, ImportType::Invoices, &row("250.50")).await;
    let report = import(&env.ports, acc, ImportType::Invoices, &row("50.25")).await;
    assert_eq!((report.created, report.updated), (0, 1), "{report:?}");

    let invoice = invoice_numbered(&env.ports, acc, "a-7").await;
    assert_eq!(invoice.status, InvoiceStatus::PartiallyPaid);
    assert_eq!(invoice.amount_paid, d("200.25"));
    assert_eq!(invoice.body.contact_name, "Acme");
    let imported = invoice.imported.as_ref().unwrap();
    assert_eq!(imported.fields["companyCode"], "XY22");
    assert_eq!(imported.fields["billAddr"]["city"], "Leeds");
    let tb = books(&env.ports, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("50.25"));
    assert_eq!(tb.balance_of(Account::BANK), d("200.25"));

    // Settled in the other system: paid, and its balance is gone.
    let paid = json!([{ "customerNumber": "C-1", "invoiceNumber": "A-7", "invoiceAmount": "250.50",
                        "postDate": "2026-10-01", "dueDate": "2026-10-31", "status": "closed" }]);
    import(&env.ports, acc, ImportType::Invoices, &paid).await;
    assert_eq!(
        invoice_numbered(&env.ports, acc, "A-7").await.status,
        InvoiceStatus::Paid
    );
    let tb = books(&env.ports, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("0.00"));
    assert_eq!(tb.balance_of(Account::BANK), d("250.50"));
}

#[tokio::test]
async fn bad_rows_are_reported_by_index_and_good_ones_still_land() {
    let env = Kit::new();
    let owner = env.account("owner@import.test", "Importer Ltd").await;
    let acc = &owner.account_id;
    let rows = json!([
        { "customerNumber": "C-1", "invoiceNumber": "B-1", "invoiceAmount": 10 },
        { "customerNumber": "C-1", "invoiceAmount": "1.234", "colour": "red" },
        "not a row",
        { "customerNumber": "C-2", "invoiceNumber": "b-1", "invoiceAmount": 5 },
        { "customerNumber": "C-2", "invoiceNumber": "INV-0042", "invoiceAmount": 5 },
        { "customerNumber": "C-2", "invoiceNumber": "B-2", "invoiceAmount": 7.5, "currency": "JPY" },
    ]);
    let report = import(&env.ports, acc, ImportType::Invoices, &rows).await;
    assert_eq!((report.received, report.created, report.updated), (6, 1, 0));
    let rejected: Vec<(usize, Vec<&str>)> = report
        .rejected
        .iter()
        .map(|r| (r.index, r.errors.iter().map(|e| e.field.as_str()).collect()))
        .collect();
    assert_eq!(
        rejected,
        [
            (1, vec!["colour", "invoiceNumber", "invoiceAmount"]),
            (2, vec![""]),
            (3, vec!["invoiceNumber"]),
            (4, vec!["invoiceNumber"]),
            (5, vec!["invoiceAmount"]),
        ]
    );
    assert_eq!(report.rejected[2].number.as_deref(), Some("b-1"));
    assert_eq!(
        books(&env.ports, acc)
            .await
            .balance_of(Account::ACCOUNTS_RECEIVABLE),
        d("10.00")
    );
}

#[tokio::test]
async fn the_seed_customers_upsert_by_number() {
    let env = Kit::new();
    let owner = env.account("owner@import.test", "Importer Ltd").await;
    let acc = &owner.account_id;
    // The seed's example verbatim: its address was mangled on the way
    // into the seed, and is reported as the row's problem.
    let seed = json!([{
        "companyname" : "Payorcrm LLC", "firstname" : "John", "lastname": "Doe",
        "phoneno": "+11122334455", "emailaddress1": "[email protected]",
        "customerno" : "231231201", "cocode": "XY22"
    }]);
    let report = import(&env.ports, acc, ImportType::Customers, &seed).await;
    assert_eq!(report.created, 0);
    assert_eq!(report.rejected[0].errors[0].field, "emailaddress1");

    let mut fixed = seed.clone();
    fixed[0]["emailaddress1"] = json!("john.doe@payorcrm.example");
    let report = import(&env.ports, acc, ImportType::Customers, &fixed).await;
    assert_eq!((report.created, report.updated), (1, 0), "{report:?}");
    let contact = find_by_number(env.ports.table.as_ref(), acc, "231231201")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(contact.company_name.as_deref(), Some("Payorcrm LLC"));
    assert_eq!(contact.tags, ["cocode:XY22"]);

    fixed[0]["phoneno"] = json!("+441632960961");
    let report = import(&env.ports, acc, ImportType::Customers, &fixed).await;
    assert_eq!((report.created, report.updated), (0, 1));
    let updated = find_by_number(env.ports.table.as_ref(), acc, "231231201")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(updated.id, contact.id);
    assert_eq!(updated.phone.as_deref(), Some("+441632960961"));
    assert_eq!(updated.tags, ["cocode:XY22"]);
}

#[tokio::test]
async fn the_same_import_twice_at_once_makes_each_invoice_once() {
    let env = Kit::new();
    let owner = env.account("owner@import.test", "Importer Ltd").await;
    let acc = owner.account_id.clone();
    let rows: Value = (0..60)
        .map(|i| {
            json!({ "customerNumber": format!("C-{}", i % 7), "invoiceNumber": format!("N-{i}"),
                         "invoiceAmount": format!("{}.{:02}", 10 + i, i) })
        })
        .collect();
    let (a, b) = tokio::join!(
        import(&env.ports, &acc, ImportType::Invoices, &rows),
        import(&env.ports, &acc, ImportType::Invoices, &rows),
    );
    for report in [&a, &b] {
        assert!(report.rejected.is_empty(), "{report:?}");
        assert_eq!(report.created + report.updated, 60);
    }
    assert_eq!(
        a.created + b.created,
        60,
        "each number created exactly once"
    );
    let expected: uome_domain::Decimal = (0..60).map(|i| d(&format!("{}.{:02}", 10 + i, i))).sum();
    let tb = books(&env.ports, &acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), expected);
    for i in 0..7 {
        assert!(
            find_by_number(env.ports.table.as_ref(), &acc, &format!("c-{i}"))
                .await
                .unwrap()
                .is_some()
        );
    }
}

#[tokio::test]
async fn rows_are_written_in_few_transactions() {
    let env = Kit::new();
    let owner = env.account("owner@import.test", "Importer Ltd").await;
    let (ports, counting) = env.counting();
    let rows: Value = (0..200)
        .map(|i| {
            json!({ "customerNumber": format!("C-{i}"), "invoiceNumber": format!("N-{i}"),
                         "invoiceAmount": 100 })
        })
        .collect();
    let report = import(&ports, &owner.account_id, ImportType::Invoices, &rows).await;
    assert_eq!(report.created, 200);
    let calls = counting.take();
    // 200 contacts and 200 invoices, each several items: far fewer calls
    // than one per 25 items.
    let transactions = calls.get("transact").copied().unwrap_or(0);
    assert!(transactions <= 30, "{calls:?}");
    assert_eq!(calls.get("put"), None, "{calls:?}");
}

#[tokio::test]
async fn too_many_rows_and_bodies_that_are_not_arrays_are_refused_whole() {
    let env = Kit::new();
    let owner = env.account("owner@import.test", "Importer Ltd").await;
    let acc = &owner.account_id;
    let rows = Value::Array(vec![json!({}); 5_001]);
    let too_many = import_bulk(
        &env.ports,
        acc,
        ImportType::Customers,
        rows.to_string().as_bytes(),
    )
    .await;
    assert!(
        matches!(too_many, Err(CoreError::TooLarge(_))),
        "{too_many:?}"
    );
    let object = import_bulk(&env.ports, acc, ImportType::Customers, b"{\"rows\": []}").await;
    assert!(
        matches!(object, Err(CoreError::Validation(_))),
        "{object:?}"
    );
    let broken = import_bulk(&env.ports, acc, ImportType::Customers, b"[{").await;
    assert!(
        matches!(broken, Err(CoreError::BadRequest { .. })),
        "{broken:?}"
    );
    let exactly = Value::Array(vec![json!({}); 5_000]);
    let report = import(&env.ports, acc, ImportType::Customers, &exactly).await;
    assert_eq!((report.received, report.rejected.len()), (5_000, 5_000));
}

/// An `import` upload of `bytes` (declared `declared` bytes), its bytes
/// landed: the upload's object key.
async fn landed_import(
    ports: &Ports,
    account_id: &AccountId,
    bytes: &[u8],
    declared: usize,
) -> String {
    let presigned = uome_core::uploads::create(
        ports,
        account_id,
        uome_core::uploads::NewUpload {
            purpose: uome_core::uploads::UploadPurpose::Import,
            file_name: "invoices.json".into(),
            content_type: "application/json".into(),
            size_bytes: declared as i64,
            import_type: Some(ImportType::Invoices),
            owner_id: None,
        },
    )
    .await
    .unwrap();
    let key = presigned.upload.key.clone();
    ports
        .blobs
        .put(&key, bytes.to_vec(), "application/json")
        .await
        .unwrap();
    key
}

#[tokio::test]
async fn an_import_upload_is_applied_once_with_its_report_on_the_upload() {
    use uome_core::uploads::{Processed, UploadStatus, process_object};
    let env = Kit::new();
    let owner = env.account("owner@import.test", "Importer Ltd").await;
    let acc = &owner.account_id;
    let rows: Value = (0..250)
        .map(|i| {
            json!({ "customerNumber": format!("C-{}", i % 10), "invoiceNumber": format!("U-{i}"),
                         "invoiceAmount": "1.01" })
        })
        .chain([json!({ "customerNumber": "C-1" })])
        .collect();
    let bytes = serde_json::to_vec_pretty(&rows).unwrap();
    let key = landed_import(&env.ports, acc, &bytes, bytes.len()).await;

    // S3 delivers the event twice, and at the same time.
    let (first, second) = tokio::join!(
        process_object(&env.ports, &key),
        process_object(&env.ports, &key)
    );
    let outcomes = [first.unwrap(), second.unwrap()];
    assert!(outcomes.contains(&Processed::Ready), "{outcomes:?}");
    assert_eq!(
        process_object(&env.ports, &key).await.unwrap(),
        Processed::AlreadyDone
    );

    let id = uome_core::uploads::process::upload_of_key(&key).unwrap().1;
    let upload = uome_core::uploads::load(&env.ports, acc, &id)
        .await
        .unwrap();
    assert_eq!(upload.status, UploadStatus::Ready);
    assert_eq!(upload.found.bytes, Some(bytes.len() as u64));
    let report = upload.found.report.unwrap();
    assert_eq!(
        (report.received, report.created + report.updated),
        (251, 250)
    );
    assert_eq!(report.rejected_count, 1);
    assert_eq!(report.rejected[0].index, 250);
    let tb = books(&env.ports, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("252.50"));
}

#[tokio::test]
async fn an_import_broken_half_way_or_bigger_than_declared_applies_nothing() {
    use uome_core::uploads::{Processed, process_object};
    let env = Kit::new();
    let owner = env.account("owner@import.test", "Importer Ltd").await;
    let acc = &owner.account_id;
    let good = r#"[{"customerNumber": "C", "invoiceNumber": "1", "invoiceAmount": 5},"#;
    let broken = format!("{good} {{\"customerNumber\": ");
    let key = landed_import(&env.ports, acc, broken.as_bytes(), broken.len()).await;
    match process_object(&env.ports, &key).await.unwrap() {
        Processed::Rejected(reason) => assert!(reason.contains("not valid JSON"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert!(
        env.ports.blobs.get(&key).await.unwrap().is_none(),
        "the object is deleted"
    );

    let rows = r#"[{"customerNumber": "C", "invoiceNumber": "2", "invoiceAmount": 5}]"#;
    let key = landed_import(&env.ports, acc, rows.as_bytes(), rows.len() - 1).await;
    match process_object(&env.ports, &key).await.unwrap() {
        Processed::Rejected(reason) => assert!(reason.contains("declared"), "{reason}"),
        other => panic!("{other:?}"),
    }
    let object = r#"{"rows": []}"#;
    let key = landed_import(&env.ports, acc, object.as_bytes(), object.len()).await;
    assert_eq!(
        process_object(&env.ports, &key).await.unwrap(),
        Processed::Rejected("An import must be a JSON array of rows.".into())
    );
    assert_eq!(books(&env.ports, acc).await.total_debit, d("0"));
}

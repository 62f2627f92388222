//! The seeds' document fields over HTTP against the local server (issue
//! 19): AbaNinja's invoice example of seed 004 in our snake_case keys,
//! a fixed document discount split over two rates and validated as an
//! e-invoice, an issued invoice keeping its address after the contact
//! moves, and the 422s that write nothing.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer, error_fields};

async fn created(t: &TestServer, who: &TestAccount, path: &str, body: Value) -> Value {
    let (status, answer) = t.call(who, Method::POST, path, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{path}: {answer}");
    answer
}

fn id(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

/// A customer with three contact persons and a second address.
async fn receiver(t: &TestServer, who: &TestAccount) -> Value {
    created(
        t,
        who,
        "/v1/contacts",
        json!({
            "company_name": "Kunde AG", "roles": ["customer"], "email": "office@kunde.example",
            "vat_number": "DE987654321",
            "billing_address": {"line1": "Marktgasse 1", "postal_code": "3011", "city": "Bern", "country_code": "DE"},
            "contact_persons": [
                {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@kunde.example"},
                {"first_name": "Bob", "last_name": "Byte", "email": "bob@kunde.example"},
                {"first_name": "Cy", "last_name": "Cache"}
            ],
            "addresses": [
                {"label": "Warehouse", "address": {"line1": "Hafenstraße 9", "postal_code": "20457", "city": "Hamburg", "country_code": "DE"}}
            ]
        }),
    )
    .await
}

fn person(contact: &Value, i: usize) -> String {
    contact["contact_persons"][i]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The invoice of seed 004 ("Create invoice"), AbaNinja's camelCase keys
/// written as ours: receiver ids, custom fields 1-4, positions of kind
/// `product` by `productNumber`, fixed discounts of 0, three cash
/// discounts, and `documentTotal` 50.
fn abaninja_invoice(contact: &Value) -> Value {
    json!({
        "contact_id": id(contact),
        "billing_address_id": contact["addresses"][0]["id"],
        "contact_person_id": person(contact, 0),
        "additional_recipients": [person(contact, 1), person(contact, 2)],
        "currency": "CHF",
        "title": "Custom Invoice Title",
        "reference": "our reference",
        "custom_fields": ["custom 1", "custom 2", "custom 3", "custom 4"],
        "issue_date": "2021-11-26",
        "due_date": "2021-12-26",
        "delivery_date": "2021-12-27",
        "payment_instructions": {"iban": "CH2200784102000123454", "reference": "RF18000000000539007547034"},
        "prices_include_tax": false,
        "document_total": 50,
        "discount_amount": 0,
        "cash_discounts": [
            {"days": 5, "percentage": 2}, {"days": 7, "percentage": 1.5}, {"days": 9, "percentage": 0.5}
        ],
        "terms": "here you can define terms and conditions in a free text form",
        "notes": "here you can add notes to your invoice which are public available",
        "footer": "My custom invoice footer",
        "lines": [
            {"kind": "subtitle", "title": "My Product Subtitle"},
            {"kind": "product", "item_number": "T0001",
             "description": "A Test product description for a test json",
             "quantity": 2.5, "unit_price": 10, "discount_amount": 0, "tax_rate": 0},
            {"kind": "product", "item_number": "T0002",
             "description": "Another Test product description for a test json",
             "quantity": 2.5, "unit_price": 10, "discount_amount": 0, "tax_rate": 0},
            {"kind": "section_total"},
            {"kind": "divider"},
            {"kind": "product", "description": "Free Product",
             "quantity": 1, "unit_price": 0, "discount_amount": 0, "tax_rate": 0}
        ]
    })
}

#[tokio::test]
async fn the_abaninja_invoice_example_gives_the_seeds_total() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let mut items = Vec::new();
    for (number, name) in [("T0001", "Test product"), ("T0002", "Another product")] {
        items.push(
            created(
                &t,
                &a,
                "/v1/items",
                json!({"number": number, "name": name, "type": "product",
                       "sales_price": "10.00", "currency": "CHF"}),
            )
            .await,
        );
    }
    let contact = receiver(&t, &a).await;

    let invoice = created(&t, &a, "/v1/invoices", abaninja_invoice(&contact)).await;
    // documentTotal 50: 2.5 × 10 twice, a free product, nothing off.
    assert_eq!(invoice["subtotal"], "50.00");
    assert_eq!(invoice["discount_amount"], "0.00");
    assert_eq!(invoice["discount_rate"], Value::Null);
    assert_eq!(invoice["tax_amount"], "0.00");
    assert_eq!(invoice["total"], "50.00");
    let lines = invoice["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[1]["kind"], "item");
    assert_eq!(lines[1]["source_kind"], "product");
    assert_eq!(lines[1]["item_number"], "T0001");
    assert_eq!(lines[1]["item_id"], items[0]["id"]);
    assert_eq!(lines[2]["item_id"], items[1]["id"]);
    assert_eq!(lines[1]["discount_amount"], "0.00");
    assert_eq!(lines[1]["net"], "25.00");
    assert_eq!(lines[3]["net"], "50.00", "the section total");
    assert_eq!(lines[5]["source_kind"], "product");
    assert_eq!(lines[5]["item_id"], Value::Null);
    let tiers: Vec<(&str, &str)> = invoice["cash_discounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["discount_amount"].as_str().unwrap(),
                c["amount_payable"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tiers,
        [("1.00", "49.00"), ("0.75", "49.25"), ("0.25", "49.75")]
    );
    assert_eq!(
        invoice["custom_fields"],
        json!(["custom 1", "custom 2", "custom 3", "custom 4"])
    );
    assert_eq!(invoice["billing_address"]["city"], "Hamburg");
    assert_eq!(invoice["contact_person_name"], "Ada Lovelace");
    assert_eq!(
        invoice["payment_instructions"]["reference"],
        "RF18000000000539007547034"
    );

    // Sent to the contact person, the others with an email copied.
    let (status, sent) = t
        .call(
            &a,
            Method::POST,
            &format!("/v1/invoices/{}/send", id(&invoice)),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    let outbox = t.outbox().await;
    let email = outbox.last().expect("an email");
    assert_eq!(email["to"], json!(["ada@kunde.example"]));
    assert_eq!(email["cc"], json!(["bob@kunde.example"]));

    // The same positions written back read the same.
    let (status, read) = t
        .call(
            &a,
            Method::GET,
            &format!("/v1/invoices/{}", id(&invoice)),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["lines"], invoice["lines"]);
}

/// A company and bank an e-invoice can be made for.
async fn e_invoicing(t: &TestServer, who: &TestAccount) {
    let (status, body) = t
        .call(
            who,
            Method::PUT,
            "/v1/account/company",
            Some(json!({
                "name": "Muster GmbH", "vat_number": "DE123456789", "email": "billing@muster.example",
                "default_currency": "EUR",
                "address": {"line1": "Hauptstraße 1", "postal_code": "10115", "city": "Berlin", "country_code": "DE"}
            })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = t
        .call(
            who,
            Method::PUT,
            "/v1/account/bank",
            Some(
                json!({"account_name": "Muster GmbH", "institution": "Commerzbank",
                        "iban": "DE89370400440532013000"}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn einvoice(t: &TestServer, who: &TestAccount, invoice_id: &str, format: &str) -> String {
    let response = t
        .client
        .get(t.url(&format!(
            "/v1/invoices/{invoice_id}/einvoice?format={format}"
        )))
        .header("authorization", who.bearer())
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    text
}

#[tokio::test]
async fn a_fixed_discount_splits_to_the_cent_and_validates_as_an_e_invoice() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    e_invoicing(&t, &a).await;
    let item = created(
        &t,
        &a,
        "/v1/items",
        json!({"number": "BK-7", "name": "Handbook", "sales_price": "50.00", "currency": "EUR", "tax_rate": 7}),
    )
    .await;
    let contact = receiver(&t, &a).await;
    let invoice = created(
        &t,
        &a,
        "/v1/invoices",
        json!({
            "contact_id": id(&contact), "status": "issued",
            "shipping_address_id": contact["addresses"][0]["id"],
            "contact_person_id": person(&contact, 0),
            "purchase_order_number": "4500012345",
            "payment_instructions": {"bic": "cobadeffxxx"},
            "discount_amount": "10.00",
            "lines": [
                {"description": "Consulting", "quantity": 1, "unit_price": "100.00", "tax_rate": 19},
                {"kind": "product", "item_number": "bk-7", "quantity": 1, "tax_rate": 7}
            ]
        }),
    )
    .await;
    assert_eq!(invoice["lines"][1]["item_id"], item["id"]);
    assert_eq!(invoice["lines"][1]["unit_price"], "50");
    assert_eq!(invoice["subtotal"], "150.00");
    assert_eq!(invoice["discount_amount"], "10.00");
    // 10.00 × 100/150 = 6.666… and × 50/150 = 3.333…: floors 6.66 and
    // 3.33, the missing cent to the larger remainder (19 %).
    let breakdown: Vec<(&str, &str, &str, &str)> = invoice["tax_breakdown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rate"].as_str().unwrap(),
                r["allowance"].as_str().unwrap(),
                r["base"].as_str().unwrap(),
                r["tax"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        breakdown,
        [
            ("7", "3.33", "46.67", "3.27"),
            ("19", "6.67", "93.33", "17.73")
        ]
    );
    assert_eq!(invoice["total"], "161.00");
    assert_eq!(invoice["payment_instructions"]["bic"], "COBADEFFXXX");
    assert_eq!(invoice["shipping_address"]["city"], "Hamburg");

    let invoice_id = id(&invoice);
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for format in ["ubl", "cii"] {
        let xml = einvoice(&t, &a, &invoice_id, format).await;
        for expected in [
            "6.67",
            "3.33",
            "4500012345",
            "COBADEFFXXX",
            "Hamburg",
            "BK-7",
        ] {
            assert!(xml.contains(expected), "{format} lacks {expected}: {xml}");
        }
        assert!(
            xml.contains("Ada Lovelace"),
            "{format}: the buyer's contact"
        );
        let path = dir.path().join(format!("fixed-discount.{format}.xml"));
        std::fs::write(&path, xml).unwrap();
        files.push(path);
    }
    let ubl = std::fs::read_to_string(&files[0]).unwrap();
    let order = ubl.find("<cac:OrderReference>").expect("BT-13");
    assert!(
        ubl[order..]
            .trim_start_matches("<cac:OrderReference>")
            .trim_start()
            .starts_with("<cbc:ID>4500012345</cbc:ID>")
    );
    assert!(ubl.contains(
        r#"<cbc:AllowanceTotalAmount currencyID="EUR">10.00</cbc:AllowanceTotalAmount>"#
    ));
    assert!(ubl.contains(r#"<cbc:PayableAmount currencyID="EUR">161.00</cbc:PayableAmount>"#));
    if let Some(python) = uome_testkit::python::python() {
        let report = uome_testkit::python::validate_einvoices(&python, &files);
        println!("{report}");
        assert!(!report.contains(" fatal:"), "{report}");
    }
}

#[tokio::test]
async fn an_issued_invoice_keeps_its_address_after_the_contact_moves() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    e_invoicing(&t, &a).await;
    let contact = receiver(&t, &a).await;
    let line =
        json!([{"description": "Work", "quantity": 1, "unit_price": "10.00", "tax_rate": 19}]);
    let issued = created(
        &t,
        &a,
        "/v1/invoices",
        json!({"contact_id": id(&contact), "status": "issued", "lines": line}),
    )
    .await;
    let draft = created(
        &t,
        &a,
        "/v1/invoices",
        json!({"contact_id": id(&contact), "lines": line}),
    )
    .await;
    assert_eq!(issued["billing_address"]["city"], "Bern");

    let (status, moved) = t
        .call(
            &a,
            Method::PATCH,
            &format!("/v1/contacts/{}", id(&contact)),
            Some(
                json!({"billing_address": {"line1": "Bahnhofstrasse 1", "postal_code": "80331",
                                            "city": "München", "country_code": "DE"}}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");

    let (_, read) = t
        .call(
            &a,
            Method::GET,
            &format!("/v1/invoices/{}", id(&issued)),
            None,
        )
        .await;
    assert_eq!(read["billing_address"]["city"], "Bern");
    let ubl = einvoice(&t, &a, &id(&issued), "ubl").await;
    assert!(ubl.contains("<cbc:CityName>Bern</cbc:CityName>"), "{ubl}");
    assert!(!ubl.contains("München"));

    // A draft takes the address it is issued with.
    let (status, now_issued) = t
        .call(
            &a,
            Method::POST,
            &format!("/v1/invoices/{}/issue", id(&draft)),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{now_issued}");
    assert_eq!(now_issued["billing_address"]["city"], "München");
}

#[tokio::test]
async fn bad_seed_fields_are_422s_that_write_nothing() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let b = t.account(true).await;
    let contact = receiver(&t, &a).await;
    let other = created(
        &t,
        &a,
        "/v1/contacts",
        json!({"company_name": "Other", "contact_persons": [{"last_name": "Else"}],
               "addresses": [{"address": {"city": "Basel", "country_code": "CH"}}]}),
    )
    .await;
    let foreign = receiver(&t, &b).await;

    let refused = |body: Value| {
        let t = &t;
        let a = &a;
        async move {
            let (status, problem) = t.call(a, Method::POST, "/v1/invoices", Some(body)).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
            let mut fields = error_fields(&problem);
            fields.sort();
            fields
        }
    };
    let fields = refused(json!({
        "contact_id": id(&contact),
        "discount_rate": 5, "discount_amount": "1.00",
        "billing_address_id": other["addresses"][0]["id"],
        "shipping_address_id": foreign["addresses"][0]["id"],
        "contact_person_id": person(&other, 0),
        "additional_recipients": [person(&foreign, 0)],
        "custom_fields": ["1", "2", "3", "4", "5"],
        "lines": [
            {"description": "Both", "unit_price": "10.00", "discount_rate": 5, "discount_amount": "1.00"},
            {"description": "Negative", "unit_price": "10.00", "discount_amount": "-1.00"},
            {"description": "Over", "quantity": 2, "unit_price": "10.00", "discount_amount": "20.01"},
            {"kind": "product", "item_number": "NOPE-1", "description": "Unknown", "unit_price": "1.00"}
        ]
    }))
    .await;
    assert_eq!(
        fields,
        [
            "additional_recipients[0]",
            "billing_address_id",
            "contact_person_id",
            "custom_fields",
            "discount_amount",
            "discount_rate",
            "lines[0].discount_amount",
            "lines[0].discount_rate",
            "lines[1].discount_amount",
            "lines[2].discount_amount",
            "lines[3].item_number",
            "shipping_address_id",
        ]
    );
    let fields = refused(json!({
        "contact_id": id(&contact), "discount_amount": "10.01",
        "lines": [{"description": "Ten", "unit_price": "10.00"}]
    }))
    .await;
    assert_eq!(fields, ["discount_amount"]);

    let (status, list) = t.call(&a, Method::GET, "/v1/invoices", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["data"], json!([]), "nothing was written");
}

#[tokio::test]
async fn oneups_item_extras_and_a_contacts_addresses_round_trip() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    // Seed 001's item, dimension unit id 3 written as ours.
    let item = created(
        &t,
        &a,
        "/v1/items",
        json!({"type": "product", "name": "Nintendo Wii", "sales_price": 199.0,
               "purchase_price": 159.0, "number": "ITM-012", "description": "A video game console.",
               "private_note": "I got one !", "net_weight": 1.740, "width": 0.157,
               "length": 0.215, "height": 0.440}),
    )
    .await;
    assert_eq!(item["private_note"], "I got one !");
    assert_eq!(item["net_weight"], "1.74");
    assert_eq!(item["width"], "0.157");
    assert_eq!(item["height"], "0.44");
    assert_eq!(item["dimension_unit"], "m");
    let (status, patched) = t
        .call(
            &a,
            Method::PATCH,
            &format!("/v1/items/{}", id(&item)),
            Some(json!({"dimension_unit": "cm", "net_weight": null})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{patched}");
    assert_eq!(patched["dimension_unit"], "cm");
    assert_eq!(patched["net_weight"], Value::Null);
    assert_eq!(patched["length"], "0.215");
    let (status, problem) = t
        .call(
            &a,
            Method::PATCH,
            &format!("/v1/items/{}", id(&item)),
            Some(json!({"width": "-1", "dimension_unit": "parsec"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");

    // A contact's further addresses keep their ids when sent back.
    let contact = receiver(&t, &a).await;
    let address_id = contact["addresses"][0]["id"].clone();
    let mut body = contact.clone();
    for read_only in [
        "id",
        "display_name",
        "created_at",
        "updated_at",
        "credit_balance",
    ] {
        body.as_object_mut().unwrap().remove(read_only);
    }
    for address in ["billing_address", "shipping_address"] {
        if let Some(a) = body[address].as_object_mut() {
            a.remove("full_address");
        }
    }
    body["addresses"]
        .as_array_mut()
        .unwrap()
        .push(json!({"label": "Shop", "address": {"city": "Zürich", "country_code": "CH"}}));
    let (status, replaced) = t
        .call(
            &a,
            Method::PUT,
            &format!("/v1/contacts/{}", id(&contact)),
            Some(body),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{replaced}");
    assert_eq!(replaced["addresses"][0]["id"], address_id);
    assert_eq!(replaced["addresses"][1]["label"], "Shop");
    let (status, problem) = t
        .call(
            &a,
            Method::PATCH,
            &format!("/v1/contacts/{}", id(&contact)),
            Some(json!({"addresses": [{"id": "not-ours", "address": {"city": "Bern"}}, {"label": "Empty"}]})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        error_fields(&problem),
        ["addresses[0].id", "addresses[1].address"]
    );
}

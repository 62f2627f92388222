//! E-invoices (API.md §14) through the invoices router, checked by the
//! official EN 16931 schematron (`tests/validators/validate.py`) with zero
//! fatal errors for every case the issue names: a plain invoice, the OneUp
//! order of seed 001 (document discount, 10 % and 0 %), three rates with
//! an exemption, a tax-inclusive CHF invoice, a JPY invoice, a reverse
//! charge, a partially paid invoice and a credit note, each as UBL and
//! CII, several as Factur-X (whose XML also passes the Factur-X XSD and
//! whose XMP carries the `fx:` properties). Then what is refused: an
//! incomplete account (422 naming every field), a draft (409), a bad
//! format, another account's invoice.

use std::path::{Path, PathBuf};

use axum::body::Body;
use http::{Method, Request};
use serde_json::{Value, json};
use uome_core::account::company::{self, CompanyInput};
use uome_core::account::settings::{self, SettingsInput};
use uome_domain::Address;
use uome_testkit::TestEnv;
use uome_testkit::owner::Owner;
use uome_testkit::python;
use uome_testkit::requests::{call, send_raw};

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod fixtures;

/// One business: its country, VAT number, IBAN and settings.
struct Seller {
    country: &'static str,
    vat: &'static str,
    iban: &'static str,
    currency: &'static str,
    reverse_charge: bool,
    exemption: Option<&'static str>,
}

const GERMANY: Seller = Seller {
    country: "DE",
    vat: "DE123456789",
    iban: "DE89370400440532013000",
    currency: "EUR",
    reverse_charge: false,
    exemption: None,
};

fn address(country: &str, city: &str) -> Address {
    Address {
        line1: Some("Hauptstraße 1".into()),
        postal_code: Some("10115".into()),
        city: Some(city.into()),
        country_code: Some(country.into()),
        ..Address::default()
    }
}

/// An account set up to send e-invoices, its router, and a customer in
/// `buyer_country` with VAT number `buyer_vat`.
async fn business(
    env: &TestEnv,
    seller: &Seller,
    buyer_country: &str,
    buyer_vat: Option<&str>,
) -> (Owner, String) {
    let owner = env.owner(true).await;
    let ports = &env.ctx.ports;
    company::update(
        ports,
        &owner.account_id,
        CompanyInput {
            name: "Muster & Söhne GmbH".into(),
            registration_number: Some("HRB 12345".into()),
            vat_number: Some(seller.vat.into()),
            address: Some(address(seller.country, "Berlin")),
            email: Some("billing@muster.example".into()),
            phone: Some("+49 30 1234567".into()),
            default_currency: Some(seller.currency.into()),
            ..CompanyInput::default()
        },
        None,
    )
    .await
    .unwrap();
    fixtures::bank_iban(ports, &owner.account_id, seller.iban).await;
    settings::update(
        ports,
        &owner.account_id,
        SettingsInput {
            reverse_charge: Some(seller.reverse_charge),
            vat_exemption_reason: seller.exemption.map(str::to_owned),
            ..SettingsInput::default()
        },
        None,
    )
    .await
    .unwrap();
    let contact = fixtures::contact(
        ports,
        &owner.account_id,
        json!({"company_name": "Kunde <SA>", "roles": ["customer"],
               "email": "ap@kunde.example", "vat_number": buyer_vat,
               "billing_address": {"line1": "1 Rue de la Paix", "postal_code": "75002",
                                   "city": "Paris", "country_code": buyer_country}}),
    )
    .await;
    (owner, contact)
}

async fn issue(app: &axum::Router, owner: &Owner, body: Value) -> Value {
    let (status, invoice) = call(app, Method::POST, "/v1/invoices", owner, Some(body)).await;
    assert_eq!(status, 201, "{invoice}");
    invoice
}

/// `GET path` as the owner: status, content type and the bytes.
async fn fetch(app: &axum::Router, owner: &Owner, path: &str) -> (u16, String, Vec<u8>) {
    let request = Request::builder()
        .method(Method::GET)
        .uri(path)
        .header("authorization", owner.bearer())
        .body(Body::empty())
        .unwrap();
    let (status, headers, bytes) = send_raw(app, request).await;
    let content_type = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status.as_u16(), content_type, bytes)
}

/// Every format of `document` (`invoices/<id>` or `credit-notes/<id>`),
/// written to `dir` as `<name>.<format>`.
async fn save_all(
    app: &axum::Router,
    owner: &Owner,
    document: &str,
    name: &str,
    formats: &[&str],
    dir: &Path,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for format in formats {
        let (status, content_type, bytes) = fetch(
            app,
            owner,
            &format!("/v1/{document}/einvoice?format={format}"),
        )
        .await;
        assert_eq!(
            status,
            200,
            "{name} {format}: {}",
            String::from_utf8_lossy(&bytes)
        );
        let extension = if *format == "facturx" {
            assert_eq!(content_type, "application/pdf");
            "pdf"
        } else {
            assert_eq!(content_type, "application/xml");
            "xml"
        };
        let path = dir.join(format!("{name}.{format}.{extension}"));
        std::fs::write(&path, bytes).unwrap();
        files.push(path);
    }
    files
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[tokio::test]
async fn every_case_passes_the_en16931_schematron() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let mut files = Vec::new();
    let all = ["ubl", "cii", "facturx"];
    let xml = ["ubl", "cii"];

    // A plain invoice: 19 % and 7 %, between two German businesses.
    let env = TestEnv::new();
    let app = env.app(uome_invoices::api());
    let (owner, contact) = business(&env, &GERMANY, "DE", Some("DE987654321")).await;
    let plain = issue(&app, &owner, json!({"contact_id": contact, "currency": "EUR", "status": "issued",
        "delivery_date": "2026-11-20", "reference": "PO-4711",
        "lines": [{"description": "Consulting\nNovember, on site", "quantity": 12, "unit": "hours", "unit_price": "95.00", "tax_rate": 19},
                  {"description": "Handbook", "quantity": 2, "unit_price": "24.90", "tax_rate": 7}]})).await;
    let id = plain["id"].as_str().unwrap();
    files.extend(save_all(&app, &owner, &format!("invoices/{id}"), "plain", &all, out).await);
    let ubl = text(&files[0]);
    assert!(
        ubl.contains(r#"<cbc:PayableAmount currencyID="EUR">1409.89</cbc:PayableAmount>"#),
        "{ubl}"
    );
    assert!(ubl.contains(r#"<cbc:EndpointID schemeID="EM">ap@kunde.example</cbc:EndpointID>"#));
    assert!(ubl.contains("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>"));
    assert!(ubl.contains("Kunde &lt;SA&gt;"), "escaped by the writer");
    assert!(ubl.contains(r#"unitCode="HUR""#));
    assert!(ubl.contains("<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>"));
    assert!(ubl.contains("<cbc:ID>DE89370400440532013000</cbc:ID>"));
    assert_eq!(plain["total"], "1409.89");

    // OneUp (seed 001): 3.5 % off, lines at 10 % and 0 % (zero-rated).
    let seller = Seller {
        currency: "USD",
        ..GERMANY
    };
    let (owner, contact) = business(&env, &seller, "US", None).await;
    let oneup = issue(
        &app,
        &owner,
        json!({"contact_id": contact, "currency": "USD", "status": "issued",
        "discount_rate": "3.5", "lines": fixtures::oneup_lines(), "document_total": "1140.20"}),
    )
    .await;
    let id = oneup["id"].as_str().unwrap();
    let saved = save_all(&app, &owner, &format!("invoices/{id}"), "oneup", &all, out).await;
    let ubl = text(&saved[0]);
    assert!(
        ubl.contains(
            r#"<cbc:AllowanceTotalAmount currencyID="USD">38.23</cbc:AllowanceTotalAmount>"#
        ),
        "{ubl}"
    );
    assert!(
        ubl.contains(
            r#"<cbc:TaxInclusiveAmount currencyID="USD">1140.20</cbc:TaxInclusiveAmount>"#
        )
    );
    assert!(ubl.contains("<cbc:ID>Z</cbc:ID>"));
    files.extend(saved);

    // Three rates, 10 % off, and an exempt 0 % (E with the reason).
    let seller = Seller {
        exemption: Some("Exempt under Article 135(1) of Directive 2006/112/EC"),
        ..GERMANY
    };
    let (owner, contact) = business(&env, &seller, "DE", Some("DE987654321")).await;
    let three = issue(&app, &owner, json!({"contact_id": contact, "currency": "EUR", "status": "issued",
        "discount_rate": 10,
        "lines": [{"description": "Design", "quantity": "3.5", "unit_price": "80.00", "tax_rate": 19},
                  {"description": "Book", "quantity": 3, "unit_price": "19.99", "discount_rate": 15, "tax_rate": 7},
                  {"description": "Insurance", "quantity": 1, "unit_price": "33.33", "tax_rate": 0}]})).await;
    let id = three["id"].as_str().unwrap();
    let saved = save_all(
        &app,
        &owner,
        &format!("invoices/{id}"),
        "three-rates",
        &xml,
        out,
    )
    .await;
    let cii = text(&saved[1]);
    assert!(
        cii.contains("<ram:CategoryCode>E</ram:CategoryCode>"),
        "{cii}"
    );
    assert!(cii.contains("<ram:ExemptionReason>Exempt under Article 135(1)"));
    assert_eq!(
        cii.matches("<ram:SpecifiedTradeAllowanceCharge>").count(),
        3
    );
    files.extend(saved);

    // Tax-inclusive CHF: gross prices at 8.1 % and 2.6 %, 5 % off.
    let seller = Seller {
        country: "CH",
        vat: "CHE-123.456.789 MWST",
        iban: "CH4431999123000889012",
        currency: "CHF",
        ..GERMANY
    };
    let (owner, contact) = business(&env, &seller, "CH", Some("CHE-987.654.321 MWST")).await;
    let chf = issue(&app, &owner, json!({"contact_id": contact, "currency": "CHF", "status": "issued",
        "prices_include_tax": true, "discount_rate": 5,
        "lines": [{"description": "Repair", "quantity": 3, "unit_price": "10.00", "tax_rate": "8.1"},
                  {"description": "Bread", "quantity": 7, "unit_price": "4.35", "tax_rate": "2.6"}]})).await;
    let id = chf["id"].as_str().unwrap();
    let saved = save_all(
        &app,
        &owner,
        &format!("invoices/{id}"),
        "chf-inclusive",
        &all,
        out,
    )
    .await;
    let ubl = text(&saved[0]);
    let total = chf["total"].as_str().unwrap();
    assert!(
        ubl.contains(&format!(
            r#"<cbc:TaxInclusiveAmount currencyID="CHF">{total}</cbc:TaxInclusiveAmount>"#
        )),
        "{ubl}"
    );
    let reference = chf["payment_instructions"]["reference"].as_str().unwrap();
    assert!(ubl.contains(&format!("<cbc:PaymentID>{reference}</cbc:PaymentID>")));
    files.extend(saved);

    // JPY: no minor unit.
    let seller = Seller {
        currency: "JPY",
        ..GERMANY
    };
    let (owner, contact) = business(&env, &seller, "JP", None).await;
    let jpy = issue(
        &app,
        &owner,
        json!({"contact_id": contact, "currency": "JPY", "status": "issued",
        "lines": [{"description": "Licence", "quantity": 3, "unit_price": 99247, "tax_rate": 19},
                  {"description": "Shipping", "quantity": 1, "unit_price": 1500, "tax_rate": 0}]}),
    )
    .await;
    let id = jpy["id"].as_str().unwrap();
    let saved = save_all(&app, &owner, &format!("invoices/{id}"), "jpy", &xml, out).await;
    assert!(
        text(&saved[0])
            .contains(r#"<cbc:PayableAmount currencyID="JPY">355812</cbc:PayableAmount>"#)
    );
    files.extend(saved);

    // Reverse charge: a German seller, a French VAT-registered buyer.
    let seller = Seller {
        reverse_charge: true,
        ..GERMANY
    };
    let (owner, contact) = business(&env, &seller, "FR", Some("FR40303265045")).await;
    let reverse = issue(&app, &owner, json!({"contact_id": contact, "currency": "EUR", "status": "issued",
        "lines": [{"description": "Machine service", "quantity": 1, "unit_price": "1250.00", "tax_rate": 0}]})).await;
    let id = reverse["id"].as_str().unwrap();
    let saved = save_all(
        &app,
        &owner,
        &format!("invoices/{id}"),
        "reverse-charge",
        &all,
        out,
    )
    .await;
    let ubl = text(&saved[0]);
    assert!(ubl.contains("<cbc:ID>AE</cbc:ID>"), "{ubl}");
    assert!(ubl.contains("<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>"));
    files.extend(saved);

    // Partially paid: 100.00 of 1409.89 paid.
    let (owner, contact) = business(&env, &GERMANY, "DE", Some("DE987654321")).await;
    let invoice = issue(&app, &owner, json!({"contact_id": contact, "currency": "EUR", "status": "issued",
        "lines": [{"description": "Consulting", "quantity": 12, "unit_price": "95.00", "tax_rate": 19},
                  {"description": "Handbook", "quantity": 2, "unit_price": "24.90", "tax_rate": 7}]})).await;
    let id = invoice["id"].as_str().unwrap().to_owned();
    let (status, paid) = call(
        &app,
        Method::POST,
        &format!("/v1/invoices/{id}/payments"),
        &owner,
        Some(json!({"amount": "100.00", "method": "bank_transfer"})),
    )
    .await;
    assert_eq!(status, 201, "{paid}");
    let saved = save_all(
        &app,
        &owner,
        &format!("invoices/{id}"),
        "partially-paid",
        &all,
        out,
    )
    .await;
    let ubl = text(&saved[0]);
    assert!(
        ubl.contains(r#"<cbc:PrepaidAmount currencyID="EUR">100.00</cbc:PrepaidAmount>"#),
        "{ubl}"
    );
    assert!(ubl.contains(r#"<cbc:PayableAmount currencyID="EUR">1309.89</cbc:PayableAmount>"#));
    files.extend(saved);

    // A credit note of half the first line of that invoice.
    let (status, note) = call(&app, Method::POST, &format!("/v1/invoices/{id}/credit-notes"), &owner,
        Some(json!({"reason": "Six hours not worked", "lines": [{"line_position": 1, "quantity": 6}]}))).await;
    assert_eq!(status, 201, "{note}");
    let note_id = note["id"].as_str().unwrap();
    let saved = save_all(
        &app,
        &owner,
        &format!("credit-notes/{note_id}"),
        "credit-note",
        &all,
        out,
    )
    .await;
    let ubl = text(&saved[0]);
    assert!(ubl.contains("<CreditNote "), "{ubl}");
    assert!(ubl.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"));
    assert!(ubl.contains(&format!(
        "<cbc:ID>{}</cbc:ID>",
        invoice["number"].as_str().unwrap()
    )));
    assert!(ubl.contains(&format!(
        r#"<cbc:PayableAmount currencyID="EUR">{}</cbc:PayableAmount>"#,
        note["total"].as_str().unwrap()
    )));
    files.extend(saved);

    let Some(python) = python::python() else {
        return;
    };
    if let Ok(keep) = std::env::var("UOME_KEEP_EINVOICES") {
        for f in &files {
            std::fs::copy(f, Path::new(&keep).join(f.file_name().unwrap())).unwrap();
        }
    }
    let report = python::validate_einvoices(&python, &files);
    println!("{report}");
    assert!(!report.contains(" fatal:"), "{report}");
    let pdfs: Vec<&PathBuf> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 6);
    let script = python::validators_dir().join("facturx_check.py");
    let mut args = vec![script.to_str().unwrap()];
    args.extend(pdfs.iter().map(|p| p.to_str().unwrap()));
    let (ok, report) = python::run(&python, &args);
    println!("{report}");
    assert!(ok, "{report}");
}

#[tokio::test]
async fn what_the_standard_needs_and_the_account_lacks_is_named() {
    let env = TestEnv::new();
    let app = env.app(uome_invoices::api());
    let owner = env.owner(true).await;
    let contact = fixtures::customer(&env.ctx.ports, &owner.account_id).await;
    let invoice = issue(&app, &owner, json!({"contact_id": contact, "status": "issued",
        "lines": [{"description": "Consulting", "quantity": 1, "unit_price": "100.00", "tax_rate": 20}]})).await;
    let id = invoice["id"].as_str().unwrap();
    let (status, problem) = call(
        &app,
        Method::GET,
        &format!("/v1/invoices/{id}/einvoice?format=ubl"),
        &owner,
        None,
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "einvoice_incomplete");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "company.name",
            "company.vat_number",
            "company.address.country_code",
            "company.email",
            "contact.billing_address.country_code"
        ]
    );
    // CII asks no electronic addresses.
    let (status, problem) = call(
        &app,
        Method::GET,
        &format!("/v1/invoices/{id}/einvoice?format=cii"),
        &owner,
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(problem["errors"].as_array().unwrap().len(), 4, "{problem}");

    let (status, problem) = call(
        &app,
        Method::GET,
        &format!("/v1/invoices/{id}/einvoice?format=pdf"),
        &owner,
        None,
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "format");

    let draft = call(
        &app,
        Method::POST,
        "/v1/invoices",
        &owner,
        Some(json!({"contact_id": contact,
        "lines": [{"description": "x", "quantity": 1, "unit_price": "1"}]})),
    )
    .await
    .1;
    let (status, problem) = call(
        &app,
        Method::GET,
        &format!("/v1/invoices/{}/einvoice", draft["id"].as_str().unwrap()),
        &owner,
        None,
    )
    .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "einvoice_unavailable");

    let stranger = env.owner(true).await;
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/v1/invoices/{id}/einvoice"),
        &stranger,
        None,
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_sample_event_gets_the_ubl() {
    let env = TestEnv::new();
    let app = env.app(uome_invoices::api());
    let (owner, contact) = business(&env, &GERMANY, "FR", Some("FR40303265045")).await;
    let invoice = issue(&app, &owner, json!({"contact_id": contact, "currency": "EUR", "status": "issued",
        "lines": [{"description": "Consulting", "quantity": 2, "unit_price": "50.00", "tax_rate": 19}]})).await;
    let path = format!(
        "{}/../../events/invoices-einvoice.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap().replace(
        "0192f3c4-5e6f-7a8b-9c0d-0000000000aa",
        invoice["id"].as_str().unwrap(),
    );
    let mut event: Value = serde_json::from_str(&text).unwrap();
    event["headers"]["authorization"] = json!(owner.bearer());
    let request = lambda_http::request::from_str(&event.to_string()).unwrap();
    let (parts, body) = request.into_parts();
    let (status, headers, bytes) =
        send_raw(&app, Request::from_parts(parts, Body::from(body.to_vec()))).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(headers["content-type"], "application/xml");
    assert_eq!(
        headers["content-disposition"],
        r#"inline; filename="INV-0001.ubl.xml""#
    );
    let xml = String::from_utf8(bytes).unwrap();
    assert!(
        xml.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<cbc:TaxInclusiveAmount currencyID="EUR">119.00</cbc:TaxInclusiveAmount>"#)
    );
}

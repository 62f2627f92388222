//! The Swiss QR-bill of an invoice (API.md §14) through the invoices
//! router: issuing into a QR-IBAN stores a QR reference, into another Swiss
//! IBAN a creditor reference, elsewhere the invoice number; the QR code
//! comes as SVG 46 mm wide with the Swiss cross; what the bill lacks is
//! named; a draft has none.

use serde_json::json;
use uome_core::account::company::{self, CompanyInput};
use uome_domain::Address;
use uome_domain::payment_reference::{is_creditor_reference, is_qr_reference};
use uome_testkit::TestEnv;
use uome_testkit::requests::{call, call_as};

#[path = "../../../shared/core/tests/kit/invoices.rs"]
#[allow(dead_code)]
mod fixtures;

async fn swiss_company(env: &TestEnv, account_id: &uome_domain::AccountId, with_address: bool) {
    let address = with_address.then(|| Address {
        line1: Some("Rue du Lac 1268".into()),
        postal_code: Some("2501".into()),
        city: Some("Biel".into()),
        country_code: Some("CH".into()),
        ..Address::default()
    });
    company::update(
        &env.ctx.ports,
        account_id,
        CompanyInput {
            name: "Robert Schneider AG".into(),
            default_currency: Some("CHF".into()),
            address,
            ..CompanyInput::default()
        },
        None,
    )
    .await
    .unwrap();
}

async fn issued_invoice(
    env: &TestEnv,
    app: &axum::Router,
    owner: &uome_testkit::owner::Owner,
) -> serde_json::Value {
    let contact = fixtures::customer(&env.ctx.ports, &owner.account_id).await;
    let body = json!({"contact_id": contact, "currency": "CHF", "status": "issued",
                      "lines": [{"description": "Consulting", "quantity": 1, "unit_price": "1949.75"}]});
    let (status, invoice) = call(app, http::Method::POST, "/v1/invoices", owner, Some(body)).await;
    assert_eq!(status, 201, "{invoice}");
    invoice
}

#[tokio::test]
async fn a_qr_iban_gets_a_qr_reference_and_the_code_as_svg() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    swiss_company(&env, &owner.account_id, true).await;
    fixtures::bank_iban(&env.ctx.ports, &owner.account_id, "CH4431999123000889012").await;
    let invoice = issued_invoice(&env, &app, &owner).await;
    let reference = invoice["payment_instructions"]["reference"]
        .as_str()
        .unwrap();
    assert!(is_qr_reference(reference), "{reference}");
    let id = invoice["id"].as_str().unwrap();
    let (status, headers, _) = call_as(
        &app,
        http::Method::GET,
        &format!("/v1/invoices/{id}/qr-bill"),
        &owner.bearer(),
        &[],
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/svg+xml");
    let svg = uome_core::invoices::qr_bill::qr_svg("SPC\n0200\n1").unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains(r#"width="46mm""#),
        "{svg}"
    );
}

#[tokio::test]
async fn another_swiss_iban_gets_a_creditor_reference_and_gaps_are_named() {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    swiss_company(&env, &owner.account_id, false).await;
    fixtures::bank_iban(&env.ctx.ports, &owner.account_id, "CH9300762011623852957").await;
    let invoice = issued_invoice(&env, &app, &owner).await;
    let reference = invoice["payment_instructions"]["reference"]
        .as_str()
        .unwrap();
    assert!(is_creditor_reference(reference), "{reference}");
    // 98 − ("INV0001RF00" as ISO 7064 digits mod 97) = 40.
    assert_eq!(reference, "RF40INV0001");
    let id = invoice["id"].as_str().unwrap();
    let (status, problem) = call(
        &app,
        http::Method::GET,
        &format!("/v1/invoices/{id}/qr-bill"),
        &owner,
        None,
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "qr_bill_incomplete");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "company.address.postal_code",
            "company.address.city",
            "company.address.country_code"
        ]
    );

    // A draft has no bill.
    let contact = invoice["contact_id"].as_str().unwrap();
    let body = json!({"contact_id": contact, "currency": "CHF",
                      "lines": [{"description": "Consulting", "quantity": 1, "unit_price": "10"}]});
    let (_, draft) = call(&app, http::Method::POST, "/v1/invoices", &owner, Some(body)).await;
    let (status, problem) = call(
        &app,
        http::Method::GET,
        &format!("/v1/invoices/{}/qr-bill", draft["id"].as_str().unwrap()),
        &owner,
        None,
    )
    .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "qr_bill_unavailable");
}

/// The last page of `pdf` as a PNG at 4× (288 dpi): the QR code's modules
/// are then some ten pixels wide.
fn last_page_png(pdf: &[u8]) -> Vec<u8> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings};

    let pdf = Pdf::new(pdf.to_vec()).unwrap();
    let pages = pdf.pages();
    hayro::render(
        pages.last().unwrap(),
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings {
            x_scale: 4.0,
            y_scale: 4.0,
            bg_color: WHITE,
        },
    )
    .into_png()
    .unwrap()
}

/// The Swiss QR Code printed on the invoice's last page, decoded by
/// zxing-cpp, is field by field what the `qrbill` package builds from the
/// same creditor, debtor, amount, reference and message: with a QR-IBAN
/// (QR reference) and with an ordinary Swiss IBAN (creditor reference);
/// `qrbill` itself refuses a reference of the wrong kind for the IBAN.
#[tokio::test]
async fn the_printed_code_decodes_to_what_qrbill_builds() {
    for iban in ["CH4431999123000889012", "CH9300762011623852957"] {
        decodes_to_what_qrbill_builds(iban).await;
    }
}

async fn decodes_to_what_qrbill_builds(iban: &str) {
    let env = TestEnv::new();
    let owner = env.owner(true).await;
    let app = env.app(uome_invoices::api());
    swiss_company(&env, &owner.account_id, true).await;
    fixtures::bank_iban(&env.ctx.ports, &owner.account_id, iban).await;
    let contact = fixtures::contact(
        &env.ctx.ports,
        &owner.account_id,
        json!({"company_name": "Rutschmann Söhne GmbH", "roles": ["customer"],
               "billing_address": {"line1": "Grosse Marktgasse 28", "postal_code": "9400",
                                   "city": "Rorschach", "country_code": "CH"}}),
    )
    .await;
    let body = json!({"contact_id": contact, "currency": "CHF", "status": "issued",
                      "lines": [{"description": "Consulting", "quantity": 1, "unit_price": "1949.75"}]});
    let (status, invoice) =
        call(&app, http::Method::POST, "/v1/invoices", &owner, Some(body)).await;
    assert_eq!(status, 201, "{invoice}");
    let id = invoice["id"].as_str().unwrap();
    let request = http::Request::builder()
        .uri(format!("/v1/invoices/{id}/pdf"))
        .header("authorization", owner.bearer())
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, _, pdf) = uome_testkit::requests::send_raw(&app, request).await;
    assert_eq!(status, 200);

    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("qr-bill.png");
    std::fs::write(&png, last_page_png(&pdf)).unwrap();
    let spec = dir.path().join("bill.json");
    let data = json!({
        "account": iban,
        "creditor": {"name": "Robert Schneider AG", "street": "Rue du Lac 1268",
                     "pcode": "2501", "city": "Biel", "country": "CH"},
        "amount": "1949.75",
        "currency": "CHF",
        "debtor": {"name": "Rutschmann Söhne GmbH", "street": "Grosse Marktgasse 28",
                   "pcode": "9400", "city": "Rorschach", "country": "CH"},
        "reference": invoice["payment_instructions"]["reference"],
        "message": "Invoice INV-0001",
    });
    std::fs::write(&spec, data.to_string()).unwrap();
    let Some(python) = uome_testkit::python::python() else {
        return;
    };
    let script = uome_testkit::python::validators_dir().join("qrbill_check.py");
    let (ok, report) = uome_testkit::python::run(
        &python,
        &[
            script.to_str().unwrap(),
            png.to_str().unwrap(),
            spec.to_str().unwrap(),
        ],
    );
    println!("{report}");
    assert!(ok, "{report}");
}

//! Stored quotes and invoices to PDFs and emails
//! (`uome_core::documents::{render, mail}`), against the embedded adapters:
//! the PDF is read back (text through lopdf, pixels through hayro), the
//! emails are read from the outbox.

mod kit;

use kit::Kit;
use uome_domain::AccountId;
use uome_domain::ContactId;

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;
use uome_core::CoreError;
use uome_core::account::bank::{self, BankInput};
use uome_core::account::company::Company;
use uome_core::contacts::{ContactInput, create_contact};
use uome_core::documents::DocumentBody;
use uome_core::documents::mail::{
    DocumentEmail, SentEmail, check_document_email, send_document_email,
};
use uome_core::documents::render::{
    DocumentKind, DocumentMeta, RenderContext, document_view, load_render_context,
    render_document_pdf,
};
use uome_core::keys::{account_item, company_key};
use uome_core::ports::{Condition, Email, Item, MailError, Mailer, Ports};
use uome_domain::cash_discount::CashDiscount;
use uome_domain::line::LineKind;
use uome_domain::{
    Address, Currency, Decimal, DocumentInput, LineInput, amount_due, compute_totals,
};

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn item(description: &str, qty: &str, unit: &str, price: &str, disc: &str, tax: &str) -> LineInput {
    LineInput {
        unit: Some(unit.into()),
        ..LineInput::item(description, d(qty), d(price), d(disc), d(tax))
    }
}

/// Every line kind, a document discount, two tax rates and two cash
/// discount tiers, with accents everywhere.
fn body(currency: Currency, contact_id: &str) -> DocumentBody {
    let lines = vec![
        LineInput::text(LineKind::Subtitle, "Pâtisserie – Größe M"),
        item(
            "Crème brûlée for Zoë's café",
            "120",
            "pcs",
            "3.5",
            "0",
            "20",
        ),
        item(
            "Espresso beans, Señor Ñandú estate",
            "2.5",
            "kg",
            "18.40",
            "5",
            "20",
        ),
        LineInput::text(LineKind::Text, "Delivered to Ångström's shop in Malmö."),
        LineInput::text(LineKind::SectionTotal, "Total pâtisserie"),
        LineInput::text(LineKind::Divider, ""),
        LineInput::text(LineKind::Subtitle, "Services"),
        item(
            "Barista training (zero-rated)",
            "4",
            "h",
            "0.0125",
            "0",
            "0",
        ),
        item("Consulting", "1000", "h", "95", "0", "20"),
        LineInput::text(LineKind::SectionTotal, ""),
    ];
    let input = DocumentInput {
        discount_rate: d("3.5"),
        cash_discounts: vec![
            CashDiscount::new(10, d("2")),
            CashDiscount::new(30, d("1.5")),
        ],
        ..DocumentInput::new(currency, lines)
    };
    let totals = compute_totals(&input).unwrap();
    DocumentBody {
        contact_id: contact_id.into(),
        contact_name: "Zoë Ångström".into(),
        issue_date: date(2026, 11, 21),
        reference: Some("PO-7781 / Zoë".into()),
        title: Some("Café refit".into()),
        notes: Some("Merci, Zoë! Payment in € or £ welcome.".into()),
        terms: Some("Goods remain ours until paid in full.".into()),
        footer: Some("Café Crème Ltd · Registered in England 01234567".into()),
        purchase_order_number: None,
        custom_fields: Vec::new(),
        recipient: Default::default(),
        input,
        totals,
        attachment_ids: Vec::new(),
    }
}

fn company() -> Company {
    Company {
        name: "Café Crème Ltd".into(),
        registration_number: Some("01234567".into()),
        vat_number: Some("GB123456789".into()),
        address: Some(Address {
            line1: Some("12 Rue de l'Église".into()),
            city: Some("London".into()),
            postal_code: Some("EC1A 1BB".into()),
            country_code: Some("GB".into()),
            ..Address::default()
        }),
        email: Some("hello@cafe-creme.test".into()),
        phone: Some("+44 20 7946 0000".into()),
        website: Some("https://cafe-creme.test".into()),
        ..Company::default()
    }
}

fn bank_details() -> bank::Bank {
    bank::Bank {
        account_name: Some("Café Crème Ltd".into()),
        sort_code: Some("60-16-13".into()),
        account_number: Some("31926819".into()),
        institution: Some("NatWest".into()),
        iban: Some("GB29NWBK60161331926819".into()),
        bic: Some("NWBKGB2L".into()),
        updated_at: None,
    }
}

/// A 120 × 40 two-colour PNG, generated so the test needs no fixture.
fn logo_png() -> Vec<u8> {
    let image = image::RgbaImage::from_fn(120, 40, |x, _| {
        if x < 40 {
            image::Rgba([31, 58, 96, 255])
        } else {
            image::Rgba([22, 160, 133, 255])
        }
    });
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

/// A context with no contact (as after the contact's deletion).
fn offline_ctx(logo: Option<Vec<u8>>) -> RenderContext {
    RenderContext {
        company: company(),
        bank: bank_details(),
        contact: None,
        logo,
        custom_field_labels: Vec::new(),
    }
}

/// A partly paid invoice: £500 paid, the rest due.
fn invoice_meta(body: &DocumentBody) -> DocumentMeta {
    DocumentMeta {
        status: Some("partially_paid".into()),
        due_date: Some(date(2026, 12, 21)),
        delivery_date: Some(date(2026, 11, 20)),
        amount_paid: Some(d("500.00")),
        amount_due: Some(amount_due(body.total(), d("500.00"), body.currency()).unwrap()),
        ..DocumentMeta::invoice("INV-2026-0042")
    }
}

fn page_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .keys()
        .map(|&n| doc.extract_text(&[n]).unwrap())
        .collect()
}

/// Page `page` (0-based) at 144 dpi, as PNG.
fn rasterise(pdf: &[u8], page: usize) -> Vec<u8> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings};

    let pdf = Pdf::new(pdf.to_vec()).unwrap();
    let pages = pdf.pages();
    let pixmap = hayro::render(
        &pages[page],
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings {
            x_scale: 2.0,
            y_scale: 2.0,
            bg_color: WHITE,
        },
    );
    pixmap.into_png().unwrap()
}

fn artifacts() -> PathBuf {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/artifacts"
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------- the view

#[test]
fn the_view_formats_every_line_and_total_from_the_stored_totals() {
    let body = body(Currency::GBP, "c1");
    let view = document_view(&invoice_meta(&body), &body, &offline_ctx(None));

    assert_eq!(view.kind, DocumentKind::Invoice);
    assert_eq!(view.title, "Invoice – Café refit");
    assert_eq!(view.status.as_deref(), Some("Partially paid"));
    assert_eq!(view.issue_date, "21 November 2026");
    assert_eq!(view.due_date.as_deref(), Some("21 December 2026"));
    assert_eq!(view.extra_fields[0].label, "Delivery date");
    assert_eq!(view.extra_fields[0].value, "20 November 2026");
    assert_eq!(view.currency, "GBP");

    // Items numbered 1..n, layout lines unnumbered.
    let positions: Vec<Option<&str>> = view.lines.iter().map(|l| l.position.as_deref()).collect();
    assert_eq!(
        positions,
        [
            None,
            Some("1"),
            Some("2"),
            None,
            None,
            None,
            None,
            Some("3"),
            Some("4"),
            None
        ]
    );
    let beans = &view.lines[2];
    assert_eq!(beans.quantity.as_deref(), Some("2.5"));
    assert_eq!(beans.unit.as_deref(), Some("kg"));
    assert_eq!(beans.unit_price.as_deref(), Some("£18.40"));
    assert_eq!(beans.discount.as_deref(), Some("5 %"));
    assert_eq!(beans.tax_rate.as_deref(), Some("20"));
    // 2.5 × 18.40 × 0.95 = 43.70
    assert_eq!(beans.net.as_deref(), Some("£43.70"));
    assert_eq!(view.lines[1].discount, None);
    // A four-decimal unit price keeps its digits.
    assert_eq!(view.lines[7].unit_price.as_deref(), Some("£0.0125"));
    assert_eq!(view.lines[7].net.as_deref(), Some("£0.05"));
    assert_eq!(view.lines[8].quantity.as_deref(), Some("1000"));
    assert_eq!(view.lines[8].net.as_deref(), Some("£95,000.00"));
    // Section totals carry the section's net sum; an unnamed one is "Subtotal".
    assert_eq!(view.lines[4].total.as_deref(), Some("£463.70"));
    assert_eq!(view.lines[9].description, "Subtotal");
    assert_eq!(view.lines[9].total.as_deref(), Some("£95,000.05"));

    // Totals are the stored ones, formatted.
    let totals = &body.totals;
    assert_eq!(totals.subtotal, d("95463.75"));
    assert_eq!(view.subtotal, "£95,463.75");
    let discount = view.discount.as_ref().unwrap();
    assert_eq!(discount.label, "Discount 3.5 %");
    assert_eq!(
        discount.amount,
        format!("−£{}", group(&totals.discount_amount.to_string()))
    );
    let labels: Vec<&str> = view
        .tax_breakdown
        .iter()
        .map(|t| t.label.as_str())
        .collect();
    assert_eq!(labels, ["VAT 0 %", "VAT 20 %"]);
    assert_eq!(view.total, format!("£{}", group(&totals.total.to_string())));
    assert_eq!(view.amount_paid.as_deref(), Some("£500.00"));
    assert_eq!(view.amount_due.as_deref(), Some("£110,047.01"));
    assert_eq!(view.cash_discounts.len(), 2);
    assert!(
        view.cash_discounts[0].starts_with("2 % discount (£")
            && view.cash_discounts[0]
                .ends_with("payable) if paid within 10 days, by 1 December 2026"),
        "{}",
        view.cash_discounts[0]
    );

    // The company as printed; the deleted contact falls back to the stored name.
    assert_eq!(view.company.name, "Café Crème Ltd");
    assert_eq!(
        view.company.address_lines,
        ["12 Rue de l'Église", "EC1A 1BB London", "GB"]
    );
    assert_eq!(view.company.vat_number.as_deref(), Some("GB123456789"));
    assert_eq!(view.customer.name, "Zoë Ångström");
    assert!(view.customer.address_lines.is_empty());

    let pay = view.payment_instructions.as_ref().unwrap();
    assert_eq!(pay.account_name, "Café Crème Ltd");
    assert_eq!(pay.iban.as_deref(), Some("GB29 NWBK 6016 1331 9268 19"));
    assert_eq!(pay.sort_code.as_deref(), Some("60-16-13"));
    assert_eq!(pay.account_number.as_deref(), Some("31926819"));
    assert_eq!(pay.reference, "INV-2026-0042");
    assert_eq!(view.footer, body.footer);
    assert_eq!(view.notes, body.notes);
}

/// `1234.5` → `1,234.5` (the test's own grouping, to compare totals).
fn group(text: &str) -> String {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if frac.is_empty() {
        out
    } else {
        format!("{out}.{frac}")
    }
}

#[test]
fn quotes_and_settled_invoices_carry_no_payment_details() {
    let body = body(Currency::EUR, "c1");
    let quote = DocumentMeta {
        valid_until: Some(date(2026, 12, 21)),
        status: Some("sent".into()),
        ..DocumentMeta::quote("QUO-0007")
    };
    let view = document_view(&quote, &body, &offline_ctx(None));
    assert_eq!(view.title, "Quote – Café refit");
    assert_eq!(view.valid_until.as_deref(), Some("21 December 2026"));
    assert_eq!(view.payment_instructions, None);
    assert!(view.subtotal.starts_with('€'), "{}", view.subtotal);
    // A quote's tiers run from the future invoice: no date promised.
    assert!(view.cash_discounts[0].ends_with("within 10 days"));

    let paid = DocumentMeta {
        status: Some("paid".into()),
        amount_due: Some(Decimal::ZERO),
        ..DocumentMeta::invoice("INV-1")
    };
    assert_eq!(
        document_view(&paid, &body, &offline_ctx(None)).payment_instructions,
        None
    );
    let cancelled = DocumentMeta {
        status: Some("cancelled".into()),
        ..DocumentMeta::invoice("INV-2")
    };
    assert_eq!(
        document_view(&cancelled, &body, &offline_ctx(None)).payment_instructions,
        None
    );

    // No VAT number: the neutral word; tax-inclusive prices say so.
    let mut ctx = offline_ctx(None);
    ctx.company.vat_number = None;
    let mut inclusive = body.clone();
    inclusive.input.prices_include_tax = true;
    inclusive.totals = compute_totals(&inclusive.input).unwrap();
    let view = document_view(&invoice_meta(&inclusive), &inclusive, &ctx);
    assert_eq!(view.tax_breakdown[1].label, "incl. Tax 20 %");
    // An invoice's own IBAN and reference win over the bank's.
    let own = DocumentMeta {
        payment_iban: Some("DE89370400440532013000".into()),
        payment_reference: Some("ZOË-42".into()),
        ..invoice_meta(&body)
    };
    let pay = document_view(&own, &body, &ctx)
        .payment_instructions
        .unwrap();
    assert_eq!(pay.iban.as_deref(), Some("DE89 3704 0044 0532 0130 00"));
    assert_eq!(pay.reference, "ZOË-42");
}

// ---------------------------------------------------------------- the PDF

#[test]
fn an_invoice_in_pounds_renders_with_logo_accents_and_totals() {
    let body = body(Currency::GBP, "c1");
    let pdf =
        render_document_pdf(&invoice_meta(&body), &body, &offline_ctx(Some(logo_png()))).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = page_text(&pdf);
    for expected in [
        "INV-2026-0042",
        "Café Crème Ltd",
        "Zoë Ångström",
        "Crème brûlée for Zoë's café",
        "Señor Ñandú",
        "£95,463.75",
        "£110,047.01",
        "GB29 NWBK 6016 1331 9268 19",
        "Delivery date",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // One page image for human review (tests/artifacts is gitignored).
    let png = rasterise(&pdf, 0);
    assert!(png.starts_with(b"\x89PNG"));
    std::fs::write(artifacts().join("invoice.png"), png).unwrap();
}

#[test]
fn the_seeds_fields_are_printed_where_a_reader_looks() {
    let mut body = body(Currency::GBP, "c1");
    body.purchase_order_number = Some("4500012345".into());
    body.custom_fields = vec![Some("Site B".into()), None, Some("Q4".into())];
    body.recipient.contact_person_name = Some("Ada Lovelace".into());
    body.recipient.billing_address = Some(Address {
        line1: Some("Marktgasse 1".into()),
        city: Some("Bern".into()),
        country_code: Some("CH".into()),
        ..Address::default()
    });
    body.recipient.shipping_address = Some(Address {
        line1: Some("Hafenstrasse 9".into()),
        city: Some("Basel".into()),
        country_code: Some("CH".into()),
        ..Address::default()
    });
    let first = body
        .input
        .lines
        .iter()
        .position(|l| l.kind == LineKind::Item)
        .unwrap();
    body.input.lines[first].discount_rate = None;
    body.input.lines[first].discount_amount = Some(d("5.00"));
    body.totals = compute_totals(&body.input).unwrap();
    let mut ctx = offline_ctx(None);
    ctx.custom_field_labels = vec![Some("Project".into())];
    let meta = invoice_meta(&body);
    let view = document_view(&meta, &body, &ctx);
    let fields: Vec<(&str, &str)> = view
        .extra_fields
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("Delivery date", "20 November 2026"),
            ("Your order", "4500012345"),
            ("Ship to", "Hafenstrasse 9, Basel, CH"),
            ("Project", "Site B"),
            ("Custom field 3", "Q4"),
        ]
    );
    assert_eq!(
        view.customer.address_lines,
        ["Ada Lovelace", "Marktgasse 1", "Bern", "CH"]
    );
    assert_eq!(view.lines[first].discount.as_deref(), Some("£5.00"));
    let text = page_text(&render_document_pdf(&meta, &body, &ctx).unwrap());
    for expected in ["4500012345", "Site B", "Ada Lovelace", "Basel", "£5.00"] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

#[test]
fn a_swiss_invoice_ends_with_its_qr_bill_payment_part() {
    let body = body(Currency::CHF, "c1");
    let mut ctx = offline_ctx(None);
    ctx.company.address = Some(Address {
        line1: Some("Rue du Lac 1268".into()),
        city: Some("Biel".into()),
        postal_code: Some("2501".into()),
        country_code: Some("CH".into()),
        ..Address::default()
    });
    ctx.bank.iban = Some("CH4431999123000889012".into());
    let mut meta = invoice_meta(&body);
    meta.payment_iban = None;
    meta.payment_reference = Some("210000000003139471430009017".into());
    let pdf = render_document_pdf(&meta, &body, &ctx).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let last = doc.extract_text(&[*pages.last().unwrap()]).unwrap();
    for expected in [
        "Receipt",
        "Payment part",
        "Account / Payable to",
        "CH44 3199 9123 0008 8901 2",
        "21 00000 00003 13947 14300 09017",
        "Acceptance point",
        "CHF",
    ] {
        assert!(last.contains(expected), "{expected} missing from:\n{last}");
    }
    // The QR code is drawn: the page has ink where the code stands.
    let png = rasterise(&pdf, pages.len() - 1);
    std::fs::write(artifacts().join("qr-bill.png"), &png).unwrap();
    // Without a Swiss IBAN there is no payment part.
    let plain = render_document_pdf(&invoice_meta(&body), &body, &offline_ctx(None)).unwrap();
    let plain_pages = lopdf::Document::load_mem(&plain).unwrap().get_pages().len();
    assert_eq!(plain_pages + 1, pages.len());
}

#[test]
fn a_quote_in_euros_renders() {
    let body = body(Currency::EUR, "c1");
    let meta = DocumentMeta {
        valid_until: Some(date(2026, 12, 21)),
        ..DocumentMeta::quote("QUO-0007")
    };
    let pdf = render_document_pdf(&meta, &body, &offline_ctx(None)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = page_text(&pdf);
    for expected in ["QUO-0007", "€95,463.75", "Valid until", "Zoë Ångström"] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(!text.contains("Payment details"));
}

#[test]
fn a_logo_the_renderer_cannot_read_is_left_off() {
    let body = body(Currency::GBP, "c1");
    let ctx = offline_ctx(Some(b"RIFF\0\0\0\0WEBPVP8 not really".to_vec()));
    let pdf = render_document_pdf(&invoice_meta(&body), &body, &ctx).unwrap();
    assert!(page_text(&pdf).contains("INV-2026-0042"));
}

// ---------------------------------------------------------------- loading

async fn customer(env: &Kit, account_id: &AccountId, email: Option<&str>, address: bool) -> String {
    let input = ContactInput {
        first_name: Some("Zoë".into()),
        last_name: Some("Ångström".into()),
        roles: Some(vec!["customer".into()]),
        email: email.map(str::to_owned),
        billing_address: address.then(|| Address {
            line1: Some("Storgatan 1".into()),
            city: Some("Malmö".into()),
            postal_code: Some("211 34".into()),
            country_code: Some("SE".into()),
            ..Address::default()
        }),
        ..ContactInput::default()
    };
    create_contact(&env.ports, account_id, input, false)
        .await
        .unwrap()
        .id
        .to_string()
}

/// Company (with a logo in the blob store when `logo` is given) and bank.
async fn set_up_account(env: &Kit, account_id: &AccountId, logo: Option<Vec<u8>>) {
    let ports = &env.ports;
    let mut company = company();
    if let Some(bytes) = logo {
        let key = format!("accounts/{account_id}/logo.png");
        ports.blobs.put(&key, bytes, "image/png").await.unwrap();
        company.logo_key = Some(key);
    }
    ports
        .table
        .put(
            Item::new(company_key(account_id), &company).unwrap(),
            Condition::None,
        )
        .await
        .unwrap();
    let details = bank_details();
    bank::update(
        ports,
        account_id,
        BankInput {
            account_name: details.account_name.unwrap(),
            sort_code: details.sort_code.unwrap(),
            account_number: details.account_number.unwrap(),
            institution: details.institution.unwrap(),
            iban: details.iban,
            bic: details.bic,
        },
        None,
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn the_context_is_company_bank_contact_and_logo() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    let png = logo_png();
    set_up_account(&env, acc, Some(png.clone())).await;
    let contact_id = customer(&env, acc, Some("zoe@example.test"), true).await;

    let ctx = load_render_context(&env.ports, acc, &ContactId::from(&contact_id))
        .await
        .unwrap();
    assert_eq!(ctx.company.name, "Café Crème Ltd");
    // Unmasked: the PDF prints them whole.
    assert_eq!(ctx.bank.iban.as_deref(), Some("GB29NWBK60161331926819"));
    assert_eq!(ctx.bank.account_number.as_deref(), Some("31926819"));
    assert_eq!(ctx.contact.as_ref().unwrap().display_name, "Zoë Ångström");
    assert_eq!(ctx.logo.as_deref(), Some(png.as_slice()));

    let body = body(Currency::GBP, &contact_id);
    let view = document_view(&invoice_meta(&body), &body, &ctx);
    assert_eq!(
        view.customer.address_lines,
        ["Storgatan 1", "211 34 Malmö", "SE"]
    );
    assert_eq!(view.customer.email.as_deref(), Some("zoe@example.test"));

    // An unknown contact (deleted) is None, not an error.
    let gone = load_render_context(&env.ports, acc, &ContactId::from("no-such-contact"))
        .await
        .unwrap();
    assert!(gone.contact.is_none());
}

#[tokio::test]
async fn a_missing_logo_or_account_data_does_not_fail_the_document() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let acc = &owner.account_id;
    // Nothing configured at all: defaults.
    let bare = load_render_context(&env.ports, acc, &ContactId::from(""))
        .await
        .unwrap();
    assert_eq!(bare.company.name, "");
    assert!(bare.contact.is_none() && bare.logo.is_none());
    let body = body(Currency::GBP, "x");
    let pdf = render_document_pdf(&invoice_meta(&body), &body, &bare).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // A logo key whose object is gone.
    let company = Company {
        logo_key: Some(format!("accounts/{acc}/gone.png")),
        ..company()
    };
    env.ports
        .table
        .put(
            Item::new(company_key(acc), &company).unwrap(),
            Condition::None,
        )
        .await
        .unwrap();
    let ctx = load_render_context(&env.ports, acc, &ContactId::from(""))
        .await
        .unwrap();
    assert!(ctx.logo.is_none());
    assert_eq!(ctx.company.name, "Café Crème Ltd");
}

// ---------------------------------------------------------------- emails

struct Sent {
    env: Kit,
    account_id: AccountId,
    contact_id: String,
}

async fn account_with_customer(verified: bool, email: Option<&str>, address: bool) -> Sent {
    let env = Kit::new();
    let owner = env.owner(verified).await;
    set_up_account(&env, &owner.account_id, Some(logo_png())).await;
    let contact_id = customer(&env, &owner.account_id, email, address).await;
    Sent {
        env,
        account_id: owner.account_id,
        contact_id,
    }
}

async fn send(
    s: &Sent,
    ports: &Ports,
    kind: DocumentEmail,
    message: Option<&str>,
) -> Result<SentEmail, CoreError> {
    let ctx = load_render_context(ports, &s.account_id, &ContactId::from(&s.contact_id))
        .await
        .unwrap();
    let body = body(Currency::GBP, &s.contact_id);
    send_document_email(
        ports,
        &s.env.service,
        &s.account_id,
        kind,
        &invoice_meta(&body),
        &body,
        &ctx,
        message,
    )
    .await
}

fn token_of(url: &str) -> &str {
    url.split_once("token=").unwrap().1
}

#[tokio::test]
async fn an_unverified_account_emails_nobody() {
    let s = account_with_customer(false, Some("zoe@example.test"), false).await;
    for kind in [
        DocumentEmail::Send,
        DocumentEmail::Reminder,
        DocumentEmail::AddressRequest,
    ] {
        let err = send(&s, &s.env.ports, kind, None).await.unwrap_err();
        assert!(
            matches!(&err, CoreError::Forbidden { code, .. } if code == "email_unverified"),
            "{err:?}"
        );
    }
    // The dry run refuses the same way.
    let ctx = load_render_context(&s.env.ports, &s.account_id, &ContactId::from(&s.contact_id))
        .await
        .unwrap();
    let body = body(Currency::GBP, &s.contact_id);
    let err = check_document_email(
        &s.env.ports,
        &s.account_id,
        DocumentEmail::Send,
        &body,
        &ctx,
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden { .. }), "{err:?}");
    assert!(s.env.embedded.outbox.list().unwrap().is_empty());
}

#[tokio::test]
async fn a_contact_without_email_is_422_on_contact_id() {
    let s = account_with_customer(true, None, false).await;
    let err = send(&s, &s.env.ports, DocumentEmail::Send, None)
        .await
        .unwrap_err();
    match err {
        CoreError::Unprocessable { code, errors, .. } => {
            assert_eq!(code, "contact_has_no_email");
            assert_eq!(errors[0].field, "contact_id");
        }
        other => panic!("{other:?}"),
    }
    assert!(s.env.embedded.outbox.list().unwrap().is_empty());
}

#[tokio::test]
async fn sending_mails_the_pdf_from_the_platform_with_a_working_portal_link() {
    let s = account_with_customer(true, Some("zoe@example.test"), false).await;
    let ports = &s.env.ports;
    let sent = send(
        &s,
        ports,
        DocumentEmail::Send,
        Some("Hej Zoë,\n\nhere it is."),
    )
    .await
    .unwrap();
    assert_eq!(sent.to, "zoe@example.test");
    assert!(
        sent.portal_url
            .clone()
            .unwrap()
            .starts_with("http://127.0.0.1:3000/portal?token=")
    );

    let outbox = s.env.embedded.outbox.list().unwrap();
    assert_eq!(outbox.len(), 1);
    let mail = &outbox[0];
    assert_eq!(mail.from, s.env.service.mail_from.address);
    assert_eq!(mail.to, ["zoe@example.test"]);
    assert_eq!(mail.reply_to.as_deref(), Some("hello@cafe-creme.test"));
    assert_eq!(mail.subject, "Invoice INV-2026-0042 from Café Crème Ltd");
    assert!(
        mail.text.starts_with("Dear Zoë Ångström,\n\nHej Zoë,"),
        "{}",
        mail.text
    );
    assert!(mail.text.contains(sent.portal_url.as_deref().unwrap()));
    assert!(mail.html.as_deref().unwrap().contains("Café Crème Ltd"));
    assert_eq!(mail.attachments.len(), 1);
    let pdf = &mail.attachments[0];
    assert_eq!(pdf.file_name, "INV-2026-0042.pdf");
    assert_eq!(pdf.content_type, "application/pdf");
    // base64 of "%PDF-"
    assert!(pdf.content_base64.starts_with("JVBERi0"));

    let record = uome_core::portal::verify(ports, token_of(sent.portal_url.as_deref().unwrap()))
        .await
        .unwrap()
        .expect("the emailed link works");
    assert_eq!(record.account_id, s.account_id);
    assert_eq!(record.contact_id, s.contact_id);
}

#[tokio::test]
async fn each_email_supersedes_the_previous_link_and_reminders_attach_the_pdf() {
    let s = account_with_customer(true, Some("zoe@example.test"), false).await;
    let ports = &s.env.ports;
    let first = send(&s, ports, DocumentEmail::Send, None).await.unwrap();
    let second = send(&s, ports, DocumentEmail::Reminder, None)
        .await
        .unwrap();
    assert!(
        uome_core::portal::verify(ports, token_of(first.portal_url.as_deref().unwrap()))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        uome_core::portal::verify(ports, token_of(second.portal_url.as_deref().unwrap()))
            .await
            .unwrap()
            .is_some()
    );

    let outbox = s.env.embedded.outbox.list().unwrap();
    assert_eq!(outbox.len(), 2);
    assert_eq!(
        outbox[1].subject,
        "Reminder: invoice INV-2026-0042 from Café Crème Ltd"
    );
    assert_eq!(outbox[1].attachments.len(), 1);
    assert!(outbox[1].text.contains("£110,047.01"), "{}", outbox[1].text);
}

#[tokio::test]
async fn address_requests_carry_no_pdf_and_skip_contacts_with_an_address() {
    let s = account_with_customer(true, Some("zoe@example.test"), false).await;
    let sent = send(&s, &s.env.ports, DocumentEmail::AddressRequest, None)
        .await
        .unwrap();
    let outbox = s.env.embedded.outbox.list().unwrap();
    assert_eq!(outbox.len(), 1);
    assert!(outbox[0].attachments.is_empty());
    assert!(
        outbox[0]
            .subject
            .starts_with("Your billing address for invoice INV-2026-0042")
    );
    assert!(outbox[0].text.contains(sent.portal_url.as_deref().unwrap()));

    let with_address = account_with_customer(true, Some("zoe@example.test"), true).await;
    let err = send(
        &with_address,
        &with_address.env.ports,
        DocumentEmail::AddressRequest,
        None,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, CoreError::Conflict { code, .. } if code == "address_on_file"),
        "{err:?}"
    );
    assert!(with_address.env.embedded.outbox.list().unwrap().is_empty());
}

#[tokio::test]
async fn an_overlong_message_is_422_on_message() {
    let s = account_with_customer(true, Some("zoe@example.test"), false).await;
    let long = "é".repeat(2_001);
    let err = send(&s, &s.env.ports, DocumentEmail::Send, Some(&long))
        .await
        .unwrap_err();
    match err {
        CoreError::Validation(errors) => assert_eq!(errors[0].field, "message"),
        other => panic!("{other:?}"),
    }
    assert!(s.env.embedded.outbox.list().unwrap().is_empty());
}

struct FailingMailer;

#[async_trait::async_trait]
impl Mailer for FailingMailer {
    async fn send(&self, _: &Email) -> Result<String, MailError> {
        Err(MailError::Backend {
            code: "Throttling".into(),
            message: "slow down".into(),
        })
    }
}

#[tokio::test]
async fn a_failed_send_answers_the_error_and_leaves_no_live_link() {
    let s = account_with_customer(true, Some("zoe@example.test"), false).await;
    let mut ports = s.env.ports.clone();
    ports.mailer = Arc::new(FailingMailer);
    let err = send(&s, &ports, DocumentEmail::Send, None)
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Mail(_)), "{err:?}");
    assert!(err.is_retryable());
    // The token issued for the failed email was taken back.
    let pointer = account_item(&s.account_id, format!("PORTALTOKEN#{}", s.contact_id));
    assert!(ports.table.get(&pointer).await.unwrap().is_none());
}

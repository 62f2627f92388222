//! Documents shared by the tests and the benchmark.
#![allow(dead_code)]

use uome_pdf::{
    DiscountView, DocumentKind, DocumentView, Field, LineKind, LineView, Party,
    PaymentInstructions, TaxLine,
};

/// A 240 × 80 logo: a navy badge with a teal bar, generated so the test needs
/// no binary fixture.
pub fn logo_png() -> Vec<u8> {
    let image = image::RgbaImage::from_fn(240, 80, |x, y| {
        let in_badge = (8..72).contains(&y) && (8..72).contains(&x);
        let in_bar = (30..50).contains(&y) && (84..232).contains(&x);
        if in_badge {
            image::Rgba([31, 58, 96, 255])
        } else if in_bar {
            image::Rgba([22, 160, 133, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

pub fn company() -> Party {
    Party {
        name: "Brønnøysund & Søn Trading Ltd".into(),
        address_lines: vec![
            "Unit 4, Kingsway Business Park".into(),
            "12 Rue de l’Église".into(),
            "London EC1A 1BB".into(),
            "United Kingdom".into(),
        ],
        email: some("billing@bronnoy.example"),
        phone: some("+44 20 7946 0000"),
        website: some("www.bronnoy.example"),
        vat_number: some("GB123456789"),
        registration_number: some("01234567"),
    }
}

pub fn customer() -> Party {
    Party {
        name: "Zoë Łukasiewicz-Müller".into(),
        address_lines: vec![
            "Größere Straße 5".into(),
            "Ærøskøbing Gård, 2. sal".into(),
            "10115 Berlin".into(),
            "Germany".into(),
        ],
        email: some("zoe@muller.example"),
        vat_number: some("DE129273398"),
        ..Party::default()
    }
}

fn item(position: usize, description: &str, qty: &str, price: &str, net: &str) -> LineView {
    LineView {
        kind: LineKind::Item,
        position: Some(position.to_string()),
        description: description.into(),
        quantity: some(qty),
        unit: some("pcs"),
        unit_price: some(price),
        discount: None,
        tax_rate: some("10"),
        net: some(net),
        total: None,
    }
}

/// The OneUp order of seed 001 (API.md §2), with every line kind around it:
/// subtotal 1092.30, discount 38.23, tax 86.13, total 1140.20.
pub fn every_line_kind() -> DocumentView {
    let lines = vec![
        LineView {
            kind: LineKind::Subtitle,
            description: "Café supplies – Größe M".into(),
            ..LineView::default()
        },
        item(
            1,
            "Espresso beans, single origin (Señor Ñandú estate)",
            "50",
            "£15.00",
            "£750.00",
        ),
        LineView {
            discount: some("5 %"),
            ..item(
                2,
                "Oat milk cartons for the crème brûlée counter; delivered weekly in reusable crates, \
                 returned empty on the next delivery. Long descriptions wrap inside their column \
                 and never run into the numbers.",
                "100",
                "£1.50",
                "£142.50",
            )
        },
        LineView {
            kind: LineKind::Text,
            description:
                "Delivered to the Łódź and Göteborg shops; the crates remain our property.".into(),
            ..LineView::default()
        },
        LineView {
            kind: LineKind::SectionTotal,
            description: "Total café supplies".into(),
            total: some("£892.50"),
            ..LineView::default()
        },
        LineView {
            kind: LineKind::Divider,
            ..LineView::default()
        },
        LineView {
            kind: LineKind::Subtitle,
            description: "Services".into(),
            ..LineView::default()
        },
        LineView {
            tax_rate: some("0"),
            unit: some("h"),
            ..item(3, "Barista training (untaxed)", "20", "£9.99", "£199.80")
        },
        LineView {
            kind: LineKind::SectionTotal,
            description: "Total services".into(),
            total: some("£199.80"),
            ..LineView::default()
        },
    ];
    DocumentView {
        kind: DocumentKind::Invoice,
        title: "Invoice".into(),
        number: "INV-2026-0042".into(),
        issue_date: "21 November 2026".into(),
        due_date: some("21 December 2026"),
        valid_until: None,
        reference: some("PO-7781 / Zoë"),
        status: some("Partially paid"),
        extra_fields: vec![Field {
            label: "Delivery date".into(),
            value: "20 November 2026".into(),
        }],
        company: company(),
        logo: Some(logo_png()),
        customer: customer(),
        currency: "GBP".into(),
        lines,
        subtotal: "£1,092.30".into(),
        discount: Some(DiscountView {
            label: "Discount 3.5 %".into(),
            amount: "−£38.23".into(),
        }),
        tax_breakdown: vec![
            TaxLine {
                label: "VAT 10 %".into(),
                base: "£861.26".into(),
                tax: "£86.13".into(),
            },
            TaxLine {
                label: "VAT 0 %".into(),
                base: "£192.81".into(),
                tax: "£0.00".into(),
            },
        ],
        tax_total: "£86.13".into(),
        total: "£1,140.20".into(),
        amount_paid: some("£500.00"),
        amount_due: some("£640.20"),
        cash_discounts: vec![
            "2 % discount (£1,117.40 payable) if paid within 10 days, by 1 December 2026".into(),
            "1 % discount (£1,128.80 payable) if paid within 20 days".into(),
        ],
        payment_instructions: Some(PaymentInstructions {
            account_name: "Brønnøysund & Søn Trading Ltd".into(),
            iban: some("GB29NWBK60161331926819"),
            bic: some("NWBKGB2L"),
            sort_code: some("60-16-13"),
            account_number: some("31926819"),
            reference: "INV-2026-0042".into(),
        }),
        notes: some(
            "Thank you for your order, Zoë! Payments in € are accepted at the day's rate: \
             €1,325.00 settles this invoice.",
        ),
        terms: some(
            "Goods remain our property until paid in full.\nLate payments accrue interest at 8 % \
             above the Bank of England base rate (Late Payment of Commercial Debts Act 1998).",
        ),
        footer: some(
            "Brønnøysund & Søn Trading Ltd · Registered in England and Wales no. 01234567 · \
             VAT GB123456789 · Registered office: Unit 4, Kingsway Business Park, London EC1A 1BB",
        ),
        qr_bill: None,
    }
}

/// An invoice with `n` item lines (a subtitle and a section total every 25).
pub fn invoice_with_lines(n: usize) -> DocumentView {
    let mut lines = Vec::with_capacity(n + n / 12);
    for i in 1..=n {
        if i % 25 == 1 {
            lines.push(LineView {
                kind: LineKind::Subtitle,
                description: format!("Section {}", i / 25 + 1),
                ..LineView::default()
            });
        }
        let description = if i % 7 == 0 {
            format!(
                "Article {i}: hand-finished oak shelf with brass brackets, sanded, oiled and \
                 packed for delivery (Größe {})",
                i % 5
            )
        } else {
            format!("Article {i}: widget, colour nº {}", i % 9)
        };
        lines.push(LineView {
            discount: (i % 4 == 0).then(|| "2.5 %".to_owned()),
            ..item(
                i,
                &description,
                &format!("{}", i % 13 + 1),
                "€12.34",
                "€1,234.56",
            )
        });
        if i % 25 == 0 {
            lines.push(LineView {
                kind: LineKind::SectionTotal,
                description: format!("Total section {}", i / 25),
                total: some("€30,864.00"),
                ..LineView::default()
            });
        }
    }
    let number = format!("INV-{n:04}");
    let mut payment_instructions = every_line_kind().payment_instructions;
    if let Some(pay) = payment_instructions.as_mut() {
        pay.reference = number.clone();
    }
    DocumentView {
        lines,
        number,
        payment_instructions,
        currency: "EUR".into(),
        subtotal: "€617,280.00".into(),
        tax_breakdown: vec![TaxLine {
            label: "VAT 10 %".into(),
            base: "€617,280.00".into(),
            tax: "€61,728.00".into(),
        }],
        tax_total: "€61,728.00".into(),
        total: "€679,008.00".into(),
        amount_due: some("€679,008.00"),
        discount: None,
        cash_discounts: Vec::new(),
        amount_paid: None,
        status: None,
        ..every_line_kind()
    }
}

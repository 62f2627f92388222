//! Renders real documents and reads the PDFs back: text through lopdf (the
//! embedded font's ToUnicode map makes it extractable), pixels through hayro.

mod common;

use std::path::PathBuf;

use uome_pdf::{
    DocumentKind, DocumentView, LineKind, LineView, PdfError, RECEIPT_WIDTH_PT, render_pdf,
    render_receipt_pdf,
};

fn artifacts() -> PathBuf {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/artifacts"
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The text of each page, in page order.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .keys()
        .map(|&n| doc.extract_text(&[n]).unwrap())
        .collect()
}

/// Rasterises one page (0-based) at 2× (144 dpi) with hayro, a pure-Rust
/// renderer, and returns the PNG.
fn rasterise(pdf: &[u8], page: usize) -> Vec<u8> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings};

    let pdf = Pdf::new(pdf.to_vec()).unwrap();
    let pages = pdf.pages();
    let cache = RenderCache::new();
    let pixmap = hayro::render(
        &pages[page],
        &cache,
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

/// Share of pixels that are clearly not white: proof that something was drawn.
fn ink_ratio(png: &[u8]) -> f64 {
    let image = image::load_from_memory(png).unwrap().to_rgb8();
    let dark = image
        .pixels()
        .filter(|p| p.0.iter().any(|&c| c < 160))
        .count();
    dark as f64 / (image.width() * image.height()) as f64
}

#[test]
fn renders_every_line_kind_with_accents_and_currency_signs() {
    let view = common::every_line_kind();
    let pdf = render_pdf(&view).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    std::fs::write(artifacts().join("invoice.pdf"), &pdf).unwrap();

    let pages = page_texts(&pdf);
    let text = pages.concat();
    for expected in [
        "£1,140.20",
        "£1,092.30",
        "−£38.23",
        "£86.13",
        "£640.20",
        "€1,325.00",
        "Zoë Łukasiewicz-Müller",
        "Größere Straße 5",
        "Ærøskøbing",
        "Brønnøysund & Søn Trading Ltd",
        "Café supplies – Größe M",
        "Total café supplies",
        "£892.50",
        "Delivered to the Łódź and Göteborg shops",
        "GB29 NWBK 6016 1331 9268 19",
        "Early payment discount",
        "Terms and conditions",
        "PARTIALLY PAID",
        "Page 1 of",
        "Registered in England and Wales",
        "Amounts in GBP",
        "Delivery date",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn embeds_a_subset_of_the_font() {
    let pdf = render_pdf(&common::every_line_kind()).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut embedded = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.has(b"FontFile2") || dict.has(b"FontFile3") {
            embedded += 1;
            let name = dict.get(b"FontName").unwrap().as_name().unwrap();
            let name = String::from_utf8_lossy(name);
            // "ABCDEF+DejaVuSans": the six-letter tag marks a subset.
            assert!(name.contains("+DejaVuSans"), "{name}");
        }
    }
    assert_eq!(embedded, 2, "regular and bold embedded");
    // Two full DejaVu faces weigh 1.4 MB; subsets keep the PDF small.
    assert!(pdf.len() < 150_000, "PDF is {} bytes", pdf.len());
}

#[test]
fn paginates_500_lines_with_the_table_header_on_every_page() {
    let view = common::invoice_with_lines(500);
    let pdf = render_pdf(&view).unwrap();
    std::fs::write(artifacts().join("invoice-500-lines.pdf"), &pdf).unwrap();
    let pages = page_texts(&pdf);
    let count = pages.len();
    assert!(count > 10, "{count} pages");
    for (i, text) in pages.iter().enumerate() {
        assert!(
            text.contains(&format!("Page {} of {count}", i + 1)),
            "page {i}"
        );
        let has_rows = text.contains("Article");
        if has_rows {
            assert!(text.contains("DESCRIPTION"), "table header on page {i}");
        }
        if i > 0 {
            assert!(text.contains("(continued)"), "running header on page {i}");
        }
    }
    let all = pages.concat();
    for i in [1, 2, 250, 499, 500] {
        assert!(all.contains(&format!("Article {i}:")), "line {i}");
    }
    assert!(
        pages[count - 1].contains("€679,008.00"),
        "totals close the last page"
    );
}

#[test]
fn writes_page_images_for_inspection() {
    let first = render_pdf(&common::every_line_kind()).unwrap();
    let png = rasterise(&first, 0);
    assert!(png.starts_with(b"\x89PNG"));
    assert!(ink_ratio(&png) > 0.01, "page 1 has visible content");
    std::fs::write(artifacts().join("invoice-page1.png"), png).unwrap();

    let receipt = render_receipt_pdf(&receipt()).unwrap();
    let png = rasterise(&receipt, 0);
    assert!(ink_ratio(&png) > 0.01, "the receipt has visible content");
    std::fs::write(artifacts().join("receipt-80mm.png"), png).unwrap();

    // The last page of a long invoice: running header, repeated table
    // header, then the totals.
    let long = render_pdf(&common::invoice_with_lines(500)).unwrap();
    let count = hayro::hayro_syntax::Pdf::new(long.clone())
        .unwrap()
        .pages()
        .len();
    let last = rasterise(&long, count - 1);
    assert!(ink_ratio(&last) > 0.005);
    std::fs::write(artifacts().join("invoice-500-last-page.png"), last).unwrap();
}

#[test]
fn a_description_longer_than_a_page_flows_over_pages() {
    let words: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
    let mut view = common::every_line_kind();
    view.lines = vec![LineView {
        kind: LineKind::Item,
        description: words.join(" "),
        quantity: Some("1".into()),
        unit_price: Some("£1.00".into()),
        net: Some("£1.00".into()),
        ..LineView::default()
    }];
    let pdf = render_pdf(&view).unwrap();
    let pages = page_texts(&pdf);
    assert!(pages.len() >= 2);
    let all = pages.concat();
    for word in ["w0 ", "w1500 ", "w2999"] {
        assert!(all.contains(word), "{word}");
    }
}

/// A POS receipt: no logo (the company name is set large instead), no bank
/// details, paid in full.
fn receipt() -> DocumentView {
    let mut receipt = common::every_line_kind();
    receipt.kind = DocumentKind::Receipt;
    receipt.title = "Receipt".into();
    receipt.number = "R-2026-11-21-0007".into();
    receipt.logo = None;
    receipt.due_date = None;
    receipt.payment_instructions = None;
    receipt.cash_discounts.clear();
    receipt.status = Some("Paid".into());
    receipt.amount_paid = Some("£1,140.20".into());
    receipt.amount_due = None;
    receipt.extra_fields = vec![
        uome_pdf::Field {
            label: "Payment method".into(),
            value: "Card".into(),
        },
        uome_pdf::Field {
            label: "Change due".into(),
            value: "£0.00".into(),
        },
    ];
    receipt
}

#[test]
fn renders_an_empty_document_and_a_receipt_without_logo() {
    let pdf = render_pdf(&DocumentView::default()).unwrap();
    assert_eq!(page_texts(&pdf).len(), 1);

    let pdf = render_pdf(&receipt()).unwrap();
    std::fs::write(artifacts().join("receipt.pdf"), &pdf).unwrap();
    let text = page_texts(&pdf).concat();
    assert!(text.contains("Receipt"));
    assert!(text.contains("CUSTOMER"));
    assert!(!text.contains("Payment details"));
}

#[test]
fn accepts_jpeg_logos_and_rejects_other_bytes() {
    let rgb = image::RgbImage::from_pixel(60, 30, image::Rgb([200, 30, 30]));
    let mut jpeg = Vec::new();
    rgb.write_to(
        &mut std::io::Cursor::new(&mut jpeg),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    let mut view = common::every_line_kind();
    view.logo = Some(jpeg);
    assert!(render_pdf(&view).unwrap().starts_with(b"%PDF"));

    view.logo = Some(b"GIF89a not a logo".to_vec());
    assert!(matches!(render_pdf(&view), Err(PdfError::Logo(_))));
    view.logo = Some(b"\x89PNG\r\n\x1a\ntruncated".to_vec());
    assert!(matches!(render_pdf(&view), Err(PdfError::Logo(_))));
}

#[test]
fn a_receipt_is_one_page_80_mm_wide_as_long_as_its_lines() {
    let pdf = render_receipt_pdf(&receipt()).unwrap();
    std::fs::write(artifacts().join("receipt-80mm.pdf"), &pdf).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page = doc.get_object(pages[&1]).unwrap().as_dict().unwrap();
    let media: Vec<f32> = page
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap())
        .collect();
    assert!((media[2] - RECEIPT_WIDTH_PT).abs() < 0.01, "{media:?}");
    assert!((RECEIPT_WIDTH_PT / 72.0 * 25.4 - 80.0).abs() < 0.01);
    let short_height = media[3];
    let text = page_texts(&pdf).concat();
    for expected in [
        "Receipt R-2026-11-21-0007",
        "Payment method",
        "Card",
        "Total",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // Twice the lines, a longer roll, still one page.
    let mut long = receipt();
    long.lines.extend(long.lines.clone());
    let doc = lopdf::Document::load_mem(&render_receipt_pdf(&long).unwrap()).unwrap();
    assert_eq!(doc.get_pages().len(), 1);
    let page = doc
        .get_object(doc.get_pages()[&1])
        .unwrap()
        .as_dict()
        .unwrap();
    let height = page.get(b"MediaBox").unwrap().as_array().unwrap()[3]
        .as_float()
        .unwrap();
    assert!(height > short_height);
}

//! A POS receipt (API.md §8) laid out for an 80 mm thermal roll: one
//! narrow column, one page as long as the receipt, no logo (thermal
//! printers print them poorly and the business's name heads the receipt
//! anyway). Money comes as the caller formatted it, like every document.

use super::style::{
    BODY, BODY_BOLD, BODY_MUTED, COMPANY_NAME, HAIRLINE, RULE, RULE_STRONG, SMALL_MUTED, TOTAL,
};
use super::{Align, Layout, Op, TextStyle, Typesetter};
use crate::PdfError;
use crate::model::{DocumentView, LineKind};
use crate::text::Fonts;

/// 80 mm in points.
pub(crate) const RECEIPT_WIDTH: f32 = 226.77;
/// 4 mm on every side: what thermal printers leave unprinted anyway.
const MARGIN: f32 = 11.34;
const WIDTH: f32 = RECEIPT_WIDTH - 2.0 * MARGIN;
const GAP: f32 = 5.0;

/// The receipt's drawing position, top down.
struct Column<'a, 'f> {
    ts: &'a Typesetter<'f>,
    ops: Vec<Op>,
    y: f32,
}

impl Column<'_, '_> {
    fn text(&mut self, text: &str, style: TextStyle, align: Align) {
        if text.trim().is_empty() {
            return;
        }
        self.y += self.ts.paragraph(
            &mut self.ops,
            text.trim(),
            style,
            MARGIN,
            WIDTH,
            self.y,
            align,
        );
    }

    /// A label on the left and an amount on the right of one line; a long
    /// label wraps beside the amount.
    fn row(&mut self, label: &str, amount: &str, style: TextStyle) {
        let run = self.ts.shape(amount, style);
        let amount_width = run.width(style.size);
        self.ts.place(
            &mut self.ops,
            run,
            style,
            MARGIN,
            WIDTH,
            self.y,
            Align::Right,
        );
        let label_width = (WIDTH - amount_width - 8.0).max(40.0);
        let height = self.ts.paragraph(
            &mut self.ops,
            label,
            style,
            MARGIN,
            label_width,
            self.y,
            Align::Left,
        );
        self.y += height.max(style.line_height);
    }

    fn rule(&mut self, strong: bool) {
        self.y += GAP;
        self.ops.push(Op::Rule {
            x1: MARGIN,
            x2: MARGIN + WIDTH,
            y: self.y,
            thickness: HAIRLINE,
            color: if strong { RULE_STRONG } else { RULE },
        });
        self.y += GAP;
    }
}

/// Lays the receipt out on one page 80 mm wide.
pub(crate) fn layout(view: &DocumentView, fonts: &Fonts) -> Result<Layout, PdfError> {
    let ts = Typesetter { fonts };
    let mut c = Column {
        ts: &ts,
        ops: Vec::new(),
        y: MARGIN,
    };
    c.text(&view.company.name, COMPANY_NAME, Align::Center);
    for line in &view.company.address_lines {
        c.text(line, SMALL_MUTED, Align::Center);
    }
    for value in [
        &view.company.phone,
        &view.company.email,
        &view.company.website,
    ]
    .into_iter()
    .flatten()
    {
        c.text(value, SMALL_MUTED, Align::Center);
    }
    if let Some(vat) = &view.company.vat_number {
        c.text(&format!("VAT {vat}"), SMALL_MUTED, Align::Center);
    }
    c.rule(true);
    c.text(
        &format!("{} {}", view.title, view.number),
        BODY_BOLD,
        Align::Center,
    );
    c.text(&view.issue_date, BODY_MUTED, Align::Center);
    if !view.customer.name.trim().is_empty() {
        c.text(&view.customer.name, BODY_MUTED, Align::Center);
    }
    c.rule(false);

    for line in &view.lines {
        match line.kind {
            LineKind::Item => {
                c.text(&line.description, BODY, Align::Left);
                let mut how_many = line.quantity.clone().unwrap_or_default();
                if let Some(unit) = line.unit.as_deref().filter(|u| !u.trim().is_empty()) {
                    how_many = format!("{how_many} {unit}");
                }
                if let Some(price) = &line.unit_price {
                    how_many = format!("{how_many} × {price}");
                }
                if let Some(off) = line.discount.as_deref().filter(|r| !r.is_empty()) {
                    how_many = format!("{how_many} −{off}");
                }
                c.row(
                    &format!("  {how_many}"),
                    line.amount().unwrap_or_default(),
                    BODY_MUTED,
                );
            }
            LineKind::Subtitle => c.text(&line.description, BODY_BOLD, Align::Left),
            LineKind::SectionTotal => c.row(
                &line.description,
                line.amount().unwrap_or_default(),
                BODY_BOLD,
            ),
            LineKind::Divider => c.rule(false),
            LineKind::Text => c.text(&line.description, SMALL_MUTED, Align::Left),
        }
    }
    c.rule(false);

    c.row("Subtotal", &view.subtotal, BODY);
    if let Some(discount) = &view.discount {
        c.row(&discount.label, &discount.amount, BODY);
    }
    for tax in &view.tax_breakdown {
        let label = if tax.base.trim().is_empty() {
            tax.label.clone()
        } else {
            format!("{} on {}", tax.label, tax.base)
        };
        c.row(&label, &tax.tax, BODY_MUTED);
    }
    c.y += GAP / 2.0;
    c.row(&format!("Total {}", view.currency), &view.total, TOTAL);
    if !view.extra_fields.is_empty() {
        c.rule(false);
        for field in &view.extra_fields {
            c.row(&field.label, &field.value, BODY);
        }
    }
    if let Some(notes) = &view.notes {
        c.rule(false);
        c.text(notes, SMALL_MUTED, Align::Center);
    }
    c.rule(true);
    let footer = view
        .footer
        .as_deref()
        .filter(|f| !f.trim().is_empty())
        .unwrap_or("Thank you for your purchase.");
    c.text(footer, SMALL_MUTED, Align::Center);
    let height = c.y + MARGIN;
    Ok(Layout {
        pages: vec![c.ops],
        width: RECEIPT_WIDTH,
        height,
    })
}

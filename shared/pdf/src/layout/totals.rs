//! The block under the table: totals on the right; payment details and
//! early-payment discounts on the left, so the reader finds what to pay and
//! how to pay it side by side.

use super::style::*;
use super::{Align, Block, Flow, Op, TextStyle, Typesetter};
use crate::model::{DocumentView, PaymentInstructions};

const TOTALS_WIDTH: f32 = 230.0;
const GUTTER: f32 = 24.0;
const ROW_GAP: f32 = 3.0;

pub(crate) fn blocks(ts: &Typesetter, view: &DocumentView) -> Vec<Block> {
    let mut block = Block::new(Flow::Body);
    let right = totals(ts, view, &mut block.ops);
    let left = payment(ts, view, &mut block.ops);
    block.height = right.max(left);
    vec![Block::spacer(14.0), block]
}

/// One label/amount row of the totals; returns its height.
fn row(
    ts: &Typesetter,
    ops: &mut Vec<Op>,
    y: f32,
    label: &str,
    amount: &str,
    style: TextStyle,
) -> f32 {
    let x = RIGHT - TOTALS_WIDTH;
    let amount = ts.shape(amount, style);
    let amount_width = amount.width(style.size);
    ts.place(
        ops,
        amount,
        style,
        x,
        TOTALS_WIDTH - CELL_PAD,
        y,
        Align::Right,
    );
    let label_width = (TOTALS_WIDTH - CELL_PAD - amount_width - 10.0).max(40.0);
    ts.paragraph(ops, label, style, x, label_width, y, Align::Left)
}

fn totals(ts: &Typesetter, view: &DocumentView, ops: &mut Vec<Op>) -> f32 {
    let x = RIGHT - TOTALS_WIDTH;
    let mut y = 0.0;
    y += row(ts, ops, y, "Subtotal", &view.subtotal, BODY) + ROW_GAP;
    if let Some(discount) = &view.discount {
        let label = if discount.label.trim().is_empty() {
            "Discount"
        } else {
            &discount.label
        };
        y += row(ts, ops, y, label, &discount.amount, BODY) + ROW_GAP;
    }
    for tax in &view.tax_breakdown {
        y += row(ts, ops, y, &tax.label, &tax.tax, BODY);
        if !tax.base.trim().is_empty() {
            y += ts.paragraph(
                ops,
                &format!("on {}", tax.base),
                SMALL_MUTED,
                x + 8.0,
                TOTALS_WIDTH - 8.0,
                y - 1.5,
                Align::Left,
            ) - 1.5;
        }
        y += ROW_GAP;
    }
    if view.tax_breakdown.len() != 1 && !view.tax_total.trim().is_empty() {
        let label = if view.tax_breakdown.is_empty() {
            "Tax"
        } else {
            "Total tax"
        };
        y += row(ts, ops, y, label, &view.tax_total, BODY) + ROW_GAP;
    }

    y += 3.0;
    ops.push(Op::Rule {
        x1: x,
        x2: RIGHT,
        y,
        thickness: 1.0,
        color: ACCENT,
    });
    y += 5.0;
    let total_label = match view.currency.trim() {
        "" => "Total".to_owned(),
        code => format!("Total {code}"),
    };
    y += row(ts, ops, y, &total_label, &view.total, TOTAL) + ROW_GAP;

    if let Some(paid) = view.amount_paid.as_deref() {
        y += row(ts, ops, y, "Amount paid", paid, BODY) + ROW_GAP;
    }
    if let Some(due) = view.amount_due.as_deref() {
        y += 2.0;
        let pad = CELL_PAD;
        let fill_at = ops.len();
        let height = row(ts, ops, y + pad, "Amount due", due, DUE) + 2.0 * pad;
        // Inserted before the text so that the tint stays behind it.
        ops.insert(
            fill_at,
            Op::Fill {
                x: x - pad,
                y,
                width: TOTALS_WIDTH + pad,
                height,
                color: ACCENT_TINT,
            },
        );
        y += height;
    }
    y
}

/// Payment details and cash discount tiers in the left column.
fn payment(ts: &Typesetter, view: &DocumentView, ops: &mut Vec<Op>) -> f32 {
    let width = CONTENT_WIDTH - TOTALS_WIDTH - GUTTER;
    let mut y = 0.0;
    if let Some(pay) = &view.payment_instructions {
        y += ts.paragraph(ops, "Payment details", HEADING, LEFT, width, y, Align::Left) + 2.0;
        let label_width = 78.0;
        for (label, value) in payment_rows(pay) {
            let label_height =
                ts.paragraph(ops, label, BODY_MUTED, LEFT, label_width, y, Align::Left);
            let style = if label == "Reference" {
                BODY_BOLD
            } else {
                BODY
            };
            let value_height = ts.paragraph(
                ops,
                &value,
                style,
                LEFT + label_width,
                width - label_width,
                y,
                Align::Left,
            );
            y += label_height.max(value_height) + 1.0;
        }
    }
    let tiers: Vec<&String> = view
        .cash_discounts
        .iter()
        .filter(|t| !t.trim().is_empty())
        .collect();
    if !tiers.is_empty() {
        if y > 0.0 {
            y += 10.0;
        }
        y += ts.paragraph(
            ops,
            "Early payment discount",
            HEADING,
            LEFT,
            width,
            y,
            Align::Left,
        ) + 2.0;
        for tier in tiers {
            ts.paragraph(ops, "•", BODY, LEFT, 10.0, y, Align::Left);
            y += ts.paragraph(ops, tier, BODY, LEFT + 10.0, width - 10.0, y, Align::Left) + 1.0;
        }
    }
    y
}

fn payment_rows(pay: &PaymentInstructions) -> Vec<(&'static str, String)> {
    let mut rows = vec![("Account name", pay.account_name.clone())];
    rows.extend(pay.iban.as_deref().map(|iban| ("IBAN", group_iban(iban))));
    for (label, value) in [
        ("BIC", &pay.bic),
        ("Sort code", &pay.sort_code),
        ("Account no.", &pay.account_number),
    ] {
        rows.extend(value.clone().map(|v| (label, v)));
    }
    rows.push(("Reference", pay.reference.clone()));
    rows.retain(|(_, value)| !value.trim().is_empty());
    rows
}

/// IBANs are printed in groups of four (ISO 13616's paper format), which is
/// how people read them out and type them in.
fn group_iban(iban: &str) -> String {
    if !iban.chars().all(|c| c.is_ascii_alphanumeric()) {
        return iban.to_owned();
    }
    iban.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::group_iban;

    #[test]
    fn groups_ibans_by_four() {
        assert_eq!(
            group_iban("GB29NWBK60161331926819"),
            "GB29 NWBK 6016 1331 9268 19"
        );
        assert_eq!(group_iban("GB29 NWBK 6016"), "GB29 NWBK 6016");
    }
}

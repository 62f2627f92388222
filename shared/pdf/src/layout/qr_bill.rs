//! The payment part and receipt of a Swiss QR-bill (SIX Implementation
//! Guidelines QR-bill 2.3, §3): an A6 landscape slip, 210 × 105 mm, at the
//! foot of a page of its own; the receipt on the left (62 mm), the payment
//! part on the right (148 mm) with the Swiss QR Code, 46 × 46 mm, and the
//! Swiss cross, 7 × 7 mm, in its middle.

use super::style::{INK, PAGE_HEIGHT, PAGE_WIDTH};
use super::{Align, Color, Op, TextStyle, Typesetter};
use crate::model::QrBillView;
use crate::text::Weight;

const MM: f32 = 72.0 / 25.4;
const SLIP_HEIGHT: f32 = 105.0 * MM;
const RECEIPT_WIDTH: f32 = 62.0 * MM;
const MARGIN: f32 = 5.0 * MM;
const QR_SIDE: f32 = 46.0 * MM;
const CROSS_SIDE: f32 = 7.0 * MM;
const WHITE: Color = Color(0xff, 0xff, 0xff);
const BLACK: Color = Color(0, 0, 0);

const fn style(weight: Weight, size: f32) -> TextStyle {
    TextStyle {
        weight,
        size,
        color: INK,
        line_height: size * 1.25,
    }
}

/// The guidelines' type sizes: titles 11 pt; headings 6 pt and values 8 pt
/// on the receipt, 8 pt and 10 pt on the payment part.
const TITLE: TextStyle = style(Weight::Bold, 11.0);
const RECEIPT_HEADING: TextStyle = style(Weight::Bold, 6.0);
const RECEIPT_VALUE: TextStyle = style(Weight::Regular, 8.0);
const PART_HEADING: TextStyle = style(Weight::Bold, 8.0);
const PART_VALUE: TextStyle = style(Weight::Regular, 10.0);

/// A column of headings and values from `top`.
struct Column<'a, 'f> {
    ts: &'a Typesetter<'f>,
    x: f32,
    width: f32,
    y: f32,
    heading: TextStyle,
    value: TextStyle,
}

impl Column<'_, '_> {
    fn block(&mut self, ops: &mut Vec<Op>, heading: &str, lines: &[String]) {
        self.y += self.ts.paragraph(
            ops,
            heading,
            self.heading,
            self.x,
            self.width,
            self.y,
            Align::Left,
        );
        for line in lines {
            self.y += self.ts.paragraph(
                ops,
                line,
                self.value,
                self.x,
                self.width,
                self.y,
                Align::Left,
            );
        }
        self.y += self.value.line_height * 0.6;
    }
}

fn rule(ops: &mut Vec<Op>, x1: f32, x2: f32, y: f32) {
    ops.push(Op::Rule {
        x1,
        x2,
        y,
        thickness: 0.5,
        color: BLACK,
    });
}

/// A vertical line as a thin filled rectangle.
fn vertical(ops: &mut Vec<Op>, x: f32, y1: f32, y2: f32) {
    ops.push(Op::Fill {
        x: x - 0.25,
        y: y1,
        width: 0.5,
        height: y2 - y1,
        color: BLACK,
    });
}

fn square(ops: &mut Vec<Op>, x: f32, y: f32, side: f32, color: Color) {
    ops.push(Op::Fill {
        x,
        y,
        width: side,
        height: side,
        color,
    });
}

/// The QR code at (`x`, `y`), its dark modules as squares, the Swiss
/// cross over its middle.
fn qr_code(ops: &mut Vec<Op>, bill: &QrBillView, x: f32, y: f32) {
    if bill.width == 0 {
        return;
    }
    let module = QR_SIDE / bill.width as f32;
    for (i, dark) in bill.modules.iter().enumerate() {
        if *dark {
            let (col, row) = ((i % bill.width) as f32, (i / bill.width) as f32);
            // A hair larger than a module: no white seams between them.
            ops.push(Op::Fill {
                x: x + col * module,
                y: y + row * module,
                width: module + 0.05,
                height: module + 0.05,
                color: BLACK,
            });
        }
    }
    let cx = x + QR_SIDE / 2.0;
    let cy = y + QR_SIDE / 2.0;
    let origin = (cx - CROSS_SIDE / 2.0, cy - CROSS_SIDE / 2.0);
    square(ops, origin.0, origin.1, CROSS_SIDE, WHITE);
    let border = CROSS_SIDE * 0.06;
    let inner = CROSS_SIDE - 2.0 * border;
    square(ops, origin.0 + border, origin.1 + border, inner, BLACK);
    let (arm, length) = (inner * 0.19, inner * 0.62);
    ops.push(Op::Fill {
        x: cx - arm / 2.0,
        y: cy - length / 2.0,
        width: arm,
        height: length,
        color: WHITE,
    });
    ops.push(Op::Fill {
        x: cx - length / 2.0,
        y: cy - arm / 2.0,
        width: length,
        height: arm,
        color: WHITE,
    });
}

/// A corner-marked empty box for the payer to write in.
fn blank(ops: &mut Vec<Op>, x: f32, y: f32, width: f32, height: f32) {
    let corner = 3.0 * MM;
    for (cx, cy, dx, dy) in [
        (x, y, 1.0, 1.0),
        (x + width, y, -1.0, 1.0),
        (x, y + height, 1.0, -1.0),
        (x + width, y + height, -1.0, -1.0),
    ] {
        let (x1, x2) = if dx > 0.0 {
            (cx, cx + corner)
        } else {
            (cx - corner, cx)
        };
        rule(ops, x1, x2, cy);
        let (y1, y2) = if dy > 0.0 {
            (cy, cy + corner)
        } else {
            (cy - corner, cy)
        };
        vertical(ops, cx, y1, y2);
    }
}

/// Where a section prints its currency and amount.
struct Amounts {
    x: f32,
    top: f32,
    amount_x: f32,
    width: f32,
    heading: TextStyle,
    value: TextStyle,
    /// The box's x, width and height when the amount is left to the payer.
    blank: (f32, f32, f32),
}

/// "Currency" and "Amount" over their values, or a box for the amount.
fn amounts(ts: &Typesetter, ops: &mut Vec<Op>, bill: &QrBillView, at: Amounts) {
    ts.paragraph(
        ops,
        "Currency",
        at.heading,
        at.x,
        at.width,
        at.top,
        Align::Left,
    );
    ts.paragraph(
        ops,
        "Amount",
        at.heading,
        at.amount_x,
        at.width,
        at.top,
        Align::Left,
    );
    let values_top = at.top + at.heading.line_height;
    ts.paragraph(
        ops,
        &bill.currency,
        at.value,
        at.x,
        at.width,
        values_top,
        Align::Left,
    );
    match &bill.amount {
        Some(amount) => {
            ts.paragraph(
                ops,
                amount,
                at.value,
                at.amount_x,
                at.width,
                values_top,
                Align::Left,
            );
        }
        None => {
            let (x, width, height) = at.blank;
            blank(ops, x, values_top, width, height);
        }
    }
}

/// The page: the slip at its foot.
pub(crate) fn page(ts: &Typesetter, bill: &QrBillView) -> Vec<Op> {
    let mut ops = Vec::new();
    let top = PAGE_HEIGHT - SLIP_HEIGHT;
    // Where the slip is torn off, and between receipt and payment part.
    rule(&mut ops, 0.0, PAGE_WIDTH, top);
    vertical(&mut ops, RECEIPT_WIDTH, top, PAGE_HEIGHT);

    // The receipt.
    let x = MARGIN;
    let width = RECEIPT_WIDTH - 2.0 * MARGIN;
    ts.paragraph(
        &mut ops,
        "Receipt",
        TITLE,
        x,
        width,
        top + MARGIN,
        Align::Left,
    );
    let mut receipt = Column {
        ts,
        x,
        width,
        y: top + 12.0 * MM,
        heading: RECEIPT_HEADING,
        value: RECEIPT_VALUE,
    };
    let mut account = vec![bill.account.clone()];
    account.extend(bill.creditor.iter().cloned());
    receipt.block(&mut ops, "Account / Payable to", &account);
    if let Some(reference) = &bill.reference {
        receipt.block(&mut ops, "Reference", std::slice::from_ref(reference));
    }
    match &bill.debtor {
        Some(debtor) => receipt.block(&mut ops, "Payable by", debtor),
        None => {
            receipt.block(&mut ops, "Payable by (name/address)", &[]);
            blank(&mut ops, x, receipt.y, 52.0 * MM, 20.0 * MM);
        }
    }
    amounts(
        ts,
        &mut ops,
        bill,
        Amounts {
            x,
            top: top + 68.0 * MM,
            amount_x: x + 12.0 * MM,
            width,
            heading: RECEIPT_HEADING,
            value: RECEIPT_VALUE,
            blank: (x + 22.0 * MM, 30.0 * MM, 10.0 * MM),
        },
    );
    ts.paragraph(
        &mut ops,
        "Acceptance point",
        RECEIPT_HEADING,
        x,
        width,
        top + 82.0 * MM,
        Align::Right,
    );

    // The payment part.
    let part_x = RECEIPT_WIDTH + MARGIN;
    ts.paragraph(
        &mut ops,
        "Payment part",
        TITLE,
        part_x,
        51.0 * MM,
        top + MARGIN,
        Align::Left,
    );
    qr_code(&mut ops, bill, part_x, top + 17.0 * MM);
    amounts(
        ts,
        &mut ops,
        bill,
        Amounts {
            x: part_x,
            top: top + 68.0 * MM,
            amount_x: part_x + 22.0 * MM,
            width: 29.0 * MM,
            heading: PART_HEADING,
            value: PART_VALUE,
            blank: (part_x + 22.0 * MM, 29.0 * MM, 15.0 * MM),
        },
    );
    let right_x = RECEIPT_WIDTH + 56.0 * MM;
    let mut part = Column {
        ts,
        x: right_x,
        width: PAGE_WIDTH - right_x - MARGIN,
        y: top + MARGIN,
        heading: PART_HEADING,
        value: PART_VALUE,
    };
    part.block(&mut ops, "Account / Payable to", &account);
    if let Some(reference) = &bill.reference {
        part.block(&mut ops, "Reference", std::slice::from_ref(reference));
    }
    if let Some(information) = &bill.additional_information {
        part.block(
            &mut ops,
            "Additional information",
            std::slice::from_ref(information),
        );
    }
    match &bill.debtor {
        Some(debtor) => part.block(&mut ops, "Payable by", debtor),
        None => {
            part.block(&mut ops, "Payable by (name/address)", &[]);
            blank(&mut ops, right_x, part.y, 65.0 * MM, 25.0 * MM);
        }
    }
    ops
}

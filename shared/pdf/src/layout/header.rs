//! The top of the first page (logo, company, title, parties, dates), the
//! running header of later pages and the footer of every page.

use krilla::image::Image;

use super::style::*;
use super::{Align, Block, Flow, Op, Typesetter};
use crate::PdfError;
use crate::model::{DocumentKind, DocumentView, Party};
use crate::text::Run;

/// The blocks that open page one.
pub(crate) fn first_page(ts: &Typesetter, view: &DocumentView) -> Result<Vec<Block>, PdfError> {
    Ok(vec![
        company(ts, view)?,
        Block::spacer(20.0),
        title(ts, view),
        Block::spacer(14.0),
        parties(ts, view),
        Block::spacer(18.0),
    ])
}

/// Logo (or the company name set large) on the left, the company's address
/// and identifiers right-aligned on the right.
fn company(ts: &Typesetter, view: &DocumentView) -> Result<Block, PdfError> {
    let mut block = Block::new(Flow::Body);
    let company = &view.company;
    let right_width = CONTENT_WIDTH * 0.55;
    let right_x = RIGHT - right_width;

    let left_height = match &view.logo {
        Some(bytes) => {
            let image = decode_logo(bytes)?;
            let (px_w, px_h) = image.size();
            let (width, height) = fit(px_w as f32, px_h as f32);
            block.ops.push(Op::Image {
                x: LEFT,
                y: 0.0,
                width,
                height,
                image,
            });
            height
        }
        None => ts.paragraph(
            &mut block.ops,
            &company.name,
            COMPANY_NAME_LARGE,
            LEFT,
            CONTENT_WIDTH - right_width - 12.0,
            0.0,
            Align::Left,
        ),
    };

    let mut y = 0.0;
    if view.logo.is_some() {
        y += ts.paragraph(
            &mut block.ops,
            &company.name,
            COMPANY_NAME,
            right_x,
            right_width,
            y,
            Align::Right,
        );
    }
    for line in contact_lines(company) {
        y += ts.paragraph(
            &mut block.ops,
            &line,
            DETAIL,
            right_x,
            right_width,
            y,
            Align::Right,
        );
    }
    block.height = left_height.max(y);
    Ok(block)
}

/// Address, then contact details and registration numbers, joined so that
/// a full company block stays five or six lines.
fn contact_lines(party: &Party) -> Vec<String> {
    let mut lines: Vec<String> = party
        .address_lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .cloned()
        .collect();
    let joined = |parts: Vec<Option<String>>| {
        let parts: Vec<String> = parts
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join("  ·  "))
    };
    lines.extend(joined(vec![party.email.clone(), party.phone.clone()]));
    lines.extend(joined(vec![party.website.clone()]));
    lines.extend(joined(vec![
        party.vat_number.as_ref().map(|v| format!("VAT no. {v}")),
        party
            .registration_number
            .as_ref()
            .map(|r| format!("Company no. {r}")),
    ]));
    lines
}

fn decode_logo(bytes: &[u8]) -> Result<Image, PdfError> {
    let data = bytes.to_vec().into();
    let image = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Image::from_png(data, true)
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Image::from_jpeg(data, true)
    } else {
        return Err(PdfError::Logo("not a PNG or JPEG file".into()));
    };
    let image = image.map_err(PdfError::Logo)?;
    match image.size() {
        (0, _) | (_, 0) => Err(PdfError::Logo("the image is empty".into())),
        _ => Ok(image),
    }
}

/// Scales pixel dimensions into the logo box, keeping the aspect ratio.
fn fit(width: f32, height: f32) -> (f32, f32) {
    let scale = (LOGO_MAX_WIDTH / width).min(LOGO_MAX_HEIGHT / height);
    (width * scale, height * scale)
}

/// The document title with its status badge, over a rule.
fn title(ts: &Typesetter, view: &DocumentView) -> Block {
    let mut block = Block::new(Flow::Body);
    let title = if view.title.trim().is_empty() {
        capitalise(view.kind.noun())
    } else {
        view.title.clone()
    };
    let badge = view
        .status
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|status| ts.fit_line(&status.to_uppercase(), BADGE, CONTENT_WIDTH / 3.0));
    let pad = 5.0;
    let badge_width = badge
        .as_ref()
        .map_or(0.0, |run| run.width(BADGE.size) + 2.0 * pad + 12.0);

    // A long title wraps beside the badge rather than running off the page.
    let lines = ts.wrap(&title, TITLE, CONTENT_WIDTH - badge_width);
    let first_width = lines.first().map_or(0.0, |run| run.width(TITLE.size));
    let height = lines.len() as f32 * TITLE.line_height;
    for (i, run) in lines.into_iter().enumerate() {
        let top = i as f32 * TITLE.line_height;
        ts.place(
            &mut block.ops,
            run,
            TITLE,
            LEFT,
            CONTENT_WIDTH,
            top,
            Align::Left,
        );
    }
    if let Some(run) = badge {
        let width = run.width(BADGE.size) + 2.0 * pad;
        let badge_height = BADGE.line_height + 4.0;
        let x = LEFT + first_width + 12.0;
        let y = (TITLE.line_height - badge_height) / 2.0 + 2.0;
        block.ops.push(Op::Fill {
            x,
            y,
            width,
            height: badge_height,
            color: ACCENT_TINT,
        });
        ts.place(&mut block.ops, run, BADGE, x, width, y + 2.0, Align::Center);
    }
    block.ops.push(Op::Rule {
        x1: LEFT,
        x2: RIGHT,
        y: height + 6.0,
        thickness: 1.0,
        color: ACCENT,
    });
    block.height = height + 7.0;
    block
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The counterparty on the left, the document's number and dates on the right.
fn parties(ts: &Typesetter, view: &DocumentView) -> Block {
    let mut block = Block::new(Flow::Body);
    let left_width = CONTENT_WIDTH * 0.5;

    let mut y = 0.0;
    y += ts.paragraph(
        &mut block.ops,
        &view.kind.party_heading().to_uppercase(),
        LABEL,
        LEFT,
        left_width,
        y,
        Align::Left,
    );
    y += 2.0;
    y += ts.paragraph(
        &mut block.ops,
        &view.customer.name,
        PARTY_NAME,
        LEFT,
        left_width,
        y,
        Align::Left,
    );
    for line in contact_lines(&view.customer) {
        y += ts.paragraph(
            &mut block.ops,
            &line,
            BODY,
            LEFT,
            left_width,
            y,
            Align::Left,
        );
    }
    let left_height = y;

    let meta_width = CONTENT_WIDTH * 0.42;
    let meta_x = RIGHT - meta_width;
    let label_width = meta_width * 0.45;
    let value_x = meta_x + label_width;
    let value_width = meta_width - label_width;
    let mut y = LABEL.line_height + 2.0;
    for (label, value) in meta_fields(view) {
        let label_height = ts.paragraph(
            &mut block.ops,
            &label,
            BODY_MUTED,
            meta_x,
            label_width,
            y,
            Align::Left,
        );
        let style = if label == "Number" { BODY_BOLD } else { BODY };
        let value_height = ts.paragraph(
            &mut block.ops,
            &value,
            style,
            value_x,
            value_width,
            y,
            Align::Right,
        );
        y += label_height.max(value_height) + 1.5;
    }
    block.height = left_height.max(y);
    block
}

fn meta_fields(view: &DocumentView) -> Vec<(String, String)> {
    let mut fields = vec![
        ("Number".to_owned(), view.number.clone()),
        (
            match view.kind {
                DocumentKind::Receipt => "Date",
                _ => "Issue date",
            }
            .to_owned(),
            view.issue_date.clone(),
        ),
    ];
    let optional = [
        ("Due date", &view.due_date),
        ("Valid until", &view.valid_until),
        ("Reference", &view.reference),
    ];
    for (label, value) in optional {
        if let Some(value) = value.as_ref().filter(|v| !v.trim().is_empty()) {
            fields.push((label.to_owned(), value.clone()));
        }
    }
    fields.extend(
        view.extra_fields
            .iter()
            .map(|f| (f.label.clone(), f.value.clone())),
    );
    fields.retain(|(_, value)| !value.trim().is_empty());
    fields
}

/// "Invoice INV-0042", used by the running header and the footer.
fn document_label(view: &DocumentView) -> String {
    let title = if view.title.trim().is_empty() {
        capitalise(view.kind.noun())
    } else {
        view.title.clone()
    };
    format!("{title} {}", view.number).trim().to_owned()
}

/// The header of every page after the first.
pub(crate) fn continuation(ts: &Typesetter, view: &DocumentView) -> Block {
    let mut block = Block::new(Flow::Body);
    let half = CONTENT_WIDTH / 2.0;
    let name = ts.fit_line(&view.company.name, BODY_BOLD, half - 6.0);
    ts.place(
        &mut block.ops,
        name,
        BODY_BOLD,
        LEFT,
        half,
        0.0,
        Align::Left,
    );
    let label = ts.fit_line(
        &format!("{} (continued)", document_label(view)),
        BODY_MUTED,
        half - 6.0,
    );
    ts.place(
        &mut block.ops,
        label,
        BODY_MUTED,
        LEFT + half,
        half,
        0.0,
        Align::Right,
    );
    block.ops.push(Op::Rule {
        x1: LEFT,
        x2: RIGHT,
        y: BODY.line_height + 4.0,
        thickness: HAIRLINE,
        color: RULE_STRONG,
    });
    block.height = BODY.line_height + 16.0;
    block
}

/// The footer: document label and "Page n of m" over the footer text.
pub(crate) struct Footer {
    /// Reserved at the bottom of every page, measured from the page edge.
    pub height: f32,
    top: f32,
    label: Run,
    text: Vec<Run>,
}

/// The footer's last line sits this far above the page edge: inside the
/// 18 mm margin, which otherwise would be empty.
const FOOTER_BOTTOM: f32 = 28.0;
/// A long footer text is cut rather than allowed to eat the page.
const FOOTER_MAX_LINES: usize = 6;
/// Space kept between the body and the footer rule.
const FOOTER_GAP: f32 = 14.0;

pub(crate) fn footer(ts: &Typesetter, view: &DocumentView) -> Footer {
    let mut text = view
        .footer
        .as_deref()
        .map(|f| ts.wrap(f, FOOTER, CONTENT_WIDTH))
        .unwrap_or_default();
    text.retain(|run| !run.glyphs.is_empty());
    text.truncate(FOOTER_MAX_LINES);
    let content = 6.0 + FOOTER.line_height * (1 + text.len()) as f32;
    let top = PAGE_HEIGHT - FOOTER_BOTTOM - content;
    Footer {
        height: PAGE_HEIGHT - top + FOOTER_GAP,
        top,
        label: ts.fit_line(&document_label(view), FOOTER, CONTENT_WIDTH / 2.0 - 6.0),
        text,
    }
}

impl Footer {
    pub fn ops(&self, ts: &Typesetter, page: usize, count: usize) -> Vec<Op> {
        let mut ops = vec![Op::Rule {
            x1: LEFT,
            x2: RIGHT,
            y: self.top,
            thickness: HAIRLINE,
            color: RULE,
        }];
        let mut y = self.top + 6.0;
        let half = CONTENT_WIDTH / 2.0;
        ts.place(
            &mut ops,
            self.label.clone(),
            FOOTER,
            LEFT,
            half,
            y,
            Align::Left,
        );
        let page_label = ts.shape(&format!("Page {page} of {count}"), FOOTER);
        ts.place(
            &mut ops,
            page_label,
            FOOTER,
            LEFT + half,
            half,
            y,
            Align::Right,
        );
        for run in &self.text {
            y += FOOTER.line_height;
            ts.place(
                &mut ops,
                run.clone(),
                FOOTER,
                LEFT,
                CONTENT_WIDTH,
                y,
                Align::Center,
            );
        }
        ops
    }
}

//! Page layout: turns a [`DocumentView`] into positioned drawing operations,
//! page by page.
//!
//! Layout is separate from PDF writing so that pagination is decided before
//! anything is drawn: "Page n of m" needs m, and a table row that does not fit
//! must move to the next page behind a repeated table header.
//!
//! The document is a flow of [`Block`]s (a header, a table row, a paragraph
//! line…). Each block is measured, then the [`Paginator`] stacks blocks down the
//! page and starts a new page when the next one does not fit.

mod blocks;
mod header;
mod paginate;
mod qr_bill;
pub(crate) mod receipt;
mod style;
mod table;
mod totals;

use krilla::image::Image;

use crate::PdfError;
use crate::model::DocumentView;
use crate::text::{Fonts, Run, Weight};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Color(pub u8, pub u8, pub u8);

/// One drawing operation. Coordinates are points from the top-left corner,
/// y growing downwards (krilla's convention); inside a [`Block`] they are
/// relative to the block's top.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        color: Color,
        run: Run,
    },
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Color,
    },
    /// A horizontal rule.
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        thickness: f32,
        color: Color,
    },
    Image {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        image: Image,
    },
}

impl Op {
    /// Where the operation starts vertically; decides which side of a page
    /// break it lands on when a block is split.
    fn top(&self) -> f32 {
        match self {
            Op::Text { baseline, size, .. } => baseline - size,
            Op::Fill { y, .. } | Op::Rule { y, .. } | Op::Image { y, .. } => *y,
        }
    }

    fn shifted(mut self, dy: f32) -> Op {
        match &mut self {
            Op::Text { baseline, .. } => *baseline += dy,
            Op::Fill { y, .. } | Op::Rule { y, .. } | Op::Image { y, .. } => *y += dy,
        }
        self
    }
}

/// Whether a block belongs to the lines table: a table block that starts a
/// page gets the table header repeated above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Body,
    Table,
}

/// A measured piece of the page flow.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub height: f32,
    pub ops: Vec<Op>,
    /// Offsets at which the block may be split over two pages (between the
    /// lines of a long description). Only used when the block is taller
    /// than a whole page; shorter blocks move to the next page intact.
    pub breaks: Vec<f32>,
    pub flow: Flow,
    /// Never end a page with this block (headings, the table header).
    pub keep_with_next: bool,
}

impl Block {
    pub fn new(flow: Flow) -> Block {
        Block {
            height: 0.0,
            ops: Vec::new(),
            breaks: Vec::new(),
            flow,
            keep_with_next: false,
        }
    }

    /// Empty vertical space.
    pub fn spacer(height: f32) -> Block {
        Block {
            height,
            ..Block::new(Flow::Body)
        }
    }
}

/// Drawing context: the fonts plus helpers that place shaped text.
pub(crate) struct Typesetter<'f> {
    pub fonts: &'f Fonts,
}

/// How a text is set: weight, size, colour and line height.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextStyle {
    pub weight: Weight,
    pub size: f32,
    pub color: Color,
    pub line_height: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Center,
}

impl Typesetter<'_> {
    pub fn shape(&self, text: &str, style: TextStyle) -> Run {
        self.fonts.shape(text, style.weight)
    }

    pub fn wrap(&self, text: &str, style: TextStyle, width: f32) -> Vec<Run> {
        self.fonts.wrap(text, style.weight, style.size, width)
    }

    /// One line that fits `width`: the text itself, or the first line of it
    /// wrapped, for single-line slots such as running headers.
    pub fn fit_line(&self, text: &str, style: TextStyle, width: f32) -> Run {
        let run = self.shape(text, style);
        if run.width(style.size) <= width {
            return run;
        }
        self.wrap(text, style, width)
            .into_iter()
            .next()
            .unwrap_or(run)
    }

    /// Places one line of text in a box `width` wide starting at `x`, with the
    /// line box's top at `top`.
    #[allow(clippy::too_many_arguments)]
    pub fn place(
        &self,
        ops: &mut Vec<Op>,
        run: Run,
        style: TextStyle,
        x: f32,
        width: f32,
        top: f32,
        align: Align,
    ) {
        if run.glyphs.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Right => x + width - run.width(style.size),
            Align::Center => x + (width - run.width(style.size)) / 2.0,
        };
        ops.push(Op::Text {
            x,
            baseline: top + self.fonts.baseline_offset(style.size, style.line_height),
            size: style.size,
            color: style.color,
            run,
        });
    }

    /// Wraps `text` into a box and places every line; returns the height used.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &self,
        ops: &mut Vec<Op>,
        text: &str,
        style: TextStyle,
        x: f32,
        width: f32,
        top: f32,
        align: Align,
    ) -> f32 {
        let lines = self.wrap(text, style, width);
        let height = lines.len() as f32 * style.line_height;
        for (i, run) in lines.into_iter().enumerate() {
            let line_top = top + i as f32 * style.line_height;
            self.place(ops, run, style, x, width, line_top, align);
        }
        height
    }
}

/// The laid-out document: the drawing operations of each page, plus what
/// the footer needs.
pub(crate) struct Layout {
    pub pages: Vec<Vec<Op>>,
    /// The page size in points.
    pub width: f32,
    pub height: f32,
}

/// Lays the document out on A4 pages.
pub(crate) fn layout(view: &DocumentView, fonts: &Fonts) -> Result<Layout, PdfError> {
    let ts = Typesetter { fonts };
    let footer = header::footer(&ts, view);
    let mut paginator = paginate::Paginator::new(header::continuation(&ts, view), footer.height);

    for block in header::first_page(&ts, view)? {
        paginator.push(block);
    }
    let table = table::Table::new(&ts, view);
    paginator.set_table_header(table.header_block(&ts));
    for block in table.blocks(&ts, view) {
        paginator.push(block);
    }
    for block in totals::blocks(&ts, view) {
        paginator.push(block);
    }
    for block in blocks::closing(&ts, view) {
        paginator.push(block);
    }

    let mut pages = paginator.finish();
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.extend(footer.ops(&ts, i + 1, count));
    }
    // The QR-bill's payment part: a page of its own, after the document's
    // numbered pages (it is torn off and kept apart).
    if let Some(bill) = &view.qr_bill {
        pages.push(qr_bill::page(&ts, bill));
    }
    Ok(Layout {
        pages,
        width: style::PAGE_WIDTH,
        height: style::PAGE_HEIGHT,
    })
}

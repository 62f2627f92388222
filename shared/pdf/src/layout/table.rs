//! The lines table.
//!
//! Columns are sized to their widest cell so that amounts never wrap, the
//! description takes what is left, and columns nobody uses (no discounts,
//! no units) are left out rather than printed empty.

use super::style::*;
use super::{Align, Block, Flow, Op, TextStyle, Typesetter};
use crate::model::{DocumentView, LineKind, LineView};
use crate::text::{Run, Weight};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Pos,
    Desc,
    Qty,
    Unit,
    Price,
    Disc,
    Tax,
    Amount,
}

const COLUMNS: [Col; 8] = [
    Col::Pos,
    Col::Desc,
    Col::Qty,
    Col::Unit,
    Col::Price,
    Col::Disc,
    Col::Tax,
    Col::Amount,
];

impl Col {
    fn label(self) -> &'static str {
        match self {
            Col::Pos => "#",
            Col::Desc => "Description",
            Col::Qty => "Qty",
            Col::Unit => "Unit",
            Col::Price => "Unit price",
            Col::Disc => "Discount",
            Col::Tax => "Tax %",
            Col::Amount => "Amount",
        }
    }

    fn align(self) -> Align {
        match self {
            Col::Desc | Col::Unit => Align::Left,
            _ => Align::Right,
        }
    }

    /// The most a column other than the description may take.
    fn max_width(self) -> f32 {
        match self {
            Col::Pos => 36.0,
            Col::Unit => 64.0,
            _ => 120.0,
        }
    }

    fn cell(self, line: &LineView) -> Option<&str> {
        match self {
            Col::Pos => line.position.as_deref(),
            Col::Desc => Some(line.description.as_str()),
            Col::Qty => line.quantity.as_deref(),
            Col::Unit => line.unit.as_deref(),
            Col::Price => line.unit_price.as_deref(),
            Col::Disc => line.discount.as_deref(),
            Col::Tax => line.tax_rate.as_deref(),
            Col::Amount => line.amount(),
        }
        .filter(|s| !s.trim().is_empty())
    }
}

/// Vertical padding above and below a row's text.
const ROW_PAD: f32 = 4.0;
/// The description column never gets narrower than this.
const MIN_DESCRIPTION: f32 = 150.0;
const SUBTITLE: TextStyle = TextStyle {
    weight: Weight::Bold,
    size: 9.0,
    color: INK,
    line_height: 12.0,
};

#[derive(Debug, Clone, Copy)]
struct Column {
    col: Col,
    x: f32,
    width: f32,
}

impl Column {
    fn inner_x(&self) -> f32 {
        self.x + CELL_PAD
    }

    fn inner_width(&self) -> f32 {
        (self.width - 2.0 * CELL_PAD).max(1.0)
    }
}

pub(crate) struct Table {
    columns: Vec<Column>,
    /// Pre-shaped cells of every line, by column (the description and
    /// non-item lines are shaped when wrapped): measured once, drawn once.
    cells: Vec<[Option<Run>; 8]>,
}

/// How a pre-shaped cell is set; `None` for cells shaped when wrapped
/// (descriptions) or not printed for that kind of line.
fn cell_style(kind: LineKind, col: Col) -> Option<TextStyle> {
    match (kind, col) {
        (LineKind::Item, Col::Desc) => None,
        (LineKind::Item, _) => Some(BODY),
        (LineKind::SectionTotal, Col::Amount) => Some(BODY_BOLD),
        (LineKind::Subtitle, Col::Pos) => Some(SUBTITLE),
        _ => None,
    }
}

fn is_zero(rate: &str) -> bool {
    rate.chars()
        .all(|c| matches!(c, '0' | '.' | ',' | '%' | ' '))
}

impl Table {
    pub fn new(ts: &Typesetter, view: &DocumentView) -> Table {
        let items = || view.lines.iter().filter(|l| l.kind == LineKind::Item);
        let visible = |col: Col| match col {
            Col::Pos => view.lines.iter().any(|l| Col::Pos.cell(l).is_some()),
            Col::Unit => items().any(|l| Col::Unit.cell(l).is_some()),
            Col::Disc => items().any(|l| Col::Disc.cell(l).is_some_and(|d| !is_zero(d))),
            Col::Tax => items().any(|l| Col::Tax.cell(l).is_some()),
            Col::Desc | Col::Qty | Col::Price | Col::Amount => true,
        };
        let shown: Vec<Col> = COLUMNS.into_iter().filter(|&c| visible(c)).collect();

        let cells: Vec<[Option<Run>; 8]> = view
            .lines
            .iter()
            .map(|line| {
                let mut row: [Option<Run>; 8] = Default::default();
                for (i, col) in COLUMNS.into_iter().enumerate() {
                    if let Some(style) = cell_style(line.kind, col) {
                        row[i] = col.cell(line).map(|text| ts.shape(text, style));
                    }
                }
                row
            })
            .collect();

        let mut widths: Vec<f32> = shown
            .iter()
            .map(|&col| {
                if col == Col::Desc {
                    return 0.0;
                }
                let index = col as usize;
                let header = ts
                    .shape(&col.label().to_uppercase(), TABLE_HEADER)
                    .width(TABLE_HEADER.size);
                let widest = view
                    .lines
                    .iter()
                    .zip(&cells)
                    .filter_map(|(line, row)| {
                        let style = cell_style(line.kind, col)?;
                        Some(row[index].as_ref()?.width(style.size))
                    })
                    .fold(header, f32::max);
                (widest + 2.0 * CELL_PAD).min(col.max_width())
            })
            .collect();
        let others: f32 = widths.iter().sum();
        if CONTENT_WIDTH - others < MIN_DESCRIPTION && others > 0.0 {
            // Very long amounts: squeeze the number columns (their cells
            // then wrap) rather than the description into nothing.
            let scale = (CONTENT_WIDTH - MIN_DESCRIPTION) / others;
            widths.iter_mut().for_each(|w| *w *= scale);
        }
        let desc_width = CONTENT_WIDTH - widths.iter().sum::<f32>();

        let mut x = LEFT;
        let columns = shown
            .iter()
            .zip(widths)
            .map(|(&col, width)| {
                let width = if col == Col::Desc { desc_width } else { width };
                let column = Column { col, x, width };
                x += width;
                column
            })
            .collect();
        Table { columns, cells }
    }

    fn column(&self, col: Col) -> Option<&Column> {
        self.columns.iter().find(|c| c.col == col)
    }

    /// Where spanning text (subtitles, text lines) starts: the description
    /// column, so that it lines up with the item descriptions.
    fn span_x(&self) -> f32 {
        self.column(Col::Desc).map_or(LEFT, Column::inner_x)
    }

    /// The grey header row; repeated on every page the table continues on.
    pub fn header_block(&self, ts: &Typesetter) -> Block {
        let mut block = Block::new(Flow::Body);
        let height = TABLE_HEADER.line_height + 2.0 * ROW_PAD;
        block.ops.push(Op::Fill {
            x: LEFT,
            y: 0.0,
            width: CONTENT_WIDTH,
            height,
            color: HEADER_FILL,
        });
        for column in &self.columns {
            let run = ts.shape(&column.col.label().to_uppercase(), TABLE_HEADER);
            ts.place(
                &mut block.ops,
                run,
                TABLE_HEADER,
                column.inner_x(),
                column.inner_width(),
                ROW_PAD,
                column.col.align(),
            );
        }
        block.ops.push(Op::Rule {
            x1: LEFT,
            x2: RIGHT,
            y: height,
            thickness: HAIRLINE,
            color: RULE_STRONG,
        });
        block.height = height;
        block.keep_with_next = true;
        block
    }

    /// The caption, the header and one block per line.
    pub fn blocks(self, ts: &Typesetter, view: &DocumentView) -> Vec<Block> {
        let mut blocks = Vec::with_capacity(view.lines.len() + 2);
        if !view.currency.trim().is_empty() {
            let mut caption = Block::new(Flow::Body);
            caption.height = ts.paragraph(
                &mut caption.ops,
                &format!("Amounts in {}", view.currency.trim()),
                SMALL_MUTED,
                LEFT,
                CONTENT_WIDTH,
                0.0,
                Align::Right,
            ) + 2.0;
            caption.keep_with_next = true;
            blocks.push(caption);
        }
        blocks.push(self.header_block(ts));
        for (line, cells) in view.lines.iter().zip(&self.cells) {
            let block = match line.kind {
                LineKind::Item => self.item(ts, line, cells),
                LineKind::Subtitle => self.subtitle(ts, line, cells),
                LineKind::SectionTotal => self.section_total(ts, line, cells),
                LineKind::Divider => divider(),
                LineKind::Text => self.text(ts, line),
            };
            blocks.push(block);
        }
        blocks
    }

    fn item(&self, ts: &Typesetter, line: &LineView, cells: &[Option<Run>; 8]) -> Block {
        let mut block = Block::new(Flow::Table);
        let mut rows = 1;
        for column in &self.columns {
            let lines = match column.col {
                Col::Desc => ts.wrap(&line.description, BODY, column.inner_width()),
                col => match &cells[col as usize] {
                    Some(run) if run.width(BODY.size) <= column.inner_width() + 0.01 => {
                        vec![run.clone()]
                    }
                    Some(run) => ts.wrap(&run.text, BODY, column.inner_width()),
                    None => Vec::new(),
                },
            };
            if column.col == Col::Desc {
                // A description taller than a page may break between its lines.
                block.breaks = (1..lines.len())
                    .map(|i| ROW_PAD + i as f32 * BODY.line_height)
                    .collect();
            }
            rows = rows.max(lines.len());
            for (i, run) in lines.into_iter().enumerate() {
                ts.place(
                    &mut block.ops,
                    run,
                    BODY,
                    column.inner_x(),
                    column.inner_width(),
                    ROW_PAD + i as f32 * BODY.line_height,
                    column.col.align(),
                );
            }
        }
        block.height = 2.0 * ROW_PAD + rows as f32 * BODY.line_height;
        row_rule(&mut block);
        block
    }

    fn subtitle(&self, ts: &Typesetter, line: &LineView, cells: &[Option<Run>; 8]) -> Block {
        let mut block = Block::new(Flow::Table);
        let top = 6.0 + ROW_PAD;
        if let (Some(run), Some(pos)) = (&cells[Col::Pos as usize], self.column(Col::Pos)) {
            ts.place(
                &mut block.ops,
                run.clone(),
                SUBTITLE,
                pos.inner_x(),
                pos.inner_width(),
                top,
                Align::Right,
            );
        }
        let x = self.span_x();
        let height = ts.paragraph(
            &mut block.ops,
            &line.description,
            SUBTITLE,
            x,
            RIGHT - CELL_PAD - x,
            top,
            Align::Left,
        );
        block.height = top + height + ROW_PAD;
        row_rule(&mut block);
        // A heading alone at the foot of a page helps nobody.
        block.keep_with_next = true;
        block
    }

    fn section_total(&self, ts: &Typesetter, line: &LineView, cells: &[Option<Run>; 8]) -> Block {
        let mut block = Block::new(Flow::Table);
        let Some(amount) = self.column(Col::Amount).copied() else {
            return block;
        };
        let x = self.span_x();
        let label = if line.description.trim().is_empty() {
            "Section total"
        } else {
            line.description.as_str()
        };
        let label_height = ts.paragraph(
            &mut block.ops,
            label,
            BODY_BOLD,
            x,
            amount.x - x,
            ROW_PAD,
            Align::Right,
        );
        if let Some(run) = &cells[Col::Amount as usize] {
            ts.place(
                &mut block.ops,
                run.clone(),
                BODY_BOLD,
                amount.inner_x(),
                amount.inner_width(),
                ROW_PAD,
                Align::Right,
            );
        }
        block.height = 2.0 * ROW_PAD + label_height.max(BODY.line_height);
        block.ops.insert(
            0,
            Op::Fill {
                x: LEFT,
                y: 0.0,
                width: CONTENT_WIDTH,
                height: block.height,
                color: HEADER_FILL,
            },
        );
        row_rule(&mut block);
        block
    }

    fn text(&self, ts: &Typesetter, line: &LineView) -> Block {
        let mut block = Block::new(Flow::Table);
        let x = self.span_x();
        let lines = ts.wrap(&line.description, BODY_MUTED, RIGHT - CELL_PAD - x);
        block.breaks = (1..lines.len())
            .map(|i| ROW_PAD + i as f32 * BODY_MUTED.line_height)
            .collect();
        for (i, run) in lines.iter().enumerate() {
            ts.place(
                &mut block.ops,
                run.clone(),
                BODY_MUTED,
                x,
                RIGHT - x,
                ROW_PAD + i as f32 * BODY_MUTED.line_height,
                Align::Left,
            );
        }
        block.height = 2.0 * ROW_PAD + lines.len() as f32 * BODY_MUTED.line_height;
        row_rule(&mut block);
        block
    }
}

fn divider() -> Block {
    let mut block = Block::new(Flow::Table);
    block.height = 12.0;
    block.ops.push(Op::Rule {
        x1: LEFT,
        x2: RIGHT,
        y: 6.0,
        thickness: 1.0,
        color: RULE_STRONG,
    });
    block
}

/// The hairline under a row.
fn row_rule(block: &mut Block) {
    block.ops.push(Op::Rule {
        x1: LEFT,
        x2: RIGHT,
        y: block.height - HAIRLINE / 2.0,
        thickness: HAIRLINE,
        color: RULE,
    });
}

//! Stacks blocks down the pages.

use super::style::{MARGIN, PAGE_HEIGHT};
use super::{Block, Flow, Op};

/// Floating point slack when comparing heights.
const EPSILON: f32 = 0.01;

pub(crate) struct Paginator {
    pages: Vec<Vec<Op>>,
    /// The top of the next block on the current page.
    y: f32,
    /// Where the current page's content started (after running headers):
    /// a block that does not fit there will not fit anywhere.
    page_start: f32,
    bottom: f32,
    /// The small header that opens every page after the first.
    continuation: Block,
    /// Repeated above table rows continued on a new page.
    table_header: Option<Block>,
    /// Blocks that must not end a page, waiting for the block they lead into.
    pending: Vec<Block>,
}

impl Paginator {
    /// `footer_height` is reserved at the bottom of every page.
    pub fn new(continuation: Block, footer_height: f32) -> Paginator {
        Paginator {
            pages: vec![Vec::new()],
            y: MARGIN,
            page_start: MARGIN,
            bottom: PAGE_HEIGHT - footer_height,
            continuation,
            table_header: None,
            pending: Vec::new(),
        }
    }

    pub fn set_table_header(&mut self, header: Block) {
        self.table_header = Some(header);
    }

    pub fn push(&mut self, block: Block) {
        if block.keep_with_next {
            self.pending.push(block);
            return;
        }
        let group = std::mem::take(&mut self.pending);
        if let Some(first) = group.first() {
            let needed: f32 =
                group.iter().map(|b| b.height).sum::<f32>() + self.first_piece(&block);
            if needed > self.bottom - self.y + EPSILON && !self.is_fresh() {
                self.new_page(first.flow);
            }
        }
        for leader in group {
            self.place(leader);
        }
        self.place(block);
    }

    pub fn finish(mut self) -> Vec<Vec<Op>> {
        for block in std::mem::take(&mut self.pending) {
            self.place(block);
        }
        self.pages
    }

    fn is_fresh(&self) -> bool {
        self.y <= self.page_start + EPSILON
    }

    /// The room a block has on an empty continuation page.
    fn full_page(&self, flow: Flow) -> f32 {
        let header = match (flow, &self.table_header) {
            (Flow::Table, Some(h)) => h.height,
            _ => 0.0,
        };
        self.bottom - MARGIN - self.continuation.height - header
    }

    /// The height that must fit for a block to start on this page.
    fn first_piece(&self, block: &Block) -> f32 {
        if block.height <= self.full_page(block.flow) {
            block.height
        } else {
            block.breaks.first().copied().unwrap_or(block.height)
        }
    }

    fn place(&mut self, mut block: Block) {
        loop {
            let room = self.bottom - self.y;
            if block.height <= room + EPSILON {
                self.emit(block);
                return;
            }
            if block.height > self.full_page(block.flow) {
                // Taller than any page: split at the last break that fits.
                if let Some(at) = block
                    .breaks
                    .iter()
                    .copied()
                    .rev()
                    .find(|&b| b > EPSILON && b <= room + EPSILON)
                {
                    let rest = split(&mut block, at);
                    self.emit(block);
                    self.new_page(rest.flow);
                    block = rest;
                    continue;
                }
            }
            if self.is_fresh() {
                // Nothing can be gained from another page: let it run over
                // rather than loop forever.
                self.emit(block);
                return;
            }
            self.new_page(block.flow);
        }
    }

    fn emit(&mut self, block: Block) {
        let y = self.y;
        if let Some(page) = self.pages.last_mut() {
            page.extend(block.ops.into_iter().map(|op| op.shifted(y)));
        }
        self.y += block.height;
    }

    fn new_page(&mut self, flow: Flow) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
        self.emit(self.continuation.clone());
        if flow == Flow::Table
            && let Some(header) = self.table_header.clone()
        {
            self.emit(header);
        }
        self.page_start = self.y;
    }
}

/// Cuts `block` at offset `at`; `block` keeps the top part, the bottom part
/// is returned with its coordinates moved up.
fn split(block: &mut Block, at: f32) -> Block {
    let (top, bottom): (Vec<Op>, Vec<Op>) = std::mem::take(&mut block.ops)
        .into_iter()
        .partition(|op| op.top() < at - EPSILON);
    block.ops = top;
    let rest = Block {
        height: block.height - at,
        ops: bottom.into_iter().map(|op| op.shifted(-at)).collect(),
        breaks: block
            .breaks
            .iter()
            .filter(|&&b| b > at + EPSILON)
            .map(|b| b - at)
            .collect(),
        flow: block.flow,
        keep_with_next: block.keep_with_next,
    };
    block.height = at;
    block.breaks.retain(|&b| b < at);
    rest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Color;

    fn row(height: f32, flow: Flow) -> Block {
        Block {
            height,
            ops: vec![Op::Fill {
                x: 0.0,
                y: 0.0,
                width: 1.0,
                height,
                color: Color(0, 0, 0),
            }],
            ..Block::new(flow)
        }
    }

    fn fills(page: &[Op]) -> Vec<f32> {
        page.iter()
            .filter_map(|op| match op {
                Op::Fill { height, .. } => Some(*height),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn repeats_the_table_header_on_new_pages() {
        let mut p = Paginator::new(Block::spacer(20.0), 100.0);
        p.set_table_header(row(7.0, Flow::Body));
        for _ in 0..100 {
            p.push(row(30.0, Flow::Table));
        }
        let pages = p.finish();
        assert!(pages.len() > 3);
        for page in &pages[1..] {
            assert_eq!(fills(page)[0], 7.0, "header first on every later page");
        }
        let rows: usize = pages
            .iter()
            .map(|p| fills(p).iter().filter(|h| **h == 30.0).count())
            .sum();
        assert_eq!(rows, 100);
    }

    #[test]
    fn keeps_a_heading_with_what_follows() {
        let mut p = Paginator::new(Block::spacer(0.0), 100.0);
        let body = PAGE_HEIGHT - 100.0 - MARGIN;
        p.push(row(body - 20.0, Flow::Body));
        let mut heading = row(15.0, Flow::Body);
        heading.keep_with_next = true;
        p.push(heading);
        p.push(row(15.0, Flow::Body));
        let pages = p.finish();
        assert_eq!(pages.len(), 2);
        assert_eq!(fills(&pages[1]), vec![15.0, 15.0]);
    }

    #[test]
    fn splits_a_block_taller_than_a_page_at_its_breaks() {
        let mut p = Paginator::new(Block::spacer(0.0), 100.0);
        let mut tall = Block::new(Flow::Table);
        for i in 0..200 {
            let y = i as f32 * 10.0;
            tall.ops.push(Op::Fill {
                x: 0.0,
                y,
                width: 1.0,
                height: 10.0,
                color: Color(0, 0, 0),
            });
            tall.breaks.push(y);
        }
        tall.height = 2000.0;
        p.push(tall);
        let pages = p.finish();
        assert!(pages.len() >= 3);
        let total: usize = pages.iter().map(|p| fills(p).len()).sum();
        assert_eq!(total, 200);
        for page in &pages {
            for op in page {
                assert!(op.top() < PAGE_HEIGHT - 100.0);
            }
        }
    }
}

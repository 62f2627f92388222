//! Notes and terms after the totals.
//!
//! Each wrapped line is its own block so that long terms flow over pages
//! line by line, while each heading stays with its first line.

use super::style::*;
use super::{Align, Block, Flow, Typesetter};
use crate::model::DocumentView;

pub(crate) fn closing(ts: &Typesetter, view: &DocumentView) -> Vec<Block> {
    let mut blocks = Vec::new();
    let sections = [
        ("Notes", view.notes.as_deref()),
        ("Terms and conditions", view.terms.as_deref()),
    ];
    for (heading, text) in sections {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        blocks.push(Block::spacer(16.0));
        let mut head = Block::new(Flow::Body);
        head.height = ts.paragraph(
            &mut head.ops,
            heading,
            HEADING,
            LEFT,
            CONTENT_WIDTH,
            0.0,
            Align::Left,
        ) + 2.0;
        head.keep_with_next = true;
        blocks.push(head);
        for run in ts.wrap(text.trim(), BODY, CONTENT_WIDTH) {
            let mut line = Block::new(Flow::Body);
            ts.place(
                &mut line.ops,
                run,
                BODY,
                LEFT,
                CONTENT_WIDTH,
                0.0,
                Align::Left,
            );
            line.height = BODY.line_height;
            blocks.push(line);
        }
    }
    blocks
}

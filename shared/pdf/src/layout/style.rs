//! The look of the page in one place: geometry, colours and type sizes.

use super::{Color, TextStyle};
use crate::text::Weight;

/// A4 portrait in points (210 × 297 mm).
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 18 mm.
pub(crate) const MARGIN: f32 = 51.0;
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
pub(crate) const LEFT: f32 = MARGIN;
pub(crate) const RIGHT: f32 = PAGE_WIDTH - MARGIN;

/// The logo box: 40 × 20 mm.
pub(crate) const LOGO_MAX_WIDTH: f32 = 113.4;
pub(crate) const LOGO_MAX_HEIGHT: f32 = 56.7;

pub(crate) const INK: Color = Color(0x1f, 0x23, 0x28);
pub(crate) const MUTED: Color = Color(0x5f, 0x6b, 0x7a);
pub(crate) const ACCENT: Color = Color(0x1f, 0x3a, 0x60);
pub(crate) const ACCENT_TINT: Color = Color(0xe8, 0xee, 0xf6);
pub(crate) const RULE: Color = Color(0xd8, 0xde, 0xe4);
pub(crate) const RULE_STRONG: Color = Color(0x9a, 0xa5, 0xb1);
pub(crate) const HEADER_FILL: Color = Color(0xf1, 0xf4, 0xf7);

pub(crate) const HAIRLINE: f32 = 0.5;
/// Horizontal padding inside a table cell; the totals use it too so that
/// their amounts line up with the amount column.
pub(crate) const CELL_PAD: f32 = 5.0;

const fn style(weight: Weight, size: f32, color: Color, line_height: f32) -> TextStyle {
    TextStyle {
        weight,
        size,
        color,
        line_height,
    }
}

pub(crate) const BODY: TextStyle = style(Weight::Regular, 8.5, INK, 11.5);
pub(crate) const BODY_BOLD: TextStyle = style(Weight::Bold, 8.5, INK, 11.5);
pub(crate) const BODY_MUTED: TextStyle = style(Weight::Regular, 8.5, MUTED, 11.5);
pub(crate) const SMALL_MUTED: TextStyle = style(Weight::Regular, 7.5, MUTED, 10.0);
pub(crate) const LABEL: TextStyle = style(Weight::Bold, 7.0, MUTED, 10.0);
pub(crate) const HEADING: TextStyle = style(Weight::Bold, 9.5, ACCENT, 13.0);
pub(crate) const TITLE: TextStyle = style(Weight::Bold, 22.0, ACCENT, 28.0);
pub(crate) const COMPANY_NAME: TextStyle = style(Weight::Bold, 11.0, INK, 14.5);
pub(crate) const COMPANY_NAME_LARGE: TextStyle = style(Weight::Bold, 16.0, ACCENT, 20.0);
pub(crate) const PARTY_NAME: TextStyle = style(Weight::Bold, 10.0, INK, 13.5);
pub(crate) const DETAIL: TextStyle = style(Weight::Regular, 8.0, MUTED, 10.5);
pub(crate) const TABLE_HEADER: TextStyle = style(Weight::Bold, 7.5, MUTED, 10.0);
pub(crate) const TOTAL: TextStyle = style(Weight::Bold, 11.0, INK, 15.0);
pub(crate) const DUE: TextStyle = style(Weight::Bold, 10.0, ACCENT, 14.0);
pub(crate) const BADGE: TextStyle = style(Weight::Bold, 7.5, ACCENT, 10.0);
pub(crate) const FOOTER: TextStyle = style(Weight::Regular, 7.0, MUTED, 9.0);

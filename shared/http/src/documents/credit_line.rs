//! A line to credit, as a credit note (API.md §7b) and a POS refund (§8)
//! name it: the invoice line's position and how much of it.

use serde::Deserialize;
use uome_domain::Decimal;
use uome_domain::credit::CreditLine;
use utoipa::ToSchema;

/// One line to credit.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditLineRequest {
    /// The invoice line's `position` (1-based).
    #[schema(minimum = 1, example = 1)]
    pub line_position: u32,
    /// Greater than 0 and at most what is still uncredited on the line;
    /// up to 4 decimal places. A string or a JSON number.
    #[serde(with = "uome_domain::decimal_input::json")]
    #[schema(value_type = String, format = "decimal-positive", example = "1")]
    pub quantity: Decimal,
}

/// The lines as core's credit lines (`None`: every line still uncredited).
pub fn credit_lines(lines: Option<&[CreditLineRequest]>) -> Option<Vec<CreditLine>> {
    lines.map(|lines| {
        lines
            .iter()
            .map(|l| CreditLine {
                line_position: l.line_position,
                quantity: l.quantity,
            })
            .collect()
    })
}

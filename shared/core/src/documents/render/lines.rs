//! The money part of the view: the lines table, the document discount, the
//! tax breakdown and the early-payment (cash discount) sentences, all from
//! the totals the domain stored with the document (never recomputed).

use chrono::{Days, NaiveDate};
use uome_domain::line::LineKind as DomainLineKind;
use uome_domain::{Currency, Decimal, DocumentTotals, LineInput, LineTotals};
use uome_pdf::{DiscountView, LineKind, LineView, TaxLine};

use super::format::{date, money, plain, price};
use crate::documents::DocumentBody;

/// One row per stored line, in order. Item lines are numbered 1, 2, 3… on
/// the page (the API's `position` counts every line, layout lines too, and
/// gaps in a printed `#` column confuse readers).
pub fn lines(body: &DocumentBody) -> Vec<LineView> {
    let currency = body.currency();
    let mut item_number = 0usize;
    body.input
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let totals = body.totals.line_totals.get(i);
            match line.kind {
                DomainLineKind::Item => {
                    item_number += 1;
                    item(line, totals, item_number, currency)
                }
                DomainLineKind::Subtitle => LineView {
                    kind: LineKind::Subtitle,
                    description: line.description.clone(),
                    ..LineView::default()
                },
                DomainLineKind::SectionTotal => LineView {
                    kind: LineKind::SectionTotal,
                    description: if line.description.trim().is_empty() {
                        "Subtotal".to_owned()
                    } else {
                        line.description.clone()
                    },
                    // The section's net sum, so the amount column adds up.
                    total: totals.and_then(|t| t.net).map(|net| money(net, currency)),
                    ..LineView::default()
                },
                DomainLineKind::Divider => LineView {
                    kind: LineKind::Divider,
                    ..LineView::default()
                },
                DomainLineKind::Text => LineView {
                    kind: LineKind::Text,
                    description: line.description.clone(),
                    ..LineView::default()
                },
            }
        })
        .collect()
}

fn item(
    line: &LineInput,
    totals: Option<&LineTotals>,
    number: usize,
    currency: Currency,
) -> LineView {
    LineView {
        kind: LineKind::Item,
        position: Some(number.to_string()),
        description: line.description.clone(),
        quantity: Some(plain(line.quantity)),
        unit: line.unit.clone().filter(|u| !u.trim().is_empty()),
        unit_price: line.unit_price.map(|p| price(p, currency)),
        discount: match (line.discount_amount, line.rate_off()) {
            (Some(amount), _) => (!amount.is_zero()).then(|| money(amount, currency)),
            (None, rate) => (!rate.is_zero()).then(|| format!("{} %", plain(rate))),
        },
        tax_rate: Some(plain(line.tax_rate)),
        net: totals.and_then(|t| t.net).map(|net| money(net, currency)),
        total: totals.and_then(|t| t.total).map(|t| money(t, currency)),
    }
}

/// "Discount 3.5 %" (or just "Discount" for a fixed amount) with the
/// amount as a negative, when there is one.
pub fn discount(body: &DocumentBody) -> Option<DiscountView> {
    if body.totals.discount_amount.is_zero() {
        return None;
    }
    let label = match body.input.discount_amount {
        Some(_) => "Discount".to_owned(),
        None => format!("Discount {} %", plain(body.input.discount_rate)),
    };
    Some(DiscountView {
        label,
        amount: money(-body.totals.discount_amount, body.currency()),
    })
}

/// One row per rate. `tax_name` is "VAT" or "Tax"; with tax-inclusive
/// prices the rows read "incl. VAT 20 %" because the total does not add
/// them again.
pub fn tax_breakdown(body: &DocumentBody, tax_name: &str) -> Vec<TaxLine> {
    let currency = body.currency();
    let prefix = if body.input.prices_include_tax {
        "incl. "
    } else {
        ""
    };
    body.totals
        .tax_breakdown
        .iter()
        .map(|entry| TaxLine {
            label: format!("{prefix}{tax_name} {} %", plain(entry.rate)),
            base: money(entry.base, currency),
            tax: money(entry.tax, currency),
        })
        .collect()
}

/// "2 % discount (£1,117.40 payable) if paid within 10 days", plus "by
/// <date>" when the days run from a real invoice date (`dated`): on a quote
/// they run from the future invoice, so no date can be promised.
pub fn cash_discounts(
    totals: &DocumentTotals,
    currency: Currency,
    issue_date: NaiveDate,
    dated: bool,
) -> Vec<String> {
    totals
        .cash_discount_terms
        .iter()
        .map(|term| {
            let payable = money(term.amount_payable, currency);
            let pct = plain(term.percentage);
            let by = issue_date
                .checked_add_days(Days::new(u64::from(term.days)))
                .filter(|_| dated)
                .map(|d| format!(", by {}", date(d)))
                .unwrap_or_default();
            let within = match term.days {
                0 => "on the day of issue".to_owned(),
                1 => "within 1 day".to_owned(),
                n => format!("within {n} days"),
            };
            format!("{pct} % discount ({payable} payable) if paid {within}{by}")
        })
        .collect()
}

/// True when `value` is a positive amount (a balance still owed).
pub fn is_owed(value: Option<Decimal>) -> bool {
    value.is_none_or(|v| v > Decimal::ZERO)
}

//! Crediting an issued invoice (API.md §7b): which lines and quantities a
//! credit note takes, how its total splits between what the invoice still
//! owes and the contact's credit, and what a refund or an application of
//! that credit may be. Pure: amounts and lines in, decisions out.
//!
//! The money rule: a credit note first reduces the invoice's `amount_due`
//! (`to_due`); what exceeds it — the invoice was paid — is credit the
//! contact holds (`excess`), which is refunded or applied to another
//! invoice later. So account 1100 always equals what invoices owe minus the
//! credit customers hold.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use serde::{Deserialize, Serialize};

use crate::currency::Currency;
use crate::decimal_string;
use crate::error::{DomainError, FieldError};
use crate::line::{LineInput, LineKind};
use crate::money::{format_amount, validate_money};
use crate::totals::{DocumentTotals, TaxBreakdownEntry};
use crate::transition::TransitionError;
use crate::validation::{FieldErrors, check_quantity};

/// One line a client asks to credit: the invoice line's 1-based position
/// (its `position` in the invoice's answer) and how much of its quantity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditLine {
    pub line_position: u32,
    pub quantity: Decimal,
}

/// What a credit note takes from its invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditedLines {
    /// The credit note's lines: the invoice's lines verbatim for a whole
    /// credit, else the chosen item lines at the chosen quantities.
    pub lines: Vec<LineInput>,
    /// Quantity credited so far per invoice line position, this credit
    /// included.
    pub credited: BTreeMap<u32, Decimal>,
    /// Every item line is now credited in full.
    pub complete: bool,
}

/// The quantity of `line` still uncredited.
fn remaining(line: &LineInput, position: u32, credited: &BTreeMap<u32, Decimal>) -> Decimal {
    line.quantity - credited.get(&position).copied().unwrap_or(Decimal::ZERO)
}

fn is_complete(lines: &[LineInput], credited: &BTreeMap<u32, Decimal>) -> bool {
    lines.iter().enumerate().all(|(i, line)| {
        line.kind != LineKind::Item || remaining(line, position_of(i), credited) <= Decimal::ZERO
    })
}

fn position_of(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// The lines of a credit note of an invoice with `lines`, of which
/// `credited` is already credited. `asked = None` credits everything still
/// uncredited (the invoice's lines verbatim when nothing was credited
/// before, so a whole credit note mirrors the invoice cent for cent).
/// Every bad line is a field error under `lines[i]`.
pub fn credit_lines(
    lines: &[LineInput],
    credited: &BTreeMap<u32, Decimal>,
    asked: Option<&[CreditLine]>,
) -> Result<CreditedLines, DomainError> {
    let mut errors = FieldErrors::new();
    let mut now = credited.clone();
    let out = match asked {
        None if credited.is_empty() => {
            for (i, line) in lines.iter().enumerate() {
                if line.kind == LineKind::Item {
                    now.insert(position_of(i), line.quantity);
                }
            }
            lines.to_vec()
        }
        None => {
            let mut out = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                let position = position_of(i);
                let left = remaining(line, position, credited);
                if line.kind == LineKind::Item && left > Decimal::ZERO {
                    now.insert(position, line.quantity);
                    out.push(LineInput {
                        quantity: left,
                        ..line.clone()
                    });
                }
            }
            if out.is_empty() {
                errors.push("lines", "every line of the invoice is already credited");
            }
            out
        }
        Some([]) => {
            errors.push(
                "lines",
                "name at least one line, or leave lines out to credit them all",
            );
            Vec::new()
        }
        Some(asked) => {
            let mut out = Vec::new();
            let mut seen = Vec::new();
            for (i, ask) in asked.iter().enumerate() {
                let at = |field: &str| format!("lines[{i}].{field}");
                if seen.contains(&ask.line_position) {
                    errors.push(at("line_position"), "is listed twice");
                    continue;
                }
                seen.push(ask.line_position);
                let index = usize::try_from(ask.line_position).unwrap_or(0);
                let Some(line) = index.checked_sub(1).and_then(|i| lines.get(i)) else {
                    errors.push(at("line_position"), "is not a line of the invoice");
                    continue;
                };
                if line.kind != LineKind::Item {
                    errors.push(
                        at("line_position"),
                        "is not an item line; only items are credited",
                    );
                    continue;
                }
                if let Err(message) = check_quantity(ask.quantity) {
                    errors.push(at("quantity"), message);
                    continue;
                }
                let left = remaining(line, ask.line_position, credited);
                if ask.quantity > left {
                    errors.push(
                        at("quantity"),
                        format!(
                            "must not exceed what is still uncredited on the line ({})",
                            left.normalize()
                        ),
                    );
                    continue;
                }
                let before = credited
                    .get(&ask.line_position)
                    .copied()
                    .unwrap_or(Decimal::ZERO);
                now.insert(ask.line_position, before + ask.quantity);
                out.push(LineInput {
                    quantity: ask.quantity,
                    ..line.clone()
                });
            }
            out
        }
    };
    errors.into_result()?;
    Ok(CreditedLines {
        complete: is_complete(lines, &now),
        lines: out,
        credited: now,
    })
}

/// A credit note is issued when written and stays so: it is never
/// reminded about. 409 `invalid_status`.
pub fn credit_note_refuses(action: &'static str) -> TransitionError {
    TransitionError::new(
        "invalid_status",
        "credit note",
        "issued",
        action,
        "a credit note is not reminded about",
    )
}

/// What an invoice's credit notes credited so far, per tax rate: what the
/// last credit note is measured against.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditedTotals {
    #[serde(with = "decimal_string")]
    pub subtotal: Decimal,
    #[serde(default)]
    pub by_rate: Vec<TaxBreakdownEntry>,
}

impl CreditedTotals {
    /// Counts one more credit note.
    pub fn add(&mut self, totals: &DocumentTotals) {
        self.subtotal += totals.subtotal;
        for entry in &totals.tax_breakdown {
            match self.by_rate.iter_mut().find(|e| e.rate == entry.rate) {
                Some(sum) => {
                    sum.base += entry.base;
                    sum.allowance += entry.allowance;
                    sum.tax += entry.tax;
                }
                None => self.by_rate.push(entry.clone()),
            }
        }
    }
}

/// The totals of the credit note that credits an invoice's last
/// uncredited quantities: per tax rate exactly what the earlier credit
/// notes left of the invoice's base, allowance and tax, so the credit
/// notes of an invoice add up to it to the minor unit even when each was
/// rounded on its own (half a line here, half there). The line totals stay
/// as computed: they are for display, like every document's.
pub fn last_credit_totals(
    invoice: &DocumentTotals,
    credited: &CreditedTotals,
    computed: DocumentTotals,
    prices_include_tax: bool,
) -> DocumentTotals {
    let tax_breakdown: Vec<TaxBreakdownEntry> = invoice
        .tax_breakdown
        .iter()
        .map(|entry| {
            let before = credited.by_rate.iter().find(|e| e.rate == entry.rate);
            let less = |f: fn(&TaxBreakdownEntry) -> Decimal| {
                f(entry) - before.map(f).unwrap_or(Decimal::ZERO)
            };
            TaxBreakdownEntry {
                rate: entry.rate,
                base: less(|e| e.base),
                allowance: less(|e| e.allowance),
                tax: less(|e| e.tax),
            }
        })
        .collect();
    let subtotal = invoice.subtotal - credited.subtotal;
    let discount_amount: Decimal = tax_breakdown.iter().map(|e| e.allowance).sum();
    let tax_amount: Decimal = tax_breakdown.iter().map(|e| e.tax).sum();
    let total = if prices_include_tax {
        subtotal - discount_amount
    } else {
        subtotal - discount_amount + tax_amount
    };
    let zero = |d: Decimal| if d.is_zero() { d.abs() } else { d };
    DocumentTotals {
        subtotal: zero(subtotal),
        discount_amount: zero(discount_amount),
        tax_amount: zero(tax_amount),
        total: zero(total),
        tax_breakdown,
        cash_discount_terms: Vec::new(),
        ..computed
    }
}

/// How a credit note's `total` splits: first what the invoice still owes
/// (`amount_due`), the rest is the contact's credit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CreditSplit {
    pub to_due: Decimal,
    pub excess: Decimal,
}

pub fn split_credit(total: Decimal, amount_due: Decimal) -> CreditSplit {
    let to_due = total.min(amount_due.max(Decimal::ZERO));
    CreditSplit {
        to_due,
        excess: total - to_due,
    }
}

/// The amount of a refund or application of open credit: `amount` if
/// given, else `default` (all that may be used); > 0, at the currency's
/// scale, and at most `open` credit and at most `limit` (what the other
/// invoice owes, for an application). 422 on `amount`.
pub fn check_use_of_credit(
    amount: Option<Decimal>,
    default: Decimal,
    open: Decimal,
    limit: Option<Decimal>,
    currency: Currency,
) -> Result<Decimal, DomainError> {
    let refuse =
        |message: String| DomainError::Validation(vec![FieldError::new("amount", message)]);
    let amount = validate_money(amount.unwrap_or(default), currency).map_err(|e| e.at("amount"))?;
    if amount <= Decimal::ZERO {
        return Err(refuse(if open > Decimal::ZERO {
            "must be greater than 0".to_string()
        } else {
            "must be greater than 0; no credit is open".to_string()
        }));
    }
    if amount > open {
        return Err(refuse(format!(
            "must not exceed the open credit ({} {currency})",
            format_amount(open, currency)
        )));
    }
    if let Some(limit) = limit
        && amount > limit
    {
        return Err(refuse(format!(
            "must not exceed what the invoice owes ({} {currency})",
            format_amount(limit, currency)
        )));
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn item(qty: Decimal) -> LineInput {
        LineInput::item("Widget", qty, dec!(10), Decimal::ZERO, dec!(19))
    }

    #[test]
    fn a_whole_credit_takes_the_invoice_lines_verbatim() {
        let lines = vec![
            item(dec!(2)),
            LineInput::text(LineKind::Text, "Thanks"),
            item(dec!(1)),
        ];
        let c = credit_lines(&lines, &BTreeMap::new(), None).unwrap();
        assert_eq!(c.lines, lines);
        assert!(c.complete);
        assert_eq!(c.credited, BTreeMap::from([(1, dec!(2)), (3, dec!(1))]));
        let again = credit_lines(&lines, &c.credited, None).unwrap_err();
        assert!(again.to_string().contains("already credited"), "{again}");
    }

    #[test]
    fn chosen_lines_are_checked_each() {
        let lines = vec![
            item(dec!(2)),
            LineInput::text(LineKind::Text, "Thanks"),
            item(dec!(1)),
        ];
        let asked = [
            CreditLine {
                line_position: 1,
                quantity: dec!(1.5),
            },
            CreditLine {
                line_position: 2,
                quantity: dec!(1),
            },
            CreditLine {
                line_position: 9,
                quantity: dec!(1),
            },
            CreditLine {
                line_position: 3,
                quantity: dec!(0),
            },
        ];
        let DomainError::Validation(errors) =
            credit_lines(&lines, &BTreeMap::new(), Some(&asked)).unwrap_err()
        else {
            panic!()
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "lines[1].line_position",
                "lines[2].line_position",
                "lines[3].quantity"
            ]
        );

        let one = [CreditLine {
            line_position: 1,
            quantity: dec!(1.5),
        }];
        let c = credit_lines(&lines, &BTreeMap::new(), Some(&one)).unwrap();
        assert_eq!(c.lines[0].quantity, dec!(1.5));
        assert!(!c.complete);
        let over = [CreditLine {
            line_position: 1,
            quantity: dec!(0.6),
        }];
        assert!(credit_lines(&lines, &c.credited, Some(&over)).is_err());
        // Leaving lines out credits what is left.
        let rest = credit_lines(&lines, &c.credited, None).unwrap();
        assert_eq!(
            rest.lines.iter().map(|l| l.quantity).collect::<Vec<_>>(),
            [dec!(0.5), dec!(1)]
        );
        assert!(rest.complete);
    }

    #[test]
    fn uses_of_credit_are_bounded() {
        let gbp = Currency::GBP;
        assert_eq!(
            check_use_of_credit(None, dec!(5), dec!(5), None, gbp),
            Ok(dec!(5.00))
        );
        assert!(check_use_of_credit(Some(dec!(5.01)), dec!(5), dec!(5), None, gbp).is_err());
        assert!(check_use_of_credit(Some(dec!(4)), dec!(3), dec!(5), Some(dec!(3)), gbp).is_err());
        assert!(check_use_of_credit(Some(dec!(0.001)), dec!(5), dec!(5), None, gbp).is_err());
        assert!(check_use_of_credit(None, dec!(0), dec!(0), None, gbp).is_err());
    }

    #[test]
    fn the_last_credit_takes_exactly_what_is_left() {
        use crate::totals::{DocumentInput, compute_totals};
        // Two units of 99,247 yen at 20 %: each half's tax rounds down.
        let lines = vec![LineInput::item(
            "Work",
            dec!(2),
            dec!(99247),
            Decimal::ZERO,
            dec!(20),
        )];
        let invoice = compute_totals(&DocumentInput::new(Currency::JPY, lines.clone())).unwrap();
        let half = |q| {
            vec![LineInput {
                quantity: q,
                ..lines[0].clone()
            }]
        };
        let first = compute_totals(&DocumentInput::new(Currency::JPY, half(dec!(1)))).unwrap();
        let mut credited = CreditedTotals::default();
        credited.add(&first);
        let computed = compute_totals(&DocumentInput::new(Currency::JPY, half(dec!(1)))).unwrap();
        assert_eq!(
            first.total + computed.total + dec!(1),
            invoice.total,
            "rounded twice"
        );
        let last = last_credit_totals(&invoice, &credited, computed, false);
        assert_eq!(first.total + last.total, invoice.total);
        assert_eq!(first.tax_amount + last.tax_amount, invoice.tax_amount);
        // A whole credit note at once is the invoice's own totals.
        let whole =
            last_credit_totals(&invoice, &CreditedTotals::default(), invoice.clone(), false);
        assert_eq!(whole, invoice);
    }

    proptest! {
        /// The split never loses or invents a cent, and never takes more
        /// from the invoice than it owes.
        #[test]
        fn splits_add_up(total in 0i64..10_000_000, due in 0i64..10_000_000) {
            let (total, due) = (Decimal::new(total, 2), Decimal::new(due, 2));
            let s = split_credit(total, due);
            prop_assert_eq!(s.to_due + s.excess, total);
            prop_assert!(s.to_due <= due && s.to_due >= Decimal::ZERO && s.excess >= Decimal::ZERO);
        }

        /// However a line's quantity is credited in steps, never more than
        /// the line is credited.
        #[test]
        fn steps_never_over_credit(steps in proptest::collection::vec(1i64..400, 1..12)) {
            let lines = vec![item(dec!(10))];
            let mut credited = BTreeMap::new();
            for step in steps {
                let asked = [CreditLine { line_position: 1, quantity: Decimal::new(step, 2) }];
                if let Ok(c) = credit_lines(&lines, &credited, Some(&asked)) {
                    credited = c.credited;
                }
                prop_assert!(credited[&1] <= dec!(10));
            }
        }
    }
}

//! Document totals (API.md §2 "Document totals"), exactly as specified.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::allowance::{RateNets, split_amount, split_discount};
use crate::arith;
use crate::cash_discount::{CashDiscount, CashDiscountTerm, cash_discount_terms};
use crate::currency::Currency;
use crate::decimal_input::{json, json_opt};
use crate::decimal_string;
use crate::error::DomainError;
use crate::line::{LineInput, LineKind, LineTotals};
use crate::validation;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// What the totals depend on: the money-relevant part of a quote, invoice,
/// order, POS sale or recurring invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInput {
    pub currency: Currency,
    /// Document-level discount in percent (OneUp's `reduce_rate`), 0–100.
    #[serde(default, with = "json")]
    pub discount_rate: Decimal,
    /// A fixed document discount (AbaNinja `documentDiscount.amount`)
    /// instead of `discount_rate`, split over the tax rates like a rate's.
    #[serde(default, with = "json_opt", skip_serializing_if = "Option::is_none")]
    pub discount_amount: Option<Decimal>,
    /// Unit prices are gross (tax included).
    #[serde(default)]
    pub prices_include_tax: bool,
    #[serde(default)]
    pub lines: Vec<LineInput>,
    #[serde(default)]
    pub cash_discounts: Vec<CashDiscount>,
}

impl DocumentInput {
    /// No discount, net prices, no cash discounts.
    pub fn new(currency: Currency, lines: Vec<LineInput>) -> Self {
        Self {
            currency,
            discount_rate: Decimal::ZERO,
            discount_amount: None,
            prices_include_tax: false,
            lines,
            cash_discounts: Vec::new(),
        }
    }

    /// Every field error at once ([`validation::document_errors`]).
    pub fn validate(&self) -> Result<(), DomainError> {
        validation::document_errors(self).into_result()
    }
}

/// One rate of the tax breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxBreakdownEntry {
    /// Percent, normalized (`"10"`, `"7.7"`).
    #[serde(with = "decimal_string")]
    pub rate: Decimal,
    /// Σ nets at this rate − `allowance`: what the tax is computed from. A
    /// gross amount when prices include tax.
    #[serde(with = "decimal_string")]
    pub base: Decimal,
    /// This rate's share of the document discount (largest remainder, see
    /// [`compute_totals`]); the shares add up to `discount_amount`.
    /// Records stored before the split was shown read as zero.
    #[serde(default, with = "decimal_string")]
    pub allowance: Decimal,
    /// round(base × rate/100), or round(base × rate/(100 + rate)) when
    /// prices include tax.
    #[serde(with = "decimal_string")]
    pub tax: Decimal,
}

/// The read-only totals of a document; every amount is at the currency's
/// scale, so it serializes as the API's money string.
///
/// Field names are disjoint from [`DocumentInput`]'s and from a document's
/// own fields, so a response may `#[serde(flatten)]` this (serialization
/// only). `line_totals[i]` belongs to `lines[i]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentTotals {
    pub line_totals: Vec<LineTotals>,
    /// Σ item line nets.
    #[serde(with = "decimal_string")]
    pub subtotal: Decimal,
    /// round(subtotal × discount_rate / 100).
    #[serde(with = "decimal_string")]
    pub discount_amount: Decimal,
    /// One entry per tax rate used by an item line (0 % included), by rate.
    pub tax_breakdown: Vec<TaxBreakdownEntry>,
    /// Σ breakdown taxes.
    #[serde(with = "decimal_string")]
    pub tax_amount: Decimal,
    /// subtotal − discount_amount + tax_amount (without `+ tax_amount` when
    /// prices include tax).
    #[serde(with = "decimal_string")]
    pub total: Decimal,
    /// The document's cash discount tiers applied to `total`, by days.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cash_discount_terms: Vec<CashDiscountTerm>,
}

impl DocumentTotals {
    /// A client-supplied total (AbaNinja `documentTotal`) must equal the
    /// computed one, numerically (`1140.2` equals `1140.20`).
    pub fn verify_total(&self, given: Decimal) -> Result<(), DomainError> {
        if given == self.total {
            Ok(())
        } else {
            Err(DomainError::TotalMismatch {
                expected: self.total,
                given,
            })
        }
    }
}

/// Compute a document's totals (API.md §2), after validating it (every
/// field error at once, as [`DomainError::Validation`]).
///
/// Each step rounds half away from zero to the currency's minor units, and
/// nothing else is rounded (products and sums are exact, see the crate
/// docs):
///
/// 1. item line `net` = round(quantity × unit_price × (1 − discount_rate/100));
/// 2. `subtotal` = Σ nets;
/// 3. `discount_amount` = round(subtotal × discount_rate/100), split over
///    the tax rates by largest remainder: each rate's exact share
///    Σ nets at r × discount_rate/100 rounded down to the minor unit, then
///    one unit each to the rates with the largest discarded remainder
///    (ties: the higher rate) until the shares add up to `discount_amount`
///    (the crate's `allowance` module gives the sign convention);
/// 4. per tax rate r: base_r = Σ nets at r − allowance_r,
///    tax_r = round(base_r × r/100), so Σ base_r = subtotal − discount_amount;
/// 5. `tax_amount` = Σ tax_r; `total` = subtotal − discount_amount + tax_amount;
/// 6. with `prices_include_tax` the nets are gross amounts,
///    tax_r = round(base_r × r/(100 + r)) and `total` = subtotal − discount_amount.
///
/// Per line: `tax` is the line's own tax before the document discount
/// (round(net × r/100), or round(net × r/(100 + r)) when prices include
/// tax) and `total` is net + tax (or net). These are for display: the
/// document tax is never the sum of rounded line taxes. A `section_total`
/// line sums the nets, taxes and totals of the item lines since the previous
/// `subtitle` or `section_total` (or the start); the other kinds have no
/// amounts. Positions are 1-based over all lines.
pub fn compute_totals(doc: &DocumentInput) -> Result<DocumentTotals, DomainError> {
    doc.validate()?;
    let minor = doc.currency.minor_units();
    let inclusive = doc.prices_include_tax;
    let zero = arith::round_dp(Decimal::ZERO, minor)?;

    let mut line_totals = Vec::with_capacity(doc.lines.len());
    let mut subtotal = zero;
    // Rate → Σ nets at that rate; BTreeMap sorts the breakdown.
    let mut nets_by_rate: BTreeMap<Decimal, Decimal> = BTreeMap::new();
    let mut section = Section::new(zero);

    for (index, line) in doc.lines.iter().enumerate() {
        let position = u32::try_from(index + 1).map_err(|_| DomainError::Overflow)?;
        let mut totals = LineTotals {
            position,
            net: None,
            tax: None,
            total: None,
        };
        match line.kind {
            LineKind::Item => {
                // Validation guarantees the price (`is required` otherwise).
                let net = line_net(line, minor)?;
                let divisor = tax_divisor(line.tax_rate, inclusive)?;
                let tax = arith::round_ratio(&[net, line.tax_rate], &[divisor], minor)?;
                let total = if inclusive {
                    net
                } else {
                    arith::add(net, tax)?
                };

                subtotal = arith::add(subtotal, net)?;
                // Decimal orders numerically, so 10 and 10.00 share a key.
                let at_rate = nets_by_rate.entry(line.tax_rate).or_insert(zero);
                *at_rate = arith::add(*at_rate, net)?;
                section.add(net, tax, total)?;

                totals.net = Some(net);
                totals.tax = Some(tax);
                totals.total = Some(arith::round_dp(total, minor)?);
            }
            LineKind::SectionTotal => {
                totals.net = Some(arith::round_dp(section.net, minor)?);
                totals.tax = Some(arith::round_dp(section.tax, minor)?);
                totals.total = Some(arith::round_dp(section.total, minor)?);
                section = Section::new(zero);
            }
            LineKind::Subtitle => section = Section::new(zero),
            LineKind::Divider | LineKind::Text => {}
        }
        line_totals.push(totals);
    }

    let rates: Vec<RateNets> = nets_by_rate
        .into_iter()
        .map(|(rate, nets)| RateNets { rate, nets })
        .collect();
    let split = match doc.discount_amount {
        Some(amount) => split_amount(&rates, amount, minor)?,
        None => split_discount(&rates, doc.discount_rate, minor)?,
    };
    let discount_amount = split.amount;

    let mut tax_breakdown = Vec::with_capacity(rates.len());
    let mut tax_amount = zero;
    for (at_rate, allowance) in rates.iter().zip(split.allowances) {
        let base = arith::round_dp(arith::sub(at_rate.nets, allowance)?, minor)?;
        let divisor = tax_divisor(at_rate.rate, inclusive)?;
        let tax = arith::round_ratio(&[base, at_rate.rate], &[divisor], minor)?;
        tax_amount = arith::add(tax_amount, tax)?;
        tax_breakdown.push(TaxBreakdownEntry {
            rate: at_rate.rate.normalize(),
            base,
            allowance,
            tax,
        });
    }

    let after_discount = arith::sub(subtotal, discount_amount)?;
    let total = if inclusive {
        after_discount
    } else {
        arith::add(after_discount, tax_amount)?
    };
    let total = arith::round_dp(total, minor)?;
    let cash_discount_terms = cash_discount_terms(total, &doc.cash_discounts, doc.currency)?;

    Ok(DocumentTotals {
        line_totals,
        subtotal: arith::round_dp(subtotal, minor)?,
        discount_amount,
        tax_breakdown,
        tax_amount: arith::round_dp(tax_amount, minor)?,
        total,
        cash_discount_terms,
    })
}

/// What a tax rate divides by: r / 100 on top of a net amount, or
/// r / (100 + r) for the tax contained in a gross one.
/// An item line's amount before any discount: round(quantity × unit_price).
pub fn line_base(line: &LineInput, minor: u32) -> Result<Decimal, DomainError> {
    let price = line.unit_price.unwrap_or_default();
    arith::round_ratio(&[line.quantity, price], &[Decimal::ONE], minor)
}

/// An item line's net (API.md §2 step 1): round(quantity × unit_price ×
/// (1 − discount_rate/100)) in one rounding, or, with a fixed
/// `discount_amount`, the rounded base less the amount (toward zero for a
/// line that takes money off, so the amount always shrinks the line).
pub fn line_net(line: &LineInput, minor: u32) -> Result<Decimal, DomainError> {
    if let Some(amount) = line.discount_amount {
        let base = line_base(line, minor)?;
        let net = if base.is_sign_negative() {
            arith::add(base, amount)?
        } else {
            arith::sub(base, amount)?
        };
        return arith::round_dp(net, minor);
    }
    let price = line.unit_price.unwrap_or_default();
    let remaining = arith::sub(HUNDRED, line.rate_off())?;
    arith::round_ratio(&[line.quantity, price, remaining], &[HUNDRED], minor)
}

fn tax_divisor(rate: Decimal, inclusive: bool) -> Result<Decimal, DomainError> {
    if inclusive {
        arith::add(HUNDRED, rate)
    } else {
        Ok(HUNDRED)
    }
}

/// Running sums of the current section.
struct Section {
    net: Decimal,
    tax: Decimal,
    total: Decimal,
}

impl Section {
    fn new(zero: Decimal) -> Self {
        Self {
            net: zero,
            tax: zero,
            total: zero,
        }
    }

    fn add(&mut self, net: Decimal, tax: Decimal, total: Decimal) -> Result<(), DomainError> {
        self.net = arith::add(self.net, net)?;
        self.tax = arith::add(self.tax, tax)?;
        self.total = arith::add(self.total, total)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// Seed 001's OneUp sales order CORD-006 (USD): 50 × 15.00 and
    /// 100 × 1.50 at 5 % line discount, both taxed 10 %; 20 × 9.99 untaxed;
    /// reduce_rate 3.5.
    fn oneup_sales_order() -> DocumentInput {
        DocumentInput {
            discount_rate: dec!(3.5),
            ..DocumentInput::new(
                Currency::USD,
                vec![
                    LineInput::item("", dec!(50.0), dec!(15.0), dec!(0.0), dec!(10)),
                    LineInput::item(
                        "10 random stickers for WC2014 album.",
                        dec!(100.0),
                        dec!(1.5),
                        dec!(5.0),
                        dec!(10),
                    ),
                    LineInput::item(
                        "A beautiful stickers album",
                        dec!(20.0),
                        dec!(9.99),
                        dec!(0),
                        dec!(0),
                    ),
                ],
            )
        }
    }

    fn s(d: Decimal) -> String {
        d.to_string()
    }

    #[test]
    fn oneup_sales_order_matches_the_seed() {
        let t = compute_totals(&oneup_sales_order()).unwrap();
        assert_eq!(s(t.subtotal), "1092.30");
        assert_eq!(s(t.discount_amount), "38.23");
        assert_eq!(s(t.tax_amount), "86.13");
        assert_eq!(s(t.total), "1140.20");
        let nets: Vec<String> = t.line_totals.iter().map(|l| s(l.net.unwrap())).collect();
        assert_eq!(nets, ["750.00", "142.50", "199.80"]);
        let taxes: Vec<String> = t.line_totals.iter().map(|l| s(l.tax.unwrap())).collect();
        assert_eq!(taxes, ["75.00", "14.25", "0.00"]);
        let totals: Vec<String> = t.line_totals.iter().map(|l| s(l.total.unwrap())).collect();
        assert_eq!(totals, ["825.00", "156.75", "199.80"]);
        let positions: Vec<u32> = t.line_totals.iter().map(|l| l.position).collect();
        assert_eq!(positions, [1, 2, 3]);
        let breakdown: Vec<(String, String, String)> = t
            .tax_breakdown
            .iter()
            .map(|b| (s(b.rate), s(b.base), s(b.tax)))
            .collect();
        assert_eq!(
            breakdown,
            [
                ("0".to_owned(), "192.81".to_owned(), "0.00".to_owned()),
                ("10".to_owned(), "861.26".to_owned(), "86.13".to_owned()),
            ]
        );
        assert!(t.verify_total(dec!(1140.2)).is_ok());
        assert_eq!(
            t.verify_total(dec!(1140.21)),
            Err(DomainError::TotalMismatch {
                expected: dec!(1140.20),
                given: dec!(1140.21)
            })
        );
    }

    #[test]
    fn oneup_from_json_numbers() {
        // The seed's own JSON shapes: floats as JSON numbers.
        let doc: DocumentInput = serde_json::from_str(
            r#"{"currency":"usd","discount_rate":3.5,"lines":[
                {"quantity":50.0,"unit_price":15.0,"tax_rate":10},
                {"quantity":100.0,"unit_price":1.5,"discount_rate":5.0,"tax_rate":10},
                {"quantity":20.0,"unit_price":9.99}
            ]}"#,
        )
        .unwrap();
        assert_eq!(doc, {
            let mut d = oneup_sales_order();
            for l in &mut d.lines {
                l.description.clear();
            }
            d
        });
        let t = compute_totals(&doc).unwrap();
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["subtotal"], "1092.30");
        assert_eq!(json["discount_amount"], "38.23");
        assert_eq!(json["tax_amount"], "86.13");
        assert_eq!(json["total"], "1140.20");
        assert_eq!(json["tax_breakdown"][1]["rate"], "10");
        assert_eq!(json["line_totals"][1]["net"], "142.50");
        assert!(json.get("cash_discount_terms").is_none());
        let back: DocumentTotals = serde_json::from_value(json).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn parse_errors_and_validation_errors_share_paths() {
        let body = r#"{"currency":"EUR","lines":[{"unit_price":1},{"quantity":"x"}]}"#;
        let mut de = serde_json::Deserializer::from_str(body);
        let err = serde_path_to_error::deserialize::<_, DocumentInput>(&mut de).unwrap_err();
        assert_eq!(err.path().to_string(), "lines[1].quantity");

        let body = r#"{"currency":"EUR","lines":[{"unit_price":1},{"quantity":0,"unit_price":1}]}"#;
        let doc: DocumentInput = serde_json::from_str(body).unwrap();
        let err = compute_totals(&doc).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "lines[1].quantity");

        let err = serde_json::from_str::<DocumentInput>(r#"{"currency":"EURO"}"#).unwrap_err();
        assert!(
            err.to_string().contains("unknown currency code `EURO`"),
            "{err}"
        );
    }

    #[test]
    fn zero_decimal_currency() {
        let doc = DocumentInput {
            discount_rate: dec!(2.5),
            ..DocumentInput::new(
                Currency::JPY,
                vec![
                    LineInput::item("a", dec!(3), dec!(333.5), dec!(0), dec!(10)),
                    LineInput::item("b", dec!(1), dec!(99.5), dec!(0), dec!(8)),
                ],
            )
        };
        let t = compute_totals(&doc).unwrap();
        // 1000.5 → 1001; 99.5 → 100
        assert_eq!(s(t.line_totals[0].net.unwrap()), "1001");
        assert_eq!(s(t.line_totals[1].net.unwrap()), "100");
        assert_eq!(s(t.subtotal), "1101");
        // 1101 × 2.5 % = 27.525 → 28
        assert_eq!(s(t.discount_amount), "28");
        // 8 %: 100 × 0.975 = 97.5 × 8 % = 7.8 → 8; 10 %: 975.975 × 10 % = 97.5975 → 98
        assert_eq!(s(t.tax_amount), "106");
        assert_eq!(s(t.total), "1179");
    }

    #[test]
    fn three_decimal_currencies() {
        for currency in [Currency::BHD, Currency::KWD, Currency::JOD] {
            let doc = DocumentInput::new(
                currency,
                vec![LineInput::item(
                    "x",
                    dec!(3),
                    dec!(0.3335),
                    dec!(0),
                    dec!(5),
                )],
            );
            let t = compute_totals(&doc).unwrap();
            // 1.0005 → 1.001; tax 0.05005 → 0.050
            assert_eq!(s(t.subtotal), "1.001", "{currency}");
            assert_eq!(s(t.tax_amount), "0.050", "{currency}");
            assert_eq!(s(t.total), "1.051", "{currency}");
        }
    }

    #[test]
    fn prices_including_tax() {
        let doc = DocumentInput {
            prices_include_tax: true,
            ..DocumentInput::new(
                Currency::CHF,
                vec![
                    LineInput::item("a", dec!(1), dec!(107.70), dec!(0), dec!(7.7)),
                    LineInput::item("b", dec!(2), dec!(10.00), dec!(0), dec!(8.1)),
                ],
            )
        };
        let t = compute_totals(&doc).unwrap();
        assert_eq!(s(t.subtotal), "127.70");
        // 107.70 × 7.7 / 107.7 = 7.70; 20 × 8.1 / 108.1 = 1.4986… → 1.50
        assert_eq!(s(t.tax_amount), "9.20");
        assert_eq!(s(t.total), "127.70");
        assert_eq!(s(t.line_totals[1].tax.unwrap()), "1.50");
        assert_eq!(s(t.line_totals[1].total.unwrap()), "20.00");
        assert_eq!(s(t.tax_breakdown[1].base), "20.00");
    }

    fn breakdown(t: &DocumentTotals) -> Vec<(String, String, String)> {
        t.tax_breakdown
            .iter()
            .map(|b| (s(b.rate), s(b.base), s(b.allowance)))
            .collect()
    }

    #[test]
    fn the_discount_split_makes_the_bases_add_up() {
        // Issue 9's example: rounding each base on its own gave
        // 1609.62 + 217.13 = 1826.75 against 1893.00 − 66.26 = 1826.74.
        let doc = DocumentInput {
            discount_rate: dec!(3.5),
            ..DocumentInput::new(
                Currency::GBP,
                vec![
                    LineInput::item("a", dec!(1), dec!(1668.00), dec!(0), dec!(20)),
                    LineInput::item("b", dec!(1), dec!(225.00), dec!(0), dec!(0)),
                ],
            )
        };
        let t = compute_totals(&doc).unwrap();
        assert_eq!(s(t.discount_amount), "66.26");
        assert_eq!(
            breakdown(&t),
            [
                ("0".into(), "217.12".into(), "7.88".into()),
                ("20".into(), "1609.62".into(), "58.38".into()),
            ]
        );
        assert_eq!(s(t.tax_amount), "321.92");
        assert_eq!(s(t.total), "2148.66");
    }

    #[test]
    fn a_cent_of_discount_goes_to_one_rate() {
        // 1 % off 0.50 + 0.50: each exact share is 0.005, floored to 0.00;
        // the one missing cent goes to the higher rate on the tie.
        let doc = DocumentInput {
            discount_rate: dec!(1),
            ..DocumentInput::new(
                Currency::EUR,
                vec![
                    LineInput::item("a", dec!(1), dec!(0.50), dec!(0), dec!(19)),
                    LineInput::item("b", dec!(1), dec!(0.50), dec!(0), dec!(7)),
                ],
            )
        };
        let t = compute_totals(&doc).unwrap();
        assert_eq!(s(t.discount_amount), "0.01");
        assert_eq!(
            breakdown(&t),
            [
                ("7".into(), "0.50".into(), "0.00".into()),
                ("19".into(), "0.49".into(), "0.01".into()),
            ]
        );
        let bases: Decimal = t.tax_breakdown.iter().map(|b| b.base).sum();
        assert_eq!(s(bases), "0.99");
    }

    #[test]
    fn inclusive_with_document_discount() {
        let doc = DocumentInput {
            prices_include_tax: true,
            discount_rate: dec!(10),
            ..DocumentInput::new(
                Currency::EUR,
                vec![LineInput::item("a", dec!(1), dec!(119), dec!(0), dec!(19))],
            )
        };
        let t = compute_totals(&doc).unwrap();
        assert_eq!(s(t.discount_amount), "11.90");
        // base 107.10 gross → tax 107.10 × 19 / 119 = 17.10
        assert_eq!(s(t.tax_amount), "17.10");
        assert_eq!(s(t.total), "107.10");
    }

    #[test]
    fn sections_and_layout_lines() {
        let doc = DocumentInput::new(
            Currency::GBP,
            vec![
                LineInput::text(LineKind::Subtitle, "Hardware"),
                LineInput::item("a", dec!(2), dec!(10), dec!(0), dec!(20)),
                LineInput::item("b", dec!(1), dec!(5.55), dec!(10), dec!(20)),
                LineInput::text(LineKind::SectionTotal, "Hardware total"),
                LineInput::text(LineKind::Divider, ""),
                LineInput::item("c", dec!(1), dec!(100), dec!(0), dec!(0)),
                LineInput::text(LineKind::Text, "note"),
                LineInput::text(LineKind::SectionTotal, "Services total"),
                LineInput::text(LineKind::SectionTotal, "empty section"),
            ],
        );
        let t = compute_totals(&doc).unwrap();
        let row = |i: usize| {
            let l = &t.line_totals[i];
            (l.position, l.net.map(s), l.tax.map(s), l.total.map(s))
        };
        assert_eq!(row(0), (1, None, None, None));
        // b: 5.55 × 0.9 = 4.995 → 5.00; tax 1.00
        assert_eq!(
            row(3),
            (
                4,
                Some("25.00".into()),
                Some("5.00".into()),
                Some("30.00".into())
            )
        );
        assert_eq!(row(4), (5, None, None, None));
        assert_eq!(
            row(7),
            (
                8,
                Some("100.00".into()),
                Some("0.00".into()),
                Some("100.00".into())
            )
        );
        assert_eq!(
            row(8),
            (
                9,
                Some("0.00".into()),
                Some("0.00".into()),
                Some("0.00".into())
            )
        );
        // Section totals do not count twice.
        assert_eq!(s(t.subtotal), "125.00");
        assert_eq!(s(t.total), "130.00");
    }

    #[test]
    fn negative_lines_round_away_from_zero() {
        let doc = DocumentInput::new(
            Currency::EUR,
            vec![
                LineInput::item("a", dec!(1), dec!(10.005), dec!(0), dec!(10)),
                LineInput::item("rebate", dec!(1), dec!(-0.005), dec!(0), dec!(10)),
                LineInput::item("rebate", dec!(1), dec!(-2.345), dec!(0), dec!(0)),
            ],
        );
        let t = compute_totals(&doc).unwrap();
        let nets: Vec<String> = t.line_totals.iter().map(|l| s(l.net.unwrap())).collect();
        assert_eq!(nets, ["10.01", "-0.01", "-2.35"]);
        // 10 %: 10.00 → 1.00
        assert_eq!(s(t.tax_amount), "1.00");
        assert_eq!(s(t.total), "8.65");
    }

    #[test]
    fn empty_document_is_all_zero() {
        let t = compute_totals(&DocumentInput::new(Currency::KWD, vec![])).unwrap();
        assert_eq!(s(t.total), "0.000");
        assert!(t.tax_breakdown.is_empty());
        assert!(t.line_totals.is_empty());
    }

    #[test]
    fn equal_rates_share_one_breakdown_entry() {
        let doc = DocumentInput::new(
            Currency::EUR,
            vec![
                LineInput::item("a", dec!(1), dec!(0.05), dec!(0), dec!(10)),
                LineInput::item("b", dec!(1), dec!(0.05), dec!(0), dec!(10.00)),
            ],
        );
        let t = compute_totals(&doc).unwrap();
        assert_eq!(t.tax_breakdown.len(), 1);
        // Per rate, not per line: 0.10 × 10 % = 0.01 (two lines × 0.005 would
        // round to 0.01 each).
        assert_eq!(s(t.tax_amount), "0.01");
        assert_eq!(s(t.line_totals[0].tax.unwrap()), "0.01");
    }

    #[test]
    fn validation_errors_come_first() {
        let mut doc = oneup_sales_order();
        doc.lines[1].quantity = dec!(0);
        doc.lines[2].tax_rate = dec!(101);
        let err = compute_totals(&doc).unwrap_err();
        assert_eq!(err.code(), "validation_failed");
        let fields: Vec<&str> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["lines[1].quantity", "lines[2].tax_rate"]);
    }

    #[test]
    fn huge_values_overflow_instead_of_panicking() {
        let doc = DocumentInput::new(
            Currency::GBP,
            vec![LineInput::item(
                "x",
                Decimal::MAX,
                Decimal::MAX,
                dec!(0),
                dec!(0),
            )],
        );
        assert_eq!(compute_totals(&doc), Err(DomainError::Overflow));
        let doc = DocumentInput::new(
            Currency::GBP,
            vec![
                LineInput::item("x", dec!(1), Decimal::MAX, dec!(0), dec!(0)),
                LineInput::item("y", dec!(1), Decimal::MAX, dec!(0), dec!(0)),
            ],
        );
        assert_eq!(compute_totals(&doc), Err(DomainError::Overflow));
    }

    #[test]
    fn cash_discounts_follow_the_total() {
        let mut doc = oneup_sales_order();
        doc.cash_discounts = vec![CashDiscount::new(10, dec!(2))];
        let t = compute_totals(&doc).unwrap();
        assert_eq!(s(t.cash_discount_terms[0].discount_amount), "22.80");
        assert_eq!(s(t.cash_discount_terms[0].amount_payable), "1117.40");
    }
}

//! A stored document's amounts as EN 16931 states them (API.md §14).
//!
//! The standard wants tax-exclusive line amounts (BT-131) whose sums agree
//! exactly with the VAT breakdown: per rate, Σ line nets − the rate's
//! document allowance = its taxable amount (BR-S-08 and kin), Σ line nets
//! = BT-106 (BR-CO-10), BT-106 − allowances = BT-109 (BR-CO-13),
//! BT-109 + tax = BT-112 (BR-CO-15). The stored totals of API.md §2 meet
//! that as they are for net prices. Two kinds of document need care:
//!
//! * **Prices including tax.** The stored nets are gross. Per rate the
//!   taxable amount is its gross base less its tax (both stored), the
//!   allowance is its gross share less the tax it contains (rounded like a
//!   line's), and the lines share what is left for them in proportion to
//!   their gross amounts.
//! * **The last credit note of an invoice** takes per rate exactly what
//!   earlier credits left (`credit::last_credit_totals`), which may differ
//!   from the sum of its own rounded line nets by a unit or two.
//!
//! In both the per-rate line sum is fixed first and split over the rate's
//! lines by largest remainder (exact shares floored to the minor unit, the
//! missing units one each to the largest discarded remainders, ties to
//! the earlier line). For an ordinary net-price document the split gives
//! back exactly the stored nets, so nothing moves.
//!
//! A line whose amount moved cannot keep its unit price; its price is
//! the amount over the quantity when that is exact (to 6 places), else the
//! line amount per the whole quantity (BT-146 with base quantity BT-149 =
//! the quantity), so quantity × price / base quantity is the line amount
//! to the unit, as Peppol's PEPPOL-EN16931-R120 checks.

use rust_decimal::Decimal;

use crate::arith;
use crate::error::DomainError;
use crate::line::LineKind;
use crate::totals::{DocumentInput, DocumentTotals};

const OVERFLOW: DomainError = DomainError::Overflow;
const HUNDRED: Decimal = Decimal::ONE_HUNDRED;
/// The most decimal places a derived unit price gets before it is stated
/// per the whole quantity instead.
const PRICE_PLACES: u32 = 6;

/// One item line's EN 16931 amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetLine {
    /// Index into the document's `lines`.
    pub index: usize,
    pub quantity: Decimal,
    pub tax_rate: Decimal,
    /// BT-131, tax exclusive.
    pub net: Decimal,
    /// BT-146, tax exclusive, after the line's price discount.
    pub price: Decimal,
    /// BT-149: the quantity `price` is for (1, or the line's quantity).
    pub base_quantity: Decimal,
    /// BT-148 and BT-147: the list price and its discount, when the line
    /// has a discount and kept its unit price.
    pub gross_price: Option<(Decimal, Decimal)>,
}

/// One rate of the VAT breakdown, tax exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetRate {
    pub rate: Decimal,
    /// Σ line nets at this rate.
    pub lines: Decimal,
    /// The rate's share of the document discount (BT-92 of its BG-20).
    pub allowance: Decimal,
    /// BT-116: `lines − allowance`.
    pub taxable: Decimal,
    /// BT-117, as stored.
    pub tax: Decimal,
}

/// The document's EN 16931 amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetAmounts {
    pub lines: Vec<NetLine>,
    pub rates: Vec<NetRate>,
    /// BT-106.
    pub line_total: Decimal,
    /// BT-107.
    pub allowance_total: Decimal,
    /// BT-109.
    pub tax_exclusive: Decimal,
    /// BT-110.
    pub tax_total: Decimal,
    /// BT-112: equals the stored `total`.
    pub tax_inclusive: Decimal,
}

/// The EN 16931 amounts of a document from its stored input and totals.
pub fn net_amounts(
    input: &DocumentInput,
    totals: &DocumentTotals,
) -> Result<NetAmounts, DomainError> {
    let minor = input.currency.minor_units();
    let inclusive = input.prices_include_tax;
    let zero = arith::round_dp(Decimal::ZERO, minor)?;
    let mut lines: Vec<NetLine> = Vec::new();
    let mut rates = Vec::with_capacity(totals.tax_breakdown.len());

    for entry in &totals.tax_breakdown {
        let (allowance, taxable) = if inclusive {
            let contained = arith::round_ratio(
                &[entry.allowance, entry.rate],
                &[arith::add(HUNDRED, entry.rate)?],
                minor,
            )?;
            (
                arith::round_dp(arith::sub(entry.allowance, contained)?, minor)?,
                arith::round_dp(arith::sub(entry.base, entry.tax)?, minor)?,
            )
        } else {
            (entry.allowance, entry.base)
        };
        let target = arith::round_dp(arith::add(taxable, allowance)?, minor)?;
        let at_rate: Vec<(usize, Decimal)> = input
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.kind == LineKind::Item && l.tax_rate == entry.rate)
            .map(|(i, _)| {
                let net = totals
                    .line_totals
                    .get(i)
                    .and_then(|t| t.net)
                    .unwrap_or(zero);
                (i, net)
            })
            .collect();
        let weights: Vec<Decimal> = at_rate.iter().map(|(_, w)| *w).collect();
        let shares = split_by_weight(target, &weights, minor)?;
        for ((index, stored), net) in at_rate.into_iter().zip(shares) {
            lines.push(net_line(input, index, stored, net, inclusive)?);
        }
        rates.push(NetRate {
            rate: entry.rate,
            lines: target,
            allowance,
            taxable,
            tax: entry.tax,
        });
    }
    lines.sort_by_key(|l| l.index);

    let sum = |f: fn(&NetRate) -> Decimal| -> Result<Decimal, DomainError> {
        rates
            .iter()
            .try_fold(zero, |acc, r| arith::add(acc, f(r)))
            .and_then(|s| arith::round_dp(s, minor))
    };
    let line_total = sum(|r| r.lines)?;
    let allowance_total = sum(|r| r.allowance)?;
    let tax_exclusive = sum(|r| r.taxable)?;
    let tax_total = sum(|r| r.tax)?;
    let tax_inclusive = arith::round_dp(arith::add(tax_exclusive, tax_total)?, minor)?;
    Ok(NetAmounts {
        lines,
        rates,
        line_total,
        allowance_total,
        tax_exclusive,
        tax_total,
        tax_inclusive,
    })
}

/// The line's price for its EN 16931 amount `net`.
fn net_line(
    input: &DocumentInput,
    index: usize,
    stored: Decimal,
    net: Decimal,
    inclusive: bool,
) -> Result<NetLine, DomainError> {
    let line = &input.lines[index];
    let unit_price = line.unit_price.unwrap_or_default();
    let mut out = NetLine {
        index,
        quantity: line.quantity,
        tax_rate: line.tax_rate,
        net,
        price: net,
        base_quantity: line.quantity,
        gross_price: None,
    };
    // A fixed line discount has no per-unit price in general: such a line
    // states its amount through the quotient below.
    if !inclusive && net == stored && line.discount_amount.is_none() {
        // quantity × this price rounds to the stored net by API.md §2.
        let remaining = arith::sub(HUNDRED, line.rate_off())?;
        let price = exact_quotient(unit_price.checked_mul(remaining).ok_or(OVERFLOW)?, HUNDRED)
            .ok_or(OVERFLOW)?;
        out.price = price;
        out.base_quantity = Decimal::ONE;
        if !line.rate_off().is_zero() {
            out.gross_price = Some((unit_price.normalize(), arith::sub(unit_price, price)?));
        }
    } else if let Some(price) =
        exact_quotient(net, line.quantity).filter(|p| p.scale() <= PRICE_PLACES)
    {
        out.price = price;
        out.base_quantity = Decimal::ONE;
    }
    if out.price.is_sign_negative() && !out.price.is_zero() {
        // BR-27: a price is never negative; a line that takes money off
        // (a negative unit price) is a negative quantity instead.
        out.quantity = -out.quantity;
        out.price = -out.price;
        out.gross_price = out.gross_price.map(|(gross, discount)| (-gross, -discount));
    }
    Ok(out)
}

/// `a / b` when it is exact, normalized.
fn exact_quotient(a: Decimal, b: Decimal) -> Option<Decimal> {
    let q = a.checked_div(b)?.normalize();
    (q.checked_mul(b)? == a).then_some(q)
}

/// `total` split over `weights` by largest remainder at `minor` places:
/// the shares add up to `total`, each within one minor unit of its exact
/// proportional share. All-zero weights put everything on the first.
pub fn split_by_weight(
    total: Decimal,
    weights: &[Decimal],
    minor: u32,
) -> Result<Vec<Decimal>, DomainError> {
    if weights.is_empty() {
        return Ok(Vec::new());
    }
    let units = |d: Decimal| -> Result<i128, DomainError> {
        let r = arith::round_dp(d, minor)?;
        Ok(r.mantissa())
    };
    let total_u = units(total)?;
    let mut w: Vec<i128> = weights
        .iter()
        .map(|&d| units(d))
        .collect::<Result<_, _>>()?;
    let mut sum: i128 = w
        .iter()
        .try_fold(0i128, |a, &b| a.checked_add(b))
        .ok_or(OVERFLOW)?;
    if sum == 0 {
        w = vec![0; weights.len()];
        w[0] = 1;
        sum = 1;
    }
    if sum < 0 {
        w.iter_mut().for_each(|x| *x = -*x);
        sum = -sum;
    }
    // share_i = total × w_i / sum, floored; remainders share `sum` as
    // their denominator, so they compare as integers.
    let mut floors = Vec::with_capacity(w.len());
    let mut remainders = Vec::with_capacity(w.len());
    for &wi in &w {
        let n = total_u.checked_mul(wi).ok_or(OVERFLOW)?;
        floors.push(n.div_euclid(sum));
        remainders.push(n.rem_euclid(sum));
    }
    let floored: i128 = floors.iter().sum();
    let missing = usize::try_from(total_u - floored).map_err(|_| OVERFLOW)?;
    let mut order: Vec<usize> = (0..w.len()).collect();
    // Largest remainder first; ties keep the earlier line first.
    order.sort_by(|&a, &b| remainders[b].cmp(&remainders[a]).then(a.cmp(&b)));
    for &i in order.iter().take(missing) {
        floors[i] += 1;
    }
    floors
        .into_iter()
        .map(|u| {
            Decimal::try_from_i128_with_scale(u, minor)
                .map_err(|_| OVERFLOW)
                .and_then(|d| arith::round_dp(d, minor))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::currency::Currency;
    use crate::line::LineInput;
    use crate::totals::compute_totals;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn line(quantity: &str, price: &str, discount: &str, rate: &str) -> LineInput {
        serde_json::from_value(serde_json::json!({
            "description": "x", "quantity": quantity, "unit_price": price,
            "discount_rate": discount, "tax_rate": rate
        }))
        .unwrap()
    }

    fn doc(
        currency: Currency,
        lines: Vec<LineInput>,
        discount: &str,
        inclusive: bool,
    ) -> DocumentInput {
        DocumentInput {
            discount_rate: d(discount),
            prices_include_tax: inclusive,
            ..DocumentInput::new(currency, lines)
        }
    }

    /// The EN 16931 sums: BR-CO-10, BR-S-08, BR-CO-13, BR-CO-15.
    fn assert_consistent(input: &DocumentInput, totals: &DocumentTotals, n: &NetAmounts) {
        let line_sum: Decimal = n.lines.iter().map(|l| l.net).sum();
        assert_eq!(line_sum, n.line_total);
        for r in &n.rates {
            let at: Decimal = n
                .lines
                .iter()
                .filter(|l| l.tax_rate == r.rate)
                .map(|l| l.net)
                .sum();
            assert_eq!(at, r.lines);
            assert_eq!(r.lines - r.allowance, r.taxable);
        }
        assert_eq!(n.line_total - n.allowance_total, n.tax_exclusive);
        assert_eq!(n.tax_exclusive + n.tax_total, n.tax_inclusive);
        assert_eq!(n.tax_inclusive, totals.total, "BT-112 is the stored total");
        assert_eq!(n.tax_total, totals.tax_amount);
        for l in &n.lines {
            let at_price = (l.quantity * l.price / l.base_quantity).round_dp_with_strategy(
                input.currency.minor_units(),
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            );
            assert_eq!(at_price, l.net, "R120 on line {}", l.index);
        }
    }

    #[test]
    fn net_prices_keep_every_stored_amount() {
        // OneUp (seed 001): 3.5 % off, 10 % and 0 %.
        let input = doc(
            Currency::USD,
            vec![
                line("50", "15.00", "0", "10"),
                line("100", "1.50", "5", "10"),
                line("20", "9.99", "0", "0"),
            ],
            "3.5",
            false,
        );
        let totals = compute_totals(&input).unwrap();
        let n = net_amounts(&input, &totals).unwrap();
        assert_consistent(&input, &totals, &n);
        let nets: Vec<Decimal> = n.lines.iter().map(|l| l.net).collect();
        assert_eq!(nets, [d("750.00"), d("142.50"), d("199.80")]);
        assert_eq!(n.lines[1].price, d("1.425"));
        assert_eq!(n.lines[1].gross_price, Some((d("1.5"), d("0.075"))));
        assert_eq!(n.allowance_total, d("38.23"));
        assert_eq!(n.tax_inclusive, d("1140.20"));
    }

    #[test]
    fn gross_prices_become_net_amounts_that_add_up() {
        // 10.00 gross at 7.7 %: tax 0.71, net 9.29 (not 10 / 1.077 rounded twice).
        let input = doc(
            Currency::CHF,
            vec![
                line("3", "10.00", "0", "7.7"),
                line("1", "5.00", "0", "2.5"),
            ],
            "5",
            true,
        );
        let totals = compute_totals(&input).unwrap();
        let n = net_amounts(&input, &totals).unwrap();
        assert_consistent(&input, &totals, &n);
        let r77 = n.rates.iter().find(|r| r.rate == d("7.7")).unwrap();
        assert_eq!(r77.taxable + r77.tax, totals.tax_breakdown[1].base);
    }

    #[test]
    fn split_by_weight_is_exact_and_close() {
        assert_eq!(
            split_by_weight(d("10.00"), &[d("1"), d("1"), d("1")], 2).unwrap(),
            [d("3.34"), d("3.33"), d("3.33")]
        );
        assert_eq!(
            split_by_weight(d("5"), &[d("0"), d("0")], 0).unwrap(),
            [d("5"), d("0")]
        );
        assert_eq!(
            split_by_weight(d("9.29"), &[d("10.00")], 2).unwrap(),
            [d("9.29")]
        );
    }

    fn amount() -> impl Strategy<Value = String> {
        (1u32..200_000).prop_map(|c| format!("{}.{:02}", c / 100, c % 100))
    }

    fn arb_line() -> impl Strategy<Value = LineInput> {
        (
            1u32..50,
            (amount(), any::<u8>()).prop_map(|(a, r)| if r < 30 { format!("-{a}") } else { a }),
            prop::sample::select(vec!["0", "5", "12.5"]),
            prop::sample::select(vec!["0", "2.5", "7.7", "10", "19", "20"]),
        )
            .prop_map(|(q, p, disc, rate)| line(&q.to_string(), &p, disc, rate))
    }

    proptest! {
        /// Every document's EN 16931 amounts add up to the cent, and its
        /// BT-112 is the stored total, net or gross prices alike.
        #[test]
        fn amounts_always_add_up(
            lines in prop::collection::vec(arb_line(), 1..8),
            discount in prop::sample::select(vec!["0", "3.5", "10", "33.3333"]),
            inclusive in any::<bool>(),
        ) {
            let input = doc(Currency::EUR, lines, discount, inclusive);
            let totals = compute_totals(&input).unwrap();
            let n = net_amounts(&input, &totals).unwrap();
            assert_consistent(&input, &totals, &n);
        }

        #[test]
        fn split_adds_up(
            total in -100_000i64..100_000,
            weights in prop::collection::vec(-5_000i64..50_000, 1..10),
        ) {
            let total = Decimal::new(total, 2);
            let weights: Vec<Decimal> = weights.into_iter().map(|w| Decimal::new(w, 2)).collect();
            let shares = split_by_weight(total, &weights, 2).unwrap();
            prop_assert_eq!(shares.iter().copied().sum::<Decimal>(), total);
        }
    }
}

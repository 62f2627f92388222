//! Properties of the public API: totals against an independent integer
//! reference of API.md §2, rounding, parsing round trips, no panics.

use proptest::prelude::*;
use uome_domain::{
    Currency, Decimal, DecimalInput, DocumentInput, DomainError, LineInput, LineKind,
    compute_totals, format_amount, parse_decimal, round_to_currency,
};

// ---------------------------------------------------------------- helpers

/// num / den rounded half away from zero (den > 0), in plain integers.
fn round_half_away(num: i128, den: i128) -> i128 {
    assert!(den > 0);
    let q = num / den;
    let r = num % den;
    if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    }
}

/// A decimal with at most 4 places as an integer count of 1/10,000.
fn fixed4(d: Decimal) -> i128 {
    let d = d.normalize();
    assert!(d.scale() <= 4, "{d}");
    d.mantissa() * 10i128.pow(4 - d.scale())
}

/// An amount that must be at exactly the currency's scale, as an integer of
/// minor units.
fn minor(d: Decimal, currency: Currency) -> i128 {
    assert_eq!(d.scale(), currency.minor_units(), "{d} in {currency}");
    d.mantissa()
}

fn currency() -> impl Strategy<Value = Currency> {
    let all: Vec<Currency> = Currency::all().collect();
    prop::sample::select(all)
}

/// 0 ≤ value ≤ limit with up to 4 decimal places (written scale varies).
fn decimal4(limit: i64) -> impl Strategy<Value = Decimal> {
    (0..=limit * 10_000, 0u32..=4).prop_map(|(m, s)| {
        let value = Decimal::new(m, 4).normalize();
        // Re-express at a random scale ≥ the normalized one (trailing zeros).
        let mut v = value;
        if s > v.scale() {
            v.rescale(s);
        }
        v
    })
}

fn rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(Decimal::new(10, 0)),
        Just(Decimal::new(77, 1)),
        Just(Decimal::new(20, 0)),
        Just(Decimal::ONE_HUNDRED),
        (0i64..=1_000_000).prop_map(|m| Decimal::new(m, 4)),
    ]
}

fn item_line() -> impl Strategy<Value = LineInput> {
    (
        prop_oneof![decimal4(100), decimal4(100_000_000)]
            .prop_filter("quantity > 0", |q| !q.is_zero()),
        prop_oneof![decimal4(1_000), decimal4(10_000_000_000)],
        any::<bool>(),
        rate(),
        rate(),
    )
        .prop_map(|(q, p, negative, d, t)| {
            let p = if negative { -p } else { p };
            LineInput::item("x", q, p, d, t)
        })
}

fn line() -> impl Strategy<Value = LineInput> {
    prop_oneof![
        8 => item_line(),
        1 => Just(LineInput::text(LineKind::Subtitle, "s")),
        1 => Just(LineInput::text(LineKind::SectionTotal, "t")),
        1 => Just(LineInput::text(LineKind::Divider, "")),
        1 => Just(LineInput::text(LineKind::Text, "note")),
    ]
}

fn document() -> impl Strategy<Value = DocumentInput> {
    (
        currency(),
        rate(),
        any::<bool>(),
        prop::collection::vec(line(), 0..40),
    )
        .prop_map(
            |(currency, discount_rate, inclusive, lines)| DocumentInput {
                discount_rate,
                prices_include_tax: inclusive,
                ..DocumentInput::new(currency, lines)
            },
        )
}

/// A document in one of the currencies whose minor units differ: GBP (2),
/// JPY (0) and BHD (3).
fn document_in_gbp_jpy_bhd() -> impl Strategy<Value = DocumentInput> {
    (
        prop::sample::select(vec![Currency::GBP, Currency::JPY, Currency::BHD]),
        document(),
    )
        .prop_map(|(currency, doc)| DocumentInput { currency, ..doc })
}

/// Any Decimal at all, including ones far outside what validation allows.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<bool>(),
        0u32..=28,
    )
        .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
}

// ------------------------------------------------------- the reference

struct Reference {
    nets: Vec<i128>,
    line_taxes: Vec<i128>,
    subtotal: i128,
    discount: i128,
    /// (rate in 1/10,000 %, tax) sorted by rate
    taxes: Vec<(i128, i128)>,
    tax_amount: i128,
    total: i128,
}

/// API.md §2 in plain i128 fixed point, independent of rust_decimal.
fn reference(doc: &DocumentInput) -> Reference {
    let k = doc.currency.minor_units();
    let unit = 10i128.pow(k);
    let dd = fixed4(doc.discount_rate);
    let tax_of = |amount: i128, tr: i128| {
        if doc.prices_include_tax {
            // amount × (tr/1e4) / ((1e6 + tr)/1e4)
            round_half_away(amount * tr, 1_000_000 + tr)
        } else {
            // amount × tr / 1e6
            round_half_away(amount * tr, 1_000_000)
        }
    };
    let mut nets = Vec::new();
    let mut line_taxes = Vec::new();
    let mut by_rate = std::collections::BTreeMap::<i128, i128>::new();
    for line in doc.lines.iter().filter(|l| l.kind == LineKind::Item) {
        let q = fixed4(line.quantity);
        let p = fixed4(line.unit_price.unwrap());
        let dr = fixed4(line.rate_off());
        // q·p·(100 − dr)/100 = Q·P·(1e6 − DR) / 1e14, in minor units.
        let net = round_half_away(q * p * (1_000_000 - dr) * unit, 100_000_000_000_000);
        let tr = fixed4(line.tax_rate);
        nets.push(net);
        line_taxes.push(tax_of(net, tr));
        *by_rate.entry(tr).or_default() += net;
    }
    let subtotal: i128 = nets.iter().sum();
    let discount = round_half_away(subtotal * dd, 1_000_000);
    let allowances = largest_remainder(&by_rate, dd, discount);
    let taxes: Vec<(i128, i128)> = by_rate
        .into_iter()
        .zip(allowances)
        .map(|((tr, n), allowance)| (tr, tax_of(n - allowance, tr)))
        .collect();
    let tax_amount: i128 = taxes.iter().map(|(_, t)| t).sum();
    let total = if doc.prices_include_tax {
        subtotal - discount
    } else {
        subtotal - discount + tax_amount
    };
    Reference {
        nets,
        line_taxes,
        subtotal,
        discount,
        taxes,
        tax_amount,
        total,
    }
}

/// The shares of `discount` per rate (API.md §2 step 3), by rate: each
/// share floored in the direction of the subtotal's sign, then the missing
/// units one each by largest remainder, ties to the higher rate.
fn largest_remainder(
    by_rate: &std::collections::BTreeMap<i128, i128>,
    dd: i128,
    discount: i128,
) -> Vec<i128> {
    let sign = if by_rate.values().sum::<i128>() < 0 {
        -1
    } else {
        1
    };
    // share = n·dd/1e6 minor units.
    let mut shares: Vec<(i128, i128, i128)> = by_rate
        .iter()
        .map(|(&tr, &n)| {
            let exact = sign * n * dd;
            (tr, exact.div_euclid(1_000_000), exact.rem_euclid(1_000_000))
        })
        .collect();
    let missing = sign * discount - shares.iter().map(|s| s.1).sum::<i128>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((shares[i].2, shares[i].0)));
    for &i in order.iter().take(usize::try_from(missing).unwrap()) {
        shares[i].1 += 1;
    }
    shares
        .into_iter()
        .map(|(_, share, _)| sign * share)
        .collect()
}

// ------------------------------------------------------------ properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn totals_match_the_integer_reference(doc in document()) {
        let t = compute_totals(&doc).unwrap();
        let r = reference(&doc);
        let c = doc.currency;
        let item_totals: Vec<_> = doc
            .lines
            .iter()
            .zip(&t.line_totals)
            .filter(|(l, _)| l.kind == LineKind::Item)
            .map(|(_, lt)| lt)
            .collect();
        let nets: Vec<i128> = item_totals.iter().map(|lt| minor(lt.net.unwrap(), c)).collect();
        prop_assert_eq!(nets, r.nets);
        let line_taxes: Vec<i128> =
            item_totals.iter().map(|lt| minor(lt.tax.unwrap(), c)).collect();
        prop_assert_eq!(line_taxes, r.line_taxes);
        prop_assert_eq!(minor(t.subtotal, c), r.subtotal);
        prop_assert_eq!(minor(t.discount_amount, c), r.discount);
        let taxes: Vec<(i128, i128)> = t
            .tax_breakdown
            .iter()
            .map(|b| (fixed4(b.rate), minor(b.tax, c)))
            .collect();
        prop_assert_eq!(taxes, r.taxes);
        prop_assert_eq!(minor(t.tax_amount, c), r.tax_amount);
        prop_assert_eq!(minor(t.total, c), r.total);
    }

    #[test]
    fn totals_are_the_sum_of_their_parts(doc in document()) {
        let t = compute_totals(&doc).unwrap();
        let c = doc.currency;
        let zero = Decimal::ZERO;
        let mut nets = zero;
        let mut section = (zero, zero, zero);
        for (line, lt) in doc.lines.iter().zip(&t.line_totals) {
            match line.kind {
                LineKind::Item => {
                    let (net, tax, total) = (lt.net.unwrap(), lt.tax.unwrap(), lt.total.unwrap());
                    for amount in [net, tax, total] {
                        prop_assert_eq!(amount.scale(), c.minor_units());
                    }
                    let expected = if doc.prices_include_tax { net } else { net + tax };
                    prop_assert_eq!(total, expected);
                    nets += net;
                    section = (section.0 + net, section.1 + tax, section.2 + total);
                }
                LineKind::SectionTotal => {
                    prop_assert_eq!(lt.net.unwrap(), section.0);
                    prop_assert_eq!(lt.tax.unwrap(), section.1);
                    prop_assert_eq!(lt.total.unwrap(), section.2);
                    prop_assert_eq!(lt.net.unwrap().scale(), c.minor_units());
                    section = (zero, zero, zero);
                }
                LineKind::Subtitle => {
                    prop_assert!(lt.net.is_none());
                    section = (zero, zero, zero);
                }
                LineKind::Divider | LineKind::Text => prop_assert!(lt.net.is_none()),
            }
        }
        let positions: Vec<u32> = t.line_totals.iter().map(|l| l.position).collect();
        let expected: Vec<u32> = (1..=u32::try_from(doc.lines.len()).unwrap()).collect();
        prop_assert_eq!(positions, expected);
        prop_assert_eq!(t.subtotal, nets);
        let breakdown_tax: Decimal = t.tax_breakdown.iter().map(|b| b.tax).sum();
        prop_assert_eq!(t.tax_amount, breakdown_tax);
        prop_assert!(t.tax_breakdown.windows(2).all(|w| w[0].rate < w[1].rate));
        let expected_total = if doc.prices_include_tax {
            t.subtotal - t.discount_amount
        } else {
            t.subtotal - t.discount_amount + t.tax_amount
        };
        prop_assert_eq!(t.total, expected_total);
        for amount in [t.subtotal, t.discount_amount, t.tax_amount, t.total] {
            prop_assert_eq!(amount.scale(), c.minor_units());
        }
        for b in &t.tax_breakdown {
            prop_assert_eq!(b.base.scale(), c.minor_units());
            prop_assert_eq!(b.tax.scale(), c.minor_units());
        }
        prop_assert!(t.verify_total(t.total).is_ok());
    }

    #[test]
    fn the_discount_split_is_exact(doc in document_in_gbp_jpy_bhd()) {
        let t = compute_totals(&doc).unwrap();
        let c = doc.currency;
        let mut nets_by_rate = std::collections::BTreeMap::<i128, Decimal>::new();
        for (line, lt) in doc.lines.iter().zip(&t.line_totals) {
            if line.kind == LineKind::Item {
                *nets_by_rate.entry(fixed4(line.tax_rate)).or_default() += lt.net.unwrap();
            }
        }
        prop_assert_eq!(t.tax_breakdown.len(), nets_by_rate.len());
        let unit = Decimal::new(1, c.minor_units());
        for (b, (rate, nets)) in t.tax_breakdown.iter().zip(&nets_by_rate) {
            prop_assert_eq!(fixed4(b.rate), *rate);
            prop_assert_eq!(b.allowance.scale(), c.minor_units());
            prop_assert_eq!(b.base, *nets - b.allowance);
            let exact = *nets * doc.discount_rate / Decimal::ONE_HUNDRED;
            prop_assert!((b.allowance - exact).abs() < unit, "{} vs exact {}", b.allowance, exact);
        }
        let allowances: Decimal = t.tax_breakdown.iter().map(|b| b.allowance).sum();
        prop_assert_eq!(allowances, t.discount_amount);
        let bases: Decimal = t.tax_breakdown.iter().map(|b| b.base).sum();
        prop_assert_eq!(bases, t.subtotal - t.discount_amount);
    }

    #[test]
    fn a_fixed_discount_splits_exactly(doc in document_in_gbp_jpy_bhd(), share in 0u32..=1000) {
        let mut doc = DocumentInput { discount_rate: Decimal::ZERO, ..doc };
        let mut plain = compute_totals(&doc).unwrap();
        if plain.subtotal < Decimal::ZERO {
            // A fixed discount needs a positive subtotal: mirror the
            // document (nets round symmetrically) rather than reject it.
            for line in &mut doc.lines {
                line.unit_price = line.unit_price.map(|p| -p);
            }
            plain = compute_totals(&doc).unwrap();
        }
        if plain.subtotal.is_zero() {
            return Ok(());
        }
        let c = doc.currency;

        // Some fraction of the subtotal, at the currency's scale.
        let amount = round_to_currency(plain.subtotal * Decimal::from(share) / Decimal::from(1000), c).unwrap();
        let fixed = DocumentInput {
            discount_rate: Decimal::ZERO,
            discount_amount: Some(amount),
            ..doc
        };
        // Each rate's nets × the amount, in minor units, must fit an i128;
        // beyond, the amounts are out of range (a 422), never a wrong split.
        let fits = plain.tax_breakdown.iter().all(|b| {
            minor(b.base, c)
                .checked_mul(minor(amount, c))
                .is_some()
        });
        let t = match compute_totals(&fixed) {
            Err(DomainError::Overflow) if !fits => return Ok(()),
            other => other.unwrap(),
        };
        prop_assert_eq!(t.discount_amount, amount);
        prop_assert_eq!(t.subtotal, plain.subtotal);
        let mut allowances = Decimal::ZERO;
        let subtotal = minor(plain.subtotal, c);
        for (b, p) in t.tax_breakdown.iter().zip(&plain.tax_breakdown) {
            // p.base is the rate's nets (no discount there); in minor units
            // |allowance − nets × amount / subtotal| < 1.
            let off = minor(b.allowance, c) * subtotal - minor(p.base, c) * minor(amount, c);
            prop_assert!(off.abs() < subtotal, "{} off by {}/{}", b.allowance, off, subtotal);
            prop_assert_eq!(b.base, p.base - b.allowance);
            allowances += b.allowance;
        }
        prop_assert_eq!(allowances, amount);
        let bases: Decimal = t.tax_breakdown.iter().map(|b| b.base).sum();
        prop_assert_eq!(bases, t.subtotal - amount);
    }

    #[test]
    fn a_fixed_line_discount_comes_off_the_rounded_amount(
        q in decimal4(1000), p in decimal4(1000), share in 0u32..=100, c in currency(),
    ) {
        prop_assume!(!q.is_zero());
        let base = round_to_currency(q * p, c).unwrap();
        let amount = round_to_currency(base * Decimal::from(share) / Decimal::ONE_HUNDRED, c).unwrap();
        let line = LineInput::item("x", q, p, Decimal::ZERO, Decimal::ZERO).with_discount_amount(amount);
        let t = compute_totals(&DocumentInput::new(c, vec![line])).unwrap();
        prop_assert_eq!(t.line_totals[0].net.unwrap(), base - amount);
        prop_assert_eq!(t.subtotal, base - amount);
    }

    #[test]
    fn rounding_is_half_away_from_zero(m in any::<i64>(), s in 0u32..=12, c in currency()) {
        let value = Decimal::new(m, s);
        let rounded = round_to_currency(value, c).unwrap();
        let k = c.minor_units();
        prop_assert_eq!(rounded.scale(), k);
        let expected = if s <= k {
            i128::from(m) * 10i128.pow(k - s)
        } else {
            round_half_away(i128::from(m), 10i128.pow(s - k))
        };
        prop_assert_eq!(rounded.mantissa(), expected);
        // The money string is the rounded value with exactly k decimals.
        let text = format_amount(value, c);
        prop_assert_eq!(parse_decimal(&text).unwrap(), rounded);
        let decimals = text.split('.').nth(1).map_or(0, str::len);
        prop_assert_eq!(decimals, k as usize);
        if rounded.is_zero() {
            prop_assert!(!text.starts_with('-'), "negative zero: {}", text);
        }
    }

    #[test]
    fn midpoints_round_away_from_zero(
        magnitude in 0i64..1_000_000_000_000,
        negative in any::<bool>(),
        extra in 0u32..=6,
        c in currency(),
    ) {
        // ±(magnitude + ½ minor unit), written with `extra` trailing zeros.
        let sign = if negative { -1 } else { 1 };
        let k = c.minor_units();
        let m = i128::from(sign * (magnitude * 10 + 5)) * 10i128.pow(extra);
        let value = Decimal::from_i128_with_scale(m, k + 1 + extra);
        let rounded = round_to_currency(value, c).unwrap();
        prop_assert_eq!(rounded.mantissa(), i128::from(sign * (magnitude + 1)));
        // One digit short of the midpoint rounds towards zero.
        let below = Decimal::from_i128_with_scale(
            i128::from(sign) * (i128::from(magnitude) * 100 + 49),
            k + 2,
        );
        prop_assert_eq!(
            round_to_currency(below, c).unwrap().mantissa(),
            i128::from(sign * magnitude)
        );
    }

    #[test]
    fn parsing_round_trips_exactly(d in any_decimal()) {
        let text = d.to_string();
        let parsed = parse_decimal(&text).unwrap();
        prop_assert_eq!(parsed, d);
        prop_assert_eq!(parsed.scale(), d.scale());

        // As a JSON number and as a JSON string: a request's number has at
        // most MAX_INTEGER_DIGITS before the point.
        let integer_digits = text.trim_start_matches('-').split('.').next().unwrap().len();
        if integer_digits > uome_domain::decimal_input::MAX_INTEGER_DIGITS {
            prop_assert!(serde_json::from_str::<DecimalInput>(&text).is_err());
            return Ok(());
        }
        let from_number: DecimalInput = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(from_number.0, d);
        let from_string: DecimalInput = serde_json::from_str(&format!("\"{text}\"")).unwrap();
        prop_assert_eq!(from_string.0, d);
        // And back out as a string.
        prop_assert_eq!(serde_json::to_string(&from_number).unwrap(), format!("\"{text}\""));

        // Scientific notation of the same value is refused (API.md §1: one
        // spelling per value, no exponents).
        let sci = format!("{}e-{}", d.mantissa(), d.scale());
        prop_assert!(parse_decimal(&sci).is_err(), "{}", sci);
    }

    #[test]
    fn never_panics_on_arbitrary_numbers(
        c in currency(),
        q in any_decimal(),
        p in any_decimal(),
        dr in any_decimal(),
        tr in any_decimal(),
        dd in any_decimal(),
        inclusive in any::<bool>(),
    ) {
        let doc = DocumentInput {
            discount_rate: dd,
            prices_include_tax: inclusive,
            ..DocumentInput::new(c, vec![LineInput::item("x", q, p, dr, tr); 3])
        };
        match compute_totals(&doc) {
            Ok(_) | Err(DomainError::Validation(_)) | Err(DomainError::Overflow) => {}
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
    }

    #[test]
    fn huge_values_overflow(
        c in currency(),
        q in 10i128.pow(20)..79_228_162_514_264_337_593_543_950_335i128,
        p in 10i128.pow(20)..79_228_162_514_264_337_593_543_950_335i128,
        negative in any::<bool>(),
    ) {
        let q = Decimal::from_i128_with_scale(q, 0);
        let p = Decimal::from_i128_with_scale(if negative { -p } else { p }, 0);
        let doc = DocumentInput::new(c, vec![LineInput::item("x", q, p, Decimal::ZERO, Decimal::TEN)]);
        prop_assert_eq!(compute_totals(&doc), Err(DomainError::Overflow));
    }

    #[test]
    fn garbage_text_never_panics(text in "\\PC{0,40}") {
        let _ = parse_decimal(&text);
        let _ = serde_json::from_str::<DecimalInput>(&text);
        let _ = uome_domain::parse_money(&text, Currency::GBP);
        let _ = Currency::parse(&text);
    }

    #[test]
    fn number_like_text_parses_or_errors_cleanly(text in "-?[0-9]{0,35}(\\.[0-9]{0,35})?([eE][+-]?[0-9]{0,4})?") {
        if let Ok(d) = parse_decimal(&text) {
            // Whatever parses, parses to the value the text means: compare
            // against its own canonical form.
            prop_assert_eq!(parse_decimal(&d.to_string()).unwrap(), d);
        }
    }
}

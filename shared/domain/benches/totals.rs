//! Totals of a 500-line document (the per-document maximum) with mixed
//! rates, line discounts, a document discount and layout lines: the work
//! every document write does. Also the exact JSON parsing of the same lines.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use uome_domain::{
    CashDiscount, Currency, Decimal, DocumentInput, LineInput, LineKind, compute_totals,
};

fn document(inclusive: bool) -> DocumentInput {
    let rates = [
        Decimal::ZERO,
        Decimal::new(77, 1),
        Decimal::new(10, 0),
        Decimal::new(20, 0),
        Decimal::new(25, 0),
    ];
    let lines = (0..500)
        .map(|i: i64| match i % 50 {
            0 => LineInput::text(LineKind::Subtitle, "Section"),
            49 => LineInput::text(LineKind::SectionTotal, "Section total"),
            _ => LineInput::item(
                "Widget",
                Decimal::new(1 + (i * 37) % 250, (i % 3) as u32),
                Decimal::new(99 + (i * 7919) % 100_000, 2 + (i % 3) as u32),
                Decimal::new((i * 13) % 1500, 2),
                rates[(i % 5) as usize],
            ),
        })
        .collect();
    DocumentInput {
        discount_rate: Decimal::new(35, 1),
        prices_include_tax: inclusive,
        cash_discounts: vec![
            CashDiscount::new(5, Decimal::TWO),
            CashDiscount::new(10, Decimal::ONE),
        ],
        ..DocumentInput::new(Currency::EUR, lines)
    }
}

fn totals(c: &mut Criterion) {
    let exclusive = document(false);
    let inclusive = document(true);
    c.bench_function("compute_totals/500 lines", |b| {
        b.iter(|| compute_totals(black_box(&exclusive)))
    });
    c.bench_function("compute_totals/500 lines, tax included", |b| {
        b.iter(|| compute_totals(black_box(&inclusive)))
    });

    // What a request pays before the totals: exact parsing of the body.
    let body = serde_json::to_string(&exclusive).unwrap_or_default();
    c.bench_function("parse DocumentInput JSON/500 lines", |b| {
        b.iter(|| serde_json::from_str::<DocumentInput>(black_box(&body)))
    });
}

criterion_group!(benches, totals);
criterion_main!(benches);

//! `cargo bench -p uome-pdf --bench render`: a 10-line and a 500-line invoice.

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/common/mod.rs"]
mod common;

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_pdf");
    for lines in [10, 500] {
        let view = common::invoice_with_lines(lines);
        group.bench_function(format!("{lines}_lines"), |b| {
            b.iter(|| uome_pdf::render_pdf(std::hint::black_box(&view)).unwrap())
        });
    }
    group.finish();

    let view = common::every_line_kind();
    c.bench_function("render_email_send", |b| {
        b.iter(|| {
            uome_pdf::render_email(
                std::hint::black_box(&view),
                uome_pdf::EmailKind::Send,
                Some("https://app.uome.test/portal/t0k3n"),
                None,
            )
        })
    });
}

criterion_group!(benches, render);
criterion_main!(benches);

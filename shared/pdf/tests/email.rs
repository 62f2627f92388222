mod common;

use uome_pdf::{DocumentKind, EmailKind, render_email};

const LINK: &str = "https://app.uome.test/portal/t0k3n?x=1&y=2";

#[test]
fn send_invoice_states_total_due_date_link_and_bank_details() {
    let view = common::every_line_kind();
    let email = render_email(
        &view,
        EmailKind::Send,
        Some(LINK),
        Some("Thanks again!\nSee you soon."),
    );
    assert_eq!(
        email.subject,
        "Invoice INV-2026-0042 from Brønnøysund & Søn Trading Ltd"
    );
    assert!(
        email
            .text
            .starts_with("Dear Zoë Łukasiewicz-Müller,\n\nThanks again!\nSee you soon.\n\n")
    );
    assert!(email.text.contains(
        "Please find attached invoice INV-2026-0042 for £1,140.20, due on 21 December 2026."
    ));
    assert!(email.text.contains(&format!("View invoice: {LINK}")));
    assert!(email.text.contains("Amount due  £640.20"));
    assert!(email.text.contains("GB29NWBK60161331926819"));
    assert!(
        email
            .text
            .contains("Kind regards,\nBrønnøysund & Søn Trading Ltd\n")
    );

    assert!(email.html.starts_with("<!DOCTYPE html>"));
    assert!(email.html.contains("Thanks again!<br>See you soon."));
    assert!(email.html.contains("Brønnøysund &amp; Søn Trading Ltd"));
    assert!(
        email
            .html
            .contains("href=\"https://app.uome.test/portal/t0k3n?x=1&amp;y=2\"")
    );
    assert!(email.html.contains("£640.20"));
    assert!(email.html.contains("Payment details"));
}

#[test]
fn escapes_every_piece_of_user_text_in_html() {
    let mut view = common::every_line_kind();
    view.company.name = "<script>alert('co')</script>".into();
    view.customer.name = "\"><img src=x onerror=alert(1)>".into();
    view.number = "<b>INV</b>".into();
    view.total = "£1 & <i>more</i>".into();
    if let Some(pay) = view.payment_instructions.as_mut() {
        pay.reference = "<svg onload=alert(2)>".into();
    }
    for kind in [
        EmailKind::Send,
        EmailKind::Reminder,
        EmailKind::AddressRequest,
        EmailKind::PortalLink,
        EmailKind::OrderPlaced,
        EmailKind::OrderReminder,
        EmailKind::OrderRejected,
    ] {
        let email = render_email(
            &view,
            kind,
            Some(LINK),
            Some("<a href=\"javascript:x\">hi</a>"),
        );
        for raw in [
            "<script",
            "<img",
            "<b>",
            "<i>",
            "<svg",
            "<a href=\"javascript",
        ] {
            assert!(!email.html.contains(raw), "{kind:?} leaks {raw}");
        }
        assert!(email.html.contains("&lt;script&gt;"));
        // The plain-text body is not HTML: it keeps the text as typed.
        assert!(email.text.contains("\"><img src=x onerror=alert(1)>"));
    }
}

#[test]
fn refuses_links_that_are_not_http() {
    let view = common::every_line_kind();
    let email = render_email(
        &view,
        EmailKind::PortalLink,
        Some("javascript:alert(1)"),
        None,
    );
    assert!(!email.html.contains("javascript"));
    assert!(!email.text.contains("javascript"));
    assert!(
        email
            .text
            .contains("Please reply to this email if you need a copy.")
    );
}

#[test]
fn reminder_wording_follows_the_document_kind() {
    let invoice = common::every_line_kind();
    let email = render_email(&invoice, EmailKind::Reminder, None, None);
    assert_eq!(
        email.subject,
        "Reminder: invoice INV-2026-0042 from Brønnøysund & Søn Trading Ltd"
    );
    assert!(email.text.contains(
        "A friendly reminder that invoice INV-2026-0042, due on 21 December 2026, has an outstanding balance of £640.20."
    ));
    assert!(email.text.contains("If you have already paid"));

    let mut quote = common::every_line_kind();
    quote.kind = DocumentKind::Quote;
    quote.number = "QUO-0007".into();
    quote.due_date = None;
    quote.amount_due = None;
    quote.valid_until = Some("31 December 2026".into());
    let email = render_email(&quote, EmailKind::Reminder, Some(LINK), None);
    assert_eq!(
        email.subject,
        "Reminder: quote QUO-0007 from Brønnøysund & Søn Trading Ltd"
    );
    assert!(
        email
            .text
            .contains("is awaiting your response. It is valid until 31 December 2026.")
    );
    assert!(!email.text.contains("already paid"));
    assert!(
        !email.text.contains("Payment details"),
        "no bank details on quotes"
    );
}

#[test]
fn address_request_and_portal_link() {
    let view = common::every_line_kind();
    let email = render_email(&view, EmailKind::AddressRequest, Some(LINK), None);
    assert_eq!(
        email.subject,
        "Your billing address for invoice INV-2026-0042 from Brønnøysund & Søn Trading Ltd"
    );
    assert!(
        email
            .text
            .contains("Add billing address: https://app.uome.test/")
    );
    assert!(email.html.contains(">Add billing address</a>"));

    let email = render_email(&view, EmailKind::AddressRequest, None, None);
    assert!(
        email
            .text
            .contains("Please reply to this email with your billing address.")
    );
    assert!(!email.html.contains("<a "));

    let email = render_email(&view, EmailKind::PortalLink, Some(LINK), None);
    assert_eq!(
        email.subject,
        "View invoice INV-2026-0042 from Brønnøysund & Søn Trading Ltd online"
    );
    assert!(
        email
            .text
            .contains("You can view invoice INV-2026-0042 for £1,140.20 online.")
    );
}

#[test]
fn receipt_subject_and_newlines_in_names_stay_on_one_header_line() {
    let mut view = common::every_line_kind();
    view.kind = DocumentKind::Receipt;
    view.number = "R-1\r\nBcc: evil@example.com".into();
    let email = render_email(&view, EmailKind::Send, None, None);
    assert!(email.subject.starts_with("Your receipt R-1  Bcc"));
    assert!(!email.subject.contains('\n') && !email.subject.contains('\r'));
    assert!(email.text.contains("Thank you for your purchase."));
}

#[test]
fn order_emails_to_the_business_are_signed_by_the_platform() {
    let mut view = common::every_line_kind();
    view.kind = uome_pdf::DocumentKind::Order;
    view.number = "ORD-0007".into();
    view.company.name = "Acme Ltd".into();
    view.customer.name = "Café Crème".into();
    view.total = "CHF 42.50".into();
    let placed = render_email(&view, EmailKind::OrderPlaced, None, None);
    assert_eq!(placed.subject, "New order ORD-0007 from Café Crème");
    assert!(placed.text.starts_with("Hello,"), "{}", placed.text);
    assert!(
        placed
            .text
            .contains("Café Crème placed order ORD-0007 for CHF 42.50")
    );
    assert!(
        placed.text.contains("Sent for you by\nUome"),
        "{}",
        placed.text
    );
    assert!(!placed.text.contains("Kind regards"));

    let reminder = render_email(&view, EmailKind::OrderReminder, None, None);
    assert_eq!(
        reminder.subject,
        "Waiting for your answer: order ORD-0007 from Café Crème"
    );
    assert!(
        reminder
            .text
            .contains("is waiting for your answer to order ORD-0007")
    );

    let rejected = render_email(&view, EmailKind::OrderRejected, None, Some("Out of stock"));
    assert_eq!(rejected.subject, "Your order ORD-0007 from Acme Ltd");
    assert!(rejected.text.starts_with("Dear Café Crème,"));
    assert!(rejected.text.contains("Out of stock"));
    assert!(rejected.text.contains("cannot accept your order ORD-0007"));
    assert!(rejected.text.contains("Kind regards,\nAcme Ltd"));
}

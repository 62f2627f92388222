//! Search terms: what a case-insensitive prefix search on name, email or
//! number matches against, in the form stored in sort keys.

use super::model::{Contact, ContactType};
use uome_domain::ContactId;

/// Longest term kept in a sort key, in bytes (DynamoDB allows 1024 per sort
/// key; the rest of the key needs room). Longer terms and searches are cut
/// at a character boundary, so a search longer than this matches on its
/// first `MAX_TERM_BYTES` bytes only.
pub const MAX_TERM_BYTES: usize = 200;

/// Lower-cases (Unicode-aware), drops control characters, collapses runs of
/// white space to one space, trims, and cuts to [`MAX_TERM_BYTES`].
pub fn normalise_term(text: &str) -> String {
    let lowered = text.to_lowercase();
    let mut out = String::with_capacity(lowered.len().min(MAX_TERM_BYTES));
    let mut pending_space = false;
    for c in lowered.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() {
            continue;
        }
        let extra = usize::from(pending_space) + c.len_utf8();
        if out.len() + extra > MAX_TERM_BYTES {
            break;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// The terms a contact is found by: display name, last name (persons),
/// company name, email and number; normalised, without repeats, sorted.
pub fn terms_of(contact: &Contact) -> Vec<String> {
    let last_name = match contact.kind {
        ContactType::Person => contact.last_name.as_deref(),
        ContactType::Company => None,
    };
    let mut terms: Vec<String> = [
        Some(contact.display_name.as_str()),
        last_name,
        contact.company_name.as_deref(),
        contact.email.as_deref(),
        Some(contact.number.as_str()),
    ]
    .into_iter()
    .flatten()
    .map(normalise_term)
    .filter(|t| !t.is_empty())
    .collect();
    terms.sort();
    terms.dedup();
    terms
}

/// The sort-key tail of a term row: `<term>#<id>`. Rows of one contact
/// differ only in the term, so comparing these strings orders them as the
/// partition does.
pub fn term_tail(term: &str, contact_id: &ContactId) -> String {
    format!("{term}#{contact_id}")
}

/// Whether the row of `term` is the first (in key order) of the contact's
/// rows that match `prefix`: only that row yields the contact, so a search
/// never lists one contact twice, even across pages.
pub fn is_first_match(term: &str, terms: &[String], contact_id: &ContactId, prefix: &str) -> bool {
    let own = term_tail(term, contact_id);
    term.starts_with(prefix)
        && !terms
            .iter()
            .filter(|t| t.as_str() != term && t.starts_with(prefix))
            .any(|t| term_tail(t, contact_id) < own)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_space_and_controls() {
        assert_eq!(
            normalise_term("  Ünïcode   GmbH\t& Co\u{0} "),
            "ünïcode gmbh & co"
        );
        assert_eq!(normalise_term("İstanbul"), "i\u{307}stanbul");
        assert_eq!(normalise_term("ΣΟΦΊΑ"), "σοφία");
    }

    #[test]
    fn cuts_at_a_char_boundary() {
        let long = "é".repeat(300);
        let t = normalise_term(&long);
        assert!(t.len() <= MAX_TERM_BYTES);
        assert_eq!(t, "é".repeat(MAX_TERM_BYTES / 2));
    }

    #[test]
    fn only_the_first_matching_row_yields_the_contact() {
        let terms = vec![
            "acme ltd".to_string(),
            "acme@x.com".to_string(),
            "cus-0001".to_string(),
        ];
        // "acme ltd#id" < "acme@x.com#id" (space sorts before '@').
        assert!(is_first_match(
            "acme ltd",
            &terms,
            &ContactId::from("id"),
            "acme"
        ));
        assert!(!is_first_match(
            "acme@x.com",
            &terms,
            &ContactId::from("id"),
            "acme"
        ));
        assert!(is_first_match(
            "acme@x.com",
            &terms,
            &ContactId::from("id"),
            "acme@"
        ));
        assert!(is_first_match(
            "cus-0001",
            &terms,
            &ContactId::from("id"),
            "cus"
        ));
        // A term that merely shares the key prefix ("acme#" vs "acme ltd") does not match.
        assert!(!is_first_match(
            "acme ltd",
            &terms,
            &ContactId::from("id"),
            "acme#"
        ));
    }
}

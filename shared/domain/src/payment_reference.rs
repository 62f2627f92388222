//! The references a Swiss QR-bill carries (SIX Swiss Payment Standards,
//! Implementation Guidelines QR-bill 2.3, §3.3; API.md §14): a **QR
//! reference** (27 digits, the last a modulo-10 recursive check digit) when
//! the account is a QR-IBAN, else an **ISO 11649 creditor reference**
//! (`RF` + two check digits + up to 21 letters and digits).
//!
//! Hand-written: the two check-digit rules are a few lines each, and the
//! crates that implement them pull in a whole QR-bill renderer.

/// The carry table of the modulo-10 recursive check digit (SIX QR-bill,
/// Annex B).
const MOD10_TABLE: [u32; 10] = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];

/// The modulo-10 recursive check digit of `digits` (digits only).
pub fn mod10_recursive(digits: &str) -> Option<u32> {
    let mut carry = 0;
    for c in digits.chars() {
        let d = c.to_digit(10)?;
        carry = MOD10_TABLE[((carry + d) % 10) as usize];
    }
    Some((10 - carry) % 10)
}

/// A QR reference for `number` (digits, at most 26): zero-padded to 26
/// digits and its check digit appended. `None` for anything else.
pub fn qr_reference(number: &str) -> Option<String> {
    if number.is_empty() || number.len() > 26 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let body = format!("{number:0>26}");
    let check = mod10_recursive(&body)?;
    Some(format!("{body}{check}"))
}

/// Whether `reference` (spaces allowed) is a QR reference: 27 digits whose
/// last is the check digit of the other 26, and not all zeros.
pub fn is_qr_reference(reference: &str) -> bool {
    let digits: String = reference.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 27
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.bytes().any(|b| b != b'0')
        && mod10_recursive(&digits[..26])
            == digits[26..].chars().next().and_then(|c| c.to_digit(10))
}

/// `text` with letters as ISO 7064 numbers (A = 10 … Z = 35), mod 97.
fn mod97(text: &str) -> Option<u32> {
    let mut rest = 0u32;
    for c in text.chars() {
        let value = c.to_digit(36)?;
        let width = if value < 10 { 10 } else { 100 };
        rest = (rest * width + value) % 97;
    }
    Some(rest)
}

/// An ISO 11649 creditor reference for `reference` (letters and digits,
/// 1–21 of them, case folded): `RF` and its two check digits. `None` for
/// anything else.
pub fn creditor_reference(reference: &str) -> Option<String> {
    let reference = reference.to_ascii_uppercase();
    if reference.is_empty()
        || reference.len() > 21
        || !reference.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    let check = 98 - mod97(&format!("{reference}RF00"))?;
    Some(format!("RF{check:02}{reference}"))
}

/// Whether `reference` (spaces allowed, any case) is an ISO 11649
/// creditor reference with valid check digits.
pub fn is_creditor_reference(reference: &str) -> bool {
    let compact: String = reference
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if !(5..=25).contains(&compact.len())
        || !compact.starts_with("RF")
        || !compact[2..4].bytes().all(|b| b.is_ascii_digit())
        || !compact.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return false;
    }
    mod97(&format!("{}{}", &compact[4..], &compact[..4])) == Some(1)
}

/// Whether `iban` (normalised, no spaces) is a Swiss or Liechtenstein
/// QR-IBAN: institution id (positions 5–9) from 30000 to 31999. A QR-IBAN
/// takes QR references; any other IBAN creditor references.
pub fn is_qr_iban(iban: &str) -> bool {
    let iban = iban.trim();
    (iban.starts_with("CH") || iban.starts_with("LI"))
        && iban.len() == 21
        && iban[4..9]
            .parse::<u32>()
            .is_ok_and(|iid| (30000..=31999).contains(&iid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_good_qr_references() {
        // The example of the SIX implementation guidelines.
        assert!(is_qr_reference("21 00000 00003 13947 14300 09017"));
        assert_eq!(
            qr_reference("21000000000313947143000901").as_deref(),
            Some("210000000003139471430009017")
        );
        // All zeros is not a reference, though its check digit is right.
        assert!(!is_qr_reference("000000000000000000000000000"));
        // 1 → carry 9; 2 → carry table[1] = 9; check (10 − 9) mod 10 = 1.
        assert_eq!(
            qr_reference("12").as_deref(),
            Some("000000000000000000000000121")
        );
        assert!(!is_qr_reference("210000000003139471430009018"));
        assert!(!is_qr_reference("21000000000313947143000901"));
        assert_eq!(qr_reference("1".repeat(27).as_str()), None);
        assert_eq!(qr_reference("12a"), None);
    }

    #[test]
    fn known_good_creditor_references() {
        // ISO 11649's own example.
        assert!(is_creditor_reference("RF18 5390 0754 7034"));
        assert!(is_creditor_reference("rf18539007547034"));
        assert_eq!(
            creditor_reference("539007547034").as_deref(),
            Some("RF18539007547034")
        );
        assert!(!is_creditor_reference("RF19539007547034"));
        assert!(!is_creditor_reference("XX18539007547034"));
        assert_eq!(creditor_reference("INV-0001"), None);
        assert_eq!(creditor_reference(&"A".repeat(22)), None);
    }

    #[test]
    fn qr_ibans_by_institution_id() {
        assert!(is_qr_iban("CH4431999123000889012"));
        assert!(is_qr_iban("CH9730000000000000000"));
        assert!(!is_qr_iban("CH9300762011623852957"));
        assert!(!is_qr_iban("DE89370400440532013000"));
    }

    proptest! {
        #[test]
        fn made_references_check_and_a_changed_digit_does_not(number in "[0-9]{1,26}", at in 0usize..26, by in 1u32..10) {
            let reference = qr_reference(&number).unwrap();
            prop_assume!(reference.bytes().any(|b| b != b'0'));
            prop_assert!(is_qr_reference(&reference));
            let mut digits: Vec<u32> = reference.chars().map(|c| c.to_digit(10).unwrap()).collect();
            digits[at] = (digits[at] + by) % 10;
            let changed: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
            prop_assert!(!is_qr_reference(&changed));
        }

        #[test]
        fn made_creditor_references_check(reference in "[A-Z0-9]{1,21}") {
            let made = creditor_reference(&reference).unwrap();
            prop_assert!(is_creditor_reference(&made));
        }
    }
}

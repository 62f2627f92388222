//! Bank details (API.md §4): UK sort codes and account numbers, IBANs and
//! BICs. Each `parse_*` trims, normalises and checks one value, answering
//! the canonical form or the message a client sees under the field.
//!
//! These values are sensitive: nothing here logs, and [`mask_last4`] is what
//! responses show of an account number or IBAN.

use crate::country::parse_country;

/// Longest IBAN any country uses (ISO 13616).
pub const MAX_IBAN_LEN: usize = 34;
/// Shortest IBAN any country uses (Norway).
pub const MIN_IBAN_LEN: usize = 15;

/// `NN-NN-NN` or six digits → `NN-NN-NN`.
pub fn parse_sort_code(input: &str) -> Result<String, String> {
    let text = input.trim();
    let digits: Vec<u8> = match text.len() {
        6 => text.bytes().collect(),
        8 if text.as_bytes()[2] == b'-' && text.as_bytes()[5] == b'-' => text
            .bytes()
            .enumerate()
            .filter(|(i, _)| *i != 2 && *i != 5)
            .map(|(_, b)| b)
            .collect(),
        _ => Vec::new(),
    };
    if digits.len() != 6 || !digits.iter().all(u8::is_ascii_digit) {
        return Err("must be a UK sort code: NN-NN-NN or six digits".to_owned());
    }
    let d = |i: usize| digits[i] as char;
    Ok(format!(
        "{}{}-{}{}-{}{}",
        d(0),
        d(1),
        d(2),
        d(3),
        d(4),
        d(5)
    ))
}

/// Exactly eight digits (a UK account number).
pub fn parse_account_number(input: &str) -> Result<String, String> {
    let text = input.trim();
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_owned())
    } else {
        Err("must be exactly 8 digits".to_owned())
    }
}

/// An IBAN in its electronic form (no spaces, upper case) when its country,
/// length and ISO 7064 mod-97 check digits are right.
pub fn parse_iban(input: &str) -> Result<String, String> {
    let iban: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !iban.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err("must contain only letters and digits".to_owned());
    }
    if !(MIN_IBAN_LEN..=MAX_IBAN_LEN).contains(&iban.len()) {
        return Err(format!(
            "must be {MIN_IBAN_LEN} to {MAX_IBAN_LEN} characters"
        ));
    }
    let bytes = iban.as_bytes();
    let country = &iban[..2];
    if !bytes[..2].iter().all(u8::is_ascii_uppercase) || !bytes[2..4].iter().all(u8::is_ascii_digit)
    {
        return Err("must start with a country code and two check digits".to_owned());
    }
    match iban_length(country) {
        Some(expected) if expected != iban.len() => {
            return Err(format!("must be {expected} characters for {country}"));
        }
        Some(_) => {}
        // Countries outside the IBAN registry that still issue IBAN-shaped
        // numbers (several African states) pass on the general rules.
        None if parse_country(country).is_some() => {}
        None => return Err("must start with an ISO 3166-1 country code".to_owned()),
    }
    if mod97(&iban) != 1 {
        return Err("has a wrong check digit".to_owned());
    }
    Ok(iban)
}

/// ISO 7064 MOD 97-10 of the IBAN rearranged (first four characters moved
/// to the end, letters as 10–35), computed digit by digit so no big
/// integers are needed.
fn mod97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.bytes().chain(head.bytes()).fold(0u32, |acc, b| {
        if b.is_ascii_digit() {
            (acc * 10 + u32::from(b - b'0')) % 97
        } else {
            (acc * 100 + u32::from(b - b'A') + 10) % 97
        }
    })
}

/// The IBAN length of a country of the SWIFT IBAN registry.
fn iban_length(country: &str) -> Option<usize> {
    IBAN_LENGTHS
        .binary_search_by(|(code, _)| (*code).cmp(country))
        .ok()
        .map(|i| IBAN_LENGTHS[i].1)
}

/// IBAN length per country of the SWIFT IBAN registry, sorted by code.
const IBAN_LENGTHS: [(&str, usize); 89] = [
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HN", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// A BIC (ISO 9362): 4-letter institution, country, 2-character location,
/// optional 3-character branch; 8 or 11 characters, upper-cased.
pub fn parse_bic(input: &str) -> Result<String, String> {
    let bic = input.trim().to_ascii_uppercase();
    let b = bic.as_bytes();
    let shape_ok = (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(u8::is_ascii_alphanumeric);
    if !shape_ok {
        return Err(
            "must be a BIC of 8 or 11 letters and digits (AAAABBCC or AAAABBCCDDD)".to_owned(),
        );
    }
    let country = &bic[4..6];
    if parse_country(country).is_none() && country != "XK" {
        return Err("must name a country in characters 5–6".to_owned());
    }
    Ok(bic)
}

/// Every character but the last four as `*`: `12345678` → `****5678`.
/// Values of four characters or fewer are fully masked.
pub fn mask_last4(value: &str) -> String {
    let count = value.chars().count();
    if count <= 4 {
        return "*".repeat(count);
    }
    let visible: String = value.chars().skip(count - 4).collect();
    format!("{}{visible}", "*".repeat(count - 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID_IBANS: [&str; 3] = [
        "GB82WEST12345698765432",
        "DE89370400440532013000",
        "CH9300762011623852957",
    ];

    #[test]
    fn sort_codes_normalise() {
        assert_eq!(parse_sort_code("12-34-56").unwrap(), "12-34-56");
        assert_eq!(parse_sort_code(" 123456 ").unwrap(), "12-34-56");
        for bad in [
            "12-34-5", "1234567", "12 34 56", "ab-cd-ef", "12-3456-", "", "12--3456",
        ] {
            assert!(parse_sort_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn account_numbers_are_eight_digits() {
        assert_eq!(parse_account_number("12345678").unwrap(), "12345678");
        for bad in ["1234567", "123456789", "1234567a", "", "１２３４５６７８"] {
            assert!(parse_account_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn known_ibans_pass_and_normalise() {
        for iban in VALID_IBANS {
            assert_eq!(parse_iban(iban).unwrap(), iban);
        }
        assert_eq!(
            parse_iban(" gb82 west 1234 5698 7654 32 ").unwrap(),
            "GB82WEST12345698765432"
        );
    }

    #[test]
    fn every_single_character_corruption_fails() {
        for iban in VALID_IBANS {
            let chars: Vec<char> = iban.chars().collect();
            for i in 0..chars.len() {
                let Some(digit) = chars[i].to_digit(10) else {
                    continue;
                };
                for delta in 1..10 {
                    let mut bad = chars.clone();
                    bad[i] = char::from_digit((digit + delta) % 10, 10).unwrap();
                    let bad: String = bad.into_iter().collect();
                    assert!(parse_iban(&bad).is_err(), "{bad} should fail");
                }
            }
        }
    }

    #[test]
    fn ibans_of_the_wrong_shape_fail() {
        assert!(parse_iban("GB82WEST1234569876543").is_err()); // 21 for GB
        assert!(parse_iban("GB82-WEST-1234").is_err());
        assert!(parse_iban("1282WEST12345698765432").is_err());
        assert!(parse_iban("GBXXWEST12345698765432").is_err());
        assert!(parse_iban("ZZ82WEST12345698765432").is_err());
        assert!(parse_iban("").is_err());
        assert!(parse_iban(&"GB82".repeat(10)).is_err());
    }

    #[test]
    fn length_table_is_sorted_and_known_countries() {
        assert!(IBAN_LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(IBAN_LENGTHS.iter().all(|(c, n)| {
            (parse_country(c).is_some() || *c == "XK") && (MIN_IBAN_LEN..=MAX_IBAN_LEN).contains(n)
        }));
        assert_eq!(iban_length("GB"), Some(22));
        assert_eq!(iban_length("NO"), Some(15));
        assert_eq!(iban_length("US"), None);
    }

    #[test]
    fn bics() {
        assert_eq!(parse_bic("deutdeff").unwrap(), "DEUTDEFF");
        assert_eq!(parse_bic("NWBKGB2L").unwrap(), "NWBKGB2L");
        assert_eq!(parse_bic("DEUTDEFF500").unwrap(), "DEUTDEFF500");
        for bad in [
            "DEUTDEF",
            "DEUTDEFF5",
            "DEU1DEFF",
            "DEUTZZFF",
            "DEUTDEFF50!",
            "",
        ] {
            assert!(parse_bic(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn masks_keep_the_last_four() {
        assert_eq!(mask_last4("12345678"), "****5678");
        assert_eq!(
            mask_last4("GB82WEST12345698765432"),
            "******************5432"
        );
        assert_eq!(mask_last4("123"), "***");
        assert_eq!(mask_last4(""), "");
    }
}

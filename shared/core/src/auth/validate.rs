//! Field rules of the auth bodies. Each helper records its field's problem
//! in a shared [`FieldErrors`] and hands back the usable value, so a use case
//! checks every field before answering one 422 that lists them all.

use uome_domain::FieldErrors;

use super::input::Text;

/// API.md §1: names are at most 255 characters.
pub const MAX_NAME_CHARS: usize = 255;
/// RFC 5321's longest usable address (a 256-octet path minus the brackets).
pub const MAX_EMAIL_CHARS: usize = 254;
const MAX_LOCAL_PART_CHARS: usize = 64;
const MAX_DOMAIN_LABEL_CHARS: usize = 63;
/// API.md §3: at least 10 characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Long enough for any passphrase or password manager, short enough that
/// nobody posts a megabyte for Argon2 to chew on.
pub const MAX_PASSWORD_CHARS: usize = 256;
/// Opaque tokens are 43 characters; anything much longer is not one of ours.
pub const MAX_TOKEN_CHARS: usize = 256;

/// A required string, trimmed, non-blank, at most `max` characters.
pub fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    value: &Text,
    max: usize,
) -> Option<String> {
    match value {
        Text::Missing => {
            errors.push(field, "is required");
            None
        }
        Text::NotText => {
            errors.push(field, "must be a string");
            None
        }
        Text::Given(s) => {
            let s = s.trim();
            if s.is_empty() {
                errors.push(field, "must not be blank");
                None
            } else if s.chars().count() > max {
                errors.push(field, format!("must be at most {max} characters"));
                None
            } else {
                Some(s.to_string())
            }
        }
    }
}

/// An optional string: trimmed, blank counts as absent, at most `max`
/// characters. `None` when absent or unusable (the latter is recorded in
/// `errors`, which the caller checks before using any value).
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    value: &Text,
    max: usize,
) -> Option<String> {
    match value {
        Text::Missing => None,
        Text::Given(s) if s.trim().is_empty() => None,
        _ => required_text(errors, field, value, max),
    }
}

/// A required email address, trimmed, as typed (case kept for display).
pub fn email(errors: &mut FieldErrors, field: &str, value: &Text) -> Option<String> {
    let email = required_text(errors, field, value, MAX_EMAIL_CHARS)?;
    match check_email(&email) {
        Ok(()) => Some(email),
        Err(message) => {
            errors.push(field, message);
            None
        }
    }
}

/// A new password: the policy of [`check_password`]. Not trimmed: spaces
/// are part of a passphrase.
pub fn new_password(errors: &mut FieldErrors, field: &str, value: &Text) -> Option<String> {
    let password = given(errors, field, value)?;
    match check_password(&password) {
        Ok(()) => Some(password),
        Err(message) => {
            errors.push(field, message);
            None
        }
    }
}

/// A password typed at login: present, non-empty and within the length any
/// stored password can have. The policy itself is not re-checked (it may
/// have been different when the password was chosen).
pub fn login_password(errors: &mut FieldErrors, field: &str, value: &Text) -> Option<String> {
    let password = given(errors, field, value)?;
    if password.chars().count() > MAX_PASSWORD_CHARS {
        errors.push(
            field,
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        );
        return None;
    }
    Some(password)
}

/// An opaque token from a link or an earlier answer.
pub fn token(errors: &mut FieldErrors, field: &str, value: &Text) -> Option<String> {
    required_text(errors, field, value, MAX_TOKEN_CHARS)
}

/// A string given as is (not trimmed), non-empty.
fn given(errors: &mut FieldErrors, field: &str, value: &Text) -> Option<String> {
    match value {
        Text::Missing => errors.push(field, "is required"),
        Text::NotText => errors.push(field, "must be a string"),
        Text::Given(s) if s.is_empty() => errors.push(field, "must not be blank"),
        Text::Given(s) => return Some(s.clone()),
    }
    None
}

/// The password policy of API.md §3: 10 to 256 characters, not all of one
/// class (letters only, digits only, symbols only). Length beats
/// composition rules (NIST SP 800-63B), so this is the whole policy.
pub fn check_password(password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(format!("must be at least {MIN_PASSWORD_CHARS} characters"));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(format!("must be at most {MAX_PASSWORD_CHARS} characters"));
    }
    let letters = password.chars().any(char::is_alphabetic);
    let digits = password.chars().any(char::is_numeric);
    let others = password
        .chars()
        .any(|c| !c.is_alphabetic() && !c.is_numeric());
    if [letters, digits, others].iter().filter(|x| **x).count() < 2 {
        return Err("must mix at least two of letters, digits and other characters".to_string());
    }
    Ok(())
}

/// A deliverable-looking address: `local@domain.tld`, no spaces or control
/// characters, dot-atom local part, domain of letter/digit/hyphen labels.
/// Internationalised addresses (non-ASCII letters) are allowed.
pub fn check_email(email: &str) -> Result<(), String> {
    const MESSAGE: &str = "must be an email address";
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err(format!("must be at most {MAX_EMAIL_CHARS} characters"));
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err(MESSAGE.to_string());
    };
    let local_ok = !local.is_empty()
        && local.chars().count() <= MAX_LOCAL_PART_CHARS
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || "!#$%&'*+/=?^_`{|}~.-".contains(c)
                || (!c.is_ascii() && !c.is_whitespace() && !c.is_control())
        });
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.chars().count() <= MAX_DOMAIN_LABEL_CHARS
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
    if local_ok && domain_ok {
        Ok(())
    } else {
        Err(MESSAGE.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_length_and_two_classes() {
        assert!(check_password("correct-horse-42").is_ok());
        assert!(check_password("abcdefghij1").is_ok());
        assert!(check_password("hello world").is_ok());
        assert!(check_password("short1!").is_err());
        assert!(check_password("abcdefghijkl").is_err());
        assert!(check_password("ABCDEFghijkl").is_err());
        assert!(check_password("123456789012").is_err());
        assert!(check_password("!!!!!!!!!!!!").is_err());
        assert!(check_password(&"a1".repeat(128)).is_ok());
        assert!(check_password(&"a1".repeat(129)).is_err());
        // Characters, not bytes.
        assert!(check_password("ééééééééé1").is_ok());
    }

    #[test]
    fn emails_are_checked_for_shape() {
        for ok in [
            "ada@example.com",
            "Ada.Lovelace+uome@mail.example.co.uk",
            "o'brien@example.ie",
            "jürgen@müller.de",
        ] {
            assert!(check_email(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "a b@example.com",
            ".ada@example.com",
            "ada..l@example.com",
            "ada@-example.com",
            "ada@example..com",
            "ada@1.2.3.4",
            "ada@exa_mple.com",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(65));
        assert!(check_email(&long).is_err());
    }

    #[test]
    fn every_bad_field_is_recorded() {
        let mut errors = FieldErrors::new();
        assert_eq!(required_text(&mut errors, "a", &Text::Missing, 5), None);
        assert_eq!(required_text(&mut errors, "b", &Text::NotText, 5), None);
        assert_eq!(required_text(&mut errors, "c", &"   ".into(), 5), None);
        assert_eq!(required_text(&mut errors, "d", &"abcdef".into(), 5), None);
        assert_eq!(
            required_text(&mut errors, "e", &" abc ".into(), 5),
            Some("abc".into())
        );
        assert_eq!(optional_text(&mut errors, "f", &"  ".into(), 5), None);
        assert_eq!(optional_text(&mut errors, "g", &Text::NotText, 5), None);
        assert_eq!(
            new_password(&mut errors, "h", &"  spaced out  ".into()),
            Some("  spaced out  ".into())
        );
        assert_eq!(email(&mut errors, "i", &"nope".into()), None);
        let fields: Vec<String> = errors.into_vec().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["a", "b", "c", "d", "g", "i"]);
    }
}

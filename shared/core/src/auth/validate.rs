//! Field rules of the auth bodies. Each helper records its field's problem
//! in a shared [`FieldErrors`] and hands back the usable value, so a use case
//! checks every field before answering one 422 that lists them all.

use uome_domain::{Email, FieldErrors, Line, TextError};

use super::input::Text;

/// Opaque tokens are 43 characters; anything much longer is not one of ours.
pub const MAX_TOKEN_CHARS: usize = 256;
/// API.md §3: at least 10 characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Long enough for any passphrase or password manager, short enough that
/// nobody posts a megabyte for Argon2 to chew on.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A required field parsed by `parse` (which trims): "is required" when
/// absent, "must be a string" for another JSON type, else `parse`'s
/// refusal ("must not be blank", "must be at most … characters", …).
fn required<T>(
    errors: &mut FieldErrors,
    field: &str,
    value: &Text,
    parse: impl FnOnce(&str) -> Result<T, TextError>,
) -> Option<T> {
    let parsed = match value {
        Text::Missing => Err("is required".to_string()),
        Text::NotText => Err("must be a string".to_string()),
        Text::Given(s) => parse(s).map_err(|refusal| refusal.to_string()),
    };
    parsed.map_err(|message| errors.push(field, message)).ok()
}

/// A required one-line string: trimmed, non-blank, at most `MAX`
/// characters, no control characters ([`Line`]).
pub fn required_text<const MAX: usize>(
    errors: &mut FieldErrors,
    field: &str,
    value: &Text,
) -> Option<Line<MAX>> {
    required(errors, field, value, Line::parse)
}

/// An optional one-line string: blank counts as absent. `None` when absent
/// or unusable (the latter is recorded in `errors`, which the caller checks
/// before using any value).
pub fn optional_text<const MAX: usize>(
    errors: &mut FieldErrors,
    field: &str,
    value: &Text,
) -> Option<Line<MAX>> {
    match value {
        Text::Missing => None,
        Text::Given(s) if s.trim().is_empty() => None,
        _ => required_text(errors, field, value),
    }
}

/// A required email address ([`Email`]: trimmed, case kept for display).
pub fn email(errors: &mut FieldErrors, field: &str, value: &Text) -> Option<Email> {
    required(errors, field, value, Email::parse)
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
    required_text::<MAX_TOKEN_CHARS>(errors, field, value).map(Line::into_string)
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
    fn every_bad_field_is_recorded() {
        let mut errors = FieldErrors::new();
        assert_eq!(required_text::<5>(&mut errors, "a", &Text::Missing), None);
        assert_eq!(required_text::<5>(&mut errors, "b", &Text::NotText), None);
        assert_eq!(required_text::<5>(&mut errors, "c", &"   ".into()), None);
        assert_eq!(required_text::<5>(&mut errors, "d", &"abcdef".into()), None);
        assert_eq!(
            required_text::<5>(&mut errors, "e", &" abc ".into()).as_deref(),
            Some("abc")
        );
        assert_eq!(optional_text::<5>(&mut errors, "f", &"  ".into()), None);
        assert_eq!(optional_text::<5>(&mut errors, "g", &Text::NotText), None);
        assert_eq!(
            new_password(&mut errors, "h", &"  spaced out  ".into()),
            Some("  spaced out  ".into())
        );
        assert_eq!(email(&mut errors, "i", &"nope".into()), None);
        let fields: Vec<String> = errors.into_vec().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["a", "b", "c", "d", "g", "i"]);
    }
}

//! A list's query filters: an absent or empty parameter (`?status=`) means
//! no filter, as an HTML form sends it; any other value is taken exactly as
//! sent, never trimmed, so one value has one spelling and the document's
//! patterns (which allow the empty value) say all there is to say.

/// The filter's value when one is given.
pub fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// [`given`] for an owned value.
pub fn given_owned(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_no_filter_and_spaces_are_kept() {
        assert_eq!(given(None), None);
        assert_eq!(given(Some("")), None);
        assert_eq!(given(Some(" paid")), Some(" paid"));
        assert_eq!(given_owned(Some("x".into())), Some("x".to_owned()));
    }
}

//! Reading an optional stored record: an account that never saved its
//! settings (or company, or bank details) reads as the defaults, while a
//! record that is there but does not parse is still an error.

use std::borrow::Borrow;

use serde::de::DeserializeOwned;

use crate::error::CoreResult;
use crate::ports::Item;

/// `item`'s document as `T`, or `T::default()` when there is no item.
/// Takes owned or borrowed items so batch reads (`take`) and lookups
/// (`get`) share it.
pub(crate) fn parse_or_default<T: DeserializeOwned + Default>(
    item: Option<impl Borrow<Item>>,
) -> CoreResult<T> {
    match item {
        Some(item) => Ok(item.borrow().parse()?),
        None => Ok(T::default()),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;
    use crate::ports::Key;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    struct Prefs {
        #[serde(default)]
        colour: String,
    }

    fn item(data: serde_json::Value) -> Item {
        Item::new(Key::new("ACCOUNT#a", "PREFS"), &data).unwrap()
    }

    #[test]
    fn an_absent_item_is_the_default() {
        let prefs: Prefs = parse_or_default(None::<Item>).unwrap();
        assert_eq!(prefs, Prefs::default());
    }

    #[test]
    fn a_present_item_is_parsed_owned_or_borrowed() {
        let stored = item(json!({"colour": "teal"}));
        let borrowed: Prefs = parse_or_default(Some(&stored)).unwrap();
        let owned: Prefs = parse_or_default(Some(stored)).unwrap();
        assert_eq!(borrowed.colour, "teal");
        assert_eq!(owned, borrowed);
    }

    #[test]
    fn a_corrupt_item_is_an_error_not_the_default() {
        let stored = item(json!({"colour": 7}));
        assert!(parse_or_default::<Prefs>(Some(&stored)).is_err());
    }
}

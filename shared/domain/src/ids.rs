//! Typed ids: an account's, a contact's, a document's. Each is a string
//! underneath (ids are generated UUIDs, or whatever an older item holds),
//! but the types keep a contact id from being passed where an account id is
//! meant, the one mix-up that would cross accounts. An [`AccountId`] comes
//! from a verified token or a stored record, never from a request body.
//!
//! They deref to `str`, so key builders and formatting take them as they
//! are; `Display` and serde are the bare string.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<uuid::Uuid> for $name {
            fn from(id: uuid::Uuid) -> Self {
                Self(id.to_string())
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                Self(id.clone())
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_string())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self == &other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

id_type!(
    /// The account every key of a caller's data lives under.
    AccountId
);
id_type!(
    /// A contact of an account.
    ContactId
);
id_type!(
    /// A quote, invoice or other document of an account.
    DocumentId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_string_everywhere() {
        let id = AccountId::new("acc-1");
        assert_eq!(&*id, "acc-1");
        assert_eq!(id.to_string(), "acc-1");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"acc-1\"");
        let back: AccountId = serde_json::from_str("\"acc-1\"").unwrap();
        assert_eq!(back, id);
        assert_eq!(id, "acc-1");
        assert_eq!("acc-1".to_string(), id);
    }
}

//! Fields a `GET` answered that a client may send back: accepted, ignored.

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny};

/// A read-only field sent back by a client: accepted, ignored.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOnly;

impl<'de> Deserialize<'de> for ReadOnly {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| ReadOnly)
    }
}

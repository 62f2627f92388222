//! Automatic item numbers (`ITM-0001`) from a per-account counter.
//!
//! The counter is an ordinary item (`COUNTER#item`, `{"last": n}`) whose
//! version guards it: the create reads it, then writes `last + 1` with
//! `VersionEquals` in the same transaction as the item and its number
//! guard. Two creates racing for one number cannot both commit; the loser
//! re-reads and takes the next number. Numbers are never handed out twice
//! and never go back, even when items are deleted.

use uome_domain::numbering::{DEFAULT_PADDING, ITEM_PREFIX, format_number};

pub(crate) use crate::counter::Counter;

/// `ITM-0001`; wider once past 9999.
pub(crate) fn item_number(n: u64) -> String {
    format_number(ITEM_PREFIX, n, DEFAULT_PADDING)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_padded_to_four() {
        assert_eq!(item_number(1), "ITM-0001");
        assert_eq!(item_number(12345), "ITM-12345");
    }
}

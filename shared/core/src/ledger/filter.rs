//! What `GET /v1/ledger/transactions` filters on, and the key condition
//! each filter becomes.

use serde_json::json;
use uome_domain::AccountId;

use crate::keys::LEDGER_PREFIX;
use crate::ports::SortKey;

/// The filters of a ledger list. Both are keyed, so a page never reads a
/// row it then throws away.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LedgerFilter {
    /// `(year, month)`: transactions dated that month.
    pub month: Option<(i32, u32)>,
    /// Transactions of one document (an invoice: issue, payments, cancel).
    pub document_id: Option<String>,
}

impl LedgerFilter {
    /// The sort-key condition. The account partition and the by-document
    /// index (gsi2) share the sort-key shape `LEDGER#<date>#<id>`, so a
    /// month is the same `begins_with` on either.
    pub fn sort_key(&self) -> SortKey {
        SortKey::BeginsWith(match self.month {
            Some((year, month)) => format!("{LEDGER_PREFIX}{year:04}-{month:02}-"),
            None => LEDGER_PREFIX.to_string(),
        })
    }

    /// The cursor scope: the account, this list and both filters, so a
    /// cursor only continues the very list it came from (a by-document
    /// cursor names an index key a partition cursor must never be fed).
    pub fn scope(&self, account_id: &AccountId) -> String {
        json!([
            "ledger",
            account_id,
            self.month.map(|(y, m)| format!("{y:04}-{m:02}")),
            self.document_id,
        ])
        .to_string()
    }
}

/// `YYYY-MM` (four-digit year, two-digit month 01–12), or `None`.
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.split_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) {
        return None;
    }
    let year = year.parse::<i32>().ok()?;
    let month = month.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
    Some((year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_strictly() {
        assert_eq!(parse_month("2026-11"), Some((2026, 11)));
        assert_eq!(parse_month("0999-01"), Some((999, 1)));
        for bad in [
            "",
            "2026",
            "2026-1",
            "2026-13",
            "2026-00",
            "26-11",
            "2026-11-01",
            "2026/11",
            "+026-11",
            "2026-+1",
            "２０２６-11",
        ] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
    }

    #[test]
    fn sort_keys_and_scopes() {
        let all = LedgerFilter::default();
        assert_eq!(all.sort_key(), SortKey::BeginsWith("LEDGER#".into()));
        let november = LedgerFilter {
            month: Some((2026, 11)),
            document_id: None,
        };
        assert_eq!(
            november.sort_key(),
            SortKey::BeginsWith("LEDGER#2026-11-".into())
        );
        let by_doc = LedgerFilter {
            month: Some((2026, 11)),
            document_id: Some("d".into()),
        };
        assert_ne!(
            november.scope(&AccountId::from("a")),
            by_doc.scope(&AccountId::from("a"))
        );
        assert_ne!(
            november.scope(&AccountId::from("a")),
            november.scope(&AccountId::from("b"))
        );
        assert_ne!(
            all.scope(&AccountId::from("a")),
            november.scope(&AccountId::from("a"))
        );
    }
}

//! Query of one partition (table or GSI) by sort-key condition, with the
//! port's paging promise: at most `limit` visible items, and `next` exactly
//! when more visible items follow.
//!
//! DynamoDB applies `Limit` before the TTL filter and may stop early at 1 MB,
//! so one request can return fewer items than asked even though more follow.
//! We therefore ask for one item more than the page, keep following
//! `LastEvaluatedKey` until that extra item shows up or the partition ends,
//! and build the cursor from the last item returned (not from DynamoDB's
//! LastEvaluatedKey, which may point past filtered-out items or the extra one).
//! Usually that is one round trip.

use uome_core::ports::table::{MAX_QUERY_LIMIT, Page, Query, SortKey, TableError};

use super::DynamoTable;
use super::codec::{
    ALIVE, Attributes, Expression, TTL, from_attributes, last_key, n, s, start_key,
};
use super::errors::from_sdk;

pub(super) async fn run(table: &DynamoTable, query: &Query) -> Result<Page, TableError> {
    if query.limit == 0 || query.limit > MAX_QUERY_LIMIT {
        return Err(TableError::Invalid(format!(
            "query limit {} is outside 1..={MAX_QUERY_LIMIT}",
            query.limit
        )));
    }
    let Some(mut expr) = key_condition(query) else {
        // An empty range or an empty key matches nothing (and DynamoDB
        // would reject the request rather than say so).
        return Ok(Page {
            items: Vec::new(),
            next: None,
        });
    };
    let limit = query.limit as usize;
    let wanted = limit + 1;
    let now = table.now();
    expr.name("#ttl", TTL);
    expr.value(":now", n(now));
    let mut exclusive_start: Option<Attributes> = query
        .start_after
        .as_ref()
        .map(|last| start_key(last, query.index))
        .transpose()?;
    let mut items = Vec::with_capacity(wanted.min(64));
    loop {
        let remaining = i32::try_from(wanted - items.len()).unwrap_or(i32::MAX);
        let out = table
            .client
            .query()
            .table_name(&table.table_name)
            .set_index_name(query.index.map(|i| i.name().to_owned()))
            // GSIs do not support strongly consistent reads.
            .consistent_read(query.index.is_none())
            .key_condition_expression(&expr.text)
            .filter_expression(ALIVE)
            .set_expression_attribute_names(expr.names_opt())
            .set_expression_attribute_values(expr.values_opt())
            .scan_index_forward(query.forward)
            .limit(remaining)
            .set_exclusive_start_key(exclusive_start.take())
            .send()
            .await
            .map_err(from_sdk)?;
        for attrs in out.items.unwrap_or_default() {
            let item = from_attributes(attrs)?;
            // The filter already did this; checking again costs nothing and
            // keeps the rule in one obvious place for readers of `get`.
            if !item.is_expired(now) {
                items.push(item);
            }
        }
        if items.len() >= wanted {
            break;
        }
        match out.last_evaluated_key {
            Some(key) if !key.is_empty() => exclusive_start = Some(key),
            _ => break,
        }
    }
    let more = items.len() > limit;
    items.truncate(limit);
    let next = if more {
        items.last().map(|item| last_key(item, query.index))
    } else {
        None
    };
    Ok(Page { items, next })
}

/// DynamoDB rejects empty strings as key values, and no stored item has an
/// empty key (the codec refuses them), so conditions on "" are rewritten to
/// what they mean: `None` when nothing can match.
fn without_empty_strings(sk: &SortKey) -> Option<SortKey> {
    Some(match sk {
        SortKey::Eq(v) | SortKey::Lt(v) | SortKey::Lte(v) if v.is_empty() => return None,
        SortKey::BeginsWith(v) | SortKey::Gt(v) | SortKey::Gte(v) if v.is_empty() => SortKey::All,
        // Strings compare as UTF-8 bytes in DynamoDB, as `str` does in Rust.
        SortKey::Between(low, high) if high.is_empty() || low > high => return None,
        SortKey::Between(low, high) if low.is_empty() => SortKey::Lte(high.clone()),
        other => other.clone(),
    })
}

/// `#pk = :pk` plus the sort-key clause, on the table's or the index's key
/// attributes. `None` when the condition cannot match anything.
fn key_condition(query: &Query) -> Option<Expression> {
    if query.pk.is_empty() {
        return None;
    }
    let sk = without_empty_strings(&query.sk)?;
    let (pk_attr, sk_attr) = match query.index {
        Some(index) => (index.pk_attr(), index.sk_attr()),
        None => ("pk", "sk"),
    };
    let mut expr = Expression::default();
    expr.name("#pk", pk_attr);
    expr.value(":pk", s(&query.pk));
    let comparison = |expr: &mut Expression, op: &str, value: &str| {
        expr.name("#sk", sk_attr);
        expr.value(":sk", s(value));
        format!("#pk = :pk AND #sk {op} :sk")
    };
    expr.text = match &sk {
        SortKey::All => "#pk = :pk".to_owned(),
        SortKey::Eq(v) => comparison(&mut expr, "=", v),
        SortKey::Gt(v) => comparison(&mut expr, ">", v),
        SortKey::Gte(v) => comparison(&mut expr, ">=", v),
        SortKey::Lt(v) => comparison(&mut expr, "<", v),
        SortKey::Lte(v) => comparison(&mut expr, "<=", v),
        SortKey::BeginsWith(prefix) => {
            expr.name("#sk", sk_attr);
            expr.value(":sk", s(prefix));
            "#pk = :pk AND begins_with(#sk, :sk)".to_owned()
        }
        SortKey::Between(low, high) => {
            expr.name("#sk", sk_attr);
            expr.value(":low", s(low));
            expr.value(":high", s(high));
            "#pk = :pk AND #sk BETWEEN :low AND :high".to_owned()
        }
    };
    Some(expr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uome_core::ports::table::Index;

    #[test]
    fn index_queries_use_the_index_attributes() {
        let q = Query::partition("P", 10)
            .on(Index::Gsi3)
            .sk(SortKey::BeginsWith("A".into()));
        let expr = key_condition(&q).unwrap();
        assert_eq!(expr.names["#pk"], "gsi3pk");
        assert_eq!(expr.names["#sk"], "gsi3sk");
        assert!(expr.text.contains("begins_with"));
    }

    #[test]
    fn all_uses_no_sort_key_placeholder() {
        let expr = key_condition(&Query::partition("P", 10)).unwrap();
        assert!(!expr.names.contains_key("#sk"));
        assert_eq!(expr.values.len(), 1);
    }

    #[test]
    fn empty_strings_mean_what_they_say() {
        assert_eq!(
            without_empty_strings(&SortKey::BeginsWith(String::new())),
            Some(SortKey::All)
        );
        assert_eq!(without_empty_strings(&SortKey::Lt(String::new())), None);
        assert_eq!(
            without_empty_strings(&SortKey::Between(String::new(), "b".into())),
            Some(SortKey::Lte("b".into()))
        );
        assert!(key_condition(&Query::partition("", 5)).is_none());
    }

    #[test]
    fn inverted_between_matches_nothing() {
        let q = Query::partition("P", 10).sk(SortKey::Between("b".into(), "a".into()));
        assert!(key_condition(&q).is_none());
    }
}

//! The item layout in DynamoDB and the condition expressions over it.
//!
//! Attributes: `pk`, `sk`, `gsiNpk`/`gsiNsk` only when the item is in that
//! index (absent, never NULL: DynamoDB rejects NULL index keys and a sparse
//! index needs the attribute missing), `version` (N), `ttl` (N, epoch
//! seconds, only when set: the table's TTL attribute) and `data` (M).

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::Value;
use uome_core::ports::table::{Condition, Index, IndexKey, Item, Key, LastKey, TableError};

pub(super) type Attributes = HashMap<String, AttributeValue>;

pub(super) const PK: &str = "pk";
pub(super) const SK: &str = "sk";
pub(super) const VERSION: &str = "version";
pub(super) const TTL: &str = "ttl";
pub(super) const DATA: &str = "data";

/// Items whose TTL has not passed at `:now` (also true without a TTL).
pub(super) const ALIVE: &str = "(attribute_not_exists(#ttl) OR #ttl > :now)";

pub(super) fn s(value: &str) -> AttributeValue {
    AttributeValue::S(value.to_owned())
}

pub(super) fn n(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

fn check_key_part(what: &str, value: &str) -> Result<(), TableError> {
    // DynamoDB rejects empty key strings with a ValidationException; say so
    // before the round trip, as the caller's mistake it is.
    if value.is_empty() {
        return Err(TableError::Invalid(format!("{what} must not be empty")));
    }
    Ok(())
}

pub(super) fn key_attributes(key: &Key) -> Result<Attributes, TableError> {
    check_key_part(PK, &key.pk)?;
    check_key_part(SK, &key.sk)?;
    Ok(HashMap::from([
        (PK.to_owned(), s(&key.pk)),
        (SK.to_owned(), s(&key.sk)),
    ]))
}

pub(super) fn to_attributes(item: &Item) -> Result<Attributes, TableError> {
    if !item.data.is_object() {
        return Err(TableError::Invalid(
            "item data must be a JSON object".into(),
        ));
    }
    let mut attrs = key_attributes(&item.key)?;
    for index in Index::ALL {
        if let Some(ik) = item.index_key(index) {
            check_key_part(index.pk_attr(), &ik.pk)?;
            check_key_part(index.sk_attr(), &ik.sk)?;
            attrs.insert(index.pk_attr().to_owned(), s(&ik.pk));
            attrs.insert(index.sk_attr().to_owned(), s(&ik.sk));
        }
    }
    attrs.insert(VERSION.to_owned(), n(item.version));
    if let Some(ttl) = item.expires_at {
        attrs.insert(TTL.to_owned(), n(ttl));
    }
    let data = serde_dynamo::to_attribute_value(&item.data)
        .map_err(|e| TableError::Invalid(e.to_string()))?;
    attrs.insert(DATA.to_owned(), data);
    Ok(attrs)
}

pub(super) fn from_attributes(mut attrs: Attributes) -> Result<Item, TableError> {
    let pk = take_string(&mut attrs, PK);
    let sk = take_string(&mut attrs, SK);
    let key = Key::new(
        pk.clone().unwrap_or_default(),
        sk.clone().unwrap_or_default(),
    );
    let corrupt = |message: String| TableError::Corrupt {
        key: key.clone(),
        message,
    };
    if pk.is_none() || sk.is_none() {
        return Err(corrupt("item lacks a string pk or sk".into()));
    }
    let mut index_key = |index: Index| match (
        take_string(&mut attrs, index.pk_attr()),
        take_string(&mut attrs, index.sk_attr()),
    ) {
        (Some(pk), Some(sk)) => Some(IndexKey { pk, sk }),
        _ => None,
    };
    let (gsi1, gsi2, gsi3) = (
        index_key(Index::Gsi1),
        index_key(Index::Gsi2),
        index_key(Index::Gsi3),
    );
    let version = match attrs.remove(VERSION) {
        Some(AttributeValue::N(v)) => v
            .parse::<u64>()
            .map_err(|e| corrupt(format!("version {v:?}: {e}")))?,
        other => return Err(corrupt(format!("version is not a number: {other:?}"))),
    };
    let expires_at = match attrs.remove(TTL) {
        None => None,
        Some(AttributeValue::N(t)) => {
            Some(parse_epoch(&t).ok_or_else(|| corrupt(format!("ttl {t:?}")))).transpose()?
        }
        Some(other) => return Err(corrupt(format!("ttl is not a number: {other:?}"))),
    };
    let data: Value = match attrs.remove(DATA) {
        Some(av @ AttributeValue::M(_)) => {
            serde_dynamo::from_attribute_value(av).map_err(|e| corrupt(format!("data: {e}")))?
        }
        other => return Err(corrupt(format!("data is not a map: {other:?}"))),
    };
    Ok(Item {
        key,
        gsi1,
        gsi2,
        gsi3,
        version,
        expires_at,
        data,
    })
}

fn take_string(attrs: &mut Attributes, name: &str) -> Option<String> {
    match attrs.remove(name) {
        Some(AttributeValue::S(v)) => Some(v),
        _ => None,
    }
}

/// TTL values written by other tools may carry a fraction; DynamoDB itself
/// only looks at whole seconds.
fn parse_epoch(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok().or_else(|| {
        raw.split_once('.')
            .and_then(|(whole, _)| whole.parse::<i64>().ok())
    })
}

/// The key a query continues from: the table key, plus the index key on an
/// index (DynamoDB needs both to position within a GSI).
pub(super) fn start_key(last: &LastKey, index: Option<Index>) -> Result<Attributes, TableError> {
    let mut attrs = key_attributes(&last.key)?;
    if let Some(index) = index {
        let ik = last.index.as_ref().ok_or_else(|| {
            TableError::Invalid(format!(
                "start_after on {} needs the index key",
                index.name()
            ))
        })?;
        attrs.insert(index.pk_attr().to_owned(), s(&ik.pk));
        attrs.insert(index.sk_attr().to_owned(), s(&ik.sk));
    }
    Ok(attrs)
}

pub(super) fn last_key(item: &Item, index: Option<Index>) -> LastKey {
    LastKey {
        key: item.key.clone(),
        index: index.and_then(|i| item.index_key(i).cloned()),
    }
}

/// A condition or key expression with the names and values it uses (and only
/// those: DynamoDB rejects unused placeholders).
#[derive(Debug, Default)]
pub(super) struct Expression {
    pub text: String,
    pub names: HashMap<String, String>,
    pub values: Attributes,
}

impl Expression {
    pub(super) fn name(&mut self, placeholder: &str, attribute: &str) {
        self.names
            .insert(placeholder.to_owned(), attribute.to_owned());
    }

    pub(super) fn value(&mut self, placeholder: &str, value: AttributeValue) {
        self.values.insert(placeholder.to_owned(), value);
    }

    pub(super) fn names_opt(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }

    pub(super) fn values_opt(&self) -> Option<Attributes> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }
}

/// The condition expression for a write. Expired items count as absent:
/// DynamoDB deletes them lazily, possibly days after `ttl`.
///
/// `Condition::None` gives `None` (an unconditional write) unless
/// `always_expression` is set: a transaction's ConditionCheck must carry an
/// expression, so an unconditional check becomes one that always holds.
pub(super) fn condition(
    condition: Condition,
    now: i64,
    always_expression: bool,
) -> Option<Expression> {
    let mut expr = Expression::default();
    match condition {
        Condition::None if always_expression => {
            expr.text = "attribute_exists(pk) OR attribute_not_exists(pk)".into();
            return Some(expr);
        }
        Condition::None => return None,
        Condition::NotExists => {
            expr.text = "attribute_not_exists(pk) OR #ttl <= :now".into();
        }
        Condition::Exists => {
            expr.text = format!("attribute_exists(pk) AND {ALIVE}");
        }
        Condition::VersionEquals(v) => {
            expr.text = format!("#version = :version AND {ALIVE}");
            expr.name("#version", VERSION);
            expr.value(":version", n(v));
        }
    }
    expr.name("#ttl", TTL);
    expr.value(":now", n(now));
    Some(expr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item() -> Item {
        Item::new(
            Key::new("ACCOUNT#1", "INVOICE#1"),
            &json!({"n": 1, "s": "x", "l": [1, "a"], "o": {"z": null}}),
        )
        .unwrap()
        .with_index(Index::Gsi2, IndexKey::new("DUE#1", "2024-01-01"))
        .with_version(7)
    }

    #[test]
    fn round_trips_and_leaves_absent_indexes_out() {
        let item = item();
        let attrs = to_attributes(&item).unwrap();
        assert!(!attrs.contains_key("gsi1pk") && !attrs.contains_key("gsi3sk"));
        assert!(!attrs.contains_key(TTL));
        assert_eq!(attrs[VERSION], AttributeValue::N("7".into()));
        assert!(matches!(attrs[DATA], AttributeValue::M(_)));
        assert_eq!(from_attributes(attrs).unwrap(), item);
    }

    #[test]
    fn ttl_is_a_number_and_round_trips() {
        let item = item().with_expiry(1_700_000_000);
        let attrs = to_attributes(&item).unwrap();
        assert_eq!(attrs[TTL], AttributeValue::N("1700000000".into()));
        assert_eq!(
            from_attributes(attrs).unwrap().expires_at,
            Some(1_700_000_000)
        );
    }

    #[test]
    fn rejects_non_object_data_and_empty_keys() {
        let mut bad = item();
        bad.data = json!([1]);
        assert!(matches!(to_attributes(&bad), Err(TableError::Invalid(_))));
        let empty = Item::new(Key::new("", "x"), &json!({})).unwrap();
        assert!(matches!(to_attributes(&empty), Err(TableError::Invalid(_))));
    }

    #[test]
    fn corrupt_items_name_their_key() {
        let mut attrs = to_attributes(&item()).unwrap();
        attrs.insert(VERSION.into(), s("seven"));
        assert!(matches!(
            from_attributes(attrs),
            Err(TableError::Corrupt { key, .. }) if key.sk == "INVOICE#1"
        ));
    }

    #[test]
    fn conditions_use_only_their_placeholders() {
        assert!(condition(Condition::None, 5, false).is_none());
        let always = condition(Condition::None, 5, true).unwrap();
        assert!(always.names.is_empty() && always.values.is_empty());
        let version = condition(Condition::VersionEquals(3), 5, false).unwrap();
        assert_eq!(version.values.len(), 2);
        assert_eq!(version.names.len(), 2);
        let not_exists = condition(Condition::NotExists, 5, false).unwrap();
        assert_eq!(not_exists.values[":now"], AttributeValue::N("5".into()));
    }
}

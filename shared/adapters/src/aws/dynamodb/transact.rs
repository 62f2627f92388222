//! TransactWriteItems: all or nothing, with DynamoDB's cancellation reasons
//! turned into the positions of the writes whose condition failed.

use std::collections::HashSet;

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{ConditionCheck, Delete, Put, TransactWriteItem};
use uome_core::ports::table::{MAX_TRANSACTION_ITEMS, TableError, Write};

use super::DynamoTable;
use super::codec::{self, key_attributes, to_attributes};
use super::errors::{from_build, from_cancellation, from_sdk};

pub(super) async fn run(table: &DynamoTable, writes: Vec<Write>) -> Result<(), TableError> {
    validate(&writes)?;
    if writes.is_empty() {
        // Nothing to apply; DynamoDB would reject an empty request.
        return Ok(());
    }
    let now = table.now();
    let items = writes
        .into_iter()
        .map(|write| transact_item(&table.table_name, write, now))
        .collect::<Result<Vec<_>, _>>()?;
    match table
        .client
        .transact_write_items()
        .set_transact_items(Some(items))
        .send()
        .await
    {
        Ok(_) => Ok(()),
        Err(err) => match err.as_service_error() {
            Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) => Err(
                from_cancellation(cancelled.cancellation_reasons(), cancelled.message()),
            ),
            _ => Err(from_sdk(err)),
        },
    }
}

/// DynamoDB's own limits, checked before the round trip so the caller gets
/// `Invalid` rather than a ValidationException.
fn validate(writes: &[Write]) -> Result<(), TableError> {
    if writes.len() > MAX_TRANSACTION_ITEMS {
        return Err(TableError::Invalid(format!(
            "a transaction holds at most {MAX_TRANSACTION_ITEMS} writes, got {}",
            writes.len()
        )));
    }
    let mut keys = HashSet::with_capacity(writes.len());
    for write in writes {
        if !keys.insert(write.key()) {
            return Err(TableError::Invalid(format!(
                "a transaction names {:?} twice",
                write.key()
            )));
        }
    }
    Ok(())
}

fn transact_item(
    table_name: &str,
    write: Write,
    now: i64,
) -> Result<TransactWriteItem, TableError> {
    let builder = TransactWriteItem::builder();
    Ok(match write {
        Write::Put { item, condition } => {
            let mut put = Put::builder()
                .table_name(table_name)
                .set_item(Some(to_attributes(&item)?));
            if let Some(expr) = codec::condition(condition, now, false) {
                put = put
                    .condition_expression(&expr.text)
                    .set_expression_attribute_names(expr.names_opt())
                    .set_expression_attribute_values(expr.values_opt());
            }
            builder.put(put.build().map_err(from_build)?).build()
        }
        Write::Delete { key, condition } => {
            let mut delete = Delete::builder()
                .table_name(table_name)
                .set_key(Some(key_attributes(&key)?));
            if let Some(expr) = codec::condition(condition, now, false) {
                delete = delete
                    .condition_expression(&expr.text)
                    .set_expression_attribute_names(expr.names_opt())
                    .set_expression_attribute_values(expr.values_opt());
            }
            builder.delete(delete.build().map_err(from_build)?).build()
        }
        Write::Check { key, condition } => {
            // `always_expression`: a ConditionCheck must carry an expression,
            // so `Condition::None` becomes one that always holds.
            let expr = codec::condition(condition, now, true).unwrap_or_default();
            let check = ConditionCheck::builder()
                .table_name(table_name)
                .set_key(Some(key_attributes(&key)?))
                .condition_expression(&expr.text)
                .set_expression_attribute_names(expr.names_opt())
                .set_expression_attribute_values(expr.values_opt())
                .build()
                .map_err(from_build)?;
            builder.condition_check(check).build()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use uome_core::ports::table::{Condition, Key};

    fn check(sk: &str) -> Write {
        Write::Check {
            key: Key::new("P", sk),
            condition: Condition::Exists,
        }
    }

    #[test]
    fn rejects_repeated_keys_and_oversized_transactions() {
        assert!(matches!(
            validate(&[check("a"), check("a")]),
            Err(TableError::Invalid(_))
        ));
        let many: Vec<Write> = (0..=MAX_TRANSACTION_ITEMS)
            .map(|i| check(&i.to_string()))
            .collect();
        assert!(matches!(validate(&many), Err(TableError::Invalid(_))));
        assert!(validate(&many[..MAX_TRANSACTION_ITEMS]).is_ok());
    }

    #[test]
    fn an_unconditional_check_still_carries_an_expression() {
        let item = transact_item(
            "t",
            Write::Check {
                key: Key::new("P", "a"),
                condition: Condition::None,
            },
            0,
        )
        .unwrap();
        let expr = item
            .condition_check()
            .map(|c| c.condition_expression().to_owned());
        assert!(expr.is_some_and(|e| !e.is_empty()));
    }
}

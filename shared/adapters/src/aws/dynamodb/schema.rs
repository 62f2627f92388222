//! The product's table, as `infra/template.yaml` declares it: on-demand,
//! `pk`/`sk`, three sparse GSIs projecting everything, TTL on `ttl`.
//! Tests and the local server's DynamoDB mode create it from here.

use std::time::Duration;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, TableStatus, TimeToLiveSpecification,
};
use uome_core::ports::table::{Index, TableError};

use super::codec::{PK, SK, TTL};
use super::errors::{from_build, from_sdk};

/// How long a new table may take to become ACTIVE (real DynamoDB: seconds;
/// moto: immediately).
const ACTIVE_TIMEOUT: Duration = Duration::from_secs(120);
const ACTIVE_POLL: Duration = Duration::from_millis(500);

fn key_element(name: &str, key_type: KeyType) -> Result<KeySchemaElement, TableError> {
    KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(key_type)
        .build()
        .map_err(from_build)
}

fn string_attribute(name: &str) -> Result<AttributeDefinition, TableError> {
    AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(ScalarAttributeType::S)
        .build()
        .map_err(from_build)
}

/// Creates the table `name` with the product's schema, waits until it is
/// ACTIVE and turns TTL on. An existing table is an error
/// (`Backend { code: "ResourceInUseException" }`); see [`ensure_table`].
pub async fn create_table(client: &Client, name: &str) -> Result<(), TableError> {
    let mut request = client
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key_element(PK, KeyType::Hash)?)
        .key_schema(key_element(SK, KeyType::Range)?)
        .attribute_definitions(string_attribute(PK)?)
        .attribute_definitions(string_attribute(SK)?);
    for index in Index::ALL {
        request = request
            .attribute_definitions(string_attribute(index.pk_attr())?)
            .attribute_definitions(string_attribute(index.sk_attr())?)
            .global_secondary_indexes(
                GlobalSecondaryIndex::builder()
                    .index_name(index.name())
                    .key_schema(key_element(index.pk_attr(), KeyType::Hash)?)
                    .key_schema(key_element(index.sk_attr(), KeyType::Range)?)
                    .projection(
                        Projection::builder()
                            .projection_type(ProjectionType::All)
                            .build(),
                    )
                    .build()
                    .map_err(from_build)?,
            );
    }
    request.send().await.map_err(from_sdk)?;
    wait_active(client, name).await?;
    enable_ttl(client, name).await
}

/// Creates the table unless it already exists (the local server's DynamoDB
/// mode calls this at every start). An existing table is not checked
/// against the schema.
pub async fn ensure_table(client: &Client, name: &str) -> Result<(), TableError> {
    match client
        .describe_table()
        .table_name(name)
        .send()
        .await
        .map_err(from_sdk)
    {
        Ok(_) => Ok(()),
        Err(TableError::Backend { code, .. }) if code == "ResourceNotFoundException" => {
            create_table(client, name).await
        }
        Err(e) => Err(e),
    }
}

async fn wait_active(client: &Client, name: &str) -> Result<(), TableError> {
    let deadline = tokio::time::Instant::now() + ACTIVE_TIMEOUT;
    loop {
        let out = client
            .describe_table()
            .table_name(name)
            .send()
            .await
            .map_err(from_sdk)?;
        let status = out.table().and_then(|t| t.table_status());
        if status == Some(&TableStatus::Active) {
            return Ok(());
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(TableError::Backend {
                code: "TableNotActive".into(),
                message: format!("table {name} is still {status:?} after {ACTIVE_TIMEOUT:?}"),
            });
        }
        tokio::time::sleep(ACTIVE_POLL).await;
    }
}

async fn enable_ttl(client: &Client, name: &str) -> Result<(), TableError> {
    let spec = TimeToLiveSpecification::builder()
        .attribute_name(TTL)
        .enabled(true)
        .build()
        .map_err(from_build)?;
    match client
        .update_time_to_live()
        .table_name(name)
        .time_to_live_specification(spec)
        .send()
        .await
        .map_err(from_sdk)
    {
        Ok(_) => Ok(()),
        // Already on (a re-run, or an emulator that enables it with the
        // table): the state we want.
        Err(TableError::Backend { code, message })
            if code == "ValidationException" && message.contains("already enabled") =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

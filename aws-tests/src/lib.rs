//! Reaching the AWS-compatible endpoint (moto's server) that `scripts/test`
//! starts on loopback. Tests skip themselves when `UOME_TEST_AWS_ENDPOINT` is
//! unset (a plain `cargo test`); `scripts/test` always sets it, and sets
//! `UOME_TEST_AWS_REQUIRED=1` so that a missing endpoint fails instead.

use aws_config::{BehaviorVersion, Region, SdkConfig};

pub const ENDPOINT_VAR: &str = "UOME_TEST_AWS_ENDPOINT";
pub const REQUIRED_VAR: &str = "UOME_TEST_AWS_REQUIRED";

/// SDK configuration pointed at the test endpoint with dummy credentials, or
/// `None` when no endpoint is configured (the caller then skips).
pub async fn sdk_config() -> Option<SdkConfig> {
    let Some(endpoint) = std::env::var(ENDPOINT_VAR).ok().filter(|e| !e.is_empty()) else {
        assert!(
            std::env::var(REQUIRED_VAR).is_err(),
            "{REQUIRED_VAR} is set but {ENDPOINT_VAR} is not: the AWS tests must run"
        );
        eprintln!("skipped: {ENDPOINT_VAR} is not set (scripts/test sets it)");
        return None;
    };
    let credentials =
        aws_sdk_dynamodb::config::Credentials::new("testing", "testing", None, None, "uome-tests");
    let config = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("eu-west-2"))
        .endpoint_url(endpoint)
        .credentials_provider(credentials)
        .load()
        .await;
    Some(config)
}

/// A name no other test (or earlier run against the same server) uses:
/// moto's reset wipes everything, so tests isolate by name instead.
pub fn unique_name(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::now_v7().simple())
}

/// An S3 client with path-style addressing (moto serves every bucket on one
/// host) and a fresh bucket of its own, or `None` when no endpoint is set.
pub async fn s3_bucket() -> Option<(aws_sdk_s3::Client, String)> {
    use aws_sdk_s3::types::{BucketLocationConstraint, CreateBucketConfiguration};
    let config = sdk_config().await?;
    let s3_config = aws_sdk_s3::config::Builder::from(&config)
        .force_path_style(true)
        .build();
    let client = aws_sdk_s3::Client::from_conf(s3_config);
    let bucket = unique_name("uome-blobs");
    client
        .create_bucket()
        .bucket(&bucket)
        .create_bucket_configuration(
            CreateBucketConfiguration::builder()
                .location_constraint(BucketLocationConstraint::EuWest2)
                .build(),
        )
        .send()
        .await
        .expect("moto creates the bucket");
    Some((client, bucket))
}

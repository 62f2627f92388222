//! AWS clients built once per cold start, behind core's ports.

use std::sync::Arc;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use uome_core::Ports;
use uome_core::ports::{Blobs, Clock, Mailer, Queue, RandomIds, SystemClock, Table};
use uome_http::{AppContext, HttpConfig, JwtConfig, TableCredentials};

use crate::env::CloudEnv;

/// The context every handler of the function shares.
pub async fn context(env: &CloudEnv) -> AppContext {
    let ports = ports(env).await;
    AppContext::new(
        ports.clone(),
        HttpConfig {
            public_url: env.public_url.clone(),
            jwt: JwtConfig::uome(env.jwt_secret.clone()),
            cursor_secret: derive(&env.jwt_secret, b"uome/cursors"),
            mail_from: env.mail_from.clone(),
        },
    )
    .with_credentials(Arc::new(TableCredentials::new(ports)))
}

/// Core's ports on the AWS services the function links, clients built
/// once per cold start.
pub async fn ports(env: &CloudEnv) -> Ports {
    let sdk = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    Ports {
        table: table(&sdk, env, clock.clone()),
        blobs: blobs(&sdk, env),
        mailer: mailer(&sdk),
        queue: queue(&sdk, env),
        clock,
        ids: Arc::new(RandomIds),
    }
}

/// A key for another purpose, derived so one configured secret never
/// serves two purposes directly.
fn derive(master: &[u8], label: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(label);
    mac.finalize().into_bytes().to_vec()
}

fn table(sdk: &aws_config::SdkConfig, env: &CloudEnv, clock: Arc<dyn Clock>) -> Arc<dyn Table> {
    let client = aws_sdk_dynamodb::Client::new(sdk);
    // `CloudEnv::from_env` refuses to start without UOME_TABLE, so the name
    // is always there.
    let name = env.table.clone().unwrap_or_default();
    Arc::new(uome_adapters::aws::dynamodb::DynamoTable::new(
        client, name, clock,
    ))
}

#[cfg(feature = "s3")]
fn blobs(sdk: &aws_config::SdkConfig, env: &CloudEnv) -> Arc<dyn Blobs> {
    let config = aws_sdk_s3::config::Builder::from(sdk).build();
    let client = aws_sdk_s3::Client::from_conf(config);
    Arc::new(uome_adapters::aws::s3::S3Blobs::new(
        client,
        env.bucket.clone().unwrap_or_default(),
    ))
}

#[cfg(not(feature = "s3"))]
fn blobs(_: &aws_config::SdkConfig, _: &CloudEnv) -> Arc<dyn Blobs> {
    Arc::new(crate::unwired::UnwiredBlobs)
}

#[cfg(feature = "sesv2")]
fn mailer(sdk: &aws_config::SdkConfig) -> Arc<dyn Mailer> {
    Arc::new(uome_adapters::aws::sesv2::SesMailer::new(
        aws_sdk_sesv2::Client::new(sdk),
    ))
}

#[cfg(not(feature = "sesv2"))]
fn mailer(_: &aws_config::SdkConfig) -> Arc<dyn Mailer> {
    Arc::new(crate::unwired::UnwiredMailer)
}

#[cfg(feature = "sqs")]
fn queue(sdk: &aws_config::SdkConfig, env: &CloudEnv) -> Arc<dyn Queue> {
    let urls = env.queue_urls.iter().cloned().collect();
    Arc::new(uome_adapters::aws::sqs::SqsQueue::new(
        aws_sdk_sqs::Client::new(sdk),
        urls,
    ))
}

#[cfg(not(feature = "sqs"))]
fn queue(_: &aws_config::SdkConfig, _: &CloudEnv) -> Arc<dyn Queue> {
    Arc::new(crate::unwired::UnwiredQueue)
}

//! AWS clients built once per cold start, behind core's ports.

use std::sync::Arc;

use aws_smithy_runtime_api::client::http::SharedHttpClient;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uome_adapters::aws::dynamodb::DynamoTable;
use uome_core::Ports;
use uome_core::ports::{Blobs, Clock, Mailer, Queue, RandomIds, SystemClock};
use uome_http::{AppContext, HttpConfig, JwtConfig, TableCredentials};

use crate::env::CloudEnv;
use crate::no_probe::NoProbe;
use crate::services::Services;

/// The context every handler of the function shares.
pub async fn context(env: &CloudEnv, services: Services) -> AppContext {
    let ports = ports(env, services).await;
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

/// Core's ports on DynamoDB and the `services` the function names,
/// clients built once per cold start; the others answer `NotWired`.
pub async fn ports(env: &CloudEnv, services: Services) -> Ports {
    // Lambda gives every function its role's credentials and its region in
    // the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
    // AWS_SESSION_TOKEN, AWS_REGION). Naming those providers spares each
    // cold start the default chains (profile files, web identity, ECS,
    // IMDS), which cost about 0.9 M instructions to build and are never
    // reached (docs/cold-starts.md).
    let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(https_client())
        .credentials_provider(
            aws_config::environment::EnvironmentVariableCredentialsProvider::new(),
        );
    if let Some(region) = &env.region {
        loader = loader.region(aws_config::Region::new(region.clone()));
    }
    let sdk = loader.load().await;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let table = table(&sdk, env, clock.clone());
    // Every request reads the table: its connection is opened now, in
    // init, rather than by the first request. The clients of the other
    // services connect on first use (a handshake each at every cold start
    // would cost more than the rare request that needs one).
    if let Err(error) = table.warm_up().await {
        tracing::warn!(%error, "the table's connection was not opened at init");
    }
    Ports {
        table: Arc::new(table),
        blobs: if services.blobs() {
            blobs(&sdk, env)
        } else {
            Arc::new(crate::unwired::UnwiredBlobs)
        },
        mailer: if services.mail() {
            mailer(&sdk)
        } else {
            Arc::new(crate::unwired::UnwiredMailer)
        },
        queue: if services.queue() {
            queue(&sdk, env)
        } else {
            Arc::new(crate::unwired::UnwiredQueue)
        },
        clock,
        ids: Arc::new(RandomIds),
    }
}

/// The HTTPS client every AWS client of the function shares. It trusts
/// only the roots AWS's endpoints chain to: Amazon Trust Services' Amazon
/// Root CA 1–4 and Starfield Services Root CA G2, which cross-signs them
/// for older clients (every AWS service endpoint has served Amazon Trust
/// Services certificates since 2021), as Mozilla's list has them
/// (`aws-roots.pem`; a test holds the file to `webpki-root-certs`, the
/// list the rustls project ships).
///
/// Why not the SDK's default: it loads the platform's whole store when the
/// clients are built, on Lambda's AL2023 as here 147 files from
/// /etc/ssl/certs, and parses every certificate: about half of a
/// function's init (docs/cold-starts.md), to trust 140 authorities that
/// never sign an AWS endpoint. Why a committed file rather than picking
/// them from `webpki-root-certs` at start: the SDK takes extra roots only
/// as PEM, and finding the five among ~150 and armouring them cost 0.17 M
/// instructions of every cold start.
///
/// The client is wrapped in [`NoProbe`]: see there.
pub fn https_client() -> SharedHttpClient {
    use aws_smithy_http_client::tls::{self, TlsContext, TrustStore};

    let store = TrustStore::empty()
        .with_native_roots(false)
        .with_pem_certificate(AWS_ROOTS_PEM);
    let context = TlsContext::builder()
        .with_trust_store(store)
        .build()
        .unwrap_or_else(|e| unreachable!("a trust store of PEM certificates builds: {e}"));
    let sdk = aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::AwsLc,
        ))
        .tls_context(context)
        .build_https();
    SharedHttpClient::new(NoProbe(sdk))
}

/// The roots of [`https_client`], PEM (RFC 7468: base64 in 64-character
/// lines), in `webpki-root-certs`' order.
const AWS_ROOTS_PEM: &[u8] = include_bytes!("aws-roots.pem");

/// A key for another purpose, derived so one configured secret never
/// serves two purposes directly.
fn derive(master: &[u8], label: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(label);
    mac.finalize().into_bytes().to_vec()
}

fn table(sdk: &aws_config::SdkConfig, env: &CloudEnv, clock: Arc<dyn Clock>) -> DynamoTable {
    let client = aws_sdk_dynamodb::Client::new(sdk);
    // `CloudEnv::from_env` refuses to start without UOME_TABLE, so the name
    // is always there.
    let name = env.table.clone().unwrap_or_default();
    DynamoTable::new(client, name, clock)
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

#[cfg(test)]
mod tests {
    use super::{AWS_ROOTS_PEM, https_client};
    use base64::Engine as _;

    /// Amazon Root CA 1–4 and Starfield Services Root CA G2 from Mozilla's
    /// list, found by their subject names (plain ASCII in the DER; the
    /// roots are self-signed, so subject and issuer alike).
    fn aws_roots() -> Vec<&'static [u8]> {
        let names: [&[u8]; 2] = [
            b"Amazon Root CA ",
            b"Starfield Services Root Certificate Authority - G2",
        ];
        webpki_root_certs::TLS_SERVER_ROOT_CERTS
            .iter()
            .map(|cert| cert.as_ref())
            .filter(|der| {
                names
                    .iter()
                    .any(|name| der.windows(name.len()).any(|w| w == *name))
            })
            .collect()
    }

    fn pem(certs: &[&[u8]]) -> String {
        let mut pem = String::new();
        for der in certs {
            let body = base64::engine::general_purpose::STANDARD.encode(der);
            pem.push_str("-----BEGIN CERTIFICATE-----\n");
            for line in body.as_bytes().chunks(64) {
                pem.push_str(std::str::from_utf8(line).unwrap_or_default());
                pem.push('\n');
            }
            pem.push_str("-----END CERTIFICATE-----\n");
        }
        pem
    }

    /// `UOME_BLESS=1 cargo test -p uome-runtime --lib` writes the file anew
    /// after `webpki-root-certs` changes them; the diff shows what changed.
    #[test]
    fn the_aws_clients_trust_exactly_amazons_roots_as_mozilla_lists_them() {
        let roots = aws_roots();
        assert_eq!(
            roots.len(),
            5,
            "Amazon Root CA 1, 2, 3, 4 and Starfield Services Root CA G2"
        );
        let expected = pem(&roots);
        if std::env::var_os("UOME_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/aws-roots.pem");
            std::fs::write(path, &expected).unwrap_or_else(|e| panic!("writing {path}: {e}"));
        } else {
            assert_eq!(
                std::str::from_utf8(AWS_ROOTS_PEM).unwrap_or_default(),
                expected,
                "shared/runtime/src/aws-roots.pem is not Mozilla's Amazon roots: UOME_BLESS=1 writes it"
            );
        }
        let _client = https_client();
    }
}

//! The SDK's HTTP client without the probe each AWS client's construction
//! makes of it.

use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;

/// Building each AWS client, the SDK asks its HTTP client to "validate"
/// itself, and smithy's builds a whole connector (a rustls configuration,
/// the roots' PEM parsed) and drops it, so that a platform's certificate
/// store is read in init rather than at the first request. The functions'
/// roots are compiled in (`ports::https_client`), so the probe's connector
/// serves nobody: the one requests use is built at the first request (the
/// table's warm-up, in init) and cached for every client with the same
/// timeouts. The probes of three clients were 0.74 M instructions of
/// `contacts`'s init (docs/cold-starts.md, "Fifth round").
#[derive(Debug)]
pub(crate) struct NoProbe(pub(crate) SharedHttpClient);

impl HttpClient for NoProbe {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        self.0.http_connector(settings, components)
    }

    // `validate_base_client_config` and `validate_final_config` keep the
    // trait's defaults, which accept without building anything.

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        self.0.connector_metadata()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use aws_sdk_dynamodb::config::{BehaviorVersion, ConfigBag, Region, RuntimeComponentsBuilder};
    use aws_smithy_runtime_api::box_error::BoxError;
    use aws_smithy_runtime_api::client::http::{
        HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
        SharedHttpConnector,
    };
    use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
    use aws_smithy_runtime_api::client::result::ConnectorError;
    use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;

    use super::NoProbe;

    /// Counts the probes it is given; connects nowhere.
    #[derive(Debug)]
    struct Counting(Arc<AtomicUsize>);

    impl HttpClient for Counting {
        fn http_connector(
            &self,
            _: &HttpConnectorSettings,
            _: &RuntimeComponents,
        ) -> SharedHttpConnector {
            SharedHttpConnector::new(Refusing)
        }

        fn validate_base_client_config(
            &self,
            _: &RuntimeComponentsBuilder,
            _: &ConfigBag,
        ) -> Result<(), BoxError> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(())
        }
    }

    #[derive(Debug)]
    struct Refusing;

    impl HttpConnector for Refusing {
        fn call(&self, _: HttpRequest) -> HttpConnectorFuture {
            HttpConnectorFuture::ready(Err(ConnectorError::other(
                "this test sends nothing".into(),
                None,
            )))
        }
    }

    fn client_on(http: impl HttpClient + 'static) {
        let config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("eu-west-2"))
            .http_client(SharedHttpClient::new(http))
            .build();
        let _client = aws_sdk_dynamodb::Client::from_conf(config);
    }

    #[test]
    fn building_a_client_probes_its_http_client_but_not_through_no_probe() {
        let probes = Arc::new(AtomicUsize::new(0));
        client_on(Counting(probes.clone()));
        assert_eq!(probes.load(Ordering::SeqCst), 1, "the SDK probes");
        client_on(NoProbe(SharedHttpClient::new(Counting(probes.clone()))));
        assert_eq!(
            probes.load(Ordering::SeqCst),
            1,
            "NoProbe passes no probe on"
        );
    }
}

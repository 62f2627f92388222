//! The HTTPS client every function's AWS clients share
//! (`uome_runtime::ports::https_client`: the SDK's, with Amazon's roots
//! compiled in and without the probe each client's construction made of
//! it) carries DynamoDB, S3, SESv2 and SQS calls, the four clients on the
//! one HTTP client as in a function. Skips itself when
//! `UOME_TEST_AWS_ENDPOINT` is unset.

use uome_aws_tests::sdk_config;

#[tokio::test]
async fn every_service_answers_through_the_functions_https_client() {
    let Some(config) = sdk_config().await else {
        return;
    };
    let config = config
        .into_builder()
        .http_client(uome_runtime::ports::https_client())
        .build();

    let dynamodb = aws_sdk_dynamodb::Client::new(&config);
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build(),
    );
    let sesv2 = aws_sdk_sesv2::Client::new(&config);
    let sqs = aws_sdk_sqs::Client::new(&config);

    dynamodb
        .list_tables()
        .send()
        .await
        .expect("DynamoDB answers");
    s3.list_buckets().send().await.expect("S3 answers");
    sesv2
        .list_email_identities()
        .send()
        .await
        .expect("SESv2 answers");
    sqs.list_queues().send().await.expect("SQS answers");
}

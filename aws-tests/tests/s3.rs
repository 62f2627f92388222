//! `S3Blobs` against moto's S3: presigned URLs used for real over HTTP, and
//! the adapter's own head/get/put/delete.

use std::time::Duration;

use uome_adapters::aws::s3::S3Blobs;
use uome_aws_tests::{s3_bucket, unique_name};
use uome_core::ports::{BlobError, BlobMeta, Blobs};

/// A client and a fresh bucket of its own behind `S3Blobs`.
async fn blobs() -> Option<(aws_sdk_s3::Client, S3Blobs)> {
    let (client, bucket) = s3_bucket().await?;
    Some((client.clone(), S3Blobs::new(client, bucket)))
}

#[tokio::test]
async fn presigned_put_then_head_get_presigned_get_and_delete() {
    let Some((_, blobs)) = blobs().await else {
        return;
    };
    let key = "uploads/acc-1/2025 05/ïnvoice #1.pdf";
    let bytes = b"%PDF-1.7\n\x00\x01\x02 not really a pdf".to_vec();

    let put = blobs
        .presign_put(
            key,
            "application/pdf",
            bytes.len() as u64,
            Duration::from_secs(300),
        )
        .await
        .unwrap();
    assert_eq!(put.method, "PUT");
    assert_eq!(
        put.headers.get("content-type").map(String::as_str),
        Some("application/pdf")
    );
    // The size is signed too: the client sends exactly that many bytes.
    assert_eq!(
        put.headers.get("content-length").map(String::as_str),
        Some(bytes.len().to_string().as_str())
    );
    assert!(put.expires_at > chrono::Utc::now());

    let http = reqwest::Client::new();
    let mut request = http.put(&put.url).body(bytes.clone());
    for (name, value) in &put.headers {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());

    assert_eq!(
        blobs.head(key).await.unwrap(),
        Some(BlobMeta {
            size: bytes.len() as u64,
            content_type: Some("application/pdf".into()),
        })
    );
    assert_eq!(blobs.get(key).await.unwrap().unwrap(), bytes);

    let get = blobs
        .presign_get(key, Duration::from_secs(300))
        .await
        .unwrap();
    assert_eq!(get.method, "GET");
    let response = http.get(&get.url).send().await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(response.bytes().await.unwrap().as_ref(), bytes.as_slice());

    blobs.delete(key).await.unwrap();
    assert_eq!(blobs.head(key).await.unwrap(), None);
    assert_eq!(blobs.get(key).await.unwrap(), None);
    // Deleting what is not there is not an error.
    blobs.delete(key).await.unwrap();
}

#[tokio::test]
async fn put_overwrites_and_missing_keys_are_none() {
    let Some((_, blobs)) = blobs().await else {
        return;
    };
    assert_eq!(blobs.head("nope/missing.csv").await.unwrap(), None);
    assert_eq!(blobs.get("nope/missing.csv").await.unwrap(), None);

    blobs
        .put("exports/a.csv", b"a,b\n".to_vec(), "text/csv")
        .await
        .unwrap();
    blobs
        .put(
            "exports/a.csv",
            b"a,b\n1,2\n".to_vec(),
            "text/csv; charset=utf-8",
        )
        .await
        .unwrap();
    let meta = blobs.head("exports/a.csv").await.unwrap().unwrap();
    assert_eq!(meta.size, 8);
    assert_eq!(
        meta.content_type.as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(
        blobs.get("exports/a.csv").await.unwrap().unwrap(),
        b"a,b\n1,2\n"
    );

    assert!(matches!(blobs.get("").await, Err(BlobError::InvalidKey(_))));
}

#[tokio::test]
async fn backend_errors_carry_the_aws_code() {
    let Some((client, _)) = blobs().await else {
        return;
    };
    let missing = S3Blobs::new(client, unique_name("uome-no-such-bucket"));
    match missing.get("k").await {
        Err(BlobError::Backend { code, .. }) => assert_eq!(code, "NoSuchBucket"),
        other => panic!("expected NoSuchBucket, got {other:?}"),
    }
    match missing.put("k", vec![1], "text/plain").await {
        Err(BlobError::Backend { code, .. }) => assert_eq!(code, "NoSuchBucket"),
        other => panic!("expected NoSuchBucket, got {other:?}"),
    }
}

/// `open` streams the object piece by piece (what a 50 MiB import is read
/// with): the pieces add up to the object, and a missing key is `None`.
#[tokio::test]
async fn open_streams_the_object_in_pieces() {
    let Some((_, blobs)) = blobs().await else {
        return;
    };
    assert!(blobs.open("imports/missing.json").await.unwrap().is_none());
    let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    blobs
        .put("imports/big.json", bytes.clone(), "application/json")
        .await
        .unwrap();
    let mut chunks = blobs.open("imports/big.json").await.unwrap().unwrap();
    let mut read = Vec::new();
    let mut pieces = 0;
    while let Some(piece) = chunks.next_chunk().await.unwrap() {
        assert!(!piece.is_empty());
        read.extend(piece);
        pieces += 1;
    }
    assert_eq!(read, bytes);
    assert!(pieces >= 1);
}

//! Uploads over HTTP on the local server (API.md §11): ask for a presigned
//! PUT, send the bytes, and the same processing S3's ObjectCreated event
//! drives in the cloud makes the upload `ready` with a thumbnail, or
//! `rejected` with the object gone. Another account sees nothing.

use std::io::Cursor;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uome_tests::server::{TestAccount, TestServer};

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// Asks for an upload of `size` bytes of `content_type`: the presigned
/// answer.
async fn presign(
    t: &TestServer,
    a: &TestAccount,
    purpose: &str,
    content_type: &str,
    size: usize,
) -> Value {
    let (status, presigned) = t
        .call(
            a,
            Method::POST,
            "/v1/uploads",
            Some(json!({
                "purpose": purpose, "file_name": "photo of me.png",
                "content_type": content_type, "size_bytes": size
            })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{presigned}");
    assert_eq!(presigned["method"], "PUT");
    presigned
}

/// PUTs `body` to the presigned URL with the headers it asks for.
async fn put_signed(t: &TestServer, presigned: &Value, body: Vec<u8>) -> reqwest::Response {
    let mut put = t.client.put(presigned["url"].as_str().unwrap());
    for (name, value) in presigned["headers"].as_object().unwrap() {
        put = put.header(name, value.as_str().unwrap());
    }
    put.body(body).send().await.unwrap()
}

/// Asks for an upload of `bytes` and PUTs them as the answer says.
async fn upload(
    t: &TestServer,
    a: &TestAccount,
    purpose: &str,
    content_type: &str,
    bytes: &[u8],
) -> String {
    let presigned = presign(t, a, purpose, content_type, bytes.len()).await;
    let response = put_signed(t, &presigned, bytes.to_vec()).await;
    assert!(response.status().is_success(), "{}", response.status());
    presigned["upload_id"].as_str().unwrap().to_string()
}

async fn get(t: &TestServer, a: &TestAccount, id: &str) -> (StatusCode, Value) {
    t.call(a, Method::GET, &format!("/v1/uploads/{id}"), None)
        .await
}

#[tokio::test]
async fn an_image_becomes_ready_with_a_thumbnail_and_links_only_for_its_account() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let bytes = png(1200, 600);
    let id = upload(&t, &a, "avatar", "image/png", &bytes).await;
    let (status, view) = get(&t, &a, &id).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["status"], "ready", "{view}");
    assert_eq!(view["bytes"], bytes.len());
    assert_eq!(
        (view["width"].clone(), view["height"].clone()),
        (json!(1200), json!(600))
    );
    assert_eq!(view["sha256"].as_str().unwrap().len(), 64);
    let file = t
        .client
        .get(view["download_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(file.bytes().await.unwrap().as_ref(), bytes.as_slice());
    let thumb = t
        .client
        .get(view["thumbnail_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    let thumb = image::load_from_memory(&thumb.bytes().await.unwrap()).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (256, 128));

    // The ready upload is the company's logo.
    let logo = json!({"name": "Acme Ltd", "logo_upload_id": id});
    let (status, company) = t
        .call(&a, Method::PUT, "/v1/account/company", Some(logo.clone()))
        .await;
    assert_eq!(status, StatusCode::OK, "{company}");
    assert!(company["logo_url"].is_string(), "{company}");

    // Another account can neither read nor link it.
    let b = t.account(true).await;
    assert_eq!(get(&t, &b, &id).await.0, StatusCode::NOT_FOUND);
    let (status, problem) = t
        .call(&b, Method::PUT, "/v1/account/company", Some(logo))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "logo_upload_id");
}

#[tokio::test]
async fn a_lying_file_is_rejected_and_gone() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
    elf.resize(200, 0);
    let id = upload(&t, &a, "expense", "image/png", &elf).await;
    let (_, view) = get(&t, &a, &id).await;
    assert_eq!(view["status"], "rejected");
    assert!(
        view["reason"].as_str().unwrap().contains("a program"),
        "{view}"
    );
    assert!(view["download_url"].is_null());
    // A rejected upload cannot be linked.
    let (status, problem) = t
        .call(
            &a,
            Method::PUT,
            "/v1/account/company",
            Some(json!({"name": "Acme Ltd", "logo_upload_id": id})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
}

#[tokio::test]
async fn bad_requests_are_422_with_every_field_and_write_nothing() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let (status, problem) = t
        .call(&a, Method::POST, "/v1/uploads", Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "purpose");
    let (status, problem) = t
        .call(
            &a,
            Method::POST,
            "/v1/uploads",
            Some(json!({"purpose": "avatar", "file_name": "x.pdf", "content_type": "application/pdf", "size_bytes": 6_000_000, "import_type": "customers"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["content_type", "size_bytes", "import_type"],
        "{problem}"
    );
    let (status, problem) = t
        .call(
            &a,
            Method::POST,
            "/v1/uploads",
            Some(json!({"purpose": "import", "file_name": "rows.json", "content_type": "application/json", "size_bytes": 10})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "import_type");
    assert_eq!(
        get(&t, &a, "0192f0c4-5a6b-7c8d-9e0f-112233445566").await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_put_of_another_size_or_type_than_signed_is_refused() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let bytes = png(10, 10);
    let presigned = presign(&t, &a, "attachment", "image/png", bytes.len()).await;
    let url = presigned["url"].as_str().unwrap();
    let longer = [bytes.as_slice(), b"tail"].concat();
    for (content_type, body) in [("image/png", longer), ("image/jpeg", bytes.clone())] {
        let response = t
            .client
            .put(url)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
    let id = presigned["upload_id"].as_str().unwrap();
    assert_eq!(get(&t, &a, id).await.1["status"], "pending");
}

/// The presigned URL writes once: while it is still valid, a second PUT
/// cannot swap checked bytes for unchecked ones.
#[tokio::test]
async fn a_checked_file_cannot_be_replaced_through_its_url() {
    let t = TestServer::start().await;
    let a = t.account(true).await;
    let bytes = png(10, 10);
    let presigned = presign(&t, &a, "attachment", "image/png", bytes.len()).await;
    assert_eq!(presigned["headers"]["if-none-match"], "*");
    assert!(
        put_signed(&t, &presigned, bytes.clone())
            .await
            .status()
            .is_success()
    );
    let id = presigned["upload_id"].as_str().unwrap();
    let (_, ready) = get(&t, &a, id).await;
    assert_eq!(ready["status"], "ready");
    let mut other = png(10, 10);
    let at = other.len() - 20;
    other[at] ^= 0xff;
    let again = put_signed(&t, &presigned, other).await;
    assert!(!again.status().is_success(), "{}", again.status());
    assert_eq!(get(&t, &a, id).await.1["sha256"], ready["sha256"]);
}

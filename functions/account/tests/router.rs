//! The account routes through the whole HTTP stack (`oneshot`), over the
//! embedded adapters.

mod common;

use common::{Fixture, PNG, error_fields};
use http::Method;
use serde_json::{Value, json};
use uome_core::keys::{bank_key, upload_key, user_key};
use uome_domain::AccountId;
use uome_domain::ContactId;

// ---------------------------------------------------------------- profile

#[tokio::test]
async fn profile_reads_what_sign_up_wrote_and_round_trips() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let (status, headers, body) = f.owner(&a, Method::GET, "/v1/account/profile", None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["email"], "ada@example.com");
    assert_eq!(body["first_name"], "Ada");
    assert_eq!(body["version"], 1);
    assert_eq!(body["avatar_url"], Value::Null);
    assert_eq!(headers["etag"], "\"1\"");

    let put = json!({
        "first_name": " Ada ", "last_name": "King", "phone": "+44 20 7946 0958",
        "address": {"line1": "12 St James's Square", "city": "London", "postal_code": "SW1Y 4JH", "country_code": "gb"},
        "version": 1
    });
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/profile", Some(put))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["first_name"], "Ada");
    assert_eq!(body["last_name"], "King");
    assert_eq!(body["version"], 2);
    assert_eq!(body["address"]["country_code"], "GB");
    assert_eq!(
        body["address"]["full_address"],
        "12 St James's Square\nSW1Y 4JH London\nGB"
    );

    // What was read comes back only without its read-only fields: each is
    // a 422 naming it.
    let (_, _, mut read) = f.owner(&a, Method::GET, "/v1/account/profile", None).await;
    assert_eq!(read["phone"], "+44 20 7946 0958");
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/profile", Some(read.clone()))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["message"], "is read-only");
    for field in [
        "id",
        "email",
        "email_verified",
        "avatar_upload_id",
        "avatar_url",
        "updated_at",
    ] {
        read.as_object_mut().unwrap().remove(field);
    }
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/profile", Some(read))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["version"], 3);

    // Fields auth keeps on the user item survive, and its mirrored version follows.
    let item = f
        .ctx
        .ports
        .table
        .get(&user_key(&a.account_id, &a.user_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(item.data["auth_marker"], "keep me");
    assert_eq!(item.data["email"], "ada@example.com");
    assert_eq!(item.data["version"], 3);
    assert_eq!(item.version, 3);
}

#[tokio::test]
async fn profile_put_lists_every_bad_field_and_writes_nothing() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let put = json!({
        "first_name": "  ", "last_name": "x".repeat(256), "phone": "call me",
        "address": {"country_code": "XX", "city": "y".repeat(300)}
    });
    let (status, headers, body) = f
        .owner(&a, Method::PUT, "/v1/account/profile", Some(put))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(
        error_fields(&body),
        [
            "first_name",
            "last_name",
            "phone",
            "address.city",
            "address.country_code"
        ]
    );
    let (_, _, read) = f.owner(&a, Method::GET, "/v1/account/profile", None).await;
    assert_eq!(read["version"], 1);

    // A missing name is reported like an empty one, both at once.
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/profile", Some(json!({})))
        .await;
    assert_eq!(status, 422);
    assert_eq!(error_fields(&body), ["first_name", "last_name"]);
    // Unknown fields are refused.
    let (status, _, body) = f
        .owner(
            &a,
            Method::PUT,
            "/v1/account/profile",
            Some(json!({"first_name": "A", "last_name": "B", "role": "admin"})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(error_fields(&body), ["role"]);
}

#[tokio::test]
async fn stale_if_match_is_a_version_conflict() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let auth = format!("Bearer {}", a.token);
    let body = json!({"first_name": "Ada", "last_name": "King"});
    let (status, _, _) = f
        .call(
            Method::PUT,
            "/v1/account/profile",
            &[("authorization", &auth), ("if-match", "\"1\"")],
            Some(body.clone()),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _, problem) = f
        .call(
            Method::PUT,
            "/v1/account/profile",
            &[("authorization", &auth), ("if-match", "1")],
            Some(json!({"first_name": "Someone", "last_name": "Else"})),
        )
        .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "version_conflict");
    assert_eq!(problem["current_version"], 2);
    let (_, _, read) = f.owner(&a, Method::GET, "/v1/account/profile", None).await;
    assert_eq!(read["last_name"], "King");

    // Header and body disagreeing is the client's mistake.
    let (status, _, problem) = f
        .call(
            Method::PUT,
            "/v1/account/profile",
            &[("authorization", &auth), ("if-match", "2")],
            Some(json!({"first_name": "A", "last_name": "B", "version": 1})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(error_fields(&problem), ["version"]);
    let (status, _, problem) = f
        .call(
            Method::PUT,
            "/v1/account/profile",
            &[("authorization", &auth), ("if-match", "soon")],
            Some(body),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(problem["code"], "invalid_if_match");
}

#[tokio::test]
async fn no_credentials_is_401_and_a_portal_token_is_403() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let (status, _, problem) = f.call(Method::GET, "/v1/account/profile", &[], None).await;
    assert_eq!(status, 401);
    assert_eq!(problem["code"], "unauthorized");

    let portal =
        uome_core::portal::issue(&f.ctx.ports, &a.account_id, &ContactId::from("contact-1"))
            .await
            .unwrap();
    let auth = format!("Bearer {}", portal.token);
    for path in [
        "/v1/account/profile",
        "/v1/account/settings",
        "/v1/account/api-clients",
    ] {
        let (status, _, problem) = f
            .call(Method::GET, path, &[("authorization", &auth)], None)
            .await;
        assert_eq!(status, 403, "{path}");
        assert_eq!(problem["code"], "forbidden");
    }
}

// ---------------------------------------------------------------- company

#[tokio::test]
async fn company_defaults_then_round_trip() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let (status, _, body) = f.owner(&a, Method::GET, "/v1/account/company", None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["name"], "Engines Ltd");
    assert_eq!(body["default_currency"], "GBP");
    assert_eq!(body["timezone"], "Europe/London");
    assert_eq!(body["vat_number"], Value::Null);
    assert_eq!(body["version"], 1);

    let put = json!({
        "name": "Analytical Engines Ltd", "registration_number": "01234567",
        "vat_number": "GB123456789", "industry": "Engineering",
        "address": {"line1": "1 High Street", "city": "London", "country_code": "GB"},
        "email": "accounts@example.com", "phone": "020 7946 0958", "website": "www.example.com",
        "default_currency": "eur", "timezone": "Europe/Berlin"
    });
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/company", Some(put))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["default_currency"], "EUR");
    assert_eq!(body["timezone"], "Europe/Berlin");
    assert_eq!(body["website"], "https://www.example.com");
    assert_eq!(body["version"], 2);

    // Full replace: omitted fields are cleared, currency and zone go back to defaults.
    let (status, _, body) = f
        .owner(
            &a,
            Method::PUT,
            "/v1/account/company",
            Some(json!({"name": "Engines", "version": 2})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["vat_number"], Value::Null);
    assert_eq!(body["default_currency"], "GBP");
    assert_eq!(body["timezone"], "Europe/London");
}

#[tokio::test]
async fn company_put_lists_every_bad_field() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let put = json!({
        "name": "", "vat_number": "v".repeat(65), "email": "nope", "phone": "x",
        "website": "ftp://example.com", "default_currency": "XYZ", "timezone": "Mars/Olympus_Mons",
        "address": {"country_code": "ZZ"}
    });
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/company", Some(put))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        error_fields(&body),
        [
            "name",
            "vat_number",
            "address.country_code",
            "email",
            "phone",
            "website",
            "default_currency",
            "timezone"
        ]
    );
}

#[tokio::test]
async fn company_logo_must_be_a_ready_image_upload() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let (status, _, upload) = f
        .owner(
            &a,
            Method::POST,
            "/v1/account/avatar/upload-url",
            Some(json!({"file_name": "logo.png", "content_type": "image/png", "size_bytes": PNG.len()})),
        )
        .await;
    assert_eq!(status, 201);
    let upload_id = upload["upload_id"].as_str().unwrap().to_string();
    let body = json!({"name": "Engines", "logo_upload_id": upload_id});

    let (status, _, problem) = f
        .owner(&a, Method::PUT, "/v1/account/company", Some(body.clone()))
        .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "upload_not_ready");

    put_blob(&f, &a.account_id, &upload_id).await;
    let (status, _, company) = f
        .owner(&a, Method::PUT, "/v1/account/company", Some(body))
        .await;
    assert_eq!(status, 200, "{company}");
    assert_eq!(company["logo_upload_id"], upload_id.as_str());
    assert!(
        company["logo_url"]
            .as_str()
            .unwrap()
            .contains("/_local/blobs/")
    );

    let unknown = json!({"name": "Engines", "logo_upload_id": uuid::Uuid::now_v7().to_string()});
    let (status, _, problem) = f
        .owner(&a, Method::PUT, "/v1/account/company", Some(unknown))
        .await;
    assert_eq!(status, 422);
    assert_eq!(problem["errors"][0]["field"], "logo_upload_id");
}

// ------------------------------------------------------------------- bank

#[tokio::test]
async fn bank_round_trip_is_masked_on_the_way_out() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let (status, _, body) = f.owner(&a, Method::GET, "/v1/account/bank", None).await;
    assert_eq!(status, 200);
    assert_eq!(body["version"], 0);
    assert_eq!(body["account_number"], Value::Null);

    let put = json!({
        "account_name": "Analytical Engines Ltd", "sort_code": "123456", "account_number": "12345678",
        "institution": "Westminster Bank", "iban": "gb82 west 1234 5698 7654 32", "bic": "nwbkgb2l"
    });
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/bank", Some(put))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["sort_code"], "12-34-56");
    assert_eq!(body["account_number"], "****5678");
    assert_eq!(body["iban"], "******************5432");
    assert_eq!(body["bic"], "NWBKGB2L");
    assert_eq!(body["version"], 1);

    let (_, _, read) = f.owner(&a, Method::GET, "/v1/account/bank", None).await;
    assert_eq!(read["account_number"], "****5678");
    assert_eq!(read["iban"], "******************5432");
    let stored = f
        .ctx
        .ports
        .table
        .get(&bank_key(&a.account_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.data["account_number"], "12345678");
    assert_eq!(stored.data["iban"], "GB82WEST12345698765432");

    // Sending back the masked values keeps the stored numbers; the
    // read-only `updated_at` may not come back.
    let mut again = read.clone();
    again["institution"] = json!("NatWest");
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/bank", Some(again.clone()))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "updated_at");
    assert_eq!(body["errors"][0]["message"], "is read-only");
    again.as_object_mut().unwrap().remove("updated_at");
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/bank", Some(again))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["institution"], "NatWest");
    let stored = f
        .ctx
        .ports
        .table
        .get(&bank_key(&a.account_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.data["account_number"], "12345678");
    assert_eq!(stored.data["iban"], "GB82WEST12345698765432");
    assert_eq!(stored.version, 2);
}

#[tokio::test]
async fn a_business_outside_the_uk_stores_an_iban_alone() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines GmbH").await;
    let put = json!({"account_name": "Engines GmbH", "institution": "Commerzbank",
                     "iban": "DE89 3704 0044 0532 0130 00", "bic": "COBADEFFXXX"});
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/bank", Some(put))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["iban"], "******************3000");
    assert_eq!(body["sort_code"], Value::Null);
    for (put, fields) in [
        (
            json!({"account_name": "X", "institution": "Y"}),
            vec!["iban"],
        ),
        (
            json!({"account_name": "X", "institution": "Y", "sort_code": "12-34-56"}),
            vec!["account_number"],
        ),
        (
            json!({"account_name": "X", "institution": "Y", "account_number": "12345678"}),
            vec!["sort_code"],
        ),
        (
            json!({"account_name": "X", "institution": "Y", "bic": "COBADEFFXXX"}),
            vec!["iban", "bic"],
        ),
    ] {
        let (status, _, body) = f
            .owner(&a, Method::PUT, "/v1/account/bank", Some(put))
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(error_fields(&body), fields, "{body}");
    }
}

#[tokio::test]
async fn bank_put_lists_every_bad_field() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let put = json!({
        "sort_code": "12-34", "account_number": "1234",
        "iban": "GB82WEST12345698765433", "bic": "XX"
    });
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/bank", Some(put))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        error_fields(&body),
        [
            "account_name",
            "sort_code",
            "account_number",
            "institution",
            "iban",
            "bic"
        ]
    );
    // Not even the rejected values are echoed.
    assert!(!body.to_string().contains("GB82WEST12345698765433"));
    let (_, _, read) = f.owner(&a, Method::GET, "/v1/account/bank", None).await;
    assert_eq!(read["version"], 0);
}

// --------------------------------------------------------------- settings

#[tokio::test]
async fn settings_defaults_round_trip_and_purchase_orders_switch() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let (status, _, body) = f.owner(&a, Method::GET, "/v1/account/settings", None).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({
            "purchase_orders_enabled": false,
            "default_payment_terms_days": 30,
            "numbering": {"invoice_prefix": "INV-", "quote_prefix": "QUO-", "order_prefix": "ORD-",
                          "purchase_order_prefix": "PO-", "credit_note_prefix": "CN-",
                          "receipt_prefix": "RCT-", "padding": 4},
            "reminders": {"enabled": true, "before_due_days": 3, "levels": [1, 7, 14]},
            "cash_rounding": null,
            "reverse_charge": false,
            "vat_exemption_reason": null,
            "custom_field_labels": [],
            "version": 0,
            "updated_at": null
        })
    );

    let put = json!({
        "purchase_orders_enabled": true, "default_payment_terms_days": 14,
        "numbering": {"invoice_prefix": "F-", "padding": 6},
        "reminders": {"enabled": false, "before_due_days": 5, "levels": [3, 10]},
        "cash_rounding": "0.10",
        "reverse_charge": true,
        "vat_exemption_reason": "  Exempt under Article 132  ",
        "custom_field_labels": ["Project", null, " Site "],
        "version": 0
    });
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/settings", Some(put))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["version"], 1);
    assert_eq!(body["numbering"]["invoice_prefix"], "F-");
    assert_eq!(body["numbering"]["quote_prefix"], "QUO-");
    assert_eq!(body["numbering"]["padding"], 6);
    assert_eq!(body["reminders"]["levels"], json!([3, 10]));
    assert_eq!(body["default_payment_terms_days"], 14);
    assert_eq!(body["cash_rounding"], "0.1");
    assert_eq!(body["reverse_charge"], true);
    assert_eq!(body["vat_exemption_reason"], "Exempt under Article 132");
    assert_eq!(
        body["custom_field_labels"],
        json!(["Project", null, "Site"])
    );

    let (status, _, body) = f
        .owner(
            &a,
            Method::PUT,
            "/v1/account/settings/purchase-orders",
            Some(json!({"status": "I"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["purchase_orders_enabled"], false);
    assert_eq!(
        body["numbering"]["invoice_prefix"], "F-",
        "other settings are kept"
    );
    assert_eq!(body["version"], 2);
    let (status, _, body) = f
        .owner(
            &a,
            Method::PUT,
            "/v1/account/settings/purchase-orders",
            Some(json!({"status": "A", "version": 2})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["purchase_orders_enabled"], true);

    let (status, _, problem) = f
        .owner(
            &a,
            Method::PUT,
            "/v1/account/settings/purchase-orders",
            Some(json!({"status": "on"})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(error_fields(&problem), ["status"]);

    let settings = uome_core::account::load_settings(f.ctx.ports.table.as_ref(), &a.account_id)
        .await
        .unwrap();
    assert!(settings.purchase_orders_enabled);
    assert_eq!(
        settings
            .numbering
            .format(&settings.numbering.invoice_prefix, 12),
        "F-000012"
    );
}

#[tokio::test]
async fn settings_put_lists_every_bad_field_and_checks_versions() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let put = json!({
        "default_payment_terms_days": -1,
        "numbering": {"invoice_prefix": "IN V", "credit_note_prefix": "C".repeat(21), "padding": 13},
        "reminders": {"before_due_days": 400, "levels": [14, 7, 0]}
    });
    let (status, _, body) = f
        .owner(&a, Method::PUT, "/v1/account/settings", Some(put))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        error_fields(&body),
        [
            "default_payment_terms_days",
            "numbering.invoice_prefix",
            "numbering.credit_note_prefix",
            "numbering.padding",
            "reminders.before_due_days",
            "reminders.levels[1]",
            "reminders.levels[2]"
        ]
    );
    // A version for a resource never stored is stale.
    let (status, _, problem) = f
        .owner(
            &a,
            Method::PUT,
            "/v1/account/settings",
            Some(json!({"version": 3})),
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "version_conflict");
    assert_eq!(problem["current_version"], 0);
}

// ----------------------------------------------------------------- avatar

/// The bytes of an upload land, and are processed.
async fn put_blob(f: &Fixture, account_id: &AccountId, upload_id: &str) {
    let item = f
        .ctx
        .ports
        .table
        .get(&upload_key(account_id, upload_id))
        .await
        .unwrap()
        .unwrap();
    let key = item.data["key"].as_str().unwrap().to_string();
    assert!(key.starts_with(&format!("accounts/{account_id}/uploads/{upload_id}/")));
    f.ctx
        .ports
        .blobs
        .put(&key, PNG.to_vec(), "image/png")
        .await
        .unwrap();
    // What S3's ObjectCreated event (or the local server's PUT) sets off.
    let processed = uome_core::uploads::process_object(&f.ctx.ports, &key)
        .await
        .unwrap();
    assert_eq!(processed, uome_core::uploads::Processed::Ready);
}

#[tokio::test]
async fn avatar_upload_then_link() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let (status, _, upload) = f
        .owner(
            &a,
            Method::POST,
            "/v1/account/avatar/upload-url",
            Some(
                json!({"file_name": "My Photo.PNG", "content_type": "image/png", "size_bytes": 68}),
            ),
        )
        .await;
    assert_eq!(status, 201, "{upload}");
    assert_eq!(upload["method"], "PUT");
    assert_eq!(upload["headers"]["content-type"], "image/png");
    assert!(upload["url"].as_str().unwrap().contains("My_Photo.PNG"));
    let expires: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(upload["expires_at"].clone()).unwrap();
    assert_eq!(expires - f.ctx.now(), chrono::Duration::minutes(15));
    let upload_id = upload["upload_id"].as_str().unwrap().to_string();
    let stored = f
        .ctx
        .ports
        .table
        .get(&upload_key(&a.account_id, &upload_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.data["status"], "pending");
    assert_eq!(stored.data["purpose"], "avatar");
    assert_eq!(stored.data["file_name"], "My Photo.PNG");

    // Before the bytes land: not ready.
    let link = json!({"upload_id": upload_id});
    let (status, _, problem) = f
        .owner(&a, Method::PUT, "/v1/account/avatar", Some(link.clone()))
        .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "upload_not_ready");
    assert_eq!(problem["status"], 409);
    assert_eq!(problem["upload_status"], "pending");
    assert_eq!(problem["upload_id"], upload_id.as_str());

    put_blob(&f, &a.account_id, &upload_id).await;
    let (status, _, profile) = f
        .owner(&a, Method::PUT, "/v1/account/avatar", Some(link))
        .await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["avatar_upload_id"], upload_id.as_str());
    assert!(
        profile["avatar_url"]
            .as_str()
            .unwrap()
            .contains("method=GET")
    );
    assert_eq!(profile["version"], 2);
    let (_, _, read) = f.owner(&a, Method::GET, "/v1/account/profile", None).await;
    assert_eq!(read["avatar_upload_id"], upload_id.as_str());
    assert!(read["avatar_url"].is_string());
}

#[tokio::test]
async fn upload_url_lists_every_bad_field() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let body = json!({"file_name": "x".repeat(256), "content_type": "application/pdf", "size_bytes": 6 * 1024 * 1024});
    let (status, _, problem) = f
        .owner(
            &a,
            Method::POST,
            "/v1/account/avatar/upload-url",
            Some(body),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(
        error_fields(&problem),
        ["file_name", "content_type", "size_bytes"]
    );
    let (status, _, problem) = f
        .owner(
            &a,
            Method::POST,
            "/v1/account/avatar/upload-url",
            Some(json!({})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        error_fields(&problem),
        ["file_name", "content_type", "size_bytes"]
    );
}

#[tokio::test]
async fn another_accounts_upload_is_a_field_error() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let b = f.account("bob@example.com", "Bob's").await;
    let (_, _, upload) = f
        .owner(
            &b,
            Method::POST,
            "/v1/account/avatar/upload-url",
            Some(json!({"file_name": "b.png", "content_type": "image/png", "size_bytes": 68})),
        )
        .await;
    let upload_id = upload["upload_id"].as_str().unwrap().to_string();
    put_blob(&f, &b.account_id, &upload_id).await;
    for id in [
        upload_id.as_str(),
        &uuid::Uuid::now_v7().to_string(),
        "not-a-uuid",
    ] {
        let (status, _, problem) = f
            .owner(
                &a,
                Method::PUT,
                "/v1/account/avatar",
                Some(json!({"upload_id": id})),
            )
            .await;
        assert_eq!(status, 422, "{id}");
        assert_eq!(problem["errors"][0]["field"], "upload_id");
    }
    // Its owner may use it.
    let (status, _, _) = f
        .owner(
            &b,
            Method::PUT,
            "/v1/account/avatar",
            Some(json!({"upload_id": upload_id})),
        )
        .await;
    assert_eq!(status, 200);
}

// ------------------------------------------------------------ API clients

#[tokio::test]
async fn api_clients_create_authenticate_list_delete() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    let (status, _, created) = f
        .owner(
            &a,
            Method::POST,
            "/v1/account/api-clients",
            Some(json!({"name": "Warehouse"})),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let client_id = created["client_id"].as_str().unwrap().to_string();
    let secret = created["client_secret"].as_str().unwrap().to_string();
    assert_eq!(created["id"], client_id.as_str());
    assert_eq!(secret.len(), 43);

    // An API client acts for the account: it sees the owner's profile.
    for (id_header, secret_header) in [
        ("x-client-id", "x-client-secret"),
        ("api_key", "api_secret"),
    ] {
        let (status, _, profile) = f
            .call(
                Method::GET,
                "/v1/account/profile",
                &[(id_header, &client_id), (secret_header, &secret)],
                None,
            )
            .await;
        assert_eq!(status, 200, "{profile}");
        assert_eq!(profile["email"], "ada@example.com");
    }
    let client_headers = [
        ("x-client-id", client_id.as_str()),
        ("x-client-secret", secret.as_str()),
    ];
    let (status, _, _) = f
        .call(
            Method::PUT,
            "/v1/account/settings/purchase-orders",
            &client_headers,
            Some(json!({"status": "A"})),
        )
        .await;
    assert_eq!(status, 200);
    // ...but may not manage API clients.
    let (status, _, problem) = f
        .call(
            Method::POST,
            "/v1/account/api-clients",
            &client_headers,
            Some(json!({"name": "x"})),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(problem["code"], "forbidden");
    let (status, _, _) = f
        .call(
            Method::GET,
            "/v1/account/api-clients",
            &client_headers,
            None,
        )
        .await;
    assert_eq!(status, 403);

    let (status, _, problem) = f
        .call(
            Method::GET,
            "/v1/account/profile",
            &[("x-client-id", &client_id), ("x-client-secret", "wrong")],
            None,
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(problem["code"], "invalid_credentials");

    let (status, _, list) = f
        .owner(&a, Method::GET, "/v1/account/api-clients", None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    assert_eq!(list["data"][0]["name"], "Warehouse");
    assert_eq!(list["next_cursor"], Value::Null);
    assert!(!list.to_string().contains(&secret));
    assert!(!list.to_string().contains("secret"));

    let path = format!("/v1/account/api-clients/{client_id}");
    let (status, _, _) = f.owner(&a, Method::DELETE, &path, None).await;
    assert_eq!(status, 204);
    let (status, _, _) = f
        .call(Method::GET, "/v1/account/profile", &client_headers, None)
        .await;
    assert_eq!(status, 401);
    let (status, _, _) = f.owner(&a, Method::DELETE, &path, None).await;
    assert_eq!(status, 404);
    let (status, _, _) = f
        .owner(&a, Method::DELETE, "/v1/account/api-clients/nope", None)
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn api_client_list_pages_with_a_cursor() {
    let f = Fixture::new();
    let a = f.account("ada@example.com", "Engines Ltd").await;
    for i in 0..3 {
        let (status, _, _) = f
            .owner(
                &a,
                Method::POST,
                "/v1/account/api-clients",
                Some(json!({"name": format!("c{i}")})),
            )
            .await;
        assert_eq!(status, 201);
    }
    let (_, _, page1) = f
        .owner(&a, Method::GET, "/v1/account/api-clients?limit=2", None)
        .await;
    assert_eq!(page1["data"].as_array().unwrap().len(), 2);
    let cursor = page1["next_cursor"].as_str().unwrap();
    let (_, _, page2) = f
        .owner(
            &a,
            Method::GET,
            &format!("/v1/account/api-clients?limit=2&cursor={cursor}"),
            None,
        )
        .await;
    assert_eq!(page2["data"].as_array().unwrap().len(), 1);
    assert_eq!(page2["data"][0]["name"], "c2");
    assert_eq!(page2["next_cursor"], Value::Null);
    // Another account cannot use the cursor.
    let b = f.account("bob@example.com", "Bob's").await;
    let (status, _, problem) = f
        .owner(
            &b,
            Method::GET,
            &format!("/v1/account/api-clients?cursor={cursor}"),
            None,
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(problem["code"], "invalid_cursor");
    let (status, _, _) = f
        .owner(
            &a,
            Method::POST,
            "/v1/account/api-clients",
            Some(json!({"name": " "})),
        )
        .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let (_, doc) = uome_account::api().split_for_parts();
    let paths = uome_http::openapi::mounted_paths(&doc);
    let expected = [
        ("DELETE", "/v1/account/api-clients/{id}"),
        ("GET", "/v1/account/api-clients"),
        ("GET", "/v1/account/bank"),
        ("GET", "/v1/account/company"),
        ("GET", "/v1/account/profile"),
        ("GET", "/v1/account/settings"),
        ("POST", "/v1/account/api-clients"),
        ("POST", "/v1/account/avatar/upload-url"),
        ("PUT", "/v1/account/avatar"),
        ("PUT", "/v1/account/bank"),
        ("PUT", "/v1/account/company"),
        ("PUT", "/v1/account/profile"),
        ("PUT", "/v1/account/settings"),
        ("PUT", "/v1/account/settings/purchase-orders"),
    ];
    let mut got: Vec<(String, String)> = paths;
    got.sort();
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    want.sort();
    assert_eq!(got, want);
}

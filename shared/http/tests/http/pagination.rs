use axum::body::Body;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::Request;
use uome_core::ports::{IndexKey, Key, LastKey};

use crate::support::TestApp;
use uome_http::{CursorCodec, ListParams, Role};

fn last() -> LastKey {
    LastKey {
        key: Key::new("ACCOUNT#acc_123", "CONTACT#0042"),
        index: Some(IndexKey::new("ACCOUNT#acc_123#NAME", "acme")),
    }
}

#[test]
fn a_cursor_round_trips_within_its_scope() {
    let codec = CursorCodec::new(b"k");
    let cursor = codec.seal("acc_123:contacts", &last());
    assert!(
        cursor
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "URL-safe: {cursor}"
    );
    assert_eq!(codec.open("acc_123:contacts", &cursor).unwrap(), last());
}

#[test]
fn forged_truncated_or_foreign_cursors_are_400() {
    let codec = CursorCodec::new(b"k");
    let cursor = codec.seal("acc_123:contacts", &last());
    let code = |r: Result<LastKey, uome_http::ApiError>| {
        let e = r.unwrap_err();
        (e.status().as_u16(), e.code().to_owned())
    };
    let invalid = (400, "invalid_cursor".to_owned());

    // Another account, another list.
    assert_eq!(code(codec.open("acc_999:contacts", &cursor)), invalid);
    assert_eq!(code(codec.open("acc_123:items", &cursor)), invalid);
    // Another key.
    assert_eq!(
        code(CursorCodec::new(b"other").open("acc_123:contacts", &cursor)),
        invalid
    );
    // Truncated, empty, garbage.
    assert_eq!(
        code(codec.open("acc_123:contacts", &cursor[..cursor.len() - 3])),
        invalid
    );
    assert_eq!(code(codec.open("acc_123:contacts", "")), invalid);
    assert_eq!(code(codec.open("acc_123:contacts", "!!!")), invalid);
    // A payload edited to point at another account, MAC kept.
    let mut bytes = URL_SAFE_NO_PAD.decode(&cursor).unwrap();
    let at = bytes.windows(7).position(|w| w == b"acc_123").unwrap();
    bytes[at..at + 7].copy_from_slice(b"acc_999");
    let forged = URL_SAFE_NO_PAD.encode(&bytes);
    assert_eq!(code(codec.open("acc_123:contacts", &forged)), invalid);
    assert_eq!(code(codec.open("acc_999:contacts", &forged)), invalid);
}

#[test]
fn list_params_defaults_and_bounds() {
    assert_eq!(ListParams::from_query(None).unwrap(), ListParams::default());
    assert_eq!(ListParams::from_query(Some("limit=")).unwrap().limit, 50);
    assert_eq!(ListParams::from_query(Some("limit=1")).unwrap().limit, 1);
    assert_eq!(
        ListParams::from_query(Some("limit=200&x=y")).unwrap().limit,
        200
    );
    let p = ListParams::from_query(Some("cursor=abc&limit=7")).unwrap();
    assert_eq!((p.limit, p.cursor.as_deref()), (7, Some("abc")));
    assert_eq!(
        ListParams::from_query(Some("cursor=")).unwrap().cursor,
        None
    );
    for bad in ["limit=0", "limit=201", "limit=1.5", "limit=x"] {
        let e = ListParams::from_query(Some(bad)).unwrap_err();
        assert_eq!(
            (e.status().as_u16(), e.code()),
            (400, "invalid_query"),
            "{bad}"
        );
    }
}

async fn list(app: &TestApp, acc: &str, query: &str) -> crate::support::Reply {
    app.send(
        Request::get(format!("/v1/things?{query}"))
            .header(
                "authorization",
                format!("Bearer {}", app.token(acc, Role::Owner)),
            )
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn pages_follow_cursors_and_refuse_other_accounts_cursors() {
    let app = TestApp::new();
    let first = list(&app, "acc_1", "limit=2&tag=t").await;
    assert_eq!(first.status, 200, "{}", first.json);
    assert_eq!(first.json["data"], serde_json::json!(["t0", "t1"]));
    let cursor = first.json["next_cursor"].as_str().unwrap().to_owned();

    let second = list(&app, "acc_1", &format!("limit=2&cursor={cursor}")).await;
    assert_eq!(second.json["data"], serde_json::json!(["2", "3"]));
    let cursor2 = second.json["next_cursor"].as_str().unwrap().to_owned();
    let third = list(&app, "acc_1", &format!("cursor={cursor2}")).await;
    assert_eq!(third.json["data"], serde_json::json!(["4"]));
    assert!(third.json["next_cursor"].is_null());

    // The same cursor presented by another account.
    list(&app, "acc_2", &format!("limit=2&cursor={cursor}"))
        .await
        .assert_problem(400, "invalid_cursor");
    list(&app, "acc_1", "cursor=Zm9vYmFy")
        .await
        .assert_problem(400, "invalid_cursor");
}

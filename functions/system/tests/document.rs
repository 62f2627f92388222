//! The committed `functions/system/openapi.json`, which the Lambda serves
//! without linking every function, is the document the code generates.
//! After changing a route: `UOME_BLESS=1 cargo test -p uome-system --test
//! document` writes it anew (and the diff shows the API change).

#[test]
fn the_committed_document_is_the_generated_one() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    let generated = serde_json::to_string_pretty(&uome_system::openapi_document()).unwrap() + "\n";
    if std::env::var("UOME_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "functions/system/openapi.json is stale: run UOME_BLESS=1 cargo test -p uome-system --test document"
    );
}

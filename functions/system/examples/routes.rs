//! Prints each HTTP function's routes as JSON (`{"contacts": [["GET",
//! "/v1/contacts"], …], …}`) for `scripts/stack/check.py`, which holds
//! infra/template.yaml's `HttpApi` events to them:
//! `cargo run -q -p uome-system --example routes`.

fn main() {
    let routes: serde_json::Map<String, serde_json::Value> = uome_system::function_routes()
        .into_iter()
        .map(|(name, routes)| (name.to_owned(), serde_json::json!(routes)))
        .collect();
    println!("{}", serde_json::Value::Object(routes));
}

//! The rules every operation shares, written into the published document
//! once instead of on each of a hundred `#[utoipa::path]`s.
//!
//! The stack answers the same way on every route (API.md §1): a body that is
//! not JSON is a 400, one that is not `application/json` a 415, a body over
//! 1 MiB a 413, a body that is not an object or has bad fields a 422, and a
//! route that needs credentials a 401 without them. The shared headers and
//! list parameters (`If-Match`, `Idempotency-Key`, `limit`, `month`) mean one
//! thing everywhere, so their schemas are given here, matching the parsers in
//! [`crate::version`], [`crate::idempotency`] and [`crate::pagination`]. A
//! route's own description of a status wins; these only fill gaps.
//!
//! It works on the JSON form because utoipa's typed model cannot express all
//! of OpenAPI 3.1 (`contentMediaType`), and a round trip would drop it.

use serde_json::{Map, Value, json};

use crate::idempotency::MAX_KEY_LEN;
use crate::pagination::ListParams;

/// `If-Match`: a version number, bare, quoted or weak (`3`, `"3"`, `W/"3"`),
/// or `*`, as [`crate::IfMatch`] parses it.
pub const IF_MATCH_PATTERN: &str = r#"^(\*|(W/)?"[0-9]{1,19}"|[0-9]{1,19})$"#;
/// `Idempotency-Key`: visible ASCII.
pub const IDEMPOTENCY_KEY_PATTERN: &str = r"^[!-~]+$";
/// `month` filters; empty is no filter ([`crate::query_filter`]).
pub const MONTH_PATTERN: &str = r"^([0-9]{4}-(0[1-9]|1[0-2]))?$";
/// Id filters ([`crate::query_id`]): a hyphenated UUID, or empty.
pub const ID_FILTER_PATTERN: &str =
    r"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$";

const METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

/// Applies the shared rules to a whole document.
pub fn apply(doc: &mut Value) {
    let mut create_bodies = Vec::new();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            for method in METHODS {
                if let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) {
                    operation_rules(operation, method);
                    if method == "post" && !path.ends_with('}') {
                        create_bodies.extend(create_body(operation));
                    }
                }
            }
        }
    }
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for name in create_bodies {
            add_create_schema(schemas, &name);
        }
    }
}

/// The name a create body's schema is published under: the writable body
/// without `version`, which a create refuses (there is no version yet).
fn create_name(name: &str) -> String {
    if name.starts_with("Create") {
        name.to_owned()
    } else {
        format!("Create{name}")
    }
}

/// Points a create operation's body at the version-less copy of its schema
/// and answers the schema's name, when the schema has a `version`.
fn create_body(operation: &mut Map<String, Value>) -> Option<String> {
    let schema = operation.get_mut("requestBody")?.pointer_mut("/content/application~1json/schema")?;
    let name = schema["$ref"].as_str()?.strip_prefix("#/components/schemas/")?.to_owned();
    *schema = json!({"$ref": format!("#/components/schemas/{}", create_name(&name))});
    Some(name)
}

fn add_create_schema(schemas: &mut Map<String, Value>, name: &str) {
    let Some(mut schema) = schemas.get(name).cloned() else {
        return;
    };
    if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        properties.remove("version");
    }
    if let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut) {
        required.retain(|field| field != "version");
    }
    schemas.insert(create_name(name), schema);
}

fn operation_rules(operation: &mut Map<String, Value>, method: &str) {
    if method == "post" {
        idempotency_key_parameter(operation);
    }
    if let Some(body) = operation.get_mut("requestBody") {
        optional_body(body);
    }
    let mut has_checked_input = operation.contains_key("requestBody");
    let mut has_path_id = false;
    if let Some(params) = operation.get_mut("parameters").and_then(Value::as_array_mut) {
        for param in params.iter_mut() {
            let location = param["in"].as_str().unwrap_or_default().to_owned();
            if location == "path" {
                has_path_id = true;
            } else {
                has_checked_input = true;
            }
            parameter_schema(param, &location);
        }
    }
    let authenticated = operation
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|reqs| !reqs.is_empty() && reqs.iter().all(|r| r != &json!({})));
    let has_body = operation.contains_key("requestBody");
    if let Some(body) = operation.get_mut("requestBody") {
        binary_content(body);
    }
    let responses = operation
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("responses is an object");
    for response in responses.values_mut() {
        binary_content(response);
    }
    if has_checked_input {
        add_problem(responses, 400, "Malformed JSON, or a bad header or query parameter");
    }
    if authenticated {
        add_problem(responses, 401, "No or bad credentials");
    }
    if has_path_id {
        add_problem(responses, 404, "Unknown, or another account's");
    }
    if method == "post" {
        add_problem(responses, 409, "`idempotency_in_progress`: the first request with this Idempotency-Key is still running");
        add_problem(responses, 422, "`idempotency_key_reused`: this Idempotency-Key came with another request");
    }
    if has_body {
        add_problem(responses, 413, "The body is over 1 MiB");
        add_problem(responses, 415, "The body is not application/json");
        add_problem(responses, 422, "Not a JSON object, or every bad field");
    }
    if let Some(throttled) = responses.get_mut("429") {
        throttled
            .as_object_mut()
            .expect("a response is an object")
            .entry("headers")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .expect("headers is an object")
            .entry("Retry-After")
            .or_insert_with(|| {
                json!({
                    "description": "Seconds to wait before trying again",
                    "schema": {"type": "integer", "minimum": 1}
                })
            });
    }
}

/// Every `POST` takes an `Idempotency-Key` ([`crate::idempotency`]).
fn idempotency_key_parameter(operation: &mut Map<String, Value>) {
    let params = operation
        .entry("parameters")
        .or_insert_with(|| json!([]))
        .as_array_mut()
        .expect("parameters is an array");
    let present = params.iter().any(|p| {
        p["in"] == "header"
            && p["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case("idempotency-key"))
    });
    if !present {
        params.push(json!({
            "name": "Idempotency-Key", "in": "header", "required": false,
            "description": "Replays within 24 h answer the first response",
            "schema": {},
        }));
    }
}

/// `Option<Body>` reads as "the body may be left out", not "the body may be
/// `null`": a `null` body is not an object, so it is a 422 like any other.
fn optional_body(body: &mut Value) {
    let Some(schema) = body.pointer_mut("/content/application~1json/schema") else {
        return;
    };
    let Some(choices) = schema.get("oneOf").and_then(Value::as_array) else {
        return;
    };
    let not_null: Vec<&Value> = choices.iter().filter(|c| c["type"] != "null").collect();
    if not_null.len() == 1 && choices.len() == 2 {
        *schema = not_null[0].clone();
        body["required"] = json!(false);
    }
}

fn parameter_schema(param: &mut Value, location: &str) {
    let name = param["name"].as_str().unwrap_or_default().to_owned();
    let schema = match (location, name.to_ascii_lowercase().as_str()) {
        ("header", "if-match") => json!({"type": "string", "pattern": IF_MATCH_PATTERN}),
        ("header", "idempotency-key") => json!({
            "type": "string", "minLength": 1, "maxLength": MAX_KEY_LEN,
            "pattern": IDEMPOTENCY_KEY_PATTERN,
        }),
        ("query", "limit") => json!({"type": "integer", "minimum": 1, "maximum": ListParams::MAX_LIMIT}),
        ("query", "month") => json!({"type": "string", "pattern": MONTH_PATTERN}),
        ("query", _) if param["schema"]["format"] == "uuid" => {
            json!({"type": "string", "pattern": ID_FILTER_PATTERN})
        }
        _ => return,
    };
    param["schema"] = schema;
}

/// `body = Vec<u8>` under a non-JSON media type is a file, not an array of
/// integers: OpenAPI 3.1 says so with `contentMediaType`.
fn binary_content(holder: &mut Value) {
    let Some(content) = holder.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    for (media_type, entry) in content.iter_mut() {
        if media_type.contains("json") {
            continue;
        }
        let is_bytes = entry
            .get("schema")
            .is_some_and(|s| s["type"] == "array" && s["items"]["type"] == "integer");
        if is_bytes {
            entry["schema"] = json!({"type": "string", "contentMediaType": media_type});
        }
    }
}

fn add_problem(responses: &mut Map<String, Value>, status: u16, description: &str) {
    responses.entry(status.to_string()).or_insert_with(|| {
        json!({
            "description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(operation: Value) -> Value {
        let mut doc = json!({"paths": {"/v1/things/{id}": {"post": operation}}});
        apply(&mut doc);
        doc["paths"]["/v1/things/{id}"]["post"].take()
    }

    #[test]
    fn a_body_route_with_credentials_lists_the_stack_answers() {
        let op = doc(json!({
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "requestBody": {"content": {"application/json": {"schema": {}}}},
            "responses": {"200": {"description": "ok"}, "422": {"description": "own words"}},
            "security": [{"bearer": []}]
        }));
        let statuses: Vec<&String> = op["responses"].as_object().unwrap().keys().collect();
        assert_eq!(statuses, ["200", "400", "401", "404", "413", "415", "422"]);
        assert_eq!(op["responses"]["422"]["description"], "own words");
    }

    #[test]
    fn a_public_route_without_input_gains_nothing() {
        let op = doc(json!({"responses": {"200": {"description": "ok"}}, "security": [{}]}));
        assert_eq!(op["responses"], json!({"200": {"description": "ok"}}));
    }

    #[test]
    fn shared_parameters_get_their_one_schema() {
        let op = doc(json!({
            "parameters": [
                {"name": "If-Match", "in": "header", "schema": {"type": ["string", "null"]}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0}}
            ],
            "responses": {}
        }));
        assert_eq!(op["parameters"][0]["schema"]["pattern"], IF_MATCH_PATTERN);
        assert_eq!(op["parameters"][1]["schema"], json!({"type": "integer", "minimum": 1, "maximum": 200}));
        assert!(op["responses"]["400"].is_object());
    }

    #[test]
    fn bytes_under_a_file_type_are_a_string_of_that_type() {
        let op = doc(json!({"responses": {"200": {"content": {"application/pdf": {
            "schema": {"type": "array", "items": {"type": "integer", "format": "int32"}}
        }}}}}));
        assert_eq!(
            op["responses"]["200"]["content"]["application/pdf"]["schema"],
            json!({"type": "string", "contentMediaType": "application/pdf"})
        );
    }

    #[test]
    fn throttles_say_when_to_come_back() {
        let op = doc(json!({"responses": {"429": {"description": "slow down"}}}));
        assert!(op["responses"]["429"]["headers"]["Retry-After"]["schema"].is_object());
    }
}

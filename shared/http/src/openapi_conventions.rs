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
    let versioned: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| {
            schemas
                .iter()
                .filter(|(_, schema)| schema.pointer("/properties/version").is_some())
                .map(|(name, _)| name.clone())
                .collect()
        })
        .unwrap_or_default();
    let mut create_bodies = Vec::new();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            for method in METHODS {
                if let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) {
                    operation_rules(operation, method);
                    let creates = operation
                        .get("responses")
                        .is_some_and(|r| r.get("201").is_some());
                    if method == "post" && creates {
                        create_bodies.extend(create_body(operation, &versioned));
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
    let (requests, shared) = request_schemas(doc);
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for name in &requests {
            if let Some(schema) = schemas.get_mut(name) {
                required_means_given(schema);
                for property in properties(schema) {
                    crate::openapi_decimals::describe(property);
                    optional_reference(property);
                }
            }
        }
        // Rules that hold of what the server answers too, so they may be
        // written into the schemas requests and answers share.
        for name in requests.iter().chain(&shared) {
            if let Some(schema) = schemas.get_mut(name) {
                let required = required_fields(schema);
                let is_required = |field: &str| required.iter().any(|r| r == field);
                for (field, property) in properties_by_name(schema) {
                    if shared.contains(name) && property.get("readOnly").is_none() {
                        text_rules(property, false);
                    }
                    match field.as_str() {
                        "currency" | "default_currency" => codes(property, currency_enum()),
                        "country_code" => codes(property, country_enum()),
                        "timezone" => codes(property, timezone_enum()),
                        "email" | "phone" | "mobile" => {
                            let required = requests.contains(name) && is_required(field);
                            contact_pattern(field, property, required);
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    patch_bodies(doc);
}

/// The component schemas request bodies use: those only they use, and those
/// answers use too.
fn request_schemas(doc: &Value) -> (Vec<String>, Vec<String>) {
    let mut in_requests = std::collections::BTreeSet::new();
    let mut in_answers = std::collections::BTreeSet::new();
    if let Some(paths) = doc["paths"].as_object() {
        for item in paths.values() {
            for method in METHODS {
                let operation = &item[method];
                collect_refs(doc, &operation["requestBody"], &mut in_requests);
                collect_refs(doc, &operation["responses"], &mut in_answers);
            }
        }
    }
    (
        in_requests.difference(&in_answers).cloned().collect(),
        in_requests.intersection(&in_answers).cloned().collect(),
    )
}

/// The names a schema's `required` lists.
fn required_fields(schema: &Value) -> Vec<String> {
    schema["required"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|f| f.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn properties(schema: &mut Value) -> impl Iterator<Item = &mut Value> {
    schema
        .get_mut("properties")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|p| p.values_mut())
}

fn properties_by_name(schema: &mut Value) -> impl Iterator<Item = (&String, &mut Value)> {
    schema
        .get_mut("properties")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|p| p.iter_mut())
}

fn collect_refs(doc: &Value, value: &Value, into: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                && into.insert(name.to_owned())
            {
                collect_refs(doc, &doc["components"]["schemas"][name], into);
            }
            for nested in map.values() {
                collect_refs(doc, nested, into);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(doc, v, into)),
        _ => {}
    }
}

/// In a request, a required field must be given: not `null`; and every
/// free-text string is text the server stores ([`uome_domain::bounded_text`]):
/// no control characters (a `format: paragraphs` field may hold tab and line
/// breaks), and, when required, not blank (the server trims and refuses what
/// is left empty).
fn required_means_given(schema: &mut Value) {
    let required = required_fields(schema);
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (field, property) in properties.iter_mut() {
        let is_required = required.contains(field);
        if is_required {
            not_null(property);
        }
        text_rules(property, is_required);
        if let Some(items) = property.get_mut("items") {
            // A nullable item is a slot that may stay empty (custom
            // fields): blank there is the same as null.
            let nullable = items["type"]
                .as_array()
                .is_some_and(|types| types.iter().any(|t| t == "null"));
            text_rules(items, !nullable);
        }
    }
}

/// Control characters ([`char::is_control`]): C0, DEL and C1.
const CONTROLS: &str = r"\u0000-\u001F\u007F-\u009F";
/// The same less tab, line feed and carriage return.
const PARAGRAPH_CONTROLS: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F";

/// The pattern of stored text: none of `controls`, and when `required` at
/// least one character that is neither white space nor a control.
pub fn text_pattern(controls: &str, required: bool) -> String {
    if required {
        format!(r"^[^{controls}]*[^\s{controls}][^{controls}]*$")
    } else {
        format!(r"^[^{controls}]*$")
    }
}

fn text_rules(property: &mut Value, required: bool) {
    let is_string = match &property["type"] {
        Value::String(t) => t == "string",
        Value::Array(types) => types.iter().any(|t| t == "string") && types.len() <= 2,
        _ => false,
    };
    if !is_string || property.get("pattern").is_some() || property.get("enum").is_some() {
        return;
    }
    let controls = match property.get("format").and_then(Value::as_str) {
        None => CONTROLS,
        Some("paragraphs") => PARAGRAPH_CONTROLS,
        // A password is taken as typed, spaces and all: only not empty.
        Some("password") => {
            if required && property.get("minLength").is_none() {
                property["minLength"] = json!(1);
            }
            return;
        }
        // A format that fixes the spelling (uuid, date, email) says more.
        Some(_) => return,
    };
    if property["format"] == "paragraphs" {
        property
            .as_object_mut()
            .expect("an object")
            .remove("format");
    }
    property["pattern"] = json!(text_pattern(controls, required));
}

fn not_null(property: &mut Value) {
    if let Some(types) = property.get("type").and_then(Value::as_array) {
        let kept: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        property["type"] = if kept.len() == 1 {
            kept[0].clone()
        } else {
            Value::Array(kept)
        };
    } else if let Some(choices) = property.get("oneOf").and_then(Value::as_array) {
        let kept: Vec<Value> = choices
            .iter()
            .filter(|c| c["type"] != "null")
            .cloned()
            .collect();
        if kept.len() == 1 {
            let mut only = kept[0].clone();
            if let (Some(only), Some(description)) =
                (only.as_object_mut(), property.get("description").cloned())
            {
                only.insert("description".into(), description);
            }
            *property = only;
        }
    }
}

/// A `PATCH` (JSON merge patch, RFC 7396) sends only what changes: its body
/// is the full body's schema without `required`, published as `<Name>Patch`.
fn patch_bodies(doc: &mut Value) {
    let mut names = Vec::new();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            let Some(content) = item
                .pointer_mut("/patch/requestBody/content")
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            for entry in content.values_mut() {
                let Some(name) = entry["schema"]["$ref"]
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    .map(str::to_owned)
                else {
                    continue;
                };
                entry["schema"] = json!({"$ref": format!("#/components/schemas/{name}Patch")});
                names.push(name);
            }
        }
    }
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for name in names {
            if let Some(mut schema) = schemas.get(&name).cloned() {
                if let Some(object) = schema.as_object_mut() {
                    object.remove("required");
                }
                schemas.insert(format!("{name}Patch"), schema);
            }
        }
    }
}

/// The name a create body's schema (of a `POST` answering 201) is published under: the writable body
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
fn create_body(operation: &mut Map<String, Value>, versioned: &[String]) -> Option<String> {
    let schema = operation
        .get_mut("requestBody")?
        .pointer_mut("/content/application~1json/schema")?;
    let name = schema["$ref"]
        .as_str()?
        .strip_prefix("#/components/schemas/")?
        .to_owned();
    if !versioned.contains(&name) {
        return None;
    }
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
    if let Some(params) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
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
        add_problem(
            responses,
            400,
            "Malformed JSON, or a bad header or query parameter",
        );
    }
    if authenticated {
        add_problem(responses, 401, "No or bad credentials");
    }
    if has_path_id {
        add_problem(responses, 404, "Unknown, or another account's");
    }
    if method == "post" {
        add_problem(
            responses,
            409,
            "`idempotency_in_progress`: the first request with this Idempotency-Key is still running",
        );
        add_problem(
            responses,
            422,
            "`idempotency_key_reused`: this Idempotency-Key came with another request",
        );
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

/// `format: uuid-or-empty`: a reference where `""`, like `null`, links
/// nothing (a catalogue item's `tax_rate_id`).
fn optional_reference(property: &mut Value) {
    if property["format"] == "uuid-or-empty" {
        let object = property.as_object_mut().expect("a property is an object");
        object.remove("format");
        object.insert("pattern".into(), json!(ID_FILTER_PATTERN));
    }
}

/// An email address as [`uome_domain::Email`] takes it, in its ASCII form
/// and within its length limits (the server also takes internationalized
/// addresses, which the document leaves out).
pub const EMAIL: &str = concat!(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,16}(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,15}){0,2}",
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){1,3}[A-Za-z]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?",
);
/// A phone number as [`uome_domain::Phone`] takes it: digits, spaces,
/// `+ - ( ) . / #` and extension letters, at least one digit, at most 64
/// characters once trimmed. (A blank one of any length is no value, so the
/// length is in the pattern, not in `maxLength`; the pattern's is 64 at most.)
pub const PHONE: &str = r"[ +\-()./#xXeEtT]{0,4}([0-9][ +\-()./#xXeEtT]{0,2}){1,20}";
/// A number the account prints on its documents (`format: phone-dialable`):
/// no extension, 3 to 20 digits.
pub const DIALABLE_PHONE: &str = r"[ +\-()./]{0,4}([0-9][ +\-()./]{0,2}){3,20}";

/// `email` and `phone` fields: the server's spelling; an optional one may
/// also be blank (no value).
fn contact_pattern(field: &str, property: &mut Value, required: bool) {
    let is_string = match &property["type"] {
        Value::String(t) => t == "string",
        Value::Array(types) => types.iter().any(|t| t == "string"),
        _ => false,
    };
    if !is_string || property.get("readOnly").is_some() {
        return;
    }
    let core = match (field, property["format"].as_str()) {
        ("email", _) => EMAIL,
        (_, Some("phone-dialable")) => DIALABLE_PHONE,
        _ => PHONE,
    };
    let pattern = if required {
        format!("^{core}$")
    } else {
        format!("^( *|{core})$")
    };
    let object = property.as_object_mut().expect("a property is an object");
    object.remove("format");
    object.insert("pattern".into(), json!(pattern));
    object.remove("maxLength");
}

/// ISO 4217 codes the server knows ([`uome_domain::Currency`]).
fn currency_enum() -> Vec<Value> {
    uome_domain::Currency::all()
        .map(|c| json!(c.code()))
        .collect()
}

/// ISO 3166-1 alpha-2 codes the server knows; blank is no country.
fn country_enum() -> Vec<Value> {
    std::iter::once("")
        .chain(uome_domain::country::COUNTRY_CODES.iter().copied())
        .map(|c| json!(c))
        .collect()
}

/// IANA time zone names; blank is the default zone.
fn timezone_enum() -> Vec<Value> {
    std::iter::once("")
        .chain(uome_core::account::fields::timezone_names())
        .map(|name| json!(name))
        .collect()
}

/// A string field that takes one of `choices` (and `null` if nullable).
fn codes(property: &mut Value, mut choices: Vec<Value>) {
    let has_type = |name: &str| match &property["type"] {
        Value::String(t) => t == name,
        Value::Array(types) => types.iter().any(|t| t == name),
        _ => false,
    };
    if !has_type("string") {
        return;
    }
    if has_type("null") {
        choices.push(Value::Null);
    }
    property["enum"] = Value::Array(choices);
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
        ("query", "limit") => {
            json!({"type": "integer", "minimum": 1, "maximum": ListParams::MAX_LIMIT})
        }
        ("query", "month") => json!({"type": "string", "pattern": MONTH_PATTERN}),
        ("query", "currency") => {
            let mut codes = currency_enum();
            codes.push(json!(""));
            json!({"type": "string", "enum": codes})
        }
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
        doc_for("post", operation)
    }

    fn doc_for(method: &str, operation: Value) -> Value {
        let mut doc = json!({"paths": {"/v1/things/{id}": {method: operation}}});
        apply(&mut doc);
        doc["paths"]["/v1/things/{id}"][method].take()
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
        assert_eq!(
            statuses,
            ["200", "400", "401", "404", "409", "413", "415", "422"]
        );
        assert_eq!(op["responses"]["422"]["description"], "own words");
    }

    #[test]
    fn a_public_route_without_input_gains_nothing() {
        let op = doc_for(
            "get",
            json!({"responses": {"200": {"description": "ok"}}, "security": [{}]}),
        );
        assert_eq!(op["responses"], json!({"200": {"description": "ok"}}));
    }

    #[test]
    fn every_post_takes_an_idempotency_key() {
        let op = doc(json!({"responses": {"200": {"description": "ok"}}}));
        assert_eq!(op["parameters"][0]["name"], "Idempotency-Key");
        assert_eq!(op["parameters"][0]["schema"]["maxLength"], 255);
        assert!(op["responses"]["422"].is_object());
    }

    #[test]
    fn a_create_body_has_no_version_and_a_patch_body_no_required_fields() {
        let mut doc = json!({
            "paths": {
                "/v1/things": {"post": {
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                    "responses": {"201": {"description": "made"}}
                }},
                "/v1/things/{id}": {"patch": {
                    "requestBody": {"content": {"application/merge-patch+json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                    "responses": {"200": {"description": "changed"}}
                }}
            },
            "components": {"schemas": {"Thing": {
                "type": "object", "required": ["name"],
                "properties": {"name": {"type": ["string", "null"]}, "version": {"type": ["integer", "null"]}}
            }}}
        });
        apply(&mut doc);
        let schemas = &doc["components"]["schemas"];
        assert!(
            schemas["CreateThing"]["properties"]
                .get("version")
                .is_none()
        );
        assert_eq!(
            schemas["CreateThing"]["properties"]["name"],
            json!({"type": "string", "pattern": text_pattern(CONTROLS, true)})
        );
        assert!(schemas["ThingPatch"].get("required").is_none());
        assert_eq!(
            doc["paths"]["/v1/things/{id}"]["patch"]["requestBody"]["content"]["application/merge-patch+json"]
                ["schema"]["$ref"],
            "#/components/schemas/ThingPatch"
        );
    }

    #[test]
    fn an_optional_body_may_be_left_out_but_is_never_null() {
        let op = doc(json!({
            "requestBody": {"content": {"application/json": {"schema": {"oneOf": [
                {"$ref": "#/components/schemas/Message"}, {"type": "null"}
            ]}}}},
            "responses": {}
        }));
        assert_eq!(op["requestBody"]["required"], false);
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/Message"})
        );
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
        assert_eq!(
            op["parameters"][1]["schema"],
            json!({"type": "integer", "minimum": 1, "maximum": 200})
        );
        assert!(op["responses"]["400"].is_object());
    }

    #[test]
    fn bytes_under_a_file_type_are_a_string_of_that_type() {
        let op = doc(
            json!({"responses": {"200": {"content": {"application/pdf": {
                "schema": {"type": "array", "items": {"type": "integer", "format": "int32"}}
            }}}}}),
        );
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

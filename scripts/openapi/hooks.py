"""Schemathesis hooks of the run in ./scripts/test (see docs/openapi.md)."""
import decimal
import re
import uuid

import schemathesis

# The document's Idempotency-Key pattern.
KEY = re.compile(r"[!-~]{1,255}")


@schemathesis.hook("map_query")
def no_made_up_cursors(context, query):
    # A list cursor is an HMAC-signed token only the server can make: any
    # other string is rightly a 400 `invalid_cursor`, though it matches the
    # schema. Cursors are exercised by the black-box tests instead.
    if query:
        query.pop("cursor", None)
    return query


@schemathesis.hook("before_call")
def fresh_idempotency_keys(context, case, kwargs):
    # An Idempotency-Key names one request (API.md §1): the same key with
    # another body is rightly a 422 `idempotency_key_reused`. A well-formed
    # key is made unique per request sent, as a client makes it; a
    # malformed one is left as generated, for the negative checks.
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and KEY.fullmatch(key):
        case.headers["Idempotency-Key"] = uuid.uuid4().hex


def _plain(value):
    """Floats as exact decimal strings, recursively."""
    if isinstance(value, float):
        return format(decimal.Decimal(repr(value)), "f")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@schemathesis.hook("before_call")
def floats_as_decimal_strings(context, case, kwargs):
    # JSON Schema cannot constrain how a number is written, and Python
    # writes some floats in exponent form (1e-05) or with binary noise
    # (0.5700000000000001), which API.md §1 rightly refuses. So a generated
    # float goes out as the same value's decimal string (the other form §1
    # allows), and schemathesis re-checks the case against the schema.
    # Integers stay JSON numbers; black-box tests cover the number form.
    if isinstance(case.body, (dict, list)):
        case.body = _plain(case.body)


@schemathesis.hook("before_call")
def one_version_per_request(context, case, kwargs):
    # A write may name the version it read in If-Match or in the body's
    # `version`; both given and different is rightly a 422 (API.md §1), a
    # rule across the header and the body that JSON Schema cannot state.
    # When the two are generated apart, the body's goes; schemathesis then
    # re-checks the case against the schema.
    headers = case.headers or {}
    if "If-Match" in headers and isinstance(case.body, dict) and "version" in case.body:
        del case.body["version"]

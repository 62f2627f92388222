"""Schemathesis hooks of the run in ./scripts/test (see docs/fuzzing.md)."""
import re
import uuid

import schemathesis

# The document's Idempotency-Key pattern.
KEY = re.compile(r"[!-~]{1,255}")


@schemathesis.hook
def map_query(context, query):
    # A list cursor is an HMAC-signed token only the server can make: any
    # other string is rightly a 400 `invalid_cursor`, though it matches the
    # schema. Cursors are exercised by the black-box tests instead.
    if query:
        query.pop("cursor", None)
    return query


@schemathesis.hook
def before_call(context, case, kwargs):
    # An Idempotency-Key names one request (API.md §1): the same key with
    # another body is rightly a 422 `idempotency_key_reused`. A well-formed
    # key is made unique per request sent, as a client makes it; a
    # malformed one is left as generated, for the negative checks.
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and KEY.fullmatch(key):
        case.headers["Idempotency-Key"] = uuid.uuid4().hex

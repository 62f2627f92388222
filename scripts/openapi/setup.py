"""Prepares a running local server for the schemathesis run.

Signs up and verifies two owners and gives each one of every resource (a
contact, a draft and an issued invoice with a payment, a sent quote, an
item, a tax rate, a recurring invoice, an expense, an API client) and a
portal token. Writes into OUT_DIR:

- `wfc-auth.json`: the identities (Web Fuzzing Commons format): `first` and
  `second`, the owners, which schemathesis's object-level check plays
  against each other, and `portal`, the first owner's client, which the
  portal routes are reached with;
- `schemathesis.toml`: the run's settings, with the first owner's ids as the
  path parameters, so operations on one object reach a real one;
- `fixtures.json`: everything made, for reading a failure.

    python scripts/openapi/setup.py http://127.0.0.1:PORT OUT_DIR
"""
import json
import os
import re
import sys
import urllib.error
import urllib.request
import uuid

BASE = sys.argv[1].rstrip("/")
OUT = sys.argv[2]


def call(method, path, body=None, token=None, expect=(200, 201, 204)):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            status, raw = resp.status, resp.read()
    except urllib.error.HTTPError as err:
        status, raw = err.code, err.read()
    if status not in expect:
        raise SystemExit(f"{method} {path} answered {status}: {raw[:500]!r}")
    return json.loads(raw) if raw else None


def owner(tag):
    email = f"fuzz-{tag}-{uuid.uuid4().hex[:8]}@example.com"
    password = "correct horse battery staple"
    call("POST", "/v1/auth/signup", {
        "first_name": "Fuzz", "last_name": tag, "email": email,
        "password": password, "company_name": f"Fuzz {tag} GmbH",
    })
    outbox = call("GET", "/_local/outbox")
    mail = [m for m in outbox if email in m["to"]][-1]
    token = re.search(r"token=([A-Za-z0-9_\-]+)", mail["text"]).group(1)
    call("POST", "/v1/auth/verify-email", {"token": token})
    login = call("POST", "/v1/auth/login", {"email": email, "password": password})
    access = login["access_token"]
    contact = call("POST", "/v1/contacts", {
        "type": "company", "company_name": f"Client of {tag}",
        "roles": ["customer", "vendor"],
        "email": f"client-{tag}-{uuid.uuid4().hex[:8]}@example.com",
    }, access)
    line = {"description": "Consulting", "quantity": "2", "unit_price": "100.00"}
    draft = call("POST", "/v1/invoices", {"contact_id": contact["id"], "lines": [line]}, access)
    issued = call("POST", "/v1/invoices", {"contact_id": contact["id"], "lines": [line]}, access)
    issued = call("POST", f"/v1/invoices/{issued['id']}/issue", {}, access)
    payment = call("POST", f"/v1/invoices/{issued['id']}/payments",
                   {"amount": "10.00", "date": issued["issue_date"], "method": "bank_transfer"}, access)
    quote = call("POST", "/v1/quotes", {"contact_id": contact["id"], "lines": [line]}, access)
    call("POST", f"/v1/quotes/{quote['id']}/send", {}, access)
    item = call("POST", "/v1/items", {"name": f"Widget {tag}", "sales_price": "10.00"}, access)
    tax_rate = call("POST", "/v1/tax-rates", {"name": f"VAT {tag}", "rate": "7.7"}, access)
    recurring = call("POST", "/v1/recurring-invoices", {
        "contact_id": contact["id"], "frequency": "monthly", "lines": [line],
    }, access)
    expense = call("POST", "/v1/expenses", {
        "amount": "12.00", "currency": "GBP", "date": issued["issue_date"],
        "description": "Train", "category": "Travel",
    }, access)
    api_client = call("POST", "/v1/account/api-clients", {"name": f"Fuzz {tag}"}, access)
    portal = call("POST", f"/v1/contacts/{contact['id']}/portal-token", None, access)
    # Ordering on, with an order of the contact's: the order routes are
    # tried on a real order, not only refused (the fuzzer may switch
    # ordering off again through the settings; 403 stays a valid answer).
    call("PUT", "/v1/account/settings/purchase-orders", {"status": "A"}, access)
    order = call("POST", "/v1/orders", {
        "contact_id": contact["id"], "lines": [{"item_id": item["id"], "quantity": "2"}],
    }, access)
    purchase_order = call("POST", "/v1/purchase-orders", {
        "account_id": contact["id"],
        "lines": [{"item_name": "Boards", "item_quantity": "5", "price": "10.00", "tax_rate": "20"}],
    }, access)["purchase_order"]
    sale = call("POST", "/v1/pos/sales", {
        "payment_method": "cash", "amount_tendered": "500", "contact_id": contact["id"],
        "lines": [line],
    }, access)
    return {
        "email": email, "password": password, "access_token": access,
        "refresh_token": login["refresh_token"], "contact_id": contact["id"],
        "draft_invoice_id": draft["id"], "invoice_id": issued["id"],
        "payment_id": payment["id"], "quote_id": quote["id"], "item_id": item["id"],
        "tax_rate_id": tax_rate["id"], "recurring_id": recurring["id"],
        "expense_id": expense["id"], "api_client_id": api_client["id"],
        "portal_token": portal["token"], "order_id": order["id"],
        "sale_id": sale["sale"]["id"], "purchase_order_id": purchase_order["id"],
        "purchase_order_line": purchase_order["lines"][0]["uuid"],
    }


def bearer(name, token):
    return {"name": name, "fixedHeaders": [{"name": "Authorization", "value": "Bearer " + token}]}


def toml_string(text):
    return json.dumps(text)  # a JSON string is a TOML basic string


first, second = owner("first"), owner("second")
with open(f"{OUT}/fixtures.json", "w") as f:
    json.dump({"first": first, "second": second}, f, indent=2)
with open(f"{OUT}/wfc-auth.json", "w") as f:
    json.dump({"auth": [
        # Each operation keeps the first identity it is not refused with:
        # the portal's before the second owner's, whose ids are not the ones
        # the operations are given.
        bearer("first", first["access_token"]),
        bearer("portal", first["portal_token"]),
        bearer("second", second["access_token"]),
    ]}, f, indent=2)

# Which object each path's ids name.
objects = [
    (r"^/v1/invoices/\{id\}/payments/", {"path.id": first["invoice_id"], "path.payment_id": first["payment_id"]}),
    (r"^/v1/invoices/\{id\}", {"path.id": first["invoice_id"]}),
    (r"^/v1/portal/invoices/\{id\}", {"path.id": first["invoice_id"]}),
    (r"^/v1/quotes/\{id\}", {"path.id": first["quote_id"]}),
    (r"^/v1/portal/quotes/\{id\}", {"path.id": first["quote_id"]}),
    (r"^/v1/contacts/\{id\}", {"path.id": first["contact_id"]}),
    (r"^/v1/items/\{id\}", {"path.id": first["item_id"]}),
    (r"^/v1/tax-rates/\{id\}", {"path.id": first["tax_rate_id"]}),
    (r"^/v1/recurring-invoices/\{id\}", {"path.id": first["recurring_id"]}),
    (r"^/v1/expenses/\{id\}", {"path.id": first["expense_id"]}),
    (r"^/v1/account/api-clients/\{id\}", {"path.id": first["api_client_id"]}),
    (r"^/v1/orders/\{id\}", {"path.id": first["order_id"]}),
    (r"^/v1/portal/orders/\{id\}", {"path.id": first["order_id"]}),
    (r"^/v1/pos/sales/\{id\}", {"path.id": first["sale_id"]}),
    (r"^/v1/purchase-orders/\{id\}/lines/\{uuid\}",
     {"path.id": first["purchase_order_id"], "path.uuid": first["purchase_order_line"]}),
    (r"^/v1/purchase-orders/\{id\}", {"path.id": first["purchase_order_id"]}),
    (r"^/v1/accounts/\{id\}/purchase-orders", {"path.id": first["contact_id"]}),
]
with open(f"{OUT}/schemathesis.toml", "w") as f:
    # The committed settings first (TOML wants top-level keys before tables).
    f.write(open(os.path.join(os.path.dirname(__file__), "schemathesis.toml")).read())
    f.write("\n")
    # References to other objects in bodies name real ones: a made-up id is
    # rightly a 422 naming the field, though any UUID matches the schema.
    references = {
        "body.contact_id": first["contact_id"], "body.vendor_id": first["contact_id"],
        "body.account_id": first["contact_id"],
        "body.tax_rate_id": first["tax_rate_id"], "body.invoice_id": first["invoice_id"],
    }
    f.write("[parameters]\n")
    for key, value in references.items():
        f.write(f"{toml_string(key)} = {toml_string(value)}\n")
    f.write("\n")
    f.write(f"[auth.wfc]\npath = {toml_string(OUT + '/wfc-auth.json')}\n")
    f.write('peers = ["first", "second"]\n\n')
    for regex, params in objects:
        f.write("[[operations]]\n")
        f.write(f"include-path-regex = {toml_string(regex)}\n")
        # A delete of a fixed object succeeds once and then rightly 404s,
        # which the stateful phase would read as "created but not found":
        # deletes get the ids the stateful phase links from creates.
        f.write('exclude-method = "DELETE"\n')
        pairs = ", ".join(f"{toml_string(k)} = {toml_string(v)}" for k, v in params.items())
        f.write(f"parameters = {{ {pairs} }}\n\n")

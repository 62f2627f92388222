"""A client generated from the published document, used as a client would.

openapi-python-client has generated the package `uome_client` from
/v1/openapi.json into CLIENT_DIR; this signs up through it, verifies the
email (the local server's outbox holds the link), logs in, creates a
contact, an issued invoice and a payment, and reads the trial balance. Every
answer is parsed by the generated models, so a document that disagrees with
the server fails here.

    python scripts/openapi/client_flow.py http://127.0.0.1:PORT CLIENT_DIR
"""
import json
import re
import sys
import urllib.request
import uuid
from decimal import Decimal

BASE, CLIENT_DIR = sys.argv[1], sys.argv[2]
sys.path.insert(0, CLIENT_DIR)

from uome_client import AuthenticatedClient, Client  # noqa: E402
from uome_client.api.auth import login, signup, verify_email  # noqa: E402
from uome_client.api.contacts import create_contact  # noqa: E402
from uome_client.api.invoices import create_invoice, record_payment  # noqa: E402
from uome_client.api.ledger import balances  # noqa: E402
from uome_client.models import (  # noqa: E402
    BalancesView,
    ContactResponse,
    CreateContactBody,
    CreateInvoiceRequest,
    InvoiceView,
    LoginRequest,
    TokenResponse,
    PaymentRequest,
    PaymentView,
    SignupRequest,
    SignupResponse,
    TokenRequest,
    VerifiedResponse,
)


def expect(response, status, model):
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert isinstance(response.parsed, model), (type(response.parsed), response.content[:500])
    return response.parsed


public = Client(base_url=BASE)
email = f"client-flow-{uuid.uuid4().hex[:8]}@example.com"
password = "correct horse battery staple"
expect(signup.sync_detailed(client=public, body=SignupRequest.from_dict({
    "first_name": "Grace", "last_name": "Hopper", "email": email, "password": password,
    "company_name": "Compilers Ltd",
})), 201, SignupResponse)

with urllib.request.urlopen(f"{BASE}/_local/outbox", timeout=10) as outbox:
    mail = [m for m in json.load(outbox) if email in m["to"]][-1]
token = re.search(r"token=([A-Za-z0-9_\-]+)", mail["text"]).group(1)
expect(verify_email.sync_detailed(client=public, body=TokenRequest.from_dict({"token": token})),
       200, VerifiedResponse)

session = expect(login.sync_detailed(client=public, body=LoginRequest.from_dict({
    "email": email, "password": password,
})), 200, TokenResponse)
owner = AuthenticatedClient(base_url=BASE, token=session.access_token)

contact = expect(create_contact.sync_detailed(client=owner, body=CreateContactBody.from_dict({
    "type": "company", "company_name": "Analytical Engines Ltd", "email": "ada@example.com",
})), 201, ContactResponse)

invoice = expect(create_invoice.sync_detailed(client=owner, body=CreateInvoiceRequest.from_dict({
    "contact_id": contact.id, "status": "issued", "currency": "GBP",
    "lines": [{"description": "Consulting", "quantity": "2", "unit_price": "150.00", "tax_rate": "20"}],
})), 201, InvoiceView)
assert Decimal(invoice.total) == Decimal("360.00"), invoice.total

payment = expect(record_payment.sync_detailed(uuid.UUID(invoice.id), client=owner, body=PaymentRequest.from_dict({
    "amount": "100.00", "method": "bank_transfer",
})), 201, PaymentView)
assert Decimal(payment.amount) == Decimal("100.00"), payment.amount

trial = expect(balances.sync_detailed(client=owner), 200, BalancesView)
assert trial.total_debit == trial.total_credit, (trial.total_debit, trial.total_credit)
rows = {row.account: Decimal(row.balance) for row in trial.data}
assert rows["1100"] == Decimal("260.00"), rows  # receivable: 360 issued − 100 paid
print("generated client: signed up, verified, logged in, invoiced, paid, balanced")

#!/usr/bin/env python3
"""Check a rendered Swiss QR-bill against the `qrbill` package (PyPI).

  qrbill_check.py PAGE.png BILL.json

Decodes the Swiss QR Code from the page image with zxing-cpp, builds the
payload `qrbill` makes of the same data (BILL.json: account, creditor,
amount, currency, debtor, reference, message; addresses as qrbill's dicts),
and compares the two field by field under the names of SIX's
Implementation Guidelines 2.3 (line endings aside: LF and CR LF are both
allowed). Prints every field; exit 1 on any difference.
"""
import json
import re
import sys

import zxingcpp
from PIL import Image
from qrbill import QRBill

ADDRESS = ["AdrTp", "Name", "StrtNmOrAdrLine1", "BldgNbOrAdrLine2", "PstCd", "TwnNm", "Ctry"]
FIELDS = (["QRType", "Version", "Coding", "IBAN"]
          + [f"Cdtr.{f}" for f in ADDRESS]
          + [f"UltmtCdtr.{f}" for f in ADDRESS]
          + ["Amt", "Ccy"]
          + [f"UltmtDbtr.{f}" for f in ADDRESS]
          + ["Tp", "Ref", "Ustrd", "Trailer", "StrdBkgInf"])


def fields(payload):
    values = re.split(r"\r?\n", payload)
    return values + [""] * (len(FIELDS) - len(values))


def main(argv):
    png, spec = argv[1], json.load(open(argv[2]))
    codes = [r for r in zxingcpp.read_barcodes(Image.open(png))
             if r.format == zxingcpp.BarcodeFormat.QRCode]
    if len(codes) != 1:
        print(f"{png}: expected one QR code, found {len(codes)}")
        return 1
    decoded = fields(codes[0].text)
    expected = fields(QRBill(
        account=spec["account"],
        creditor=spec["creditor"],
        amount=spec.get("amount"),
        currency=spec["currency"],
        debtor=spec.get("debtor"),
        reference_number=spec.get("reference"),
        additional_information=spec.get("message", ""),
    ).qr_data())
    bad = 0
    for i, name in enumerate(FIELDS + ["extra"] * max(0, len(decoded) - len(FIELDS))):
        ours = decoded[i] if i < len(decoded) else ""
        theirs = expected[i] if i < len(expected) else ""
        same = ours == theirs
        bad += not same
        print(f"{'ok ' if same else 'BAD'} {name:28} {ours!r}" + ("" if same else f" != qrbill {theirs!r}"))
    print(f"{png}: {len(FIELDS) - bad if bad == 0 else bad} fields {'equal' if bad == 0 else 'differ'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

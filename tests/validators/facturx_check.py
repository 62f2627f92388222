#!/usr/bin/env python3
"""Check Factur-X PDFs beyond the EN 16931 schematron (validate.py).

  facturx_check.py FILE.pdf [FILE.pdf ...]

For each PDF: the embedded `factur-x.xml` is found and passes the
`factur-x` package's XSD check at the EN 16931 level; the PDF declares
PDF/A-3 (pdfaid:part 3) and its XMP carries Factur-X's `fx:` properties
(DocumentFileName factur-x.xml, ConformanceLevel EN 16931, Version 1.0)
and their PDF/A extension schema; the attachment is associated with the
document (/AF) as /Alternative. Prints one line per file; exit 1 when any
check fails.
"""
import io
import sys
import xml.etree.ElementTree as ET

from facturx import get_facturx_xml_from_pdf, xml_check_xsd
from pypdf import PdfReader

FX = "{urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#}"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def xmp_values(xmp_bytes):
    root = ET.fromstring(xmp_bytes)
    values = {}
    for desc in root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        for key, value in desc.attrib.items():
            values[key] = value
        for child in desc:
            if child.text and child.text.strip():
                values[child.tag] = child.text.strip()
    return values, xmp_bytes.decode("utf-8", "replace")


def check(path):
    data = open(path, "rb").read()
    name, xml = get_facturx_xml_from_pdf(io.BytesIO(data), check_xsd=False)
    assert name == "factur-x.xml", f"attachment is {name!r}"
    assert xml_check_xsd(xml, flavor="factur-x", level="en16931"), "XSD check failed"
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data()
    values, text = xmp_values(xmp)
    assert values.get(PDFAID + "part") == "3", f"pdfaid:part is {values.get(PDFAID + 'part')}"
    assert values.get(FX + "DocumentFileName") == "factur-x.xml"
    assert values.get(FX + "ConformanceLevel") == "EN 16931"
    assert values.get(FX + "Version") == "1.0"
    assert values.get(FX + "DocumentType") == "INVOICE"
    assert "<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#<" in text \
        and "<pdfaSchema:prefix>fx</pdfaSchema:prefix>" in text, "no PDF/A extension schema for fx"
    af = [a.get_object() for a in catalog["/AF"]]
    assert any(f.get("/AFRelationship") == "/Alternative" and f.get("/F") == "factur-x.xml" for f in af), af
    return values[FX + "DocumentType"]


def main(argv):
    bad = 0
    for path in argv[1:]:
        try:
            kind = check(path)
            print(f"{path}: Factur-X EN 16931 {kind}: XSD ok, PDF/A-3 XMP ok, /AF ok")
        except Exception as e:  # each failure is reported, then the exit status says it
            print(f"{path}: FAILED: {e!r}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

//! Factur-X / ZUGFeRD (API.md §14): the document's PDF as PDF/A-3b with
//! its CII XML embedded as `factur-x.xml` (`/AFRelationship
//! /Alternative`, the EN 16931 profile's relationship) and the XMP
//! metadata Factur-X 1.0 requires: the `fx:` properties (document type,
//! file name, version, conformance level) and their PDF/A extension schema.
//!
//! krilla writes the PDF/A-3b (fonts embedded, sRGB output intent, the
//! embedded file with its date, MIME type and description, the XMP that
//! PDF/A needs) and checks it against the standard as it writes. Its
//! metadata API has no way to add another XMP schema, so the `fx:` part is
//! added afterwards: the XMP stream krilla wrote (uncompressed, as PDF/A
//! wants) is read back with lopdf, the two pieces are inserted with
//! quick-xml's reader and writer, and the file is saved again.

use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::Document;
use krilla::SerializeSettings;
use krilla::configure::{Archival, ConfigurationBuilder, Validator};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::metadata::DateTime as PdfDate;
use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesStart, BytesText, Event};

use crate::PdfError;
use crate::model::DocumentView;
use crate::{draw, layout, text};

/// The attachment's name Factur-X prescribes.
pub const FACTURX_FILE_NAME: &str = "factur-x.xml";
const FX_NS: &str = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";
const CONFORMANCE_LEVEL: &str = "EN 16931";

/// Renders `view` as a Factur-X PDF carrying `xml` (its CII), whose
/// `fx:DocumentType` is `document_type` (`INVOICE` for invoices and credit
/// notes alike), created at `now`.
pub fn render_facturx_pdf(
    view: &DocumentView,
    xml: &[u8],
    document_type: &str,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, PdfError> {
    let fonts = text::Fonts::get()?;
    let pages = layout::layout(view, fonts)?;
    let configuration = ConfigurationBuilder::new()
        .set_validator(Validator::from(Archival::A3_B))
        .finish()
        .map_err(|e| PdfError::Write(format!("PDF/A-3 configuration: {e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let date = pdf_date(now);
    document
        .embed_file(EmbeddedFile {
            path: FACTURX_FILE_NAME.to_owned(),
            mime_type: MimeType::new("text/xml"),
            description: Some("Factur-X invoice (EN 16931)".to_owned()),
            association_kind: AssociationKind::Alternative,
            data: xml.to_vec().into(),
            modification_date: Some(date),
            compress: Some(true),
            location: None,
        })
        .ok_or_else(|| PdfError::Write("the Factur-X XML could not be embedded".into()))?;
    let metadata = draw::metadata(view).creation_date(date);
    let pdf = draw::write_with(document, metadata, pages, fonts)?;
    add_facturx_xmp(&pdf, document_type)
}

fn pdf_date(now: DateTime<Utc>) -> PdfDate {
    PdfDate::new(u16::try_from(now.year()).unwrap_or(2000))
        .month(u8::try_from(now.month()).unwrap_or(1))
        .day(u8::try_from(now.day()).unwrap_or(1))
        .hour(u8::try_from(now.hour()).unwrap_or(0))
        .minute(u8::try_from(now.minute()).unwrap_or(0))
        .second(u8::try_from(now.second()).unwrap_or(0))
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

fn write_error(e: impl std::fmt::Display) -> PdfError {
    PdfError::Write(format!("Factur-X metadata: {e}"))
}

/// The PDF with the `fx:` schema and properties in its XMP.
fn add_facturx_xmp(pdf: &[u8], document_type: &str) -> Result<Vec<u8>, PdfError> {
    let mut doc = lopdf::Document::load_mem(pdf).map_err(write_error)?;
    let metadata_id = doc
        .catalog()
        .and_then(|c| c.get(b"Metadata"))
        .and_then(lopdf::Object::as_reference)
        .map_err(write_error)?;
    let stream = doc
        .get_object_mut(metadata_id)
        .and_then(lopdf::Object::as_stream_mut)
        .map_err(write_error)?;
    let xmp = with_facturx(&stream.content, document_type)?;
    stream.set_content(xmp);
    let mut out = Vec::with_capacity(pdf.len() + 2048);
    doc.save_to(&mut out).map_err(write_error)?;
    Ok(out)
}

/// The XMP packet with Factur-X's extension schema appended to the PDF/A
/// extension schemas krilla declared, and an `rdf:Description` of the
/// `fx:` properties before the end of `rdf:RDF`.
fn with_facturx(xmp: &[u8], document_type: &str) -> Result<Vec<u8>, PdfError> {
    let mut reader = Reader::from_reader(xmp);
    let mut writer = Writer::new(Vec::with_capacity(xmp.len() + 2048));
    let mut in_schemas = false;
    let mut added_schema = false;
    let mut added_properties = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(write_error)?;
        match &event {
            Event::Start(e) if e.name().0 == "pdfaExtension:schemas" => in_schemas = true,
            Event::End(e) if e.name().0 == "pdfaExtension:schemas" => in_schemas = false,
            Event::End(e) if in_schemas && e.name().0 == "rdf:Bag" => {
                extension_schema(&mut writer).map_err(write_error)?;
                added_schema = true;
            }
            Event::End(e) if e.name().0 == "rdf:RDF" => {
                if !added_schema {
                    // krilla declared no extension schemas: declare ours.
                    let start = BytesStart::new("rdf:Description").with_attributes([
                        ("rdf:about", ""),
                        (
                            "xmlns:pdfaExtension",
                            "http://www.aiim.org/pdfa/ns/extension/",
                        ),
                    ]);
                    writer
                        .write_event(Event::Start(start.borrow()))
                        .map_err(write_error)?;
                    writer
                        .create_element("pdfaExtension:schemas")
                        .write_inner_content(|w| {
                            w.create_element("rdf:Bag")
                                .write_inner_content(extension_schema)?;
                            Ok(())
                        })
                        .map_err(write_error)?;
                    writer
                        .write_event(Event::End(start.to_end()))
                        .map_err(write_error)?;
                    added_schema = true;
                }
                properties(&mut writer, document_type).map_err(write_error)?;
                added_properties = true;
            }
            Event::Eof => break,
            _ => {}
        }
        writer.write_event(event.borrow()).map_err(write_error)?;
        buf.clear();
    }
    if !added_properties {
        return Err(write_error("the XMP has no rdf:RDF"));
    }
    Ok(writer.into_inner())
}

type XmlWriter = Writer<Vec<u8>>;

fn leaf(w: &mut XmlWriter, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// Factur-X 1.0's PDF/A extension schema description of the `fx:` names.
fn extension_schema(w: &mut XmlWriter) -> std::io::Result<()> {
    const PROPERTIES: [(&str, &str); 4] = [
        ("DocumentFileName", "The name of the embedded XML document"),
        (
            "DocumentType",
            "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER",
        ),
        (
            "Version",
            "The actual version of the standard applying to the embedded XML document",
        ),
        (
            "ConformanceLevel",
            "The conformance level of the embedded XML document",
        ),
    ];
    w.create_element("rdf:li")
        .with_attributes([
            ("rdf:parseType", "Resource"),
            ("xmlns:pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"),
            (
                "xmlns:pdfaProperty",
                "http://www.aiim.org/pdfa/ns/property#",
            ),
        ])
        .write_inner_content(|w| {
            leaf(w, "pdfaSchema:schema", "Factur-X PDFA Extension Schema")?;
            leaf(w, "pdfaSchema:namespaceURI", FX_NS)?;
            leaf(w, "pdfaSchema:prefix", "fx")?;
            w.create_element("pdfaSchema:property")
                .write_inner_content(|w| {
                    w.create_element("rdf:Seq").write_inner_content(|w| {
                        for (name, description) in PROPERTIES {
                            w.create_element("rdf:li")
                                .with_attribute(("rdf:parseType", "Resource"))
                                .write_inner_content(|w| {
                                    leaf(w, "pdfaProperty:name", name)?;
                                    leaf(w, "pdfaProperty:valueType", "Text")?;
                                    leaf(w, "pdfaProperty:category", "external")?;
                                    leaf(w, "pdfaProperty:description", description)
                                })?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

/// The `fx:` properties of this document.
fn properties(w: &mut XmlWriter, document_type: &str) -> std::io::Result<()> {
    w.create_element("rdf:Description")
        .with_attributes([("rdf:about", ""), ("xmlns:fx", FX_NS)])
        .write_inner_content(|w| {
            leaf(w, "fx:DocumentType", document_type)?;
            leaf(w, "fx:DocumentFileName", FACTURX_FILE_NAME)?;
            leaf(w, "fx:Version", "1.0")?;
            leaf(w, "fx:ConformanceLevel", CONFORMANCE_LEVEL)
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::with_facturx;

    const RDF: &str = r#"xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#""#;

    #[test]
    fn the_fx_schema_joins_the_declared_ones() {
        let xmp = format!(
            r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {RDF}><rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"><pdfaExtension:schemas><rdf:Bag><rdf:li>pdf</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description></rdf:RDF></x:xmpmeta>"#
        );
        let out = String::from_utf8(with_facturx(xmp.as_bytes(), "INVOICE").unwrap()).unwrap();
        assert_eq!(out.matches("<rdf:Bag>").count(), 1, "{out}");
        let bag = &out[out.find("<rdf:Bag>").unwrap()..out.find("</rdf:Bag>").unwrap()];
        assert!(
            bag.contains("<pdfaSchema:prefix>fx</pdfaSchema:prefix>"),
            "{out}"
        );
        assert!(out.contains("<fx:DocumentType>INVOICE</fx:DocumentType>"));
        assert!(out.ends_with("</rdf:RDF></x:xmpmeta>"), "{out}");
    }

    #[test]
    fn without_declared_schemas_the_fx_schema_is_declared() {
        let xmp = format!(
            r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF {RDF}><rdf:Description rdf:about=""/></rdf:RDF></x:xmpmeta>"#
        );
        let out = String::from_utf8(with_facturx(xmp.as_bytes(), "INVOICE").unwrap()).unwrap();
        assert!(
            out.contains("<pdfaExtension:schemas><rdf:Bag><rdf:li"),
            "{out}"
        );
        assert!(out.contains("<fx:DocumentType>INVOICE</fx:DocumentType>"));
        assert!(with_facturx(b"<x/>", "INVOICE").is_err());
    }
}

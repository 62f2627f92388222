//! A thin layer over quick-xml's writer: elements with text, optional
//! elements, nested elements. quick-xml escapes every text and attribute.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

pub(crate) struct Xml {
    writer: Writer<Vec<u8>>,
}

pub(crate) type Attrs<'a> = &'a [(&'a str, &'a str)];

impl Xml {
    /// A document with its XML declaration.
    pub(crate) fn new() -> io::Result<Self> {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(Self { writer })
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        bytes
    }

    /// `<name attrs>text</name>`.
    pub(crate) fn text_with(&mut self, name: &str, attrs: Attrs, text: &str) -> io::Result<()> {
        self.writer
            .create_element(name)
            .with_attributes(attrs.iter().copied())
            .write_text_content(BytesText::new(text))?;
        Ok(())
    }

    /// `<name>text</name>`.
    pub(crate) fn text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.text_with(name, &[], text)
    }

    /// `<name>text</name>` when there is a non-blank text.
    pub(crate) fn opt(&mut self, name: &str, text: Option<&str>) -> io::Result<()> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => self.text(name, t),
            None => Ok(()),
        }
    }

    /// `<name attrs>…</name>` with what `inner` writes.
    pub(crate) fn nest_with(
        &mut self,
        name: &str,
        attrs: Attrs,
        inner: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        let start = quick_xml::events::BytesStart::new(name).with_attributes(attrs.iter().copied());
        let end = start.to_end().into_owned();
        self.writer.write_event(Event::Start(start))?;
        inner(self)?;
        self.writer.write_event(Event::End(end))?;
        Ok(())
    }

    /// `<name>…</name>` with what `inner` writes.
    pub(crate) fn nest(
        &mut self,
        name: &str,
        inner: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        self.nest_with(name, &[], inner)
    }
}

//! Writes laid-out pages with krilla.

use krilla::Document;
use krilla::color::rgb;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;

use crate::PdfError;
use crate::layout::{Color, Layout, Op};
use crate::model::DocumentView;
use crate::text::Fonts;

pub(crate) fn write(
    view: &DocumentView,
    layout: Layout,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    write_with(Document::new(), metadata(view), layout, fonts)
}

/// [`write`] into a document configured by the caller (Factur-X's
/// PDF/A-3 with its attachment), with `metadata`.
pub(crate) fn write_with(
    mut document: Document,
    metadata: Metadata,
    layout: Layout,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    document.set_metadata(metadata);
    let settings = PageSettings::from_wh(layout.width, layout.height)
        .ok_or_else(|| PdfError::Write("invalid page size".into()))?;
    for ops in layout.pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, op, fonts);
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| match e {
        // Images decode lazily, so a logo with a valid header but broken
        // pixel data only fails here.
        KrillaError::Image(_, _, message) => PdfError::Logo(message),
        other => PdfError::Write(format!("{other:?}")),
    })
}

pub(crate) fn metadata(view: &DocumentView) -> Metadata {
    let title = format!("{} {}", view.title, view.number).trim().to_owned();
    let mut metadata = Metadata::new()
        .title(title)
        .creator("Uome".to_owned())
        .language("en".to_owned());
    if !view.company.name.trim().is_empty() {
        metadata = metadata.authors(vec![view.company.name.clone()]);
    }
    metadata
}

fn paint(color: Color) -> rgb::Color {
    rgb::Color::new(color.0, color.1, color.2)
}

fn draw(surface: &mut Surface, op: Op, fonts: &Fonts) {
    match op {
        Op::Text {
            x,
            baseline,
            size,
            color,
            run,
        } => {
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                paint: paint(color).into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            surface.draw_glyphs(
                Point::from_xy(x, baseline),
                &run.glyphs,
                fonts.pdf_font(run.weight).clone(),
                &run.text,
                size,
                false,
            );
        }
        Op::Fill {
            x,
            y,
            width,
            height,
            color,
        } => {
            let Some(rect) = Rect::from_xywh(x, y, width, height) else {
                return;
            };
            let mut path = PathBuilder::new();
            path.push_rect(rect);
            let Some(path) = path.finish() else {
                return;
            };
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                paint: paint(color).into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            surface.draw_path(&path);
        }
        Op::Rule {
            x1,
            x2,
            y,
            thickness,
            color,
        } => {
            let mut path = PathBuilder::new();
            path.move_to(x1, y);
            path.line_to(x2, y);
            let Some(path) = path.finish() else {
                return;
            };
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: paint(color).into(),
                width: thickness,
                ..Default::default()
            }));
            surface.draw_path(&path);
        }
        Op::Image {
            x,
            y,
            width,
            height,
            image,
        } => {
            let Some(size) = Size::from_wh(width, height) else {
                return;
            };
            surface.push_transform(&Transform::from_translate(x, y));
            surface.draw_image(image, size);
            surface.pop();
        }
    }
}

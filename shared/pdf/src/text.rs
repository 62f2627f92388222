//! Embedded fonts, shaping and line breaking.
//!
//! Text is shaped once with rustybuzz (the shaper krilla itself uses), and the
//! same glyphs are both measured and drawn. Widths used for right alignment
//! and wrapping are therefore exactly the widths printed, kerning included.

use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex};

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer, script};

use crate::PdfError;

/// DejaVu Sans 2.37 from Debian's `fonts-dejavu-core`; licence in
/// `fonts/LICENSE-DejaVu.txt`. Covers Latin, Greek and Cyrillic, including
/// £, € and names such as Zoë, Łukasz or Søren.
static REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Parsed once per process: building a krilla `Font` hashes the whole file,
/// which a warm Lambda should not redo on every document.
static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    Some(Fonts {
        regular: Face::load(REGULAR_TTF)?,
        bold: Face::load(BOLD_TTF)?,
        plans: Mutex::new(Vec::new()),
    })
});

/// The loaded font family.
pub(crate) struct Fonts {
    regular: Face,
    bold: Face,
    /// Shape plans by weight and script. Building a plan costs more than
    /// shaping a short string, and a document shapes thousands of them in
    /// one or two scripts (Latin, and none for amounts).
    plans: Mutex<Vec<CachedPlan>>,
}

/// A shape plan with the weight and script it was made for.
type CachedPlan = (Weight, Option<Script>, Arc<ShapePlan>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

struct Face {
    pdf: Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: f32,
    /// Ascender and descender (positive) in em.
    ascent: f32,
    descent: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Face> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let units_per_em = shaper.units_per_em() as f32;
        if units_per_em <= 0.0 {
            return None;
        }
        Some(Face {
            pdf: Font::new(data.into(), 0)?,
            ascent: f32::from(shaper.ascender()) / units_per_em,
            descent: -f32::from(shaper.descender()) / units_per_em,
            units_per_em,
            shaper,
        })
    }
}

/// A shaped single line of text, ready to measure and draw.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub text: String,
    /// Advances normalised to 1 em, as krilla expects.
    pub glyphs: Vec<KrillaGlyph>,
    pub weight: Weight,
    /// Width at a font size of 1.
    em_width: f32,
}

impl Run {
    pub fn width(&self, size: f32) -> f32 {
        self.em_width * size
    }
}

impl Fonts {
    pub fn get() -> Result<&'static Fonts, PdfError> {
        FONTS.as_ref().ok_or(PdfError::Font)
    }

    fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    pub fn pdf_font(&self, weight: Weight) -> &Font {
        &self.face(weight).pdf
    }

    /// Distance from the top of a line box to its baseline, for a box of
    /// `line_height` holding text of `size`: the glyph box is centred.
    pub fn baseline_offset(&self, size: f32, line_height: f32) -> f32 {
        let face = &self.regular;
        let glyph_box = (face.ascent + face.descent) * size;
        (line_height - glyph_box) / 2.0 + face.ascent * size
    }

    /// Shapes one line; control characters become spaces so that a stray tab
    /// or newline never reaches the PDF as a missing glyph.
    pub fn shape(&self, text: &str, weight: Weight) -> Run {
        let text = sanitize(text);
        let (glyphs, em_width) = self.shape_glyphs(&text, weight);
        Run {
            text,
            glyphs,
            weight,
            em_width,
        }
    }

    fn shape_glyphs(&self, text: &str, weight: Weight) -> (Vec<KrillaGlyph>, f32) {
        let face = self.face(weight);
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        // Line breaking below walks glyphs in logical order; right-to-left
        // scripts are out of scope for these documents.
        buffer.set_direction(Direction::LeftToRight);
        let script = Some(buffer.script()).filter(|s| *s != script::UNKNOWN);
        let plan = self.plan(weight, script);
        let output = rustybuzz::shape_with_plan(&face.shaper, &plan, buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let upem = face.units_per_em;
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut em_width = 0.0;
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // A cluster ends where the next different cluster begins.
            let end = infos[i + 1..]
                .iter()
                .map(|next| next.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len());
            let advance = pos.x_advance as f32 / upem;
            em_width += advance;
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                advance,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end.max(start),
                None,
            ));
        }
        (glyphs, em_width)
    }

    /// The plan for left-to-right text in `script`, made on first use.
    fn plan(&self, weight: Weight, script: Option<Script>) -> Arc<ShapePlan> {
        let make = || {
            Arc::new(ShapePlan::new(
                &self.face(weight).shaper,
                Direction::LeftToRight,
                script,
                None,
                &[],
            ))
        };
        // A poisoned lock only means another thread panicked mid-insert;
        // shaping without the cache is still correct.
        let Ok(mut plans) = self.plans.lock() else {
            return make();
        };
        if let Some((_, _, plan)) = plans.iter().find(|(w, s, _)| *w == weight && *s == script) {
            return plan.clone();
        }
        let plan = make();
        plans.push((weight, script, plan.clone()));
        plan
    }

    /// Breaks `text` into lines no wider than `max_width` at `size`.
    ///
    /// Explicit newlines are kept (an empty line stays an empty line). Lines
    /// break after spaces; a word longer than the line is broken between
    /// characters so that nothing ever runs out of its column.
    pub fn wrap(&self, text: &str, weight: Weight, size: f32, max_width: f32) -> Vec<Run> {
        let max_em = (max_width / size).max(0.0);
        let mut lines = Vec::new();
        for paragraph in text.replace("\r\n", "\n").split(['\n', '\r']) {
            let paragraph = sanitize(paragraph);
            let (glyphs, _) = self.shape_glyphs(&paragraph, weight);
            for range in break_lines(&paragraph, &glyphs, max_em) {
                lines.push(slice_run(&paragraph, &glyphs, range, weight));
            }
        }
        lines
    }
}

fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn is_space(text: &str, glyph: &KrillaGlyph) -> bool {
    text[glyph.text_range.start..]
        .chars()
        .next()
        .is_some_and(char::is_whitespace)
}

/// Greedy line breaking over shaped glyphs; returns glyph index ranges with
/// the spaces at either end already dropped.
fn break_lines(text: &str, glyphs: &[KrillaGlyph], max_em: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let n = glyphs.len();
    while start < n {
        // A line never starts with the space that ended the previous one.
        while start < n && is_space(text, &glyphs[start]) {
            start += 1;
        }
        if start == n {
            break;
        }
        let mut width = 0.0;
        let mut last_break = None;
        let mut end = start;
        while end < n {
            let glyph = &glyphs[end];
            let space = is_space(text, glyph);
            if !space && width + glyph.x_advance > max_em && end > start {
                break;
            }
            width += glyph.x_advance;
            end += 1;
            if space {
                last_break = Some(end);
            }
        }
        if end < n {
            end = match last_break {
                Some(b) => b,
                // A word wider than the line: break inside it, but never
                // between glyphs of one cluster (a letter and its accent).
                None => cluster_boundary(glyphs, start, end),
            };
        }
        let mut trimmed = end;
        while trimmed > start && is_space(text, &glyphs[trimmed - 1]) {
            trimmed -= 1;
        }
        lines.push(start..trimmed);
        start = end;
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

fn cluster_boundary(glyphs: &[KrillaGlyph], start: usize, mut end: usize) -> usize {
    while end > start + 1 && glyphs[end].text_range.start == glyphs[end - 1].text_range.start {
        end -= 1;
    }
    end
}

/// The run for `glyphs[range]`, with text ranges rebased onto its own text.
fn slice_run(text: &str, glyphs: &[KrillaGlyph], range: Range<usize>, weight: Weight) -> Run {
    let Some(first) = glyphs.get(range.start) else {
        return Run {
            text: String::new(),
            glyphs: Vec::new(),
            weight,
            em_width: 0.0,
        };
    };
    let byte_start = first.text_range.start;
    let byte_end = glyphs[range.clone()]
        .iter()
        .map(|g| g.text_range.end)
        .max()
        .unwrap_or(byte_start);
    let mut em_width = 0.0;
    let line_glyphs = glyphs[range]
        .iter()
        .map(|g| {
            em_width += g.x_advance;
            let mut g = g.clone();
            g.text_range = g.text_range.start - byte_start..g.text_range.end - byte_start;
            g
        })
        .collect();
    Run {
        text: text[byte_start..byte_end].to_owned(),
        glyphs: line_glyphs,
        weight,
        em_width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(runs: &[Run]) -> Vec<&str> {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn measures_what_it_draws() {
        let fonts = Fonts::get().unwrap();
        let run = fonts.shape("£1,140.20", Weight::Regular);
        assert_eq!(run.text, "£1,140.20");
        assert_eq!(run.glyphs.len(), 9);
        let sum: f32 = run.glyphs.iter().map(|g| g.x_advance).sum();
        assert!((run.width(10.0) - sum * 10.0).abs() < 1e-4);
        assert!(run.width(10.0) > 40.0 && run.width(10.0) < 70.0);
    }

    #[test]
    fn wraps_at_spaces_and_keeps_paragraphs() {
        let fonts = Fonts::get().unwrap();
        let lines = fonts.wrap("one two three four\n\nfive", Weight::Regular, 10.0, 60.0);
        let got = texts(&lines);
        assert_eq!(got.last(), Some(&"five"));
        assert!(got.contains(&""), "blank line kept: {got:?}");
        for line in &lines {
            assert!(line.width(10.0) <= 60.0 + 1e-3, "{:?}", line.text);
            assert_eq!(line.text.trim(), line.text);
        }
        assert_eq!(got.join(" ").split_whitespace().count(), 5);
    }

    #[test]
    fn breaks_words_longer_than_the_line() {
        let fonts = Fonts::get().unwrap();
        let word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze";
        let lines = fonts.wrap(word, Weight::Bold, 10.0, 50.0);
        assert!(lines.len() > 3);
        assert_eq!(texts(&lines).concat(), word);
        for line in &lines {
            assert!(line.width(10.0) <= 50.0 + 1e-3);
            // Text ranges are rebased onto the line's own text.
            for g in &line.glyphs {
                assert!(g.text_range.end <= line.text.len());
            }
        }
    }

    #[test]
    fn covers_currency_signs_and_european_letters() {
        let fonts = Fonts::get().unwrap();
        for weight in [Weight::Regular, Weight::Bold] {
            for text in ["£€$¥ éüøłßñçå ÆŒ", "Ωmega Привет", "1,140.20", "Zoë"]
            {
                let run = fonts.shape(text, weight);
                assert!(
                    run.glyphs.iter().all(|g| g.glyph_id.to_u32() != 0),
                    "missing glyph in {text:?}"
                );
            }
        }
    }

    #[test]
    fn control_characters_become_spaces() {
        let fonts = Fonts::get().unwrap();
        assert_eq!(fonts.shape("a\tb", Weight::Regular).text, "a b");
        assert_eq!(
            texts(&fonts.wrap("", Weight::Regular, 10.0, 50.0)),
            vec![""]
        );
    }
}

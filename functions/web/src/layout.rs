//! The frame of every page: the business's logo and name (or Uome's on the
//! account owner's pages), a skip link, the main content, and the portal's
//! sign-out button. Semantic HTML and one stylesheet; no script.

use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;
use maud::{DOCTYPE, Markup, html};
use uome_domain::FieldError;

/// Whose pages these are.
#[derive(Clone, Debug, Default)]
pub struct Brand {
    pub name: String,
    pub logo_url: Option<String>,
}

impl Brand {
    /// The product's own pages (verify, reset).
    pub fn uome() -> Self {
        Self {
            name: "Uome".into(),
            logo_url: None,
        }
    }
}

/// What a page puts in its frame.
pub struct Frame<'a> {
    pub title: &'a str,
    pub brand: &'a Brand,
    /// The portal's pages: the sign-out form's CSRF token.
    pub sign_out: Option<&'a str>,
}

pub fn page(frame: Frame<'_>, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (frame.title) " – " (frame.brand.name) }
                link rel="stylesheet" href="/assets/site.css";
                // No favicon: an empty one spares every page a 404.
                link rel="icon" href="data:,";
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    div.brand {
                        @if let Some(logo) = &frame.brand.logo_url {
                            img.logo src=(logo) alt="" height="40";
                        }
                        span.name { (frame.brand.name) }
                    }
                    @if let Some(csrf) = frame.sign_out {
                        form.sign-out method="post" action="/portal/sign-out" {
                            input type="hidden" name=(crate::csrf::FIELD) value=(csrf);
                            button.link type="submit" { "Sign out" }
                        }
                    }
                }
                main #main tabindex="-1" {
                    (main)
                }
                footer.site {
                    p { "Sent with Uome" }
                }
            }
        }
    }
}

/// A page of the product's own (verify, reset, errors, signed out): Uome's
/// name in the frame, the title as its heading, then `body`.
pub fn plain_page(status: StatusCode, title: &str, body: Markup) -> Response {
    respond(
        status,
        page(uome_frame(title), html! { h1 { (title) } (body) }),
    )
}

/// The frame of the product's own pages: Uome's name, no sign-out.
pub fn uome_frame(title: &str) -> Frame<'_> {
    static UOME: std::sync::LazyLock<Brand> = std::sync::LazyLock::new(Brand::uome);
    Frame {
        title,
        brand: &UOME,
        sign_out: None,
    }
}

/// A page as a response.
pub fn respond(status: StatusCode, markup: Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// The messages for one form field, joined.
pub fn errors_for(errors: &[FieldError], field: &str) -> Option<String> {
    let messages: Vec<&str> = errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| e.message.as_str())
        .collect();
    (!messages.is_empty()).then(|| messages.join("; "))
}

/// A labelled text input with its error beside it (`aria-invalid`,
/// `aria-describedby`), the pattern of every form.
pub struct Input<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub kind: &'a str,
    pub value: &'a str,
    pub autocomplete: &'a str,
    pub required: bool,
    pub hint: Option<&'a str>,
    pub error: Option<String>,
}

impl Input<'_> {
    pub fn render(&self) -> Markup {
        let id = format!("f-{}", self.name.replace(['.', '[', ']'], "-"));
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let mut described = Vec::new();
        if self.hint.is_some() {
            described.push(hint_id.as_str());
        }
        if self.error.is_some() {
            described.push(error_id.as_str());
        }
        let described = described.join(" ");
        html! {
            div.field {
                label for=(id) {
                    (self.label)
                    @if !self.required { " " span.optional { "(optional)" } }
                }
                @if let Some(hint) = self.hint { p.hint id=(hint_id) { (hint) } }
                @if let Some(error) = &self.error {
                    p.error id=(error_id) { strong { "Error: " } (error) }
                }
                input id=(id) name=(self.name) type=(self.kind) value=(self.value)
                    autocomplete=(self.autocomplete) required[self.required]
                    aria-invalid=[self.error.as_ref().map(|_| "true")]
                    aria-describedby=[(!described.is_empty()).then_some(described.as_str())];
            }
        }
    }
}

//! A minimal HTML writer whose only way to add markup is a `&'static str`.
//!
//! Every runtime string goes through [`Html::text`] (or [`Html::href`]) and is
//! escaped. Because markup must be a compile-time literal, user data cannot
//! reach the output unescaped by mistake: the type system enforces what a
//! template engine's auto-escaping would, for four short emails, without a
//! template dependency or a fallible render step.

pub(crate) struct Html(String);

impl Html {
    pub fn new() -> Html {
        Html(String::with_capacity(4096))
    }

    /// Trusted markup: only literals written in this crate.
    pub fn raw(&mut self, markup: &'static str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// Untrusted text, escaped for element content and quoted attributes.
    pub fn text(&mut self, text: &str) -> &mut Html {
        escape_into(&mut self.0, text);
        self
    }

    /// Text with its line breaks kept as `<br>`.
    pub fn lines(&mut self, text: &str) -> &mut Html {
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                self.raw("<br>");
            }
            self.text(line);
        }
        self
    }

    /// A link target; callers pass only URLs that [`safe_url`] accepted.
    pub fn href(&mut self, url: &str) -> &mut Html {
        self.text(url)
    }

    pub fn finish(self) -> String {
        self.0
    }
}

/// `text` escaped for HTML element content and quoted attribute values:
/// the one escaper of the project (PDF emails, auth emails, portal links).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape_html`] appending to `out`: `& < > " '` become entities, every
/// other character is kept (markup needs nothing else escaped in UTF-8).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Only absolute http(s) URLs become links: a `javascript:` or `data:` URL in
/// an email would be an injection, whoever produced it.
pub(crate) fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_is_not_a_literal() {
        let mut html = Html::new();
        html.raw("<p title=\"")
            .text("\"><script>alert('x')</script>&")
            .raw("\">");
        assert_eq!(
            html.finish(),
            "<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\">"
        );
    }

    #[test]
    fn escapes_the_five_markup_characters_and_nothing_else() {
        assert_eq!(
            escape_html("<Ada & co> \"o'brien\""),
            "&lt;Ada &amp; co&gt; &quot;o&#39;brien&quot;"
        );
        assert_eq!(
            escape_html("Jürgen Müller — 100 %"),
            "Jürgen Müller — 100 %"
        );
        assert_eq!(
            escape_html("https://x.test/p?a=1&b=2"),
            "https://x.test/p?a=1&amp;b=2"
        );
        assert_eq!(escape_html(""), "");
        let mut out = String::from("<p>");
        escape_into(&mut out, "&");
        assert_eq!(out, "<p>&amp;");
    }

    #[test]
    fn accepts_only_http_urls() {
        assert_eq!(
            safe_url(" https://app.uome.test/p/abc "),
            Some("https://app.uome.test/p/abc")
        );
        assert_eq!(safe_url("HTTP://x.test"), Some("HTTP://x.test"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,hi"), None);
        assert_eq!(safe_url("https://x.test/a b"), None);
        assert_eq!(safe_url("é"), None);
    }
}

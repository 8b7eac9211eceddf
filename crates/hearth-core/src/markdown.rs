//! Markdown to safe HTML. Every post body goes through here before it is stored; what comes
//! out is sanitised by ammonia, so `<script>`, event-handler attributes and `javascript:`
//! URLs never reach a page whatever the author typed.

use pulldown_cmark::{Options, Parser, html};
use std::sync::OnceLock;

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.link_rel(Some("noopener noreferrer nofollow ugc"))
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("code", ["class"]);
        b
    })
}

/// Renders Markdown (CommonMark plus tables, strikethrough and task lists) to sanitised HTML.
pub fn render(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let parser = Parser::new_ext(markdown, options);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    sanitizer().clean(&unsafe_html).to_string()
}

/// A plain-text excerpt of Markdown, for previews and meta descriptions.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        if let pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) = event {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(t.trim());
        }
        if out.chars().count() > max_chars {
            break;
        }
    }
    if out.chars().count() > max_chars {
        let cut: String = out.chars().take(max_chars).collect();
        format!("{}…", cut.trim_end())
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markdown_is_defused() {
        let cases = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
        ];
        for md in cases {
            let html = render(md).to_lowercase();
            assert!(!html.contains("<script"), "{md} -> {html}");
            assert!(
                !html.contains("onerror") && !html.contains("onload"),
                "{md} -> {html}"
            );
            assert!(!html.contains("javascript:"), "{md} -> {html}");
            assert!(!html.contains("<iframe"), "{md} -> {html}");
            assert!(!html.contains("style="), "{md} -> {html}");
        }
    }

    #[test]
    fn ordinary_markdown_survives() {
        let html = render("**bold** and [a link](https://example.com)\n\n- one\n- two");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains("href=\"https://example.com\""));
        assert!(html.contains("rel=\"noopener noreferrer nofollow ugc\""));
        assert!(html.contains("<li>two</li>"));
        assert_eq!(
            excerpt("# Hi\n\nSome *text* here", 100),
            "Hi Some text here"
        );
    }
}

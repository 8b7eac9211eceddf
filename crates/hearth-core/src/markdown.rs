//! Markdown to safe HTML. Every post body goes through here before it is stored; what comes
//! out is sanitised by ammonia, so `<script>`, event-handler attributes and `javascript:`
//! URLs never reach a page whatever the author typed.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use std::sync::OnceLock;

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.link_rel(Some("noopener noreferrer nofollow ugc"))
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .add_tag_attributes("code", ["class"])
            .add_allowed_classes("a", ["mention"]);
        b
    })
}

/// Renders Markdown (CommonMark plus tables, strikethrough and task lists) to sanitised HTML.
pub fn render(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut events = Vec::new();
    let mut plain_depth = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. }) => {
                plain_depth += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image) => {
                plain_depth = plain_depth.saturating_sub(1)
            }
            _ => {}
        }
        match event {
            Event::Text(text) if plain_depth == 0 && text.contains('@') => {
                link_mentions(&text, &mut events)
            }
            // A task list's box is a character, not an `<input>`: no form control of any
            // kind gets through the sanitiser (one could be styled into a fake sign-in).
            Event::TaskListMarker(done) => {
                events.push(Event::Text(if done { "☑ " } else { "☐ " }.into()))
            }
            other => events.push(other),
        }
    }
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    sanitizer().clean(&unsafe_html).to_string()
}

/// Finds `@handle` mentions in plain text: an `@` not preceded by a letter or digit (so
/// emails are not mentions), then a valid handle. Returns (start, end, handle) spans.
fn mention_spans(text: &str) -> Vec<(usize, usize, String)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'@' && (i == 0 || !(bytes[i - 1] as char).is_alphanumeric()) {
            let start = i;
            let mut end = i + 1;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'_' | b'-' | b'.'))
            {
                end += 1;
            }
            // A sentence may end right after a mention: "thanks @ana."
            while end > start + 1 && matches!(bytes[end - 1], b'.' | b'-') {
                end -= 1;
            }
            if let Ok(handle) = crate::values::Handle::parse(&text[start + 1..end]) {
                spans.push((start, end, handle.into_string()));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    spans
}

fn link_mentions<'a>(text: &str, events: &mut Vec<Event<'a>>) {
    let mut last = 0;
    for (start, end, handle) in mention_spans(text) {
        if start > last {
            events.push(Event::Text(text[last..start].to_string().into()));
        }
        events.push(Event::InlineHtml(
            format!("<a class=\"mention\" href=\"/u/{handle}\">@{handle}</a>").into(),
        ));
        last = end;
    }
    if last < text.len() {
        events.push(Event::Text(text[last..].to_string().into()));
    }
}

/// The handles a post mentions (outside code and links), each once, lowercase.
pub fn mentions(markdown: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut plain_depth = 0usize;
    for event in Parser::new(markdown) {
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. }) => {
                plain_depth += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image) => {
                plain_depth = plain_depth.saturating_sub(1)
            }
            Event::Text(text) if plain_depth == 0 => {
                for (_, _, handle) in mention_spans(text) {
                    if !found.contains(&handle) {
                        found.push(handle);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// A plain-text excerpt of Markdown, for previews and meta descriptions.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let mut out = String::new();
    // A running count: counting `out` again after every event is quadratic in long posts.
    let mut chars = 0;
    for event in Parser::new(markdown) {
        if let pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) = event {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
                chars += 1;
            }
            let t = t.trim();
            out.push_str(t);
            chars += t.chars().count();
        }
        if chars > max_chars {
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

    /// Regression: ammonia let `<input>` through (for task lists), so a post could carry a
    /// form control styled as a sign-in field.
    #[test]
    fn no_form_control_gets_through() {
        let html = render(
            "<input type=\"password\" name=\"pw\"> <form><button>Go</button></form>\n\n- [x] done\n- [ ] todo",
        );
        assert!(
            !html.contains("<input") && !html.contains("<form") && !html.contains("<button"),
            "{html}"
        );
        assert!(html.contains("☑ done") && html.contains("☐ todo"), "{html}");
    }

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
    fn mentions_link_to_profiles_but_not_in_code_or_emails() {
        let md = "Thanks @Ana and @ben_k. Mail ana@example.com; `@code` stays.\n\n    @block\n\n[@link](https://x.io) @a";
        assert_eq!(mentions(md), ["ana", "ben_k"]);
        let html = render(md);
        assert!(
            html.contains("<a class=\"mention\" href=\"/u/ana\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"/u/ben_k\"") && html.contains("ben_k</a>."),
            "{html}"
        );
        assert!(
            !html.contains("/u/example") && !html.contains("/u/code") && !html.contains("/u/block"),
            "{html}"
        );
        assert!(
            render("<script>@x</script> @<b>y</b>")
                .find("<script")
                .is_none()
        );
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

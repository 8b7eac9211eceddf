//! Search: what a member types, checked and made safe (`hearth_core::search`), run through
//! the database's full-text index over the spaces the actor may see (decided by `access`,
//! like every other door), with highlighted snippets.

use super::{Actor, Hearth, Result, ServiceError, filter_text as text, id_cursor, spaces};
use hearth_core::Invalid;
use hearth_core::markdown;
use hearth_core::model::Author;
use hearth_core::search::{Query, snippet_html};
use hearth_core::values::{Handle, TopicKind};
use hearth_store::search::SearchFilter;

/// Results on one page.
pub const PAGE: i64 = 20;
const SNIPPET_CHARS: usize = 220;

/// A search as asked (from the page's form or the API's query string).
#[derive(Debug, Default)]
pub struct SearchInput<'a> {
    pub q: &'a str,
    pub space: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub author: Option<&'a str>,
    pub answered: Option<bool>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub cursor: Option<&'a str>,
}

/// One result: the post, where it is, and a snippet with the query's words marked.
#[derive(Debug, Clone)]
pub struct Found {
    pub topic_id: i64,
    pub post_id: i64,
    pub title: String,
    /// Escaped HTML with `<mark>` around the matched words.
    pub title_html: String,
    pub snippet_html: String,
    pub space_slug: String,
    pub author: Author,
    pub created_at: i64,
}

fn day(field: &'static str, value: &str) -> Result<i64> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = time::Date::parse(value.trim(), &fmt)
        .map_err(|_| Invalid::new(field, "err-date-format"))?;
    Ok(d.midnight().assume_utc().unix_timestamp() * 1000)
}

/// Runs a search for `actor`. Bad input names its field; a space the actor may not see is
/// "not found", as everywhere.
pub async fn search(
    h: &Hearth,
    actor: &Actor,
    input: &SearchInput<'_>,
) -> Result<(Query, Vec<Found>, Option<String>)> {
    let query = Query::parse(input.q)?;
    let mut seen = Vec::new();
    for space in h.store.spaces().await? {
        if spaces::visible(h, actor, &space).await? {
            seen.push(space);
        }
    }
    let visible = spaces::id_list(&seen);
    let space_id = match text("space", input.space)? {
        Some(slug) => Some(spaces::space(h, actor, slug).await?.id),
        None => None,
    };
    let kind = text("kind", input.kind)?
        .map(TopicKind::parse)
        .transpose()?;
    let author_id = match text("author", input.author)? {
        Some(handle) => {
            let handle = Handle::parse(handle.trim_start_matches('@'))
                .map_err(|e| Invalid::new("author", e.message))?;
            let m = h
                .store
                .member_by_handle(handle.as_str())
                .await?
                .ok_or_else(|| {
                    Invalid::new(
                        "author",
                        hearth_core::message!("err-no-member-handle", handle = handle),
                    )
                })?;
            // A member who hides their activity is not listed by author, except to
            // themselves and staff.
            if !actor.is_staff()
                && actor.member_id() != Some(m.id)
                && h.store.profile(m.id).await?.hide_activity
            {
                return Ok((query, Vec::new(), None));
            }
            Some(m.id)
        }
        None => None,
    };
    let from = text("from", input.from)?
        .map(|d| day("from", d))
        .transpose()?;
    let to = text("to", input.to)?
        .map(|d| day("to", d).map(|t| t + 86_400_000))
        .transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f >= t
    {
        return Err(Invalid::new("to", "err-to-before-from").into());
    }
    let before = id_cursor(input.cursor)?;
    let filter = SearchFilter {
        visible: &visible,
        space_id,
        kind: kind.map(|k| k.as_str()),
        author_id,
        answered: input.answered,
        from,
        to,
    };
    let mut hits = h.store.search(&query, &filter, before, PAGE + 1).await?;
    let next = (hits.len() as i64 > PAGE).then(|| {
        hits.truncate(PAGE as usize);
        hits.last().map(|h| h.post_id.to_string())
    });
    let found = hits
        .into_iter()
        .map(|hit| {
            let plain = markdown::excerpt(&hit.body_md, 20_000);
            Found {
                topic_id: hit.topic_id,
                post_id: hit.post_id,
                title_html: snippet_html(&hit.title, &query, 300),
                title: hit.title,
                snippet_html: snippet_html(&plain, &query, SNIPPET_CHARS),
                space_slug: hit.space_slug,
                author: hit.author,
                created_at: hit.created_at,
            }
        })
        .collect();
    Ok((query, found, next.flatten()))
}

/// Whether `e` is about the input (shown next to the form) rather than a failure.
pub fn is_input_error(e: &ServiceError) -> bool {
    matches!(e, ServiceError::Invalid(_) | ServiceError::NotFound(_))
}

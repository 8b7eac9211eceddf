//! Member intelligence for the owner: the people list and each person's record across
//! channels, tags, imports and activities pushed by other systems.

use super::{Hearth, Result, ServiceError};
use crate::import::{self, Kind, Record, Source, Summary};
use hearth_core::Invalid;
use hearth_core::access::{self, Actor};
use hearth_store::discipline::{ModNote, Restriction, Warning};
use hearth_store::import::ImportRun;
use hearth_store::merges::{Merge, MergeError};
use hearth_store::people::{Identity, Order, Person, PersonCounts, TimelineItem};
use hearth_store::segments::Segment;

/// The most items one `POST /api/v1/activities` may carry.
pub const MAX_BATCH: usize = 10_000;
/// The longest custom field value.
pub const MAX_FIELD_CHARS: usize = 1000;
/// Rows in one page of the people list.
pub const PER_PAGE: i64 = 50;

/// `Ok` when `allowed`; else 401 for someone not signed in, 403 with `refusal` otherwise.
fn permit(actor: &Actor, allowed: bool, refusal: &'static str) -> Result<()> {
    if allowed {
        Ok(())
    } else if actor.member_id().is_none() {
        Err(ServiceError::Unauthenticated)
    } else {
        Err(ServiceError::Forbidden(refusal))
    }
}

fn check_view(actor: &Actor) -> Result<()> {
    permit(
        actor,
        access::can_view_people(actor),
        "err-only-admins-people",
    )
}

/// Refuses an actor who may not import (before an upload is read).
pub fn may_import(actor: &Actor) -> Result<()> {
    check_import(actor)
}

fn check_import(actor: &Actor) -> Result<()> {
    permit(actor, access::can_import(actor), "err-only-admins-import")
}

/// Imports a file (the CLI as the operator, or an admin's upload).
pub async fn import_file(
    h: &Hearth,
    actor: &Actor,
    kind: Kind,
    source: &Source,
) -> Result<Summary> {
    check_import(actor)?;
    Ok(import::run(&h.store, kind, source, actor.member_id()).await?)
}

/// What a batch of pushed activities did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingested {
    pub received: u64,
    pub created: u64,
    pub members_created: u64,
    pub import_id: i64,
}

/// Reads a batch of activities (a JSON array, or NDJSON: one object a line), checks every
/// item before writing any, and writes them in one transaction. An item's error names its
/// position (from 0) and field; nothing of the batch is written then.
pub async fn ingest(h: &Hearth, actor: &Actor, body: &[u8]) -> Result<Ingested> {
    check_import(actor)?;
    let text = std::str::from_utf8(body)
        .map_err(|_| Invalid::new("body", "err-utf8-json"))?
        .trim_start_matches('\u{feff}');
    let items: Vec<serde_json::Value> = if text.trim_start().starts_with('[') {
        serde_json::from_str(text).map_err(|e| {
            Invalid::new(
                "body",
                hearth_core::message!("err-activities-json-array", error = e.to_string()),
            )
        })?
    } else {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                serde_json::from_str(l).map_err(|e| {
                    Invalid::new(
                        "body",
                        hearth_core::message!(
                            "err-activities-json-line",
                            line = i + 1,
                            error = e.to_string()
                        ),
                    )
                })
            })
            .collect::<std::result::Result<_, _>>()?
    };
    if items.is_empty() {
        return Err(Invalid::new("body", "err-no-activities").into());
    }
    if items.len() > MAX_BATCH {
        return Err(Invalid::new(
            "body",
            hearth_core::message!("err-activities-batch", count = items.len(), max = MAX_BATCH),
        )
        .into());
    }
    let now = hearth_store::now_millis();
    let mut records = Vec::with_capacity(items.len() * 2);
    for (i, item) in items.iter().enumerate() {
        let a = import::activities::item(item, i as u64, now).map_err(|(field, message)| {
            Invalid::new(
                field,
                hearth_core::message!("err-activity-item", item = i, error = message),
            )
        })?;
        records.push(Record::Row);
        records.push(Record::Activity(a));
    }
    let summary = import::ingest(&h.store, records, actor.member_id()).await?;
    Ok(Ingested {
        received: items.len() as u64,
        created: summary.counts.activities_created,
        members_created: summary.counts.members_created,
        import_id: summary.import_id,
    })
}

/// A page of people and the cursor of the next page.
pub async fn people(
    h: &Hearth,
    actor: &Actor,
    q: Option<&str>,
    cursor: Option<&str>,
) -> Result<(Vec<Person>, Option<String>)> {
    check_view(actor)?;
    let q = super::filter_text("q", q)?.unwrap_or("");
    if q.chars().count() > 100 {
        return Err(Invalid::new("q", "err-at-most-100-characters").into());
    }
    let before = super::id_cursor(cursor)?;
    let rows = h.store.people_page(q, before, PER_PAGE + 1).await?;
    Ok(super::id_page(rows, PER_PAGE, |p| p.id))
}

/// Everything the owner sees about one person.
pub struct Profile {
    pub person: Person,
    pub identities: Vec<Identity>,
    pub counts: PersonCounts,
    pub tags: Vec<String>,
    pub fields: Vec<(String, String)>,
    pub orders: Vec<Order>,
    pub timeline: Vec<TimelineItem>,
    pub warnings: Vec<Warning>,
    pub restrictions: Vec<Restriction>,
    pub notes: Vec<ModNote>,
    /// Set when this record was merged into another (the id to go to).
    pub merged_into: Option<i64>,
    /// Merges that kept or folded this record, newest first.
    pub merges: Vec<Merge>,
}

/// One person's record. `timeline_limit` rows of the timeline, newest first.
/// A person's record, with up to `timeline_limit` activities before `before` (an
/// activity's `(occurred_at, id)`; the newest when `None`).
pub async fn profile(
    h: &Hearth,
    actor: &Actor,
    id: i64,
    before: Option<(i64, i64)>,
    timeline_limit: i64,
) -> Result<Profile> {
    check_view(actor)?;
    let person = h
        .store
        .person(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    let role =
        hearth_core::values::Role::parse(&person.role).unwrap_or(hearth_core::values::Role::Owner);
    let notes = if access::can_read_mod_notes(actor, id, role) {
        h.store.mod_notes(id, 50).await?
    } else {
        Vec::new()
    };
    Ok(Profile {
        identities: h.store.identities(id).await?,
        counts: h.store.person_counts(id).await?,
        tags: h.store.tags(id).await?,
        fields: h.store.fields(id).await?,
        orders: h.store.orders(id, 100).await?,
        timeline: h.store.timeline(id, before, timeline_limit).await?,
        warnings: h.store.warnings(id, 50).await?,
        restrictions: h.store.restrictions(id, 50).await?,
        notes,
        merged_into: h.store.merged_into(id).await?,
        merges: h.store.merges_of(id).await?,
        person,
    })
}

/// A tag: 1 to 64 characters, no control characters, no commas (lists use them).
pub fn tag(input: &str) -> Result<String> {
    let t = input.trim();
    if t.is_empty() || t.chars().count() > 64 || t.chars().any(|c| c.is_control() || c == ',') {
        return Err(Invalid::new("tag", "err-tag-format").into());
    }
    Ok(t.to_string())
}

/// Adds and removes tags on people, in one transaction.
pub async fn change_tags(
    h: &Hearth,
    actor: &Actor,
    ids: &[i64],
    add: &[String],
    remove: &[String],
) -> Result<u64> {
    check_import(actor)?;
    let add: Vec<String> = add.iter().map(|t| tag(t)).collect::<Result<_>>()?;
    let remove: Vec<String> = remove.iter().map(|t| tag(t)).collect::<Result<_>>()?;
    if add.is_empty() && remove.is_empty() {
        return Err(Invalid::new("tag", "err-required").into());
    }
    Ok(h.store
        .change_tags(
            ids,
            &add,
            &remove,
            actor.member_id(),
            hearth_store::now_millis(),
        )
        .await?)
}

/// The import audit, newest first.
pub async fn imports(h: &Hearth, actor: &Actor) -> Result<Vec<ImportRun>> {
    check_view(actor)?;
    Ok(h.store.imports_page(None, 50).await?)
}

pub async fn import_run(h: &Hearth, actor: &Actor, id: i64) -> Result<ImportRun> {
    check_view(actor)?;
    h.store
        .import_run(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-import"))
}

/// Sets a custom field on a person (an empty value removes it). Names are lower-case
/// letters, digits, `_` and `-`, at most 64; values at most 1,000 characters.
pub async fn set_field(h: &Hearth, actor: &Actor, id: i64, name: &str, value: &str) -> Result<()> {
    check_import(actor)?;
    let name = name.trim().to_lowercase().replace(' ', "_");
    if name.is_empty()
        || name.chars().count() > 64
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return Err(Invalid::new("name", "err-field-name-format").into());
    }
    let value = value.trim();
    if value.chars().count() > MAX_FIELD_CHARS || value.chars().any(|c| c.is_control() && c != '\n')
    {
        return Err(Invalid::new(
            "value",
            hearth_core::message!("err-at-most-characters", max = MAX_FIELD_CHARS),
        )
        .into());
    }
    h.store
        .person(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    Ok(h.store.set_field(id, &name, value).await?)
}

/// Adds a private note to a person's record (the moderators' notes, shared with them).
pub async fn note(h: &Hearth, actor: &Actor, id: i64, note: &str) -> Result<i64> {
    check_view(actor)?;
    super::discipline::note(h, actor, id, note).await
}

fn check_merge(actor: &Actor) -> Result<()> {
    permit(
        actor,
        access::can_merge_people(actor),
        "err-only-admins-merge",
    )
}

/// Two records that may be one person, and why.
pub struct Suggestion {
    pub a: Person,
    pub b: Person,
    pub evidence: Vec<hearth_core::people::Evidence>,
}

impl Suggestion {
    pub fn strength(&self) -> f64 {
        strength(&self.evidence)
    }
}

fn strength(evidence: &[hearth_core::people::Evidence]) -> f64 {
    evidence.iter().map(|e| e.strength()).sum()
}

/// Says the evidence in words (kept with the merge in the audit).
pub fn evidence_text(evidence: &[hearth_core::people::Evidence]) -> String {
    use hearth_core::people::Evidence;
    evidence
        .iter()
        .map(|e| match e {
            Evidence::SameEmail(email) => format!("same email {email}"),
            Evidence::SameHandle { handle, channels } => {
                format!("same handle {handle} on {} and {}", channels.0, channels.1)
            }
            Evidence::SimilarName { names, score } => {
                format!("similar names {} ~ {} ({score:.2})", names.0, names.1)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every pair worth a look, strongest evidence first (at most `limit`): the same email,
/// the same handle on two channels, similar names. Pairs the owner dismissed, records
/// already merged or erased, and two accounts are left out.
pub async fn suggestions(h: &Hearth, actor: &Actor, limit: usize) -> Result<Vec<Suggestion>> {
    use hearth_core::people::{Evidence, similar_names};
    use std::collections::{BTreeMap, HashSet};
    check_merge(actor)?;
    let mut pairs: BTreeMap<(i64, i64), Vec<Evidence>> = BTreeMap::new();
    for c in h.store.merge_candidates(2000, None).await? {
        let (pair, e) = candidate_evidence(c);
        let list = pairs.entry(pair).or_default();
        if !list.contains(&e) {
            list.push(e);
        }
    }
    // Names come from live records only (`name_keys`); dismissed pairs are left out here,
    // as the SQL leaves them out of the email and handle candidates.
    let dismissed: HashSet<(i64, i64)> = h.store.dismissed_pairs().await?.into_iter().collect();
    for (low, high, score, a, b) in similar_names(&h.store.name_keys(200_000).await?) {
        if dismissed.contains(&(low, high)) {
            continue;
        }
        pairs
            .entry((low, high))
            .or_default()
            .push(Evidence::SimilarName {
                names: (a, b),
                score,
            });
    }
    // Strongest first; records are read only for the pairs shown.
    let mut ranked: Vec<((i64, i64), Vec<Evidence>)> = pairs.into_iter().collect();
    ranked.sort_by(|x, y| strength(&y.1).total_cmp(&strength(&x.1)));
    let mut out = Vec::new();
    for ((low, high), evidence) in ranked {
        if out.len() == limit {
            break;
        }
        let (Some(a), Some(b)) = (h.store.person(low).await?, h.store.person(high).await?) else {
            continue;
        };
        if a.kind == "account" && b.kind == "account" {
            continue;
        }
        out.push(Suggestion { a, b, evidence });
    }
    Ok(out)
}

/// The pair a store candidate is about, and what it says.
fn candidate_evidence(
    c: hearth_store::merges::Candidate,
) -> ((i64, i64), hearth_core::people::Evidence) {
    use hearth_core::people::Evidence;
    let e = match c.kind {
        "email" => Evidence::SameEmail(c.value),
        _ => Evidence::SameHandle {
            handle: c.value,
            channels: c.channels,
        },
    };
    ((c.low, c.high), e)
}

fn merge_error(e: MergeError) -> ServiceError {
    match e {
        MergeError::NotFound => ServiceError::NotFound("err-not-found-member"),
        MergeError::Same => Invalid::new("other", "err-same-record").into(),
        MergeError::AlreadyMerged => ServiceError::State("err-already-merged"),
        MergeError::TwoAccounts => ServiceError::State("err-two-accounts"),
        MergeError::Erased => ServiceError::State("err-erased-merge"),
        MergeError::AlreadyUndone => ServiceError::State("err-merge-undone"),
        MergeError::Store(e) => ServiceError::internal(e),
    }
}

/// Merges two records, keeping the evidence that was shown. Returns (merge id, kept id).
pub async fn merge(h: &Hearth, actor: &Actor, a: i64, b: i64) -> Result<(i64, i64)> {
    use hearth_core::people::Evidence;
    check_merge(actor)?;
    let (low, high) = (a.min(b), a.max(b));
    let mut evidence: Vec<Evidence> = h
        .store
        .merge_candidates(100, Some((low, high)))
        .await?
        .into_iter()
        .map(|c| candidate_evidence(c).1)
        .collect();
    evidence.dedup();
    let (ia, ib) = (h.store.identities(a).await?, h.store.identities(b).await?);
    let mut best: Option<(f64, String, String)> = None;
    for x in &ia {
        for y in &ib {
            let score = hearth_core::people::name_similarity(
                &hearth_core::people::name_key(&x.name),
                &hearth_core::people::name_key(&y.name),
            );
            if score >= hearth_core::people::SIMILAR_NAME
                && best.as_ref().is_none_or(|b| score > b.0)
            {
                best = Some((score, x.name.clone(), y.name.clone()));
            }
        }
    }
    if let Some((score, x, y)) = best {
        evidence.push(Evidence::SimilarName {
            names: (x, y),
            score,
        });
    }
    let text = if evidence.is_empty() {
        "merged by hand, without matching evidence".to_string()
    } else {
        evidence_text(&evidence)
    };
    h.store
        .merge_members(a, b, &text, actor.member_id(), hearth_store::now_millis())
        .await
        .map_err(merge_error)
}

/// Undoes a merge completely.
pub async fn unmerge(h: &Hearth, actor: &Actor, merge_id: i64) -> Result<Merge> {
    check_merge(actor)?;
    h.store
        .unmerge(merge_id, actor.member_id(), hearth_store::now_millis())
        .await
        .map_err(merge_error)
}

/// Records that two records are not one person: the pair is not suggested again.
pub async fn dismiss(h: &Hearth, actor: &Actor, a: i64, b: i64) -> Result<()> {
    check_merge(actor)?;
    if a == b {
        return Err(Invalid::new("other", "err-same-record").into());
    }
    for id in [a, b] {
        h.store
            .person(id)
            .await?
            .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    }
    Ok(h.store
        .dismiss_pair(a, b, actor.member_id(), hearth_store::now_millis())
        .await?)
}

/// A segment's condition, parsed; the error says where (`at column 14: …`).
pub fn condition(text: &str) -> Result<hearth_core::condition::Condition> {
    hearth_core::condition::parse(text.trim())
        .map_err(|e| Invalid::new("condition", e.message).into())
}

fn segment_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 80 || n.chars().any(char::is_control) {
        return Err(Invalid::new("name", "err-segment-name").into());
    }
    Ok(n.to_string())
}

pub async fn segments(h: &Hearth, actor: &Actor) -> Result<Vec<(Segment, i64)>> {
    check_view(actor)?;
    let now = hearth_store::now_millis();
    let mut out = Vec::new();
    for s in h.store.segments().await? {
        let count = match hearth_core::condition::parse(&s.condition) {
            Ok(c) => h.store.condition_count(&c, now).await?,
            Err(_) => 0,
        };
        out.push((s, count));
    }
    Ok(out)
}

/// Creates (`id` None) or changes a segment; the condition must parse.
pub async fn save_segment(
    h: &Hearth,
    actor: &Actor,
    id: Option<i64>,
    name: &str,
    text: &str,
) -> Result<i64> {
    check_import(actor)?;
    let name = segment_name(name)?;
    condition(text)?;
    let now = hearth_store::now_millis();
    match id {
        Some(id) => {
            h.store.update_segment(id, &name, text.trim(), now).await?;
            Ok(id)
        }
        None => Ok(h
            .store
            .create_segment(&name, text.trim(), actor.member_id(), now)
            .await?),
    }
}

pub async fn delete_segment(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    check_import(actor)?;
    Ok(h.store.delete_segment(id).await?)
}

/// One segment, how many match now, and a page of its members after `after`.
pub async fn segment(
    h: &Hearth,
    actor: &Actor,
    id: i64,
    after: Option<&str>,
) -> Result<(Segment, i64, Vec<Person>, Option<String>)> {
    let (s, c) = saved_segment(h, actor, id).await?;
    let now = hearth_store::now_millis();
    let after = super::id_cursor(after)?.unwrap_or(0);
    let rows = h
        .store
        .condition_members(&c, now, after, PER_PAGE + 1)
        .await?;
    let (rows, next) = super::id_page(rows, PER_PAGE, |m| m.id);
    let count = h.store.condition_count(&c, now).await?;
    Ok((s, count, rows, next))
}

/// One segment and how many match it now (no page of its members).
pub async fn segment_summary(h: &Hearth, actor: &Actor, id: i64) -> Result<(Segment, i64)> {
    let (s, c) = saved_segment(h, actor, id).await?;
    let count = h
        .store
        .condition_count(&c, hearth_store::now_millis())
        .await?;
    Ok((s, count))
}

/// A saved segment the actor may read, and its parsed condition.
async fn saved_segment(
    h: &Hearth,
    actor: &Actor,
    id: i64,
) -> Result<(Segment, hearth_core::condition::Condition)> {
    check_view(actor)?;
    let s = h
        .store
        .segment(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-segment"))?;
    let c = condition(&s.condition)?;
    Ok((s, c))
}

/// Every member of a segment now, in id order (for the CSV export).
pub async fn segment_members(h: &Hearth, actor: &Actor, id: i64) -> Result<(Segment, Vec<Person>)> {
    let (s, c) = saved_segment(h, actor, id).await?;
    let now = hearth_store::now_millis();
    let mut all = Vec::new();
    let mut after = 0;
    loop {
        let page = h.store.condition_members(&c, now, after, 5000).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let full = page.len() == 5000;
        all.extend(page);
        if !full {
            break;
        }
    }
    Ok((s, all))
}

/// Tags every member of a segment (one transaction). Returns how many changed.
pub async fn tag_segment(h: &Hearth, actor: &Actor, id: i64, tag_text: &str) -> Result<u64> {
    check_import(actor)?;
    let tags: Vec<String> = crate::import::tag_list(tag_text);
    if tags.is_empty() {
        return Err(Invalid::new("tag", "err-required").into());
    }
    let (_, members) = segment_members(h, actor, id).await?;
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    change_tags(h, actor, &ids, &tags, &[]).await
}

/// Opts the actor out of analytics profiling (segments, and the insights to come), or back in.
pub async fn set_analytics_opt_out(h: &Hearth, actor: &Actor, opt_out: bool) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    Ok(h.store.set_analytics_opt_out(id, opt_out).await?)
}

/// Erases a person's personal data (the owner only). Their activities stay, anonymous.
pub async fn erase(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    use hearth_store::privacy::EraseError;
    permit(
        actor,
        access::can_erase_people(actor),
        "err-only-owner-erases",
    )?;
    h.store
        .erase_member(id, actor.member_id(), hearth_store::now_millis())
        .await
        .map_err(|e| match e {
            EraseError::NotFound => ServiceError::NotFound("err-not-found-member"),
            EraseError::Owner => ServiceError::State("err-owner-not-erased"),
            EraseError::AlreadyErased => ServiceError::State("err-already-erased"),
            EraseError::Store(e) => ServiceError::internal(e),
        })
}

/// Everything Hearth keeps about the actor, as a zip of JSON files (`profile.json`,
/// `identities.json`, `activities.json`, `posts.json`, `orders.json`, `tags_and_fields.json`).
/// Downloads (the personal zip, segment and audit CSVs) one member may make in an hour.
pub const EXPORTS_PER_HOUR: i64 = 10;

/// Counts a download against the actor: exports read much, so a page that asks for one
/// over and over (or a post full of them) gets 429 after [`EXPORTS_PER_HOUR`].
pub async fn limit_exports(h: &Hearth, actor: &Actor) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    super::rate_limit(h, &format!("export:{id}"), EXPORTS_PER_HOUR, 3_600_000).await
}

pub async fn export_my_data(h: &Hearth, actor: &Actor) -> Result<Vec<u8>> {
    use serde_json::json;
    use std::io::Write;
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    limit_exports(h, actor).await?;
    let member = h
        .store
        .member(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    let profile = h.store.profile(id).await?;
    let person = h
        .store
        .person(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    let mut activities = Vec::new();
    let mut before = None;
    loop {
        let page = h.store.timeline(id, before, 500).await?;
        let Some(last) = page.last() else { break };
        before = Some((last.occurred_at, last.id));
        let full = page.len() == 500;
        activities.extend(page.into_iter().map(|a| {
            json!({
                "kind": a.kind, "channel": a.channel, "target_type": a.target_type,
                "target_id": a.target_id, "weight": a.weight,
                "properties": a.properties.and_then(|p| serde_json::from_str::<serde_json::Value>(&p).ok()),
                "occurred_at": a.occurred_at,
            })
        }));
        if !full {
            break;
        }
    }
    let files: Vec<(&str, serde_json::Value)> = vec![
        (
            "profile.json",
            json!({
                "id": member.id, "email": member.email, "handle": member.handle,
                "display_name": member.display_name, "role": member.role.as_str(),
                "joined_at": member.created_at, "trust_level": member.trust_level,
                "language": member.language, "time_zone": member.time_zone,
                "bio": profile.bio, "location": profile.location, "links": profile.links,
                "analytics_opt_out": person.analytics_opt_out,
            }),
        ),
        (
            "identities.json",
            json!(
                h.store
                    .identities(id)
                    .await?
                    .iter()
                    .map(|i| json!({
                        "channel": i.channel, "external_id": i.external_id, "handle": i.handle,
                        "email": i.email, "name": i.name, "since": i.created_at,
                    }))
                    .collect::<Vec<_>>()
            ),
        ),
        ("activities.json", json!(activities)),
        (
            "posts.json",
            json!(
                h.store
                    .posts_by_author(id, 100_000)
                    .await?
                    .iter()
                    .map(|(post, topic, body, at)| json!({
                        "id": post, "topic_id": topic, "body_markdown": body, "created_at": at,
                    }))
                    .collect::<Vec<_>>()
            ),
        ),
        (
            "orders.json",
            json!(h.store.orders(id, 500).await?.iter().map(|o| json!({
                "source": o.source, "number": o.external_id, "total_cents": o.total_cents,
                "refunded_cents": o.refunded_cents, "currency": o.currency, "status": o.status,
                "lines": serde_json::from_str::<serde_json::Value>(&o.lines).unwrap_or_default(),
                "placed_at": o.placed_at,
            })).collect::<Vec<_>>()),
        ),
        (
            "tags_and_fields.json",
            json!({
                "tags": h.store.tags(id).await?,
                "fields": h.store.fields(id).await?.into_iter().collect::<std::collections::BTreeMap<_, _>>(),
            }),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let fail = |e: String| ServiceError::internal(format!("export: {e}"));
    for (name, value) in files {
        zip.start_file(name, options)
            .map_err(|e| fail(e.to_string()))?;
        let text = serde_json::to_string_pretty(&value).map_err(|e| fail(e.to_string()))?;
        zip.write_all(text.as_bytes())
            .map_err(|e| fail(e.to_string()))?;
    }
    Ok(zip.finish().map_err(|e| fail(e.to_string()))?.into_inner())
}

/// The longest retention the owner may set, in days (ten years).
pub const MAX_RETENTION_DAYS: i64 = 3650;

/// Sets how long raw imported data is kept (`""` keeps it for ever).
pub async fn set_retention(h: &Hearth, actor: &Actor, days: &str) -> Result<Option<i64>> {
    check_import(actor)?;
    let days = match days.trim() {
        "" => None,
        d => Some(
            d.parse::<i64>()
                .ok()
                .filter(|d| (1..=MAX_RETENTION_DAYS).contains(d))
                .ok_or_else(|| {
                    Invalid::new(
                        "retention_days",
                        hearth_core::message!("err-retention-days", max = MAX_RETENTION_DAYS),
                    )
                })?,
        ),
    };
    h.store.set_raw_retention_days(days).await?;
    Ok(days)
}

/// The hourly job: forgets raw imported data past the owner's retention period.
pub async fn apply_retention(h: &Hearth, now: i64) -> Result<u64> {
    let Some(days) = h.store.raw_retention_days().await? else {
        return Ok(0);
    };
    Ok(h.store.apply_raw_retention(now - days * 86_400_000).await?)
}

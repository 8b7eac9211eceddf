//! Events on the web and in the API: the calendar (`/events`), the form that creates an
//! event, RSVP and check-in, the organiser's attendee list, iCalendar downloads
//! (`/e/{id}.ics`) and subscribable feeds (`/events.ics`, `/s/{slug}/events.ics`, public
//! spaces only, as feeds are read without a session).

use super::error::{ApiResult, PageResult};
use super::extract::{ApiCaller, ApiJson, CurrentMember, MaybeMember, PageForm, path_id};
use super::feeds::base_url;
use super::views::{SpaceView, rfc3339, topic_url};
use super::{render, render_status};
use crate::app::AppState;
use crate::services::events::{self as svc, EventInput, EventState};
use crate::services::{Actor, ServiceError, spaces, topics};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hearth_core::values::Visibility;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events", get(calendar_page))
        .route("/events.ics", get(community_ics))
        .route("/s/{slug}/events.ics", get(space_ics))
        .route(
            "/s/{slug}/events/new",
            get(new_event_page).post(new_event_submit),
        )
        .route("/e/{file}", get(event_ics))
        .route("/e/{id}/rsvp", post(rsvp_submit))
        .route("/e/{id}/check-in", post(check_in_submit))
        .route("/e/{id}/attendees", get(attendees_page))
        .route("/e/{id}/edit", get(edit_event_page).post(edit_event_submit))
        .route("/e/{id}/cancel", post(cancel_submit))
        .route("/api/v1/spaces/{slug}/events", post(create_api))
        .route("/api/v1/events", get(list_api))
        .route("/api/v1/events/{id}", get(get_api).patch(update_api))
        .route("/api/v1/events/{id}/cancel", post(cancel_api))
        .route("/api/v1/events/{id}/rsvp", post(rsvp_api))
        .route("/api/v1/events/{id}/check-in", post(check_in_api))
        .route("/api/v1/events/{id}/attendees", get(attendees_api))
}

#[derive(Serialize)]
pub struct RecurrenceView {
    freq: &'static str,
    count: u32,
}

#[derive(Serialize)]
pub struct OccurrenceView {
    starts_at: String,
    ends_at: String,
    starts_ms: i64,
    ends_ms: i64,
}

/// An event as pages and the API show it to one viewer.
#[derive(Serialize)]
pub struct EventView {
    id: i64,
    title: String,
    url: String,
    space: String,
    starts_at: String,
    ends_at: String,
    starts_ms: i64,
    ends_ms: i64,
    time_zone: String,
    recurrence: Option<RecurrenceView>,
    occurrences: Vec<OccurrenceView>,
    /// The occurrence that has not ended yet (none when the event is over).
    next: Option<OccurrenceView>,
    ended: bool,
    /// The organiser or staff cancelled it: it takes no answers.
    cancelled: bool,
    capacity: Option<i64>,
    going_count: i64,
    waitlist_count: i64,
    seats_left: Option<i64>,
    location: Option<String>,
    /// Whether the event happens online (the link itself only for those going).
    online: bool,
    online_url: Option<String>,
    /// The viewer's answer: going, waitlisted, maybe, not_going, or none.
    my_status: Option<String>,
    checked_in: bool,
    can_manage: bool,
    /// The code attendees type at the door (organiser and staff only).
    checkin_code: Option<String>,
    self_checkin_open: bool,
    ics_url: String,
}

fn occurrence((start, end): (i64, i64)) -> OccurrenceView {
    OccurrenceView {
        starts_at: rfc3339(start),
        ends_at: rfc3339(end),
        starts_ms: start,
        ends_ms: end,
    }
}

impl From<&EventState> for EventView {
    fn from(s: &EventState) -> Self {
        let e = &s.event;
        EventView {
            id: e.topic_id,
            title: e.title.clone(),
            url: topic_url(e.topic_id, &e.title),
            space: s.space.slug.clone(),
            starts_at: rfc3339(e.starts_at),
            ends_at: rfc3339(e.ends_at),
            starts_ms: e.starts_at,
            ends_ms: e.ends_at,
            time_zone: e.time_zone.clone(),
            recurrence: s.schedule.recurrence.map(|r| RecurrenceView {
                freq: r.freq.as_str(),
                count: r.count,
            }),
            occurrences: s
                .schedule
                .occurrences()
                .into_iter()
                .map(occurrence)
                .collect(),
            next: s.next.map(occurrence),
            ended: s.next.is_none(),
            cancelled: e.cancelled_at.is_some(),
            capacity: e.capacity,
            going_count: e.going_count,
            waitlist_count: e.waitlist_count,
            seats_left: e.capacity.map(|c| (c - e.going_count).max(0)),
            location: e.location.clone(),
            online: e.online_url.is_some(),
            online_url: s.online_url.clone(),
            my_status: s.mine.as_ref().map(|(st, _)| st.clone()),
            checked_in: s.mine.as_ref().is_some_and(|(_, c)| c.is_some()),
            can_manage: s.manage,
            checkin_code: s.manage.then(|| e.checkin_code.clone()),
            self_checkin_open: s.self_checkin_open,
            ics_url: format!("/e/{}.ics", e.topic_id),
        }
    }
}

// ---- API ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecurrenceBody {
    freq: String,
    count: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEventBody {
    title: String,
    #[serde(default)]
    body: String,
    starts_at: String,
    ends_at: String,
    time_zone: String,
    capacity: Option<i64>,
    location: Option<String>,
    online_url: Option<String>,
    recurrence: Option<RecurrenceBody>,
}

async fn create_event(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    title: &str,
    body: &str,
    input: &EventInput,
) -> Result<i64, ServiceError> {
    topics::start_topic_with(
        &state.hearth,
        actor,
        slug,
        &topics::TopicInput {
            title,
            body,
            kind: "event",
            pin: None,
            poll: None,
            event: Some(input),
        },
    )
    .await
}

async fn create_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    ApiJson(b): ApiJson<NewEventBody>,
) -> ApiResult<(StatusCode, Json<EventView>)> {
    let input = EventInput {
        starts_at: b.starts_at,
        ends_at: b.ends_at,
        time_zone: b.time_zone,
        capacity: b.capacity,
        location: b.location,
        online_url: b.online_url,
        recurrence: b.recurrence.map(|r| (r.freq, r.count)),
    };
    let id = create_event(&state, &caller.actor, &slug, &b.title, &b.body, &input).await?;
    let s = svc::event(&state.hearth, &caller.actor, id).await?;
    Ok((StatusCode::CREATED, Json(EventView::from(&s))))
}

async fn get_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<EventView>> {
    let id = path_id(&id, "event")?;
    let s = svc::event(&state.hearth, &caller.actor, id).await?;
    Ok(Json(EventView::from(&s)))
}

/// `PATCH /api/v1/events/{id}`: the schedule, place and capacity, replaced whole.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventChangeBody {
    starts_at: String,
    ends_at: String,
    time_zone: String,
    capacity: Option<i64>,
    location: Option<String>,
    online_url: Option<String>,
    recurrence: Option<RecurrenceBody>,
}

async fn update_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<EventChangeBody>,
) -> ApiResult<Json<EventView>> {
    let id = path_id(&id, "event")?;
    let input = EventInput {
        starts_at: b.starts_at,
        ends_at: b.ends_at,
        time_zone: b.time_zone,
        capacity: b.capacity,
        location: b.location,
        online_url: b.online_url,
        recurrence: b.recurrence.map(|r| (r.freq, r.count)),
    };
    svc::update(&state.hearth, &caller.actor, id, &input).await?;
    let s = svc::event(&state.hearth, &caller.actor, id).await?;
    Ok(Json(EventView::from(&s)))
}

async fn cancel_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<EventView>> {
    let id = path_id(&id, "event")?;
    svc::cancel(&state.hearth, &caller.actor, id).await?;
    let s = svc::event(&state.hearth, &caller.actor, id).await?;
    Ok(Json(EventView::from(&s)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RsvpBody {
    status: String,
}

#[derive(Serialize)]
pub struct RsvpAnswer {
    /// The member's state now: going, waitlisted, maybe or not_going.
    status: String,
    event: EventView,
}

async fn rsvp_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<RsvpBody>,
) -> ApiResult<Json<RsvpAnswer>> {
    let id = path_id(&id, "event")?;
    let status = svc::rsvp(&state.hearth, &caller.actor, id, &b.status).await?;
    let s = svc::event(&state.hearth, &caller.actor, id).await?;
    Ok(Json(RsvpAnswer {
        status,
        event: EventView::from(&s),
    }))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CheckInBody {
    /// Staff and the organiser: whom to check in.
    member: Option<String>,
    /// A member checking themselves in: the event's code.
    code: Option<String>,
}

async fn check_in_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<CheckInBody>,
) -> ApiResult<Json<EventView>> {
    let id = path_id(&id, "event")?;
    svc::check_in(
        &state.hearth,
        &caller.actor,
        id,
        b.member.as_deref(),
        b.code.as_deref(),
    )
    .await?;
    let s = svc::event(&state.hearth, &caller.actor, id).await?;
    Ok(Json(EventView::from(&s)))
}

#[derive(Serialize)]
pub struct AttendeeView {
    handle: String,
    display_name: String,
    status: String,
    checked_in_at: Option<String>,
    answered_at: String,
}

#[derive(Serialize)]
pub struct AttendeeList {
    going: i64,
    waitlisted: i64,
    checked_in: usize,
    items: Vec<AttendeeView>,
    /// Always null: every attendee is on the one page.
    next_cursor: Option<String>,
}

fn attendee_list(list: &[hearth_store::events::Attendee]) -> AttendeeList {
    AttendeeList {
        going: list.iter().filter(|a| a.status == "going").count() as i64,
        waitlisted: list.iter().filter(|a| a.status == "waitlisted").count() as i64,
        checked_in: list.iter().filter(|a| a.checked_in_at.is_some()).count(),
        next_cursor: None,
        items: list
            .iter()
            .map(|a| AttendeeView {
                handle: a.handle.clone(),
                display_name: a.display_name.clone(),
                status: a.status.clone(),
                checked_in_at: a.checked_in_at.map(rfc3339),
                answered_at: rfc3339(a.updated_at),
            })
            .collect(),
    }
}

async fn attendees_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<AttendeeList>> {
    let id = path_id(&id, "event")?;
    let (_, list) = svc::attendees(&state.hearth, &caller.actor, id).await?;
    Ok(Json(attendee_list(&list)))
}

#[derive(Deserialize, Default)]
pub struct RangeQuery {
    /// `YYYY-MM` (the calendar page) — or, in the API, `from`/`to` as RFC 3339.
    month: Option<String>,
    from: Option<String>,
    to: Option<String>,
    space: Option<String>,
}

#[derive(Serialize)]
pub struct OccurrenceItem {
    event_id: i64,
    title: String,
    url: String,
    space: String,
    starts_at: String,
    ends_at: String,
    location: Option<String>,
    online: bool,
    cancelled: bool,
}

fn parse_instant(field: &'static str, v: Option<&str>, default: i64) -> Result<i64, ServiceError> {
    match crate::services::blank(v) {
        None => Ok(default),
        Some(s) => hearth_core::events::parse_time(field, s, &jiff::tz::TimeZone::UTC)
            .map_err(ServiceError::from),
    }
}

/// An occurrence as the calendar and the API list it; `space` as each names it.
fn occurrence_item(o: &svc::Occurrence, space: String) -> OccurrenceItem {
    OccurrenceItem {
        event_id: o.event.topic_id,
        title: o.event.title.clone(),
        url: topic_url(o.event.topic_id, &o.event.title),
        space,
        starts_at: rfc3339(o.starts_at),
        ends_at: rfc3339(o.ends_at),
        location: o.event.location.clone(),
        online: o.event.online_url.is_some(),
        cancelled: o.event.cancelled_at.is_some(),
    }
}

async fn only_space(
    state: &AppState,
    actor: &Actor,
    slug: Option<&str>,
) -> Result<Option<hearth_core::model::Space>, ServiceError> {
    match crate::services::blank(slug) {
        Some(s) => Ok(Some(spaces::space(&state.hearth, actor, s).await?)),
        None => Ok(None),
    }
}

/// `GET /api/v1/events?from=&to=&space=`: occurrences (a repeating event once per
/// occurrence) in the spaces the caller sees, from now for 90 days unless asked.
async fn list_api(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<RangeQuery>,
) -> ApiResult<Json<Vec<OccurrenceItem>>> {
    let now = hearth_store::now_millis();
    let from = parse_instant("from", q.from.as_deref(), now)?;
    let to = parse_instant("to", q.to.as_deref(), from + 90 * 86_400_000)?;
    if to <= from {
        return Err(
            ServiceError::from(hearth_core::Invalid::new("to", "err-to-after-from")).into(),
        );
    }
    let space = only_space(&state, &caller.actor, q.space.as_deref()).await?;
    let spaces = match space {
        Some(s) => vec![s],
        None => spaces::visible_spaces(&state.hearth, &caller.actor).await?,
    };
    let list = svc::occurrences(&state.hearth, &spaces, from, to).await?;
    Ok(Json(
        list.iter()
            .map(|o| occurrence_item(o, o.space.slug.clone()))
            .collect(),
    ))
}

// ---- Pages ----

#[derive(Serialize)]
struct DayView {
    day: i8,
    in_month: bool,
    today: bool,
    iso: String,
    items: Vec<OccurrenceItem>,
}

/// `/events`: a month of the calendar on the viewer's clock, and the list of its events.
async fn calendar_page(
    State(state): State<AppState>,
    me: MaybeMember,
    Query(q): Query<RangeQuery>,
) -> PageResult<Response> {
    use jiff::ToSpan;
    let actor = me.actor();
    let community = state.community().await.map_err(ServiceError::from)?;
    let (lang, tz) = crate::i18n::locale(community.as_ref(), me.0.as_ref());
    let zone = crate::i18n::zone(&tz);
    let now = hearth_store::now_millis();
    let today = hearth_core::events::zoned(now, &zone)
        .map(|z| z.date())
        .unwrap_or(jiff::civil::date(2026, 1, 1));
    let first = match crate::services::blank(q.month.as_deref()) {
        None => today.first_of_month(),
        Some(m) => format!("{m}-01")
            .parse::<jiff::civil::Date>()
            .map_err(|_| hearth_core::Invalid::new("month", "err-month-format"))?,
    };
    let space = only_space(&state, &actor, q.space.as_deref()).await?;
    let start_day = first
        .checked_sub((first.weekday().to_monday_zero_offset() as i64).days())
        .unwrap_or(first);
    let next_month = first.checked_add(1.month()).unwrap_or(first);
    let prev_month = first.checked_sub(1.month()).unwrap_or(first);
    let ms_of = |d: jiff::civil::Date| {
        d.to_zoned(zone.clone())
            .map(|z| z.timestamp().as_millisecond())
            .unwrap_or(0)
    };
    let from = ms_of(start_day);
    let to = ms_of(start_day.checked_add(42.days()).unwrap_or(next_month));
    let spaces = spaces::visible_spaces(&state.hearth, &actor).await?;
    let shown = match &space {
        Some(s) => std::slice::from_ref(s),
        None => spaces.as_slice(),
    };
    let list = svc::occurrences(&state.hearth, shown, from, to).await?;
    let item = |o: &svc::Occurrence| occurrence_item(o, o.space.name.clone());
    let mut weeks: Vec<Vec<DayView>> = Vec::new();
    let mut day = start_day;
    for _ in 0..6 {
        let mut week = Vec::new();
        for _ in 0..7 {
            let (lo, hi) = (ms_of(day), ms_of(day.tomorrow().unwrap_or(day)));
            week.push(DayView {
                day: day.day(),
                in_month: day.month() == first.month(),
                today: day == today,
                iso: day.to_string(),
                items: list
                    .iter()
                    .filter(|o| o.starts_at >= lo && o.starts_at < hi)
                    .map(item)
                    .collect(),
            });
            day = day.tomorrow().unwrap_or(day);
        }
        if week.iter().all(|d| !d.in_month) {
            break;
        }
        weeks.push(week);
    }
    let (month_lo, month_hi) = (ms_of(first), ms_of(next_month));
    let agenda: Vec<OccurrenceItem> = list
        .iter()
        .filter(|o| o.starts_at >= month_lo && o.starts_at < month_hi)
        .map(item)
        .collect();
    let creatable: Vec<SpaceView> = spaces
        .iter()
        .filter(|s| hearth_core::access::can_create_event(&actor, s))
        .map(SpaceView::from)
        .collect();
    let month_param = |d: jiff::civil::Date| format!("{:04}-{:02}", d.year(), d.month());
    let space_slug = space.as_ref().map(|s| s.slug.clone());
    let ctx = context! {
        title => crate::i18n::text(&lang, "events-calendar-title"),
        month_title => crate::i18n::month_title(&lang, first.year(), first.month()),
        weekdays => crate::i18n::weekdays(&lang).to_vec(),
        weeks => Value::from(minijinja::value::Serde(&weeks)),
        agenda => Value::from(minijinja::value::Serde(&agenda)),
        month => month_param(first),
        prev_month => month_param(prev_month),
        next_month => month_param(next_month),
        this_month => month_param(today.first_of_month()),
        space => space.as_ref().map(SpaceView::from),
        space_slug => space_slug,
        spaces => spaces.iter().map(SpaceView::from).collect::<Vec<_>>(),
        creatable => creatable,
        public_feed => space.as_ref().is_none_or(|s| s.visibility == Visibility::Public),
    };
    Ok(render(&state, &me, "events/calendar.html", ctx)
        .await?
        .into_response())
}

#[derive(Deserialize, Serialize, Default)]
pub struct EventForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    online_url: String,
    #[serde(default)]
    repeat: String,
    #[serde(default)]
    repeat_count: String,
}

async fn event_form(
    state: &AppState,
    me: &MaybeMember,
    slug: &str,
    form: EventForm,
    error: Option<hearth_core::Invalid>,
) -> PageResult<Response> {
    let actor = me.actor();
    let space = svc::space_for_new_event(&state.hearth, &actor, slug).await?;
    form_page(state, me, &space, None, form, error).await
}

/// The event form, to create (`editing` none) or to change an event.
async fn form_page(
    state: &AppState,
    me: &MaybeMember,
    space: &hearth_core::model::Space,
    editing: Option<&EventState>,
    form: EventForm,
    error: Option<hearth_core::Invalid>,
) -> PageResult<Response> {
    let community = state.community().await.map_err(ServiceError::from)?;
    let (lang, tz) = crate::i18n::locale(community.as_ref(), me.0.as_ref());
    let mut form = form;
    if form.time_zone.is_empty() {
        form.time_zone = tz;
    }
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let ctx = context! {
        title => crate::i18n::text(&lang, if editing.is_some() { "events-edit-title" } else { "events-new-title" }),
        space => SpaceView::from(space),
        editing => editing.map(|s| Value::from(minijinja::value::Serde(EventView::from(s)))),
        action => match editing {
            Some(s) => format!("/e/{}/edit", s.event.topic_id),
            None => format!("/s/{}/events/new", space.slug),
        },
        form => Value::from(minijinja::value::Serde(&form)),
        zones => hearth_core::events::zone_names(),
        error => error.map(|e| context! { field => e.field, message => super::said(e.message.clone()) }),
    };
    Ok(render_status(state, me, status, "events/new.html", ctx).await)
}

async fn new_event_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    let me = MaybeMember(Some(me.0));
    event_form(&state, &me, &slug, EventForm::default(), None).await
}

fn form_input(form: &EventForm) -> Result<EventInput, hearth_core::Invalid> {
    let capacity = match form.capacity.trim() {
        "" => None,
        c => Some(
            c.parse::<i64>()
                .map_err(|_| hearth_core::Invalid::new("capacity", "err-capacity-number"))?,
        ),
    };
    let recurrence = match form.repeat.trim() {
        "" | "none" => None,
        freq => Some((
            freq.to_string(),
            form.repeat_count.trim().parse::<i64>().map_err(|_| {
                hearth_core::Invalid::new("recurrence", "err-recurrence-count-needed")
            })?,
        )),
    };
    Ok(EventInput {
        starts_at: form.starts_at.clone(),
        ends_at: form.ends_at.clone(),
        time_zone: form.time_zone.clone(),
        capacity,
        location: Some(form.location.clone()),
        online_url: Some(form.online_url.clone()),
        recurrence,
    })
}

async fn new_event_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(slug): Path<String>,
    PageForm(form): PageForm<EventForm>,
) -> PageResult<Response> {
    let actor = me.actor();
    let result = match form_input(&form) {
        Ok(input) => create_event(&state, &actor, &slug, &form.title, &form.body, &input).await,
        Err(e) => Err(ServiceError::Invalid(e)),
    };
    match result {
        Ok(id) => Ok(Redirect::to(&topic_url(id, form.title.trim())).into_response()),
        Err(ServiceError::Invalid(e)) => {
            let me = MaybeMember(Some(me.0));
            event_form(&state, &me, &slug, form, Some(e)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The form's values for a stored event, on the clock of its zone.
fn form_of(s: &EventState) -> EventForm {
    let e = &s.event;
    let tz = &s.schedule.time_zone;
    EventForm {
        title: e.title.clone(),
        body: String::new(),
        starts_at: hearth_core::events::local_input(e.starts_at, tz),
        ends_at: hearth_core::events::local_input(e.ends_at, tz),
        time_zone: e.time_zone.clone(),
        capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        location: e.location.clone().unwrap_or_default(),
        online_url: e.online_url.clone().unwrap_or_default(),
        repeat: e.recurrence.clone().unwrap_or_default(),
        repeat_count: e
            .recurrence_count
            .map(|c| c.to_string())
            .unwrap_or_default(),
    }
}

async fn edit_event_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "event")?;
    let s = svc::event_to_edit(&state.hearth, &me.actor(), id).await?;
    let me = MaybeMember(Some(me.0));
    form_page(&state, &me, &s.space, Some(&s), form_of(&s), None).await
}

async fn edit_event_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<EventForm>,
) -> PageResult<Response> {
    let id = path_id(&id, "event")?;
    let actor = me.actor();
    let result = match form_input(&form) {
        Ok(input) => svc::update(&state.hearth, &actor, id, &input).await,
        Err(e) => Err(ServiceError::Invalid(e)),
    };
    match result {
        Ok(()) => back_to_event(&state, &actor, id).await,
        Err(ServiceError::Invalid(e)) => {
            let s = svc::event(&state.hearth, &actor, id).await?;
            let me = MaybeMember(Some(me.0));
            let mut form = form;
            form.title = s.event.title.clone();
            form_page(&state, &me, &s.space, Some(&s), form, Some(e)).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn cancel_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "event")?;
    svc::cancel(&state.hearth, &me.actor(), id).await?;
    back_to_event(&state, &me.actor(), id).await
}

#[derive(Deserialize)]
pub struct RsvpForm {
    #[serde(default)]
    status: String,
}

async fn back_to_event(state: &AppState, actor: &Actor, id: i64) -> PageResult<Response> {
    let (_, topic) = topics::topic(&state.hearth, actor, id).await?;
    Ok(Redirect::to(&format!("{}#event", topic_url(topic.id, &topic.title))).into_response())
}

async fn rsvp_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<RsvpForm>,
) -> PageResult<Response> {
    let id = path_id(&id, "event")?;
    svc::rsvp(&state.hearth, &me.actor(), id, &form.status).await?;
    back_to_event(&state, &me.actor(), id).await
}

#[derive(Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    member: String,
    #[serde(default)]
    code: String,
}

async fn check_in_submit(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
    PageForm(form): PageForm<CheckInForm>,
) -> PageResult<Response> {
    let id = path_id(&id, "event")?;
    let actor = me.actor();
    let by_staff = !form.member.trim().is_empty();
    svc::check_in(
        &state.hearth,
        &actor,
        id,
        Some(form.member.as_str()),
        Some(form.code.as_str()),
    )
    .await?;
    if by_staff {
        return Ok(Redirect::to(&format!("/e/{id}/attendees")).into_response());
    }
    back_to_event(&state, &actor, id).await
}

async fn attendees_page(
    State(state): State<AppState>,
    me: CurrentMember,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = path_id(&id, "event")?;
    let (s, list) = svc::attendees(&state.hearth, &me.actor(), id).await?;
    let ctx = context! {
        title => s.event.title.clone(),
        event => Value::from(minijinja::value::Serde(EventView::from(&s))),
        list => Value::from(minijinja::value::Serde(attendee_list(&list))),
    };
    let me = MaybeMember(Some(me.0));
    Ok(render(&state, &me, "events/attendees.html", ctx)
        .await?
        .into_response())
}

// ---- iCalendar ----

/// An iCalendar answer for `events` (each with whether its online link goes in), named
/// after the community (and `part`, a space's name); an attachment when `filename` is set.
async fn calendar_response(
    state: &AppState,
    headers: &HeaderMap,
    part: Option<&str>,
    events: &[(hearth_store::events::Event, bool)],
    filename: Option<String>,
) -> PageResult<Response> {
    let community = state
        .community()
        .await
        .map_err(ServiceError::from)?
        .map_or_else(|| "Hearth".to_string(), |c| c.name);
    let name = match part {
        Some(p) => format!("{community} — {p}"),
        None => community,
    };
    let body = svc::calendar(&name, &base_url(state, headers), events);
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response();
    if let Some(v) = filename.and_then(|f| format!("attachment; filename=\"{f}\"").parse().ok()) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `/e/{id}.ics`: one event, for anyone who may see it; the online link is in it for a
/// member going (their own download) and the organiser.
async fn event_ics(
    State(state): State<AppState>,
    me: MaybeMember,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> PageResult<Response> {
    let id = file
        .strip_suffix(".ics")
        .ok_or(ServiceError::NotFound("err-not-found-page"))
        .and_then(|id| path_id(id, "event"))?;
    let s = svc::event(&state.hearth, &me.actor(), id).await?;
    let events = [(s.event, s.online_url.is_some())];
    calendar_response(
        &state,
        &headers,
        None,
        &events,
        Some(format!("event-{id}.ics")),
    )
    .await
}

async fn feed_ics(
    state: &AppState,
    headers: &HeaderMap,
    slug: Option<&str>,
) -> PageResult<Response> {
    let (space, events) = svc::public_events(&state.hearth, slug).await?;
    let items: Vec<_> = events.into_iter().map(|e| (e, false)).collect();
    let part = space.as_ref().map(|s| s.name.as_str());
    calendar_response(state, headers, part, &items, None).await
}

async fn community_ics(State(state): State<AppState>, headers: HeaderMap) -> PageResult<Response> {
    feed_ics(&state, &headers, None).await
}

async fn space_ics(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> PageResult<Response> {
    feed_ics(&state, &headers, Some(&slug)).await
}

//! Events: created as topics of kind event (so they have a discussion, search, feeds and
//! notifications like any topic), with RSVPs, a waitlist, check-in, reminders and
//! iCalendar. Who may do what is asked of `hearth_core::access`.

use super::{Actor, Hearth, Result, ServiceError, blank, now, spaces, topics};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::audit::AuditAction;
use hearth_core::events::{Recurrence, Schedule, parse_time, time_zone};
use hearth_core::ical::{self, CalendarEvent};
use hearth_core::model::Space;
use hearth_core::notifications::NotificationKind;
use hearth_store::events::{Attendee, Event, NewEvent, RsvpError};
use hearth_store::notifications::NewNotification;

/// Largest capacity an event may have.
pub const MAX_CAPACITY: i64 = 100_000;
/// Longest location (an address) in characters.
pub const MAX_LOCATION: usize = 300;
/// How long before an occurrence starts the door opens for self check-in.
pub const CHECKIN_OPENS_MS: i64 = 3_600_000;
/// Most events a calendar or feed lists.
pub const CALENDAR_LIMIT: i64 = 500;

/// An event's details as typed (API or form).
#[derive(Debug, Clone, Default)]
pub struct EventInput {
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    pub capacity: Option<i64>,
    pub location: Option<String>,
    pub online_url: Option<String>,
    /// (`weekly`|`monthly`, number of occurrences).
    pub recurrence: Option<(String, i64)>,
}

/// An event's details, checked.
#[derive(Debug, Clone)]
pub struct CheckedEvent {
    pub schedule: Schedule,
    pub capacity: Option<i64>,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub code: String,
}

impl CheckedEvent {
    pub fn as_new(&self) -> NewEvent<'_> {
        NewEvent {
            starts_at: self.schedule.starts_at,
            ends_at: self.schedule.ends_at,
            time_zone: self.schedule.zone_name(),
            recurrence: self
                .schedule
                .recurrence
                .map(|r| (r.freq.as_str(), i64::from(r.count))),
            last_ends_at: self.schedule.last_end(),
            capacity: self.capacity,
            location: self.location.as_deref(),
            online_url: self.online_url.as_deref(),
            checkin_code: &self.code,
        }
    }
}

/// Checks an event's details: a known zone, times that parse, an end after the start, a
/// start in the future, a sane capacity, an http(s) link.
pub fn check(input: &EventInput) -> Result<CheckedEvent> {
    let tz = time_zone(&input.time_zone)?;
    let starts_at = parse_time("starts_at", &input.starts_at, &tz)?;
    let ends_at = parse_time("ends_at", &input.ends_at, &tz)?;
    let recurrence = match &input.recurrence {
        Some((freq, count)) if !freq.trim().is_empty() => Some(Recurrence::new(freq, *count)?),
        _ => None,
    };
    let schedule = Schedule::new(starts_at, ends_at, tz, recurrence)?;
    if starts_at <= now() {
        return Err(Invalid::new("starts_at", "err-in-the-future").into());
    }
    if let Some(c) = input.capacity
        && !(1..=MAX_CAPACITY).contains(&c)
    {
        return Err(Invalid::new(
            "capacity",
            hearth_core::message!("err-between-1-and-or-empty", max = MAX_CAPACITY),
        )
        .into());
    }
    let location = blank(input.location.as_deref()).map(str::to_string);
    if let Some(l) = &location {
        if l.chars().count() > MAX_LOCATION {
            return Err(Invalid::new(
                "location",
                hearth_core::message!("err-at-most-characters", max = MAX_LOCATION),
            )
            .into());
        }
        if l.chars().any(|c| c.is_control() && c != '\n') {
            return Err(Invalid::new("location", "err-control-characters").into());
        }
    }
    let online_url = blank(input.online_url.as_deref()).map(str::to_string);
    if let Some(u) = &online_url {
        let lower = u.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://"))
            || u.len() > 500
            || u.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Invalid::new("online_url", "err-online-url").into());
        }
    }
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| ServiceError::internal(e.to_string()))?;
    Ok(CheckedEvent {
        schedule,
        capacity: input.capacity,
        location,
        online_url,
        code: hearth_core::events::checkin_code(u64::from_le_bytes(bytes)),
    })
}

/// The schedule of a stored event.
pub fn schedule(e: &Event) -> Schedule {
    let tz = time_zone(&e.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let recurrence = match (&e.recurrence, e.recurrence_count) {
        (Some(f), Some(c)) => Recurrence::new(f, c).ok(),
        _ => None,
    };
    Schedule {
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        time_zone: tz,
        recurrence,
    }
}

/// An event as the actor sees it.
#[derive(Debug, Clone)]
pub struct EventState {
    pub event: Event,
    pub space: Space,
    pub schedule: Schedule,
    /// The actor's answer and when they were checked in.
    pub mine: Option<(String, Option<i64>)>,
    /// May the actor manage it (attendees, check-in of others)?
    pub manage: bool,
    /// The online link, for those going and its managers.
    pub online_url: Option<String>,
    /// The occurrence that has not ended yet, if any.
    pub next: Option<(i64, i64)>,
    /// Can the actor check themselves in now (going, during the door's hours)?
    pub self_checkin_open: bool,
}

/// The space a new event would go in, if the actor may create one there (the form).
pub async fn space_for_new_event(h: &Hearth, actor: &Actor, slug: &str) -> Result<Space> {
    let space = spaces::space(h, actor, slug).await?;
    if !access::can_create_event(actor, &space) {
        return Err(ServiceError::Forbidden("err-only-staff-events"));
    }
    Ok(space)
}

/// An event the actor may change (the edit form).
pub async fn event_to_edit(h: &Hearth, actor: &Actor, id: i64) -> Result<EventState> {
    let s = event(h, actor, id).await?;
    if !s.manage {
        return Err(ServiceError::Forbidden("err-event-change-organiser-only"));
    }
    Ok(s)
}

/// The event of topic `id`, as `actor` may see it (404 like the topic otherwise).
pub async fn event(h: &Hearth, actor: &Actor, id: i64) -> Result<EventState> {
    let (space, _topic) = topics::topic(h, actor, id)
        .await
        .map_err(|_| ServiceError::NotFound("err-not-found-event"))?;
    event_in(h, actor, space, id).await
}

/// The event of topic `id` in `space`, for a caller that already checked the actor sees
/// the topic (the topic page).
pub async fn event_in(h: &Hearth, actor: &Actor, space: Space, id: i64) -> Result<EventState> {
    let event = h
        .store
        .event(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-event"))?;
    let mine = match actor.member_id() {
        Some(m) => h.store.rsvp_status(id, m).await?,
        None => None,
    };
    let manage = access::can_manage_event(actor, event.author_id, event.author_role);
    let going = mine.as_ref().is_some_and(|(s, _)| s == "going");
    let schedule = schedule(&event);
    let t = now();
    let next = schedule.next_occurrence(t);
    let self_checkin_open =
        going && next.is_some_and(|(start, end)| t >= start - CHECKIN_OPENS_MS && t < end);
    Ok(EventState {
        online_url: event.online_url.clone().filter(|_| going || manage),
        event,
        space,
        schedule,
        mine,
        manage,
        next,
        self_checkin_open,
    })
}

/// Answers for the actor: `going`, `maybe` or `not_going`. Returns the resulting status
/// (`going`, `waitlisted`, `maybe`, `not_going`).
pub async fn rsvp(h: &Hearth, actor: &Actor, id: i64, status: &str) -> Result<String> {
    let wanted = match status.trim() {
        s @ ("going" | "maybe" | "not_going") => s,
        other => {
            return Err(Invalid::new(
                "status",
                hearth_core::message!("err-rsvp-status", other = format!("{other:?}")),
            )
            .into());
        }
    };
    // Only someone who may see the event answers it.
    event(h, actor, id).await?;
    let Some(member_id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    if !access::can_participate(actor) {
        return Err(ServiceError::Forbidden("err-guests-read-only"));
    }
    super::accounts::check_may_post(h, actor).await?;
    match h.store.rsvp(id, member_id, wanted, now()).await? {
        Ok(outcome) => Ok(outcome.status),
        Err(RsvpError::Ended) => Err(ServiceError::State("err-event-ended")),
        Err(RsvpError::Cancelled) => Err(ServiceError::State("err-event-cancelled")),
        Err(_) => Err(ServiceError::State("err-answer-not-recorded")),
    }
}

/// Changes an event's schedule, place and capacity (the organiser and staff). Its title
/// and description are its first post's, edited like any post. A larger capacity seats
/// the waitlist in order; those promoted are told.
pub async fn update(h: &Hearth, actor: &Actor, id: i64, input: &EventInput) -> Result<()> {
    let state = event(h, actor, id).await?;
    if !state.manage {
        return Err(ServiceError::Forbidden("err-event-change-organiser-only"));
    }
    if state.event.cancelled_at.is_some() {
        return Err(ServiceError::State("err-event-cancelled"));
    }
    super::accounts::check_may_post(h, actor).await?;
    let checked = check(input)?;
    let mut change = checked.as_new();
    change.checkin_code = &state.event.checkin_code;
    h.store.update_event(id, &change, now()).await?;
    Ok(())
}

/// Cancels an event (the organiser and staff); everyone who answered is told.
pub async fn cancel(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    let state = event(h, actor, id).await?;
    if !state.manage {
        return Err(ServiceError::Forbidden("err-event-cancel-organiser-only"));
    }
    super::accounts::check_may_post(h, actor).await?;
    if !h.store.cancel_event(id, now()).await? {
        return Err(ServiceError::State("err-event-cancelled"));
    }
    super::audit::record(
        h,
        actor,
        AuditAction::EventCancelled,
        Some(("topic", id)),
        None,
    )
    .await;
    Ok(())
}

/// The job sent when an event is cancelled: tells everyone who answered going,
/// waitlisted or maybe (in the app, and by mail as they chose for `event_cancelled`).
pub async fn cancelled(h: &Hearth, topic_id: i64) -> Result<usize> {
    let answered = h.store.event_answered(topic_id).await?;
    tell(
        h,
        NotificationKind::EventCancelled,
        topic_id,
        &answered,
        |m| format!("event_cancelled:{topic_id}:{m}"),
    )
    .await
}

/// Tells `members` about event `topic_id` with a notification of `kind` (mailed as each
/// chose), each once under the dedupe key `key(member id)`. Returns how many were new.
async fn tell(
    h: &Hearth,
    kind: NotificationKind,
    topic_id: i64,
    members: &[i64],
    key: impl Fn(i64) -> String,
) -> Result<usize> {
    // Only those who may still see the event now: not banned or suspended, the space
    // still open to them, the event not deleted or hidden.
    let mut found = Vec::new();
    for id in members {
        if let Some(m) = h.store.member(*id).await?
            && super::notifications::still_visible(h, &m, Some(topic_id), None).await?
        {
            found.push(m);
        }
    }
    let routes = super::email::routes(h, kind, &found).await?;
    let keys: Vec<String> = found.iter().map(|m| key(m.id)).collect();
    let batch: Vec<NewNotification<'_>> = found
        .iter()
        .zip(&routes)
        .zip(&keys)
        .map(|((m, route), key)| NewNotification {
            member_id: m.id,
            kind,
            actor_id: None,
            topic_id: Some(topic_id),
            post_id: None,
            dedupe_key: key,
            mail: *route,
        })
        .collect();
    Ok(h.store.notify(&batch, now()).await?)
}

/// Checks a member in. With `handle`, the organiser or staff tick someone who answered;
/// without it, the actor checks themselves in with the event's `code`.
pub async fn check_in(
    h: &Hearth,
    actor: &Actor,
    id: i64,
    handle: Option<&str>,
    code: Option<&str>,
) -> Result<()> {
    let state = event(h, actor, id).await?;
    let Some(by) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    let (member_id, code) = match blank(handle) {
        Some(handle) => {
            if !state.manage {
                return Err(ServiceError::Forbidden("err-check-in-others"));
            }
            let m = h
                .store
                .member_by_handle(handle.trim_start_matches('@'))
                .await?
                .ok_or_else(|| {
                    Invalid::new(
                        "member",
                        hearth_core::message!("err-no-member-handle", handle = handle),
                    )
                })?;
            (m.id, None)
        }
        None => {
            let code = blank(code).ok_or_else(|| Invalid::new("code", "err-event-code-needed"))?;
            if !state.self_checkin_open {
                return Err(ServiceError::State("err-check-in-not-open"));
            }
            (by, Some(code))
        }
    };
    match h.store.check_in(id, member_id, by, code, now()).await? {
        Ok(()) => Ok(()),
        Err(RsvpError::WrongCode) => Err(Invalid::new("code", "err-wrong-event-code").into()),
        Err(RsvpError::NotGoing) => Err(ServiceError::State("err-rsvp-first")),
        Err(RsvpError::Ended) => Err(ServiceError::State("err-event-ended")),
        Err(RsvpError::Cancelled) => Err(ServiceError::State("err-event-cancelled")),
    }
}

/// Everyone who answered (organiser and staff only).
pub async fn attendees(h: &Hearth, actor: &Actor, id: i64) -> Result<(EventState, Vec<Attendee>)> {
    let state = event(h, actor, id).await?;
    if !state.manage {
        return Err(ServiceError::Forbidden("err-attendee-list"));
    }
    let list = h.store.event_attendees(id).await?;
    Ok((state, list))
}

/// One occurrence on a calendar.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub event: Event,
    pub space: Space,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// Occurrences between `from` and `to` in `spaces` (ones the actor may see, as
/// `spaces::visible_spaces` or `spaces::space` gave them), first first.
pub async fn occurrences(
    h: &Hearth,
    spaces: &[Space],
    from: i64,
    to: i64,
) -> Result<Vec<Occurrence>> {
    let events = h
        .store
        .events_between(&spaces::id_list(spaces), from, to, CALENDAR_LIMIT)
        .await?;
    let mut out = Vec::new();
    for e in events {
        let Some(space) = spaces.iter().find(|s| s.id == e.space_id) else {
            continue;
        };
        for (start, end) in schedule(&e).occurrences() {
            if end > from && start < to {
                out.push(Occurrence {
                    event: e.clone(),
                    space: space.clone(),
                    starts_at: start,
                    ends_at: end,
                });
            }
        }
    }
    out.sort_by_key(|o| (o.starts_at, o.event.topic_id));
    Ok(out)
}

/// The events `member_id` is going to that the actor may see, with their next occurrence.
pub async fn going_to(h: &Hearth, actor: &Actor, member_id: i64) -> Result<Vec<Occurrence>> {
    let spaces = spaces::visible_spaces(h, actor).await?;
    let t = now();
    let events = h
        .store
        .events_going(member_id, &spaces::id_list(&spaces), t, 10)
        .await?;
    Ok(events
        .into_iter()
        .filter_map(|e| {
            let space = spaces.iter().find(|s| s.id == e.space_id)?.clone();
            let (starts_at, ends_at) = schedule(&e).next_occurrence(t)?;
            Some(Occurrence {
                event: e,
                space,
                starts_at,
                ends_at,
            })
        })
        .collect())
}

/// An iCalendar of events, with links on `base` (the site's address, whose host names
/// the events' UIDs). `online` adds the online link (a member going, downloading their
/// own copy).
pub fn calendar(name: &str, base: &str, events: &[(Event, bool)]) -> String {
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .split(['/', ':'])
        .next()
        .unwrap_or("hearth");
    let schedules: Vec<Schedule> = events.iter().map(|(e, _)| schedule(e)).collect();
    let urls: Vec<String> = events
        .iter()
        .map(|(e, _)| format!("{base}/t/{}", e.topic_id))
        .collect();
    let descriptions: Vec<String> = events
        .iter()
        .map(|(e, online)| match (&e.online_url, online) {
            (Some(link), true) => format!("{}\n\nJoin online: {link}", e.body_md),
            _ => e.body_md.clone(),
        })
        .collect();
    let items: Vec<CalendarEvent<'_>> = events
        .iter()
        .enumerate()
        .map(|(i, (e, _))| CalendarEvent {
            uid: format!("event-{}@{host}", e.topic_id),
            schedule: &schedules[i],
            summary: &e.title,
            description: &descriptions[i],
            location: e.location.as_deref(),
            url: &urls[i],
            stamp: e.updated_at,
            cancelled: e.cancelled_at.is_some(),
        })
        .collect();
    ical::calendar(name, &items)
}

/// Public events (spaces anyone can see) of the community or of one space, for the
/// subscribable feeds: those that have not ended a week ago.
pub async fn public_events(h: &Hearth, slug: Option<&str>) -> Result<(Option<Space>, Vec<Event>)> {
    let anonymous = Actor::Anonymous;
    let space = match slug {
        Some(s) => Some(spaces::space(h, &anonymous, s).await?),
        None => None,
    };
    let spaces = match &space {
        Some(s) => vec![s.clone()],
        None => spaces::visible_spaces(h, &anonymous).await?,
    };
    let from = now() - 7 * 86_400_000;
    let events = h
        .store
        .events_between(&spaces::id_list(&spaces), from, i64::MAX, CALENDAR_LIMIT)
        .await?;
    Ok((space, events))
}

/// The job sent when a seat opened: tells the promoted member (in the app, and by mail
/// as they chose for `event_promoted`).
pub async fn promoted(h: &Hearth, topic_id: i64, member_id: i64, key: &str) -> Result<()> {
    tell(
        h,
        NotificationKind::EventPromoted,
        topic_id,
        &[member_id],
        |_| format!("event_promoted:{key}"),
    )
    .await?;
    Ok(())
}

/// The job that sends reminders: for each occurrence starting within a day, the `24h`
/// reminder (more than an hour ahead) or the `1h` one, each once, to the members going.
pub async fn send_reminders(h: &Hearth) -> Result<usize> {
    let t = now();
    let events = h
        .store
        .events_between(
            &spaces::id_list(&h.store.spaces().await?),
            t,
            t + 86_400_000,
            CALENDAR_LIMIT,
        )
        .await?;
    let mut sent = 0;
    for e in events.into_iter().filter(|e| e.cancelled_at.is_none()) {
        for (start, _) in schedule(&e).occurrences() {
            if start <= t || start > t + 86_400_000 {
                continue;
            }
            let kind = if start - t <= 3_600_000 { "1h" } else { "24h" };
            // Nobody going yet: leave the reminder unclaimed, so members who answer before
            // it is due still get it at the next minute's run.
            let going = h.store.event_going(e.topic_id).await?;
            if going.is_empty() {
                continue;
            }
            if !h
                .store
                .claim_event_reminder(e.topic_id, start, kind, t)
                .await?
            {
                continue;
            }
            let topic_id = e.topic_id;
            sent += tell(h, NotificationKind::EventReminder, topic_id, &going, |m| {
                format!("event_reminder:{topic_id}:{start}:{kind}:{m}")
            })
            .await?;
        }
    }
    Ok(sent)
}

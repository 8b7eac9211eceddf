//! Events: the schedule beside an event topic, RSVPs with a capacity and a waitlist,
//! check-in, and the reminders sent. Every RSVP change first locks the event's row
//! (`UPDATE ... RETURNING`: a row lock on PostgreSQL, and SQLite's write transactions
//! are already one at a time), so seats are never oversold and each cancellation promotes
//! exactly one waiting member.

use crate::activity::{self, NewActivity};
use crate::jobs::Job;
use crate::{Arg, Result, Row, Store, StoreError, Tx};
use hearth_core::activity as kinds;
use hearth_core::model::Millis;

/// An event's details to create with its topic (times already checked).
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub starts_at: Millis,
    pub ends_at: Millis,
    pub time_zone: &'a str,
    /// (`weekly`|`monthly`, occurrences).
    pub recurrence: Option<(&'a str, i64)>,
    pub last_ends_at: Millis,
    pub capacity: Option<i64>,
    pub location: Option<&'a str>,
    pub online_url: Option<&'a str>,
    pub checkin_code: &'a str,
}

/// An event as stored, with its topic's title and space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub topic_id: i64,
    pub title: String,
    pub space_id: i64,
    pub author_id: i64,
    /// The organiser's role, read with the event: staff manage only the events of those
    /// below them (`access::can_manage_event`).
    pub author_role: hearth_core::values::Role,
    pub starts_at: Millis,
    pub ends_at: Millis,
    pub time_zone: String,
    pub recurrence: Option<String>,
    pub recurrence_count: Option<i64>,
    pub last_ends_at: Millis,
    pub capacity: Option<i64>,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub checkin_code: String,
    pub going_count: i64,
    pub waitlist_count: i64,
    pub updated_at: Millis,
    /// Set when the organiser or staff cancelled it.
    pub cancelled_at: Option<Millis>,
    pub body_md: String,
}

/// An RSVP status as stored.
pub const GOING: &str = "going";
pub const WAITLISTED: &str = "waitlisted";
pub const MAYBE: &str = "maybe";
pub const NOT_GOING: &str = "not_going";

/// What an RSVP did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsvpOutcome {
    /// The member's status now: going, waitlisted, maybe or not_going.
    pub status: String,
    /// The member moved up from the waitlist because this answer freed a seat.
    pub promoted: Option<i64>,
}

/// One member's answer, for the attendee list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub member_id: i64,
    pub handle: String,
    pub display_name: String,
    pub status: String,
    pub checked_in_at: Option<Millis>,
    pub updated_at: Millis,
}

/// The start of every query that reads events: what [`event_from`] needs, from the event,
/// its topic and its first post.
macro_rules! event_select {
    () => {
        "SELECT e.topic_id, t.title, t.space_id, t.author_id, m.role AS author_role, e.starts_at, e.ends_at, e.time_zone, e.recurrence, e.recurrence_count, e.last_ends_at, e.capacity, e.location, e.online_url, e.checkin_code, e.going_count, e.waitlist_count, e.updated_at, e.cancelled_at, p.body_md
         FROM events e JOIN topics t ON t.id = e.topic_id JOIN posts p ON p.topic_id = t.id AND p.position = 1
         JOIN members m ON m.id = t.author_id "
    };
}

fn event_from(r: &Row) -> Result<Event> {
    Ok(Event {
        topic_id: r.i64("topic_id")?,
        title: r.text("title")?,
        space_id: r.i64("space_id")?,
        author_id: r.i64("author_id")?,
        author_role: crate::members::role_from(r, "author_role")?,
        starts_at: r.i64("starts_at")?,
        ends_at: r.i64("ends_at")?,
        time_zone: r.text("time_zone")?,
        recurrence: r.opt_text("recurrence")?,
        recurrence_count: r.opt_i64("recurrence_count")?,
        last_ends_at: r.i64("last_ends_at")?,
        capacity: r.opt_i64("capacity")?,
        location: r.opt_text("location")?,
        online_url: r.opt_text("online_url")?,
        checkin_code: r.text("checkin_code")?,
        going_count: r.i64("going_count")?,
        waitlist_count: r.i64("waitlist_count")?,
        updated_at: r.i64("updated_at")?,
        cancelled_at: r.opt_i64("cancelled_at")?,
        body_md: r.text("body_md")?,
    })
}

/// Creates an event for a topic inside the caller's transaction.
pub async fn create_event_in(
    tx: &mut Tx,
    topic_id: i64,
    e: &NewEvent<'_>,
    now: Millis,
) -> Result<()> {
    tx.execute(
        "INSERT INTO events (topic_id, starts_at, ends_at, time_zone, recurrence, recurrence_count, last_ends_at, capacity, location, online_url, checkin_code, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        &[
            Arg::I64(topic_id),
            Arg::I64(e.starts_at),
            Arg::I64(e.ends_at),
            Arg::Text(e.time_zone),
            Arg::OptText(e.recurrence.map(|r| r.0)),
            Arg::OptI64(e.recurrence.map(|r| r.1)),
            Arg::I64(e.last_ends_at),
            Arg::OptI64(e.capacity),
            Arg::OptText(e.location),
            Arg::OptText(e.online_url),
            Arg::Text(e.checkin_code),
            Arg::I64(now),
        ],
    )
    .await?;
    Ok(())
}

/// Why an RSVP or a check-in was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum RsvpError {
    /// The event (its last occurrence) has ended.
    Ended,
    /// Check-in: the member has not said they are going.
    NotGoing,
    /// Check-in: the code does not match.
    WrongCode,
    /// The event was cancelled.
    Cancelled,
}

impl Store {
    /// An event (not deleted), with its first post's Markdown for descriptions.
    pub async fn event(&self, topic_id: i64) -> Result<Option<Event>> {
        let sql = concat!(
            event_select!(),
            "WHERE e.topic_id = $1 AND t.deleted_at IS NULL"
        );
        self.db
            .fetch_optional(sql, &[Arg::I64(topic_id)])
            .await?
            .map(|r| event_from(&r))
            .transpose()
    }

    /// Events in the given spaces (",1,4," as [`crate::search`] takes them) that have not
    /// ended at `from` and start before `to`, first first; at most `limit`. Held topics
    /// are left out.
    pub async fn events_between(
        &self,
        spaces: &str,
        from: Millis,
        to: Millis,
        limit: i64,
    ) -> Result<Vec<Event>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    event_select!(),
                    "WHERE e.last_ends_at > $1 AND e.starts_at < $2 AND t.deleted_at IS NULL AND p.hidden_at IS NULL
                   AND $3 LIKE '%,' || CAST(t.space_id AS TEXT) || ',%'
                 ORDER BY e.starts_at, e.topic_id LIMIT $4"
                ),
                &[Arg::I64(from), Arg::I64(to), Arg::Text(spaces), Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(event_from).collect()
    }

    /// The member's RSVP status for an event, if they answered.
    pub async fn rsvp_status(
        &self,
        topic_id: i64,
        member_id: i64,
    ) -> Result<Option<(String, Option<Millis>)>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT status, checked_in_at FROM event_rsvps WHERE topic_id = $1 AND member_id = $2",
                &[Arg::I64(topic_id), Arg::I64(member_id)],
            )
            .await?;
        row.map(|r| Ok((r.text("status")?, r.opt_i64("checked_in_at")?)))
            .transpose()
    }

    /// Everyone who answered, going first, then the waitlist in order, maybe, not going.
    pub async fn event_attendees(&self, topic_id: i64) -> Result<Vec<Attendee>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT r.member_id, m.handle, m.display_name, r.status, r.checked_in_at, r.updated_at
                 FROM event_rsvps r JOIN members m ON m.id = r.member_id
                 WHERE r.topic_id = $1
                 ORDER BY CASE r.status WHEN 'going' THEN 0 WHEN 'waitlisted' THEN 1 WHEN 'maybe' THEN 2 ELSE 3 END,
                          r.waitlisted_at, m.display_name, r.member_id
                 LIMIT 5000",
                &[Arg::I64(topic_id)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Attendee {
                    member_id: r.i64("member_id")?,
                    handle: r.text("handle")?,
                    display_name: r.text("display_name")?,
                    status: r.text("status")?,
                    checked_in_at: r.opt_i64("checked_in_at")?,
                    updated_at: r.i64("updated_at")?,
                })
            })
            .collect()
    }

    /// Records `member_id`'s answer (`going`, `maybe` or `not_going`) in one transaction:
    /// a seat if one is free, else the waitlist; leaving a seat promotes the first member
    /// waiting. Registering (going or waitlisted) is recorded as activity.
    pub async fn rsvp(
        &self,
        topic_id: i64,
        member_id: i64,
        wanted: &str,
        now: Millis,
    ) -> Result<std::result::Result<RsvpOutcome, RsvpError>> {
        let mut tx = self.db.begin().await?;
        let event = tx
            .fetch_optional(
                "UPDATE events SET going_count = going_count WHERE topic_id = $1
                 RETURNING capacity, going_count, last_ends_at, cancelled_at,
                           (SELECT space_id FROM topics WHERE id = $1) AS space_id",
                &[Arg::I64(topic_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if event.opt_i64("cancelled_at")?.is_some() {
            return Ok(Err(RsvpError::Cancelled));
        }
        if event.i64("last_ends_at")? <= now {
            return Ok(Err(RsvpError::Ended));
        }
        let capacity = event.opt_i64("capacity")?;
        let going = event.i64("going_count")?;
        let space_id = event.i64("space_id")?;
        let current = tx
            .fetch_optional(
                "SELECT status FROM event_rsvps WHERE topic_id = $1 AND member_id = $2",
                &[Arg::I64(topic_id), Arg::I64(member_id)],
            )
            .await?
            .map(|r| r.text("status"))
            .transpose()?;
        let current = current.as_deref();
        let status = match wanted {
            GOING if matches!(current, Some(GOING) | Some(WAITLISTED)) => current.unwrap_or(GOING),
            GOING if capacity.is_none_or(|c| going < c) => GOING,
            GOING => WAITLISTED,
            other => other,
        };
        let status = status.to_string();
        let changed = current != Some(status.as_str());
        if changed {
            tx.execute(
                "INSERT INTO event_rsvps (topic_id, member_id, status, waitlisted_at, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $5)
                 ON CONFLICT (topic_id, member_id) DO UPDATE SET status = $3, waitlisted_at = $4, updated_at = $5",
                &[
                    Arg::I64(topic_id),
                    Arg::I64(member_id),
                    Arg::Text(&status),
                    Arg::OptI64((status == WAITLISTED).then_some(now)),
                    Arg::I64(now),
                ],
            )
            .await?;
            let delta_going = i64::from(status == GOING) - i64::from(current == Some(GOING));
            let delta_wait =
                i64::from(status == WAITLISTED) - i64::from(current == Some(WAITLISTED));
            tx.execute(
                "UPDATE events SET going_count = going_count + $1, waitlist_count = waitlist_count + $2 WHERE topic_id = $3",
                &[Arg::I64(delta_going), Arg::I64(delta_wait), Arg::I64(topic_id)],
            )
            .await?;
            let properties = serde_json::json!({ "status": status }).to_string();
            let kind = if status == GOING || status == WAITLISTED {
                kinds::EVENT_REGISTERED
            } else {
                kinds::EVENT_RSVP_CHANGED
            };
            activity::append(
                &mut tx,
                &event_activity(member_id, kind, topic_id, space_id, &properties, now),
            )
            .await?;
        }
        let promoted = if current == Some(GOING) && status != GOING {
            promote_in(&mut tx, topic_id, space_id, now).await?
        } else {
            None
        };
        tx.commit().await?;
        Ok(Ok(RsvpOutcome { status, promoted }))
    }

    /// Checks a member in: staff (`by` someone else) tick any member who answered; a
    /// member checks themselves in with the event's code when they are going.
    pub async fn check_in(
        &self,
        topic_id: i64,
        member_id: i64,
        by: i64,
        code: Option<&str>,
        now: Millis,
    ) -> Result<std::result::Result<(), RsvpError>> {
        let mut tx = self.db.begin().await?;
        let event = tx
            .fetch_optional(
                "SELECT e.checkin_code, t.space_id FROM events e JOIN topics t ON t.id = e.topic_id WHERE e.topic_id = $1",
                &[Arg::I64(topic_id)],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if let Some(code) = code
            && !code
                .trim()
                .eq_ignore_ascii_case(&event.text("checkin_code")?)
        {
            return Ok(Err(RsvpError::WrongCode));
        }
        let space_id = event.i64("space_id")?;
        let status = tx
            .fetch_optional(
                "SELECT status FROM event_rsvps WHERE topic_id = $1 AND member_id = $2",
                &[Arg::I64(topic_id), Arg::I64(member_id)],
            )
            .await?
            .map(|r| r.text("status"))
            .transpose()?;
        match (status.as_deref(), by == member_id) {
            (Some(GOING), _) => {}
            (Some(_), false) => {}
            _ => return Ok(Err(RsvpError::NotGoing)),
        }
        let done = tx
            .execute(
                "UPDATE event_rsvps SET checked_in_at = $1, checked_in_by = $2 WHERE topic_id = $3 AND member_id = $4 AND checked_in_at IS NULL",
                &[Arg::I64(now), Arg::I64(by), Arg::I64(topic_id), Arg::I64(member_id)],
            )
            .await?;
        if done > 0 {
            let properties = serde_json::json!({ "by": by }).to_string();
            activity::append(
                &mut tx,
                &event_activity(
                    member_id,
                    kinds::EVENT_ATTENDED,
                    topic_id,
                    space_id,
                    &properties,
                    now,
                ),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Changes an event's schedule, place and capacity (its title and description are its
    /// topic's), in one transaction; seats a larger capacity opens go to the waitlist in
    /// order. Members already going keep their seats if it shrinks. Returns who moved up.
    pub async fn update_event(
        &self,
        topic_id: i64,
        e: &NewEvent<'_>,
        now: Millis,
    ) -> Result<Vec<i64>> {
        let mut tx = self.db.begin().await?;
        let space_id = tx
            .fetch_optional(
                "UPDATE events SET starts_at = $2, ends_at = $3, time_zone = $4, recurrence = $5, recurrence_count = $6,
                        last_ends_at = $7, capacity = $8, location = $9, online_url = $10, updated_at = $11
                 WHERE topic_id = $1
                 RETURNING (SELECT space_id FROM topics WHERE id = $1) AS space_id",
                &[
                    Arg::I64(topic_id),
                    Arg::I64(e.starts_at),
                    Arg::I64(e.ends_at),
                    Arg::Text(e.time_zone),
                    Arg::OptText(e.recurrence.map(|r| r.0)),
                    Arg::OptI64(e.recurrence.map(|r| r.1)),
                    Arg::I64(e.last_ends_at),
                    Arg::OptI64(e.capacity),
                    Arg::OptText(e.location),
                    Arg::OptText(e.online_url),
                    Arg::I64(now),
                ],
            )
            .await?
            .ok_or(StoreError::NotFound)?
            .i64("space_id")?;
        let mut promoted = Vec::new();
        while let Some(m) = promote_in(&mut tx, topic_id, space_id, now).await? {
            promoted.push(m);
        }
        tx.commit().await?;
        Ok(promoted)
    }

    /// Cancels an event and enqueues the job that tells everyone who answered; false when
    /// it was cancelled already.
    pub async fn cancel_event(&self, topic_id: i64, now: Millis) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let done = tx
            .execute(
                "UPDATE events SET cancelled_at = $2, updated_at = $2 WHERE topic_id = $1 AND cancelled_at IS NULL",
                &[Arg::I64(topic_id), Arg::I64(now)],
            )
            .await?;
        if done > 0 {
            crate::jobs::enqueue(
                &mut tx,
                &Job::EventCancelled { topic_id },
                Some(&format!("event.cancelled:{topic_id}")),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(done > 0)
    }

    /// Everyone who answered going, waitlisted or maybe (told when it is cancelled).
    pub async fn event_answered(&self, topic_id: i64) -> Result<Vec<i64>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT member_id FROM event_rsvps WHERE topic_id = $1 AND status <> 'not_going' ORDER BY member_id",
                &[Arg::I64(topic_id)],
            )
            .await?;
        rows.iter().map(|r| r.i64("member_id")).collect()
    }

    /// Records that the `kind` reminder for the occurrence at `occurs_at` went out;
    /// false when it already had (another node or tick got there first).
    pub async fn claim_event_reminder(
        &self,
        topic_id: i64,
        occurs_at: Millis,
        kind: &str,
        now: Millis,
    ) -> Result<bool> {
        Ok(self
            .db
            .execute(
                "INSERT INTO event_reminders (topic_id, occurs_at, kind, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[Arg::I64(topic_id), Arg::I64(occurs_at), Arg::Text(kind), Arg::I64(now)],
            )
            .await?
            > 0)
    }

    /// Events in the given spaces that `member_id` is going to and that have not ended,
    /// first first (their profile's "Going to").
    pub async fn events_going(
        &self,
        member_id: i64,
        spaces: &str,
        now: Millis,
        limit: i64,
    ) -> Result<Vec<Event>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    event_select!(),
                    "JOIN event_rsvps r ON r.topic_id = e.topic_id
                 WHERE r.member_id = $1 AND r.status = 'going' AND e.last_ends_at > $2 AND t.deleted_at IS NULL
                   AND $3 LIKE '%,' || CAST(t.space_id AS TEXT) || ',%'
                 ORDER BY e.starts_at, e.topic_id LIMIT $4"
                ),
                &[Arg::I64(member_id), Arg::I64(now), Arg::Text(spaces), Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(event_from).collect()
    }

    /// The members going to an event.
    pub async fn event_going(&self, topic_id: i64) -> Result<Vec<i64>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT member_id FROM event_rsvps WHERE topic_id = $1 AND status = 'going' ORDER BY member_id",
                &[Arg::I64(topic_id)],
            )
            .await?;
        rows.iter().map(|r| r.i64("member_id")).collect()
    }
}

/// Moves the first member waiting to going when a seat is free (the caller holds the
/// event's row lock). Returns who was promoted.
async fn promote_in(tx: &mut Tx, topic_id: i64, space_id: i64, now: Millis) -> Result<Option<i64>> {
    let event = tx
        .fetch_one(
            "SELECT capacity, going_count FROM events WHERE topic_id = $1",
            &[Arg::I64(topic_id)],
        )
        .await?;
    if event
        .opt_i64("capacity")?
        .is_some_and(|c| event.i64("going_count").is_ok_and(|g| g >= c))
    {
        return Ok(None);
    }
    let Some(next) = tx
        .fetch_optional(
            "SELECT member_id FROM event_rsvps WHERE topic_id = $1 AND status = 'waitlisted' ORDER BY waitlisted_at, member_id LIMIT 1",
            &[Arg::I64(topic_id)],
        )
        .await?
    else {
        return Ok(None);
    };
    let member_id = next.i64("member_id")?;
    tx.execute(
        "UPDATE event_rsvps SET status = 'going', waitlisted_at = NULL, updated_at = $1 WHERE topic_id = $2 AND member_id = $3",
        &[Arg::I64(now), Arg::I64(topic_id), Arg::I64(member_id)],
    )
    .await?;
    tx.execute(
        "UPDATE events SET going_count = going_count + 1, waitlist_count = waitlist_count - 1 WHERE topic_id = $1",
        &[Arg::I64(topic_id)],
    )
    .await?;
    activity::append(
        tx,
        &event_activity(
            member_id,
            kinds::EVENT_REGISTERED,
            topic_id,
            space_id,
            "{\"status\":\"going\",\"promoted\":true}",
            now,
        ),
    )
    .await?;
    crate::jobs::enqueue(
        tx,
        &Job::EventPromoted {
            topic_id,
            member_id,
        },
        Some(&format!("event.promoted:{topic_id}:{member_id}:{now}")),
        now,
    )
    .await?;
    Ok(Some(member_id))
}

/// An activity row about an event (`target` is its topic).
fn event_activity<'a>(
    member_id: i64,
    kind: &'static str,
    topic_id: i64,
    space_id: i64,
    properties: &'a str,
    now: Millis,
) -> NewActivity<'a> {
    NewActivity {
        member_id,
        kind,
        channel: kinds::HUB,
        target_type: Some("topic"),
        target_id: Some(topic_id),
        space_id: Some(space_id),
        properties: Some(properties),
        occurred_at: now,
    }
}

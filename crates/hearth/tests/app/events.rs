//! Events over HTTP on both databases: the API contract, bad input, the waitlist under 50
//! simultaneous RSVPs, check-in, reminders, the pages, and iCalendar read by a parser
//! written by someone else (Python's `icalendar`, from Debian's `python3-icalendar`, with
//! `dateutil` expanding the repeat rule).

use crate::both_databases;
use crate::support::TestApp;
use hearth::services::accounts::NewAccount;
use hearth::services::{Actor, events};
use hearth_core::values::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_databases!(events_follow_the_api_contract);
both_databases!(fifty_people_rsvp_at_once_to_twenty_seats);
both_databases!(icalendar_parses_with_python_icalendar);
both_databases!(event_pages_show_the_calendar_panel_and_attendees);
both_databases!(reminders_go_out_once_a_day_and_an_hour_before);
both_databases!(a_reminder_run_before_anyone_answers_still_reminds_those_who_answer_later);
both_databases!(organisers_change_and_cancel_events);
both_databases!(the_organisers_time_is_shown_only_when_it_differs_from_the_readers);

/// A wall-clock time `days` from now at `hh:mm` in `zone`, as a form sends it.
fn local_in(days: i64, hhmm: &str, zone: &str) -> String {
    let z = jiff::Timestamp::now()
        .in_tz(zone)
        .unwrap()
        .checked_add(jiff::Span::new().days(days))
        .unwrap();
    format!("{}T{hhmm}", z.date())
}

/// RFC 3339 `secs` seconds from now.
fn utc_in(secs: i64) -> String {
    jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_secs(secs))
        .unwrap()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

async fn create(app: &TestApp, token: &str, slug: &str, body: Value) -> (StatusCode, Value) {
    app.api(
        Method::POST,
        &format!("/api/v1/spaces/{slug}/events"),
        Some(token),
        Some(body),
    )
    .await
}

async fn rsvp(app: &TestApp, token: &str, id: i64, status: &str) -> (StatusCode, Value) {
    app.api(
        Method::POST,
        &format!("/api/v1/events/{id}/rsvp"),
        Some(token),
        Some(json!({ "status": status })),
    )
    .await
}

/// Adds members directly (as the console would) and returns their API tokens.
async fn members(app: &TestApp, prefix: &str, n: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for i in 0..n {
        let handle = format!("{prefix}{i:02}");
        let email = format!("{handle}@example.com");
        hearth::services::accounts::add_member(
            &app.state.hearth,
            &Actor::Operator,
            &NewAccount {
                email: &email,
                handle: &handle,
                display_name: None,
                password: None,
                role: Role::Member,
                invite: None,
                accept_guidelines: true,
                groups: &[],
            },
        )
        .await
        .unwrap();
        out.push((handle, app.token(&email).await));
    }
    out
}

async fn events_follow_the_api_contract(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "workshops", "public").await;
    app.set_kinds(
        "workshops",
        &[
            hearth_core::values::TopicKind::Discussion,
            hearth_core::values::TopicKind::Question,
        ],
    )
    .await;
    let starts = local_in(10, "18:00", "Europe/Madrid");
    let ends = local_in(10, "20:00", "Europe/Madrid");
    let (s, e) = create(
        &app,
        &owner,
        "workshops",
        json!({"title": "Sourdough basics", "body": "Bring an apron.", "starts_at": starts, "ends_at": ends,
               "time_zone": "Europe/Madrid", "capacity": 2, "location": "12 Baker St",
               "online_url": "https://meet.example.com/bread", "recurrence": {"freq": "weekly", "count": 4}}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let id = e["id"].as_i64().unwrap();
    assert_eq!(e["time_zone"], "Europe/Madrid");
    assert_eq!(e["capacity"], 2);
    assert_eq!(e["occurrences"].as_array().unwrap().len(), 4);
    assert_eq!(e["recurrence"], json!({"freq": "weekly", "count": 4}));
    assert_eq!(
        e["online_url"], "https://meet.example.com/bread",
        "the organiser sees the link"
    );
    // The topic is an event topic in its space, with the description as its first post.
    let (_, topic) = app
        .api(Method::GET, &format!("/api/v1/topics/{id}"), None, None)
        .await;
    assert_eq!(topic["kind"], "event");

    app.member_client("ana").await;
    app.member_client("ben").await;
    app.member_client("cy").await;
    let ana = app.token("ana@example.com").await;
    let ben = app.token("ben@example.com").await;
    let cy = app.token("cy@example.com").await;
    let (_, seen) = app
        .api(
            Method::GET,
            &format!("/api/v1/events/{id}"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(seen["online"], true);
    assert_eq!(
        seen["online_url"],
        Value::Null,
        "the link is for those going"
    );
    assert_eq!(seen["checkin_code"], Value::Null);
    let (s, r) = rsvp(&app, &ana, id, "going").await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["status"], "going");
    assert_eq!(r["event"]["online_url"], "https://meet.example.com/bread");
    assert_eq!(rsvp(&app, &ben, id, "going").await.1["status"], "going");
    assert_eq!(rsvp(&app, &cy, id, "going").await.1["status"], "waitlisted");
    // Saying going again keeps one's place; maybe leaves the seat, and cy moves up.
    assert_eq!(rsvp(&app, &cy, id, "going").await.1["status"], "waitlisted");
    let (_, r) = rsvp(&app, &ana, id, "maybe").await;
    assert_eq!(r["status"], "maybe");
    assert_eq!(r["event"]["going_count"], 2);
    assert_eq!(r["event"]["waitlist_count"], 0);
    let (_, r) = app
        .api(
            Method::GET,
            &format!("/api/v1/events/{id}"),
            Some(&cy),
            None,
        )
        .await;
    assert_eq!(r["my_status"], "going", "cy was promoted");
    assert_eq!(
        rsvp(&app, &ana, id, "not_going").await.1["status"],
        "not_going"
    );

    // Check-in: the organiser ticks a member who answered; a member needs the door open.
    let (s, r) = app
        .api(
            Method::POST,
            &format!("/api/v1/events/{id}/check-in"),
            Some(&owner),
            Some(json!({"member": "ben"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let (s, r) = app
        .api(
            Method::POST,
            &format!("/api/v1/events/{id}/check-in"),
            Some(&ana),
            Some(json!({"member": "cy"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{r}");
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/events/{id}/check-in"),
            Some(&cy),
            Some(json!({"code": "WRONG1"})),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::CONFLICT,
        "self check-in opens an hour before"
    );
    let (s, list) = app
        .api(
            Method::GET,
            &format!("/api/v1/events/{id}/attendees"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["going"], 2);
    assert_eq!(list["checked_in"], 1);
    let (s, _) = app
        .api(
            Method::GET,
            &format!("/api/v1/events/{id}/attendees"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Self check-in with the code, at an event starting within the hour.
    let (_, soon) = create(
        &app,
        &owner,
        "workshops",
        json!({"title": "Open mic", "body": "Sign up at the door.", "starts_at": utc_in(1200),
               "ends_at": utc_in(4800), "time_zone": "UTC"}),
    )
    .await;
    let soon_id = soon["id"].as_i64().unwrap();
    let code = soon["checkin_code"].as_str().unwrap().to_string();
    rsvp(&app, &ben, soon_id, "going").await;
    let check = |token: String, code: String| {
        let app = &app;
        async move {
            app.api(
                Method::POST,
                &format!("/api/v1/events/{soon_id}/check-in"),
                Some(&token),
                Some(json!({ "code": code })),
            )
            .await
        }
    };
    let (s, r) = check(ben.clone(), "ZZZZZZ".into()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{r}");
    assert!(r.to_string().contains("code"), "{r}");
    let (s, r) = check(ben.clone(), code.to_lowercase()).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["checked_in"], true);
    let (s, _) = check(cy.clone(), code.clone()).await;
    assert_eq!(s, StatusCode::CONFLICT, "cy did not RSVP to this one");

    // Listing: occurrences in the next 90 days, a repeating event once per occurrence.
    let (s, list) = app.api(Method::GET, "/api/v1/events", None, None).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let items = list.as_array().unwrap();
    assert_eq!(items.iter().filter(|i| i["event_id"] == id).count(), 4);

    // Bad input: each names its field, and nothing is written.
    let before = app.totals().await;
    let base = json!({"title": "Bad", "body": "Details to follow.", "starts_at": starts, "ends_at": ends, "time_zone": "Europe/Madrid"});
    let bad = |patch: Value| {
        let mut b = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    for (body, field) in [
        (
            bad(json!({"ends_at": local_in(10, "17:00", "Europe/Madrid")})),
            "ends_at",
        ),
        (bad(json!({"time_zone": "Mars/Olympus_Mons"})), "time_zone"),
        (bad(json!({"starts_at": "next tuesday"})), "starts_at"),
        (
            bad(
                json!({"starts_at": local_in(-3, "18:00", "Europe/Madrid"), "ends_at": local_in(-3, "19:00", "Europe/Madrid")}),
            ),
            "starts_at",
        ),
        (bad(json!({"capacity": 0})), "capacity"),
        (
            bad(json!({"online_url": "javascript:alert(1)"})),
            "online_url",
        ),
        (
            bad(json!({"recurrence": {"freq": "daily", "count": 3}})),
            "recurrence",
        ),
        (
            bad(json!({"recurrence": {"freq": "weekly", "count": 500}})),
            "recurrence",
        ),
    ] {
        let (s, r) = create(&app, &owner, "workshops", body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {r}");
        assert!(r.to_string().contains(field), "{field}: {r}");
    }
    assert_eq!(app.totals().await, before, "no half-written event");
    let (s, r) = rsvp(&app, &ana, id, "perhaps").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{r}");
    // Members may not create events where the space does not take them.
    let (s, r) = create(&app, &ana, "workshops", base.clone()).await;
    assert!(
        s == StatusCode::UNPROCESSABLE_ENTITY || s == StatusCode::FORBIDDEN,
        "{s} {r}"
    );
    // An RSVP to an event that has ended is refused.
    let (_, short) = create(
        &app,
        &owner,
        "workshops",
        json!({"title": "Flash sale", "body": "Quick!", "starts_at": utc_in(1), "ends_at": utc_in(2), "time_zone": "UTC"}),
    )
    .await;
    let short_id = short["id"].as_i64().unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let (s, r) = rsvp(&app, &ana, short_id, "going").await;
    assert_eq!(s, StatusCode::CONFLICT, "{r}");
    assert!(r.to_string().contains("ended"), "{r}");
    // A private space's event is not found for those who cannot see it.
    app.space(&owner, "staff", "private").await;
    let mut secret = base.clone();
    secret["title"] = json!("Staff planning day");
    let (s, private) = create(&app, &owner, "staff", secret).await;
    assert_eq!(s, StatusCode::CREATED, "{private}");
    let pid = private["id"].as_i64().unwrap();
    for path in [format!("/api/v1/events/{pid}"), format!("/e/{pid}.ics")] {
        let (s, _) = app.api(Method::GET, &path, Some(&ana), None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(
        rsvp(&app, &ana, pid, "going").await.0,
        StatusCode::NOT_FOUND
    );
    let (s, _) = app
        .api(Method::GET, "/s/staff/events.ics", None, None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn fifty_people_rsvp_at_once_to_twenty_seats(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "classes", "public").await;
    let (_, e) = create(
        &app,
        &owner,
        "classes",
        json!({"title": "Croissant class", "body": "Twenty seats.", "starts_at": local_in(5, "10:00", "America/New_York"),
               "ends_at": local_in(5, "12:00", "America/New_York"), "time_zone": "America/New_York", "capacity": 20}),
    )
    .await;
    let id = e["id"].as_i64().unwrap();
    let people = members(&app, "guest", 50).await;
    let answers = futures_join(people.iter().map(|(_, token)| {
        let app = &app;
        let token = token.clone();
        async move { rsvp(app, &token, id, "going").await }
    }))
    .await;
    let going = answers
        .iter()
        .filter(|(s, r)| s.is_success() && r["status"] == "going")
        .count();
    let waiting = answers
        .iter()
        .filter(|(s, r)| s.is_success() && r["status"] == "waitlisted")
        .count();
    assert_eq!((going, waiting), (20, 30), "{answers:?}");
    let (_, list) = app
        .api(
            Method::GET,
            &format!("/api/v1/events/{id}/attendees"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(
        (list["going"].as_i64(), list["waitlisted"].as_i64()),
        (Some(20), Some(30))
    );
    let (_, ev) = app
        .api(Method::GET, &format!("/api/v1/events/{id}"), None, None)
        .await;
    assert_eq!(
        (ev["going_count"].as_i64(), ev["waitlist_count"].as_i64()),
        (Some(20), Some(30))
    );

    let token_of = |handle: &str| {
        people
            .iter()
            .find(|(h, _)| h == handle)
            .map(|(_, t)| t.clone())
            .unwrap()
    };
    let in_state = |list: &Value, status: &str| -> Vec<String> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["status"] == status)
            .map(|a| a["handle"].as_str().unwrap().to_string())
            .collect()
    };
    // One cancellation at a time: exactly the first in line moves up.
    let mut expected_waiting = 30;
    for _ in 0..3 {
        let (_, list) = app
            .api(
                Method::GET,
                &format!("/api/v1/events/{id}/attendees"),
                Some(&owner),
                None,
            )
            .await;
        let first_waiting = in_state(&list, "waitlisted")[0].clone();
        let leaving = in_state(&list, "going")[0].clone();
        let (s, r) = rsvp(&app, &token_of(&leaving), id, "not_going").await;
        assert_eq!(s, StatusCode::OK, "{r}");
        let (_, list) = app
            .api(
                Method::GET,
                &format!("/api/v1/events/{id}/attendees"),
                Some(&owner),
                None,
            )
            .await;
        assert!(in_state(&list, "going").contains(&first_waiting));
        assert_eq!(in_state(&list, "going").len(), 20);
        expected_waiting -= 1;
        assert_eq!(in_state(&list, "waitlisted").len(), expected_waiting);
    }
    // Ten cancellations at once: ten promotions, never more seats than twenty.
    let (_, list) = app
        .api(
            Method::GET,
            &format!("/api/v1/events/{id}/attendees"),
            Some(&owner),
            None,
        )
        .await;
    let leaving: Vec<String> = in_state(&list, "going").into_iter().take(10).collect();
    let waiting_list = in_state(&list, "waitlisted");
    let waiting_before = waiting_list.len();
    futures_join(leaving.iter().map(|h| {
        let app = &app;
        let token = token_of(h);
        async move { rsvp(app, &token, id, "not_going").await }
    }))
    .await;
    let (_, list) = app
        .api(
            Method::GET,
            &format!("/api/v1/events/{id}/attendees"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(in_state(&list, "going").len(), 20);
    assert_eq!(in_state(&list, "waitlisted").len(), waiting_before - 10);
    let (_, ev) = app
        .api(Method::GET, &format!("/api/v1/events/{id}"), None, None)
        .await;
    assert_eq!(ev["going_count"], 20);
    assert_eq!(
        ev["waitlist_count"].as_i64().unwrap() as usize,
        waiting_before - 10
    );
    // Each promoted member is told.
    let promoted = in_state(&list, "going")
        .into_iter()
        .find(|h| waiting_list.contains(h))
        .unwrap();
    app.wait_for_jobs().await;
    let page = app.wait_for_notifications(&token_of(&promoted), 1).await;
    assert!(page.to_string().contains("event_promoted"), "{page}");
}

/// Runs futures at once, in one task (the requests are in flight together).
async fn futures_join<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut pinned: Vec<_> = futures.map(Box::pin).collect();
    let mut done: Vec<Option<F::Output>> = (0..pinned.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if done[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => done[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    done.into_iter().map(|d| d.unwrap()).collect()
}

/// Parses an iCalendar with `icalendar`, checks each VTIMEZONE against the zone
/// database, and expands each RRULE with `dateutil`; `None` outside CI when the package
/// is missing.
fn parse_ics(ics: &str) -> Option<Value> {
    const SCRIPT: &str = r#"
import json, sys, datetime
from zoneinfo import ZoneInfo
import icalendar
from dateutil.rrule import rrulestr
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
zones = {}
for vtz in cal.walk("VTIMEZONE"):
    zones[str(vtz["TZID"])] = vtz.to_tz()
events = []
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    end = ev.decoded("DTEND")
    tzid = ev["DTSTART"].params.get("TZID")
    naive = start.replace(tzinfo=None)
    zone = ZoneInfo(tzid) if tzid else datetime.timezone.utc
    # Our VTIMEZONE must give the offset the zone database gives at the event.
    vtz_ok = True
    if tzid:
        mine = zones[tzid].localize(naive) if hasattr(zones[tzid], "localize") else naive.replace(tzinfo=zones[tzid])
        vtz_ok = mine.utcoffset() == naive.replace(tzinfo=zone).utcoffset()
    occurrences = []
    if "RRULE" in ev:
        rule = rrulestr(ev["RRULE"].to_ical().decode(), dtstart=naive)
        for o in rule:
            occurrences.append(o.replace(tzinfo=zone).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    else:
        occurrences.append(naive.replace(tzinfo=zone).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    events.append({"uid": str(ev["UID"]), "summary": str(ev["SUMMARY"]), "tzid": tzid,
                   "description": str(ev.get("DESCRIPTION", "")), "location": str(ev.get("LOCATION", "")),
                   "minutes": int((end - start).total_seconds() // 60), "vtimezone_ok": vtz_ok,
                   "occurrences": occurrences})
print(json.dumps({"name": str(cal.get("X-WR-CALNAME", "")), "events": events}))
"#;
    crate::support::python_json(SCRIPT, "icalendar", ics)
}

async fn icalendar_parses_with_python_icalendar(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    app.space(&owner, "regulars", "members").await;
    // Weekly in Madrid across the spring change of clocks; monthly in New York on the 31st.
    let (_, weekly) = create(
        &app,
        &owner,
        "kitchen",
        json!({"title": "Bread club; crusts, crumbs", "body": "Line one.\nLine two, with a comma.", "starts_at": local_in(3, "18:30", "Europe/Madrid"),
               "ends_at": local_in(3, "20:00", "Europe/Madrid"), "time_zone": "Europe/Madrid", "location": "Calle Mayor 12, Madrid",
               "recurrence": {"freq": "weekly", "count": 30}}),
    )
    .await;
    let (_, monthly) = create(
        &app,
        &owner,
        "kitchen",
        json!({"title": "Author night", "body": "Readings.", "starts_at": "2031-01-31T19:00", "ends_at": "2031-01-31T21:00",
               "time_zone": "America/New_York", "recurrence": {"freq": "monthly", "count": 5}}),
    )
    .await;
    let (_, members_only) = create(
        &app,
        &owner,
        "regulars",
        json!({"title": "Regulars' dinner", "body": "Members only.", "starts_at": utc_in(86_400), "ends_at": utc_in(90_000), "time_zone": "UTC"}),
    )
    .await;
    for e in [&weekly, &monthly, &members_only] {
        assert!(e["id"].is_i64(), "{e}");
    }
    let expect = |e: &Value| -> Vec<String> {
        e["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                o["starts_at"]
                    .as_str()
                    .unwrap()
                    .parse::<jiff::Timestamp>()
                    .unwrap()
                    .strftime("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
            })
            .collect()
    };
    let weekly_id = weekly["id"].as_i64().unwrap();
    let r = app
        .client_without_cookies()
        .get(app.url(&format!("/e/{weekly_id}.ics")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = r.text().await.unwrap();
    let Some(parsed) = parse_ics(&ics) else {
        return;
    };
    let ev = &parsed["events"][0];
    assert_eq!(ev["summary"], "Bread club; crusts, crumbs");
    assert_eq!(ev["description"], "Line one.\nLine two, with a comma.");
    assert_eq!(ev["location"], "Calle Mayor 12, Madrid");
    assert_eq!(ev["tzid"], "Europe/Madrid");
    assert_eq!(ev["minutes"], 90);
    assert_eq!(ev["vtimezone_ok"], true, "{ics}");
    assert_eq!(ev["occurrences"].as_array().unwrap().len(), 30);
    assert_eq!(
        ev["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect::<Vec<_>>(),
        expect(&weekly),
        "dateutil expands the RRULE to the occurrences Hearth computed"
    );

    let feed = app.get("/events.ics").await.text().await.unwrap();
    let parsed = parse_ics(&feed).unwrap();
    assert_eq!(parsed["name"], "Riverside Bakery");
    let events = parsed["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "public events only: {feed}");
    let author = events
        .iter()
        .find(|e| e["summary"] == "Author night")
        .unwrap();
    assert_eq!(author["tzid"], "America/New_York");
    assert_eq!(author["vtimezone_ok"], true);
    let got: Vec<String> = author["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        got,
        expect(&monthly),
        "months without a 31st are skipped by both"
    );
    assert_eq!(got.len(), 5);
    let space_feed = app.get("/s/kitchen/events.ics").await.text().await.unwrap();
    assert_eq!(
        parse_ics(&space_feed).unwrap()["events"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let members_feed = app.get("/s/regulars/events.ics").await;
    assert_eq!(members_feed.status(), StatusCode::NOT_FOUND);
}

async fn event_pages_show_the_calendar_panel_and_attendees(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    app.set_kinds(
        "kitchen",
        &[
            hearth_core::values::TopicKind::Discussion,
            hearth_core::values::TopicKind::Question,
        ],
    )
    .await;
    let (_, e) = create(
        &app,
        &owner,
        "kitchen",
        json!({"title": "Pie night", "body": "Bring a pie.", "starts_at": utc_in(3 * 86_400), "ends_at": utc_in(3 * 86_400 + 7200),
               "time_zone": "Europe/Madrid", "capacity": 1, "online_url": "https://meet.example.com/pie"}),
    )
    .await;
    let id = e["id"].as_i64().unwrap();
    let url = e["url"].as_str().unwrap().to_string();
    let month = &e["starts_at"].as_str().unwrap()[..7];
    let page = app.get(&format!("/events?month={month}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Pie night") && html.contains("calendar"),
        "{html}"
    );
    let anonymous = app.client_without_cookies();
    let page = anonymous
        .get(app.url(&url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"event\""), "{page}");
    assert!(
        !page.contains("meet.example.com"),
        "anonymous visitors do not see the link"
    );
    assert!(page.contains("/login?next="), "{page}");
    // A member RSVPs from the page and sees the link.
    let ana = app.member_client("ana").await;
    let r = app
        .post_form(&ana, &format!("/e/{id}/rsvp"), &[("status", "going")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = ana
        .get(app.url(&url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("meet.example.com"), "{page}");
    assert!(page.contains("rsvp-status"));
    let ben = app.member_client("ben").await;
    app.post_form(&ben, &format!("/e/{id}/rsvp"), &[("status", "going")])
        .await;
    let page = ben
        .get(app.url(&url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("meet.example.com"), "ben is on the waitlist");
    // The organiser's attendee list and check-in by name.
    let owner_client = crate::support::client();
    app.post_form(
        &owner_client,
        "/login",
        &[
            ("email", "owner@example.com"),
            ("password", crate::support::PASSWORD),
        ],
    )
    .await;
    let list = owner_client
        .get(app.url(&format!("/e/{id}/attendees")))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), StatusCode::OK);
    let html = list.text().await.unwrap();
    assert!(html.contains("@ana") && html.contains("@ben"), "{html}");
    let r = app
        .post_form(
            &owner_client,
            &format!("/e/{id}/check-in"),
            &[("member", "ana")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Ana's profile lists the event she is going to.
    let profile = ana
        .get(app.url("/u/ana"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        profile.contains("Going to") && profile.contains("Pie night"),
        "{profile}"
    );
    let forbidden = ana
        .get(app.url(&format!("/e/{id}/attendees")))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    // The form: a bad time zone and an end before the start are named on the page.
    let form = owner_client
        .get(app.url("/s/kitchen/events/new"))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let r = app
        .post_form(
            &owner_client,
            "/s/kitchen/events/new",
            &[
                ("title", "Bad"),
                ("body", "x"),
                ("starts_at", "2031-05-01T18:00"),
                ("ends_at", "2031-05-01T17:00"),
                ("time_zone", "Europe/Madrid"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("ends_at-error"), "{html}");
    let r = app
        .post_form(
            &owner_client,
            "/s/kitchen/events/new",
            &[
                ("title", "Good"),
                ("body", "A weekly class."),
                ("starts_at", "2031-05-01T18:00"),
                ("ends_at", "2031-05-01T19:00"),
                ("time_zone", "Europe/Madrid"),
                ("repeat", "weekly"),
                ("repeat_count", "6"),
                ("capacity", "12"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap_or_default()
    );
    // Members may not open the form where the space does not take events.
    let r = ana
        .get(app.url("/s/kitchen/events/new"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

async fn reminders_go_out_once_a_day_and_an_hour_before(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let (_, soon) = create(
        &app,
        &owner,
        "kitchen",
        json!({"title": "Tasting", "body": "Soon.", "starts_at": utc_in(1800), "ends_at": utc_in(5400), "time_zone": "UTC"}),
    )
    .await;
    let (_, tomorrow) = create(
        &app,
        &owner,
        "kitchen",
        json!({"title": "Market", "body": "Tomorrow.", "starts_at": utc_in(20 * 3600), "ends_at": utc_in(21 * 3600), "time_zone": "UTC"}),
    )
    .await;
    let (_, later) = create(
        &app,
        &owner,
        "kitchen",
        json!({"title": "Harvest", "body": "Later.", "starts_at": utc_in(3 * 86_400), "ends_at": utc_in(3 * 86_400 + 3600), "time_zone": "UTC"}),
    )
    .await;
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    for e in [&soon, &tomorrow, &later] {
        rsvp(&app, &ana, e["id"].as_i64().unwrap(), "going").await;
    }
    // The job worker may run the minute's reminder job first; between them, each
    // reminder goes out once.
    let sent = events::send_reminders(&app.state.hearth).await.unwrap();
    assert!(sent <= 2, "{sent}");
    app.wait_for_jobs().await;
    assert_eq!(
        events::send_reminders(&app.state.hearth).await.unwrap(),
        0,
        "each once"
    );
    let page = app.wait_for_notifications(&ana, 2).await;
    let reminders = reminders_in(&page);
    assert_eq!(reminders, 2, "{page}");
}

/// How many event reminders a page of notifications holds.
fn reminders_in(page: &serde_json::Value) -> usize {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "event_reminder")
        .count()
}

/// Regression: the minute's reminder run used to claim a reminder even when nobody was
/// going yet, so members who answered later in the day never got it.
async fn a_reminder_run_before_anyone_answers_still_reminds_those_who_answer_later(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let (_, soon) = create(
        &app,
        &owner,
        "kitchen",
        json!({"title": "Tasting", "body": "Soon.", "starts_at": utc_in(1800), "ends_at": utc_in(5400), "time_zone": "UTC"}),
    )
    .await;
    assert_eq!(events::send_reminders(&app.state.hearth).await.unwrap(), 0);
    app.member_client("ana").await;
    let ana = app.token("ana@example.com").await;
    rsvp(&app, &ana, soon["id"].as_i64().unwrap(), "going").await;
    let sent = events::send_reminders(&app.state.hearth).await.unwrap();
    app.wait_for_jobs().await;
    let page = app.wait_for_notifications(&ana, 1).await;
    let reminders = reminders_in(&page);
    assert_eq!(reminders, 1, "sent now {sent}: {page}");
}

async fn organisers_change_and_cancel_events(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let starts = local_in(12, "18:00", "Europe/Madrid");
    let ends = local_in(12, "20:00", "Europe/Madrid");
    let (_, e) = create(
        &app,
        &owner,
        "kitchen",
        json!({"title": "Pasta night", "body": "Fresh pasta.", "starts_at": starts, "ends_at": ends,
               "time_zone": "Europe/Madrid", "capacity": 1, "location": "The back room"}),
    )
    .await;
    let id = e["id"].as_i64().unwrap();
    let mut tokens = Vec::new();
    for handle in ["ana", "ben", "cy"] {
        app.member_client(handle).await;
        let token = app.token(&format!("{handle}@example.com")).await;
        rsvp(&app, &token, id, "going").await;
        tokens.push(token);
    }
    let patch = |token: String, body: Value| {
        let app = &app;
        async move {
            app.api(
                Method::PATCH,
                &format!("/api/v1/events/{id}"),
                Some(&token),
                Some(body),
            )
            .await
        }
    };
    let change = json!({"starts_at": starts, "ends_at": ends, "time_zone": "Europe/Madrid", "capacity": 3, "location": "The big room"});
    let (s, _) = patch(tokens[0].clone(), change.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "only the organiser and staff");
    let mut bad = change.clone();
    bad["time_zone"] = json!("Atlantis/Capital");
    let (s, r) = patch(owner.clone(), bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.to_string().contains("time_zone"), "{r}");
    // More seats: the waitlist moves up in order, and they are told.
    let (s, r) = patch(owner.clone(), change).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(
        (r["going_count"].as_i64(), r["waitlist_count"].as_i64()),
        (Some(3), Some(0))
    );
    assert_eq!(r["location"], "The big room");
    app.wait_for_jobs().await;
    let page = app.wait_for_notifications(&tokens[2], 1).await;
    assert!(page.to_string().contains("event_promoted"), "{page}");
    // The edit form is filled on the event's clock.
    let owner_client = crate::support::client();
    app.post_form(
        &owner_client,
        "/login",
        &[
            ("email", "owner@example.com"),
            ("password", crate::support::PASSWORD),
        ],
    )
    .await;
    let form = owner_client
        .get(app.url(&format!("/e/{id}/edit")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains(&format!("value=\"{starts}\"")), "{form}");
    let r = app
        .post_form(
            &owner_client,
            &format!("/e/{id}/edit"),
            &[
                ("starts_at", starts.as_str()),
                ("ends_at", ends.as_str()),
                ("time_zone", "Europe/Madrid"),
                ("capacity", "3"),
                ("location", "The garden"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, seen) = app
        .api(Method::GET, &format!("/api/v1/events/{id}"), None, None)
        .await;
    assert_eq!(seen["location"], "The garden");
    // Cancelling: answers stop, calendars say so, everyone who answered is told.
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/events/{id}/cancel"),
            Some(&tokens[0]),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, r) = app
        .api(
            Method::POST,
            &format!("/api/v1/events/{id}/cancel"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["cancelled"], true);
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/events/{id}/cancel"),
            Some(&owner),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, r) = rsvp(&app, &tokens[0], id, "maybe").await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(r.to_string().contains("cancelled"), "{r}");
    let ics = app.get(&format!("/e/{id}.ics")).await.text().await.unwrap();
    assert!(ics.contains("STATUS:CANCELLED"), "{ics}");
    app.wait_for_jobs().await;
    let page = app.wait_for_notifications(&tokens[1], 2).await;
    assert!(page.to_string().contains("event_cancelled"), "{page}");
    let panel = app
        .get(e["url"].as_str().unwrap())
        .await
        .text()
        .await
        .unwrap();
    assert!(panel.contains("This event was cancelled."), "{panel}");
}

/// Issue 17, bug 14: an event's time was repeated in brackets on the organiser's clock
/// even when the reader's clock was the organiser's, as "18:00 – 20:00 (18:00,
/// Europe/Madrid)".
async fn the_organisers_time_is_shown_only_when_it_differs_from_the_readers(app: TestApp) {
    app.setup().await;
    let owner = app.token("owner@example.com").await;
    app.space(&owner, "kitchen", "public").await;
    let (s, e) = create(
        &app,
        &owner,
        "kitchen",
        json!({"title": "Winter market", "body": "Stalls and cocoa.", "starts_at": "2031-12-01T17:00:00Z",
               "ends_at": "2031-12-01T19:00:00Z", "time_zone": "Europe/Madrid"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let url = e["url"].as_str().unwrap().to_string();
    let ana = app.member_client("ana").await;
    for (zone, reader, organiser) in [
        ("Europe/Madrid", "When Mon 1 Dec 2031, 18:00 – 20:00", ""),
        (
            "America/New_York",
            "When Mon 1 Dec 2031, 12:00 – 14:00",
            "(Mon 1 Dec 2031, 18:00, Europe/Madrid)",
        ),
    ] {
        let r = app
            .post_form(
                &ana,
                "/settings/profile",
                &[
                    ("display_name", "Ana"),
                    ("language", "en"),
                    ("time_zone", zone),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{zone}");
        let page = ana
            .get(app.url(&url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let when = page
            .split("<dl class=\"event-facts\">")
            .nth(1)
            .and_then(|rest| rest.split("</dd>").next())
            .expect("the event panel says when");
        let text = crate::pages::text_of(&when.replace("&#x2f;", "/"));
        let rest = text
            .strip_prefix(reader)
            .unwrap_or_else(|| panic!("{zone}: the reader's clock first: {text:?}"));
        assert_eq!(rest.trim(), organiser, "a reader on {zone}'s clock");
        // Regression: a trimming comment in the template glued the two, "20:00(Mon…".
        assert!(
            organiser.is_empty() || rest.starts_with(char::is_whitespace),
            "a space before the organiser's time: {text:?}"
        );
    }
}

# Events: the panel on an event's page, the calendar, the form and the attendee list.
nav-events = Events
events-panel-heading = Event
events-when = When
events-organiser-time = ({ $when }, { $zone })
events-repeats = { $freq ->
    [weekly] Every week, { $count } times
   *[monthly] Every month, { $count } times
}
events-next = Next
events-where = Where
events-online = Online
events-online-hidden = The link shows here once you are going.
events-seats = Seats
events-seats-taken = { $going } of { $capacity } taken
events-going-count = { $count ->
    [one] { $count } going
   *[other] { $count } going
}
events-waiting = { $count ->
    [one] { $count } on the waitlist
   *[other] { $count } on the waitlist
}
events-ended = This event has ended.
events-my-status = { $status ->
    [going] You are going.
    [waitlisted] You are on the waitlist: we will tell you if a seat opens.
    [maybe] You might go.
   *[not_going] You are not going.
}
events-checked-in = checked in
events-rsvp-going = Going
events-rsvp-waitlist = Join the waitlist
events-rsvp-maybe = Maybe
events-rsvp-not-going = Can't go
events-checkin-code-label = Event code
events-checkin-submit = Check in
events-sign-in-to-rsvp = Sign in to RSVP
events-add-to-calendar = Add to calendar (.ics)
events-attendees-link = Attendees and check-in
events-door-code = Door code:
events-calendar-title = Events
events-new-button = New event
events-months-nav = Months
events-previous-month = Previous month
events-next-month = Next month
events-today = Today
events-space-filter = Space
events-all-spaces = All spaces
events-filter-submit = Show
events-agenda-heading = Events in { $month }
events-agenda-empty = Nothing planned this month yet.
events-subscribe = Follow these events in your calendar app:
events-subscribe-link = subscribe (iCalendar)
events-new-title = New event
events-new-in = in { $space }
events-field-title = Title
events-field-starts = Starts
events-field-ends = Ends
events-field-zone = Time zone
events-field-repeat = Repeats
events-repeat-none = Does not repeat
events-repeat-weekly = Every week
events-repeat-monthly = Every month
events-field-repeat-count = How many times in all
events-field-location = Address (in person)
events-field-location-placeholder = 12 Baker Street, Springfield
events-field-online = Online link
events-field-online-help = Only members who are going see it.
events-field-capacity = Seats
events-field-capacity-help = Leave empty for no limit. When it is full, members join a waitlist and move up as others cancel.
events-field-body = Description
events-create-submit = Create event
events-attendees-title = Attendees
events-attendees-summary = { $going } going · { $waitlisted } waiting · { $checked } checked in
events-attendees-member = Member
events-attendees-answer = Answer
events-attendees-checked-in = Checked in
events-attendees-check-in = Check in { $name }
events-attendees-empty = Nobody has answered yet.
events-status-name = { $status ->
    [going] going
    [waitlisted] waitlist
    [maybe] maybe
   *[not_going] not going
}
events-rsvp-on-waitlist = On the waitlist
events-edit-title = Change the event
events-edit-note = The title and description are the event's first post: edit it there.
events-save-submit = Save changes
events-edit-link = Change
events-cancel-button = Cancel the event
events-cancel-confirm = Cancel this event? Everyone who answered is told.
events-cancelled = This event was cancelled.
events-cancelled-badge = cancelled

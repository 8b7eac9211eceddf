# Member intelligence: people, a person's record, imports (templates/admin/people.html,
# person.html, imports.html, import.html, import_running.html)

## People
people-heading = People
people-intro = Everyone your community knows, on every channel: members of the hub and the contacts met in imports (Discord, Slack, the mailing list, the shop).
people-search-label = Search people
people-search-placeholder = Name, email or handle
people-search = Search
people-col-name = Name
people-col-email = Email
people-col-kind = Kind
people-col-trust = Trust level
people-col-since = Since
people-kind = { $kind ->
    [account] member
    [contact] contact
   *[other] { $kind }
}
people-none = Nobody matches.
people-older = More people

## One person
person-saved = { $what ->
    [tags] Tags saved.
    [merged] Records merged.
    [unmerged] Merge undone: the records are separate again.
    [erased] Erased: nothing personal is left of this record.
    [field] Field saved.
    [note] Note added.
    [token] The token was revoked; it no longer works.
   *[other] Saved.
}
person-merged-into = This record was merged into
person-handle = Handle
person-role = Role
person-activities = Activities
person-last-active = Last active
person-last-seen = Last visit
person-spend = Lifetime spend
person-timeline = Timeline
person-timeline-older = Older activity →
person-timeline-newest = ← Back to the newest
person-no-activity = Nothing recorded yet.
person-orders = Orders
person-order = Order
person-order-items = Items
person-order-total = Total
person-order-refunded = Refunded
person-order-date = Date
person-no-orders = No orders.
person-identities = Identities
person-tags = Tags
person-tag-remove = Remove the tag { $tag }
person-tag-add-label = Add tags
person-tag-placeholder = vip, wholesale
person-tag-add = Add
person-fields = Custom fields
person-field-name = Field
person-field-value = Value (empty removes it)
person-field-save = Save field
person-notes = Private notes
person-note-label = New note (staff only)
person-note-add = Add note
person-moderation = Moderation history
person-warning = warning

## Imports
imports-audit = Imports
imports-col-file = File
imports-col-read = Rows read
imports-col-created = Members created
imports-col-matched = Matched to existing
imports-col-activities = Activities created
imports-col-skipped = Rows skipped
imports-failed = failed
imports-none = Nothing imported yet.
imports-upload = Import a file
imports-upload-help = Up to { $mb } MB here; larger files with hearth import on the server. The whole file is imported or nothing is, and importing the same file again changes nothing.
imports-kind = What the file is
imports-kind-name = { $kind ->
    [members] Members (CSV)
    [activities] Activities (CSV or NDJSON)
    [shopify-orders] Shopify orders export
    [shopify-customers] Shopify customers export
    [stripe-customers] Stripe customers export
    [stripe-payments] Stripe payments export
    [mailchimp] Mailchimp audience export
    [discord] Discord channel (DiscordChatExporter JSON)
    [slack] Slack workspace export (zip)
   *[other] { $kind }
}
imports-file = File
imports-start = Import
imports-failed-heading = Nothing was imported.
imports-done = Imported in { $seconds } s.
imports-skipped-heading = Rows skipped
imports-line = Line
imports-reason = Reason
imports-skipped-more = The first { $shown } of { $total } are shown.
imports-back = All imports
imports-nothing-written = The import stopped and nothing of it was written. Fix the file and import it again.
imports-running = Importing… { $rows } rows read so far.
imports-progress = Import progress
imports-refreshes = This page refreshes itself every second.

## Activity kinds on a timeline (others show their name)
activity-kind = { $kind ->
    [joined] joined
    [topic_started] started a topic
    [question_asked] asked a question
    [replied] replied
    [reacted] reacted
    [unreacted] took back a reaction
    [answer_accepted] answer accepted
    [answer_unaccepted] accepted answer withdrawn
    [idea_voted] voted for an idea
    [idea_unvoted] took back a vote for an idea
    [idea_status_changed] an idea's status changed
    [idea_merged] ideas merged
    [poll_voted] voted in a poll
    [event_registered] registered for an event
    [event_rsvp_changed] changed their answer to an event
    [event_attended] attended an event
    [event_checked_in] checked in at an event
    [profile_updated] updated their profile
    [tags_changed] tags changed
    [member_erased] record erased
    [application_reviewed] application reviewed
    [invite_created] created an invite
    [guidelines_accepted] accepted the guidelines
    [trust_level_changed] trust level changed
    [group_changed] groups changed
    [post_held] post held for review
    [flagged] reported a post
    [moderated] took a moderation action
    [member_warned] warned by staff
    [member_restricted] restricted by staff
    [restriction_ended] restriction ended
    [mod_note_added] staff note added
    [mentioned] was mentioned
    [post_edited] edited a post
    [post_deleted] deleted a post
    [post_wiki_changed] changed a post's wiki setting
    [topic_pinned] pinned a topic
    [topic_unpinned] unpinned a topic
    [visited] visited
    [message_sent] posted a message
    [message_replied] replied to a message
    [reaction_added] reacted to a message
    [order_placed] placed an order
    [order_refunded] order refunded
    [payment_made] paid
    [payment_refunded] payment refunded
    [subscribed] subscribed to the list
    [unsubscribed] unsubscribed from the list
    [email_cleaned] address cleaned from the list
    [purchased] bought in person
    [members_merged] records merged
    [merge_undone] merge undone
    [level_reached] reached a new level
    [badge_granted] was given a badge
    [reward_redeemed] redeemed a reward
    [referred] brought someone in
   *[other] { $kind }
}

## Merges
merge-link = Suggested merges
merge-heading = Suggested merges
merge-intro = Records that may be one person, with the evidence. Hearth never merges on a name or a handle by itself: you decide. A merge can be undone completely.
merge-and = and
merge-do = Merge
merge-dismiss = Not the same person
merge-none = No suggestions right now.
merge-history = Merges
merge-folded-in = Record #{ $id } was merged into this one
merge-folded-into = Merged into #{ $id }
merge-undo = Undo merge
merge-undone = undone

## Segments
segments-heading = Segments
segments-col-name = Name
segments-col-condition = Condition
segments-col-members = Members now
segments-none = No segments yet.
segments-new = New segment
segments-name = Name
segments-condition = Condition
segments-create = Create segment
segments-help-summary = What a condition can say
segments-saved = Segment saved.
segments-tagged = Tagged { $n } people.
segments-count = { $n ->
    [one] 1 person
   *[other] { $n } people
}
segments-export = Export CSV
segments-tag-label = Tag to add to everyone in the segment
segments-tag-placeholder = a tag for all of them
segments-tag-all = Tag everyone
segments-members = Who is in it now
segments-empty = Nobody matches right now.
segments-edit = Change the segment
segments-save = Save
segments-delete = Delete segment
segments-builder-legend = Or build it by choosing
segments-builder-hint = Choose what to look for, fill in a number or a word where it needs one, and add it: it is written into the condition above, and nothing is saved until you save.
segments-builder-rule = People who
segments-builder-value = Number or word
segments-builder-value-hint = Days, times, an amount, a tag or a channel (discord, slack, shop…)
segments-builder-days = In the last … days
segments-builder-days-hint = Only for "did something … times"
segments-builder-join = Join it with what is there
segments-builder-and = and (both must be true)
segments-builder-or = or (either is enough)
segments-builder-add = Add to the condition
segments-builder-unsaved = Not saved yet: check the condition and save.
segments-examples-heading = Or start from an example
segments-rule = { $rule ->
    [active_within] were active in the last … days
    [inactive_for] have not been active for … days
    [active_times] did something at least … times
    [joined_within] joined in the last … days
    [joined_before] joined more than … days ago
    [customer] are customers (bought or paid)
    [not_customer] are not customers
    [slipping] were among the most active and have gone quiet for 7 to 28 days
    [spend_at_least] have spent at least …
    [has_tag] have the tag …
    [lacks_tag] do not have the tag …
    [on_channel] are on the channel …
    [trust_at_least] have trust level … or higher
    [has_account] have an account here
    *[contact_only] are known only from other channels
}
segments-example = { $example ->
    [regulars] Regulars
    [slipping] Slipping away
    [new_this_month] New this month
    [big_spenders] Big spenders
    [quiet_customers] Quiet customers
    *[discord_regulars] Discord regulars
}

## Privacy
settings-privacy-heading = Your data
settings-analytics-opt-out = Leave me out of analytics profiling
settings-analytics-hint = The community's segments and member analytics will not include you. Your posts and answers still count where everyone's do.
settings-export = Download my data
settings-export-hint = A zip of JSON files: your profile, identities, activity, posts, orders, tags and fields.
erase-heading = Erase this person
erase-explain = Deletes their personal data everywhere: addresses, names and handles on every channel, profile, posts' text, notes, tags and fields. Their activity stays as an anonymous id so the community's counts stay right. This cannot be undone. Type ERASE to confirm.
erase-confirm-label = Type ERASE to confirm
erase-do = Erase

## Retention
retention-heading = Keeping raw imported data
retention-explain = Message and order details as the sources gave them, and the skipped rows of each import, are forgotten after this many days (checked every hour). Counts, people and their activity stay. Empty keeps them for ever.
retention-days = Days
retention-forever = for ever
retention-save = Save
person-tokens-none = This member has no API tokens.

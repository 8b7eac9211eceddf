# Messages the server builds in Rust (validation errors, refusals, notices), by the key
# `crate::messages::CATALOG` gives their English pattern. English repeats the pattern
# exactly; the placeholders are the values the source put in the text.

## Values (hearth-core): names, handles, slugs, addresses, texts.
err-taken = is already taken
err-field-taken = { $field } is already taken
err-required = is required
err-not-empty = must not be empty
err-single-line = must be a single line
err-one-line = must be one line
err-one-line-of-text = must be one line of text
err-control-characters = must not contain control characters
err-handle-length = must be 2 to 30 characters long
err-handle-characters = may contain only letters a–z, digits, '_', '-' and '.'
err-handle-start = must start with a letter or a digit
err-slug-length = must be 1 to 64 characters long
err-slug-characters = may contain only lowercase letters a–z, digits and '-'
err-slug-dashes = must not start or end with '-' or contain '--'
err-email-shape = must look like name@example.com
err-at-most-254-characters = must be at most 254 characters
err-at-most-100-characters = must be at most 100 characters
err-at-most-60-characters = must be at most 60 characters
err-at-most-500-characters = must be at most 500 characters
err-at-most-characters = must be at most { $max } characters
err-at-least-characters = must be at least { $min } characters
err-at-most-1024-bytes = must be at most 1024 bytes
err-at-most-bytes = must be at most { $max } bytes
err-at-most-kb = must be at most { $max } KB
err-colour = must be a colour like #c2410c
err-visibility = must be one of public, members, private
err-topic-kind = must be one of discussion, question, idea, poll, announcement, event
err-idea-status = must be one of open, under_review, planned, in_progress, done, declined
err-join-mode = must be one of open, approval, invite, customers
err-role = must be one of guest, member, approver, moderator, admin, owner
err-flag-reason = must be one of spam, off_topic, inappropriate, other
err-moderation-action = must be one of approve, hide, delete
err-one-of = must be one of { $names }
err-value-one-of = { $input } must be one of { $known }
err-pin-scope = must be space or community

## Times and events (hearth-core).
err-time-zone-required = is required (an IANA name such as Europe/Madrid)
err-time-zone-unknown = { $name } is not a known time zone (use an IANA name such as Europe/Madrid)
err-time-format = { $s } is not a time like 2026-12-01T18:00 or 2026-12-01T18:00:00Z
err-recurrence-freq = freq { $other } must be weekly or monthly
err-recurrence-count = count must be between 2 and { $max }
err-ends-after-start = must be after starts_at
err-event-too-long = an event lasts at most 14 days

## Search (hearth-core).
err-search-empty = type a word to search for
err-search-terms = use at most { $max } words or phrases

## The spam model's text (hearth-core).
err-spam-model-header = line { $number }: expected "hearth-spam 1 <spam decisions> <not-spam decisions>"
err-spam-model-magic = line { $number }: this is not a Hearth spam model
err-spam-model-version = line { $number }: unknown format version { $version }
err-spam-model-spam-decisions = line { $number }: the spam decision count is not a number
err-spam-model-ham-decisions = line { $number }: the not-spam decision count is not a number
err-spam-model-token-twice = line { $number }: the token appears twice
err-spam-model-token-empty = line { $number }: the token is empty
err-spam-model-spam-count = line { $number }: the spam count is missing or not a number
err-spam-model-ham-count = line { $number }: the not-spam count is missing or not a number
err-spam-model-fields = line { $number }: expected three tab-separated fields

## Trust settings (hearth-core).
err-trust-settings-line = line { $line }: expected key = value
err-trust-settings-unknown = line { $line }: unknown threshold { $key }
err-trust-settings-value = line { $line }: { $key } must be a whole number from 0 to 100000
err-trust-threshold-number = every trust level threshold must be a whole number from 0 to 100000

## Service errors (services/mod.rs) and accounts.
err-sign-in = sign in to do this
err-rate-limited = too many attempts; try again in a few minutes
err-bad-credentials = wrong email or password
err-already-set-up = the community is already set up
err-not-set-up-yet = the community is not set up yet
err-not-set-up = the community is not set up
err-not-set-up-short = not set up
err-cursor = is not a cursor this server gave out
err-signup-closed = sign-up is closed; ask the owner to add you
err-accept-guidelines-join = accept the community guidelines to join
err-invite-other-address = this invitation was sent to another address; sign up with that one
err-customers-address = this community is for customers: sign up with the address you gave the shop
err-invite-only = this community is invite-only: you need an invite link
err-apply-instead = this community reviews new members: apply to join instead
err-only-admins-add-members = only admins can add members
err-cannot-give-role = you cannot give that role
err-link-expired = this link has expired or was already used; ask for a new one
err-confirm-email-first = confirm your email address first: follow the link we mailed you
err-confirm-email-then-sign-in = confirm your email address first: follow the link we mailed you, then sign in
err-already-confirmed = your address is already confirmed
err-no-mail = this community sends no mail
err-no-mail-reset = this community sends no mail, so passwords cannot be reset by mail; ask the owner
err-no-mail-change-address = this community sends no mail; ask the owner to change your address
err-not-current-password = is not your current password
err-already-your-address = is already your address

## Community and branding.
err-only-admins-branding = only admins can change the branding
err-logo-type = must be a PNG, JPEG, GIF or WebP image (got { $content_type })
err-choose-language = choose a language
err-choose-time-zone = choose a time zone

## Discipline and restrictions.
err-only-moderators-act = only moderators act on members
err-act-on-yourself = you cannot act on yourself
err-act-below = staff act only on members below them; ask an admin or the owner
err-restriction-kind = must be silence, suspend or ban
err-ban-no-end = a ban has no end; leave days out
err-between-1-and-or-empty = must be between 1 and { $max }, or empty for no limit
err-between-1-and = must be between 1 and { $max }
err-restriction-ended = this restriction already ended
err-only-moderators-records = only moderators read member records
err-silenced-until = you are silenced until { $until } ({ $zone }): { $reason }
err-suspended-until = you are suspended until { $until } ({ $zone }): { $reason }
err-banned-until = you are banned until { $until } ({ $zone }): { $reason }
err-silenced = you are silenced: { $reason }
err-suspended = you are suspended: { $reason }
err-banned = you are banned: { $reason }

## Mail.
err-notification-kind = { $kind } is not a notification kind
err-frequency = { $frequency } must be immediately, daily, weekly or never
err-unsubscribe-invalid = this unsubscribe link is not valid (was it copied completely?)
err-unsubscribe-nothing = this unsubscribe link names nothing Hearth sends
err-only-admins-test-mail = only admins send test mail
err-no-mail-server = no mail server is configured: set smtp_url and mail_from in hearth.toml
err-test-mail-failed = the test mail could not be sent: { $e }

## Events.
err-in-the-future = must be in the future
err-online-url = must be an http:// or https:// link of at most 500 characters
err-rsvp-status = { $other } must be going, maybe or not_going
err-guests-read-only = guests read but do not take part
err-event-ended = this event has ended
err-answer-not-recorded = this answer cannot be recorded
err-check-in-others = only the organiser and staff check others in
err-no-member-handle = no member has the handle @{ $handle }
err-event-code-needed = type the event's code
err-check-in-not-open = check-in opens an hour before the event for members who are going
err-wrong-event-code = that is not this event's code
err-rsvp-first = only members who answered can be checked in; RSVP first
err-attendee-list = only the organiser and staff see the attendee list

## Forum: topics, polls, answers, ideas, spaces.
err-sort = must be activity, votes, newest or trending
err-poll-option-length = each option must be at most 100 characters
err-poll-option-twice = the option "{ $label }" is there twice
err-poll-two-options = a poll needs at least two options
err-poll-max-options = a poll takes at most { $max } options
err-poll-closes-format = closes_at { $s } is not a time like 2026-12-01T18:00:00Z
err-poll-closes-future = closes_at must be in the future
err-poll-results = results must be after_vote or after_close
err-only-polls-votes = only polls take poll votes
err-choose-option = choose at least one option
err-one-choice = this poll takes one choice
err-poll-closed = the poll is closed
err-unknown-option = names an option that is not in this poll
err-space-archived = this space is archived
err-only-staff-announcements = only staff post announcements
err-only-staff-events = only staff create events in this space
err-space-kinds = this space takes only: { $allowed }
err-poll-needs-options = a poll needs its options
err-poll-only-kind = only topics of kind poll take a poll
err-event-needs-times = an event needs its times
err-event-only-kind = only topics of kind event take event details
err-only-questions-answers = only questions have accepted answers
err-accept-answer = only the asker or a moderator can accept an answer
err-question-not-answer = the question itself cannot be its answer
err-not-reply = is not a reply in this question
err-change-answer = only the asker or a moderator can change the answer
err-topic-closed = this topic is closed to replies
err-edit-own = you can only edit your own posts
err-wiki = only the author and staff can make a post a wiki
err-delete-own = you can only delete your own posts
err-only-admins-spaces = only admins can manage spaces
err-no-group-create = there is no group { $slug }; create it first
err-no-group = there is no group { $slug }
err-not-role-or-handle = { $word } is neither a role nor a handle
err-choose-kind = choose at least one kind of topic
err-only-ideas-votes = only ideas take votes
err-idea-merged = this idea was merged into #{ $into }; vote there
err-idea-no-votes = this idea takes no more votes
err-vote-on-behalf = only staff can vote on a member's behalf
err-cannot-see-space = @{ $handle } cannot see this space
err-idea-status-staff = only staff can set an idea's status
err-only-ideas-status = only ideas have a status
err-pin-staff = only staff can pin topics
err-merge-staff = only staff can merge ideas
err-merge-not-visible = is not an idea you can see
err-merge-both-ideas = both topics must be ideas
err-merge-itself = an idea cannot be merged into itself
err-merge-already = already merged (into #{ $into }); merge into the surviving idea

## Groups and membership.
err-only-admins-groups = only admins manage groups
err-invite-spent = this invite link has expired or was used up; ask for a new one
err-only-admins-join = only admins change how people join
err-max-questions = at most { $max } questions, one per line
err-question-length = each question must be at most { $max } characters ("{ $long }…" is longer)
err-customers-need-mail = customer-gated joining proves addresses by mail: configure a mail server first (docs/OPERATIONS.md)
err-spam-threshold = must be a percentage from 1 to 100
err-write-guidelines = write the guidelines first
err-only-admins-guidelines = only admins write the guidelines
err-no-guidelines = this community has no guidelines to accept
err-guidelines-changed = the community guidelines changed: read and accept them first (at /guidelines)
err-no-applications = this community does not take applications: sign up instead
err-accept-guidelines-apply = accept the community guidelines to apply
err-too-many-answers = more answers than questions
err-answer-question = answer question { $number }: { $question }
err-application-waiting = this address already has an account or an application waiting for review
err-only-reviewers = only approvers and staff review applications
err-review-action = must be approve or decline
err-say-why-applicant = say why, so the applicant knows
err-review-own = you cannot review your own application; another approver must
err-application-decided = this application was already decided
err-application-email-taken = a member with this address joined meanwhile; decline the application
err-application-handle-taken = a member took this handle meanwhile; decline the application
err-only-staff-invite = only staff invite people
err-from-1-to-90 = must be from 1 to 90
err-from-1-to-1000 = must be from 1 to 1000
err-invite-no-mail = this community sends no mail: share an invite link instead
err-csv-utf8 = is not UTF-8 text (byte { $byte } is not valid); save it as CSV UTF-8
err-file-empty = is empty
err-csv-no-email-column = line 1: no column named email; name one, or give one address per line
err-csv-email-length = line { $line }: { $cell } must be at most 254 characters
err-csv-email-shape = line { $line }: { $cell } must look like name@example.com
err-customers-max = has more than { $max } addresses
err-only-admins-customers = only admins manage the customer list

## Moderation.
err-post-deleted-flag = this post was deleted; there is nothing to flag
err-flag-other = say what is wrong when the reason is other
err-flag-own = you cannot flag your own post
err-already-flagged = you already flagged this post; moderators will look at it
err-only-moderators-queue = only moderators work the moderation queue
err-signed-in-moderator = decisions are made by a signed-in moderator
err-say-why-decision = say why: the author and the moderation log will show it
err-item-decided = this item was already decided
err-act-below-posts = staff act only on posts by members below them; ask an admin or the owner
err-only-admins-audit = only admins read the audit log
err-only-admins-publish-log = only admins publish the moderation log

## Mentions, profiles, search, spam rules, trust.
err-mentions-max = mention at most { $max } members in one post
err-mention-unknown = mentions @{ $handle }, but no member has that handle
err-link = { $line } is not a web address (https://…, at most { $max } characters)
err-max-links = at most { $max } links
err-choose-picture = choose a picture to upload
err-avatar-unreadable = is not a picture Hearth can read: upload a PNG, JPEG, GIF or WebP image
err-avatar-pixels = is too large: at most { $width }×{ $height } pixels
err-avatar-mb = is too large: at most { $max } MB
err-too-long = is too long
err-group-filter-admins = only admins filter by group
err-from-0-to-4 = must be from 0 to 4
err-date-format = must be a date like 2026-11-23
err-to-before-from = must not be before from
err-only-admins-spam = only admins see the spam filter
err-only-admins-keywords = only admins manage keyword rules
err-keyword-length = must be from 2 to { $max } characters
err-keyword-action = must be flag or hold
err-trust-below = you can set the trust level only of members below you
err-first-day-topics = on your first day you can start { $count } topics; try again tomorrow
err-posts-per-day = you have posted { $posts } times in 24 hours, the most your trust level allows; try again later
err-new-member-links = new members cannot post links or images yet; they unlock after your first day and first post

## Pages and the API (web).
err-link-incomplete = this link is incomplete: copy the whole address from the mail
err-admin-pages = only admins can open the admin pages
err-form-unreadable = the form could not be read: { $error }
err-file-unreadable = the file could not be read: { $error }
err-upload-unreadable = the upload could not be read: { $error }
err-true-or-false = must be true or false
err-to-after-from = must be after from
err-month-format = must be a month like 2026-12
err-capacity-number = must be a whole number, or empty for no limit
err-recurrence-count-needed = say how many times it happens
err-post-number = must be a post number
err-option-numbers = must be option numbers
err-idea-number = must be the number of an idea, like 42
err-add-or-remove = must be add or remove
err-whole-number-1-to-100 = must be a whole number from 1 to 100
err-whole-number-of-days = must be a whole number of days
err-whole-number = must be a whole number
err-builder-range = must be a whole number from { $min } to { $max }
err-builder-choose = choose what to look for
err-builder-amount = must be an amount such as 100 or 49.50
err-builder-backslash = must not end with a backslash (\)
err-choose-csv = choose a CSV file
err-question-one-line = a question is one line
err-on-or-off = must be on or off
err-auth-header = the Authorization header must be `Bearer <token>`
err-api-token = the API token is not valid (revoked or mistyped)
err-json-fields = the JSON does not have the expected fields: { $error }
err-json-syntax = the body is not valid JSON: { $error }
err-json-content-type = send the body as JSON with Content-Type: application/json
err-body-too-large = the request body is too large
err-body-over-limit = the request body is larger than the limit of { $limit } bytes
err-sent-too-large = what you sent is too large
err-form-utf8 = the form contains text that is not valid UTF-8
err-not-set-up-api = the community is not set up yet; open /setup or run `hearth setup`
err-something-went-wrong = something went wrong on our side; it has been logged
err-page-failed = this page could not be shown; the error has been logged

## Notices after an action (`done`).
done-prefs-saved = Saved: your mail preferences.
done-email-link-sent = We sent a link to the new address. Your address changes when you follow it.
done-confirm-resent = We sent the confirmation link again.
done-saved = Saved.
done-guidelines-saved = Guidelines saved (version { $v }). Members will be asked to accept them again.
done-customers = The customer list now has { $n } addresses.
done-invite-link = Invite link created. Copy it now: it is shown once.
done-invite-mailed = Invitation mailed to { $email }.
done-invite-revoked = Invite revoked.
done-keyword-added = Keyword rule added.
done-keyword-removed = Keyword rule removed.
done-test-mail = A test mail went to { $email }.

## "… not found": the things services and pages name, then any other.
err-not-found-accepted-answer = accepted answer not found
err-not-found-application = application not found
err-not-found-community = community not found
err-not-found-endpoint = endpoint not found
err-not-found-event = event not found
err-not-found-failed-job = failed job not found
err-not-found-file = file not found
err-not-found-group = group not found
err-not-found-invite = invite not found
err-not-found-job = job not found
err-not-found-keyword-rule = keyword rule not found
err-not-found-member-email = member with that email not found
err-not-found-member = member not found
err-not-found-page = page not found
err-not-found-poll = poll not found
err-not-found-post = post not found
err-not-found-queue-item = queue item not found
err-not-found-record = record not found
err-not-found-restriction = restriction not found
err-not-found-space = space not found
err-not-found-topic = topic not found
err-not-found-unanswered-warning = unanswered warning not found
err-event-cancelled = this event was cancelled
err-event-change-organiser-only = only the organiser and staff change an event
err-event-cancel-organiser-only = only the organiser and staff cancel an event

# People and imports
err-only-admins-people = only admins read people's records
err-only-admins-import = only admins import data
err-utf8-json = must be UTF-8 JSON
err-no-activities = has no activities
err-tag-format = must be 1 to 64 characters, without commas
err-field-name-format = must be 1 to 64 letters, digits, _ or -
err-only-admins-merge = only admins merge people
err-same-record = is the same record
err-already-merged = one of the records was already merged
err-two-accounts = both records are accounts that sign in; Hearth does not merge two accounts
err-erased-merge = an erased record cannot be merged
err-merge-undone = this merge was already undone
err-segment-name = must be 1 to 80 characters
done-privacy-saved = Saved: your privacy choice.
err-only-owner-erases = only the owner erases people
err-owner-not-erased = the owner cannot be erased
err-already-erased = this person was already erased
err-type-erase = type ERASE to confirm
err-retention-days = must be a number of days from 1 to { $max }, or empty to keep it
err-not-found-token = token not found
err-tokens-forbidden = only the member and admins above them manage their API tokens
err-token-days = must be 1 to { $max } days
err-number-of-days = must be a number of days
err-picture-too-large = is too large: { $w }×{ $h } pixels; at most { $max } megapixels
err-download-embedded = this download opens only from its link
err-request-timeout = the request took too long; try again
done-password-changed = Your password is changed. Your other sessions and your API tokens were ended.
done-token-revoked = The token was revoked; it no longer works.
err-staff-below-topics = staff act only on topics by members below them; ask an admin or the owner

## Added when errors became keys: the segment condition language, activity ingestion, and a few
## messages that were built with format! and so had no key.
err-channel-name = must be a channel name: lower-case letters, digits, _ or -, starting with a letter, at most 32 characters
err-external-id = must be 1 to 200 characters without control characters
err-activities-json-array = is not a JSON array of activities: { $error }
err-activities-json-line = line { $line } is not a JSON object: { $error }
err-activities-batch = has { $count } activities; send at most { $max } a request
err-activity-item = item { $item }: { $error }
err-condition-unclosed-quote = at column { $column }: this quoted value has no closing "
err-condition-close-paren = at column { $column }: expected ) to close the (
err-condition-comparison = at column { $column }: expected a comparison: =, !=, <, <=, > or >=
err-condition-equality = at column { $column }: expected = or !=
err-condition-whole-number = at column { $column }: expected a whole number
err-condition-span = at column { $column }: expected a span like 30d (h, d or w)
err-condition-value = at column { $column }: expected a value (quote it with " if it has spaces)
err-condition-expected = at column { $column }: expected a condition: activity, last_active, channel, tag, field.NAME, trust_level, customer, spend, joined or kind
err-condition-within = at column { $column }: expected < (within) or > (longer ago than)
err-condition-channel-equals = at column { $column }: channel takes =; write not channel = x for the opposite
err-condition-field = at column { $column }: expected field.NAME, like field.city
err-condition-field-name = at column { $column }: expected the field's name after field.
err-condition-trust-level = at column { $column }: trust levels are 0 to 4
err-condition-amount = at column { $column }: expected an amount like 100 or 99.50
err-condition-kind-equals = at column { $column }: kind takes =
err-condition-kind = at column { $column }: kind is account or contact
err-condition-empty = at column { $column }: the condition is empty
err-condition-end = at column { $column }: expected and, or, or the end of the condition
err-condition-character = at column { $column }: { $value } is not part of the condition language
err-condition-depth = at column { $column }: the condition nests deeper than { $max } levels
err-condition-not-span = at column { $column }: { $value } is not a span like 30d (h, d or w)
err-condition-not-amount = at column { $column }: { $value } is not an amount like 100 or 99.50
err-condition-unknown = at column { $column }: { $value } is not a condition: use activity, last_active, channel, tag, field.NAME, trust_level, customer, spend, joined or kind
err-condition-length = at column { $column }: a condition is at most { $max } characters
err-import-too-large = the file is larger than the import limit of { $limit } bytes; import it with `hearth import` on the server
err-not-found-import = import not found
err-not-found-segment = segment not found
err-not-found-stream-consumer = stream consumer not found
err-choose-import-file = choose a file to import
err-choose-import-kind = choose what the file is

## Insights.
err-insights-forbidden = only admins open Insights (and moderators, when an admin allows it)
err-insights-date = must be a date like 2026-12-01
err-insights-to-before-from = must be on or after the start date
err-insights-range = a range is at most { $max } days; choose a shorter one
err-insights-period = must be day, week or month
err-insights-space = there is no space { $slug }
err-insights-preset = must be 7d, 30d, 90d or 12m
err-insights-cohort = must be week or month
err-insights-hours = must be a whole number of hours from 1 to 8760
err-insights-limit = must be a whole number from 1 to 100
err-insights-weight = the weight of { $name } must be a number from 0 to 100
err-insights-weight-kind = { $name } is not a kind of a member's own doing
err-insights-weight-channel = { $name } is not a channel name: lower-case letters, digits, _ and -
err-insights-weights-zero = at least one kind must weigh more than 0
err-insights-weights-forbidden = only admins set the engagement weights
err-insights-goals-forbidden = only admins set and remove goals
err-goal-metric = must be active_members, new_members, questions_answered_share, median_first_response_hours or health_score
err-goal-target = must be a number of at least 0 (at most 100 for a share or the health score)
err-goal-due = must be a day after today and within three years
err-goal-too-many = there are already 20 goals: remove one first
err-insights-grant-forbidden = only admins choose who opens Insights
err-insights-viewers = must be admin or moderator
err-insights-segment-forbidden = only admins filter by a segment (it reads people's records)
err-owner-cannot-leave = the owner cannot delete their account; make another member the owner first
err-confirm-delete-account = tick the box to say you understand that this cannot be undone
err-experiment-forbidden = only admins start invitation tests
err-experiment-name = give the test a name of 1 to 120 characters
err-experiment-holdout = must be a whole number from 10 to 90 (the share kept back, in percent)
err-experiment-days = must be a whole number of days from 14 to 365
err-experiment-seed = must be a whole number from 0 to 9007199254740991, or empty for a random one
err-experiment-segment-missing = choose a saved segment (there is none with that id)
err-experiment-segment-empty = this segment is empty: nobody matches it today
err-experiment-all-members = everyone in this segment is already a member: a test needs customers who have not joined
err-experiment-no-one = nobody in this segment can be invited: { $members } already members, { $no_email } without an email address, { $unsubscribed } unsubscribed, { $in_another } already in a running test
err-experiment-too-few = only { $n } people in this segment can be invited; a test needs at least { $min }
err-experiment-too-many = this segment has more than { $max } people who could be invited; narrow it
err-not-found-experiment = invitation test not found
err-not-a-whole-number = must be a whole number
err-sentiment-correct-forbidden = only staff correct a post's sentiment
err-sentiment-label = must be positive, neutral, negative or automatic
err-sentiment-switch-forbidden = only admins switch sentiment on or off
err-report-forbidden = only admins get the weekly report
err-report-no-mail = the report goes by email: set up mail first
err-persona-name = must be helpers, askers, event_goers, buyers or lurkers
err-persona-empty = nobody is in this group over these dates
err-unknown-kind = { $kind } is not a kind of topic: discussion, question, idea, announcement, poll or event
err-scope = "{ $scope }" is not a scope: use read, write, moderate, admin or ingest
err-scope-empty = name at least one scope: read, write, moderate, admin or ingest
err-token-rate = must be 1 to { $max } requests a minute
err-token-scope = this token lacks the "{ $scope }" scope this endpoint needs
err-webhooks-forbidden = only admins manage webhooks
err-webhook-kind = "{ $kind }" is not an activity kind Hearth sends (see the list in docs/REFERENCE.md)
err-webhook-url-long = is longer than 2,000 characters
err-webhook-space = no such space
err-webhook-url = cannot be used: { $why }
err-webhooks-max = a community may have at most { $max } webhooks
err-not-found-webhook = webhook not found
err-not-found-delivery = delivery not found
err-delivery-pending = this delivery is waiting to be sent already

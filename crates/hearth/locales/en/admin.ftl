# Admin pages (templates/admin/)

## Shared
admin-heading = Admin
admin-optional = (optional)
admin-col-actions = Actions
admin-yes = yes
admin-no = no
admin-role-name = { $role ->
    [guest] guest
    [member] member
    [approver] approver
    [moderator] moderator
    [admin] admin
    [owner] owner
   *[other] { $role }
}
admin-role-option = { $role ->
    [guest] Guest
    [member] Member
    [approver] Approver
    [moderator] Moderator
    [admin] Admin
    [owner] Owner
   *[other] { $role }
}
admin-visibility-name = { $visibility ->
    [public] public
    [members] members
    [private] private
   *[other] { $visibility }
}
admin-visibility-label = { $visibility ->
    [public] Public
    [members] Members
    [private] Private
   *[other] { $visibility }
}
admin-visibility-help = { $visibility ->
    [public] anyone, signed in or not
    [members] signed-in members
    [private] only people and roles you grant
   *[other] {""}
}

## _nav.html
admin-nav-label = Admin
admin-nav-group-community = Community
admin-nav-group-people = People and insight
admin-nav-group-running = Running it
admin-nav-spaces = Spaces
admin-nav-members = Members
admin-nav-people = People
admin-nav-imports = Imports
admin-nav-segments = Segments
admin-nav-membership = Membership
admin-nav-groups = Groups
admin-nav-branding = Branding
admin-nav-mail = Mail
admin-nav-audit = Audit log
admin-nav-webhooks = Webhooks
admin-nav-jobs = Jobs

## audit.html
admin-audit-heading = Audit log
admin-audit-intro = Every staff action: who, what, on what, why and when.
admin-audit-published-before = The public
admin-audit-published-link = moderation log
admin-audit-published-after = shows what was hidden or removed in public spaces, and why, without names.
admin-audit-unpublished = The public moderation log is off.
admin-audit-stop-publishing = Stop publishing
admin-audit-publish = Publish a public moderation log
admin-audit-search-label = Search the audit log
admin-audit-search-placeholder = Action, handle or reason
admin-audit-search = Search
admin-audit-export = Export CSV
admin-audit-col-when = When
admin-audit-col-who = Who
admin-audit-col-action = Action
admin-audit-col-on = On
admin-audit-col-why = Why
admin-audit-operator = operator
admin-audit-target-type = { $type ->
    [post] post
    [topic] topic
    [member] member
    [space] space
    [invite] invite
    [application] application
    [job] job
   *[other] { $type }
}
admin-audit-older = Older →
admin-audit-no-match = Nothing matches “{ $query }”.
admin-audit-empty = No staff actions yet.

## branding.html
admin-branding-heading = Branding
admin-branding-saved = Saved. Every page now uses the new branding.
admin-branding-name = Community name
admin-branding-tagline = Tagline
admin-branding-accent = Accent colour
admin-branding-logo = Logo
admin-branding-logo-formats = (PNG, JPEG, GIF or WebP)
admin-branding-current-logo = Current logo
admin-branding-remove-logo = Remove the current logo
admin-branding-save = Save branding

## group.html
admin-group-add-label = Add a member by handle
admin-group-handle-placeholder = @handle
admin-group-add = Add
admin-group-remove-label = Remove { $handle } from the group
admin-group-remove = Remove
admin-group-empty = Nobody in this group yet.
admin-group-delete-confirm = Delete the group { $name }? Its members lose the spaces granted to it.
admin-group-delete = Delete group

## groups.html
admin-groups-heading = Groups
admin-groups-help-before = Grant a private space to a group by writing
admin-groups-help-after = in the space's access.
admin-groups-col-group = Group
admin-groups-col-slug = Slug
admin-groups-col-members = Members
admin-groups-empty = No groups yet.
admin-groups-create-heading = Create a group
admin-groups-name = Name
admin-groups-slug = Slug
admin-groups-slug-hint = Lowercase letters, digits and dashes, e.g.
admin-groups-description = Description
admin-groups-create = Create group

## jobs.html
admin-jobs-heading = Background jobs
admin-jobs-intro = Mail, notifications and other side effects run here, after the change that caused them.
admin-jobs-waiting = waiting
admin-jobs-done = done
admin-jobs-failed = failed
admin-jobs-failed-heading = Failed jobs
admin-jobs-col-job = Job
admin-jobs-col-attempts = Attempts
admin-jobs-col-last-error = Last error
admin-jobs-col-failed = Failed
admin-jobs-retry = Retry
admin-jobs-empty = None. Jobs that fail keep retrying with backoff; after 8 attempts they land here.
admin-stream-heading = Activity readers
admin-stream-intro = Parts of Hearth that read the activity log after it is written, each at its own pace. "Behind" is how many activities one has not read yet; it should stay near zero. Starting a reader over makes it read the whole log again.
admin-stream-col-reader = Reader
admin-stream-col-handled = Read
admin-stream-col-behind = Behind
admin-stream-col-updated = Last moved
admin-stream-cursor = at activity { $id }
admin-stream-reset = Start over

## mail.html
admin-mail-heading = Mail server
admin-mail-via = Mail goes through
admin-mail-from = , from
admin-mail-links = . Links in mail start with
admin-mail-test = Send me a test email
admin-mail-test-hint = Sends one mail to { $email } now and shows what the mail server answered.
admin-mail-disabled = No mail server is configured, so Hearth sends no mail: notifications stay in the app, and nobody can reset a password by mail.
admin-mail-setup-set = Set
admin-mail-setup-and = and
admin-mail-setup-in = in
admin-mail-setup-or = (or
admin-mail-setup-restart = ) and restart. See docs/OPERATIONS.md.
admin-mail-recent-heading = Recent mail
admin-mail-col-subject = Subject
admin-mail-col-state = State
admin-mail-col-queued = Queued
admin-mail-state = { $state ->
    [sent] sent
    [sending] sending
   *[other] { $state }
}
admin-mail-empty = No mail yet.

## members.html
admin-members-heading = Members
admin-members-col-member = Member
admin-members-col-email = Email
admin-members-col-role = Role
admin-members-col-trust = Trust
admin-members-col-joined = Joined
admin-members-older = Older members →
admin-members-add-heading = Add a member
admin-members-added = Added @{ $handle }.
admin-members-email = Email
admin-members-handle = Handle
admin-members-name = Name
admin-members-role = Role
admin-members-password = Password
admin-members-add = Add member

## membership.html
admin-membership-invite-link = Invite link
admin-membership-invite-copy = Copy link
admin-membership-invite-copied = Copied
admin-membership-invite-once = Send this link to the people you invite. It is shown only this once; you can revoke it below.
admin-membership-join-heading = How people join
admin-membership-join-mode = Join mode
admin-membership-mode-open = Open: anyone may sign up
admin-membership-mode-approval = Approval: people apply, approvers accept or decline
admin-membership-mode-invite = Invite only: invite links and email invitations
admin-membership-mode-customers = Customers: only addresses on the customer list
admin-membership-questions = Questions for applicants
admin-membership-questions-hint = (one per line, up to 10)
admin-membership-trust-settings = Trust level thresholds
admin-membership-trust-settings-hint = A member moves up to a level when they meet every number for it (checked every hour). The table at the bottom of the page says what each level may do.
admin-membership-spam-threshold = Hold posts the spam filter scores at or above (%)
admin-membership-save = Save
admin-membership-guidelines-heading = Guidelines
admin-membership-guidelines-version = Version { $version }. Saving a change asks every member to accept them again.
admin-membership-guidelines-none = No guidelines yet. Once written, people accept them when they join.
admin-membership-guidelines-label = Guidelines (Markdown)
admin-membership-guidelines-save = Save guidelines
admin-membership-customers-heading = Customer list
admin-membership-customers-count = { $count ->
    [one] { $count } address.
   *[other] { $count } addresses.
}
admin-membership-customers-help-before = In customer mode, only these may sign up. Upload a CSV with an
admin-membership-customers-help-after = column (a Shopify or Stripe customer export works), or one address per line; it replaces the list.
admin-membership-customers-file = CSV file
admin-membership-customers-replace = Replace the list
admin-invites-heading = Invites
admin-invites-email = Email
admin-invites-email-hint = (leave empty for a link to share)
admin-invites-no-mail = no mail server configured
admin-invites-uses = Uses
admin-invites-days = Days
admin-invites-create = Create invite
admin-invites-col-invite = Invite
admin-invites-col-used = Used
admin-invites-col-expires = Expires
admin-invites-col-state = State
admin-invites-email-to = Email to { $email }
admin-invites-link = Link
admin-invites-revoked = revoked
admin-invites-usable = usable
admin-invites-spent = spent
admin-invites-revoke = Revoke
admin-spam-heading = Spam filter
admin-spam-intro = Hearth holds posts that look like spam for a moderator to look at. It learns from every decision your moderators make on a held post (approve: not spam; hide or delete: spam), and also holds links from brand-new members, very fast first posts and copies of the same post.
admin-spam-measured = How well it does, checked on { $decisions } recent decisions ({ $spam } of them spam) that it did not learn from, holding posts it scores at { $threshold }% or more:
admin-spam-col-rule = What holds posts
admin-spam-col-precision = Held posts that were really spam
admin-spam-col-recall = Spam it caught
admin-spam-precision-term = Precision: of the posts it held, the share that were spam
admin-spam-recall-term = Recall: of the spam, the share it held
admin-spam-col-held-out = Posts checked
admin-spam-filter = The learning filter
admin-spam-links-only = Holding every post with a link
admin-spam-baseline = (for comparison)
admin-spam-not-enough = Not enough decisions to measure yet.
admin-spam-not-ready = Until moderators have decided at least 5 spam and 5 genuine posts, only the heuristics hold posts.
admin-keywords-heading = Keyword rules
admin-keywords-intro = Posts containing a phrase (ignoring case) are flagged for review, or held until a moderator approves them.
admin-keywords-phrase = Phrase
admin-keywords-action = Action
admin-keywords-option-flag = Flag
admin-keywords-option-hold = Hold
admin-keywords-add = Add rule
admin-keywords-action-name = { $action ->
    [flag] flag
    [hold] hold
   *[other] { $action }
}
admin-keywords-remove-label = Remove the rule { $pattern }
admin-keywords-remove = Remove
admin-trust-heading = Trust levels
admin-trust-reach = To reach level { $level } ({ $name })
admin-trust-bound = { $bound ->
    [most] at most
   *[least] at least
}
admin-trust-measure = { $measure ->
    [days_since_join] Days since joining
    [posts] Posts
    [days_active] Days with activity
    [replies] Replies
    [reactions_given] Reactions given
    [reactions_received] Reactions received
    [days_active_recent] Days with activity, last 100 days
    [replies_recent] Replies, last 100 days
    [reactions_received_recent] Reactions received, last 100 days
    [moderated_posts_recent] Posts hidden or deleted by moderators, last 100 days
    [restrictions_recent] Silences, suspensions or bans, last 100 days
    [accepted_answers] Accepted answers
   *[other] { $measure }
}
admin-trust-intro = Members earn levels from what they do (checked every hour); staff can set and lock a member's level on their record. Levels 1–2 are kept once earned; 3–4 are kept while the member still qualifies over the last 100 days. New members (level 0) are limited on their first day to { $topics } topics and { $posts } posts.
admin-trust-col-level = Level
admin-trust-col-posts = Posts a day
admin-trust-col-links = Links and images
admin-trust-col-flag-weight = Flag weight
admin-trust-col-flags-per-day = Flags a day
admin-trust-col-wiki = Edit wiki posts
admin-trust-level-name = { $name ->
    [new] new
    [basic] basic
    [member] member
    [regular] regular
    [leader] leader
   *[other] { $name }
}

## space_edit.html and spaces.html
admin-space-archived = Archived
admin-space-name = Name
admin-space-address = Address
admin-space-description = Description
admin-space-who-can-see = Who can see it
admin-space-edit-heading = Edit
admin-space-edit-kinds = Kinds of topic
admin-space-edit-kind-discussions = Discussions
admin-space-edit-kind-questions = Questions
admin-space-edit-kind-questions-hint = (with accepted answers)
admin-space-edit-kind-ideas = Ideas
admin-space-edit-kind-ideas-hint = (with votes and statuses)
admin-space-edit-kind-polls = Polls
admin-space-edit-access = Private access
admin-space-edit-access-hint = For private spaces: handles and roles (member, moderator, admin) who may see it, separated by commas. Admins always can.
admin-space-edit-save = Save
admin-space-icon-heading = Picture
admin-space-icon-label = A square picture for this space
admin-space-icon-hint = PNG, JPEG, GIF or WebP. It is cropped to a square and shown beside the space's name; without one, its first letter is shown.
admin-space-icon-save = Upload picture
admin-space-icon-remove = Remove picture
admin-space-edit-restore-heading = Restore
admin-space-edit-restore-intro = The space is archived: it is hidden from members and takes no new topics.
admin-space-edit-restore = Restore space
admin-space-edit-archive-heading = Archive
admin-space-edit-archive-intro = Archiving hides the space from members and stops new topics. Nothing is deleted; you can restore it.
admin-space-edit-archive-confirm = Archive this space?
admin-space-edit-archive = Archive space
admin-spaces-welcome-title = Your community is ready.
admin-spaces-welcome-body = Create a space or two where members can talk, then invite them.
admin-spaces-heading = Spaces
admin-spaces-col-space = Space
admin-spaces-col-visibility = Visibility
admin-spaces-col-topics = Topics
admin-spaces-edit = Edit
admin-spaces-empty = No spaces yet.
admin-spaces-new-heading = New space
admin-spaces-name-placeholder = Questions & Help
admin-spaces-slug-placeholder = questions
admin-spaces-slug-hint = The space lives at /s/address. Leave empty to derive it from the name.
admin-spaces-create = Create space

admin-branding-language = Default language
admin-branding-time-zone = Default time zone
admin-branding-time-zone-help = (dates show in it unless a member chose theirs)
admin-space-edit-kind-events = Events
admin-space-edit-kind-events-hint = (members may create them; staff always can)

## The audit log's actions, in words (the stored code, with - for .)
audit-action = { $action ->
    [application-approved] approved an application
    [application-declined] declined an application
    [community-branding_updated] changed the branding
    [community-customer_list_replaced] replaced the customer list
    [community-guidelines_changed] changed the guidelines
    [community-locale_updated] changed the language or time zone
    [community-membership_changed] changed how people join
    [community-mod_log_published] published the moderation log
    [community-mod_log_unpublished] stopped publishing the moderation log
    [event-cancelled] cancelled an event
    [group-created] created a group
    [group-deleted] deleted a group
    [group-member_added] added someone to a group
    [group-member_removed] removed someone from a group
    [idea-merged] merged ideas
    [idea-status_set] set an idea's status
    [idea-vote_recorded] recorded a vote for someone
    [insights-experiment_started] started an invitation test
    [insights-sentiment_switched] switched sentiment on or off
    [insights-viewers_changed] changed who sees Insights
    [insights-weights_changed] changed the engagement weights
    [invite-created] created an invite
    [invite-revoked] revoked an invite
    [job-retried] retried a job
    [keyword_rule-added] added a keyword rule
    [keyword_rule-deleted] deleted a keyword rule
    [mail-test_sent] sent a test email
    [member-added] added a member
    [member-banned] banned a member
    [member-noted] added a staff note
    [member-restriction_ended] ended a restriction
    [member-silenced] silenced a member
    [member-suspended] suspended a member
    [member-trust_set] set a trust level
    [member-warned] warned a member
    [members-erased] erased a member
    [members-merged] merged records
    [members-not_same] marked records as different people
    [members-unmerged] undid a merge
    [post-approved] approved a post
    [post-deleted] deleted a post
    [post-deleted_by_staff] deleted someone's post
    [post-edited_by_staff] edited someone's post
    [post-hidden] hid a post
    [space-archived] archived a space
    [space-created] created a space
    [space-restored] restored a space
    [space-updated] changed a space
    [stream-reset] reset a stream reader
    [token-revoked] revoked an API token
    [topic-pinned] pinned a topic
    [topic-unpinned] unpinned a topic
    [webhook-created] added a webhook
    [webhook-deleted] deleted a webhook
    [webhook-disabled] switched a webhook off
    [webhook-enabled] switched a webhook on
    [webhook-secret_rolled] rolled a webhook's secret
    [badge-created] created a badge
    [badge-deleted] deleted a badge
    [points-flag_dismissed] dismissed a points flag
    [points-flag_reversed] took back flagged points
    [points-rules_changed] changed the points rules
    [points-season_started] started a season
    [redemption-cancelled] cancelled a redemption
    [redemption-fulfilled] fulfilled a redemption
    [reward-codes_added] added reward codes
    [reward-created] created a reward
    [reward-updated] changed a reward
   *[other] { $action }
}
webhooks-heading = Webhooks
webhooks-intro = A webhook sends what happens in the community to another system (a shop, a chat, a spreadsheet tool) as it happens, signed so the receiver knows it came from here.
webhooks-col-url = Sends to
webhooks-col-sends = What it sends
webhooks-col-state = State
webhooks-every-kind = everything (except staff's and personal activity)
webhooks-in-space = in { $space }
webhooks-on = On
webhooks-off = Off
webhooks-empty = No webhooks yet.
webhooks-docs-hint = Each delivery is a JSON POST with the Standard Webhooks headers
webhooks-new-heading = Add a webhook
webhooks-url = Address to send to
webhooks-url-hint = An https:// (or http://) address on the internet. Addresses inside your own network are refused.
webhooks-what = What to send
webhooks-every-kind-choice = Everything that happens (moderation, purchases and mailing lists only when ticked or typed below)
webhooks-some-kinds-choice = Only these kinds
webhooks-other-kinds = Other kinds, separated by commas
webhooks-space = Space
webhooks-space-all = The whole community
webhooks-private-hint = Activity in a private space is sent only to a webhook for that space.
webhooks-create = Add webhook
webhooks-back = All webhooks
webhooks-done-created = The webhook is on. Give the receiver the secret below so it can check each delivery's signature.
webhooks-done-rolled = A new secret is in use. The old one keeps signing beside it for 24 hours, so the receiver can switch over.
webhooks-done-enabled = The webhook is on again. What waited in its queue goes out now, in order.
webhooks-done-disabled = The webhook is off. New activity waits in its queue until it is on again.
webhooks-done-redelivered = The delivery goes out again in a moment.
webhooks-done-deleted = The webhook was deleted.
webhooks-off-heading = This webhook is off.
webhooks-secret = Signing secret
webhooks-secret-hint = The receiver checks the webhook-signature header with it (Standard Webhooks libraries do this in one call).
webhooks-switch-off = Switch off
webhooks-switch-on = Switch on
webhooks-roll = New secret
webhooks-roll-confirm = Make a new secret? The old one keeps working for 24 hours.
webhooks-delete = Delete
webhooks-delete-confirm = Delete this webhook and its delivery log?
webhooks-deliveries-heading = Deliveries
webhooks-deliveries-intro = Newest first. A failed delivery is tried again after 5 seconds, then four times longer each time, 8 times in all; after that the webhook switches off and admins get an email.
webhooks-deliveries-empty = Nothing sent yet.
webhooks-col-when = When
webhooks-col-kind = Kind
webhooks-col-result = Result
webhooks-status-delivered = Delivered
webhooks-status-failed = Failed
webhooks-status-skipped = Not sent
webhooks-status-pending = Waiting
webhooks-attempts = { $count ->
    [one] 1 attempt
   *[other] { $count } attempts
}
webhooks-next-attempt = Next try
webhooks-payload = What was sent
webhooks-response = The receiver's answer
webhooks-redeliver = Send again
webhooks-older = Older deliveries

# Shared by the account templates

account-email = Email
account-password = Password
account-password-hint = At least 10 characters.
account-edit-profile = Edit your profile
account-trust-level = Trust level { $level }
account-joined = joined { $date }
account-role = { $role ->
    [guest] guest
    [member] member
    [approver] approver
    [moderator] moderator
    [admin] admin
    [owner] owner
   *[other] { $role }
}
account-trust-level-name = { $level ->
    [0] new member
    [1] basic
    [2] member
    [3] regular
    [4] leader
   *[other] { $level }
}

# login.html

login-title = Sign in
login-submit = Sign in
login-forgot-password = Forgot your password?
login-new-here = New here?
login-join-link = Join the community
login-join-after = .

# signup.html

signup-title = Join { $community }
signup-customers-hint = Use the address you gave the shop: this community is for its customers.
signup-handle = Handle
signup-display-name = Name
signup-optional = (optional)
signup-accept-guidelines = I have read and accept the
signup-accept-guidelines-link = community guidelines
signup-closed = Sign-up is closed. Ask the owner to add you, then
signup-closed-sign-in-link = sign in
signup-closed-after = .
signup-invite-spent = This invite link has expired or was used up.
signup-invite-invalid = This invite link is not valid.
signup-invite-ask = Ask whoever invited you for a new one.
signup-invite-ok = You have an invitation. Welcome!
signup-submit = Join
signup-approval-intro = New members are welcomed by the team: tell them a little about yourself, and you will hear back by email.
signup-apply = Apply to join
signup-invite-only = This community is by invitation only. If someone invited you, follow the link in their invitation.
signup-already-member = Already a member?
signup-sign-in-link = Sign in
signup-sign-in-after = .

# setup.html

setup-title = Welcome to Hearth
setup-intro = Name your community and create the owner's account. You can change the name, logo and colours later.
setup-community-name = Community name
setup-community-name-placeholder = Riverside Bakery
setup-email = Your email
setup-handle = Your handle
setup-handle-hint = Letters, digits, “_”, “-” and “.”; others will mention you as @handle.
setup-submit = Create community

# forgot_password.html

forgot-title = Forgot your password?
forgot-sent-before = If an account uses
forgot-sent-after = , we sent it a link to choose a new password. The link works for one hour.
forgot-back-to-sign-in = Back to sign in
forgot-intro = Enter the address you signed up with, and we will mail you a link to choose a new password.
forgot-submit = Send me a link

# reset_password.html

reset-title = Choose a new password
reset-new-password = New password
reset-hint = At least 10 characters. Every device signed in to your account will be signed out.
reset-submit = Set my password

# settings.html

settings-title = Settings
settings-mail-heading = Notifications by mail
settings-mail-disabled = This community does not send mail yet; your choices apply once it does. Notifications always appear under the bell.
settings-when = When
settings-frequency = { $frequency ->
    [immediately] Immediately
    [daily] Daily digest
    [weekly] Weekly digest
    [never] Never
   *[other] { $frequency }
}
settings-pref = { $kind ->
    [reply] someone replied in a topic you started
    [mention] someone mentioned you with @handle
    [answer_accepted] your reply was accepted as the answer
    [idea_status] an idea you suggested or voted for changed status
    [new_topic] someone started a topic in a space you watch
    [watched_reply] someone replied in a topic you watch
    [event_promoted] a seat opened at an event and you moved up from the waitlist
    [event_reminder] an event you are going to starts in a day, and again in an hour
    [event_cancelled] an event you answered was cancelled
   *[other] { $description }
}
settings-digest-hint = Digests go out every morning (daily) or on Monday mornings (weekly), and only list what you have not already seen here.
settings-save = Save
settings-email-heading = Email address
settings-email-current = Your address is
settings-email-confirmed = confirmed
settings-email-not-confirmed = not confirmed
settings-email-current-after = .
settings-resend-confirmation = Send the confirmation link again
settings-change-email = Change it
settings-new-email = New address
settings-current-password = Your current password
settings-change-email-hint = We mail a link to the new address; nothing changes until you follow it.
settings-change-email-submit = Send the link

# profile.html

profile-topics = Topics
profile-no-topics = No topics yet.
profile-activity-hidden = { $name } keeps their activity to themselves.

# profile_edit.html

profile-edit-title = Your profile
profile-edit-bio = About you
profile-edit-bio-note = (up to 500 characters)
profile-edit-location = Location
profile-edit-links = Links
profile-edit-links-note = (one per line, up to 5)
profile-edit-hide-from-directory = Leave me out of the member directory
profile-edit-hide-activity = Hide my activity on my profile
profile-edit-submit = Save profile

# directory.html

directory-title = Members
directory-name = Name
directory-name-placeholder = @handle or name
directory-role = Role
directory-any = Any
directory-group = Group
directory-trust-level = Trust level
directory-location = Location
directory-find = Find
directory-more = More members →
directory-empty-title = Nobody found
directory-empty-text = No member in the directory matches. Some members choose not to be listed.

# search.html

search-title = Search
search-query-label = Search for
search-query-placeholder = Words or "a phrase"
search-submit = Search
search-filters = Filters
search-space = Space
search-all-spaces = All spaces
search-kind = Kind
search-any-kind = Any kind
search-kind-name = { $kind ->
    [discussion] Discussion
    [question] Question
    [idea] Idea
    [poll] Poll
    [event] Event
    [announcement] Announcement
   *[other] { $kind }
}
search-author = Author
search-author-placeholder = @handle
search-questions = Questions
search-questions-all = All
search-questions-answered = Answered
search-questions-unanswered = Unanswered
search-from = From
search-to = To
search-results = Results
search-older = Older results →
search-empty-title = Nothing found
search-empty-text = No post you can see has every one of those words. Try fewer words, or remove a filter.

# guidelines.html

guidelines-title = Community guidelines
guidelines-accept = I accept the guidelines
guidelines-accepted = You accepted these guidelines.
guidelines-none = This community has not written guidelines yet.

# notifications.html

notifications-title = Notifications
notifications-someone = Someone
notifications-reply = replied to
notifications-mention = mentioned you in
notifications-answer-accepted = accepted your answer in
notifications-idea-status = changed the status of
notifications-new-topic-before = started
notifications-new-topic-after = in a space you watch
notifications-watched-reply-before = replied in
notifications-watched-reply-after = , which you watch
notifications-new = new
notifications-event-promoted = moved you from the waiting list to going:
notifications-event-cancelled = cancelled an event you answered:
notifications-event-reminder = Coming up soon, and you are going:
notifications-older = Older →
notifications-empty-title = Nothing yet
notifications-empty-text = Replies to your topics, mentions and accepted answers will show up here.

# warnings.html

warnings-title = Warnings
warnings-intro = Messages from the moderators about how you take part. You can answer each once.
warnings-from = From @{ $handle }
warnings-new = new
warnings-your-answer = Your answer:
warnings-answer-label = Your answer
warnings-answer-note = (the moderators see it)
warnings-send = Send
warnings-empty-title = No warnings
warnings-empty-text = Nothing here. Thank you for being a good neighbour.

# Language, time zone and avatar on the profile form; the footer's language switch.
profile-edit-avatar = Picture
profile-edit-avatar-help = (PNG, JPEG, GIF or WebP; cropped to a square)
profile-edit-avatar-current = Your picture
profile-edit-avatar-upload = Upload picture
profile-edit-avatar-remove = Remove picture
profile-edit-language = Language
profile-edit-language-default = The community's default
profile-edit-time-zone = Time zone
profile-edit-time-zone-default = The community's default
profile-going = Going to
profile-edit-display-name = Display name

settings-password-heading = Password
settings-new-password = New password
settings-password-hint = At least 10 characters. Changing it signs you out everywhere else and ends your API tokens.
settings-password-submit = Change password
settings-tokens-heading = API tokens
settings-tokens-hint = Tokens let scripts and other tools use the API as you. Revoke any you no longer use.
settings-tokens-none = You have no API tokens.
settings-token-created = Your new token is below. Copy it now: it is shown only this once.
settings-token-name = Name
settings-token-created-at = Created
settings-token-last-used = Last used
settings-token-expires = Expires
settings-token-expired = expired
settings-token-never = Never
settings-token-revoke = Revoke
settings-token-revoke-confirm = Revoke this token? Anything using it stops working.
settings-token-new = New token
settings-token-days = Days until it expires (leave empty for never)
settings-token-create = Create token
notifications-mark-read = Mark all as read
warnings-mark-seen = I have read these
notifications-gone = Something happened in a topic you can no longer see.

## Deleting one's own account
settings-delete-heading = Delete your account
settings-delete-text = Your profile, picture, email address, sessions and everything Hearth knows about you are erased for good. What you posted stays in its conversations, blanked and signed "Erased member". This cannot be undone.
settings-delete-export = Want a copy first?
settings-delete-export-link = Download your data
settings-delete-confirm = I understand that this cannot be undone
settings-delete-submit = Delete my account
account-deleted-heading = Your account is deleted
account-deleted-text = Everything about you has been erased, and you are signed out everywhere. Thank you for being part of the community.
account-deleted-home = Back to the home page
settings-token-scopes = What it may do
settings-token-scopes-all = Everything you can do
settings-token-scopes-hint = Tick only what the tool needs. Leave every box empty for a token that can do everything you can.
settings-scope-read = Read (what you can see)
settings-scope-write = Write (post, reply, react, vote)
settings-scope-moderate = Moderate (the queue, warnings, suspensions)
settings-scope-admin = Administer (settings, people, insights, webhooks)
settings-scope-ingest = Send activity from other channels

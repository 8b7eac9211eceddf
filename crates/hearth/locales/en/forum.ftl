# Forum pages: layout, home, spaces, topics, posting, history, errors.

## Shared across forum templates

forum-breadcrumb-label = Breadcrumb
forum-breadcrumb-home = Home
forum-pages-label = Pages
forum-watch = Watch
forum-watching = ✓ Watching
forum-answered = Answered
forum-question = Question
forum-vote-word = { $count ->
    [one] vote
   *[other] votes
}
forum-visibility = { $visibility ->
    [members] Members only
    [private] Private
    [public] Public
   *[other] { $visibility }
}
forum-topic-kind = { $kind ->
    [discussion] Discussion
    [question] Question
    [announcement] Announcement
    [poll] Poll
    [event] Event
    [idea] Idea
   *[other] { $kind }
}
forum-idea-status = { $status ->
    [open] Open
    [under_review] Under review
    [planned] Planned
    [in_progress] In progress
    [done] Done
    [declined] Declined
   *[other] { $status }
}
forum-reaction = { $name ->
    [like] Like
    [heart] Love
    [laugh] Funny
    [celebrate] Celebrate
    [insightful] Insightful
    [thanks] Thanks
   *[other] { $name }
}
forum-flag-reason = { $reason ->
    [spam] Spam
    [off_topic] Off-topic
    [inappropriate] Inappropriate
    [other] Something else
   *[unknown] { $reason }
}

## base.html

nav-skip-to-content = Skip to content
nav-account-label = Account
nav-search = Search
nav-home = Home
nav-menu = Menu
nav-account-menu = Your account
nav-my-profile = Your profile
nav-members = Members
nav-moderation = Moderation
nav-waiting = { $count } waiting
nav-admin = Admin
nav-notifications = Notifications
nav-notifications-unread = Notifications, { $count } unread
nav-settings = Settings
nav-sign-out = Sign out
nav-sign-in = Sign in
nav-join = Join
nav-warnings-sent = { $count ->
    [one] A moderator sent you a warning.
   *[other] A moderator sent you { $count } warnings.
}
nav-warnings-read = { $count ->
    [one] Read it
   *[other] Read them
}
nav-confirm-email = Confirm your email address to start posting: we sent a link to
nav-confirm-email-resend = Send it again
nav-guidelines-changed = The community guidelines are new or changed:
nav-guidelines-changed-link = read and accept them
nav-guidelines-changed-after = to keep posting.
nav-footer-powered-by = a community powered by
nav-footer-guidelines = Guidelines
nav-footer-moderation-log = Moderation log

## macros.html

# Name of the form field an error is about; $label is the raw field name, capitalised.
macro-field-name = { $field ->
    [title] Title
    [body] Message
    [message] Message
    [kind] Kind
    [kinds] Kinds
    [poll] Poll
    [event] Event
    [options] Options
    [email] Email
    [password] Password
    [handle] Handle
    [display_name] Display name
    [name] Name
    [slug] Slug
    [description] Description
    [visibility] Visibility
    [access] Access
    [tagline] Tagline
    [accent_color] Accent color
    [logo] Logo
    [bio] Bio
    [location] Location
    [links] Links
    [community_name] Community name
    [accept_guidelines] Accept guidelines
    [answers] Answers
    [role] Role
    [reason] Reason
    [text] Text
    [post_id] Post
    [topic] Topic
    [into] Into
    [file] File
    [days] Days
    [scope] Scope
    [quote] Quote
    [emoji] Reaction
    [member] Member
    [group] Group
    [level] Level
    [trust_level] Trust level
    [action] Action
    [sort] Sort
   *[other] { $label }
}

## home.html

home-tagline-default = Welcome! Ask, share and meet the people who make this place.
home-start-heading = Getting started
home-start-progress = { $done } of { $total } done. Each step is ticked once you have done it.
home-start-done = done
home-start-step = { $step ->
    [brand] Give the community your name, colours and logo
    [space] Create a space to talk in
    [join] Choose how people join: open, approval, invitation or customers
    [invite] Invite your first members
   *[mail] Set up email, for sign-in links and notifications
}
home-join = Join the community
home-sign-in = Sign in
home-latest = Latest across the community
home-replies = { $count ->
    [one] 1 reply
   *[other] { $count } replies
}
home-members = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
home-spaces = { $count ->
    [one] { $count } space
   *[other] { $count } spaces
}
home-announcements = Announcements
home-empty-heading = No spaces yet
home-empty-admin = Create the first space where members can talk.
home-create-space = Create a space
home-empty = Nothing to see here yet.
home-empty-guest = Nothing to see here yet;
home-empty-guest-link = sign in
home-empty-guest-after = to see members-only spaces.
home-topics = { $count ->
    [one] { $count } topic
   *[other] { $count } topics
}
home-posts = { $count ->
    [one] { $count } post
   *[other] { $count } posts
}

## space.html

space-archived = Archived
space-new-topic = New topic
space-sign-in-to-post = Sign in to post
space-edit-space = Edit space
space-feed = Feed
space-feed-title = Atom feed of new topics (RSS: feed.rss)
space-sort-label = Order
space-sort-activity = Latest activity
space-sort-votes = Most votes
space-sort-trending = Trending
space-sort-trending-title = Most votes in the last two weeks
space-sort-newest = Newest
space-filter-label = Filter questions
space-filter-all = All
space-filter-unanswered = Unanswered
space-filter-answered = Answered
space-pinned = 📌 Pinned
space-topics-label = Topics, latest activity first
space-idea = Idea
space-started-by = Started by
space-votes = { $count ->
    [one] { $count } vote
   *[other] { $count } votes
}
space-replies = { $count ->
    [one] { $count } reply
   *[other] { $count } replies
}
space-reply-word = { $count ->
    [one] reply
   *[other] replies
}
space-pager-latest = ↑ Latest
space-pager-more = More topics →
space-empty-heading = No topics yet
space-empty = Be the first to start a conversation here.

## topic.html

topic-pinned = { $scope ->
    [community] 📌 Pinned to the community
   *[other] 📌 Pinned
}
topic-replies = { $count ->
    [one] { $count } reply
   *[other] { $count } replies
}
topic-last-activity = last activity
topic-watch-title = Every reply notifies you
topic-unpin = Unpin
topic-pin-where = Pin where
topic-pin-space = Pin to this space
topic-pin-community = Pin to the community
topic-pin = Pin
topic-merged = This idea was merged into
topic-merged-link = idea #{ $id }
topic-merged-after = ; its votes moved there.
topic-idea-box-label = Votes and status
topic-voted-withdraw = ✓ Voted · withdraw
topic-vote-for-idea = Vote for this idea
topic-sign-in-to-vote = Sign in to vote
topic-staff-tools = Staff: status and votes
topic-status-label = Status
topic-status-note-label = Note for voters
topic-status-submit = Set status and tell voters
topic-vote-for-label = Vote on behalf of a member (asked in person or by phone)
topic-vote-for-placeholder = @handle
topic-vote-for-submit = Record their vote
topic-merge-label = Merge this duplicate into idea number
topic-merge-submit = Merge (votes combine)
topic-poll = Poll
topic-poll-choose-any = choose any
topic-poll-choose-one = choose one
topic-poll-closed = closed
topic-poll-closes = closes
topic-poll-options = Options
topic-poll-change-vote = Change my vote
topic-poll-vote = Vote
topic-poll-your-choice = your choice
topic-poll-voters = { $count ->
    [one] { $count } member voted
   *[other] { $count } members voted
}
topic-poll-results-after-close = Results show when the poll closes.
topic-poll-results-after-vote = Results show once you vote.
topic-accepted-answer = ✓ Accepted answer
topic-accepted-answer-link = go to the reply
topic-edited-title = Edited { $date }
topic-edited = edited
topic-wiki-title = Members of trust level 2 and up may edit this post
topic-wiki = wiki
topic-answer-badge = ✓ Answer
topic-post-deleted = This post was deleted.
topic-post-hidden = This post is hidden while moderators review it.
topic-post-hidden-own = Hidden from others while moderators review it.
topic-reaction-and-more = and { $count } more
topic-react = React
topic-quote = Quote
topic-more-actions = More actions for post #{ $number }
topic-withdraw-answer = Withdraw answer
topic-accept-answer = ✓ Accept as answer
topic-edit = Edit
topic-wiki-off = Stop being a wiki
topic-wiki-on = Make wiki
topic-delete-topic-confirm = Delete this topic and all its replies?
topic-delete-post-confirm = Delete this post?
topic-delete = Delete
topic-flag = Flag
topic-flag-legend = What is wrong with this post?
topic-flag-text-label = Tell the moderators more
topic-flag-text-hint = (needed for "something else")
topic-flag-submit = Send to moderators
topic-pager-first = ↑ First page
topic-pager-more = More replies →
topic-reply-heading = Reply
# $error is the validation message from the server, e.g. "must not be empty".
topic-reply-error = Message { $error }
topic-reply-label = Your reply
topic-reply-placeholder = Write a reply… (Markdown works)
topic-reply-submit = Post reply
topic-sign-in-to-reply = Sign in to reply

## new_topic.html

new-topic-breadcrumb = New topic
new-topic-heading = Start a topic in { $space }
new-topic-kind-legend = What kind of topic?
new-topic-kind-discussion-hint = start a conversation
new-topic-kind-question-hint = ask something; the best reply can be marked as the answer
new-topic-kind-announcement-hint = staff news, pinned to the top of this space
new-topic-pin-community = Also pin it to the top of the home page
new-topic-kind-poll-hint = ask members to choose; fill in the options below
new-topic-kind-idea-hint = suggest something; members vote and staff say where it stands
new-topic-poll-legend-hint = (for poll topics)
new-topic-poll-options-label = Options, one per line
new-topic-poll-options-example-1 = Rye
new-topic-poll-options-example-2 = Spelt
new-topic-poll-options-example-3 = Sourdough
new-topic-poll-multiple = Members may choose several
new-topic-poll-closes-label = Closes at
new-topic-poll-closes-hint = (optional, { $zone } time)
new-topic-poll-results-label = Show results
new-topic-poll-results-after-vote = after voting
new-topic-poll-results-after-close = only after the poll closes
new-topic-title-label = Title
new-topic-title-placeholder = What is it about?
new-topic-body-label = Message
new-topic-body-hint = Markdown works: **bold**, _italic_, [links](https://…), lists and `code`.
new-topic-submit = Post topic
new-topic-cancel = Cancel

## edit_post.html

edit-post-heading = Edit post
edit-post-intro = The previous version is kept in the post's history.
edit-post-title-label = Title
edit-post-body-label = Message
edit-post-reason-label = Why you edit someone else's post
edit-post-reason-hint = (kept in the audit log)
edit-post-submit = Save
edit-post-cancel = Cancel

## history.html

history-heading = Edit history
history-summary = { $count ->
    [one] { $count } earlier version, newest first.
   *[other] { $count } earlier versions, newest first.
}
history-current = Current version
history-replaced = Replaced

## error.html

error-back-home = Back to the community

nav-language = Language
nav-language-submit = Change

# Page titles, named by the handlers as `title_key` (with `title_args`); `render()` puts
# the message in the reader's language into `title`.

title-settings = Settings
title-forgot-password = Forgot your password?
title-reset-password = Choose a new password
title-sign-in = Sign in
title-setup = Set up your community
title-join = Join
title-members = Members
title-people = People
title-imports = Imports
title-segments = Segments
title-merge-suggestions = Suggested merges
title-your-profile = Your profile
title-spaces = Spaces
# $space: the space's name
title-edit-space = Edit { $space }
title-branding = Branding
title-jobs = Jobs
title-mail = Mail
title-membership = Membership
title-groups = Groups
title-application-sent = Application sent
title-guidelines = Guidelines
# $space: the space's name
title-new-topic = New topic in { $space }
# $topic: the topic's title
title-edit-post = Edit: { $topic }
# $topic: the topic's title
title-history = History: { $topic }
title-moderation-queue = Moderation queue
title-audit-log = Audit log
title-moderation-log = Moderation log
# $name: the member's display name
title-member-record = { $name } — member record
title-warnings = Warnings
title-notifications = Notifications
title-search = Search
# $query: what was searched for
title-search-results = Search: { $query }
title-webhooks = Webhooks
title-webhook = Webhook

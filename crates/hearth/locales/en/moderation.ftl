# Shared by the moderation templates

mod-role-name = { $role ->
    [guest] guest
    [member] member
    [approver] approver
    [moderator] moderator
    [admin] admin
    [owner] owner
   *[other] { $role }
}
mod-restriction-kind = { $kind ->
    [silence] Silence
    [suspend] Suspend
    [ban] Ban
   *[other] { $kind }
}
mod-flag-reason = { $reason ->
    [spam] spam
    [off_topic] off-topic
    [inappropriate] inappropriate
   *[other] { $reason }
}

# mod_member.html

mod-member-breadcrumb = Breadcrumb
mod-member-breadcrumb-moderation = Moderation
mod-member-trust-level = trust level { $level }
mod-member-trust-locked = (locked)
mod-member-joined = joined { $date }
mod-member-none = None.
mod-member-warnings-heading = Warnings
mod-member-warning-seen = seen
mod-member-warning-answer = Answer:
mod-member-warn-label = Warn { $name }
mod-member-warn-submit = Send warning
mod-member-restrictions-heading = Silences, suspensions and bans
mod-member-restriction-until = until { $date }
mod-member-restriction-no-end = , no end
mod-member-restriction-ended = ended { $date }
mod-member-lift-reason = Why lift it
mod-member-lift-submit = Lift now
mod-member-restrict = Restrict
mod-member-restrict-option-silence = Silence (may read, not post)
mod-member-restrict-option-suspend = Suspend (may not sign in)
mod-member-restrict-option-ban = Ban (suspend with no end)
mod-member-restrict-days = For how many days
mod-member-restrict-days-hint = (not for a ban)
mod-member-reason = Reason
mod-member-restrict-reason-hint = (the member is told)
mod-member-trust-heading = Trust level
mod-member-trust-status-locked = Level { $level }, set by staff and locked.
mod-member-trust-status-earned = Level { $level }, earned.
mod-member-trust-set = Set the level
mod-member-trust-option-auto = Earned (unlock)
mod-member-trust-submit = Save level
mod-member-notes-heading = Private notes
mod-member-notes-help = Only staff see these.
mod-member-note-label = Add a note
mod-member-note-submit = Save note

# mod_queue.html

mod-queue-heading = Moderation queue
mod-queue-intro = Flagged and held posts and applications to join, oldest first. A post with enough flags, or held by the spam filter or a keyword rule, is hidden until you decide.
mod-queue-applications-heading = Applications to join
mod-queue-applied = Applied { $date }
mod-queue-applicant-message = Message to the applicant
mod-queue-applicant-message-hint = (required to decline; mailed to them)
mod-queue-accept = Accept
mod-queue-decline = Decline
mod-queue-posts-heading = Posts
mod-queue-post-by = Post by
mod-queue-flag-weight = flag weight { $weight }
mod-queue-held-spam = held by the spam filter
mod-queue-held-keyword = held by the keyword rule “{ $rule }”
mod-queue-flagged-keyword = flagged by the keyword rule “{ $rule }”
mod-queue-hidden = hidden
mod-queue-flags-heading = Flags
mod-queue-weight = weight { $weight }
mod-queue-reason = Reason
mod-queue-reason-hint = (required to hide or delete; the moderation log shows it)
mod-queue-approve = Approve and show
mod-queue-keep-hidden = Keep hidden
mod-queue-delete = Delete post
mod-queue-edit = Edit with a reason…
mod-queue-more = More →
mod-queue-empty-heading = All clear
mod-queue-empty-text = Nothing waits for a decision.

# moderation_log.html

modlog-heading = Moderation log
modlog-intro = What the moderators removed or hid in public spaces, and why. Names and content are left out.
modlog-col-when = When
modlog-col-what = What
modlog-col-where = Where
modlog-col-why = Why
modlog-post-removed = A post was removed
modlog-post-hidden = A post was hidden
modlog-older = Older →
modlog-empty-heading = Nothing removed
modlog-empty-text = The moderators have not removed or hidden anything in public spaces.

# mail/layout.html and the .txt mails

mail-hello = Hello { $name },
mail-preferences-link = Choose which mail you get

# mail/account.html

mail-account-paste = Or paste this address into your browser:

# mail/digest.html, mail/digest.txt ($digest is daily or weekly)

mail-digest-intro = Here is what happened in { $community } since your last { $digest ->
        [daily] daily
        [weekly] weekly
       *[other] { $digest }
    } digest.
mail-digest-see-all = See all notifications
mail-digest-why = You get this { $digest ->
        [daily] daily
        [weekly] weekly
       *[other] { $digest }
    } digest because you chose it for some notifications.
mail-digest-unsubscribe = Unsubscribe from the { $digest ->
        [daily] daily
        [weekly] weekly
       *[other] { $digest }
    } digest

# mail/notification.html, mail/notification.txt

mail-notification-view-in = View it in { $community }
mail-notification-view = View it
mail-notification-why = You get this mail because { $why }.
mail-notification-unsubscribe = Unsubscribe from these

# Strings the code builds (services/email.rs): notification headlines, subjects and the
# account mails' heading, text, button and note.

mail-someone = Someone
mail-headline-reply = { $who } replied to “{ $title }”
mail-headline-mention = { $who } mentioned you in “{ $title }”
mail-headline-answer-accepted = { $who } accepted your answer in “{ $title }”
mail-headline-idea-status = { $who } changed the status of “{ $title }”
mail-headline-new-topic = { $who } started “{ $title }”
mail-headline-watched-reply = { $who } replied in “{ $title }”
mail-headline-event-promoted = A seat opened: you are going to “{ $title }”
mail-headline-event-reminder = Reminder: “{ $title }” is coming up
mail-headline-other = { $who }: { $kind } in “{ $title }”

# Completes mail-notification-why ("You get this mail because …").

mail-why-reply = someone replied in a topic you started
mail-why-mention = someone mentioned you with @handle
mail-why-answer-accepted = your reply was accepted as the answer
mail-why-idea-status = an idea you suggested or voted for changed status
mail-why-new-topic = someone started a topic in a space you watch
mail-why-watched-reply = someone replied in a topic you watch
mail-why-event-promoted = a seat opened at an event and you moved up from the waitlist
mail-why-event-reminder = an event you are going to starts in a day, and again in an hour

# The digest's subject ($digest is daily or weekly).

mail-digest-subject = { $community }: { $count ->
        [one] { $count } update
       *[other] { $count } updates
    } ({ $digest ->
        [daily] daily
        [weekly] weekly
       *[other] { $digest }
    } digest)

# Confirming an address after signing up.

mail-confirm-subject = Confirm your email address for { $community }
mail-confirm-heading = Confirm your email address
mail-confirm-body = Welcome to { $community }! Confirm that { $email } is your address, and you can start posting.
mail-confirm-action = Confirm my address
mail-confirm-note = The link works once, for { $hours ->
        [one] one hour
       *[other] { $hours } hours
    }. If you did not sign up, ignore this mail.

# Resetting a password.

mail-reset-subject = Reset your password for { $community }
mail-reset-heading = Reset your password
mail-reset-body = Someone (we hope you) asked to reset the password of your account. Choose a new one with the button below.
mail-reset-action = Choose a new password
mail-reset-note = The link works once, for { $hours ->
        [one] one hour
       *[other] { $hours } hours
    }. If you did not ask, ignore this mail: your password stays as it is.

# Changing the address ($old and $new are addresses).

mail-change-subject = Confirm your new email address for { $community }
mail-change-heading = Confirm your new address
mail-change-body = You asked to change the address of your account from { $old } to { $new }. Confirm it with the button below.
mail-change-action = Use this address
mail-change-note = The link works once, for { $hours ->
        [one] one hour
       *[other] { $hours } hours
    }. Until then, mail still goes to your old address.

mail-changed-subject = The email address of your { $community } account changed
mail-changed-heading = Your address was changed
mail-changed-body = The address of your account is now { $new }, so mail no longer comes to { $old }. Your other sessions were signed out.
mail-changed-action = Sign in
mail-changed-note = If you did not make this change, tell the community's owner at once.

# An invitation by mail (mail-invite-name greets someone without an account yet).

mail-invite-name = there
mail-invite-subject = You are invited to join { $community }
mail-invite-heading = Join { $community }
mail-invite-body-from = { $inviter } invites you to join { $community }. Create your account with the button below.
mail-invite-body = You are invited to join { $community }. Create your account with the button below.
mail-invite-action = Accept the invitation
mail-invite-note = The invitation is for this address and works once, for { $days ->
        [one] { $days } more day
       *[other] { $days } more days
    }.

# The answer to an application ($message is what the team wrote).

mail-application-approved-subject = Welcome to { $community }
mail-application-approved-heading = Your application was accepted
mail-application-approved-body = You can sign in now with the address and password you applied with. { $message }
mail-application-approved-action = Sign in
mail-application-declined-subject = Your application to { $community }
mail-application-declined-heading = Your application was declined
mail-application-declined-body = The team said: { $message }
mail-application-declined-action = Visit the community
mail-application-note = You receive this mail because you applied to join.

# The admin's test mail.

mail-test-subject = Test mail from Hearth
mail-test-heading = Mail works
mail-test-body = This is the test mail you asked for from the admin pages. If you can read it, Hearth can send mail.
mail-test-action = Open the community
mail-test-note = Sent by the "Send me a test email" button.
mail-headline-event-cancelled = “{ $title }” was cancelled
mail-why-event-cancelled = an event you answered was cancelled
mail-report-subject = { $community }: your week, { $from } to { $to }
mail-report-heading = Your week at { $community }
mail-report-intro = Here is how the community did from { $from } to { $to }, against the week before.
mail-report-changes = What changed
mail-report-figure = { $figure ->
    [active] Members who took part
    [new] New members
    [questions] Questions asked
    [answered] Questions answered
   *[response] Median time to a first reply
}
mail-report-before = { $before } the week before
mail-report-health = Health score: { $score } out of 100.
mail-report-no-health = No health score this week: there was nothing to measure.
mail-report-champions = Champions to thank
mail-report-helps = { $n ->
    [one] helped once
   *[other] helped { $n } times
}
mail-report-no-champions = Nobody answered anyone this week.
mail-report-slipping = { $n ->
    [0] No regular is slipping away
    [one] One regular is slipping away
   *[other] { $n } regulars are slipping away
}
mail-report-quiet = { $days ->
    [one] quiet for a day
   *[other] quiet for { $days } days
}
mail-report-no-slipping = None of your regulars has gone quiet.
mail-report-newcomers = Newcomers nobody answered
mail-report-no-newcomers = Every newcomer got a reply within 48 hours.
mail-report-mood = The mood dropped: { $recent } of the clearly felt posts this week were negative, against { $before } in the four weeks before.
mail-report-mood-link = Read them
mail-report-open = Open Insights
mail-report-why = You get this every Monday because you run this community.
mail-webhook-disabled-subject = A webhook of { $community } stopped
mail-webhook-disabled-heading = A webhook stopped after repeated failures
mail-webhook-disabled-body = Hearth could not deliver to { $url } and has stopped sending to it: { $reason }. Nothing is lost: what happened since waits in its queue. Fix the receiver, then switch the webhook back on.
mail-webhook-disabled-action = Open the delivery log
mail-webhook-disabled-note = You get this because you are an admin of { $community }.

# Points, levels, leaderboards, the ledger check and the owner's points settings.
title-points = Points
title-leaderboard = Leaderboard
title-ledger = Points ledger
title-admin-points = Points
nav-my-points = My points
nav-leaderboard = Leaderboard
nav-footer-ledger = Points ledger
admin-nav-points = Points
points-heading = Your points
points-balance = To spend
points-balance-hint = Spend them on rewards.
points-level = Level
points-earned = { $earned } earned in all
points-next-heading = Your next level
points-to-next = { $count } more { $count ->
    [one] point
   *[other] points
  } to level { $level }
points-top-level = You have reached the top level.
points-levels-caption = Levels and what they unlock
points-col-level = Level
points-col-from = From points
points-col-unlocks = Unlocks
points-reached = reached
points-history-heading = What earned them
points-col-when = When
points-col-what = For
points-col-points = Points
points-older = Older
points-empty = No points yet. Start a topic, answer a question or help someone out.
points-ledger-hint = Every entry is in a public ledger that anyone can check.
points-ledger-link = Check the ledger
points-kind = { $kind ->
   [reversal] taken back
   [correction] rule change
   [topic_started] Starting a topic
   [question_asked] Asking a question
   [replied] A reply
   [answer_accepted] An accepted answer
   [reacted] A reaction received
   [event_attended] Coming to an event
   [idea_status_changed] An idea done
   [idea_voted] Voting for an idea
   [poll_voted] Voting in a poll
   [message_sent] A message (Discord, Slack)
   [message_replied] A reply (Discord, Slack)
   [reaction_added] A reaction received (Discord, Slack)
   [event_checked_in] Checked in at an event elsewhere
  *[other] { $kind }
}
points-reason-redeem = A reward
points-reason-refund = A reward cancelled
points-reason-referral = Someone you brought in
points-reason-topic = A topic you started
points-reason-question = A question you asked
points-reason-reply = A reply
points-reason-answer = Your reply was the answer
points-reason-reaction = A reaction to your post
points-reason-event = You came to an event
points-reason-idea = Your idea was done
points-reason-other = Something you did
leaderboard-heading = Leaderboard
leaderboard-season = Season: { $name }, since
leaderboard-periods = Period
leaderboard-period-week = Last 7 days
leaderboard-period-month = Last 30 days
leaderboard-period-all = All time

leaderboard-space = Space
leaderboard-whole = The whole community
leaderboard-show = Show
leaderboard-points = { $count } { $count ->
    [one] point
   *[other] points
  }
leaderboard-empty = Nobody has earned points here in this period yet.
leaderboard-hint = Points count what members did in the period. Spending points on rewards does not lower anyone's place.
ledger-heading = The points ledger
ledger-ok-badge = Verified
ledger-ok = All { $count } entries check out, and so does every balance.
ledger-bad-badge = Does not match
ledger-bad = Entry { $entry } does not match.
ledger-problem = { $problem ->
   [hash] Its contents are not what its fingerprint says: it was changed after it was written.
   [link] It does not follow the entry before it: an earlier entry was changed or removed.
   [gap] An entry before it is missing.
   [kind] It is of a kind the ledger does not know.
  *[balance] A member's stored balance is not the sum of their entries; this is their last entry.
}
ledger-head = The ledger's latest fingerprint:
ledger-explain = Each entry records who got how many points, for what, and a fingerprint (SHA-256) of itself and the entry before it. Changing or removing any entry breaks every fingerprint after it, so the check above finds it. This page recomputes the whole chain and every balance each time it is opened.
ledger-api-hint = Integrators and operators can run the same check:
points-admin-saved = Points settings saved. { $count ->
    [0] No past entries needed correcting.
    [one] One correction was written to the ledger.
   *[other] { $count } corrections were written to the ledger.
  }
points-admin-season-started = A new season has started: the leaderboards count from now.
points-admin-rules-heading = What earns points
points-admin-rules-intro = Each kind of activity earns points for the member it is about: a reaction or an accepted answer earns for the post's author. Leave the channel empty for every channel, or name one (hub, discord, slack).
points-admin-col-kind = Activity
points-admin-col-channel = Channel
points-admin-col-points = Points
points-admin-col-cap = Most a day
points-admin-no-rule = (no rule)
points-admin-channel-hint = Activity imported from Discord or Slack, or pushed through the API, earns points only where a rule names its kind.
points-admin-limits-heading = Fair play
points-admin-member-daily-cap = Most points a member can earn in a day
points-admin-same-pair = Reactions from one member to the same author that count each day
points-admin-max-age = Reactions to posts older than this many days earn nothing
points-admin-self-hint = Reacting to your own post or accepting your own answer never earns. Points from a deleted or hidden post, a reaction taken back or an answer unaccepted are taken back in the ledger.
points-admin-referral-joined = Points for bringing in someone who joins
points-admin-referral-purchase = Points when someone you brought in first buys
points-admin-exclude-staff = Leave staff off the leaderboards
points-admin-levels-heading = Levels
points-admin-levels-intro = A member reaches a level when their earned points reach its number. Level 1 starts at 0. A level can open a private space or name a perk.
points-admin-col-name = Name
points-admin-col-space = Opens space
points-admin-col-perk = Perk
points-admin-apply-heading = Apply the change
points-admin-apply-now = From now on
points-admin-apply-date = To activity from this day
points-admin-apply-all = To all history
points-admin-apply-hint = Applying to the past writes correction entries for the difference. Nothing in the ledger is ever rewritten.
points-admin-save = Save points settings
points-admin-season-heading = Seasons
points-admin-season-now = This season: { $name }, since
points-admin-season-none = No season yet: the leaderboards count all time.
points-admin-season-name = Name of the new season
points-admin-season-start = Start a new season
points-admin-season-hint = A new season resets the leaderboards. Balances, levels and the ledger stay as they are.
err-points-forbidden = Only admins can change the points settings.
err-points-kind = Rule { $row } names an activity Hearth does not know.
err-points-rule-amount = Rule { $row } must give between 0 and 10,000 points.
err-points-rule-cap = Rule { $row }'s daily limit must be between 1 and 100,000.
err-points-duplicate = Rule { $row } repeats an activity and channel another rule already has.
err-points-amount = must be a whole number in range.
err-points-number = must be a whole number.
err-levels-count = There must be between 1 and 20 levels.
err-levels-first = Level 1 must start at 0 points.
err-levels-rising = Level { $level } must need more points than the level before it.
err-levels-text = A level's name is at most 40 characters and its perk at most 200.
err-points-apply-from = must be now, all, or a day written as 2026-12-31.
err-leaderboard-period = must be 7d, 30d or all.
err-season-name = A season's name is 1 to 60 characters.

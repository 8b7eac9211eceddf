## Insights: the community's numbers over time (admin/insights.html).
title-insights = Insights
admin-nav-insights = Insights
insights-heading = Insights
insights-range-line = { $from } to { $to }, compared with { $previous_from } to { $previous_to } · { $zone } time
insights-filters = Filters
insights-range = Period
insights-preset-7d = Last 7 days
insights-preset-30d = Last 30 days
insights-preset-90d = Last 90 days
insights-preset-12m = Last 12 months
insights-from = From (optional)
insights-to = To (optional)
insights-period = Count by
insights-period-auto = Automatic
insights-period-day = Day
insights-period-week = Week
insights-period-month = Month
insights-channel = Channel
insights-all-channels = All channels
insights-space = Space
insights-all-spaces = All spaces
insights-segment = Only members who match (optional)
insights-segment-hint = The segment language, for example: spend > 100 and last_active < 30d
insights-count-staff = Count staff replies as first responses
insights-apply = Show
insights-building = Insights is counting the activity log for the first time; the numbers fill in within a minute.
insights-at-a-glance = At a glance
insights-card-members = Members
insights-card-active = Active members
insights-card-new = New members
insights-card-answered = Questions answered
insights-card-first-response = Median first response
insights-before = before: { $value }
insights-wait-none = no answers yet
insights-wait-minutes = { $n } min
insights-wait-hours = { $n } hours
insights-wait-days = { $n } days
insights-growth = Growth
insights-new-members = New members
insights-growth-rate = Growth rate
insights-chart-new-members = New members, by the channel they came from
insights-chart-members = Members over time
insights-legend = Channels
insights-col-period = Starting
insights-col-new = New
insights-col-members = Members
insights-col-active = Active
insights-show-numbers = Show the numbers
insights-csv = Download CSV
insights-activity = Activity
insights-active-members = Active members
insights-participation = Participation rate
insights-stickiness = Stickiness
insights-posts-per-active = Posts per active member
insights-lurkers = Visitors who never posted
insights-chart-active-day = Active members per day
insights-chart-active-week = Active members per week
insights-chart-active-month = Active members per month
insights-label-participation = Participation rate
insights-label-stickiness = Stickiness
insights-label-lurkers = Visitors who never posted
insights-by-kind = What members did
insights-by-channel = Where
insights-nothing = Nothing in this period.
insights-retention = Who comes back
insights-cohort-by = Group members by
insights-cohort-week = By week
insights-cohort-month = By month
insights-col-cohort = First seen
insights-col-size = Members
insights-col-start = Start
insights-support = Questions and answers
insights-questions = Questions asked
insights-answered = Answered
insights-accepted = Answer accepted
insights-first-response-median = First response (median)
insights-first-response-p90 = First response (9 in 10 within)
insights-deflection = Answered by the community
insights-staff-counted = Staff replies are counted.
insights-staff-not-counted = Staff replies are not counted.
insights-unanswered = { $count ->
    [one] One question waiting more than { $hours } hours
   *[other] { $count } questions waiting more than { $hours } hours
}
insights-none-waiting = No question is waiting. Well done.
insights-contributors = Contributors
insights-contributors-count = Contributors
insights-new-contributors = New contributors
insights-inactive-contributors = Gone quiet
insights-absence-factor = Absence factor
insights-funnel = From member to helper
insights-funnel-active = Active members
insights-funnel-posters = Posted
insights-funnel-repliers = Replied
insights-funnel-accepted = Gave an accepted answer
insights-top = Top content
insights-most-read = Most read
insights-most-replied = Most replied
insights-top-other-channel = Topics and replies live on the hub, so these lists are empty for another channel. Choose the hub or every channel to see them.
insights-top-reads-everyone = Replies are the chosen members' only; views count every signed-in reader, because they are kept per topic and day, not per reader.
insights-views = { $count ->
    [one] one view
   *[other] { $count } views
}
insights-replies = { $count ->
    [one] one reply
   *[other] { $count } replies
}
insights-engine = Counted from { $rows } activities held in memory.
insights-more-filters = More filters: dates, channel, space, members
insights-viewers = Who may open Insights
insights-viewers-admins = Admins and the owner
insights-viewers-moderators = Moderators too
insights-viewers-save = Save
insights-viewers-saved = Saved: who may open Insights.
insights-partial = Faint bars and dashed points are weeks or months only partly in the period: they count only those days.
insights-heat-partial = Cells with a dashed border are weeks or months only partly in the period: they count only those days.
insights-heat-partial-cell = (only part of this period)
insights-pages = Insights pages
insights-tab-overview = Overview
insights-tab-network = Who helps whom
network-heading = Who helps whom
network-lede = Every reply to someone else's topic or message is help given. Champions are the members help flows to; bridges connect members who would otherwise not meet.
network-members = Members who helped or were helped
network-acts = Acts of help
network-pairs = Helper and helped pairs
network-empty = Nobody has helped anybody in this period yet: no replies to someone else's topic or message. Try a longer period.
network-core = The core of the community
network-core-caption = The { $count } members the most help flows to. A larger circle receives more help; lines show each member's three strongest ties, darker for more help.
network-champions = Champions
network-champions-none = No champions among the chosen members.
network-col-member = Member
network-col-score = Share of help
network-col-helped = Members helped
network-col-helps = Times helped others
network-col-received = Times helped
network-staff = staff
network-bridges = Bridges
network-bridges-exact = Counted exactly over all { $members } members.
network-bridges-sampled = Estimated from { $sources } of { $members } members chosen at random; ± is one standard error.
network-col-paths = Paths through them
network-bridges-none = Nobody lies between other members yet.
network-newcomers = Newcomers nobody answered
network-newcomers-lede = Their first topic got no reply within 48 hours. A welcome now can still keep them.
network-newcomers-none = Every newcomer's first topic got a reply within 48 hours.
network-newcomers-other-channel = Topics live on the hub, so this list is empty for another channel.
network-col-topic = Their first topic
network-col-posted = Posted
insights-tab-churn = Who may drift away
churn-heading = Who may drift away
churn-lede = Members active in the 30 days to { $to }, and the chance that each goes quiet in the next 30 days, learnt from what happened to members like them before.
churn-no-model = Not enough history for a model yet
churn-missing = Hearth learns from members who were active in earlier months and whether they stayed. It has { $training } such cases (it needs { $needed_training }) and { $test } to check the model on (it needs { $needed_test }). Choose a later end date, or come back when the community has a few more months behind it.
churn-missing-outcomes = So far everyone either stayed or went quiet, so there is nothing to tell apart.
churn-beats = The model spots who drifts away better than the simple rule
churn-no-better = The model is no better than the simple rule
churn-auc-model = Model's accuracy (AUC)
churn-auc-recency = Simple rule's accuracy (AUC)
churn-scored = Active members scored
churn-beats-words = Checked on a month it never saw, the model scores { $auc } against { $baseline } for the rule "whoever has been quiet longest". Members are ranked by the model.
churn-no-better-words = Checked on a month it never saw, the model scores { $auc } against { $baseline } for the rule "whoever has been quiet longest". It does not beat the rule by enough to trust it, so members are ranked by how long they have been quiet.
churn-method = Trained on { $training } cases from { $months } earlier months; checked on the { $test } members active from { $from } to { $cutoff }, of whom { $quiet } went quiet by { $to }.
churn-at-risk = Members at risk
churn-ranked-by-model = Riskiest first, by the model. "Why" lists what raises each member's risk most.
churn-ranked-by-recency = Quiet longest first. "Why" lists what the model would weigh, for reference.
churn-col-risk = Risk of going quiet
churn-col-quiet = Quiet for
churn-col-why = Why
churn-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
churn-nobody-active = Nobody was active in the last 30 days of the period.
churn-calibration = Does a risk of 30% mean 3 in 10?
churn-calibration-words = On the month it never saw ({ $from } to { $to }), members grouped by the risk the model gave them, and how many of each group really went quiet. Close numbers mean the percentages can be taken at their word.
churn-col-predicted-range = Risk given
churn-col-members = Members
churn-col-predicted = Average risk given
churn-col-observed = Really went quiet
churn-few = Of those { $test }, { $quiet } went quiet and { $stayed } stayed. With fewer than 20 on either side, these figures could move a lot as more history comes in.
churn-factor = { $feature ->
    [days-quiet] quiet for { $value } days
    [active-days-30] active on { $value } of the last 30 days
    [trend] less active than the month before
    [post-gap-days] { $value } days between posts on average
    [few-posts] fewer than two posts in 180 days
    [replies-received-90] { $value } replies from others in 90 days
    [asked-a-question] has asked a question
    [first-question-answered] their first question got an answer
    *[tenure-days] a member for { $value } days
}
insights-tab-value = What members are worth
value-heading = What members are worth
value-lede = How members' spending changed once they joined, against customers who spent the same and did not join, as of { $to }.
value-no-estimate = No estimate yet
value-missing = { $reason ->
    [no_spend] There are no orders, payments or purchases yet. Import your shop's orders or Stripe payments (Admin → Imports), or push purchases through the API, and this page will compare members with other customers.
    [no_members_with_history] No member was already a customer before joining with enough history around it: Hearth needs { $window } days of purchases before a member joined, another { $window } before that to find their match, and { $window } days after. Come back later, or import older orders.
   *[no_comparison] Every customer on record has joined the community, so there is no one to compare members with.
}
value-verdict = { $verdict ->
    [more] Members spend about { $size } more since joining
    [less] Members spend about { $size } less since joining
   *[unclear] We cannot tell yet whether joining changes what members spend
}
value-estimate = Change in spend linked to joining
value-interval = 95% interval: { $low } to { $high }
value-members-compared = Members compared
value-matches = Customers they were matched with
value-pool = out of { $pool } who never joined
value-verdict-words = { $verdict ->
    [unclear] The best estimate is { $estimate }, but anything from { $low } to { $high } fits the data, and that includes no change at all. More members and more months will narrow it.
   *[other] In the { $window } days after joining, members spent { $estimate } compared with what they would have spent had they changed as their matches did; the data fit anything from { $low } to { $high }.
}
value-naive = Simply comparing members with everyone else would say { $naive }. Most of that gap is there because your best customers are the ones who join, not because they joined.
value-spend = Average spend in the { $window } days before and after joining
value-col-who = Who
value-col-when = When
value-col-spend = Average spend
value-who = { $who ->
    [members] Members
   *[matches] Their matches
}
value-when = { $when ->
    [before] before
   *[after] after
}
value-spend-words = Each member's match spent about the same as they did before, but never joined, and is measured over the same days, so seasons and sales weigh on both alike.
value-habits = Buying habits, members and everyone else
value-col-measure = Measure
value-col-members = Members
value-col-non-members = Customers who never joined
value-customers = Customers in the last { $window } days
value-repeat = Bought twice or more in the last { $window } days
value-churn = Bought in the { $window } days before but not in the last { $window }
value-habits-words = These are plain comparisons: members were often your best customers before they joined.
value-caveat-heading = What this can and cannot prove
value-caveat = The comparison takes away differences that stay put (some people simply buy more) and the seasons, because each member is set against a similar customer over the same weeks. It cannot take away a reason that came with joining: someone who joined because they had just moved nearby would have bought more anyway. Only an experiment settles it: invite some customers at random, keep others back, and compare.
insights-tab-levels = Levels
levels-heading = Engagement levels
levels-lede = Everyone who has taken part, in four levels by what they did and how many people they dealt with, as of { $to }.
levels-sizes = How many at each level
levels-name = { $name ->
    [inner_circle] Inner circle
    [regulars] Regulars
    [participants] Participants
   *[observers] Observers
}
levels-change = { $change ->
    [0] no change since { $day }
   *[other] { $shown } since { $day } (then { $before })
}
levels-moves = Since { $day }: { $promoted } moved up, { $demoted } moved down.
levels-staff-counted = Staff are counted.
levels-staff-left-out = Staff are left out (tick "Count staff replies as first responses" in the filters to count them here too).
levels-top = Most engaged members
levels-col-level = Level
levels-col-score = Score
levels-col-why = What counted most
levels-nobody = Nobody has taken part yet.
levels-weights = What counts, and how much
levels-weights-words = Each activity adds its weight to a member's score, fading by half every 30 days. Leave a box empty for the default shown in it; 0 means it does not count. Channels multiply the weights of what happens on them (1 by default).
levels-channels = Channels
levels-weights-save = Save the weights
levels-weights-saved = The weights are saved; every level is counted with them from now on.
person-insights = In Insights
person-insights-risk = { $status ->
    [no_model] not enough history for a model yet
   *[not_scored] not scored (not active in the last 30 days, or staff)
}
person-insights-network = Who helps whom
person-insights-place = number { $rank } of { $members } by the help that flows to them; helped { $helped } members
person-insights-why = Their level comes most from:
person-insights-risk-why = What raises their risk:
person-insights-days = Over the last 90 days. Levels, risk and the network are explained under Admin → Insights.
insights-tab-health = Health
health-heading = Community health
health-score = Health { $score } out of 100: { $band ->
    [good] in good shape
    [fair] fair, with room to grow
   *[weak] needs attention
}
health-none = Not enough activity in this period to score its health.
health-formula = Each part scores 100 when its figure reaches the target, and less in proportion below it. The health is the average of the parts that could be measured; nothing is hidden.
health-parts = What the score is made of
health-col-part = Part
health-col-figure = This period
health-col-target = Full marks at
health-col-score = Score
health-part = { $name ->
    [growth] Growth
    [activity] Activity
    [responsiveness] Responsiveness
    [retention] Retention
   *[sentiment] Sentiment
}
health-part-means = { $name ->
    [growth] new members per 30 days, as a share of the members before
    [activity] members active in the period, as a share of all members
    [responsiveness] questions that got a first reply within 24 hours
    [retention] members active in the period before who came back
   *[sentiment] of the posts that read clearly positive or negative, the share positive (How people feel)
}
health-not-measured = { $name ->
    [sentiment] sentiment is off, or no post read clearly either way
   *[other] nothing to measure in this period
}
goals-heading = Goals
goals-none = No goals yet. Set one below: a number to reach by a day.
goals-saved = The goals are updated.
goals-words = Each goal's figure is counted over the 30 days to today, as the cards are. On track means at least as far from where it started to the target as the time gone since it was set.
goal-metric = { $metric ->
    [active_members] Active members
    [new_members] New members
    [questions_answered_share] Questions answered (%)
    [median_first_response_hours] Median first response (hours)
   *[health_score] Health score
}
goal-line = { $metric ->
    [median_first_response_hours] Median first response under { $target } hours by { $due }
    [questions_answered_share] { $target }% of questions answered by { $due }
    [active_members] { $target } active members by { $due }
    [new_members] { $target } new members a month by { $due }
   *[health_score] Health { $target } by { $due }
}
goal-now = now { $current }
goal-status = { $status ->
    [met] reached
    [on_track] on track
    [behind] behind
    [missed] missed
   *[no_data] nothing to measure yet
}
goal-remove = Remove
goal-field-metric = Metric
goal-field-target = Target
goal-field-due = By
goal-add = Add the goal
personas-heading = Personas
personas-words = Members grouped by what they did in the period (k-means over five behaviours), each group named by what stands out in it. The figures are the average times each member of the group did each thing.
personas-col-name = Persona
personas-name = { $name ->
    [helpers] Helpers
    [askers] Askers
    [event_goers] Event-goers
    [buyers] Buyers
   *[lurkers] Lurkers
}
personas-behaviour = { $behaviour ->
    [helps] Helped others
    [questions] Asked
    [events] Events
    [purchases] Purchases
   *[visits] Visits
}

## Invitation tests
insights-tab-experiments = Invitation tests
experiments-heading = Invitation tests
experiments-how-heading = How a test works
experiments-how = Hearth splits the customers in a segment at random: one group gets an invitation to join by email, the other (the holdout) gets nothing. Because chance alone decided who was invited, any difference between the two groups beyond chance is what the invitation did, and this is the only way to know whether the community makes people buy more.
experiments-list-heading = Tests
experiments-none = No test yet.
experiments-col-name = Test
experiments-col-segment = Segment
experiments-col-started = Started
experiments-col-groups = Groups
experiments-col-status = Status
experiments-groups = { $invited } invited, { $holdout } held back
experiments-status = { $status ->
    [finished] Finished
   *[running] Running
}
experiments-until = { $status ->
    [finished] ended { $ends }
   *[running] until { $ends }
}
experiments-new-heading = Start a test
experiments-no-mail = Invitations go by email: set up mail in Mail settings first.
experiments-no-segments = A test starts from a segment of customers who are not members yet.
experiments-make-segment = Make a segment
experiments-field-name = Name
experiments-field-segment = Customers to test
experiments-segment-hint = Members, people with no email address, those who unsubscribed and those already in a running test are left out. At least { $min } must remain.
experiments-field-holdout = Held back (%)
experiments-field-days = Days to measure
experiments-field-seed = Seed (optional)
experiments-final = The invitations go out at once, and a test cannot be changed or stopped once it starts: that is what makes its answer trustworthy.
experiments-confirm = Send the invitations now? The test cannot be changed afterwards.
experiments-start = Start and send invitations
experiment-started = The test has started: { $invited } invitations are on their way.
experiment-running = Running: the figures below count up to { $until } and are final on { $ends }.
experiment-finished = Finished on { $ends }: these are its final figures.
experiment-outcome = { $kind ->
    [joined] Who joined
    [spend] Spend per person
   *[bought] Who bought again
}
experiment-col-group = Group
experiment-col-value = { $kind ->
    [spend] Average spend
   *[other] Share
}
experiment-group = { $group ->
    [invited] Invited
   *[holdout] Held back
}
experiment-effect = { $verdict ->
    [unclear] { $kind ->
        [spend] We cannot tell yet whether the invitation changed spending: the difference is { $effect } a person, and anything from { $low } to { $high } fits the data.
        [joined] We cannot tell yet whether the invitation made people join: the difference is { $effect } points, anything from { $low } to { $high }.
       *[bought] We cannot tell yet whether the invitation made people buy again: the difference is { $effect } points, anything from { $low } to { $high }.
    }
   *[other] { $kind ->
        [spend] Being invited changed spending by { $effect } a person (95% interval { $low } to { $high }).
        [joined] Being invited changed the share who joined by { $effect } points (95% interval { $low } to { $high }).
       *[bought] Being invited changed the share who bought again by { $effect } points (95% interval { $low } to { $high }).
    }
}
experiment-relative = That is { $relative } against the held-back group ({ $low } to { $high }).
experiment-too-few = Too few people are counted yet to compare the groups.
experiment-facts = About this test
experiment-segment = Segment
experiment-groups = Groups
experiment-holdout-share = { $percent }% held back
experiment-dates = Measured
experiment-days = { $days } days
experiment-seed = Seed of the split
experiment-split-download = Who was in which group (CSV)
experiment-left-out = Left out at the start
experiment-left-out-words = { $members } already members, { $no_email } without an email address, { $unsubscribed } unsubscribed, { $in_another } in another test
experiment-opted-out = Not counted
experiment-opted-out-words = { $n } asked not to be counted in statistics since the start
experiment-method = Method:
experiment-fixed = Nothing about a test can change after it starts; the split can be drawn again from its seed and checked.
experiment-back = All invitation tests
value-experiment-link = Start an invitation test
experiments-segment-option = { $name } ({ $count } people)

## Sentiment and trending
insights-tab-sentiment = How people feel
sentiment-heading = How people feel
sentiment-lede = In this period, { $positive } posts read clearly positive and { $negative } clearly negative, of { $posts } posts read.
sentiment-kpi-positive = Clearly positive posts
sentiment-kpi-negative = Clearly negative posts
sentiment-kpi-share = Negative share
sentiment-kpi-week = Negative share, last 7 days
sentiment-kpi-before = { $before } in the 28 days before
sentiment-trend-heading = Mood over time
sentiment-chart = Clearly positive and clearly negative posts
sentiment-definition = Each post is read with a word list in English and Spanish that understands "not", "very" and "but". Only posts that read clearly one way (a score of at least { $threshold } either way, or a label staff set) are counted; the rest are neither.
sentiment-positive = Positive
sentiment-negative = Negative
sentiment-col-posts = Posts read
sentiment-col-space = Space
sentiment-spaces-heading = By space
sentiment-none = No posts in this period.
sentiment-alert-heading = The mood has dropped.
sentiment-alert = In the last 7 days, { $recent } of the clearly felt posts were negative ({ $negative } posts), against { $before } in the 28 days before. The posts below are a good place to start.
sentiment-posts-heading = { $label ->
    [negative] Most negative posts
   *[positive] Most positive posts
}
sentiment-score = score { $score }
sentiment-was-corrected = corrected by staff (read as { $automatic })
sentiment-correct-label = Label
sentiment-label = { $label ->
    [positive] Positive
    [neutral] Neither
    [negative] Negative
   *[automatic] As read automatically
}
sentiment-correct = Save label
sentiment-corrected = The label is saved: it counts instead of the automatic one.
sentiment-switched = { $on ->
    [true] Sentiment is on: every post is being read again.
   *[false] Sentiment is off: no post is read.
}
sentiment-off-heading = Sentiment is off
sentiment-off = Posts are not read for sentiment. Switching it on reads every post again, old ones included.
sentiment-switch-on = Switch sentiment on
sentiment-switch-off = Switch sentiment off
sentiment-how = Sentiment is worked out on this server from the words of each post; no text leaves it. Quotes, code and links are left out.
trending-heading = Trending terms
trending-line = in { $recent } posts this week, { $baseline } in the 8 weeks before ({ $lift }× usual)
trending-none = Nothing is rising this week.
trending-definition = Words used in more posts in the 7 days to the last day shown than their own usual rate over the 8 weeks before (at least twice as often, in 3 posts by 2 people or more). Common words are left out.
report-heading = Weekly report
report-words = Every Monday morning, each admin gets an email with the week's key changes, the champions to thank, the regulars slipping away, the newcomers nobody answered and the health score, in their own language.
report-send = Email me this week's report now
report-sent = The report is on its way to your inbox.
report-no-mail = The report goes by email: set up mail first.
personas-segment = Make a segment

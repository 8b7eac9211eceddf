# The rewards catalogue, redemptions and the admin's rewards page.
title-rewards = Rewards
title-admin-rewards = Rewards
nav-rewards = Rewards
admin-nav-rewards = Rewards
rewards-heading = Rewards
rewards-balance = You have { $balance } { $balance ->
    [one] point
   *[other] points
  } to spend, at level { $level }.
rewards-how-to-earn = How points are earned
rewards-done-redeemed = Done: the points are spent and the reward is yours. It is listed below.
rewards-cost = { $count } { $count ->
    [one] point
   *[other] points
  }
rewards-left = { $count } left
rewards-unlimited = No limit
rewards-limit = at most { $count } each
rewards-min-level = from level { $level }
rewards-redeem = Redeem
rewards-empty = There are no rewards yet.
rewards-mine-heading = Your rewards
rewards-mine-empty = You have not redeemed anything yet.
rewards-col-reward = Reward
rewards-col-when = When
rewards-col-state = State
redemption-status = { $status ->
    [pending] on its way
    [fulfilled] yours
    [cancelled] cancelled, points returned
   *[other] { $status }
  }
reward-kind = { $kind ->
    [code] Discount code
    [perk] Perk given by hand
    [space] Access to a private space
   *[other] { $kind }
  }
rewards-admin-done-created = The reward is in the catalogue.
rewards-admin-done-codes = { $count ->
    [one] One new code was added.
   *[other] { $count } new codes were added.
  }
rewards-admin-done-saved = Saved.
rewards-admin-waiting-heading = Waiting to be given
rewards-admin-waiting-empty = Nothing is waiting.
rewards-admin-col-member = Member
rewards-admin-col-do = Do
rewards-admin-fulfil = Mark as given
rewards-admin-cancel = Cancel and give the points back
rewards-admin-catalogue-heading = The catalogue
rewards-admin-catalogue-empty = No rewards yet. Add the first one.
rewards-admin-hide = Hide from members
rewards-admin-show = Show to members
rewards-admin-more-codes = More codes
rewards-admin-add-codes = Add codes
rewards-admin-new-heading = Add a reward
rewards-admin-name = Name
rewards-admin-name-example = A free loaf
rewards-admin-description = What the member gets
rewards-admin-cost = Cost in points
rewards-admin-kind = Kind
rewards-admin-codes = Discount codes (for a discount code reward)
rewards-admin-codes-hint = One a line, or separated by commas. Each member who redeems gets the next unused one.
rewards-admin-space = Private space (for a space reward)
rewards-admin-stock = How many there are
rewards-admin-limit = At most this many for each member
rewards-admin-min-level = From level
rewards-admin-create = Add the reward
rewards-admin-recent-heading = Recent redemptions
rewards-admin-recent-empty = Nobody has redeemed anything yet.
err-rewards-forbidden = Only admins can manage the rewards catalogue.
err-reward-text = must be filled in, at most { $max } characters, without control characters.
err-reward-cost = must be a whole number of points from 1 to 1,000,000.
err-reward-stock = must be empty (no limit) or a whole number from 0.
err-reward-limit = must be empty (no limit) or a whole number from 1 to 1,000.
err-reward-level = must be a level from 1 to 20.
err-reward-kind = must be code, perk or space.
err-reward-space = A space reward needs the private space it opens.
err-reward-space-private = must be a private space: the others are open already.
err-reward-code = The code on line { $line } is too long or has control characters.
err-reward-no-codes = There are no codes in what was sent.
err-reward-too-many-codes = At most { $max } codes at once.
err-reward-not-code = Only a discount code reward takes codes.
err-not-found-reward = There is no such reward.
err-not-found-redemption = There is no such redemption.
err-redemption-status = must be pending, fulfilled, cancelled or all.
err-redemption-not-pending = Only a redemption that is still waiting can be given or cancelled.
err-redeem-forbidden = Only members who can take part can redeem rewards.
err-redeem-too-few-points = This reward costs { $cost } points and you have { $balance }.
err-redeem-level = This reward opens at level { $needed }; you are at level { $level }.
err-redeem-limit = You have had this reward { $limit } { $limit ->
    [one] time
   *[other] times
  }, the most each member may.
err-redeem-out-of-stock = None of this reward is left.

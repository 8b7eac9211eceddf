# Badges: the members' list, the admin's page, badges beside names and on profiles.
title-badges = Badges
title-admin-badges = Badges
nav-badges = Badges
admin-nav-badges = Badges
profile-badges = Badges
badges-heading = Badges
badges-intro = Badges are given for what members do here. Each one is given automatically, the moment someone qualifies.
badges-holders = { $count ->
    [0] Nobody has it yet
    [one] 1 member has it
   *[other] { $count } members have it
  }
badges-yours = You have it
badges-to-points = Your points and level
badges-admin-list-heading = Every badge
badges-admin-builtin = built in
badges-admin-delete = Delete
badges-admin-delete-label = Delete the badge { $name }
badges-admin-new-heading = Make a badge
badges-admin-name = Name
badges-admin-description = What it is for (optional)
badges-admin-condition = Who gets it
badges-admin-condition-help = (the same words as segments)
badges-admin-condition-examples = For example:
badges-admin-image = Picture (optional)
badges-admin-image-formats = SVG, PNG, JPEG, GIF or WebP
badges-admin-create = Make the badge and give it
badges-admin-done-created = Done: the badge is made, and { $count ->
    [0] nobody qualifies yet. It will be given as members qualify.
    [one] 1 member who already qualifies has it now.
   *[other] { $count } members who already qualify have it now.
  }
badges-admin-done-deleted = The badge is deleted, and taken from everyone who had it.
err-badges-forbidden = Only admins can manage badges.
err-badge-name = give the badge a name of 1 to 60 letters or digits
err-badge-description = must be at most 200 characters, on one line
err-badge-slipping = a badge cannot use "slipping": it is a passing state, not something a member did
err-badge-image-base64 = must be the picture in base64 (a data: URL or bare)
err-badge-builtin = A built-in badge cannot be deleted.
err-not-found-badge = There is no such badge.

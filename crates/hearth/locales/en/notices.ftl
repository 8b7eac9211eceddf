# notice.html: a heading, a message, and one button or link. The handlers name them by
# key (`heading_key`, `message_key`, `label_key`); messages may use $email (an address),
# $what (what an unsubscribe link stops, in English words) and $scope (its code).

notice-check-mail-heading = Check your mail
notice-check-mail-message = We sent a link to { $email }. Follow it to prove the address is yours, then sign in.
notice-applied-heading = Thank you for applying
notice-applied-message = Your application is with the team. You will get an email when they have decided; then you can sign in with the address and password you just gave.
notice-confirm-heading = Confirm your email address
notice-confirm-message = One click and your address is confirmed.
notice-confirm-action = Confirm my address
notice-confirmed-heading = Address confirmed
notice-confirmed-message = Thank you: { $email } is confirmed.
notice-change-heading = Use your new address
notice-change-message = Confirm that mail for your account should go to this new address from now on.
notice-change-action = Use this address
notice-changed-heading = Address changed
notice-changed-message = Your address is now { $email }.
notice-reset-expired-heading = This link has expired
notice-reset-expired-message = Reset links work once, for one hour. Ask for a new one.
notice-reset-expired-link = Send me a new link
notice-unsubscribe-heading = Unsubscribe
notice-unsubscribe-message = Stop mail about this: { $what }? Notifications still appear under the bell.
notice-unsubscribe-action = Unsubscribe
notice-unsubscribed-heading = Unsubscribed
notice-unsubscribed-message = You will no longer get mail about this: { $what }.
notice-unsubscribed-link = Choose which mail you get
notice-link-sign-in = Sign in
notice-link-back-to-community = Back to the community
notice-link-go-to-community = Go to the community
notice-link-back-to-settings = Back to your settings

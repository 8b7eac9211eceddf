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

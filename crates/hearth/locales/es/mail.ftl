# mail/layout.html y los correos .txt

mail-hello = Hola, { $name }:
mail-preferences-link = Elige qué correos recibes

# mail/account.html

mail-account-paste = O pega esta dirección en tu navegador:

# mail/digest.html, mail/digest.txt ($digest es daily o weekly)

mail-digest-intro = Esto es lo que ha pasado en { $community } desde tu último resumen { $digest ->
        [daily] diario
        [weekly] semanal
       *[other] { $digest }
    }.
mail-digest-see-all = Ver todas las notificaciones
mail-digest-why = Recibes este resumen { $digest ->
        [daily] diario
        [weekly] semanal
       *[other] { $digest }
    } porque lo elegiste para algunas notificaciones.
mail-digest-unsubscribe = Cancelar la suscripción al resumen { $digest ->
        [daily] diario
        [weekly] semanal
       *[other] { $digest }
    }

# mail/notification.html, mail/notification.txt

mail-notification-view-in = Verlo en { $community }
mail-notification-view = Verlo
mail-notification-why = Recibes este correo porque { $why }.
mail-notification-unsubscribe = Cancelar la suscripción a estos avisos

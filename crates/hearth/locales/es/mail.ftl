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

# Textos que arma el código (services/email.rs): titulares de las notificaciones, asuntos
# y el encabezado, texto, botón y nota de los correos de cuenta.

mail-someone = Alguien
mail-headline-reply = { $who } respondió a “{ $title }”
mail-headline-mention = { $who } te mencionó en “{ $title }”
mail-headline-answer-accepted = { $who } aceptó tu respuesta en “{ $title }”
mail-headline-idea-status = { $who } cambió el estado de “{ $title }”
mail-headline-new-topic = { $who } inició “{ $title }”
mail-headline-watched-reply = { $who } respondió en “{ $title }”
mail-headline-event-promoted = Se liberó una plaza: vas a asistir a “{ $title }”
mail-headline-event-reminder = Recordatorio: “{ $title }” se acerca
mail-headline-other = { $who }: { $kind } en “{ $title }”

# Completa mail-notification-why ("Recibes este correo porque …").

mail-why-reply = alguien respondió en un tema que iniciaste
mail-why-mention = alguien te mencionó con @usuario
mail-why-answer-accepted = tu respuesta fue aceptada como solución
mail-why-idea-status = una idea que propusiste o votaste cambió de estado
mail-why-new-topic = alguien inició un tema en un espacio que sigues
mail-why-watched-reply = alguien respondió en un tema que sigues
mail-why-event-promoted = se liberó una plaza en un evento y pasaste de la lista de espera a la de asistentes
mail-why-event-reminder = te avisamos un día antes de un evento al que vas a asistir, y otra vez una hora antes

# El asunto del resumen ($digest es daily o weekly).

mail-digest-subject = { $community }: { $count ->
        [one] { $count } novedad
       *[other] { $count } novedades
    } (resumen { $digest ->
        [daily] diario
        [weekly] semanal
       *[other] { $digest }
    })

# Confirmar la dirección al registrarse.

mail-confirm-subject = Confirma tu dirección de correo electrónico en { $community }
mail-confirm-heading = Confirma tu dirección de correo electrónico
mail-confirm-body = ¡Te damos la bienvenida a { $community }! Confirma que { $email } es tu dirección y podrás empezar a publicar.
mail-confirm-action = Confirmar mi dirección
mail-confirm-note = El enlace funciona una sola vez, durante { $hours ->
        [one] una hora
       *[other] { $hours } horas
    }. Si no te registraste, ignora este correo.

# Restablecer la contraseña.

mail-reset-subject = Restablece tu contraseña de { $community }
mail-reset-heading = Restablece tu contraseña
mail-reset-body = Alguien (esperamos que tú) pidió restablecer la contraseña de tu cuenta. Elige una nueva con el botón de abajo.
mail-reset-action = Elegir una contraseña nueva
mail-reset-note = El enlace funciona una sola vez, durante { $hours ->
        [one] una hora
       *[other] { $hours } horas
    }. Si no lo pediste, ignora este correo: tu contraseña seguirá siendo la misma.

# Cambiar la dirección ($old y $new son direcciones).

mail-change-subject = Confirma tu nueva dirección de correo electrónico en { $community }
mail-change-heading = Confirma tu nueva dirección
mail-change-body = Pediste cambiar la dirección de tu cuenta de { $old } a { $new }. Confírmalo con el botón de abajo.
mail-change-action = Usar esta dirección
mail-change-note = El enlace funciona una sola vez, durante { $hours ->
        [one] una hora
       *[other] { $hours } horas
    }. Hasta entonces, el correo seguirá llegando a tu dirección anterior.

mail-changed-subject = La dirección de correo de tu cuenta de { $community } cambió
mail-changed-heading = Se cambió tu dirección
mail-changed-body = La dirección de tu cuenta ahora es { $new }, así que el correo ya no llega a { $old }. Se cerraron tus otras sesiones.
mail-changed-action = Iniciar sesión
mail-changed-note = Si no hiciste este cambio, avisa de inmediato a quien administra la comunidad.

# Una invitación por correo (mail-invite-name saluda a quien aún no tiene cuenta).

mail-invite-name = persona invitada
mail-invite-subject = Te invitaron a unirte a { $community }
mail-invite-heading = Únete a { $community }
mail-invite-body-from = { $inviter } te invita a unirte a { $community }. Crea tu cuenta con el botón de abajo.
mail-invite-body = Te invitaron a unirte a { $community }. Crea tu cuenta con el botón de abajo.
mail-invite-action = Aceptar la invitación
mail-invite-note = La invitación es para esta dirección y funciona una sola vez, durante { $days ->
        [one] { $days } día más
       *[other] { $days } días más
    }.

# La respuesta a una solicitud de ingreso ($message es lo que escribió el equipo).

mail-application-approved-subject = Te damos la bienvenida a { $community }
mail-application-approved-heading = Tu solicitud fue aceptada
mail-application-approved-body = Ya puedes iniciar sesión con la dirección y la contraseña que usaste en tu solicitud. { $message }
mail-application-approved-action = Iniciar sesión
mail-application-declined-subject = Tu solicitud para unirte a { $community }
mail-application-declined-heading = Tu solicitud fue rechazada
mail-application-declined-body = El equipo dijo: { $message }
mail-application-declined-action = Visitar la comunidad
mail-application-note = Recibes este correo porque solicitaste unirte.

# El correo de prueba del administrador.

mail-test-subject = Correo de prueba de Hearth
mail-test-heading = El correo funciona
mail-test-body = Este es el correo de prueba que pediste desde las páginas de administración. Si puedes leerlo, Hearth puede enviar correos.
mail-test-action = Abrir la comunidad
mail-test-note = Enviado con el botón «Enviarme un correo de prueba».
mail-headline-event-cancelled = Se canceló “{ $title }”
mail-why-event-cancelled = se canceló un evento al que respondiste
mail-report-subject = { $community }: tu semana, del { $from } al { $to }
mail-report-heading = Tu semana en { $community }
mail-report-intro = Así le fue a la comunidad del { $from } al { $to }, frente a la semana anterior.
mail-report-changes = Qué cambió
mail-report-figure = { $figure ->
    [active] Miembros que participaron
    [new] Miembros nuevos
    [questions] Preguntas hechas
    [answered] Preguntas respondidas
   *[response] Mediana hasta la primera respuesta
}
mail-report-before = { $before } la semana anterior
mail-report-health = Salud: { $score } de 100.
mail-report-no-health = Sin puntuación de salud esta semana: no había nada que medir.
mail-report-champions = A quién dar las gracias
mail-report-helps = { $n ->
    [one] ayudó una vez
   *[other] ayudó { $n } veces
}
mail-report-no-champions = Esta semana nadie respondió a nadie.
mail-report-slipping = { $n ->
    [0] Ninguna persona habitual se está alejando
    [one] Una persona habitual se está alejando
   *[other] { $n } personas habituales se están alejando
}
mail-report-quiet = { $days } días en silencio
mail-report-no-slipping = Ninguna de tus personas habituales se ha quedado en silencio.
mail-report-newcomers = Recién llegados sin respuesta
mail-report-no-newcomers = Todos los recién llegados tuvieron respuesta en 48 horas.
mail-report-mood = El ánimo ha bajado: esta semana el { $recent } de las publicaciones con un sentimiento claro fueron negativas, frente al { $before } en las cuatro semanas anteriores.
mail-report-mood-link = Leerlas
mail-report-open = Abrir las estadísticas
mail-report-why = Recibes esto cada lunes porque llevas esta comunidad.
mail-webhook-disabled-subject = Un webhook de { $community } se detuvo
mail-webhook-disabled-heading = Un webhook se detuvo tras fallar varias veces
mail-webhook-disabled-body = Hearth no pudo entregar a { $url } y ha dejado de enviarle: { $reason }. No se pierde nada: lo ocurrido desde entonces espera en su cola. Arregla el receptor y vuelve a activar el webhook.
mail-webhook-disabled-action = Abrir el registro de entregas
mail-webhook-disabled-note = Recibes esto porque administras { $community }.

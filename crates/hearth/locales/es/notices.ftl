# notice.html: un encabezado, un mensaje y un botón o enlace. Los handlers los nombran por
# clave (`heading_key`, `message_key`, `label_key`); los mensajes pueden usar $email (una
# dirección), $what (lo que deja de enviar un enlace para darse de baja, en inglés) y
# $scope (su código, con el que se traduce aquí).

notice-check-mail-heading = Revisa tu correo
notice-check-mail-message = Enviamos un enlace a { $email }. Ábrelo para demostrar que la dirección es tuya y después inicia sesión.
notice-applied-heading = Gracias por tu solicitud
notice-applied-message = Tu solicitud está en manos del equipo. Recibirás un correo cuando hayan decidido; entonces podrás iniciar sesión con la dirección y la contraseña que acabas de indicar.
notice-confirm-heading = Confirma tu dirección de correo electrónico
notice-confirm-message = Un clic y tu dirección quedará confirmada.
notice-confirm-action = Confirmar mi dirección
notice-confirmed-heading = Dirección confirmada
notice-confirmed-message = Gracias: { $email } está confirmada.
notice-change-heading = Usa tu nueva dirección
notice-change-message = Confirma que, a partir de ahora, el correo de tu cuenta debe llegar a esta nueva dirección.
notice-change-action = Usar esta dirección
notice-changed-heading = Dirección cambiada
notice-changed-message = Tu dirección ahora es { $email }.
notice-reset-expired-heading = Este enlace ha caducado
notice-reset-expired-message = Los enlaces para restablecer la contraseña funcionan una sola vez, durante una hora. Pide uno nuevo.
notice-reset-expired-link = Envíame un enlace nuevo
notice-unsubscribe-heading = Darse de baja
notice-unsubscribe-message = ¿Dejar de recibir correo sobre esto: { $scope ->
        [daily] el resumen diario
        [weekly] el resumen semanal
        [reply] alguien respondió en un tema que iniciaste
        [mention] alguien te mencionó con @usuario
        [answer_accepted] tu respuesta fue aceptada como solución
        [idea_status] una idea que votaste cambió de estado
        [new_topic] alguien inició un tema en un espacio que sigues
        [watched_reply] alguien respondió en un tema que sigues
        [event_promoted] se liberó una plaza en un evento y saliste de la lista de espera
        [event_reminder] un evento al que vas empieza en un día, y otra vez en una hora
        [event_cancelled] se canceló un evento al que respondiste
       *[other] { $what }
    }? Las notificaciones seguirán apareciendo en la campana.
notice-unsubscribe-action = Darme de baja
notice-unsubscribed-heading = Te diste de baja
notice-unsubscribed-message = Ya no recibirás correo sobre esto: { $scope ->
        [daily] el resumen diario
        [weekly] el resumen semanal
        [reply] alguien respondió en un tema que iniciaste
        [mention] alguien te mencionó con @usuario
        [answer_accepted] tu respuesta fue aceptada como solución
        [idea_status] una idea que votaste cambió de estado
        [new_topic] alguien inició un tema en un espacio que sigues
        [watched_reply] alguien respondió en un tema que sigues
        [event_promoted] se liberó una plaza en un evento y saliste de la lista de espera
        [event_reminder] un evento al que vas empieza en un día, y otra vez en una hora
        [event_cancelled] se canceló un evento al que respondiste
       *[other] { $what }
    }.
notice-unsubscribed-link = Elige qué correos recibes
notice-link-sign-in = Iniciar sesión
notice-link-back-to-community = Volver a la comunidad
notice-link-go-to-community = Ir a la comunidad
notice-link-back-to-settings = Volver a tu configuración

# Compartidas por las plantillas de cuenta

account-email = Correo electrónico
account-password = Contraseña
account-password-hint = Al menos 10 caracteres.
account-edit-profile = Editar tu perfil
account-trust-level = Nivel de confianza { $level }
account-joined = se unió el { $date }
account-role = { $role ->
    [guest] invitado
    [member] miembro
    [approver] aprobador
    [moderator] moderador
    [admin] administrador
    [owner] propietario
   *[other] { $role }
}
account-trust-level-name = { $level ->
    [0] miembro nuevo
    [1] básico
    [2] miembro
    [3] habitual
    [4] líder
   *[other] { $level }
}

# login.html

login-title = Iniciar sesión
login-submit = Iniciar sesión
login-forgot-password = ¿Olvidaste tu contraseña?
login-new-here = ¿Primera vez por aquí?
login-join-link = Únete a la comunidad
login-join-after = .

# signup.html

signup-title = Únete a { $community }
signup-customers-hint = Usa la dirección que le diste a la tienda: esta comunidad es para sus clientes.
signup-handle = Nombre de usuario
signup-display-name = Nombre
signup-optional = (opcional)
signup-accept-guidelines = He leído y acepto las
signup-accept-guidelines-link = normas de la comunidad
signup-closed = El registro está cerrado. Pide al propietario que te añada y después
signup-closed-sign-in-link = inicia sesión
signup-closed-after = .
signup-invite-spent = Este enlace de invitación ha caducado o ya se agotó.
signup-invite-invalid = Este enlace de invitación no es válido.
signup-invite-ask = Pide uno nuevo a quien te invitó.
signup-invite-ok = Tienes una invitación. ¡Te damos la bienvenida!
signup-submit = Unirme
signup-approval-intro = El equipo da la bienvenida a los nuevos miembros: cuéntales un poco sobre ti y recibirás una respuesta por correo electrónico.
signup-apply = Solicitar unirme
signup-invite-only = Esta comunidad es solo por invitación. Si alguien te invitó, sigue el enlace de su invitación.
signup-already-member = ¿Ya eres miembro?
signup-sign-in-link = Inicia sesión
signup-sign-in-after = .

# setup.html

setup-title = Te damos la bienvenida a Hearth
setup-intro = Ponle nombre a tu comunidad y crea la cuenta del propietario. Puedes cambiar el nombre, el logotipo y los colores más adelante.
setup-community-name = Nombre de la comunidad
setup-community-name-placeholder = Panadería La Ribera
setup-email = Tu correo electrónico
setup-handle = Tu nombre de usuario
setup-handle-hint = Letras, dígitos, “_”, “-” y “.”; los demás te mencionarán como @usuario.
setup-submit = Crear comunidad

# forgot_password.html

forgot-title = ¿Olvidaste tu contraseña?
forgot-sent-before = Si hay una cuenta que usa
forgot-sent-after = , le enviamos un enlace para elegir una contraseña nueva. El enlace es válido durante una hora.
forgot-back-to-sign-in = Volver a iniciar sesión
forgot-intro = Escribe la dirección con la que te registraste y te enviaremos por correo un enlace para elegir una contraseña nueva.
forgot-submit = Envíame un enlace

# reset_password.html

reset-title = Elige una contraseña nueva
reset-new-password = Contraseña nueva
reset-hint = Al menos 10 caracteres. Se cerrará la sesión en todos los dispositivos conectados a tu cuenta.
reset-submit = Guardar mi contraseña

# settings.html

settings-title = Configuración
settings-mail-heading = Notificaciones por correo
settings-mail-disabled = Esta comunidad todavía no envía correos; tus preferencias se aplicarán cuando lo haga. Las notificaciones siempre aparecen bajo la campana.
settings-when = Cuándo
settings-frequency = { $frequency ->
    [immediately] Al instante
    [daily] Resumen diario
    [weekly] Resumen semanal
    [never] Nunca
   *[other] { $frequency }
}
settings-pref = { $kind ->
    [reply] alguien respondió en un tema que iniciaste
    [mention] alguien te mencionó con @usuario
    [answer_accepted] tu respuesta fue aceptada como solución
    [idea_status] una idea que propusiste o votaste cambió de estado
    [new_topic] alguien inició un tema en un espacio que sigues
    [watched_reply] alguien respondió en un tema que sigues
    [event_promoted] se liberó una plaza en un evento y pasaste de la lista de espera a asistir
    [event_reminder] un evento al que vas empieza en un día, y otra vez en una hora
    [event_cancelled] se canceló un evento al que respondiste
   *[other] { $description }
}
settings-digest-hint = Los resúmenes se envían cada mañana (diario) o los lunes por la mañana (semanal), y solo incluyen lo que aún no has visto aquí.
settings-save = Guardar
settings-email-heading = Dirección de correo electrónico
settings-email-current = Tu dirección es
settings-email-confirmed = confirmada
settings-email-not-confirmed = sin confirmar
settings-email-current-after = .
settings-resend-confirmation = Reenviar el enlace de confirmación
settings-change-email = Cambiarla
settings-new-email = Nueva dirección
settings-current-password = Tu contraseña actual
settings-change-email-hint = Enviaremos un enlace a la nueva dirección; no cambiará nada hasta que lo abras.
settings-change-email-submit = Enviar el enlace

# profile.html

profile-topics = Temas
profile-no-topics = Aún no hay temas.
profile-activity-hidden = { $name } prefiere mantener su actividad en privado.

# profile_edit.html

profile-edit-title = Tu perfil
profile-edit-bio = Sobre ti
profile-edit-bio-note = (hasta 500 caracteres)
profile-edit-location = Ubicación
profile-edit-links = Enlaces
profile-edit-links-note = (uno por línea, hasta 5)
profile-edit-hide-from-directory = No mostrarme en el directorio de miembros
profile-edit-hide-activity = Ocultar mi actividad en mi perfil
profile-edit-submit = Guardar perfil

# directory.html

directory-title = Miembros
directory-name = Nombre
directory-name-placeholder = @usuario o nombre
directory-role = Rol
directory-any = Cualquiera
directory-group = Grupo
directory-trust-level = Nivel de confianza
directory-location = Ubicación
directory-find = Buscar
directory-more = Más miembros →
directory-empty-title = No se encontró a nadie
directory-empty-text = Ningún miembro del directorio coincide. Algunos miembros prefieren no aparecer en la lista.

# search.html

search-title = Búsqueda
search-query-label = Buscar
search-query-placeholder = Palabras o "una frase"
search-submit = Buscar
search-filters = Filtros
search-space = Espacio
search-all-spaces = Todos los espacios
search-kind = Tipo
search-any-kind = Cualquier tipo
search-kind-name = { $kind ->
    [discussion] Debate
    [question] Pregunta
    [idea] Idea
    [poll] Encuesta
    [event] Evento
    [announcement] Anuncio
   *[other] { $kind }
}
search-author = Autor
search-author-placeholder = @usuario
search-questions = Preguntas
search-questions-all = Todas
search-questions-answered = Respondidas
search-questions-unanswered = Sin responder
search-from = Desde
search-to = Hasta
search-results = Resultados
search-older = Resultados anteriores →
search-empty-title = No se encontró nada
search-empty-text = Ninguna publicación que puedas ver contiene todas esas palabras. Prueba con menos palabras o quita un filtro.

# guidelines.html

guidelines-title = Normas de la comunidad
guidelines-accept = Acepto las normas
guidelines-accepted = Aceptaste estas normas.
guidelines-none = Esta comunidad aún no ha escrito sus normas.

# notifications.html

notifications-title = Notificaciones
notifications-someone = Alguien
notifications-reply = respondió a
notifications-mention = te mencionó en
notifications-answer-accepted = aceptó tu respuesta en
notifications-idea-status = cambió el estado de
notifications-new-topic-before = inició
notifications-new-topic-after = en un espacio que sigues
notifications-watched-reply-before = respondió en
notifications-watched-reply-after = , que sigues
notifications-new = nueva
notifications-event-promoted = te pasó de la lista de espera a asistentes:
notifications-event-cancelled = canceló un evento al que respondiste:
notifications-event-reminder = Se acerca, y vas a ir:
notifications-older = Anteriores →
notifications-empty-title = Nada por ahora
notifications-empty-text = Aquí aparecerán las respuestas a tus temas, las menciones y las respuestas aceptadas.

# warnings.html

warnings-title = Advertencias
warnings-intro = Mensajes de los moderadores sobre tu forma de participar. Puedes responder a cada uno una sola vez.
warnings-from = De @{ $handle }
warnings-new = nueva
warnings-your-answer = Tu respuesta:
warnings-answer-label = Tu respuesta
warnings-answer-note = (los moderadores la verán)
warnings-send = Enviar
warnings-empty-title = Sin advertencias
warnings-empty-text = No hay nada aquí. Gracias por contribuir a una buena convivencia.

# Idioma, zona horaria e imagen en el formulario del perfil; el selector de idioma del pie.
profile-edit-avatar = Imagen
profile-edit-avatar-help = (PNG, JPEG, GIF o WebP; se recorta en cuadrado)
profile-edit-avatar-current = Tu imagen
profile-edit-avatar-upload = Subir imagen
profile-edit-avatar-remove = Quitar imagen
profile-edit-language = Idioma
profile-edit-language-default = El predeterminado de la comunidad
profile-edit-time-zone = Zona horaria
profile-edit-time-zone-default = La predeterminada de la comunidad
profile-going = Va a asistir a
profile-edit-display-name = Nombre visible

settings-password-heading = Contraseña
settings-new-password = Contraseña nueva
settings-password-hint = Al menos 10 caracteres. Al cambiarla se cierran tus otras sesiones y tus tokens de API.
settings-password-submit = Cambiar la contraseña
settings-tokens-heading = Tokens de API
settings-tokens-hint = Los tokens permiten que scripts y otras herramientas usen la API en tu nombre. Revoca los que ya no uses.
settings-tokens-none = No tienes tokens de API.
settings-token-created = Tu token nuevo está abajo. Cópialo ahora: solo se muestra esta vez.
settings-token-name = Nombre
settings-token-created-at = Creado
settings-token-last-used = Último uso
settings-token-expires = Caduca
settings-token-expired = caducado
settings-token-never = Nunca
settings-token-revoke = Revocar
settings-token-revoke-confirm = ¿Revocar este token? Lo que lo use dejará de funcionar.
settings-token-new = Token nuevo
settings-token-days = Días hasta que caduque (déjalo vacío para que no caduque)
settings-token-create = Crear token
notifications-mark-read = Marcar todo como leído
warnings-mark-seen = Ya las leí
notifications-gone = Algo pasó en un tema que ya no puedes ver.

## Deleting one's own account
settings-delete-heading = Eliminar tu cuenta
settings-delete-text = Tu perfil, tu foto, tu correo, tus sesiones y todo lo que Hearth sabe de ti se borran para siempre. Lo que publicaste se queda en sus conversaciones, vaciado y firmado como «Miembro borrado». No se puede deshacer.
settings-delete-export = ¿Quieres una copia antes?
settings-delete-export-link = Descarga tus datos
settings-delete-confirm = Entiendo que no se puede deshacer
settings-delete-submit = Eliminar mi cuenta
account-deleted-heading = Tu cuenta está eliminada
account-deleted-text = Todo lo tuyo se ha borrado y tu sesión se ha cerrado en todas partes. Gracias por formar parte de la comunidad.
account-deleted-home = Volver al inicio
settings-token-scopes = Qué puede hacer
settings-token-scopes-all = Todo lo que puedes hacer tú
settings-token-scopes-hint = Marca solo lo que necesita la herramienta. Deja todas las casillas vacías para un token que pueda hacer todo lo que puedes tú.
settings-scope-read = Leer (lo que tú ves)
settings-scope-write = Escribir (publicar, responder, reaccionar, votar)
settings-scope-moderate = Moderar (la cola, avisos, suspensiones)
settings-scope-admin = Administrar (ajustes, personas, métricas, webhooks)
settings-scope-ingest = Enviar actividad de otros canales

# Mensajes que el servidor construye en Rust (errores de validación, rechazos, avisos), por
# la clave que `crate::messages::CATALOG` da a su patrón en inglés.

## Values (hearth-core): names, handles, slugs, addresses, texts.
err-taken = ya está en uso
err-field-taken = { $field } ya está en uso
err-required = es obligatorio
err-not-empty = no puede estar vacío
err-single-line = debe ser una sola línea
err-one-line = debe ocupar una sola línea
err-one-line-of-text = debe ser una sola línea de texto
err-control-characters = no puede contener caracteres de control
err-handle-length = debe tener entre 2 y 30 caracteres
err-handle-characters = solo puede contener letras a–z, dígitos, '_', '-' y '.'
err-handle-start = debe empezar por una letra o un dígito
err-slug-length = debe tener entre 1 y 64 caracteres
err-slug-characters = solo puede contener letras minúsculas a–z, dígitos y '-'
err-slug-dashes = no puede empezar ni terminar por '-' ni contener '--'
err-email-shape = debe tener la forma nombre@example.com
err-at-most-254-characters = debe tener como máximo 254 caracteres
err-at-most-100-characters = debe tener como máximo 100 caracteres
err-at-most-60-characters = debe tener como máximo 60 caracteres
err-at-most-500-characters = debe tener como máximo 500 caracteres
err-at-most-characters = debe tener como máximo { $max } caracteres
err-at-least-characters = debe tener al menos { $min } caracteres
err-at-most-1024-bytes = debe ocupar como máximo 1024 bytes
err-at-most-bytes = debe ocupar como máximo { $max } bytes
err-at-most-kb = debe ocupar como máximo { $max } KB
err-colour = debe ser un color como #c2410c
err-visibility = debe ser uno de estos: public, members, private
err-topic-kind = debe ser uno de estos: discussion, question, idea, poll, announcement, event
err-idea-status = debe ser uno de estos: open, under_review, planned, in_progress, done, declined
err-join-mode = debe ser uno de estos: open, approval, invite, customers
err-role = debe ser uno de estos: guest, member, approver, moderator, admin, owner
err-flag-reason = debe ser uno de estos: spam, off_topic, inappropriate, other
err-moderation-action = debe ser uno de estos: approve, hide, delete
err-one-of = debe ser uno de estos: { $names }
err-value-one-of = { $input } debe ser uno de estos: { $known }
err-pin-scope = debe ser space o community

## Times and events (hearth-core).
err-time-zone-required = es obligatorio (un nombre IANA como Europe/Madrid)
err-time-zone-unknown = { $name } no es una zona horaria conocida (usa un nombre IANA como Europe/Madrid)
err-time-format = { $s } no es una hora con el formato 2026-12-01T18:00 o 2026-12-01T18:00:00Z
err-recurrence-freq = freq { $other } debe ser weekly o monthly
err-recurrence-count = count debe estar entre 2 y { $max }
err-ends-after-start = debe ser posterior a starts_at
err-event-too-long = un evento dura como máximo 14 días

## Search (hearth-core).
err-search-empty = escribe una palabra para buscar
err-search-terms = usa como máximo { $max } palabras o frases

## The spam model's text (hearth-core).
err-spam-model-header = línea { $number }: se esperaba "hearth-spam 1 <spam decisions> <not-spam decisions>"
err-spam-model-magic = línea { $number }: esto no es un modelo de spam de Hearth
err-spam-model-version = línea { $number }: versión de formato desconocida { $version }
err-spam-model-spam-decisions = línea { $number }: el recuento de decisiones de spam no es un número
err-spam-model-ham-decisions = línea { $number }: el recuento de decisiones de no spam no es un número
err-spam-model-token-twice = línea { $number }: el token aparece dos veces
err-spam-model-token-empty = línea { $number }: el token está vacío
err-spam-model-spam-count = línea { $number }: falta el recuento de spam o no es un número
err-spam-model-ham-count = línea { $number }: falta el recuento de no spam o no es un número
err-spam-model-fields = línea { $number }: se esperaban tres campos separados por tabuladores

## Trust settings (hearth-core).
err-trust-settings-line = línea { $line }: se esperaba clave = valor
err-trust-settings-unknown = línea { $line }: umbral desconocido { $key }
err-trust-settings-value = línea { $line }: { $key } debe ser un número entero de 0 a 100000
err-trust-threshold-number = cada umbral de nivel de confianza debe ser un número entero de 0 a 100000

## Service errors (services/mod.rs) and accounts.
err-sign-in = inicia sesión para hacer esto
err-rate-limited = demasiados intentos; vuelve a intentarlo en unos minutos
err-bad-credentials = correo o contraseña incorrectos
err-already-set-up = la comunidad ya está configurada
err-not-set-up-yet = la comunidad aún no está configurada
err-not-set-up = la comunidad no está configurada
err-not-set-up-short = sin configurar
err-cursor = no es un cursor que haya dado este servidor
err-signup-closed = el registro está cerrado; pide al propietario que te añada
err-accept-guidelines-join = acepta las normas de la comunidad para unirte
err-invite-other-address = esta invitación se envió a otra dirección; regístrate con esa
err-customers-address = esta comunidad es para clientes: regístrate con la dirección que diste a la tienda
err-invite-only = esta comunidad es solo por invitación: necesitas un enlace de invitación
err-apply-instead = esta comunidad revisa a los miembros nuevos: solicita unirte en su lugar
err-only-admins-add-members = solo los administradores pueden añadir miembros
err-cannot-give-role = no puedes dar ese rol
err-link-expired = este enlace ha caducado o ya se usó; pide uno nuevo
err-confirm-email-first = confirma primero tu dirección de correo: sigue el enlace que te enviamos
err-confirm-email-then-sign-in = confirma primero tu dirección de correo: sigue el enlace que te enviamos y luego inicia sesión
err-already-confirmed = tu dirección ya está confirmada
err-no-mail = esta comunidad no envía correo
err-no-mail-reset = esta comunidad no envía correo, así que las contraseñas no se pueden restablecer por correo; pregunta al propietario
err-no-mail-change-address = esta comunidad no envía correo; pide al propietario que cambie tu dirección
err-not-current-password = no es tu contraseña actual
err-already-your-address = ya es tu dirección

## Community and branding.
err-only-admins-branding = solo los administradores pueden cambiar la imagen de la comunidad
err-logo-type = debe ser una imagen PNG, JPEG, GIF o WebP (se recibió { $content_type })
err-choose-language = elige un idioma
err-choose-time-zone = elige una zona horaria

## Discipline and restrictions.
err-only-moderators-act = solo los moderadores actúan sobre miembros
err-act-on-yourself = no puedes actuar sobre tu propia cuenta
err-act-below = el equipo solo actúa sobre miembros con un rol inferior al suyo; pide ayuda a un administrador o al propietario
err-restriction-kind = debe ser silence, suspend o ban
err-ban-no-end = un bloqueo no tiene fin; deja days vacío
err-between-1-and-or-empty = debe estar entre 1 y { $max }, o vacío para no poner límite
err-between-1-and = debe estar entre 1 y { $max }
err-restriction-ended = esta restricción ya terminó
err-only-moderators-records = solo los moderadores leen los historiales de los miembros
err-silenced-until = tu cuenta está silenciada hasta el { $until } ({ $zone }): { $reason }
err-suspended-until = tu cuenta está suspendida hasta el { $until } ({ $zone }): { $reason }
err-banned-until = tu cuenta está bloqueada hasta el { $until } ({ $zone }): { $reason }
err-silenced = tu cuenta está silenciada: { $reason }
err-suspended = tu cuenta está suspendida: { $reason }
err-banned = tu cuenta está bloqueada: { $reason }

## Mail.
err-notification-kind = { $kind } no es un tipo de notificación
err-frequency = { $frequency } debe ser immediately, daily, weekly o never
err-unsubscribe-invalid = este enlace para darte de baja no es válido (¿lo copiaste completo?)
err-unsubscribe-nothing = este enlace para darte de baja no corresponde a nada que Hearth envíe
err-only-admins-test-mail = solo los administradores envían correos de prueba
err-no-mail-server = no hay ningún servidor de correo configurado: define smtp_url y mail_from en hearth.toml
err-test-mail-failed = no se pudo enviar el correo de prueba: { $e }

## Events.
err-in-the-future = debe estar en el futuro
err-online-url = debe ser un enlace http:// o https:// de 500 caracteres como máximo
err-rsvp-status = { $other } debe ser going, maybe o not_going
err-guests-read-only = los invitados pueden leer pero no participar
err-event-ended = este evento ha terminado
err-answer-not-recorded = esta respuesta no se puede registrar
err-check-in-others = solo quien organiza y el equipo registran la llegada de otras personas
err-no-member-handle = ningún miembro tiene el identificador @{ $handle }
err-event-code-needed = escribe el código del evento
err-check-in-not-open = el registro de llegada abre una hora antes del evento para los miembros que van a asistir
err-wrong-event-code = ese no es el código de este evento
err-rsvp-first = solo se puede registrar la llegada de los miembros que respondieron; confirma tu asistencia primero
err-attendee-list = solo quien organiza y el equipo ven la lista de asistentes

## Forum: topics, polls, answers, ideas, spaces.
err-sort = debe ser activity, votes, newest o trending
err-poll-option-length = cada opción debe tener como máximo 100 caracteres
err-poll-option-twice = la opción "{ $label }" aparece dos veces
err-poll-two-options = una encuesta necesita al menos dos opciones
err-poll-max-options = una encuesta admite como máximo { $max } opciones
err-poll-closes-format = closes_at { $s } no es una hora con el formato 2026-12-01T18:00:00Z
err-poll-closes-future = closes_at debe estar en el futuro
err-poll-results = results debe ser after_vote o after_close
err-only-polls-votes = solo las encuestas admiten votos de encuesta
err-choose-option = elige al menos una opción
err-one-choice = esta encuesta admite una sola opción
err-poll-closed = la encuesta está cerrada
err-unknown-option = nombra una opción que no está en esta encuesta
err-space-archived = este espacio está archivado
err-only-staff-announcements = solo el equipo publica anuncios
err-only-staff-events = solo el equipo crea eventos en este espacio
err-space-kinds = este espacio solo admite: { $allowed }
err-poll-needs-options = una encuesta necesita sus opciones
err-poll-only-kind = solo los temas de tipo poll llevan una encuesta
err-event-needs-times = un evento necesita sus horas
err-event-only-kind = solo los temas de tipo event llevan detalles de evento
err-only-questions-answers = solo las preguntas tienen respuestas aceptadas
err-accept-answer = solo quien preguntó o un moderador puede aceptar una respuesta
err-question-not-answer = la pregunta no puede ser su propia respuesta
err-not-reply = no es una respuesta de esta pregunta
err-change-answer = solo quien preguntó o un moderador puede cambiar la respuesta
err-topic-closed = este tema está cerrado a nuevas respuestas
err-edit-own = solo puedes editar tus propias publicaciones
err-wiki = solo el autor y el equipo pueden convertir una publicación en wiki
err-delete-own = solo puedes borrar tus propias publicaciones
err-only-admins-spaces = solo los administradores pueden gestionar espacios
err-no-group-create = no existe el grupo { $slug }; créalo primero
err-no-group = no existe el grupo { $slug }
err-not-role-or-handle = { $word } no es ni un rol ni un identificador
err-choose-kind = elige al menos un tipo de tema
err-only-ideas-votes = solo las ideas admiten votos
err-idea-merged = esta idea se fusionó con #{ $into }; vota allí
err-idea-no-votes = esta idea ya no admite votos
err-vote-on-behalf = solo el equipo puede votar en nombre de un miembro
err-cannot-see-space = @{ $handle } no puede ver este espacio
err-idea-status-staff = solo el equipo puede cambiar el estado de una idea
err-only-ideas-status = solo las ideas tienen estado
err-pin-staff = solo el equipo puede fijar temas
err-merge-staff = solo el equipo puede fusionar ideas
err-merge-not-visible = no es una idea que puedas ver
err-merge-both-ideas = ambos temas deben ser ideas
err-merge-itself = una idea no se puede fusionar consigo misma
err-merge-already = ya está fusionada (con #{ $into }); fusiónala con la idea que queda

## Groups and membership.
err-only-admins-groups = solo los administradores gestionan grupos
err-invite-spent = este enlace de invitación ha caducado o ya se agotó; pide uno nuevo
err-only-admins-join = solo los administradores cambian cómo se une la gente
err-max-questions = como máximo { $max } preguntas, una por línea
err-question-length = cada pregunta debe tener como máximo { $max } caracteres ("{ $long }…" es más larga)
err-customers-need-mail = la entrada reservada a clientes comprueba las direcciones por correo: configura primero un servidor de correo (docs/OPERATIONS.md)
err-spam-threshold = debe ser un porcentaje de 1 a 100
err-write-guidelines = escribe primero las normas
err-only-admins-guidelines = solo los administradores escriben las normas
err-no-guidelines = esta comunidad no tiene normas que aceptar
err-guidelines-changed = las normas de la comunidad han cambiado: léelas y acéptalas primero (en /guidelines)
err-no-applications = esta comunidad no acepta solicitudes: regístrate directamente
err-accept-guidelines-apply = acepta las normas de la comunidad para enviar tu solicitud
err-too-many-answers = hay más respuestas que preguntas
err-answer-question = responde a la pregunta { $number }: { $question }
err-application-waiting = esta dirección ya tiene una cuenta o una solicitud pendiente de revisión
err-only-reviewers = solo los aprobadores y el equipo revisan solicitudes
err-review-action = debe ser approve o decline
err-say-why-applicant = explica el motivo, para que la persona solicitante lo sepa
err-review-own = no puedes revisar tu propia solicitud; debe hacerlo otro aprobador
err-application-decided = esta solicitud ya está resuelta
err-application-email-taken = mientras tanto se ha unido un miembro con esta dirección; rechaza la solicitud
err-application-handle-taken = mientras tanto un miembro ha tomado este identificador; rechaza la solicitud
err-only-staff-invite = solo el equipo invita a gente
err-from-1-to-90 = debe estar entre 1 y 90
err-from-1-to-1000 = debe estar entre 1 y 1000
err-invite-no-mail = esta comunidad no envía correo: comparte un enlace de invitación en su lugar
err-csv-utf8 = no es texto UTF-8 (el byte { $byte } no es válido); guárdalo como CSV UTF-8
err-file-empty = está vacío
err-csv-no-email-column = línea 1: no hay ninguna columna llamada email; nombra una o pon una dirección por línea
err-csv-email-length = línea { $line }: { $cell } debe tener como máximo 254 caracteres
err-csv-email-shape = línea { $line }: { $cell } debe tener la forma nombre@example.com
err-customers-max = tiene más de { $max } direcciones
err-only-admins-customers = solo los administradores gestionan la lista de clientes

## Moderation.
err-post-deleted-flag = esta publicación se borró; no hay nada que denunciar
err-flag-other = explica qué pasa cuando el motivo es other
err-flag-own = no puedes denunciar tu propia publicación
err-already-flagged = ya denunciaste esta publicación; los moderadores la revisarán
err-only-moderators-queue = solo los moderadores atienden la cola de moderación
err-signed-in-moderator = las decisiones las toma un moderador con la sesión iniciada
err-say-why-decision = explica el motivo: el autor y el registro de moderación lo verán
err-item-decided = este elemento ya está resuelto
err-act-below-posts = el equipo solo actúa sobre publicaciones de miembros con un rol inferior al suyo; pide ayuda a un administrador o al propietario
err-only-admins-audit = solo los administradores leen el registro de auditoría
err-only-admins-publish-log = solo los administradores publican el registro de moderación

## Mentions, profiles, search, spam rules, trust.
err-mentions-max = menciona como máximo a { $max } miembros en una publicación
err-mention-unknown = menciona a @{ $handle }, pero ningún miembro tiene ese identificador
err-link = { $line } no es una dirección web (https://…, como máximo { $max } caracteres)
err-max-links = como máximo { $max } enlaces
err-choose-picture = elige una imagen para subir
err-avatar-unreadable = no es una imagen que Hearth pueda leer: sube una imagen PNG, JPEG, GIF o WebP
err-avatar-pixels = es demasiado grande: como máximo { $width }×{ $height } píxeles
err-avatar-mb = es demasiado grande: como máximo { $max } MB
err-too-long = es demasiado largo
err-group-filter-admins = solo los administradores filtran por grupo
err-from-0-to-4 = debe estar entre 0 y 4
err-date-format = debe ser una fecha como 2026-11-23
err-to-before-from = no puede ser anterior a from
err-only-admins-spam = solo los administradores ven el filtro de spam
err-only-admins-keywords = solo los administradores gestionan las reglas de palabras clave
err-keyword-length = debe tener entre 2 y { $max } caracteres
err-keyword-action = debe ser flag o hold
err-trust-below = solo puedes fijar el nivel de confianza de miembros con un rol inferior al tuyo
err-first-day-topics = en tu primer día puedes abrir { $count } temas; vuelve a intentarlo mañana
err-posts-per-day = has publicado { $posts } veces en 24 horas, el máximo que permite tu nivel de confianza; vuelve a intentarlo más tarde
err-new-member-links = los miembros nuevos aún no pueden publicar enlaces ni imágenes; se desbloquean tras tu primer día y tu primera publicación

## Pages and the API (web).
err-link-incomplete = este enlace está incompleto: copia la dirección completa del correo
err-admin-pages = solo los administradores pueden abrir las páginas de administración
err-form-unreadable = no se pudo leer el formulario: { $error }
err-file-unreadable = no se pudo leer el archivo: { $error }
err-upload-unreadable = no se pudo leer el archivo subido: { $error }
err-true-or-false = debe ser true o false
err-to-after-from = debe ser posterior a from
err-month-format = debe ser un mes como 2026-12
err-capacity-number = debe ser un número entero, o vacío para no poner límite
err-recurrence-count-needed = indica cuántas veces se repite
err-post-number = debe ser un número de publicación
err-option-numbers = deben ser números de opción
err-idea-number = debe ser el número de una idea, como 42
err-add-or-remove = debe ser add o remove
err-whole-number-1-to-100 = debe ser un número entero de 1 a 100
err-whole-number-of-days = debe ser un número entero de días
err-whole-number = debe ser un número entero
err-builder-range = debe ser un número entero de { $min } a { $max }
err-builder-choose = elige qué buscar
err-builder-amount = debe ser un importe como 100 o 49,50
err-builder-backslash = no puede terminar en una barra invertida (\)
err-choose-csv = elige un archivo CSV
err-question-one-line = cada pregunta ocupa una sola línea
err-on-or-off = debe ser on u off
err-auth-header = la cabecera Authorization debe ser `Bearer <token>`
err-api-token = el token de la API no es válido (revocado o mal escrito)
err-json-fields = el JSON no tiene los campos esperados: { $error }
err-json-syntax = el cuerpo no es JSON válido: { $error }
err-json-content-type = envía el cuerpo como JSON con Content-Type: application/json
err-body-too-large = el cuerpo de la petición es demasiado grande
err-body-over-limit = el cuerpo de la petición supera el límite de { $limit } bytes
err-sent-too-large = lo que enviaste es demasiado grande
err-form-utf8 = el formulario contiene texto que no es UTF-8 válido
err-not-set-up-api = la comunidad aún no está configurada; abre /setup o ejecuta `hearth setup`
err-something-went-wrong = algo ha fallado por nuestra parte; ha quedado registrado
err-page-failed = no se pudo mostrar esta página; el error ha quedado registrado

## Notices after an action (`done`).
done-prefs-saved = Guardado: tus preferencias de correo.
done-email-link-sent = Hemos enviado un enlace a la nueva dirección. Tu dirección cambiará cuando lo sigas.
done-confirm-resent = Hemos vuelto a enviar el enlace de confirmación.
done-saved = Guardado.
done-guidelines-saved = Normas guardadas (versión { $v }). Se pedirá a los miembros que las acepten de nuevo.
done-customers = La lista de clientes tiene ahora { $n } direcciones.
done-invite-link = Enlace de invitación creado. Cópialo ahora: solo se muestra una vez.
done-invite-mailed = Invitación enviada por correo a { $email }.
done-invite-revoked = Invitación revocada.
done-keyword-added = Regla de palabra clave añadida.
done-keyword-removed = Regla de palabra clave eliminada.
done-test-mail = Se ha enviado un correo de prueba a { $email }.

## "… not found": the things services and pages name, then any other.
err-not-found-accepted-answer = no se encontró la respuesta aceptada
err-not-found-application = no se encontró la solicitud
err-not-found-community = no se encontró la comunidad
err-not-found-endpoint = no se encontró el endpoint
err-not-found-event = no se encontró el evento
err-not-found-failed-job = no se encontró la tarea fallida
err-not-found-file = no se encontró el archivo
err-not-found-group = no se encontró el grupo
err-not-found-invite = no se encontró la invitación
err-not-found-job = no se encontró la tarea
err-not-found-keyword-rule = no se encontró la regla de palabra clave
err-not-found-member-email = no se encontró ningún miembro con ese correo
err-not-found-member = no se encontró el miembro
err-not-found-page = no se encontró la página
err-not-found-poll = no se encontró la encuesta
err-not-found-post = no se encontró la publicación
err-not-found-queue-item = no se encontró el elemento de la cola
err-not-found-record = no se encontró el registro
err-not-found-restriction = no se encontró la restricción
err-not-found-space = no se encontró el espacio
err-not-found-topic = no se encontró el tema
err-not-found-unanswered-warning = no se encontró el aviso sin responder
err-event-cancelled = este evento se canceló
err-event-change-organiser-only = solo quien organiza y el equipo pueden cambiar un evento
err-event-cancel-organiser-only = solo quien organiza y el equipo pueden cancelar un evento

# Personas e importaciones
err-only-admins-people = solo los administradores leen las fichas de las personas
err-only-admins-import = solo los administradores importan datos
err-utf8-json = debe ser JSON en UTF-8
err-no-activities = no tiene actividades
err-tag-format = debe tener de 1 a 64 caracteres, sin comas
err-field-name-format = debe tener de 1 a 64 letras, dígitos, _ o -
err-only-admins-merge = solo los administradores fusionan personas
err-same-record = es la misma ficha
err-already-merged = una de las fichas ya se fusionó
err-two-accounts = las dos fichas son cuentas que inician sesión; Hearth no fusiona dos cuentas
err-erased-merge = una ficha borrada no se puede fusionar
err-merge-undone = esta fusión ya se deshizo
err-segment-name = debe tener de 1 a 80 caracteres
done-privacy-saved = Guardado: tu elección de privacidad.
err-only-owner-erases = solo la persona propietaria borra a personas
err-owner-not-erased = la persona propietaria no se puede borrar
err-already-erased = esta persona ya se borró
err-type-erase = escribe ERASE para confirmar
err-retention-days = debe ser un número de días de 1 a { $max }, o vacío para conservarlo
err-not-found-token = no se encontró el token
err-tokens-forbidden = solo el miembro y quienes administran por encima de su rol gestionan sus tokens de API
err-token-days = debe ser de 1 a { $max } días
err-number-of-days = debe ser un número de días
err-picture-too-large = es demasiado grande: { $w }×{ $h } píxeles; como máximo { $max } megapíxeles
err-download-embedded = esta descarga solo se abre desde su enlace
err-request-timeout = la petición tardó demasiado; inténtalo de nuevo
done-password-changed = Tu contraseña cambió. Se cerraron tus otras sesiones y tus tokens de API.
done-token-revoked = Se revocó el token; ya no funciona.
err-staff-below-topics = el equipo solo actúa sobre temas de miembros por debajo de su rol; pide ayuda a quien administra o a la persona propietaria

## Added when errors became keys: the segment condition language, activity ingestion, and a few
## messages that were built with format! and so had no key.
err-channel-name = debe ser un nombre de canal: letras minúsculas, dígitos, _ o -, empezando por una letra, de 32 caracteres como mucho
err-external-id = debe tener de 1 a 200 caracteres, sin caracteres de control
err-activities-json-array = no es una lista JSON de actividades: { $error }
err-activities-json-line = la línea { $line } no es un objeto JSON: { $error }
err-activities-batch = tiene { $count } actividades; envía como mucho { $max } por petición
err-activity-item = elemento { $item }: { $error }
err-condition-unclosed-quote = en la columna { $column }: este valor entre comillas no tiene comillas de cierre
err-condition-close-paren = en la columna { $column }: falta ) para cerrar el (
err-condition-comparison = en la columna { $column }: se esperaba una comparación: =, !=, <, <=, > o >=
err-condition-equality = en la columna { $column }: se esperaba = o !=
err-condition-whole-number = en la columna { $column }: se esperaba un número entero
err-condition-span = en la columna { $column }: se esperaba un plazo como 30d (h, d o w)
err-condition-value = en la columna { $column }: se esperaba un valor (ponlo entre " si tiene espacios)
err-condition-expected = en la columna { $column }: se esperaba una condición: activity, last_active, channel, tag, field.NAME, trust_level, customer, spend, joined o kind
err-condition-within = en la columna { $column }: se esperaba < (dentro de) o > (hace más de)
err-condition-channel-equals = en la columna { $column }: channel solo admite =; escribe not channel = x para lo contrario
err-condition-field = en la columna { $column }: se esperaba field.NOMBRE, como field.city
err-condition-field-name = en la columna { $column }: se esperaba el nombre del campo después de field.
err-condition-trust-level = en la columna { $column }: los niveles de confianza van de 0 a 4
err-condition-amount = en la columna { $column }: se esperaba una cantidad como 100 o 99.50
err-condition-kind-equals = en la columna { $column }: kind solo admite =
err-condition-kind = en la columna { $column }: kind es account o contact
err-condition-empty = en la columna { $column }: la condición está vacía
err-condition-end = en la columna { $column }: se esperaba and, or, o el final de la condición
err-condition-character = en la columna { $column }: { $value } no forma parte del lenguaje de condiciones
err-condition-depth = en la columna { $column }: la condición anida más de { $max } niveles
err-condition-not-span = en la columna { $column }: { $value } no es un plazo como 30d (h, d o w)
err-condition-not-amount = en la columna { $column }: { $value } no es una cantidad como 100 o 99.50
err-condition-unknown = en la columna { $column }: { $value } no es una condición: usa activity, last_active, channel, tag, field.NAME, trust_level, customer, spend, joined o kind
err-condition-length = en la columna { $column }: una condición tiene como mucho { $max } caracteres
err-import-too-large = el archivo supera el límite de importación de { $limit } bytes; impórtalo con `hearth import` en el servidor
err-not-found-import = no se encontró la importación
err-not-found-segment = no se encontró el segmento
err-not-found-stream-consumer = no se encontró el lector de actividad
err-choose-import-file = elige un archivo para importar
err-choose-import-kind = elige qué tipo de archivo es

## Insights.
err-insights-forbidden = solo los administradores abren Estadísticas (y los moderadores, si un administrador lo permite)
err-insights-date = debe ser una fecha como 2026-12-01
err-insights-to-before-from = debe ser igual o posterior a la fecha de inicio
err-insights-range = un intervalo tiene como mucho { $max } días; elige uno más corto
err-insights-period = debe ser day, week o month
err-insights-space = no hay ningún espacio { $slug }
err-insights-preset = debe ser 7d, 30d, 90d o 12m
err-insights-cohort = debe ser week o month
err-insights-hours = debe ser un número entero de horas entre 1 y 8760
err-insights-limit = debe ser un número entero entre 1 y 100
err-insights-weight = el peso de { $name } debe ser un número entre 0 y 100
err-insights-weight-kind = { $name } no es un tipo de actividad propia de un miembro
err-insights-weight-channel = { $name } no es un nombre de canal: minúsculas, dígitos, _ y -
err-insights-weights-zero = al menos un tipo debe pesar más de 0
err-insights-weights-forbidden = solo los administradores fijan los pesos de participación
err-insights-goals-forbidden = solo los administradores fijan y quitan objetivos
err-goal-metric = debe ser active_members, new_members, questions_answered_share, median_first_response_hours o health_score
err-goal-target = debe ser un número mayor o igual que 0 (como mucho 100 para un porcentaje o la salud)
err-goal-due = debe ser un día posterior a hoy y dentro de tres años
err-goal-too-many = ya hay 20 objetivos: quite uno antes
err-insights-grant-forbidden = solo los administradores eligen quién abre Estadísticas
err-insights-viewers = debe ser admin o moderator
err-insights-segment-forbidden = solo los administradores filtran por segmento (lee las fichas de las personas)
err-owner-cannot-leave = la persona propietaria no puede eliminar su cuenta; primero haz propietario a otro miembro
err-confirm-delete-account = marca la casilla para confirmar que entiendes que no se puede deshacer
err-experiment-forbidden = solo los administradores empiezan pruebas de invitaciones
err-experiment-name = pon a la prueba un nombre de 1 a 120 caracteres
err-experiment-holdout = debe ser un número entero de 10 a 90 (la parte que se reserva, en porcentaje)
err-experiment-days = debe ser un número entero de días de 14 a 365
err-experiment-seed = debe ser un número entero de 0 a 9007199254740991, o nada para una al azar
err-experiment-segment-missing = elige un segmento guardado (no hay ninguno con ese id)
err-experiment-segment-empty = este segmento está vacío: hoy nadie cumple su condición
err-experiment-all-members = todas las personas de este segmento ya son miembros: una prueba necesita clientes que no se hayan unido
err-experiment-no-one = no se puede invitar a nadie de este segmento: { $members } ya son miembros, { $no_email } sin dirección de correo, { $unsubscribed } dados de baja, { $in_another } ya en una prueba en curso
err-experiment-too-few = solo se puede invitar a { $n } personas de este segmento; una prueba necesita al menos { $min }
err-experiment-too-many = este segmento tiene más de { $max } personas a las que invitar; acótalo
err-not-found-experiment = no se encontró la prueba de invitaciones
err-not-a-whole-number = debe ser un número entero
err-sentiment-correct-forbidden = solo el equipo corrige el sentimiento de una publicación
err-sentiment-label = debe ser positive, neutral, negative o automatic
err-sentiment-switch-forbidden = solo los administradores activan o desactivan el sentimiento
err-report-forbidden = solo los administradores reciben el informe semanal
err-report-no-mail = el informe va por correo: configura antes el correo
err-persona-name = debe ser helpers, askers, event_goers, buyers o lurkers
err-persona-empty = nadie está en este grupo en estas fechas
err-unknown-kind = { $kind } no es un tipo de tema: discussion, question, idea, announcement, poll o event
err-scope = "{ $scope }" no es un permiso: usa read, write, moderate, admin o ingest
err-scope-empty = indica al menos un permiso: read, write, moderate, admin o ingest
err-token-rate = debe ser de 1 a { $max } peticiones por minuto
err-token-scope = a este token le falta el permiso "{ $scope }" que pide este endpoint
err-webhooks-forbidden = solo los administradores gestionan webhooks
err-webhook-kind = "{ $kind }" no es un tipo de actividad que Hearth envíe (mira la lista en docs/REFERENCE.md)
err-webhook-url-long = tiene más de 2000 caracteres
err-webhook-space = no existe ese espacio
err-webhook-url = no se puede usar: { $why }
err-webhooks-max = una comunidad puede tener como mucho { $max } webhooks
err-not-found-webhook = webhook no encontrado
err-not-found-delivery = entrega no encontrada
err-delivery-pending = esta entrega ya está esperando a enviarse

# Páginas del foro: diseño, inicio, espacios, temas, publicación, historial, errores.

## Compartido entre plantillas del foro

forum-breadcrumb-label = Ruta de navegación
forum-breadcrumb-home = Inicio
forum-pages-label = Páginas
forum-watch = Seguir
forum-watching = ✓ Siguiendo
forum-answered = Respondida
forum-question = Pregunta
forum-vote-word = { $count ->
    [one] voto
   *[other] votos
}
forum-visibility = { $visibility ->
    [members] Solo miembros
    [private] Privado
    [public] Público
   *[other] { $visibility }
}
forum-topic-kind = { $kind ->
    [discussion] Conversación
    [question] Pregunta
    [announcement] Anuncio
    [poll] Encuesta
    [event] Evento
    [idea] Idea
   *[other] { $kind }
}
forum-idea-status = { $status ->
    [open] Abierta
    [under_review] En revisión
    [planned] Planificada
    [in_progress] En curso
    [done] Completada
    [declined] Descartada
   *[other] { $status }
}
forum-reaction = { $name ->
    [like] Me gusta
    [heart] Me encanta
    [laugh] Divertido
    [celebrate] Celebrar
    [insightful] Interesante
    [thanks] Gracias
   *[other] { $name }
}
forum-flag-reason = { $reason ->
    [spam] Spam
    [off_topic] Fuera de tema
    [inappropriate] Inapropiado
    [other] Otra cosa
   *[unknown] { $reason }
}

## base.html

nav-skip-to-content = Saltar al contenido
nav-account-label = Cuenta
nav-search = Buscar
nav-home = Inicio
nav-menu = Menú
nav-account-menu = Tu cuenta
nav-my-profile = Tu perfil
nav-members = Miembros
nav-moderation = Moderación
nav-waiting = { $count } en espera
nav-admin = Administración
nav-notifications = Notificaciones
nav-notifications-unread = Notificaciones, { $count } sin leer
nav-settings = Ajustes
nav-sign-out = Cerrar sesión
nav-sign-in = Iniciar sesión
nav-join = Unirse
nav-warnings-sent = { $count ->
    [one] Un moderador te envió una advertencia.
   *[other] Un moderador te envió { $count } advertencias.
}
nav-warnings-read = { $count ->
    [one] Léela
   *[other] Léelas
}
nav-confirm-email = Confirma tu dirección de correo electrónico para empezar a publicar: enviamos un enlace a
nav-confirm-email-resend = Volver a enviarlo
nav-guidelines-changed = Las normas de la comunidad son nuevas o han cambiado:
nav-guidelines-changed-link = léelas y acéptalas
nav-guidelines-changed-after = para seguir publicando.
nav-footer-powered-by = una comunidad impulsada por
nav-footer-guidelines = Normas
nav-footer-moderation-log = Registro de moderación

## macros.html

# Nombre del campo del formulario al que se refiere un error; $label es el nombre técnico del campo.
macro-field-name = { $field ->
    [title] Título
    [body] Mensaje
    [message] Mensaje
    [kind] Tipo
    [kinds] Tipos
    [poll] Encuesta
    [event] Evento
    [options] Opciones
    [email] Correo electrónico
    [password] Contraseña
    [handle] Nombre de usuario
    [display_name] Nombre visible
    [name] Nombre
    [slug] Identificador de la URL
    [description] Descripción
    [visibility] Visibilidad
    [access] Acceso
    [tagline] Lema
    [accent_color] Color de acento
    [logo] Logotipo
    [bio] Biografía
    [location] Ubicación
    [links] Enlaces
    [community_name] Nombre de la comunidad
    [accept_guidelines] Aceptación de las normas
    [answers] Respuestas
    [role] Rol
    [reason] Motivo
    [text] Texto
    [post_id] Publicación
    [topic] Tema
    [into] Destino
    [file] Archivo
    [days] Días
    [scope] Ámbito
    [quote] Cita
    [emoji] Reacción
    [member] Miembro
    [group] Grupo
    [level] Nivel
    [trust_level] Nivel de confianza
    [action] Acción
    [sort] Orden
   *[other] { $label }
}

## home.html

home-tagline-default = ¡Te damos la bienvenida! Pregunta, comparte y conoce a las personas que hacen este lugar.
home-start-heading = Primeros pasos
home-start-progress = { $done } de { $total } hechos. Cada paso se marca cuando lo completas.
home-start-done = hecho
home-start-step = { $step ->
    [brand] Pon a la comunidad tu nombre, colores y logotipo
    [space] Crea un espacio para conversar
    [join] Elige cómo entra la gente: abierta, con aprobación, por invitación o clientes
    [invite] Invita a tus primeros miembros
   *[mail] Configura el correo, para enlaces de acceso y avisos
}
home-join = Únete a la comunidad
home-sign-in = Entrar
home-latest = Lo último en la comunidad
home-replies = { $count ->
    [one] 1 respuesta
   *[other] { $count } respuestas
}
home-members = { $count ->
    [one] { $count } miembro
   *[other] { $count } miembros
}
home-spaces = { $count ->
    [one] { $count } espacio
   *[other] { $count } espacios
}
home-announcements = Anuncios
home-empty-heading = Todavía no hay espacios
home-empty-admin = Crea el primer espacio donde los miembros puedan conversar.
home-create-space = Crear un espacio
home-empty = Todavía no hay nada que ver aquí.
home-empty-guest = Todavía no hay nada que ver aquí;
home-empty-guest-link = inicia sesión
home-empty-guest-after = para ver los espacios solo para miembros.
home-topics = { $count ->
    [one] { $count } tema
   *[other] { $count } temas
}
home-posts = { $count ->
    [one] { $count } publicación
   *[other] { $count } publicaciones
}

## space.html

space-archived = Archivado
space-new-topic = Nuevo tema
space-sign-in-to-post = Inicia sesión para publicar
space-edit-space = Editar espacio
space-feed = Suscribirse (RSS)
space-feed-title = Fuente Atom de temas nuevos (RSS: feed.rss)
space-sort-label = Orden
space-sort-activity = Actividad reciente
space-sort-votes = Más votadas
space-sort-trending = Tendencias
space-sort-trending-title = Más votadas en las últimas dos semanas
space-sort-newest = Más recientes
space-filter-label = Filtrar preguntas
space-filter-all = Todas
space-filter-unanswered = Sin responder
space-filter-answered = Respondidas
space-pinned = 📌 Fijados
space-topics-label = Temas, con la actividad más reciente primero
space-idea = Idea
space-started-by = Iniciado por
space-votes = { $count ->
    [one] { $count } voto
   *[other] { $count } votos
}
space-replies = { $count ->
    [one] { $count } respuesta
   *[other] { $count } respuestas
}
space-reply-word = { $count ->
    [one] respuesta
   *[other] respuestas
}
space-pager-latest = ↑ Más recientes
space-pager-more = Más temas →
space-empty-heading = Todavía no hay temas
space-empty = Sé la primera persona en iniciar una conversación aquí.

## topic.html

topic-pinned = { $scope ->
    [community] 📌 Fijado en la comunidad
   *[other] 📌 Fijado
}
topic-replies = { $count ->
    [one] { $count } respuesta
   *[other] { $count } respuestas
}
topic-last-activity = última actividad
topic-watch-title = Cada respuesta te enviará una notificación
topic-unpin = Desfijar
topic-pin-where = Dónde fijarlo
topic-pin-space = Fijar en este espacio
topic-pin-community = Fijar en la comunidad
topic-pin = Fijar
topic-merged = Esta idea se fusionó con
topic-merged-link = la idea n.º { $id }
topic-merged-after = ; sus votos se trasladaron allí.
topic-idea-box-label = Votos y estado
topic-voted-withdraw = ✓ Votaste · retirar voto
topic-vote-for-idea = Votar por esta idea
topic-sign-in-to-vote = Inicia sesión para votar
topic-staff-tools = Equipo: estado y votos
topic-status-label = Estado
topic-status-note-label = Nota para quienes votaron
topic-status-submit = Establecer el estado y avisar a quienes votaron
topic-vote-for-label = Votar en nombre de un miembro (si te lo pidió en persona o por teléfono)
topic-vote-for-placeholder = @usuario
topic-vote-for-submit = Registrar su voto
topic-merge-label = Fusionar este duplicado con la idea número
topic-merge-submit = Fusionar (los votos se suman)
topic-poll = Encuesta
topic-poll-choose-any = elige las que quieras
topic-poll-choose-one = elige una
topic-poll-closed = cerró el
topic-poll-closes = cierra el
topic-poll-options = Opciones
topic-poll-change-vote = Cambiar mi voto
topic-poll-vote = Votar
topic-poll-your-choice = tu elección
topic-poll-voters = { $count ->
    [one] { $count } miembro votó
   *[other] { $count } miembros votaron
}
topic-poll-results-after-close = Los resultados se mostrarán cuando cierre la encuesta.
topic-poll-results-after-vote = Los resultados se mostrarán cuando votes.
topic-accepted-answer = ✓ Respuesta aceptada
topic-accepted-answer-link = ir a la respuesta
topic-edited-title = Editado el { $date }
topic-edited = editado
topic-wiki-title = Los miembros con nivel de confianza 2 o superior pueden editar esta publicación
topic-wiki = wiki
topic-answer-badge = ✓ Respuesta
topic-post-deleted = Esta publicación se eliminó.
topic-post-hidden = Esta publicación está oculta mientras los moderadores la revisan.
topic-post-hidden-own = Oculta para los demás mientras los moderadores la revisan.
topic-reaction-and-more = y { $count } más
topic-react = Reaccionar
topic-quote = Citar
topic-more-actions = Más acciones para la publicación n.º { $number }
topic-withdraw-answer = Retirar respuesta
topic-accept-answer = ✓ Aceptar como respuesta
topic-edit = Editar
topic-wiki-off = Dejar de ser wiki
topic-wiki-on = Convertir en wiki
topic-delete-topic-confirm = ¿Eliminar este tema y todas sus respuestas?
topic-delete-post-confirm = ¿Eliminar esta publicación?
topic-delete = Eliminar
topic-flag = Denunciar
topic-flag-legend = ¿Qué problema tiene esta publicación?
topic-flag-text-label = Cuéntales más a los moderadores
topic-flag-text-hint = (obligatorio para «Otra cosa»)
topic-flag-submit = Enviar a los moderadores
topic-pager-first = ↑ Primera página
topic-pager-more = Más respuestas →
topic-reply-heading = Responder
# $error es el mensaje de validación del servidor.
topic-reply-error = Mensaje: { $error }
topic-reply-label = Tu respuesta
topic-reply-placeholder = Escribe una respuesta… (puedes usar Markdown)
topic-reply-submit = Publicar respuesta
topic-sign-in-to-reply = Inicia sesión para responder

## new_topic.html

new-topic-breadcrumb = Nuevo tema
new-topic-heading = Iniciar un tema en { $space }
new-topic-kind-legend = ¿Qué tipo de tema?
new-topic-kind-discussion-hint = inicia una conversación
new-topic-kind-question-hint = pregunta algo; la mejor respuesta puede marcarse como la respuesta
new-topic-kind-announcement-hint = novedades del equipo, fijadas arriba en este espacio
new-topic-pin-community = Fijarlo también arriba en la página de inicio
new-topic-kind-poll-hint = pide a los miembros que elijan; completa las opciones más abajo
new-topic-kind-idea-hint = sugiere algo; los miembros votan y el equipo indica en qué estado está
new-topic-poll-legend-hint = (para temas de encuesta)
new-topic-poll-options-label = Opciones, una por línea
new-topic-poll-options-example-1 = Centeno
new-topic-poll-options-example-2 = Espelta
new-topic-poll-options-example-3 = Masa madre
new-topic-poll-multiple = Los miembros pueden elegir varias
new-topic-poll-closes-label = Fecha de cierre
new-topic-poll-closes-hint = (opcional, hora de { $zone })
new-topic-poll-results-label = Mostrar resultados
new-topic-poll-results-after-vote = después de votar
new-topic-poll-results-after-close = solo cuando cierre la encuesta
new-topic-title-label = Título
new-topic-title-placeholder = ¿De qué se trata?
new-topic-body-label = Mensaje
new-topic-body-hint = Puedes usar Markdown: **negrita**, _cursiva_, [enlaces](https://…), listas y `código`.
new-topic-submit = Publicar tema
new-topic-cancel = Cancelar

## edit_post.html

edit-post-heading = Editar publicación
edit-post-intro = La versión anterior se guarda en el historial de la publicación.
edit-post-title-label = Título
edit-post-body-label = Mensaje
edit-post-reason-label = Por qué editas la publicación de otra persona
edit-post-reason-hint = (se guarda en el registro de auditoría)
edit-post-submit = Guardar
edit-post-cancel = Cancelar

## history.html

history-heading = Historial de ediciones
history-summary = { $count ->
    [one] { $count } versión anterior, de la más reciente a la más antigua.
   *[other] { $count } versiones anteriores, de la más reciente a la más antigua.
}
history-current = Versión actual
history-replaced = Reemplazada

## error.html

error-back-home = Volver a la comunidad

nav-language = Idioma
nav-language-submit = Cambiar

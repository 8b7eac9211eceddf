# Páginas de administración (templates/admin/)

## Compartido
admin-heading = Administración
admin-optional = (opcional)
admin-col-actions = Acciones
admin-yes = sí
admin-no = no
admin-role-name = { $role ->
    [guest] invitado
    [member] miembro
    [approver] aprobador
    [moderator] moderador
    [admin] administrador
    [owner] propietario
   *[other] { $role }
}
admin-role-option = { $role ->
    [guest] Invitado
    [member] Miembro
    [approver] Aprobador
    [moderator] Moderador
    [admin] Administrador
    [owner] Propietario
   *[other] { $role }
}
admin-visibility-name = { $visibility ->
    [public] público
    [members] miembros
    [private] privado
   *[other] { $visibility }
}
admin-visibility-label = { $visibility ->
    [public] Público
    [members] Miembros
    [private] Privado
   *[other] { $visibility }
}
admin-visibility-help = { $visibility ->
    [public] cualquiera, con sesión iniciada o no
    [members] miembros con sesión iniciada
    [private] solo las personas y los roles a los que des acceso
   *[other] {""}
}

## _nav.html
admin-nav-label = Administración
admin-nav-group-community = Comunidad
admin-nav-group-people = Personas y estadísticas
admin-nav-group-running = Funcionamiento
admin-nav-spaces = Espacios
admin-nav-members = Miembros
admin-nav-people = Personas
admin-nav-imports = Importaciones
admin-nav-segments = Segmentos
admin-nav-membership = Membresía
admin-nav-groups = Grupos
admin-nav-branding = Marca
admin-nav-mail = Correo
admin-nav-audit = Registro de auditoría
admin-nav-webhooks = Webhooks
admin-nav-jobs = Tareas

## audit.html
admin-audit-heading = Registro de auditoría
admin-audit-intro = Cada acción del equipo: quién, qué, sobre qué, por qué y cuándo.
admin-audit-published-before = El
admin-audit-published-link = registro público de moderación
admin-audit-published-after = muestra lo que se ocultó o eliminó en los espacios públicos, y por qué, sin nombres.
admin-audit-unpublished = El registro público de moderación está desactivado.
admin-audit-stop-publishing = Dejar de publicar
admin-audit-publish = Publicar un registro público de moderación
admin-audit-search-label = Buscar en el registro de auditoría
admin-audit-search-placeholder = Acción, usuario o motivo
admin-audit-search = Buscar
admin-audit-export = Exportar CSV
admin-audit-col-when = Cuándo
admin-audit-col-who = Quién
admin-audit-col-action = Acción
admin-audit-col-on = Sobre
admin-audit-col-why = Motivo
admin-audit-operator = operador
admin-audit-target-type = { $type ->
    [post] publicación
    [topic] tema
    [member] miembro
    [space] espacio
    [invite] invitación
    [application] solicitud
    [job] tarea
   *[other] { $type }
}
admin-audit-older = Más antiguas →
admin-audit-no-match = Nada coincide con «{ $query }».
admin-audit-empty = Todavía no hay acciones del equipo.

## branding.html
admin-branding-heading = Marca
admin-branding-saved = Guardado. Todas las páginas usan ya la nueva marca.
admin-branding-name = Nombre de la comunidad
admin-branding-tagline = Lema
admin-branding-accent = Color de acento
admin-branding-logo = Logotipo
admin-branding-logo-formats = (PNG, JPEG, GIF o WebP)
admin-branding-current-logo = Logotipo actual
admin-branding-remove-logo = Quitar el logotipo actual
admin-branding-save = Guardar la marca

## group.html
admin-group-add-label = Añadir un miembro por su usuario
admin-group-handle-placeholder = @usuario
admin-group-add = Añadir
admin-group-remove-label = Quitar a { $handle } del grupo
admin-group-remove = Quitar
admin-group-empty = Todavía no hay nadie en este grupo.
admin-group-delete-confirm = ¿Eliminar el grupo { $name }? Sus miembros pierden los espacios a los que el grupo daba acceso.
admin-group-delete = Eliminar grupo

## groups.html
admin-groups-heading = Grupos
admin-groups-help-before = Para dar a un grupo acceso a un espacio privado, escribe
admin-groups-help-after = en el acceso del espacio.
admin-groups-col-group = Grupo
admin-groups-col-slug = Identificador
admin-groups-col-members = Miembros
admin-groups-empty = Todavía no hay grupos.
admin-groups-create-heading = Crear un grupo
admin-groups-name = Nombre
admin-groups-slug = Identificador
admin-groups-slug-hint = Letras minúsculas, dígitos y guiones, p. ej.
admin-groups-description = Descripción
admin-groups-create = Crear grupo

## jobs.html
admin-jobs-heading = Tareas en segundo plano
admin-jobs-intro = El correo, las notificaciones y otros efectos secundarios se ejecutan aquí, después del cambio que los provocó.
admin-jobs-waiting = en espera
admin-jobs-done = { $count ->
    [one] completada
   *[other] completadas
}
admin-jobs-failed = { $count ->
    [one] fallida
   *[other] fallidas
}
admin-jobs-failed-heading = Tareas fallidas
admin-jobs-col-job = Tarea
admin-jobs-col-attempts = Intentos
admin-jobs-col-last-error = Último error
admin-jobs-col-failed = Falló
admin-jobs-retry = Reintentar
admin-jobs-empty = Ninguna. Las tareas que fallan se siguen reintentando con espera progresiva; tras 8 intentos aparecen aquí.
admin-stream-heading = Lectores de actividad
admin-stream-intro = Partes de Hearth que leen el registro de actividad después de escribirse, cada una a su ritmo. «Pendientes» es cuántas actividades no ha leído todavía; debería quedarse cerca de cero. Volver a empezar hace que un lector lea de nuevo todo el registro.
admin-stream-col-reader = Lector
admin-stream-col-handled = Leídas
admin-stream-col-behind = Pendientes
admin-stream-col-updated = Último avance
admin-stream-cursor = en la actividad { $id }
admin-stream-reset = Volver a empezar

## mail.html
admin-mail-heading = Servidor de correo
admin-mail-via = El correo sale por
admin-mail-from = , desde
admin-mail-links = . Los enlaces de los correos empiezan por
admin-mail-test = Enviarme un correo de prueba
admin-mail-test-hint = Envía ahora un correo a { $email } y muestra lo que respondió el servidor de correo.
admin-mail-disabled = No hay ningún servidor de correo configurado, así que Hearth no envía correos: las notificaciones se quedan en la aplicación y nadie puede restablecer su contraseña por correo.
admin-mail-setup-set = Define
admin-mail-setup-and = y
admin-mail-setup-in = en
admin-mail-setup-or = (o
admin-mail-setup-restart = ) y reinicia. Consulta docs/OPERATIONS.md.
admin-mail-recent-heading = Correo reciente
admin-mail-col-subject = Asunto
admin-mail-col-state = Estado
admin-mail-col-queued = En cola desde
admin-mail-state = { $state ->
    [sent] enviado
    [sending] enviando
   *[other] { $state }
}
admin-mail-empty = Todavía no hay correo.

## members.html
admin-members-heading = Miembros
admin-members-col-member = Miembro
admin-members-col-email = Correo electrónico
admin-members-col-role = Rol
admin-members-col-trust = Confianza
admin-members-col-joined = Se unió
admin-members-older = Miembros más antiguos →
admin-members-add-heading = Añadir un miembro
admin-members-added = Se añadió a @{ $handle }.
admin-members-email = Correo electrónico
admin-members-handle = Usuario
admin-members-name = Nombre
admin-members-role = Rol
admin-members-password = Contraseña
admin-members-add = Añadir miembro

## membership.html
admin-membership-invite-link = Enlace de invitación
admin-membership-invite-copy = Copiar enlace
admin-membership-invite-copied = Copiado
admin-membership-invite-once = Envía este enlace a quienes invites. Solo se muestra esta vez; puedes revocarlo abajo.
admin-membership-join-heading = Cómo se une la gente
admin-membership-join-mode = Modo de acceso
admin-membership-mode-open = Abierto: cualquiera puede registrarse
admin-membership-mode-approval = Con aprobación: la gente lo solicita y los aprobadores aceptan o rechazan
admin-membership-mode-invite = Solo por invitación: enlaces de invitación e invitaciones por correo
admin-membership-mode-customers = Clientes: solo las direcciones de la lista de clientes
admin-membership-questions = Preguntas para los solicitantes
admin-membership-questions-hint = (una por línea, hasta 10)
admin-membership-trust-settings = Umbrales de los niveles de confianza
admin-membership-trust-settings-hint = Un miembro sube a un nivel cuando cumple todas sus cifras (se comprueba cada hora). La tabla al final de la página dice qué puede hacer cada nivel.
admin-membership-spam-threshold = Retener las publicaciones a las que el filtro de spam dé una puntuación igual o superior a (%)
admin-membership-save = Guardar
admin-membership-guidelines-heading = Normas
admin-membership-guidelines-version = Versión { $version }. Al guardar un cambio, se pide a todos los miembros que vuelvan a aceptarlas.
admin-membership-guidelines-none = Todavía no hay normas. Una vez escritas, la gente las acepta al unirse.
admin-membership-guidelines-label = Normas (Markdown)
admin-membership-guidelines-save = Guardar normas
admin-membership-customers-heading = Lista de clientes
admin-membership-customers-count = { $count ->
    [one] { $count } dirección.
   *[other] { $count } direcciones.
}
admin-membership-customers-help-before = En el modo de clientes, solo estas pueden registrarse. Sube un CSV con una columna
admin-membership-customers-help-after = (sirve una exportación de clientes de Shopify o Stripe), o una dirección por línea; reemplaza la lista.
admin-membership-customers-file = Archivo CSV
admin-membership-customers-replace = Reemplazar la lista
admin-invites-heading = Invitaciones
admin-invites-email = Correo electrónico
admin-invites-email-hint = (déjalo vacío para obtener un enlace que compartir)
admin-invites-no-mail = no hay servidor de correo configurado
admin-invites-uses = Usos
admin-invites-days = Días
admin-invites-create = Crear invitación
admin-invites-col-invite = Invitación
admin-invites-col-used = Usada
admin-invites-col-expires = Caduca
admin-invites-col-state = Estado
admin-invites-email-to = Correo a { $email }
admin-invites-link = Enlace
admin-invites-revoked = revocada
admin-invites-usable = válida
admin-invites-spent = agotada
admin-invites-revoke = Revocar
admin-spam-heading = Filtro de spam
admin-spam-intro = Hearth retiene las publicaciones que parecen spam para que un moderador las mire. Aprende de cada decisión de tus moderadores sobre una publicación retenida (aprobar: no es spam; ocultar o borrar: spam), y además retiene los enlaces de miembros recién llegados, las primeras publicaciones muy rápidas y las copias de una misma publicación.
admin-spam-measured = Qué tal lo hace, comprobado con { $decisions } decisiones recientes ({ $spam } de ellas spam) de las que no aprendió, reteniendo lo que puntúa un { $threshold } % o más:
admin-spam-col-rule = Qué retiene publicaciones
admin-spam-col-precision = Retenidas que eran spam de verdad
admin-spam-col-recall = Spam que detectó
admin-spam-precision-term = Precisión: de lo que retuvo, la parte que era spam
admin-spam-recall-term = Exhaustividad: del spam, la parte que retuvo
admin-spam-col-held-out = Publicaciones comprobadas
admin-spam-filter = El filtro que aprende
admin-spam-links-only = Retener toda publicación con un enlace
admin-spam-baseline = (para comparar)
admin-spam-not-enough = Todavía no hay suficientes decisiones para medir.
admin-spam-not-ready = Hasta que los moderadores hayan decidido sobre al menos 5 publicaciones de spam y 5 legítimas, solo las heurísticas retienen publicaciones.
admin-keywords-heading = Reglas de palabras clave
admin-keywords-intro = Las publicaciones que contienen una frase (sin distinguir mayúsculas y minúsculas) se marcan para revisión o se retienen hasta que un moderador las aprueba.
admin-keywords-phrase = Frase
admin-keywords-action = Acción
admin-keywords-option-flag = Marcar
admin-keywords-option-hold = Retener
admin-keywords-add = Añadir regla
admin-keywords-action-name = { $action ->
    [flag] marcar
    [hold] retener
   *[other] { $action }
}
admin-keywords-remove-label = Quitar la regla { $pattern }
admin-keywords-remove = Quitar
admin-trust-heading = Niveles de confianza
admin-trust-reach = Para llegar al nivel { $level } ({ $name })
admin-trust-bound = { $bound ->
    [most] como máximo
   *[least] como mínimo
}
admin-trust-measure = { $measure ->
    [days_since_join] Días desde que se unió
    [posts] Publicaciones
    [days_active] Días con actividad
    [replies] Respuestas
    [reactions_given] Reacciones dadas
    [reactions_received] Reacciones recibidas
    [days_active_recent] Días con actividad, últimos 100 días
    [replies_recent] Respuestas, últimos 100 días
    [reactions_received_recent] Reacciones recibidas, últimos 100 días
    [moderated_posts_recent] Publicaciones ocultadas o borradas por moderadores, últimos 100 días
    [restrictions_recent] Silencios, suspensiones o bloqueos, últimos 100 días
    [accepted_answers] Respuestas aceptadas
   *[other] { $measure }
}
admin-trust-intro = Los miembros suben de nivel según lo que hacen (se comprueba cada hora); el equipo puede fijar y bloquear el nivel de un miembro en su ficha. Los niveles 1–2 se conservan una vez alcanzados; los niveles 3–4 se conservan mientras el miembro siga cumpliendo los requisitos en los últimos 100 días. Los miembros nuevos (nivel 0) están limitados en su primer día a { $topics } temas y { $posts } publicaciones.
admin-trust-col-level = Nivel
admin-trust-col-posts = Publicaciones al día
admin-trust-col-links = Enlaces e imágenes
admin-trust-col-flag-weight = Peso de las denuncias
admin-trust-col-flags-per-day = Denuncias al día
admin-trust-col-wiki = Editar publicaciones wiki
admin-trust-level-name = { $name ->
    [new] nuevo
    [basic] básico
    [member] miembro
    [regular] habitual
    [leader] líder
   *[other] { $name }
}

## space_edit.html y spaces.html
admin-space-archived = Archivado
admin-space-name = Nombre
admin-space-address = Dirección
admin-space-description = Descripción
admin-space-who-can-see = Quién puede verlo
admin-space-edit-heading = Editar
admin-space-edit-kinds = Tipos de tema
admin-space-edit-kind-discussions = Debates
admin-space-edit-kind-questions = Preguntas
admin-space-edit-kind-questions-hint = (con respuestas aceptadas)
admin-space-edit-kind-ideas = Ideas
admin-space-edit-kind-ideas-hint = (con votos y estados)
admin-space-edit-kind-polls = Encuestas
admin-space-edit-access = Acceso privado
admin-space-edit-access-hint = Para espacios privados: usuarios y roles (member, moderator, admin) que pueden verlo, separados por comas. Los administradores siempre pueden.
admin-space-edit-save = Guardar
admin-space-icon-heading = Imagen
admin-space-icon-label = Una imagen cuadrada para este espacio
admin-space-icon-hint = PNG, JPEG, GIF o WebP. Se recorta en cuadrado y se muestra junto al nombre del espacio; sin ella, se muestra su primera letra.
admin-space-icon-save = Subir imagen
admin-space-icon-remove = Quitar imagen
admin-space-edit-restore-heading = Restaurar
admin-space-edit-restore-intro = El espacio está archivado: está oculto para los miembros y no admite temas nuevos.
admin-space-edit-restore = Restaurar espacio
admin-space-edit-archive-heading = Archivar
admin-space-edit-archive-intro = Archivar oculta el espacio a los miembros e impide crear temas nuevos. No se elimina nada; puedes restaurarlo.
admin-space-edit-archive-confirm = ¿Archivar este espacio?
admin-space-edit-archive = Archivar espacio
admin-spaces-welcome-title = Tu comunidad está lista.
admin-spaces-welcome-body = Crea uno o dos espacios donde los miembros puedan conversar y luego invítalos.
admin-spaces-heading = Espacios
admin-spaces-col-space = Espacio
admin-spaces-col-visibility = Visibilidad
admin-spaces-col-topics = Temas
admin-spaces-edit = Editar
admin-spaces-empty = Todavía no hay espacios.
admin-spaces-new-heading = Nuevo espacio
admin-spaces-name-placeholder = Preguntas y ayuda
admin-spaces-slug-placeholder = preguntas
admin-spaces-slug-hint = El espacio estará en /s/dirección. Déjalo vacío para derivarla del nombre.
admin-spaces-create = Crear espacio

admin-branding-language = Idioma predeterminado
admin-branding-time-zone = Zona horaria predeterminada
admin-branding-time-zone-help = (las fechas se muestran en ella salvo que el miembro elija la suya)
admin-space-edit-kind-events = Eventos
admin-space-edit-kind-events-hint = (los miembros pueden crearlos; el equipo siempre puede)

## The audit log's actions, in words (the stored code, with - for .)
audit-action = { $action ->
    [application-approved] aprobó una solicitud
    [application-declined] rechazó una solicitud
    [community-branding_updated] cambió la imagen de la comunidad
    [community-customer_list_replaced] sustituyó la lista de clientes
    [community-guidelines_changed] cambió las normas
    [community-locale_updated] cambió el idioma o la zona horaria
    [community-membership_changed] cambió cómo entra la gente
    [community-mod_log_published] publicó el registro de moderación
    [community-mod_log_unpublished] dejó de publicar el registro de moderación
    [event-cancelled] canceló un evento
    [group-created] creó un grupo
    [group-deleted] borró un grupo
    [group-member_added] añadió a alguien a un grupo
    [group-member_removed] quitó a alguien de un grupo
    [idea-merged] fusionó ideas
    [idea-status_set] cambió el estado de una idea
    [idea-vote_recorded] registró un voto en nombre de alguien
    [insights-experiment_started] empezó una prueba de invitaciones
    [insights-sentiment_switched] activó o desactivó el sentimiento
    [insights-viewers_changed] cambió quién ve las estadísticas
    [insights-weights_changed] cambió los pesos de participación
    [invite-created] creó una invitación
    [invite-revoked] revocó una invitación
    [job-retried] reintentó una tarea
    [keyword_rule-added] añadió una regla de palabras
    [keyword_rule-deleted] borró una regla de palabras
    [mail-test_sent] envió un correo de prueba
    [member-added] añadió un miembro
    [member-banned] expulsó a un miembro
    [member-noted] añadió una nota del equipo
    [member-restriction_ended] terminó una restricción
    [member-silenced] silenció a un miembro
    [member-suspended] suspendió a un miembro
    [member-trust_set] fijó un nivel de confianza
    [member-warned] advirtió a un miembro
    [members-erased] borró a un miembro
    [members-merged] fusionó fichas
    [members-not_same] marcó fichas como personas distintas
    [members-unmerged] deshizo una fusión
    [post-approved] aprobó una publicación
    [post-deleted] borró una publicación
    [post-deleted_by_staff] borró la publicación de otra persona
    [post-edited_by_staff] editó la publicación de otra persona
    [post-hidden] ocultó una publicación
    [space-archived] archivó un espacio
    [space-created] creó un espacio
    [space-restored] restauró un espacio
    [space-updated] cambió un espacio
    [stream-reset] reinició un lector del flujo
    [token-revoked] revocó un token de la API
    [topic-pinned] fijó un tema
    [topic-unpinned] desfijó un tema
    [webhook-created] añadió un webhook
    [webhook-deleted] eliminó un webhook
    [webhook-disabled] desactivó un webhook
    [webhook-enabled] activó un webhook
    [webhook-secret_rolled] renovó el secreto de un webhook
    [badge-created] creó una insignia
    [badge-deleted] borró una insignia
    [points-flag_dismissed] descartó un aviso de puntos
    [points-flag_reversed] retiró puntos señalados
    [points-rules_changed] cambió las reglas de puntos
    [points-season_started] empezó una temporada
    [redemption-cancelled] canceló un canje
    [redemption-fulfilled] entregó un canje
    [reward-codes_added] añadió códigos de recompensa
    [reward-created] creó una recompensa
    [reward-updated] cambió una recompensa
   *[other] { $action }
}
webhooks-heading = Webhooks
webhooks-intro = Un webhook envía lo que pasa en la comunidad a otro sistema (una tienda, un chat, una hoja de cálculo) en cuanto pasa, firmado para que el receptor sepa que viene de aquí.
webhooks-col-url = Envía a
webhooks-col-sends = Qué envía
webhooks-col-state = Estado
webhooks-every-kind = todo (salvo la actividad del equipo y la personal)
webhooks-in-space = en { $space }
webhooks-on = Activo
webhooks-off = Desactivado
webhooks-empty = Todavía no hay webhooks.
webhooks-docs-hint = Cada entrega es un POST JSON con las cabeceras de Standard Webhooks
webhooks-new-heading = Añadir un webhook
webhooks-url = Dirección de destino
webhooks-url-hint = Una dirección https:// (o http://) de internet. Se rechazan las direcciones de tu propia red.
webhooks-what = Qué enviar
webhooks-every-kind-choice = Todo lo que pasa (moderación, compras y listas de correo solo si se marcan o escriben abajo)
webhooks-some-kinds-choice = Solo estos tipos
webhooks-other-kinds = Otros tipos, separados por comas
webhooks-space = Espacio
webhooks-space-all = Toda la comunidad
webhooks-private-hint = La actividad de un espacio privado solo se envía a un webhook de ese espacio.
webhooks-create = Añadir webhook
webhooks-back = Todos los webhooks
webhooks-done-created = El webhook está activo. Da al receptor el secreto de abajo para que compruebe la firma de cada entrega.
webhooks-done-rolled = Hay un secreto nuevo. El anterior sigue firmando a la vez durante 24 horas, para que el receptor cambie sin cortes.
webhooks-done-enabled = El webhook vuelve a estar activo. Lo que esperaba en su cola sale ahora, en orden.
webhooks-done-disabled = El webhook está desactivado. La actividad nueva espera en su cola hasta que se active.
webhooks-done-redelivered = La entrega sale de nuevo en un momento.
webhooks-done-deleted = Se eliminó el webhook.
webhooks-off-heading = Este webhook está desactivado.
webhooks-secret = Secreto de firma
webhooks-secret-hint = El receptor comprueba con él la cabecera webhook-signature (las bibliotecas de Standard Webhooks lo hacen en una llamada).
webhooks-switch-off = Desactivar
webhooks-switch-on = Activar
webhooks-roll = Secreto nuevo
webhooks-roll-confirm = ¿Crear un secreto nuevo? El anterior sigue funcionando 24 horas.
webhooks-delete = Eliminar
webhooks-delete-confirm = ¿Eliminar este webhook y su registro de entregas?
webhooks-deliveries-heading = Entregas
webhooks-deliveries-intro = Las más recientes primero. Una entrega fallida se reintenta a los 5 segundos y luego cada vez cuatro veces más tarde, 8 veces en total; después el webhook se desactiva y los administradores reciben un correo.
webhooks-deliveries-empty = Aún no se ha enviado nada.
webhooks-col-when = Cuándo
webhooks-col-kind = Tipo
webhooks-col-result = Resultado
webhooks-status-delivered = Entregada
webhooks-status-failed = Fallida
webhooks-status-skipped = No enviada
webhooks-status-pending = En espera
webhooks-attempts = { $count ->
    [one] 1 intento
   *[other] { $count } intentos
}
webhooks-next-attempt = Próximo intento
webhooks-payload = Lo que se envió
webhooks-response = La respuesta del receptor
webhooks-redeliver = Enviar de nuevo
webhooks-older = Entregas anteriores

# Inteligencia de miembros: personas, la ficha de una persona, importaciones

## Personas
people-heading = Personas
people-intro = Todas las personas que conoce tu comunidad, en cada canal: miembros del hub y contactos llegados por importaciones (Discord, Slack, la lista de correo, la tienda).
people-search-label = Buscar personas
people-search-placeholder = Nombre, correo o usuario
people-search = Buscar
people-col-name = Nombre
people-col-email = Correo
people-col-kind = Tipo
people-col-trust = Nivel de confianza
people-col-since = Desde
people-kind = { $kind ->
    [account] miembro
    [contact] contacto
   *[other] { $kind }
}
people-none = Nadie coincide.
people-older = Más personas

## Una persona
person-saved = { $what ->
    [tags] Etiquetas guardadas.
    [merged] Fichas fusionadas.
    [unmerged] Fusión deshecha: las fichas vuelven a estar separadas.
    [erased] Borrada: no queda nada personal de esta ficha.
    [field] Campo guardado.
    [note] Nota añadida.
    [token] Se revocó el token; ya no funciona.
   *[other] Guardado.
}
person-merged-into = Esta ficha se fusionó con
person-handle = Usuario
person-role = Rol
person-activities = Actividades
person-last-active = Última actividad
person-last-seen = Última visita
person-spend = Gasto total
person-timeline = Cronología
person-timeline-older = Actividad anterior →
person-timeline-newest = ← Volver a lo más reciente
person-no-activity = Aún no hay nada registrado.
person-orders = Pedidos
person-order = Pedido
person-order-items = Artículos
person-order-total = Total
person-order-refunded = Reembolsado
person-order-date = Fecha
person-no-orders = Sin pedidos.
person-identities = Identidades
person-tags = Etiquetas
person-tag-remove = Quitar la etiqueta { $tag }
person-tag-add-label = Añadir etiquetas
person-tag-placeholder = vip, mayorista
person-tag-add = Añadir
person-fields = Campos personalizados
person-field-name = Campo
person-field-value = Valor (vacío lo elimina)
person-field-save = Guardar campo
person-notes = Notas privadas
person-note-label = Nota nueva (solo el equipo)
person-note-add = Añadir nota
person-moderation = Historial de moderación
person-warning = aviso

## Importaciones
imports-audit = Importaciones
imports-col-file = Archivo
imports-col-read = Filas leídas
imports-col-created = Miembros creados
imports-col-matched = Asociados a existentes
imports-col-activities = Actividades creadas
imports-col-skipped = Filas omitidas
imports-failed = fallida
imports-none = Aún no se ha importado nada.
imports-upload = Importar un archivo
imports-upload-help = Hasta { $mb } MB aquí; los archivos más grandes, con hearth import en el servidor. Se importa el archivo entero o nada, y volver a importar el mismo archivo no cambia nada.
imports-kind = Qué es el archivo
imports-kind-name = { $kind ->
    [members] Miembros (CSV)
    [activities] Actividades (CSV o NDJSON)
    [shopify-orders] Exportación de pedidos de Shopify
    [shopify-customers] Exportación de clientes de Shopify
    [stripe-customers] Exportación de clientes de Stripe
    [stripe-payments] Exportación de pagos de Stripe
    [mailchimp] Exportación de audiencia de Mailchimp
    [discord] Canal de Discord (JSON de DiscordChatExporter)
    [slack] Exportación de un espacio de Slack (zip)
   *[other] { $kind }
}
imports-file = Archivo
imports-start = Importar
imports-failed-heading = No se importó nada.
imports-done = Importado en { $seconds } s.
imports-skipped-heading = Filas omitidas
imports-line = Línea
imports-reason = Motivo
imports-skipped-more = Se muestran las primeras { $shown } de { $total }.
imports-back = Todas las importaciones
imports-nothing-written = La importación se detuvo y no se escribió nada de ella. Corrige el archivo y vuelve a importarlo.
imports-running = Importando… { $rows } filas leídas hasta ahora.
imports-progress = Progreso de la importación
imports-refreshes = Esta página se actualiza sola cada segundo.

## Tipos de actividad en una cronología (los demás muestran su nombre)
activity-kind = { $kind ->
    [joined] se unió
    [topic_started] inició un tema
    [question_asked] hizo una pregunta
    [replied] respondió
    [reacted] reaccionó
    [unreacted] retiró una reacción
    [answer_accepted] respuesta aceptada
    [answer_unaccepted] se retiró la respuesta aceptada
    [idea_voted] votó una idea
    [idea_unvoted] retiró su voto a una idea
    [idea_status_changed] cambió el estado de una idea
    [idea_merged] ideas fusionadas
    [poll_voted] votó en una encuesta
    [event_registered] se apuntó a un evento
    [event_rsvp_changed] cambió su respuesta a un evento
    [event_attended] asistió a un evento
    [event_checked_in] llegó a un evento
    [profile_updated] actualizó su perfil
    [tags_changed] etiquetas cambiadas
    [member_erased] ficha borrada
    [application_reviewed] solicitud revisada
    [invite_created] creó una invitación
    [guidelines_accepted] aceptó las normas
    [trust_level_changed] nivel de confianza cambiado
    [group_changed] grupos cambiados
    [post_held] publicación retenida para revisión
    [flagged] denunció una publicación
    [moderated] tomó una medida de moderación
    [member_warned] advertido por el equipo
    [member_restricted] restringido por el equipo
    [restriction_ended] fin de la restricción
    [mod_note_added] nota del equipo añadida
    [mentioned] fue mencionado
    [post_edited] editó una publicación
    [post_deleted] borró una publicación
    [post_wiki_changed] cambió el modo wiki de una publicación
    [topic_pinned] fijó un tema
    [topic_unpinned] desfijó un tema
    [visited] visitó
    [message_sent] publicó un mensaje
    [message_replied] respondió a un mensaje
    [reaction_added] reaccionó a un mensaje
    [order_placed] hizo un pedido
    [order_refunded] pedido reembolsado
    [payment_made] pagó
    [payment_refunded] pago reembolsado
    [subscribed] se suscribió a la lista
    [unsubscribed] se dio de baja de la lista
    [email_cleaned] dirección eliminada de la lista
    [purchased] compró en persona
    [members_merged] fichas fusionadas
    [merge_undone] fusión deshecha
    [level_reached] subió de nivel
    [badge_granted] recibió una insignia
    [reward_redeemed] canjeó una recompensa
    [referred] trajo a alguien
   *[other] { $kind }
}

## Fusiones
merge-link = Fusiones sugeridas
merge-heading = Fusiones sugeridas
merge-intro = Fichas que pueden ser de una misma persona, con las pruebas. Hearth nunca fusiona por un nombre o un usuario por sí solo: decides tú. Una fusión se puede deshacer por completo.
merge-and = y
merge-do = Fusionar
merge-dismiss = No es la misma persona
merge-none = No hay sugerencias por ahora.
merge-history = Fusiones
merge-folded-in = La ficha #{ $id } se fusionó con esta
merge-folded-into = Fusionada con #{ $id }
merge-undo = Deshacer la fusión
merge-undone = deshecha

## Segmentos
segments-heading = Segmentos
segments-col-name = Nombre
segments-col-condition = Condición
segments-col-members = Personas ahora
segments-none = Aún no hay segmentos.
segments-new = Segmento nuevo
segments-name = Nombre
segments-condition = Condición
segments-create = Crear segmento
segments-help-summary = Qué puede decir una condición
segments-saved = Segmento guardado.
segments-tagged = Se etiquetó a { $n } personas.
segments-count = { $n ->
    [one] 1 persona
   *[other] { $n } personas
}
segments-export = Exportar CSV
segments-tag-label = Etiqueta para todas las personas del segmento
segments-tag-placeholder = una etiqueta para todas
segments-tag-all = Etiquetar a todas
segments-members = Quién está ahora
segments-empty = Nadie coincide por ahora.
segments-edit = Cambiar el segmento
segments-save = Guardar
segments-delete = Borrar segmento
segments-builder-legend = O créalo eligiendo
segments-builder-hint = Elige qué buscar, escribe un número o una palabra si hace falta y añádelo: se escribe en la condición de arriba, y no se guarda nada hasta que guardes.
segments-builder-rule = Personas que
segments-builder-value = Número o palabra
segments-builder-value-hint = Días, veces, un importe, una etiqueta o un canal (discord, slack, shop…)
segments-builder-days = En los últimos … días
segments-builder-days-hint = Solo para «hicieron algo … veces»
segments-builder-join = Únelo a lo que ya hay con
segments-builder-and = y (deben cumplirse ambas)
segments-builder-or = o (basta con una)
segments-builder-add = Añadir a la condición
segments-builder-unsaved = Aún sin guardar: revisa la condición y guarda.
segments-examples-heading = O empieza con un ejemplo
segments-rule = { $rule ->
    [active_within] estuvieron activas en los últimos … días
    [inactive_for] llevan … días sin actividad
    [active_times] hicieron algo al menos … veces
    [joined_within] se unieron en los últimos … días
    [joined_before] se unieron hace más de … días
    [customer] son clientes (compraron o pagaron)
    [not_customer] no son clientes
    [slipping] estaban entre las más activas y llevan de 7 a 28 días en silencio
    [spend_at_least] han gastado al menos …
    [has_tag] tienen la etiqueta …
    [lacks_tag] no tienen la etiqueta …
    [on_channel] están en el canal …
    [trust_at_least] tienen nivel de confianza … o más
    [has_account] tienen cuenta aquí
    *[contact_only] solo se conocen por otros canales
}
segments-example = { $example ->
    [regulars] Habituales
    [slipping] Alejándose
    [new_this_month] Nuevos este mes
    [big_spenders] Grandes compradores
    [quiet_customers] Clientes callados
    *[discord_regulars] Habituales de Discord
}

## Privacidad
settings-privacy-heading = Tus datos
settings-analytics-opt-out = Déjame fuera de los perfiles analíticos
settings-analytics-hint = Los segmentos y el análisis de miembros de la comunidad no te incluirán. Tus mensajes y respuestas siguen contando donde cuentan los de todos.
settings-export = Descargar mis datos
settings-export-hint = Un zip de archivos JSON: tu perfil, identidades, actividad, mensajes, pedidos, etiquetas y campos.
erase-heading = Borrar a esta persona
erase-explain = Borra sus datos personales en todas partes: direcciones, nombres y usuarios en cada canal, perfil, texto de sus mensajes, notas, etiquetas y campos. Su actividad queda como un identificador anónimo para que las cuentas de la comunidad sigan siendo correctas. No se puede deshacer. Escribe ERASE para confirmar.
erase-confirm-label = Escribe ERASE para confirmar
erase-do = Borrar

## Conservación
retention-heading = Conservar los datos importados en bruto
retention-explain = Los detalles de mensajes y pedidos tal como los dieron las fuentes, y las filas omitidas de cada importación, se olvidan pasados estos días (se comprueba cada hora). Las cuentas, las personas y su actividad se quedan. Vacío los conserva siempre.
retention-days = Días
retention-forever = siempre
retention-save = Guardar
person-tokens-none = Este miembro no tiene tokens de API.

# Compartidas por las plantillas de moderación

mod-role-name = { $role ->
    [guest] invitado
    [member] miembro
    [approver] aprobador
    [moderator] moderador
    [admin] administrador
    [owner] propietario
   *[other] { $role }
}
mod-restriction-kind = { $kind ->
    [silence] Silencio
    [suspend] Suspensión
    [ban] Expulsión
   *[other] { $kind }
}
mod-flag-reason = { $reason ->
    [spam] spam
    [off_topic] fuera de tema
    [inappropriate] inapropiado
   *[other] otro
}

# mod_member.html

mod-member-breadcrumb = Ruta de navegación
mod-member-breadcrumb-moderation = Moderación
mod-member-trust-level = nivel de confianza { $level }
mod-member-trust-locked = (bloqueado)
mod-member-joined = se unió el { $date }
mod-member-none = Ninguna.
mod-member-warnings-heading = Advertencias
mod-member-warning-seen = vista
mod-member-warning-answer = Respuesta:
mod-member-warn-label = Advertir a { $name }
mod-member-warn-submit = Enviar advertencia
mod-member-restrictions-heading = Silencios, suspensiones y expulsiones
mod-member-restriction-until = hasta el { $date }
mod-member-restriction-no-end = , sin fecha de fin
mod-member-restriction-ended = terminó el { $date }
mod-member-lift-reason = Motivo para levantarla
mod-member-lift-submit = Levantar ahora
mod-member-restrict = Restringir
mod-member-restrict-option-silence = Silenciar (puede leer, pero no publicar)
mod-member-restrict-option-suspend = Suspender (no puede iniciar sesión)
mod-member-restrict-option-ban = Expulsar (suspensión sin fecha de fin)
mod-member-restrict-days = Durante cuántos días
mod-member-restrict-days-hint = (no aplica a una expulsión)
mod-member-reason = Motivo
mod-member-restrict-reason-hint = (se le comunica al miembro)
mod-member-trust-heading = Nivel de confianza
mod-member-trust-status-locked = Nivel { $level }, fijado por el equipo y bloqueado.
mod-member-trust-status-earned = Nivel { $level }, obtenido por su actividad.
mod-member-trust-set = Fijar el nivel
mod-member-trust-option-auto = Según su actividad (desbloquear)
mod-member-trust-submit = Guardar nivel
mod-member-notes-heading = Notas privadas
mod-member-notes-help = Solo el equipo puede verlas.
mod-member-note-label = Añadir una nota
mod-member-note-submit = Guardar nota

# mod_queue.html

mod-queue-heading = Cola de moderación
mod-queue-intro = Publicaciones denunciadas o retenidas y solicitudes de ingreso, de la más antigua a la más reciente. Una publicación con suficientes denuncias, o retenida por el filtro de spam o por una regla de palabras clave, permanece oculta hasta que decidas.
mod-queue-applications-heading = Solicitudes de ingreso
mod-queue-applied = Solicitud enviada el { $date }
mod-queue-applicant-message = Mensaje para el solicitante
mod-queue-applicant-message-hint = (obligatorio para rechazar; se le envía por correo)
mod-queue-accept = Aceptar
mod-queue-decline = Rechazar
mod-queue-posts-heading = Publicaciones
mod-queue-post-by = Publicación de
mod-queue-flag-weight = peso de las denuncias: { $weight }
mod-queue-held-spam = retenida por el filtro de spam
mod-queue-held-keyword = retenida por la regla de palabras clave “{ $rule }”
mod-queue-flagged-keyword = denunciada por la regla de palabras clave “{ $rule }”
mod-queue-hidden = oculta
mod-queue-flags-heading = Denuncias
mod-queue-weight = peso { $weight }
mod-queue-reason = Motivo
mod-queue-reason-hint = (obligatorio para ocultar o eliminar; aparece en el registro de moderación)
mod-queue-approve = Aprobar y mostrar
mod-queue-keep-hidden = Mantener oculta
mod-queue-delete = Eliminar publicación
mod-queue-edit = Editar indicando un motivo…
mod-queue-more = Más →
mod-queue-empty-heading = Todo en orden
mod-queue-empty-text = No hay nada pendiente de decisión.

# moderation_log.html

modlog-heading = Registro de moderación
modlog-intro = Lo que los moderadores eliminaron u ocultaron en los espacios públicos, y por qué. Se omiten los nombres y el contenido.
modlog-col-when = Cuándo
modlog-col-what = Qué
modlog-col-where = Dónde
modlog-col-why = Por qué
modlog-post-removed = Se eliminó una publicación
modlog-post-hidden = Se ocultó una publicación
modlog-older = Anteriores →
modlog-empty-heading = Nada eliminado
modlog-empty-text = Los moderadores no han eliminado ni ocultado nada en los espacios públicos.

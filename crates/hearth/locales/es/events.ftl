# Eventos: el panel de la página de un evento, el calendario, el formulario y la lista de asistentes.
nav-events = Eventos
events-panel-heading = Evento
events-when = Cuándo
events-organiser-time = ({ $when }, { $zone })
events-repeats = { $freq ->
    [weekly] Cada semana, { $count } veces
   *[monthly] Cada mes, { $count } veces
}
events-next = Próximo
events-where = Dónde
events-online = En línea
events-online-hidden = El enlace aparecerá aquí cuando confirmes que vas.
events-seats = Plazas
events-seats-taken = { $going } de { $capacity } ocupadas
events-going-count = { $count ->
    [one] { $count } asistirá
   *[other] { $count } asistirán
}
events-waiting = { $count ->
    [one] { $count } en lista de espera
   *[other] { $count } en lista de espera
}
events-ended = Este evento ya terminó.
events-my-status = { $status ->
    [going] Vas a asistir.
    [waitlisted] Estás en la lista de espera: te avisaremos si se libera una plaza.
    [maybe] Quizás vayas.
   *[not_going] No vas a asistir.
}
events-checked-in = registrada tu llegada
events-rsvp-going = Voy
events-rsvp-waitlist = Apuntarme a la lista de espera
events-rsvp-maybe = Quizás
events-rsvp-not-going = No puedo ir
events-checkin-code-label = Código del evento
events-checkin-submit = Registrar llegada
events-sign-in-to-rsvp = Inicia sesión para confirmar asistencia
events-add-to-calendar = Añadir al calendario (.ics)
events-attendees-link = Asistentes y registro de llegada
events-door-code = Código de acceso:
events-calendar-title = Eventos
events-new-button = Nuevo evento
events-months-nav = Meses
events-previous-month = Mes anterior
events-next-month = Mes siguiente
events-today = Hoy
events-space-filter = Espacio
events-all-spaces = Todos los espacios
events-filter-submit = Mostrar
events-agenda-heading = Eventos de { $month }
events-agenda-empty = Todavía no hay nada previsto este mes.
events-subscribe = Sigue estos eventos en tu aplicación de calendario:
events-subscribe-link = suscribirse (iCalendar)
events-new-title = Nuevo evento
events-new-in = en { $space }
events-field-title = Título
events-field-starts = Empieza
events-field-ends = Termina
events-field-zone = Zona horaria
events-field-repeat = Se repite
events-repeat-none = No se repite
events-repeat-weekly = Cada semana
events-repeat-monthly = Cada mes
events-field-repeat-count = Cuántas veces en total
events-field-location = Dirección (presencial)
events-field-location-placeholder = Calle Mayor 12, Madrid
events-field-online = Enlace en línea
events-field-online-help = Solo lo ven los miembros que van a asistir.
events-field-capacity = Plazas
events-field-capacity-help = Déjalo vacío si no hay límite. Cuando se llena, los miembros entran en una lista de espera y suben cuando otros cancelan.
events-field-body = Descripción
events-create-submit = Crear evento
events-attendees-title = Asistentes
events-attendees-summary = { $going } asistirán · { $waitlisted } en espera · { $checked } han llegado
events-attendees-member = Miembro
events-attendees-answer = Respuesta
events-attendees-checked-in = Llegada
events-attendees-check-in = Registrar llegada de { $name }
events-attendees-empty = Nadie ha respondido todavía.
events-status-name = { $status ->
    [going] asistirá
    [waitlisted] en espera
    [maybe] quizás
   *[not_going] no asistirá
}
events-rsvp-on-waitlist = En lista de espera
events-edit-title = Cambiar el evento
events-edit-note = El título y la descripción son la primera publicación del evento: edítala allí.
events-save-submit = Guardar cambios
events-edit-link = Cambiar
events-cancel-button = Cancelar el evento
events-cancel-confirm = ¿Cancelar este evento? Se avisará a todos los que respondieron.
events-cancelled = Este evento se canceló.
events-cancelled-badge = cancelado

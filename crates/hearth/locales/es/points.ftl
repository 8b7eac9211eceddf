# Puntos, niveles, clasificaciones, la comprobación del registro y los ajustes de puntos del propietario.
title-points = Puntos
title-leaderboard = Clasificación
title-ledger = Registro de puntos
title-admin-points = Puntos
nav-my-points = Mis puntos
nav-leaderboard = Clasificación
nav-footer-ledger = Registro de puntos
admin-nav-points = Puntos
points-heading = Tus puntos
points-balance = Para gastar
points-balance-hint = Cámbialos por recompensas.
points-level = Nivel
points-earned = { $earned } ganados en total
points-next-heading = Tu próximo nivel
points-to-next = { $count } { $count ->
    [one] punto más
   *[other] puntos más
  } para llegar al nivel { $level }
points-top-level = Has llegado al nivel más alto.
points-levels-caption = Niveles y lo que desbloquean
points-col-level = Nivel
points-col-from = Desde (puntos)
points-col-unlocks = Desbloquea
points-reached = alcanzado
points-history-heading = Cómo los has ganado
points-col-when = Cuándo
points-col-what = Por
points-col-points = Puntos
points-older = Anteriores
points-empty = Aún no tienes puntos. Inicia un tema, responde a una pregunta o echa una mano a alguien.
points-ledger-hint = Cada movimiento queda en un registro público que cualquiera puede comprobar.
points-ledger-link = Comprobar el registro
points-kind = { $kind ->
   [reversal] retirado
   [correction] cambio de reglas
   [topic_started] Iniciar un tema
   [question_asked] Hacer una pregunta
   [replied] Una respuesta
   [answer_accepted] Una respuesta aceptada
   [reacted] Una reacción recibida
   [event_attended] Venir a un evento
   [idea_status_changed] Una idea llevada a cabo
   [idea_voted] Votar una idea
   [poll_voted] Votar en una encuesta
   [message_sent] Un mensaje (Discord, Slack)
   [message_replied] Una respuesta (Discord, Slack)
   [reaction_added] Una reacción recibida (Discord, Slack)
   [event_checked_in] Registrar la asistencia a un evento en otro sitio
  *[other] { $kind }
}
points-reason-redeem = Una recompensa
points-reason-refund = Una recompensa cancelada
points-reason-referral = Alguien que has traído
points-reason-topic = Un tema que iniciaste
points-reason-question = Una pregunta que hiciste
points-reason-reply = Una respuesta
points-reason-answer = Tu respuesta fue la elegida
points-reason-reaction = Una reacción a tu publicación
points-reason-event = Viniste a un evento
points-reason-idea = Tu idea se llevó a cabo
points-reason-other = Algo que hiciste
leaderboard-heading = Clasificación
leaderboard-season = Temporada: { $name }, desde
leaderboard-periods = Periodo
leaderboard-period-week = Últimos 7 días
leaderboard-period-month = Últimos 30 días
leaderboard-period-all = Desde siempre

leaderboard-space = Espacio
leaderboard-whole = Toda la comunidad
leaderboard-show = Mostrar
leaderboard-points = { $count } { $count ->
    [one] punto
   *[other] puntos
  }
leaderboard-empty = Todavía nadie ha ganado puntos aquí en este periodo.
leaderboard-hint = Los puntos reflejan lo que hicieron los miembros en el periodo. Gastar puntos en recompensas no baja a nadie de puesto.
ledger-heading = El registro de puntos
ledger-ok-badge = Verificado
ledger-ok = Los { $count } movimientos cuadran, y todos los saldos también.
ledger-bad-badge = No cuadra
ledger-bad = El movimiento { $entry } no cuadra.
ledger-problem = { $problem ->
   [hash] Su contenido no coincide con su huella: se modificó después de escribirse.
   [link] No enlaza con el movimiento anterior: se modificó o se eliminó un movimiento previo.
   [gap] Falta un movimiento anterior a este.
   [kind] Es de un tipo que el registro no conoce.
  *[balance] El saldo guardado de un miembro no es la suma de sus movimientos; este es su último movimiento.
}
ledger-head = La huella más reciente del registro:
ledger-explain = Cada movimiento anota quién recibió cuántos puntos, por qué, y una huella (SHA-256) de sí mismo y del movimiento anterior. Si se modifica o se elimina cualquier movimiento, se rompen todas las huellas posteriores, así que la comprobación de arriba lo detecta. Esta página vuelve a calcular toda la cadena y todos los saldos cada vez que se abre.
ledger-api-hint = Los integradores y operadores pueden hacer la misma comprobación:
points-admin-saved = Ajustes de puntos guardados. { $count ->
    [0] No hizo falta corregir ningún movimiento anterior.
    [one] Se anotó una corrección en el registro.
   *[other] Se anotaron { $count } correcciones en el registro.
  }
points-admin-season-started = Ha empezado una nueva temporada: las clasificaciones cuentan desde ahora.
points-admin-rules-heading = Qué da puntos
points-admin-rules-intro = Cada tipo de actividad da puntos al miembro al que se refiere: una reacción o una respuesta aceptada dan puntos al autor de la publicación. Deja el canal vacío para todos los canales, o indica uno (hub, discord, slack).
points-admin-col-kind = Actividad
points-admin-col-channel = Canal
points-admin-col-points = Puntos
points-admin-col-cap = Máximo al día
points-admin-no-rule = (sin regla)
points-admin-channel-hint = La actividad importada de Discord o Slack, o enviada a través de la API, solo da puntos si una regla indica su tipo.
points-admin-limits-heading = Juego limpio
points-admin-member-daily-cap = Máximo de puntos que un miembro puede ganar en un día
points-admin-same-pair = Reacciones de un mismo miembro al mismo autor que cuentan cada día
points-admin-max-age = Las reacciones a publicaciones con más de estos días no dan puntos
points-admin-self-hint = Reaccionar a tu propia publicación o aceptar tu propia respuesta nunca da puntos. Los puntos de una publicación eliminada u oculta, de una reacción retirada o de una respuesta que deja de estar aceptada se retiran en el registro.
points-admin-referral-joined = Puntos por traer a alguien que se une
points-admin-referral-purchase = Puntos cuando alguien que has traído hace su primera compra
points-admin-exclude-staff = Dejar al equipo fuera de las clasificaciones
points-admin-levels-heading = Niveles
points-admin-levels-intro = Un miembro alcanza un nivel cuando sus puntos ganados llegan a su número. El nivel 1 empieza en 0. Un nivel puede abrir un espacio privado o indicar una ventaja.
points-admin-col-name = Nombre
points-admin-col-space = Abre el espacio
points-admin-col-perk = Ventaja
points-admin-apply-heading = Aplicar el cambio
points-admin-apply-now = De ahora en adelante
points-admin-apply-date = A la actividad desde este día
points-admin-apply-all = A todo el historial
points-admin-apply-hint = Aplicarlo al pasado anota movimientos de corrección por la diferencia. Nada del registro se reescribe nunca.
points-admin-save = Guardar ajustes de puntos
points-admin-season-heading = Temporadas
points-admin-season-now = Esta temporada: { $name }, desde
points-admin-season-none = Aún no hay temporada: las clasificaciones cuentan desde siempre.
points-admin-season-name = Nombre de la nueva temporada
points-admin-season-start = Empezar una nueva temporada
points-admin-season-hint = Una nueva temporada reinicia las clasificaciones. Los saldos, los niveles y el registro se quedan como están.
err-points-forbidden = Solo los administradores pueden cambiar los ajustes de puntos.
err-points-kind = La regla { $row } indica una actividad que Hearth no conoce.
err-points-rule-amount = La regla { $row } debe dar entre 0 y 10.000 puntos.
err-points-rule-cap = El límite diario de la regla { $row } debe estar entre 1 y 100.000.
err-points-duplicate = La regla { $row } repite una actividad y un canal que ya tiene otra regla.
err-points-amount = debe ser un número entero dentro del rango.
err-points-number = debe ser un número entero.
err-levels-count = Debe haber entre 1 y 20 niveles.
err-levels-first = El nivel 1 debe empezar en 0 puntos.
err-levels-rising = El nivel { $level } debe necesitar más puntos que el nivel anterior.
err-levels-text = El nombre de un nivel tiene como máximo 40 caracteres y su ventaja, como máximo 200.
err-points-apply-from = debe ser now, all o un día escrito como 2026-12-31.
err-leaderboard-period = debe ser 7d, 30d o all.
err-season-name = El nombre de una temporada tiene entre 1 y 60 caracteres.

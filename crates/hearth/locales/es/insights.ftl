## Estadísticas: los números de la comunidad a lo largo del tiempo (admin/insights.html).
title-insights = Estadísticas
admin-nav-insights = Estadísticas
insights-heading = Estadísticas
insights-range-line = Del { $from } al { $to }, comparado con del { $previous_from } al { $previous_to } · hora de { $zone }
insights-filters = Filtros
insights-range = Periodo
insights-preset-7d = Últimos 7 días
insights-preset-30d = Últimos 30 días
insights-preset-90d = Últimos 90 días
insights-preset-12m = Últimos 12 meses
insights-from = Desde (opcional)
insights-to = Hasta (opcional)
insights-period = Contar por
insights-period-auto = Automático
insights-period-day = Día
insights-period-week = Semana
insights-period-month = Mes
insights-channel = Canal
insights-all-channels = Todos los canales
insights-space = Espacio
insights-all-spaces = Todos los espacios
insights-segment = Solo los miembros que cumplan (opcional)
insights-segment-hint = El lenguaje de segmentos, por ejemplo: spend > 100 and last_active < 30d
insights-count-staff = Contar las respuestas del equipo como primera respuesta
insights-apply = Mostrar
insights-building = Estadísticas está contando el registro de actividad por primera vez; los números aparecen en menos de un minuto.
insights-at-a-glance = De un vistazo
insights-card-members = Miembros
insights-card-active = Miembros activos
insights-card-new = Miembros nuevos
insights-card-answered = Preguntas respondidas
insights-card-first-response = Primera respuesta (mediana)
insights-before = antes: { $value }
insights-wait-none = aún sin respuestas
insights-wait-minutes = { $n } min
insights-wait-hours = { $n } horas
insights-wait-days = { $n } días
insights-growth = Crecimiento
insights-new-members = Miembros nuevos
insights-growth-rate = Tasa de crecimiento
insights-chart-new-members = Miembros nuevos, por el canal del que llegaron
insights-chart-members = Miembros a lo largo del tiempo
insights-legend = Canales
insights-col-period = Desde
insights-col-new = Nuevos
insights-col-members = Miembros
insights-col-active = Activos
insights-show-numbers = Ver los números
insights-csv = Descargar CSV
insights-activity = Actividad
insights-active-members = Miembros activos
insights-participation = Tasa de participación
insights-stickiness = Fidelidad
insights-posts-per-active = Mensajes por miembro activo
insights-lurkers = Visitantes que nunca publicaron
insights-chart-active-day = Miembros activos por día
insights-chart-active-week = Miembros activos por semana
insights-chart-active-month = Miembros activos por mes
insights-label-participation = Tasa de participación
insights-label-stickiness = Fidelidad
insights-label-lurkers = Visitantes que nunca publicaron
insights-by-kind = Qué hicieron los miembros
insights-by-channel = Dónde
insights-nothing = Nada en este periodo.
insights-retention = Quién vuelve
insights-cohort-by = Agrupar a los miembros
insights-cohort-week = Por semana
insights-cohort-month = Por mes
insights-col-cohort = Vistos por primera vez
insights-col-size = Miembros
insights-col-start = Inicio
insights-support = Preguntas y respuestas
insights-questions = Preguntas
insights-answered = Respondidas
insights-accepted = Con respuesta aceptada
insights-first-response-median = Primera respuesta (mediana)
insights-first-response-p90 = Primera respuesta (9 de cada 10 antes de)
insights-deflection = Respondidas por la comunidad
insights-staff-counted = Se cuentan las respuestas del equipo.
insights-staff-not-counted = No se cuentan las respuestas del equipo.
insights-unanswered = { $count ->
    [one] Una pregunta espera desde hace más de { $hours } horas
   *[other] { $count } preguntas esperan desde hace más de { $hours } horas
}
insights-none-waiting = Ninguna pregunta espera. Bien hecho.
insights-contributors = Colaboradores
insights-contributors-count = Colaboradores
insights-new-contributors = Colaboradores nuevos
insights-inactive-contributors = Se han callado
insights-absence-factor = Factor de ausencia
insights-funnel = De miembro a quien ayuda
insights-funnel-active = Miembros activos
insights-funnel-posters = Publicaron
insights-funnel-repliers = Respondieron
insights-funnel-accepted = Dieron una respuesta aceptada
insights-top = Lo más visto
insights-most-read = Más leídos
insights-most-replied = Más respondidos
insights-top-other-channel = Los temas y las respuestas están en el hub, así que estas listas quedan vacías para otro canal. Elige el hub o todos los canales para verlas.
insights-top-reads-everyone = Las respuestas son solo de los miembros elegidos; las visitas cuentan a todos los lectores con sesión, porque se guardan por tema y día, no por lector.
insights-views = { $count ->
    [one] una visita
   *[other] { $count } visitas
}
insights-replies = { $count ->
    [one] una respuesta
   *[other] { $count } respuestas
}
insights-engine = Contado a partir de { $rows } actividades en memoria.
insights-more-filters = Más filtros: fechas, canal, espacio, miembros
insights-viewers = Quién puede abrir Estadísticas
insights-viewers-admins = Los administradores y el propietario
insights-viewers-moderators = También los moderadores
insights-viewers-save = Guardar
insights-viewers-saved = Guardado: quién puede abrir Estadísticas.
insights-partial = Las barras tenues y los puntos discontinuos son semanas o meses que solo caen en parte en el periodo: cuentan solo esos días.
insights-heat-partial = Las celdas con borde discontinuo son semanas o meses que solo caen en parte en el periodo: cuentan solo esos días.
insights-heat-partial-cell = (solo parte de este periodo)
insights-pages = Páginas de Insights
insights-tab-overview = Resumen
insights-tab-network = Quién ayuda a quién
network-heading = Quién ayuda a quién
network-lede = Cada respuesta al tema o mensaje de otra persona es una ayuda. Los campeones son los miembros hacia quienes fluye la ayuda; los puentes unen a miembros que de otro modo no se encontrarían.
network-members = Miembros que ayudaron o recibieron ayuda
network-acts = Ayudas
network-pairs = Parejas de quien ayuda y quien recibe
network-empty = Nadie ha ayudado a nadie en este periodo todavía: no hay respuestas al tema o mensaje de otra persona. Pruebe un periodo más largo.
network-core = El núcleo de la comunidad
network-core-caption = Los { $count } miembros hacia quienes fluye más ayuda. Un círculo más grande recibe más ayuda; las líneas muestran los tres lazos más fuertes de cada miembro, más oscuras cuanto más ayuda.
network-champions = Campeones
network-champions-none = No hay campeones entre los miembros elegidos.
network-col-member = Miembro
network-col-score = Parte de la ayuda
network-col-helped = Miembros ayudados
network-col-helps = Veces que ayudó
network-col-received = Veces que recibió ayuda
network-staff = equipo
network-bridges = Puentes
network-bridges-exact = Calculado exactamente sobre los { $members } miembros.
network-bridges-sampled = Estimado a partir de { $sources } de { $members } miembros elegidos al azar; ± es un error típico.
network-col-paths = Caminos que pasan por ellos
network-bridges-none = Nadie está todavía entre otros miembros.
network-newcomers = Recién llegados sin respuesta
network-newcomers-lede = Su primer tema no recibió respuesta en 48 horas. Una bienvenida ahora todavía puede retenerlos.
network-newcomers-none = El primer tema de cada recién llegado recibió respuesta en 48 horas.
network-newcomers-other-channel = Los temas viven en el hub, así que esta lista está vacía para otro canal.
network-col-topic = Su primer tema
network-col-posted = Publicado
insights-tab-churn = Quién puede alejarse
churn-heading = Quién puede alejarse
churn-lede = Miembros activos en los 30 días hasta el { $to }, y la probabilidad de que cada uno deje de participar en los próximos 30 días, aprendida de lo que pasó antes con miembros como ellos.
churn-no-model = Todavía no hay historia suficiente para un modelo
churn-missing = Hearth aprende de miembros que estuvieron activos en meses anteriores y de si se quedaron. Tiene { $training } casos así (necesita { $needed_training }) y { $test } para comprobar el modelo (necesita { $needed_test }). Elija una fecha final posterior, o vuelva cuando la comunidad tenga unos meses más.
churn-missing-outcomes = Hasta ahora todos se quedaron o todos se fueron, así que no hay nada que distinguir.
churn-beats = El modelo detecta quién se aleja mejor que la regla sencilla
churn-no-better = El modelo no es mejor que la regla sencilla
churn-auc-model = Precisión del modelo (AUC)
churn-auc-recency = Precisión de la regla sencilla (AUC)
churn-scored = Miembros activos puntuados
churn-beats-words = Comprobado en un mes que nunca vio, el modelo obtiene { $auc } frente a { $baseline } de la regla «quien lleva más tiempo callado». Los miembros se ordenan por el modelo.
churn-no-better-words = Comprobado en un mes que nunca vio, el modelo obtiene { $auc } frente a { $baseline } de la regla «quien lleva más tiempo callado». No supera a la regla lo bastante como para fiarse, así que los miembros se ordenan por el tiempo que llevan callados.
churn-method = Entrenado con { $training } casos de { $months } meses anteriores; comprobado con los { $test } miembros activos del { $from } al { $cutoff }, de los que { $quiet } dejaron de participar antes del { $to }.
churn-at-risk = Miembros en riesgo
churn-ranked-by-model = Primero los de más riesgo, según el modelo. «Por qué» muestra lo que más eleva el riesgo de cada uno.
churn-ranked-by-recency = Primero quienes llevan más tiempo callados. «Por qué» muestra lo que el modelo tendría en cuenta, como referencia.
churn-col-risk = Riesgo de dejar de participar
churn-col-quiet = Callado desde hace
churn-col-why = Por qué
churn-days = { $count ->
    [one] 1 día
   *[other] { $count } días
}
churn-nobody-active = Nadie estuvo activo en los últimos 30 días del periodo.
churn-calibration = ¿Un riesgo del 30 % significa 3 de cada 10?
churn-calibration-words = En el mes que nunca vio (del { $from } al { $to }), los miembros agrupados por el riesgo que les dio el modelo, y cuántos de cada grupo dejaron de participar de verdad. Si los números se parecen, los porcentajes se pueden tomar al pie de la letra.
churn-col-predicted-range = Riesgo dado
churn-col-members = Miembros
churn-col-predicted = Riesgo medio dado
churn-col-observed = Dejaron de participar
churn-few = De esos { $test }, { $quiet } dejaron de participar y { $stayed } se quedaron. Con menos de 20 en alguno de los dos lados, estas cifras pueden cambiar mucho con más historia.
churn-factor = { $feature ->
    [days-quiet] callado desde hace { $value } días
    [active-days-30] activo { $value } de los últimos 30 días
    [trend] menos activo que el mes anterior
    [post-gap-days] { $value } días entre publicaciones de media
    [few-posts] menos de dos publicaciones en 180 días
    [replies-received-90] { $value } respuestas de otros en 90 días
    [asked-a-question] ha hecho una pregunta
    [first-question-answered] su primera pregunta tuvo respuesta
    *[tenure-days] miembro desde hace { $value } días
}
insights-tab-value = Lo que valen los miembros
value-heading = Lo que valen los miembros
value-lede = Cómo cambió el gasto de los miembros al unirse, frente a clientes que gastaban lo mismo y no se unieron, a { $to }.
value-no-estimate = Todavía no hay estimación
value-missing = { $reason ->
    [no_spend] Todavía no hay pedidos, pagos ni compras. Importe los pedidos de su tienda o los pagos de Stripe (Administración → Importaciones), o envíe compras por la API, y esta página comparará a los miembros con otros clientes.
    [no_members_with_history] Ningún miembro era ya cliente antes de unirse con historia suficiente alrededor: Hearth necesita { $window } días de compras antes de que un miembro se uniera, otros { $window } antes para encontrar su pareja, y { $window } días después. Vuelva más adelante, o importe pedidos más antiguos.
   *[no_comparison] Todos los clientes registrados se han unido a la comunidad, así que no hay con quién comparar a los miembros.
}
value-verdict = { $verdict ->
    [more] Los miembros gastan un { $size } más desde que se unieron
    [less] Los miembros gastan un { $size } menos desde que se unieron
   *[unclear] Todavía no sabemos si unirse cambia lo que gastan los miembros
}
value-estimate = Cambio en el gasto ligado a unirse
value-interval = Intervalo del 95 %: de { $low } a { $high }
value-members-compared = Miembros comparados
value-matches = Clientes con los que se emparejaron
value-pool = de { $pool } que nunca se unieron
value-verdict-words = { $verdict ->
    [unclear] La mejor estimación es { $estimate }, pero cualquier valor de { $low } a { $high } encaja con los datos, incluido ningún cambio. Más miembros y más meses lo afinarán.
   *[other] En los { $window } días después de unirse, los miembros gastaron { $estimate } respecto a lo que habrían gastado si hubieran cambiado como sus parejas; los datos encajan con cualquier valor de { $low } a { $high }.
}
value-naive = Comparar sin más a los miembros con todos los demás daría { $naive }. Casi toda esa diferencia existe porque sus mejores clientes son quienes se unen, no porque se unieran.
value-spend = Gasto medio en los { $window } días antes y después de unirse
value-col-who = Quién
value-col-when = Cuándo
value-col-spend = Gasto medio
value-who = { $who ->
    [members] Miembros
   *[matches] Sus parejas
}
value-when = { $when ->
    [before] antes
   *[after] después
}
value-spend-words = La pareja de cada miembro gastaba más o menos lo mismo antes, pero nunca se unió, y se mide en los mismos días, así que las temporadas y las rebajas pesan igual en ambos.
value-habits = Hábitos de compra, miembros y los demás
value-col-measure = Medida
value-col-members = Miembros
value-col-non-members = Clientes que nunca se unieron
value-customers = Clientes en los últimos { $window } días
value-repeat = Compraron dos veces o más en los últimos { $window } días
value-churn = Compraron en los { $window } días anteriores pero no en los últimos { $window }
value-habits-words = Son comparaciones directas: los miembros solían ser sus mejores clientes antes de unirse.
value-caveat-heading = Lo que esto puede y no puede demostrar
value-caveat = La comparación quita las diferencias que no cambian (hay quien simplemente compra más) y las temporadas, porque cada miembro se compara con un cliente parecido en las mismas semanas. No puede quitar una razón que llegó con la unión: alguien que se unió porque acababa de mudarse cerca habría comprado más de todos modos. Solo un experimento lo resuelve: invitar a algunos clientes al azar, dejar a otros fuera y comparar.
insights-tab-levels = Niveles
levels-heading = Niveles de participación
levels-lede = Todos los que han participado, en cuatro niveles según lo que hicieron y con cuánta gente trataron, a { $to }.
levels-sizes = Cuántos hay en cada nivel
levels-name = { $name ->
    [inner_circle] Círculo íntimo
    [regulars] Habituales
    [participants] Participantes
   *[observers] Observadores
}
levels-change = { $change ->
    [0] sin cambios desde el { $day }
   *[other] { $shown } desde el { $day } (entonces { $before })
}
levels-moves = Desde el { $day }: { $promoted } subieron, { $demoted } bajaron.
levels-staff-counted = El equipo se cuenta.
levels-staff-left-out = El equipo no se cuenta (marque «Contar las respuestas del equipo como primera respuesta» en los filtros para contarlo también aquí).
levels-top = Los miembros más implicados
levels-col-level = Nivel
levels-col-score = Puntuación
levels-col-why = Lo que más contó
levels-nobody = Nadie ha participado todavía.
levels-weights = Qué cuenta, y cuánto
levels-weights-words = Cada actividad suma su peso a la puntuación de un miembro, y se reduce a la mitad cada 30 días. Deje una casilla vacía para el valor por defecto que muestra; 0 significa que no cuenta. Los canales multiplican el peso de lo que ocurre en ellos (1 por defecto).
levels-channels = Canales
levels-weights-save = Guardar los pesos
levels-weights-saved = Los pesos están guardados; todos los niveles se cuentan con ellos desde ahora.
person-insights = En las estadísticas
person-insights-risk = { $status ->
    [no_model] todavía no hay historia suficiente para un modelo
   *[not_scored] sin puntuar (no activo en los últimos 30 días, o del equipo)
}
person-insights-network = Quién ayuda a quién
person-insights-place = número { $rank } de { $members } por la ayuda que recibe; ayudó a { $helped } miembros
person-insights-why = Su nivel viene sobre todo de:
person-insights-risk-why = Lo que eleva su riesgo:
person-insights-days = En los últimos 90 días. Los niveles, el riesgo y la red se explican en Administración → Estadísticas.
insights-tab-health = Salud
health-heading = Salud de la comunidad
health-score = Salud { $score } de 100: { $band ->
    [good] en buena forma
    [fair] aceptable, con margen de mejora
   *[weak] necesita atención
}
health-none = No hay actividad suficiente en este periodo para puntuar su salud.
health-formula = Cada parte puntúa 100 cuando su cifra alcanza el objetivo, y menos en proporción por debajo. La salud es la media de las partes que se pudieron medir; no se oculta nada.
health-parts = De qué está hecha la puntuación
health-col-part = Parte
health-col-figure = Este periodo
health-col-target = Nota máxima con
health-col-score = Puntuación
health-part = { $name ->
    [growth] Crecimiento
    [activity] Actividad
    [responsiveness] Rapidez de respuesta
    [retention] Retención
   *[sentiment] Ánimo
}
health-part-means = { $name ->
    [growth] miembros nuevos cada 30 días, como parte de los miembros de antes
    [activity] miembros activos en el periodo, como parte de todos los miembros
    [responsiveness] preguntas con una primera respuesta en 24 horas
    [retention] miembros activos en el periodo anterior que volvieron
   *[sentiment] de las publicaciones claramente positivas o negativas, la parte positiva (Cómo se siente la gente)
}
health-not-measured = { $name ->
    [sentiment] el sentimiento está desactivado, o ninguna publicación se leyó claramente
   *[other] nada que medir en este periodo
}
goals-heading = Objetivos
goals-none = Todavía no hay objetivos. Fije uno abajo: una cifra que alcanzar para una fecha.
goals-saved = Los objetivos están actualizados.
goals-words = La cifra de cada objetivo se cuenta en los 30 días hasta hoy, como las tarjetas. «En camino» significa haber recorrido desde el punto de partida hasta el objetivo al menos tanto como el tiempo pasado desde que se fijó.
goal-metric = { $metric ->
    [active_members] Miembros activos
    [new_members] Miembros nuevos
    [questions_answered_share] Preguntas respondidas (%)
    [median_first_response_hours] Mediana de primera respuesta (horas)
   *[health_score] Salud
}
goal-line = { $metric ->
    [median_first_response_hours] Mediana de primera respuesta por debajo de { $target } horas para el { $due }
    [questions_answered_share] { $target } % de preguntas respondidas para el { $due }
    [active_members] { $target } miembros activos para el { $due }
    [new_members] { $target } miembros nuevos al mes para el { $due }
   *[health_score] Salud { $target } para el { $due }
}
goal-now = ahora { $current }
goal-status = { $status ->
    [met] alcanzado
    [on_track] en camino
    [behind] con retraso
    [missed] no alcanzado
   *[no_data] todavía nada que medir
}
goal-remove = Quitar
goal-field-metric = Métrica
goal-field-target = Objetivo
goal-field-due = Para el
goal-add = Añadir el objetivo
personas-heading = Perfiles
personas-words = Miembros agrupados por lo que hicieron en el periodo (k-medias sobre cinco comportamientos), cada grupo nombrado por lo que más destaca en él. Las cifras son las veces que, de media, cada miembro del grupo hizo cada cosa.
personas-col-name = Perfil
personas-name = { $name ->
    [helpers] Ayudantes
    [askers] Preguntones
    [event_goers] Asistentes a eventos
    [buyers] Compradores
   *[lurkers] Observadores
}
personas-behaviour = { $behaviour ->
    [helps] Ayudó a otros
    [questions] Preguntó
    [events] Eventos
    [purchases] Compras
   *[visits] Visitas
}

## Invitation tests
insights-tab-experiments = Pruebas de invitación
experiments-heading = Pruebas de invitación
experiments-how-heading = Cómo funciona una prueba
experiments-how = Hearth reparte al azar a los clientes de un segmento: un grupo recibe por correo una invitación a unirse y el otro (el grupo reservado) no recibe nada. Como solo el azar decidió a quién se invitó, cualquier diferencia entre los dos grupos que vaya más allá del azar es obra de la invitación, y es la única forma de saber si la comunidad hace que la gente compre más.
experiments-list-heading = Pruebas
experiments-none = Aún no hay ninguna prueba.
experiments-col-name = Prueba
experiments-col-segment = Segmento
experiments-col-started = Empezó
experiments-col-groups = Grupos
experiments-col-status = Estado
experiments-groups = { $invited } invitados, { $holdout } reservados
experiments-status = { $status ->
    [finished] Terminada
   *[running] En curso
}
experiments-until = { $status ->
    [finished] terminó el { $ends }
   *[running] hasta el { $ends }
}
experiments-new-heading = Empezar una prueba
experiments-no-mail = Las invitaciones van por correo: configura antes el correo en los ajustes de correo.
experiments-no-segments = Una prueba parte de un segmento de clientes que aún no son miembros.
experiments-make-segment = Crear un segmento
experiments-field-name = Nombre
experiments-field-segment = Clientes de la prueba
experiments-segment-hint = Se dejan fuera los miembros, quien no tiene correo, quien se dio de baja y quien ya está en una prueba en curso. Deben quedar al menos { $min }.
experiments-field-holdout = Reservados (%)
experiments-field-days = Días de medida
experiments-field-seed = Semilla (opcional)
experiments-final = Las invitaciones salen enseguida, y una prueba no se puede cambiar ni detener una vez empezada: eso es lo que hace fiable su respuesta.
experiments-confirm = ¿Enviar ya las invitaciones? La prueba no se podrá cambiar después.
experiments-start = Empezar y enviar invitaciones
experiment-started = La prueba ha empezado: { $invited } invitaciones van de camino.
experiment-running = En curso: las cifras cuentan hasta el { $until } y serán definitivas el { $ends }.
experiment-finished = Terminó el { $ends }: estas son sus cifras definitivas.
experiment-outcome = { $kind ->
    [joined] Quién se unió
    [spend] Gasto por persona
   *[bought] Quién volvió a comprar
}
experiment-col-group = Grupo
experiment-col-value = { $kind ->
    [spend] Gasto medio
   *[other] Proporción
}
experiment-group = { $group ->
    [invited] Invitados
   *[holdout] Reservados
}
experiment-effect = { $verdict ->
    [unclear] { $kind ->
        [spend] Aún no se puede saber si la invitación cambió el gasto: la diferencia es de { $effect } por persona, y los datos admiten cualquier valor de { $low } a { $high }.
        [joined] Aún no se puede saber si la invitación hizo que la gente se uniera: la diferencia es de { $effect } puntos, entre { $low } y { $high }.
       *[bought] Aún no se puede saber si la invitación hizo que la gente volviera a comprar: la diferencia es de { $effect } puntos, entre { $low } y { $high }.
    }
   *[other] { $kind ->
        [spend] Recibir la invitación cambió el gasto en { $effect } por persona (intervalo del 95 %: { $low } a { $high }).
        [joined] Recibir la invitación cambió la proporción de quienes se unieron en { $effect } puntos (intervalo del 95 %: { $low } a { $high }).
       *[bought] Recibir la invitación cambió la proporción de quienes volvieron a comprar en { $effect } puntos (intervalo del 95 %: { $low } a { $high }).
    }
}
experiment-relative = Es un { $relative } frente al grupo reservado (de { $low } a { $high }).
experiment-too-few = Aún se cuenta a muy poca gente para comparar los grupos.
experiment-facts = Sobre esta prueba
experiment-segment = Segmento
experiment-groups = Grupos
experiment-holdout-share = { $percent } % reservado
experiment-dates = Medido
experiment-days = { $days } días
experiment-seed = Semilla del reparto
experiment-split-download = Quién estaba en cada grupo (CSV)
experiment-left-out = Fuera desde el principio
experiment-left-out-words = { $members } ya miembros, { $no_email } sin dirección de correo, { $unsubscribed } dados de baja, { $in_another } en otra prueba
experiment-opted-out = Sin contar
experiment-opted-out-words = { $n } pidieron no contar en las estadísticas desde el principio
experiment-method = Método:
experiment-fixed = Nada de una prueba puede cambiar una vez empezada; el reparto se puede volver a sacar de su semilla y comprobar.
experiment-back = Todas las pruebas de invitación
value-experiment-link = Empezar una prueba de invitación
experiments-segment-option = { $name } ({ $count } personas)

## Sentiment and trending
insights-tab-sentiment = Cómo se siente la gente
sentiment-heading = Cómo se siente la gente
sentiment-lede = En este periodo, { $positive } publicaciones se leen claramente positivas y { $negative } claramente negativas, de { $posts } leídas.
sentiment-kpi-positive = Claramente positivas
sentiment-kpi-negative = Claramente negativas
sentiment-kpi-share = Parte negativa
sentiment-kpi-week = Parte negativa, últimos 7 días
sentiment-kpi-before = { $before } en los 28 días anteriores
sentiment-trend-heading = El ánimo en el tiempo
sentiment-chart = Publicaciones claramente positivas y claramente negativas
sentiment-definition = Cada publicación se lee con una lista de palabras en inglés y en español que entiende «no», «muy» y «pero». Solo cuentan las que se leen claramente en un sentido (una puntuación de al menos { $threshold } en uno u otro, o una etiqueta del equipo); las demás no son ni lo uno ni lo otro.
sentiment-positive = Positivas
sentiment-negative = Negativas
sentiment-col-posts = Leídas
sentiment-col-space = Espacio
sentiment-spaces-heading = Por espacio
sentiment-none = No hay publicaciones en este periodo.
sentiment-alert-heading = El ánimo ha bajado.
sentiment-alert = En los últimos 7 días, el { $recent } de las publicaciones con un sentimiento claro fueron negativas ({ $negative }), frente al { $before } en los 28 días anteriores. Las publicaciones de abajo son un buen punto de partida.
sentiment-posts-heading = { $label ->
    [negative] Las publicaciones más negativas
   *[positive] Las publicaciones más positivas
}
sentiment-score = puntuación { $score }
sentiment-was-corrected = corregida por el equipo (se leía como { $automatic })
sentiment-correct-label = Etiqueta
sentiment-label = { $label ->
    [positive] Positiva
    [neutral] Ni lo uno ni lo otro
    [negative] Negativa
   *[automatic] Como se leyó automáticamente
}
sentiment-correct = Guardar etiqueta
sentiment-corrected = Etiqueta guardada: cuenta en lugar de la automática.
sentiment-switched = { $on ->
    [true] El sentimiento está activado: se están volviendo a leer todas las publicaciones.
   *[false] El sentimiento está desactivado: no se lee ninguna publicación.
}
sentiment-off-heading = El sentimiento está desactivado
sentiment-off = Las publicaciones no se leen para el sentimiento. Al activarlo se vuelven a leer todas, también las antiguas.
sentiment-switch-on = Activar el sentimiento
sentiment-switch-off = Desactivar el sentimiento
sentiment-how = El sentimiento se calcula en este servidor a partir de las palabras de cada publicación; ningún texto sale de aquí. Se dejan fuera citas, código y enlaces.
trending-heading = Términos en alza
trending-line = en { $recent } publicaciones esta semana, { $baseline } en las 8 semanas anteriores ({ $lift }× lo habitual)
trending-none = Nada está subiendo esta semana.
trending-definition = Palabras usadas en más publicaciones en los 7 días hasta el último día mostrado que su ritmo habitual de las 8 semanas anteriores (al menos el doble, en 3 publicaciones de 2 personas o más). Se dejan fuera las palabras comunes.
report-heading = Informe semanal
report-words = Cada lunes por la mañana, cada administrador recibe un correo con los cambios clave de la semana, a quién dar las gracias, las personas habituales que se alejan, los recién llegados sin respuesta y la salud, en su propio idioma.
report-send = Enviarme ahora el informe de esta semana
report-sent = El informe va de camino a tu correo.
report-no-mail = El informe va por correo: configura antes el correo.
personas-segment = Crear un segmento

# El catálogo de recompensas, los canjes y la página de recompensas del administrador.
title-rewards = Recompensas
title-admin-rewards = Recompensas
nav-rewards = Recompensas
admin-nav-rewards = Recompensas
rewards-heading = Recompensas
rewards-balance = Tienes { $balance } { $balance ->
    [one] punto
   *[other] puntos
  } para gastar y estás en el nivel { $level }.
rewards-how-to-earn = Cómo se ganan los puntos
rewards-done-redeemed = Hecho: los puntos se han gastado y la recompensa es tuya. La tienes en la lista de abajo.
rewards-cost = { $count } { $count ->
    [one] punto
   *[other] puntos
  }
rewards-left = Quedan { $count }
rewards-unlimited = Sin límite
rewards-limit = como máximo { $count } por persona
rewards-min-level = desde el nivel { $level }
rewards-redeem = Canjear
rewards-empty = Todavía no hay recompensas.
rewards-mine-heading = Tus recompensas
rewards-mine-empty = Todavía no has canjeado nada.
rewards-col-reward = Recompensa
rewards-col-when = Cuándo
rewards-col-state = Estado
redemption-status = { $status ->
    [pending] en camino
    [fulfilled] ya es tuya
    [cancelled] cancelada, puntos devueltos
   *[other] { $status }
  }
reward-kind = { $kind ->
    [code] Código de descuento
    [perk] Ventaja que se entrega en mano
    [space] Acceso a un espacio privado
   *[other] { $kind }
  }
rewards-admin-done-created = La recompensa ya está en el catálogo.
rewards-admin-done-codes = { $count ->
    [one] Se ha añadido un código nuevo.
   *[other] Se han añadido { $count } códigos nuevos.
  }
rewards-admin-done-saved = Guardado.
rewards-admin-waiting-heading = Pendientes de entregar
rewards-admin-waiting-empty = No hay nada pendiente.
rewards-admin-col-member = Miembro
rewards-admin-col-do = Acción
rewards-admin-fulfil = Marcar como entregada
rewards-admin-cancel = Cancelar y devolver los puntos
rewards-admin-catalogue-heading = El catálogo
rewards-admin-catalogue-empty = Todavía no hay recompensas. Añade la primera.
rewards-admin-hide = Ocultar a los miembros
rewards-admin-show = Mostrar a los miembros
rewards-admin-more-codes = Más códigos
rewards-admin-add-codes = Añadir códigos
rewards-admin-new-heading = Añadir una recompensa
rewards-admin-name = Nombre
rewards-admin-name-example = Una barra de pan gratis
rewards-admin-description = Qué recibe el miembro
rewards-admin-cost = Coste en puntos
rewards-admin-kind = Tipo
rewards-admin-codes = Códigos de descuento (para una recompensa de código de descuento)
rewards-admin-codes-hint = Uno por línea, o separados por comas. Cada miembro que canjea recibe el siguiente que no se haya usado.
rewards-admin-space = Espacio privado (para una recompensa de acceso a un espacio)
rewards-admin-stock = Cuántas hay
rewards-admin-limit = Máximo por miembro
rewards-admin-min-level = Desde el nivel
rewards-admin-create = Añadir la recompensa
rewards-admin-recent-heading = Canjes recientes
rewards-admin-recent-empty = Todavía nadie ha canjeado nada.
err-rewards-forbidden = Solo los administradores pueden gestionar el catálogo de recompensas.
err-reward-text = debe estar rellenado, tener como máximo { $max } caracteres y no llevar caracteres de control.
err-reward-cost = debe ser un número entero de puntos entre 1 y 1.000.000.
err-reward-stock = debe estar vacío (sin límite) o ser un número entero desde 0.
err-reward-limit = debe estar vacío (sin límite) o ser un número entero entre 1 y 1.000.
err-reward-level = debe ser un nivel entre 1 y 20.
err-reward-kind = debe ser code, perk o space.
err-reward-space = Una recompensa de acceso a un espacio necesita el espacio privado que abre.
err-reward-space-private = debe ser un espacio privado: los demás ya están abiertos.
err-reward-code = El código de la línea { $line } es demasiado largo o tiene caracteres de control.
err-reward-no-codes = No hay ningún código en lo que se ha enviado.
err-reward-too-many-codes = Como máximo { $max } códigos de una vez.
err-reward-not-code = Solo las recompensas de código de descuento llevan códigos.
err-not-found-reward = Esa recompensa no existe.
err-not-found-redemption = Ese canje no existe.
err-redemption-status = debe ser pending, fulfilled, cancelled o all.
err-redemption-not-pending = Solo se puede entregar o cancelar un canje que aún esté pendiente.
err-redeem-forbidden = Solo los miembros que pueden participar pueden canjear recompensas.
err-redeem-too-few-points = Esta recompensa cuesta { $cost } puntos y tú tienes { $balance }.
err-redeem-level = Esta recompensa se desbloquea en el nivel { $needed }; tú estás en el nivel { $level }.
err-redeem-limit = Ya has conseguido esta recompensa { $limit } { $limit ->
    [one] vez
   *[other] veces
  }, el máximo permitido por miembro.
err-redeem-out-of-stock = Ya no queda ninguna unidad de esta recompensa.

# error.html: el encabezado, según el estado HTTP ($status, un número); $reason es el
# motivo estándar en inglés, para cualquier otro estado.

error-status = { $status ->
    [400] Solicitud incorrecta
    [401] No autorizado
    [403] Prohibido
    [404] No encontrado
    [409] Conflicto
    [413] Contenido demasiado grande
    [422] No se puede procesar
    [429] Demasiadas solicitudes
    [500] Error interno del servidor
   *[other] { $reason }
}

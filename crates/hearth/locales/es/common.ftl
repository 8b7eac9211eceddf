# Compartido: tiempos relativos y palabras que usa el código en Rust.
time-just-now = ahora mismo
time-minutes-ago = { $count ->
    [one] hace { $count } minuto
   *[other] hace { $count } minutos
}
time-hours-ago = { $count ->
    [one] hace { $count } hora
   *[other] hace { $count } horas
}
time-days-ago = { $count ->
    [one] hace { $count } día
   *[other] hace { $count } días
}
time-months-ago = { $count ->
    [one] hace { $count } mes
   *[other] hace { $count } meses
}
time-years-ago = { $count ->
    [one] hace { $count } año
   *[other] hace { $count } años
}

# Insignias: la lista de los miembros, la página del administrador, insignias junto a los nombres y en los perfiles.
title-badges = Insignias
title-admin-badges = Insignias
nav-badges = Insignias
admin-nav-badges = Insignias
profile-badges = Insignias
badges-heading = Insignias
badges-intro = Las insignias se dan por lo que los miembros hacen aquí. Cada una se da sola, en cuanto alguien la merece.
badges-holders = { $count ->
    [0] Nadie la tiene todavía
    [one] 1 miembro la tiene
   *[other] { $count } miembros la tienen
  }
badges-yours = La tienes
badges-to-points = Tus puntos y tu nivel
badges-admin-list-heading = Todas las insignias
badges-admin-builtin = incluida
badges-admin-delete = Borrar
badges-admin-delete-label = Borrar la insignia { $name }
badges-admin-new-heading = Crear una insignia
badges-admin-name = Nombre
badges-admin-description = Para qué es (opcional)
badges-admin-condition = Quién la recibe
badges-admin-condition-help = (las mismas palabras que los segmentos)
badges-admin-condition-examples = Por ejemplo:
badges-admin-image = Imagen (opcional)
badges-admin-image-formats = SVG, PNG, JPEG, GIF o WebP
badges-admin-create = Crear la insignia y darla
badges-admin-done-created = Hecho: la insignia está creada y { $count ->
    [0] nadie la merece todavía. Se dará cuando los miembros la merezcan.
    [one] 1 miembro que ya la merecía la tiene ahora.
   *[other] { $count } miembros que ya la merecían la tienen ahora.
  }
badges-admin-done-deleted = La insignia está borrada y se ha quitado a todos los que la tenían.
err-badges-forbidden = Solo los administradores pueden gestionar las insignias.
err-badge-name = dale a la insignia un nombre de 1 a 60 letras o cifras
err-badge-description = debe tener como mucho 200 caracteres, en una línea
err-badge-slipping = una insignia no puede usar «slipping»: es un estado pasajero, no algo que el miembro hizo
err-badge-image-base64 = debe ser la imagen en base64 (una URL data: o sola)
err-badge-builtin = Una insignia incluida no se puede borrar.
err-not-found-badge = No existe esa insignia.

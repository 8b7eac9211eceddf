# Títulos de página, que los handlers nombran con `title_key` (y `title_args`); `render()`
# pone el mensaje en el idioma del lector en `title`.

title-settings = Configuración
title-forgot-password = ¿Olvidaste tu contraseña?
title-reset-password = Elige una contraseña nueva
title-sign-in = Iniciar sesión
title-setup = Configura tu comunidad
title-join = Unirse
title-members = Miembros
title-people = Personas
title-imports = Importaciones
title-segments = Segmentos
title-merge-suggestions = Fusiones sugeridas
title-your-profile = Tu perfil
title-spaces = Espacios
# $space: el nombre del espacio
title-edit-space = Editar { $space }
title-branding = Marca
title-jobs = Tareas
title-mail = Correo
title-membership = Membresía
title-groups = Grupos
title-application-sent = Solicitud enviada
title-guidelines = Normas de la comunidad
# $space: el nombre del espacio
title-new-topic = Nuevo tema en { $space }
# $topic: el título del tema
title-edit-post = Editar: { $topic }
# $topic: el título del tema
title-history = Historial: { $topic }
title-moderation-queue = Cola de moderación
title-audit-log = Registro de auditoría
title-moderation-log = Registro de moderación
# $name: el nombre visible del miembro
title-member-record = { $name } — ficha de miembro
title-warnings = Advertencias
title-notifications = Notificaciones
title-search = Búsqueda
# $query: lo que se buscó
title-search-results = Búsqueda: { $query }
title-webhooks = Webhooks
title-webhook = Webhook

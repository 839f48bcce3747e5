## What the commands answer (commands/*.ts): replies, panels and their buttons. Ids: reply-<command>-….

## /credits

reply-credits-balance = 💳 { $wallet ->
    [user] Tu monedero personal
    [guild] El monedero de este servidor
   *[group] El monedero de este grupo
}: { credits-amount }.
reply-credits-spent = Has gastado { $today } hoy y { $month } este mes.
reply-credits-daily-limit = Límite diario por miembro: { $cap } (te quedan { $left } hoy).
reply-credits-costs = Precios en créditos: { $list }.
reply-credits-history-empty = Todavía no hay movimientos de créditos aquí.
reply-credits-history-past-end = { $pages ->
    [one] Solo hay { $pages } página.
   *[other] Solo hay { $pages } páginas.
}
reply-credits-history-previous = ◀ Página { $page }
reply-credits-history-next = Página { $page } ▶
reply-credits-history-title = 🧾 { $wallet ->
    [user] Tu monedero personal
    [guild] El monedero de este servidor
   *[group] El monedero de este grupo
}, lo más reciente primero:
reply-credits-history-title-page = 🧾 { $wallet ->
    [user] Tu monedero personal
    [guild] El monedero de este servidor
   *[group] El monedero de este grupo
}, página { $page } de { $pages }, lo más reciente primero:
reply-credits-history-outcome = { $outcome ->
    [charged] cobrado
    [refunded] reembolsado
    [partly_refunded] reembolsado en parte ({ $refunded } devueltos)
   *[in_progress] en curso
}
reply-credits-history-movement = { $kind ->
    [grant] Concedidos
    [taken] Retirados
    [added] Añadidos
   *[refund] Reembolsados
} { credits-amount }
reply-credits-history-by = por { $user }

## /help

reply-help-group-line = • /{ $group } { $names } — consulta /help { $group }
reply-help-makes-imagine = imágenes de Midjourney (/imagine)
reply-help-makes-generate = imágenes de Flux 2, Nano Banana, Seedream y SDXL (/generate)
reply-help-makes-photos = fotos con IA de una persona a partir de sus propias fotos (/photos)
reply-help-intro = framebot crea { $makes } aquí mismo, en el chat.
reply-help-buttons = Botones bajo los resultados: { $buttons } — /help buttons explica qué hace cada uno.
reply-help-imagine-parameters = Los parámetros de Midjourney, como --stylize 250 o --no text, funcionan dentro del prompt.
reply-help-generate = /generate: omite el modelo para elegirlo de una lista; los tamaños de más de 1024×1024 cuestan más por imagen; hasta 10 imágenes de referencia lo guían.
reply-help-photos = Fotos con IA: /photos new, envía de 10 a 30 fotos de una persona, /photos train y luego /photos generate.
reply-help-credits = Créditos: cada trabajo se paga con el monedero de este chat; /credits muestra lo que queda.
reply-help-admin-pointer = Administradores de servidores y grupos, y operadores del bot: /help admin.
reply-help-admin-none = Este bot no tiene comandos de administración.
reply-help-admin-title = Comandos de administración: solo los administradores del servidor (Gestionar servidor) y de los grupos los ven en la lista de comandos, y cada uno vuelve a comprobar quién lo pide al ejecutarse.
reply-help-admin-operators = Los operadores del bot son las cuentas de BOT_ADMINS.
reply-help-buttons-title = Botones bajo los resultados:
reply-help-for-admins = Para administradores: { $commands } — consulta /help admin.

## /jobs

reply-jobs-none-all = No hay trabajos en curso ni en espera en este chat.
reply-jobs-none-own = No tienes trabajos en curso ni en espera aquí.
reply-jobs-for = { $job } de { $user }
reply-jobs-running = 🎨 { $what }: en curso
reply-jobs-running-progress = 🎨 { $what }: en curso ({ $progress } %)
reply-jobs-in-line = ⏳ { $what }: { $position }.º en la cola
reply-jobs-waiting = ⏳ { $what }: en espera
reply-jobs-more = …y más.
reply-jobs-cancel-button = ❌ Cancelar { $prompt }
reply-jobs-footer = Un trabajo en espera se puede cancelar, con reembolso completo; uno en curso no se puede detener.
reply-jobs-title-all = 🧾 Trabajos en este chat:
reply-jobs-title-own = 🧾 Tus trabajos aquí:
reply-jobs-cancelled = ❌ Cancelado: { $job }. { $count ->
    [0] No se cobró nada.
    [one] Se reembolsó { credits-amount }.
   *[other] Se reembolsaron { credits-amount }.
}
error-unknown-job = Ese trabajo no es de este chat.
error-not-your-job = Solo quien inició ese trabajo (o un administrador del grupo) puede cancelarlo.
error-job-running = { $job } ya ha empezado en el servicio de imágenes, que no puede detenerlo: terminará con normalidad.
error-job-gone = { $job } ya ha terminado.

## Result buttons (commands/action.ts), /generate's model picker, and a photo sent with nothing to do

reply-action-zoom-title = Zoom personalizado
reply-action-remix-title = Remix: { $button }
reply-action-zoom-label = Factor de zoom (más de 1, como mucho 2)
reply-action-prompt-label = Prompt
reply-generate-pick-title = 🎨 ¿Qué modelo debe crear { $prompt }? ({ $count ->
    [one] { $count } imagen
   *[other] { $count } imágenes
}, { $size })
reply-generate-pick-placeholder = Elige un modelo
reply-photo-hint-title = 📷 No tienes ningún conjunto de fotos abierto, así que no he hecho nada con esa foto.
reply-photo-hint-train = • Para entrenar un modelo de esta persona, abre un conjunto de fotos con /photos new y luego envía de { $min } a { $max } fotos.
reply-photo-hint-describe = • Para obtener prompts que la describan, { $how }.
reply-photo-hint-generate = • Para crear imágenes usándola como referencia, { $how }.
reply-photo-hint-how = { $how ->
    [reply] responde { $command } a ella
   *[attach] envía { $command } con ella adjunta
}
error-unknown-button = Este botón no funciona aquí: es de otro chat o ha caducado.
error-unknown-button-make = Este botón no funciona aquí: es de otro chat o ha caducado. Empieza de nuevo con { $command }.
error-unknown-button-here = Este botón no funciona aquí.
error-cannot-send-file = Aquí no puedo enviar archivos.
error-double-press = Ya estoy en ello: ese botón se acaba de pulsar.
error-draft-gone = Esa petición ya ha empezado o ha caducado. Envía /generate de nuevo.
error-not-your-request = Esta petición es de otra persona: envía /generate para la tuya.
error-model-needed = Indica qué modelo, p. ej. --model { $example }: { $models }.
error-model-needed-none = La generación de imágenes no está disponible en este bot.

## /admin grant, take and limit (commands/credits-admin.ts)

reply-credits-wallet-name = { $kind ->
    [own] tu propio monedero
    [this-user] tu monedero personal
    [this-guild] el monedero de este servidor
    [this-group] el monedero de este grupo
    [server] el monedero del servidor
    [group] el monedero del grupo
    [user-id] el monedero del usuario { $name }
   *[person] el monedero de { $name }
}
reply-admin-grant = ✅ Añadidos { credits-amount }; ahora { $wallet } tiene un saldo de { $balance }.
reply-admin-take = ✅ Retirados { credits-amount }; ahora { $wallet } tiene un saldo de { $balance }.
reply-admin-limit-off = ✅ Ya no hay límite diario por miembro.
reply-admin-limit = ✅ Cada miembro puede gastar ahora hasta { credits-amount } al día aquí.
error-not-operator = Solo el operador del bot puede hacer eso.
error-bad-target-wallet = Indica el monedero como me, user:<id>, @mención (Discord) o group:<id>, u omítelo para este chat.
error-not-group-limit = Los límites diarios son para monederos compartidos: usa esto en un servidor o grupo.
error-not-admin-limit = Solo los administradores de este { $place ->
    [server] servidor
   *[group] grupo
} pueden fijar el límite diario.

## /admin block, unblock, allow, disallow and access (commands/access-admin.ts)

error-bad-target-user = Indica el usuario como user:<id>, @mención (Discord) o telegram:<id> / discord:<id>.
error-not-group-access = Los chats privados siempre están abiertos (bloquea a un usuario en su lugar): usa esto en un servidor o grupo, o indica uno como guild:<id> o chat:<id>.
error-bad-target-place = Indica el lugar como guild:<id> (un servidor de Discord), chat:<id>, o telegram:<id> / discord:<id>; u omítelo para este.
error-operator-target = Los operadores no se pueden bloquear (BOT_ADMINS).
reply-access-blocked = ⛔ Bloqueado { $target }: recibirá una negativa amable, luego silencio, y nunca se le cobrará.
reply-access-unblocked = ✅ Desbloqueado { $target }.
reply-access-allowed = ✅ Permitido { $place ->
    [server] el servidor
   *[chat] el chat
} { $target }.
reply-access-disallowed = 🚫 Quitado de la lista de permitidos: { $place ->
    [server] el servidor
   *[chat] el chat
} { $target }.
reply-access-list-open = Ahora no hay { $places ->
    [servers] servidores de Discord
   *[chats] chats de { $platform }
} en la lista, así que el bot responde en todos.
reply-access-list-only = El bot responde solo en { $count ->
    [one] el { $count }
   *[other] los { $count }
} { $places ->
    [servers] servidores de Discord
   *[chats] chats de { $platform }
} de la lista (y en chats privados).
reply-access-from-config = { $target } (config)
reply-access-show-line = { $list ->
    [blocked_users] ⛔ Usuarios bloqueados: { $count ->
        [0] ninguno
       *[other] { $items }
    }
    [allowed_guilds] 🏠 Servidores de Discord permitidos: { $count ->
        [0] todos
       *[other] { $items }
    }
   *[allowed_chats] 💬 Chats permitidos: { $count ->
        [0] todos
       *[other] { $items }
    }
}
reply-access-show-private = Los chats privados están abiertos a todos los que no estén bloqueados; a los operadores nunca se les rechaza.

## /photos

reply-photos-count = 📸 { $total } de { $max } fotos — faltan { $missing } para entrenar.
reply-photos-count-ready = 📸 { $total } de { $max } fotos — listo para entrenar: /photos train [nombre].
reply-photos-new = 📸 Nuevo conjunto de fotos abierto. Ahora envía de { $min } a { $max } fotos de la misma persona, de una en una o varias a la vez.
reply-photos-new-tips = Lo mejor son fotos nítidas, bien iluminadas y desde distintos ángulos (/photos tips). Cada una debe medir al menos { $side }×{ $side } px.
reply-photos-new-kept = El conjunto se guarda 24 horas; las fotos se borran en cuanto se suben para el entrenamiento.
reply-photos-deleted = { $running ->
    [preparing] 🗑️ Borrado «{ $name }» antes de que empezara su entrenamiento: no se cobrará nada más (su preparación ya estaba pagada).
    [training] 🗑️ Borrado «{ $name }». Su entrenamiento ya estaba en marcha en el servicio de imágenes, así que sigue pagado; el resultado se descartará.
   *[nothing] 🗑️ Borrado tu modelo «{ $name }».
}
reply-photos-dropped = 🗑️ Descartado tu conjunto de fotos y { $count ->
    [one] su { $count } foto
   *[other] sus { $count } fotos
}.
reply-photos-shared = 🤝 Todos aquí pueden usar ahora «{ $name }»: /photos generate <prompt> --model { $name }
reply-photos-unshared = 🔒 «{ $name }» vuelve a ser solo tuyo.
reply-photos-tips =
    📷 Buenas fotos para entrenar:
    • De { $min } a { $max } fotos de una misma persona, sin nadie más en el encuadre.
    • Nítidas y bien iluminadas; la cara bien visible y no demasiado pequeña en la imagen.
    • Distintos ángulos, expresiones, ropa y fondos: primeros planos y algunos planos medios.
    • Sin gafas de sol, gorros que tapen la cara, filtros fuertes ni retoques.
    • Al menos { $side }×{ $side } px; envíalas como fotos o como archivos de imagen.
    Envía solo fotos tuyas o de alguien que haya dado su consentimiento.
error-not-admin-share = Solo los administradores del grupo pueden compartir un modelo con el grupo.

## /settings: the panel, its controls and what it refuses.

settings-title = ⚙️ Tus ajustes (en todos los chats donde me usas aquí):
settings-aspect-ratio = • Proporción: { $ratio }, la que usa /imagine si no indicas otra
settings-aspect-ratio-none = • Proporción: ninguna (el 1:1 de Midjourney), la que usa /imagine si no indicas otra
settings-speed = • Velocidad: { $speed ->
    [turbo] turbo (más rápida, cuesta más créditos)
   *[fast] rápida
}
settings-remix = • Remix: { $remix ->
    [on] activado — los botones piden primero el prompt
   *[off] desactivado
}
settings-variation = • V1–V4: { $variation ->
    [subtle] variaciones sutiles (primero se amplía la imagen, así que cuestan una ampliación más)
   *[strong] variaciones fuertes
}
settings-suffix = • Sufijo: { $suffix } (se añade a cada prompt)
settings-suffix-none = • Sufijo: ninguno
settings-language = • Idioma: { $language }
settings-language-auto = • Idioma: automático, ahora { $language } (el de tu app, si lo hablo)
settings-group-language = • Idioma de este { $place ->
    [server] servidor
   *[group] grupo
}: { $language }, para quienes usan la app en un idioma que no hablo
settings-group-language-auto = • Idioma de este { $place ->
    [server] servidor
   *[group] grupo
}: automático
settings-aspect-ratio-placeholder = Proporción por defecto
settings-aspect-ratio-no-default = Sin proporción
settings-remix-button = 🎛️ Remix: { $remix ->
    [on] sí
   *[off] no
}
settings-speed-button = ⚡ Velocidad: { $speed ->
    [turbo] turbo
   *[fast] rápida
}
settings-variation-button = 🎨 V1–V4: { $variation ->
    [subtle] sutiles
   *[strong] fuertes
}
settings-suffix-button = ✏️ Sufijo
settings-suffix-clear-button = ✖️ Quitar sufijo
settings-language-placeholder = Idioma
settings-language-automatic = Automático
settings-group-language-placeholder = Idioma de este { $place ->
    [server] servidor
   *[group] grupo
}
settings-suffix-question = Sufijo del prompt
settings-suffix-question-label = Se añade a cada prompt, p. ej. --v 7 --stylize 250
settings-not-yours = Estos ajustes son de otra persona: envía /settings para ver los tuyos.
settings-bad-aspect-ratio = La proporción debe ser una de estas: { $ratios }.
settings-bad-speed = La velocidad es fast o turbo.
settings-bad-remix = Remix se activa o se desactiva.
settings-bad-variation = V1–V4 son fuertes o sutiles.
settings-bad-suffix = El sufijo debe tener menos de { $max } caracteres.
settings-bad-language = Ese no es uno de mis idiomas.
settings-group-language-admins-only = Solo los administradores de este servidor o grupo pueden elegir su idioma.

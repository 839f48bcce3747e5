## Buttons under results (src/core/actions/entries.ts) and what /help says of them.

action-upscale-alt = { $mode ->
    [creative] Ampliar (creativo)
   *[subtle] Ampliar (sutil)
}
action-upscale-factor = Ampliar { $factor }
action-vary = { $mode ->
    [strong] Variar (fuerte)
   *[subtle] Variar (sutil)
}
action-zoom-out = Alejar { $factor }x
action-custom-zoom = Zoom personalizado
action-make-square = Hacer cuadrada
action-seed = Semilla
action-imagine-all = Imaginar todos
action-upscale-done = La imagen n.º { $index } ya está ampliada: mira arriba.
action-upscale-running = La imagen n.º { $index } ya se está ampliando.
action-seed-done = La semilla de esta imagen está arriba.
action-seed-running = Ya estoy buscando la semilla.
error-unknown-button-prompt = Ese prompt ya no forma parte de este resultado. Empieza de nuevo con /describe o /shorten.
error-unknown-button-kind = Ese botón pertenece a otro tipo de resultado.

action-help-upscale = amplía una imagen
action-help-reroll = otra vez
action-help-variation = varía una imagen
action-help-upscale-alt-buttons = Ampliar (sutil/creativo)
action-help-upscale-alt = más grande, refinada
action-help-upscale-factor-buttons = Ampliar 2x/4x
action-help-upscale-factor = más grande
action-help-vary-buttons = Variar (sutil/fuerte)
action-help-vary = varía una ampliación
action-help-zoom-out-buttons = Alejar 2x/1.5x
action-help-zoom-out = amplía la escena
action-help-custom-zoom = amplía la escena según el factor que indiques
action-help-make-square = la amplía hasta un cuadrado
action-help-pan = la extiende en esa dirección
action-seed-button = 🌱 Semilla
action-help-seed = muestra su semilla
action-help-regenerate-buttons = 🔄 bajo las fotos IA
action-help-regenerate = fotos nuevas, misma petición
action-help-generate-again-buttons = 🔄 bajo /generate
action-help-generate-again = la misma petición otra vez
action-help-full-size-buttons = ⬇️ 1–10 bajo /generate
action-help-full-size = esa imagen a resolución completa, como archivo (gratis)
action-help-imagine-prompt-buttons = 1–5 o 🎉 Imaginar todos bajo los prompts
action-help-imagine-prompt = los imagina

action-full-size-caption = Imagen { $index } de { $count }, a resolución completa
error-unknown-button-image = Esa imagen ya no forma parte de este resultado.

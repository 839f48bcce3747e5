## Buttons under results (src/core/actions/entries.ts) and what /help says of them.

action-upscale-alt = { $mode ->
    [creative] Ampliar (criativo)
   *[subtle] Ampliar (sutil)
}
action-upscale-factor = Ampliar { $factor }
action-vary = { $mode ->
    [strong] Variar (forte)
   *[subtle] Variar (sutil)
}
action-zoom-out = Afastar { $factor }x
action-custom-zoom = Zoom personalizado
action-make-square = Deixar quadrada
action-seed = Semente
action-imagine-all = Imaginar todos
action-upscale-done = A imagem nº { $index } já foi ampliada: veja acima.
action-upscale-running = A imagem nº { $index } já está sendo ampliada.
action-seed-done = A semente desta imagem está acima.
action-seed-running = Já estou buscando a semente.
error-unknown-button-prompt = Esse prompt não faz mais parte deste resultado. Comece de novo com /describe ou /shorten.
error-unknown-button-kind = Esse botão pertence a outro tipo de resultado.

action-help-upscale = amplia uma imagem
action-help-reroll = de novo
action-help-variation = varia uma imagem
action-help-upscale-alt-buttons = Ampliar (sutil/criativo)
action-help-upscale-alt = maior, refinada
action-help-upscale-factor-buttons = Ampliar 2x/4x
action-help-upscale-factor = maior
action-help-vary-buttons = Variar (sutil/forte)
action-help-vary = varia uma ampliação
action-help-zoom-out-buttons = Afastar 2x/1.5x
action-help-zoom-out = amplia a cena
action-help-custom-zoom = amplia a cena pelo fator que você indicar
action-help-make-square = amplia até um quadrado
action-help-pan = estende naquela direção
action-seed-button = 🌱 Semente
action-help-seed = mostra a semente
action-help-regenerate-buttons = 🔄 sob as fotos de IA
action-help-regenerate = fotos novas, mesmo pedido
action-help-generate-again-buttons = 🔄 sob /generate
action-help-generate-again = o mesmo pedido de novo
action-help-full-size-buttons = ⬇️ 1–10 sob /generate
action-help-full-size = aquela imagem em resolução total, como arquivo (grátis)
action-help-imagine-prompt-buttons = 1–5 ou 🎉 Imaginar todos sob os prompts
action-help-imagine-prompt = imagina os prompts

action-full-size-caption = Imagem { $index } de { $count }, em resolução total
error-unknown-button-image = Essa imagem não faz mais parte deste resultado.

## /settings: the panel, its controls and what it refuses.

settings-title = ⚙️ Suas configurações (em todos os chats onde você me usa aqui):
settings-aspect-ratio = • Proporção: { $ratio }, usada pelo /imagine quando você não informa outra
settings-aspect-ratio-none = • Proporção: nenhuma (o 1:1 do Midjourney), usada pelo /imagine quando você não informa outra
settings-speed = • Velocidade: { $speed ->
    [turbo] turbo (mais rápida, custa mais créditos)
   *[fast] rápida
}
settings-remix = • Remix: { $remix ->
    [on] ligado — os botões pedem o prompt antes
   *[off] desligado
}
settings-variation = • V1–V4: { $variation ->
    [subtle] variações sutis (a imagem é ampliada antes, então custam uma ampliação a mais)
   *[strong] variações fortes
}
settings-suffix = • Sufixo: { $suffix } (adicionado a todo prompt)
settings-suffix-none = • Sufixo: nenhum
settings-language = • Idioma: { $language }
settings-language-auto = • Idioma: automático, agora { $language } (o do seu app, se eu falar)
settings-group-language = • Idioma deste { $place ->
    [server] servidor
   *[group] grupo
}: { $language }, para quem usa o app num idioma que eu não falo
settings-group-language-auto = • Idioma deste { $place ->
    [server] servidor
   *[group] grupo
}: automático
settings-aspect-ratio-placeholder = Proporção padrão
settings-aspect-ratio-no-default = Sem padrão
settings-remix-button = 🎛️ Remix: { $remix ->
    [on] ligado
   *[off] desligado
}
settings-speed-button = ⚡ Velocidade: { $speed ->
    [turbo] turbo
   *[fast] rápida
}
settings-variation-button = 🎨 V1–V4: { $variation ->
    [subtle] sutis
   *[strong] fortes
}
settings-suffix-button = ✏️ Sufixo
settings-suffix-clear-button = ✖️ Sem sufixo
settings-language-placeholder = Idioma
settings-language-automatic = Automático
settings-group-language-placeholder = Idioma deste { $place ->
    [server] servidor
   *[group] grupo
}
settings-suffix-question = Sufixo do prompt
settings-suffix-question-label = Adicionado a todo prompt, ex. --v 7 --stylize 250
settings-not-yours = Estas configurações são de outra pessoa: envie /settings para ver as suas.
settings-bad-aspect-ratio = A proporção precisa ser uma destas: { $ratios }.
settings-bad-speed = A velocidade é fast ou turbo.
settings-bad-remix = O Remix fica ligado ou desligado.
settings-bad-variation = V1–V4 são fortes ou sutis.
settings-bad-suffix = O sufixo precisa ter menos de { $max } caracteres.
settings-bad-language = Esse não é um dos meus idiomas.
settings-group-language-admins-only = Só os admins deste servidor ou grupo podem escolher o idioma dele.

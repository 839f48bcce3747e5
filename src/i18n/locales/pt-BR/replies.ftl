## What the commands answer (commands/*.ts): replies, panels and their buttons. Ids: reply-<command>-….

## /credits

reply-credits-balance = 💳 { $wallet ->
    [user] Sua carteira pessoal
    [guild] A carteira deste servidor
   *[group] A carteira deste grupo
}: { credits-amount }.
reply-credits-spent = Você gastou { $today } hoje e { $month } neste mês.
reply-credits-daily-limit = Limite diário por membro: { $cap } (restam { $left } para você hoje).
reply-credits-costs = Preços em créditos: { $list }.
reply-credits-history-empty = Ainda não há movimentações de créditos aqui.
reply-credits-history-past-end = { $pages ->
    [one] Há só { $pages } página.
   *[other] Há só { $pages } páginas.
}
reply-credits-history-previous = ◀ Página { $page }
reply-credits-history-next = Página { $page } ▶
reply-credits-history-title = 🧾 { $wallet ->
    [user] Sua carteira pessoal
    [guild] A carteira deste servidor
   *[group] A carteira deste grupo
}, mais recentes primeiro:
reply-credits-history-title-page = 🧾 { $wallet ->
    [user] Sua carteira pessoal
    [guild] A carteira deste servidor
   *[group] A carteira deste grupo
}, página { $page } de { $pages }, mais recentes primeiro:
reply-credits-history-outcome = { $outcome ->
    [charged] cobrado
    [refunded] reembolsado
    [partly_refunded] reembolsado em parte ({ $refunded } de volta)
   *[in_progress] em andamento
}
reply-credits-history-movement = { $kind ->
    [grant] Concedidos
    [taken] Retirados
    [added] Adicionados
   *[refund] Reembolsados
} { credits-amount }
reply-credits-history-by = por { $user }

## /help

reply-help-group-line = • /{ $group } { $names } — veja /help { $group }
reply-help-makes-imagine = imagens do Midjourney (/imagine)
reply-help-makes-generate = imagens do Flux 2, Nano Banana, Seedream e SDXL (/generate)
reply-help-makes-photos = fotos com IA de uma pessoa a partir das fotos dela (/photos)
reply-help-intro = O framebot cria { $makes } aqui mesmo, no chat.
reply-help-buttons = Botões abaixo dos resultados: { $buttons } — /help buttons diz o que cada um faz.
reply-help-imagine-parameters = Parâmetros do Midjourney, como --stylize 250 ou --no text, funcionam dentro do prompt.
reply-help-generate = /generate: deixe o modelo de fora para escolhê-lo numa lista; tamanhos acima de 1024×1024 custam mais por imagem; até 10 imagens de referência o guiam.
reply-help-photos = Fotos com IA: /photos new, envie de 10 a 30 fotos de uma pessoa, /photos train e depois /photos generate.
reply-help-credits = Créditos: cada trabalho é pago com a carteira deste chat; /credits mostra o que resta.
reply-help-admin-pointer = Admins de servidores e grupos, e operadores do bot: /help admin.
reply-help-admin-none = Este bot não tem comandos de administração.
reply-help-admin-title = Comandos de administração: só os admins do servidor (Gerenciar servidor) e dos grupos os veem na lista de comandos, e cada um confere de novo quem está pedindo ao ser executado.
reply-help-admin-operators = Os operadores do bot são as contas em BOT_ADMINS.
reply-help-buttons-title = Botões abaixo dos resultados:
reply-help-for-admins = Para admins: { $commands } — veja /help admin.

## /jobs

reply-jobs-none-all = Não há trabalhos em andamento nem na fila neste chat.
reply-jobs-none-own = Você não tem trabalhos em andamento nem na fila aqui.
reply-jobs-for = { $job } de { $user }
reply-jobs-running = 🎨 { $what }: em andamento
reply-jobs-running-progress = 🎨 { $what }: em andamento ({ $progress }%)
reply-jobs-in-line = ⏳ { $what }: { $position }º na fila
reply-jobs-waiting = ⏳ { $what }: aguardando
reply-jobs-more = …e mais.
reply-jobs-cancel-button = ❌ Cancelar { $prompt }
reply-jobs-footer = Um trabalho na fila pode ser cancelado, com reembolso total; um em andamento não pode ser interrompido.
reply-jobs-title-all = 🧾 Trabalhos neste chat:
reply-jobs-title-own = 🧾 Seus trabalhos aqui:
reply-jobs-cancelled = ❌ Cancelado: { $job }. { $count ->
    [0] Nada foi cobrado.
    [one] { credits-amount } reembolsado.
   *[other] { credits-amount } reembolsados.
}
error-unknown-job = Esse trabalho não é deste chat.
error-not-your-job = Só quem iniciou esse trabalho (ou um admin do grupo) pode cancelá-lo.
error-job-running = { $job } já começou no serviço de imagens, que não pode interrompê-lo: vai terminar normalmente.
error-job-gone = { $job } já terminou.

## Result buttons (commands/action.ts), /generate's model picker, and a photo sent with nothing to do

reply-action-zoom-title = Zoom personalizado
reply-action-remix-title = Remix: { $button }
reply-action-zoom-label = Fator de zoom (mais de 1, no máximo 2)
reply-action-prompt-label = Prompt
reply-generate-pick-title = 🎨 Qual modelo deve criar { $prompt }? ({ $count ->
    [one] { $count } imagem
   *[other] { $count } imagens
}, { $size })
reply-generate-pick-placeholder = Escolha um modelo
reply-photo-hint-title = 📷 Você não tem nenhum conjunto de fotos aberto, então não fiz nada com essa foto.
reply-photo-hint-train = • Para treinar um modelo desta pessoa, abra um conjunto de fotos com /photos new e depois envie de { $min } a { $max } fotos.
reply-photo-hint-describe = • Para receber prompts que a descrevam, { $how }.
reply-photo-hint-generate = • Para criar imagens com ela como referência, { $how }.
reply-photo-hint-how = { $how ->
    [reply] responda { $command } a ela
   *[attach] envie { $command } com ela anexada
}
error-unknown-button = Este botão não funciona aqui: é de outro chat ou expirou.
error-unknown-button-make = Este botão não funciona aqui: é de outro chat ou expirou. Comece um novo com { $command }.
error-unknown-button-here = Este botão não funciona aqui.
error-cannot-send-file = Não consigo enviar arquivos aqui.
error-double-press = Já estou nisso: esse botão acabou de ser pressionado.
error-draft-gone = Esse pedido já começou ou expirou. Envie /generate de novo.
error-not-your-request = Este pedido é de outra pessoa: envie /generate para o seu.
error-model-needed = Diga qual modelo, por exemplo --model { $example }: { $models }.
error-model-needed-none = A geração de imagens não está disponível neste bot.

## /admin grant, take and limit (commands/credits-admin.ts)

reply-credits-wallet-name = { $kind ->
    [own] sua própria carteira
    [this-user] sua carteira pessoal
    [this-guild] a carteira deste servidor
    [this-group] a carteira deste grupo
    [server] a carteira do servidor
    [group] a carteira do grupo
    [user-id] a carteira do usuário { $name }
   *[person] a carteira de { $name }
}
reply-admin-grant = ✅ Adicionados { credits-amount }; agora { $wallet } tem saldo de { $balance }.
reply-admin-take = ✅ Retirados { credits-amount }; agora { $wallet } tem saldo de { $balance }.
reply-admin-limit-off = ✅ Não há mais limite diário por membro.
reply-admin-limit = ✅ Cada membro agora pode gastar até { credits-amount } por dia aqui.
error-not-operator = Só o operador do bot pode fazer isso.
error-bad-target-wallet = Informe a carteira como me, user:<id>, @menção (Discord) ou group:<id>, ou deixe de fora para este chat.
error-not-group-limit = Limites diários são para carteiras compartilhadas: use isto em um servidor ou grupo.
error-not-admin-limit = Só os admins deste { $place ->
    [server] servidor
   *[group] grupo
} podem definir o limite diário.

## /admin block, unblock, allow, disallow and access (commands/access-admin.ts)

error-bad-target-user = Informe o usuário como user:<id>, @menção (Discord) ou telegram:<id> / discord:<id>.
error-not-group-access = Chats privados estão sempre abertos (bloqueie um usuário em vez disso): use isto em um servidor ou grupo, ou informe um como guild:<id> ou chat:<id>.
error-bad-target-place = Informe o lugar como guild:<id> (um servidor do Discord), chat:<id>, ou telegram:<id> / discord:<id>; ou deixe de fora para este.
error-operator-target = Operadores não podem ser bloqueados (BOT_ADMINS).
reply-access-blocked = ⛔ Bloqueado { $target }: recebe uma recusa educada, depois silêncio, e nunca é cobrado.
reply-access-unblocked = ✅ Desbloqueado { $target }.
reply-access-allowed = ✅ Permitido { $place ->
    [server] o servidor
   *[chat] o chat
} { $target }.
reply-access-disallowed = 🚫 Tirado da lista de permitidos: { $place ->
    [server] o servidor
   *[chat] o chat
} { $target }.
reply-access-list-open = Nenhum { $places ->
    [servers] servidor do Discord
   *[chats] chat do { $platform }
} está na lista agora, então o bot responde em todos.
reply-access-list-only = O bot responde só { $count ->
    [one] no { $count } { $places ->
        [servers] servidor do Discord
       *[chats] chat do { $platform }
    } da lista
   *[other] nos { $count } { $places ->
        [servers] servidores do Discord
       *[chats] chats do { $platform }
    } da lista
} (e em chats privados).
reply-access-from-config = { $target } (config)
reply-access-show-line = { $list ->
    [blocked_users] ⛔ Usuários bloqueados: { $count ->
        [0] nenhum
       *[other] { $items }
    }
    [allowed_guilds] 🏠 Servidores do Discord permitidos: { $count ->
        [0] todos
       *[other] { $items }
    }
   *[allowed_chats] 💬 Chats permitidos: { $count ->
        [0] todos
       *[other] { $items }
    }
}
reply-access-show-private = Chats privados estão abertos a todos que não estão bloqueados; operadores nunca são recusados.

## /photos

reply-photos-count = 📸 { $total } de { $max } fotos — faltam { $missing } para treinar.
reply-photos-count-ready = 📸 { $total } de { $max } fotos — pronto para treinar: /photos train [nome].
reply-photos-new = 📸 Novo conjunto de fotos aberto. Agora envie de { $min } a { $max } fotos da mesma pessoa, uma por vez ou várias de uma só vez.
reply-photos-new-tips = Fotos nítidas, bem iluminadas e de ângulos diferentes funcionam melhor (/photos tips). Cada uma deve ter pelo menos { $side }×{ $side } px.
reply-photos-new-kept = O conjunto fica guardado por 24 horas; as fotos são apagadas assim que são enviadas para o treinamento.
reply-photos-deleted = { $running ->
    [preparing] 🗑️ “{ $name }” apagado antes de o treinamento começar: nada mais será cobrado (a preparação já tinha sido paga).
    [training] 🗑️ “{ $name }” apagado. O treinamento já estava em andamento no serviço de imagens, então continua pago; o resultado será descartado.
   *[nothing] 🗑️ Seu modelo “{ $name }” foi apagado.
}
reply-photos-dropped = 🗑️ Seu conjunto de fotos foi descartado, com { $count ->
    [one] { $count } foto
   *[other] { $count } fotos
}.
reply-photos-shared = 🤝 Agora todos aqui podem usar “{ $name }”: /photos generate <prompt> --model { $name }
reply-photos-unshared = 🔒 “{ $name }” voltou a ser só seu.
reply-photos-tips =
    📷 Boas fotos para treinamento:
    • De { $min } a { $max } fotos de uma mesma pessoa, sem mais ninguém no enquadramento.
    • Nítidas e bem iluminadas; o rosto bem visível, não pequeno demais na imagem.
    • Ângulos, expressões, roupas e fundos diferentes: closes e algumas fotos da cintura para cima.
    • Sem óculos escuros, chapéus cobrindo o rosto, filtros fortes ou retoques.
    • Pelo menos { $side }×{ $side } px; envie como fotos ou como arquivos de imagem.
    Envie só fotos suas ou de alguém que concordou com isso.
error-not-admin-share = Só os admins do grupo podem compartilhar um modelo com o grupo.

## A task's progress, result and failure (src/core/render.ts), in the task's language.

task-head = { $label } { $prompt } para { $user }
task-waiting-to-start = Aguardando para começar…
task-percent = { $percent }%
task-failed = ❌ { $label } { $prompt } não terminou: { $reason } { $refund }
task-refund-nothing-charged = Nada foi cobrado.
task-refund-none = { $cost ->
    [one] O { $cost } crédito que custou não foi devolvido.
   *[other] Os { $cost } créditos que custou não foram devolvidos.
}
task-refund-partial = { $refunded } dos { $cost ->
        [one] { $cost } crédito
       *[other] { $cost } créditos
    } que custou { $refunded ->
        [one] foi devolvido
       *[other] foram devolvidos
    }.
task-refund-yours = { $cost ->
    [one] Seu { $cost } crédito foi devolvido.
   *[other] Seus { $cost } créditos foram devolvidos.
}
task-refund-to-wallet = { $cost ->
        [one] O { $cost } crédito foi devolvido
       *[other] Os { $cost } créditos foram devolvidos
    } { $wallet ->
        [user] para sua carteira pessoal
        [guild] para a carteira deste servidor
       *[group] para a carteira deste grupo
    }.

## Why a task failed, as the bot says it (no full stop: one is added).

task-reason-interrupted-submit = o bot reiniciou enquanto a enviava, e enviá-la de novo poderia executá-la duas vezes, então tente novamente
task-reason-no-result = o serviço de imagens disse que terminou, mas não enviou nenhuma imagem
task-reason-too-long = demorou demais, então foi interrompida
task-reason-cancelled = foi cancelada antes de começar
task-reason-no-address = o serviço de imagens terminou a imagem, mas não enviou nenhum endereço para baixá-la
task-reason-none = o serviço de imagens não deu nenhum motivo
task-reason-not-accepted = O pedido não foi aceito

## How progress and results name a job (the English is stored with the task).

task-label-imagine = Imaginar
task-label-a-job = Uma tarefa
task-label-describe = Descrever
task-label-shorten = Encurtar
task-label-blend = Mesclar
task-label-face-swap = Troca de rosto
task-label-reroll = Refazer
task-label-seed = Semente
task-label-upscale = Ampliação nº { $index }
task-label-variations = Variações da nº { $index }
task-label-upscale-alt = { $mode ->
    [creative] Ampliar (criativo)
   *[subtle] Ampliar (sutil)
}
task-label-upscale-factor = Ampliar { $factor }
task-label-vary = { $mode ->
    [strong] Variar (forte)
   *[subtle] Variar (sutil)
}
task-label-zoom-out = Afastar { $factor }x
task-label-custom-zoom = Zoom personalizado
task-label-make-square = Deixar quadrada
task-label-pan = { $direction ->
    [left] Deslocar para a esquerda
    [right] Deslocar para a direita
    [up] Deslocar para cima
   *[down] Deslocar para baixo
}
task-label-training = Treinamento
task-label-preparing-photos = Preparando fotos para
task-label-photos-of = Fotos de { $name }

## Results (src/core/render.ts, generate-results.ts, prompt-results.ts).

result-seed = A semente de { $prompt } é { $seed }: adicione --seed { $seed } a um prompt para partir do mesmo ruído.
result-missing-not-charged = Chegaram { $received } de { $total } imagens; nada foi cobrado { $failed ->
        [one] pela que falta
       *[other] pelas { $failed } que faltam
    }.
result-missing-not-refunded = Chegaram { $received } de { $total } imagens; nada foi devolvido { $failed ->
        [one] pela que falta
       *[other] pelas { $failed } que faltam
    }.
result-missing-refunded = Chegaram { $received } de { $total } imagens; { $refunded ->
        [one] { $refunded } crédito foi devolvido
       *[other] { $refunded } créditos foram devolvidos
    } { $failed ->
        [one] pela que falta
       *[other] pelas { $failed } que faltam
    }.
result-important-tokens = Tokens importantes: { $tokens }
result-prompts-hint = Toque em um número para imaginar esse prompt.

## The line of waiting jobs (src/core/queue-text.ts).

queue-place = { $place }º
queue-waiting = { $place } na fila, { $eta }
queue-eta-soon = menos de um minuto
queue-eta-minutes = cerca de { $minutes } min
queue-eta-hours = cerca de { $hours } h
queue-board-head = { $count ->
    [one] Na fila aqui ({ $count } tarefa):
   *[other] Na fila aqui ({ $count } tarefas):
}
queue-board-line = { $place }: { $job }, { $eta }
queue-board-more = …e mais { $count }.
queue-board-foot = Cada tarefa ganha sua própria mensagem quando começa. /jobs mostra as suas, com ❌ Cancelar.
queue-board-empty = Não há mais nada esperando na fila aqui: todas as tarefas já começaram.
queue-cancelled = { $label } { $prompt } foi cancelada antes de começar. { $refund }

## Wallets and credits (src/core/credits.ts).

credits-wallet = { $kind ->
    [user] sua carteira pessoal
    [guild] a carteira deste servidor
   *[group] a carteira deste grupo
}
error-unknown-wallet = Ainda não há carteira para { $named }: uma carteira aparece quando o chat ou a pessoa usa o bot pela primeira vez. Confira o id ou deixe --wallet de fora para usar a carteira deste chat.
error-insufficient-credits = { $jobs ->
        [1] Isso custa { $cost ->
            [one] { $cost } crédito
           *[other] { $cost } créditos
        }
       *[other] Isso inicia { $jobs } tarefas e custa { $cost ->
            [one] { $cost } crédito
           *[other] { $cost } créditos
        }
    }, mas { $wallet ->
        [user] sua carteira pessoal
        [guild] a carteira deste servidor
       *[group] a carteira deste grupo
    } tem { $balance }. Um operador pode adicionar mais com /admin grant.
error-daily-cap = { $jobs ->
        [1] Isso custa { $cost ->
            [one] { $cost } crédito
           *[other] { $cost } créditos
        }
       *[other] Isso inicia { $jobs } tarefas e custa { $cost ->
            [one] { $cost } crédito
           *[other] { $cost } créditos
        }
    }, mas restam { $room } dos seus créditos diários aqui. O limite é renovado às { $resetsAt } UTC.
error-daily-cap-of = Isso custa { $cost ->
        [one] { $cost } crédito
       *[other] { $cost } créditos
    }, mas restam { $room } dos seus { $cap } créditos diários aqui. O limite é renovado às { $resetsAt } UTC.
error-insufficient-credits-take = Essa carteira só tem { $balance ->
        [one] { $balance } crédito
       *[other] { $balance } créditos
    }; retire no máximo isso.

task-reason-not-started = não foi possível iniciá-la
task-variation-failed = { $label } não terminou: { $reason } Nada foi cobrado pela variação; a ampliação anterior continua paga.
task-variation-not-started = o serviço de imagens não conseguiu iniciar a variação.
error-service-off = Esse serviço de imagens não está mais disponível neste bot.

## Refusals before a command runs (access.ts, rate-limit.ts, banned-words.ts, queue-limits.ts, dispatch.ts).

access-blocked = Desculpe, você não pode usar este bot. Se acha que é um engano, fale com o operador do bot.
access-guild-not-allowed = Desculpe, este bot não está disponível neste servidor. O operador do bot pode liberá-lo.
access-chat-not-allowed = Desculpe, este bot não está disponível neste chat. O operador do bot pode liberá-lo.
rate-window = { $unit ->
    [hour] { $count ->
        [1] uma hora
       *[other] { $count } horas
    }
    [minute] { $count ->
        [1] um minuto
       *[other] { $count } minutos
    }
   *[second] { $count ->
        [one] { $count } segundo
       *[other] { $count } segundos
    }
}
error-rate-limited = Você está enviando comandos mais rápido do que este bot aceita: no máximo { $limit ->
        [one] { $limit } comando
       *[other] { $limit } comandos
    } a cada { rate-window }. Espere { $wait ->
        [one] { $wait } segundo
       *[other] { $wait } segundos
    } e tente de novo. Nada foi cobrado.
error-banned-word = “{ $word }” não é permitido em prompts aqui, então nada foi iniciado nem cobrado. Mude o prompt.
error-banned-word-suffix = Seu sufixo de /settings contém “{ $word }”, que não é permitido em prompts aqui, então nada foi iniciado nem cobrado. Mude-o em /settings.
error-too-many-jobs = Você já tem { $open ->
        [one] { $open } tarefa
       *[other] { $open } tarefas
    } em andamento ou na fila, e { $cap } é o máximo que uma pessoa pode ter ao mesmo tempo. Tente de novo quando alguma terminar, ou cancele uma na fila com /jobs. Nada foi cobrado.
error-too-many-group-jobs = Este grupo já tem { $open ->
        [one] { $open } tarefa
       *[other] { $open } tarefas
    } em andamento ou na fila, e { $cap } é o máximo que um grupo pode ter ao mesmo tempo. Tente de novo quando alguma terminar. Nada foi cobrado.
error-cannot-ask = Isso precisa de uma resposta que não posso pedir aqui.
error-cannot-ask-choice = Isso precisa de uma escolha que não posso oferecer aqui.

## What the user is told when the bot or its image service fails (errors.ts).

apology-provider-rejected = O serviço de imagens recusou este pedido: { $said } Nada foi cobrado.
apology-provider-rejected-unsaid = O serviço de imagens recusou este pedido sem dizer por quê. Nada foi cobrado.
apology-provider-key = A chave do serviço de imagens do bot não é válida, então nada foi iniciado. Avise o operador do bot (referência { $reference }).
apology-out-of-credits = A conta do serviço de imagens do bot está sem créditos, então nada foi iniciado nem cobrado. Avise o operador do bot (referência { $reference }).
apology-out-of-credits-named = A conta de { $service } do bot está sem créditos, então nada foi iniciado nem cobrado. Avise o operador do bot (referência { $reference }).
apology-busy = O serviço de imagens está ocupado agora, então nada foi iniciado nem cobrado. Tente de novo em um minuto.
apology-busy-named = { $service } está ocupado agora, então nada foi iniciado nem cobrado. Tente de novo em um minuto.
apology-generic = Desculpe, algo deu errado do nosso lado. Se continuar acontecendo, passe ao operador do bot esta referência: { $reference }

## Prices as /credits lists them (src/core/costs.ts): $price is in credits.

credits-cost-imagine = imagine { $price }
credits-cost-reroll = 🔄 refazer { $price }
credits-cost-variation = V1–V4 variações { $price }
credits-cost-vary = Variar (forte/sutil) { $price }
credits-cost-upscale = U1–U4 ampliar { $price }
credits-cost-upscale-alt = Ampliar (sutil/criativo) { $price }
credits-cost-upscale-2x = Ampliar 2x { $price }
credits-cost-upscale-4x = Ampliar 4x { $price }
credits-cost-outpaint = afastar ou deixar quadrada { $price }
credits-cost-pan = deslocar { $price }
credits-cost-seed = 🌱 semente { $price }
credits-cost-describe = describe { $price }
credits-cost-shorten = shorten { $price }
credits-cost-turbo = velocidade turbo { $price } a mais por tarefa
credits-cost-blend = blend { $price }
credits-cost-faceswap = troca de rosto { $price }
credits-cost-photo-prepare = preparar fotos { $price }
credits-cost-photo-train = treinamento { $price } por foto
credits-cost-photo-generate = fotos de IA { $price } cada
credits-cost-model-images = imagens de { $model } { $price } cada

## /generate (src/core/generate.ts).

error-service-off-generate = A geração de imagens não está mais disponível neste bot.
error-model-not-offered = { $model } não é oferecido aqui. Escolha um destes: { $models }.

## Ledger notes the bot writes (src/core/credit-history.ts ledgerNoteIn).

credits-note-welcome = créditos de boas-vindas
credits-note-granted = adicionados por um operador
credits-note-taken = retirados por um operador
credits-note-missing-images = { $label }: { $failed } de { $total } imagens não chegaram

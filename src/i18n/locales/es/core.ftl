## A task's progress, result and failure (src/core/render.ts), in the task's language.

task-head = { $label } { $prompt } para { $user }
task-waiting-to-start = Esperando para empezar…
task-percent = { $percent } %
task-failed = ❌ { $label } { $prompt } no terminó: { $reason } { $refund }
task-refund-nothing-charged = No se cobró nada.
task-refund-none = { $cost ->
    [one] El { $cost } crédito que costó no se devolvió.
   *[other] Los { $cost } créditos que costó no se devolvieron.
}
task-refund-partial = Se { $refunded ->
        [one] devolvió { $refunded }
       *[other] devolvieron { $refunded }
    } de los { $cost ->
        [one] { $cost } crédito
       *[other] { $cost } créditos
    } que costó.
task-refund-yours = { $cost ->
    [one] Se te devolvió tu { $cost } crédito.
   *[other] Se te devolvieron tus { $cost } créditos.
}
task-refund-to-wallet = { $cost ->
        [one] El { $cost } crédito se devolvió
       *[other] Los { $cost } créditos se devolvieron
    } { $wallet ->
        [user] a tu monedero personal
        [guild] al monedero de este servidor
       *[group] al monedero de este grupo
    }.

## Why a task failed, as the bot says it (no full stop: one is added).

task-reason-interrupted-submit = el bot se reinició mientras lo enviaba y reenviarlo podría ejecutarlo dos veces, así que inténtalo de nuevo
task-reason-no-result = el servicio de imágenes dijo que había terminado pero no devolvió ninguna imagen
task-reason-too-long = tardó demasiado, así que se detuvo
task-reason-cancelled = se canceló antes de empezar
task-reason-no-address = el servicio de imágenes terminó la imagen pero no envió ninguna dirección para descargarla
task-reason-none = el servicio de imágenes no dio ningún motivo
task-reason-not-accepted = La petición no fue aceptada

## How progress and results name a job (the English is stored with the task).

task-label-imagine = Imaginar
task-label-a-job = Un trabajo
task-label-describe = Describir
task-label-shorten = Acortar
task-label-blend = Mezcla
task-label-face-swap = Cambio de cara
task-label-reroll = Repetir
task-label-seed = Semilla
task-label-upscale = Ampliación n.º { $index }
task-label-variations = Variaciones de n.º { $index }
task-label-upscale-alt = { $mode ->
    [creative] Ampliar (creativo)
   *[subtle] Ampliar (sutil)
}
task-label-upscale-factor = Ampliar { $factor }
task-label-vary = { $mode ->
    [strong] Variar (fuerte)
   *[subtle] Variar (sutil)
}
task-label-zoom-out = Alejar { $factor }x
task-label-custom-zoom = Zoom personalizado
task-label-make-square = Hacer cuadrada
task-label-pan = { $direction ->
    [left] Desplazar a la izquierda
    [right] Desplazar a la derecha
    [up] Desplazar hacia arriba
   *[down] Desplazar hacia abajo
}
task-label-training = Entrenamiento
task-label-preparing-photos = Preparando fotos para
task-label-photos-of = Fotos de { $name }

## Results (src/core/render.ts, generate-results.ts, prompt-results.ts).

result-seed = La semilla de { $prompt } es { $seed }: añade --seed { $seed } a un prompt para partir del mismo ruido.
result-missing-not-charged = Llegaron { $received } de { $total } imágenes; no se cobró nada por { $failed ->
        [one] la que falta
       *[other] las { $failed } que faltan
    }.
result-missing-not-refunded = Llegaron { $received } de { $total } imágenes; no se devolvió nada por { $failed ->
        [one] la que falta
       *[other] las { $failed } que faltan
    }.
result-missing-refunded = Llegaron { $received } de { $total } imágenes; se { $refunded ->
        [one] devolvió { $refunded } crédito
       *[other] devolvieron { $refunded } créditos
    } por { $failed ->
        [one] la que falta
       *[other] las { $failed } que faltan
    }.
result-important-tokens = Tokens importantes: { $tokens }
result-prompts-hint = Pulsa un número para imaginar ese prompt.

## The line of waiting jobs (src/core/queue-text.ts).

queue-place = { $place }.º
queue-waiting = { $place } en la cola, { $eta }
queue-eta-soon = menos de un minuto
queue-eta-minutes = aprox. { $minutes } min
queue-eta-hours = aprox. { $hours } h
queue-board-head = { $count ->
    [one] En la cola aquí ({ $count } trabajo):
   *[other] En la cola aquí ({ $count } trabajos):
}
queue-board-line = { $place }: { $job }, { $eta }
queue-board-more = …y { $count } más.
queue-board-foot = Cada trabajo recibe su propio mensaje cuando empieza. /jobs muestra los tuyos, con ❌ Cancelar.
queue-board-empty = Ya no hay nada esperando en la cola aquí: todos los trabajos han empezado.
queue-cancelled = { $label } { $prompt } se canceló antes de empezar. { $refund }

## Wallets and credits (src/core/credits.ts).

credits-wallet = { $kind ->
    [user] tu monedero personal
    [guild] el monedero de este servidor
   *[group] el monedero de este grupo
}
error-unknown-wallet = Todavía no hay monedero para { $named }: un monedero aparece cuando su chat o su persona usa el bot por primera vez. Revisa el id, o quita --wallet para usar el monedero de este chat.
error-insufficient-credits = { $jobs ->
        [1] Cuesta { $cost ->
            [one] { $cost } crédito
           *[other] { $cost } créditos
        }
       *[other] Inicia { $jobs } trabajos y cuesta { $cost ->
            [one] { $cost } crédito
           *[other] { $cost } créditos
        }
    }, pero { $wallet ->
        [user] tu monedero personal
        [guild] el monedero de este servidor
       *[group] el monedero de este grupo
    } tiene { $balance }. Un operador puede añadir más con /admin grant.
error-daily-cap = { $jobs ->
        [1] Cuesta { $cost ->
            [one] { $cost } crédito
           *[other] { $cost } créditos
        }
       *[other] Inicia { $jobs } trabajos y cuesta { $cost ->
            [one] { $cost } crédito
           *[other] { $cost } créditos
        }
    }, pero aquí te quedan { $room } de tus créditos diarios. El límite se renueva a las { $resetsAt } UTC.
error-daily-cap-of = Cuesta { $cost ->
        [one] { $cost } crédito
       *[other] { $cost } créditos
    }, pero aquí te quedan { $room } de tus { $cap } créditos diarios. El límite se renueva a las { $resetsAt } UTC.
error-insufficient-credits-take = Ese monedero solo tiene { $balance ->
        [one] { $balance } crédito
       *[other] { $balance } créditos
    }; quita como mucho eso.

task-reason-not-started = no se pudo iniciar
task-variation-failed = { $label } no terminó: { $reason } No se cobró nada por la variación; la ampliación anterior sigue pagada.
task-variation-not-started = el servicio de imágenes no pudo iniciar la variación.
error-service-off = Ese servicio de imágenes ya no está disponible en este bot.

## Refusals before a command runs (access.ts, rate-limit.ts, banned-words.ts, queue-limits.ts, dispatch.ts).

access-blocked = Lo siento, no puedes usar este bot. Si crees que es un error, pregunta al operador del bot.
access-guild-not-allowed = Lo siento, este bot no está disponible en este servidor. El operador del bot puede permitirlo.
access-chat-not-allowed = Lo siento, este bot no está disponible en este chat. El operador del bot puede permitirlo.
rate-window = { $unit ->
    [hour] { $count ->
        [1] una hora
       *[other] { $count } horas
    }
    [minute] { $count ->
        [1] un minuto
       *[other] { $count } minutos
    }
   *[second] { $count ->
        [one] { $count } segundo
       *[other] { $count } segundos
    }
}
error-rate-limited = Envías comandos más rápido de lo que este bot los acepta: como mucho { $limit ->
        [one] { $limit } comando
       *[other] { $limit } comandos
    } cada { rate-window }. Espera { $wait ->
        [one] { $wait } segundo
       *[other] { $wait } segundos
    } y vuelve a intentarlo. No se cobró nada.
error-banned-word = “{ $word }” no está permitido en los prompts aquí, así que no se inició ni se cobró nada. Cambia el prompt.
error-banned-word-suffix = Tu sufijo de /settings contiene “{ $word }”, que no está permitido en los prompts aquí, así que no se inició ni se cobró nada. Cámbialo en /settings.
error-too-many-jobs = Ya tienes { $open ->
        [one] { $open } trabajo
       *[other] { $open } trabajos
    } en curso o en espera, y { $cap } es el máximo que una persona puede tener a la vez. Inténtalo de nuevo cuando termine alguno, o cancela uno en espera con /jobs. No se cobró nada.
error-too-many-group-jobs = Este grupo ya tiene { $open ->
        [one] { $open } trabajo
       *[other] { $open } trabajos
    } en curso o en espera, y { $cap } es el máximo que un grupo puede tener a la vez. Inténtalo de nuevo cuando termine alguno. No se cobró nada.
error-cannot-ask = Eso necesita una respuesta que no puedo pedir aquí.
error-cannot-ask-choice = Eso necesita una elección que no puedo ofrecer aquí.

## What the user is told when the bot or its image service fails (errors.ts).

apology-provider-rejected = El servicio de imágenes rechazó esta petición: { $said } No se cobró nada.
apology-provider-rejected-unsaid = El servicio de imágenes rechazó esta petición sin decir por qué. No se cobró nada.
apology-provider-key = La clave del servicio de imágenes del bot no es válida, así que no se inició nada. Avisa al operador del bot (referencia { $reference }).
apology-out-of-credits = La cuenta del servicio de imágenes del bot se quedó sin créditos, así que no se inició ni se cobró nada. Avisa al operador del bot (referencia { $reference }).
apology-out-of-credits-named = La cuenta de { $service } del bot se quedó sin créditos, así que no se inició ni se cobró nada. Avisa al operador del bot (referencia { $reference }).
apology-busy = El servicio de imágenes está ocupado ahora mismo, así que no se inició ni se cobró nada. Inténtalo de nuevo en un minuto.
apology-busy-named = { $service } está ocupado ahora mismo, así que no se inició ni se cobró nada. Inténtalo de nuevo en un minuto.
apology-generic = Lo siento, algo salió mal por nuestra parte. Si sigue pasando, da al operador del bot esta referencia: { $reference }

## Prices as /credits lists them (src/core/costs.ts): $price is in credits.

credits-cost-imagine = imagine { $price }
credits-cost-reroll = 🔄 repetir { $price }
credits-cost-variation = V1–V4 variaciones { $price }
credits-cost-vary = Variar (fuerte/sutil) { $price }
credits-cost-upscale = U1–U4 ampliar { $price }
credits-cost-upscale-alt = Ampliar (sutil/creativo) { $price }
credits-cost-upscale-2x = Ampliar 2x { $price }
credits-cost-upscale-4x = Ampliar 4x { $price }
credits-cost-outpaint = alejar o hacer cuadrada { $price }
credits-cost-pan = desplazar { $price }
credits-cost-seed = 🌱 semilla { $price }
credits-cost-describe = describe { $price }
credits-cost-shorten = shorten { $price }
credits-cost-turbo = velocidad turbo { $price } más por trabajo
credits-cost-blend = blend { $price }
credits-cost-faceswap = cambio de cara { $price }
credits-cost-photo-prepare = preparar fotos { $price }
credits-cost-photo-train = entrenamiento { $price } por foto
credits-cost-photo-generate = fotos IA { $price } cada una
credits-cost-model-images = imágenes de { $model } { $price } cada una

## /generate (src/core/generate.ts).

error-service-off-generate = La generación de imágenes ya no está disponible en este bot.
error-model-not-offered = { $model } no se ofrece aquí. Elige uno de: { $models }.

## Ledger notes the bot writes (src/core/credit-history.ts ledgerNoteIn).

credits-note-welcome = créditos de bienvenida
credits-note-granted = añadidos por un operador
credits-note-taken = retirados por un operador
credits-note-missing-images = { $label }: { $failed ->
        [one] no llegó { $failed }
       *[other] no llegaron { $failed }
    } de { $total } imágenes

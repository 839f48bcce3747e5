## A task's progress, result and failure (src/core/render.ts), in the task's language.

task-head = { $label } { $prompt } для { $user }
task-waiting-to-start = Ожидает запуска…
task-percent = { $percent }%
task-failed = ❌ { $label } { $prompt } — не удалось завершить: { $reason } { $refund }
task-refund-nothing-charged = Ничего не списано.
task-refund-none = { $cost ->
    [one] Списанный { $cost } кредит не возвращён.
    [few] Списанные { $cost } кредита не возвращены.
   *[many] Списанные { $cost } кредитов не возвращены.
}
task-refund-partial = Из { $cost ->
        [one] { $cost } списанного кредита
       *[many] { $cost } списанных кредитов
    } { $refunded ->
        [one] возвращён { $refunded }
        [few] возвращены { $refunded }
       *[many] возвращено { $refunded }
    }.
task-refund-yours = { $cost ->
    [one] Ваш { $cost } кредит возвращён.
    [few] Ваши { $cost } кредита возвращены.
   *[many] Ваши { $cost } кредитов возвращены.
}
task-refund-to-wallet = { $cost ->
        [one] { $cost } кредит возвращён
        [few] { $cost } кредита возвращены
       *[many] { $cost } кредитов возвращено
    } в { $wallet ->
        [user] ваш личный кошелёк
        [guild] кошелёк этого сервера
       *[group] кошелёк этой группы
    }.

## Why a task failed, as the bot says it (no full stop: one is added).

task-reason-interrupted-submit = бот перезапустился во время отправки, а повторная отправка могла бы запустить задачу дважды, поэтому попробуйте ещё раз
task-reason-no-result = сервис изображений сообщил о завершении, но не прислал ни одного изображения
task-reason-too-long = задача выполнялась слишком долго и была остановлена
task-reason-cancelled = задача отменена до запуска
task-reason-no-address = сервис изображений закончил изображение, но не прислал адрес, откуда его скачать
task-reason-none = сервис изображений не указал причину
task-reason-not-accepted = Запрос не был принят

## How progress and results name a job (the English is stored with the task).

task-label-imagine = Генерация
task-label-a-job = Задача
task-label-describe = Описание
task-label-shorten = Сокращение
task-label-blend = Смешивание
task-label-face-swap = Замена лица
task-label-reroll = Повтор
task-label-seed = Сид
task-label-upscale = Увеличение №{ $index }
task-label-variations = Вариации №{ $index }
task-label-upscale-alt = { $mode ->
    [creative] Увеличить (творчески)
   *[subtle] Увеличить (бережно)
}
task-label-upscale-factor = Увеличить { $factor }
task-label-vary = { $mode ->
    [strong] Варьировать (сильно)
   *[subtle] Варьировать (слегка)
}
task-label-zoom-out = Отдалить { $factor }x
task-label-custom-zoom = Своё отдаление
task-label-make-square = Сделать квадратным
task-label-pan = { $direction ->
    [left] Сдвиг влево
    [right] Сдвиг вправо
    [up] Сдвиг вверх
   *[down] Сдвиг вниз
}
task-label-training = Обучение
task-label-preparing-photos = Подготовка фото для
task-label-photos-of = Фото: { $name }

## Results (src/core/render.ts, generate-results.ts, prompt-results.ts).

result-seed = Сид { $prompt } — { $seed }: добавьте --seed { $seed } к запросу, чтобы начать с того же шума.
result-missing-not-charged = Получено изображений: { $received } из { $total }; за { $failed ->
        [one] недостающее ничего не списано
       *[many] { $failed } недостающих ничего не списано
    }.
result-missing-not-refunded = Получено изображений: { $received } из { $total }; за { $failed ->
        [one] недостающее ничего не возвращено
       *[many] { $failed } недостающих ничего не возвращено
    }.
result-missing-refunded = Получено изображений: { $received } из { $total }; за { $failed ->
        [one] недостающее
       *[many] { $failed } недостающих
    } { $refunded ->
        [one] возвращён { $refunded } кредит
        [few] возвращены { $refunded } кредита
       *[many] возвращено { $refunded } кредитов
    }.
result-important-tokens = Важные токены: { $tokens }
result-prompts-hint = Нажмите номер, чтобы сгенерировать этот запрос.

## The line of waiting jobs (src/core/queue-text.ts).

queue-place = { $place }-е
queue-waiting = { $place } место в очереди, { $eta }
queue-eta-soon = меньше минуты
queue-eta-minutes = около { $minutes } мин
queue-eta-hours = около { $hours } ч
queue-board-head = { $count ->
    [one] В очереди здесь ({ $count } задача):
    [few] В очереди здесь ({ $count } задачи):
   *[many] В очереди здесь ({ $count } задач):
}
queue-board-line = { $place }: { $job }, { $eta }
queue-board-more = …и ещё { $count }.
queue-board-foot = Каждая задача получит своё сообщение, когда начнётся. /jobs покажет ваши, с кнопкой ❌ Отменить.
queue-board-empty = Здесь в очереди больше ничего нет: все задачи запущены.
queue-cancelled = { $label } { $prompt } — задача отменена до запуска. { $refund }

## Wallets and credits (src/core/credits.ts).

credits-wallet = { $kind ->
    [user] ваш личный кошелёк
    [guild] кошелёк этого сервера
   *[group] кошелёк этой группы
}
error-unknown-wallet = Кошелька для { $named } пока нет: кошелёк появляется, когда его чат или владелец впервые пользуется ботом. Проверьте id или уберите --wallet, чтобы использовать кошелёк этого чата.
error-insufficient-credits = { $jobs ->
        [1] Это стоит { $cost ->
            [one] { $cost } кредит
            [few] { $cost } кредита
           *[many] { $cost } кредитов
        }
       *[other] Это запустит { $jobs ->
            [one] { $jobs } задачу
            [few] { $jobs } задачи
           *[many] { $jobs } задач
        } и стоит { $cost ->
            [one] { $cost } кредит
            [few] { $cost } кредита
           *[many] { $cost } кредитов
        }
    }, а на балансе { $wallet ->
        [user] вашего личного кошелька
        [guild] кошелька этого сервера
       *[group] кошелька этой группы
    } { $balance }. Оператор может пополнить его командой /admin grant.
error-daily-cap = { $jobs ->
        [1] Это стоит { $cost ->
            [one] { $cost } кредит
            [few] { $cost } кредита
           *[many] { $cost } кредитов
        }
       *[other] Это запустит { $jobs ->
            [one] { $jobs } задачу
            [few] { $jobs } задачи
           *[many] { $jobs } задач
        } и стоит { $cost ->
            [one] { $cost } кредит
            [few] { $cost } кредита
           *[many] { $cost } кредитов
        }
    }, а из ваших дневных кредитов здесь осталось { $room }. Лимит обновляется в { $resetsAt } UTC.
error-daily-cap-of = Это стоит { $cost ->
        [one] { $cost } кредит
        [few] { $cost } кредита
       *[many] { $cost } кредитов
    }, а из ваших { $cap } дневных кредитов здесь осталось { $room }. Лимит обновляется в { $resetsAt } UTC.
error-insufficient-credits-take = В этом кошельке всего { $balance ->
        [one] { $balance } кредит
        [few] { $balance } кредита
       *[many] { $balance } кредитов
    }; можно списать не больше.

task-reason-not-started = её не удалось запустить
task-variation-failed = { $label } — не удалось завершить: { $reason } За вариацию ничего не списано; предшествующее увеличение остаётся оплаченным.
task-variation-not-started = сервис изображений не смог запустить вариацию.
error-service-off = Этот сервис изображений больше недоступен в этом боте.

## Refusals before a command runs (access.ts, rate-limit.ts, banned-words.ts, queue-limits.ts, dispatch.ts).

access-blocked = Извините, вы не можете пользоваться этим ботом. Если считаете это ошибкой, обратитесь к оператору бота.
access-guild-not-allowed = Извините, этот бот недоступен на этом сервере. Оператор бота может его разрешить.
access-chat-not-allowed = Извините, этот бот недоступен в этом чате. Оператор бота может его разрешить.
rate-window = { $unit ->
    [hour] { $count ->
        [1] час
        [one] { $count } час
        [few] { $count } часа
       *[many] { $count } часов
    }
    [minute] { $count ->
        [1] минуту
        [one] { $count } минуту
        [few] { $count } минуты
       *[many] { $count } минут
    }
   *[second] { $count ->
        [one] { $count } секунду
        [few] { $count } секунды
       *[many] { $count } секунд
    }
}
error-rate-limited = Вы отправляете команды быстрее, чем их принимает бот: не больше { $limit ->
        [one] { $limit } команды
       *[many] { $limit } команд
    } за { rate-window }. Подождите { $wait ->
        [one] { $wait } секунду
        [few] { $wait } секунды
       *[many] { $wait } секунд
    } и попробуйте снова. Ничего не списано.
error-banned-word = «{ $word }» здесь нельзя использовать в запросах, поэтому ничего не запущено и не списано. Измените запрос.
error-banned-word-suffix = Ваш суффикс в /settings содержит «{ $word }», а это здесь нельзя использовать в запросах, поэтому ничего не запущено и не списано. Измените его в /settings.
error-too-many-jobs = У вас уже { $open ->
        [one] { $open } задача
        [few] { $open } задачи
       *[many] { $open } задач
    } в работе или в очереди, а одному человеку можно держать не больше { $cap } одновременно. Попробуйте снова, когда одна завершится, или отмените ожидающую через /jobs. Ничего не списано.
error-too-many-group-jobs = У этой группы уже { $open ->
        [one] { $open } задача
        [few] { $open } задачи
       *[many] { $open } задач
    } в работе или в очереди, а одной группе можно держать не больше { $cap } одновременно. Попробуйте снова, когда одна завершится. Ничего не списано.
error-cannot-ask = Для этого нужен ответ, который я не могу здесь запросить.
error-cannot-ask-choice = Для этого нужен выбор, который я не могу здесь предложить.

## What the user is told when the bot or its image service fails (errors.ts).

apology-provider-rejected = Сервис изображений отклонил этот запрос: { $said } Ничего не списано.
apology-provider-rejected-unsaid = Сервис изображений отклонил этот запрос, не объяснив причину. Ничего не списано.
apology-provider-key = Ключ бота для сервиса изображений недействителен, поэтому ничего не запущено. Сообщите оператору бота (код { $reference }).
apology-out-of-credits = На счёте бота в сервисе изображений закончились кредиты, поэтому ничего не запущено и не списано. Сообщите оператору бота (код { $reference }).
apology-out-of-credits-named = На счёте бота в { $service } закончились кредиты, поэтому ничего не запущено и не списано. Сообщите оператору бота (код { $reference }).
apology-busy = Сервис изображений сейчас перегружен, поэтому ничего не запущено и не списано. Попробуйте через минуту.
apology-busy-named = { $service } сейчас перегружен, поэтому ничего не запущено и не списано. Попробуйте через минуту.
apology-generic = Извините, у нас что-то пошло не так. Если это повторяется, сообщите оператору бота этот код: { $reference }

## Prices as /credits lists them (src/core/costs.ts): $price is in credits.

credits-cost-imagine = imagine { $price }
credits-cost-reroll = 🔄 повтор { $price }
credits-cost-variation = V1–V4 вариации { $price }
credits-cost-vary = Варьировать (сильно/слегка) { $price }
credits-cost-upscale = U1–U4 увеличение { $price }
credits-cost-upscale-alt = Увеличить (бережно/творчески) { $price }
credits-cost-upscale-2x = Увеличить 2x { $price }
credits-cost-upscale-4x = Увеличить 4x { $price }
credits-cost-outpaint = отдаление или квадрат { $price }
credits-cost-pan = сдвиг { $price }
credits-cost-seed = 🌱 сид { $price }
credits-cost-describe = describe { $price }
credits-cost-shorten = shorten { $price }
credits-cost-turbo = скорость turbo: на { $price } больше за задачу
credits-cost-blend = blend { $price }
credits-cost-faceswap = замена лица { $price }
credits-cost-photo-prepare = подготовка фото { $price }
credits-cost-photo-train = обучение { $price } за фото
credits-cost-photo-generate = ИИ-фото { $price } за штуку
credits-cost-model-images = изображения { $model } { $price } за штуку

## /generate (src/core/generate.ts).

error-service-off-generate = Генерация изображений в этом боте больше недоступна.
error-model-not-offered = { $model } здесь недоступна. Выберите одну из: { $models }.

## Ledger notes the bot writes (src/core/credit-history.ts ledgerNoteIn).

credits-note-welcome = приветственные кредиты
credits-note-granted = начислено оператором
credits-note-taken = списано оператором
credits-note-missing-images = { $label }: не получено изображений — { $failed } из { $total }

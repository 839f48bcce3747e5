## What the commands answer (commands/*.ts): replies, panels and their buttons. Ids: reply-<command>-….

## /credits

reply-credits-balance = 💳 { $wallet ->
    [user] Ваш личный кошелёк
    [guild] Кошелёк этого сервера
   *[group] Кошелёк этой группы
}: { credits-amount }.
reply-credits-spent = Вы потратили { $today } сегодня и { $month } в этом месяце.
reply-credits-daily-limit = Дневной лимит на участника: { $cap } (на сегодня у вас осталось { $left }).
reply-credits-costs = Цены в кредитах: { $list }.
reply-credits-history-empty = Здесь пока нет движений кредитов.
reply-credits-history-past-end = { $pages ->
    [one] Есть только { $pages } страница.
    [few] Есть только { $pages } страницы.
   *[many] Есть только { $pages } страниц.
}
reply-credits-history-previous = ◀ Стр. { $page }
reply-credits-history-next = Стр. { $page } ▶
reply-credits-history-title = 🧾 { $wallet ->
    [user] Ваш личный кошелёк
    [guild] Кошелёк этого сервера
   *[group] Кошелёк этой группы
}, сначала новые:
reply-credits-history-title-page = 🧾 { $wallet ->
    [user] Ваш личный кошелёк
    [guild] Кошелёк этого сервера
   *[group] Кошелёк этой группы
}, страница { $page } из { $pages }, сначала новые:
reply-credits-history-outcome = { $outcome ->
    [charged] списано
    [refunded] возвращено
    [partly_refunded] возвращено частично ({ $refunded } вернулось)
   *[in_progress] выполняется
}
reply-credits-history-movement = { $kind ->
    [grant] Начислено
    [taken] Списано
    [added] Добавлено
   *[refund] Возвращено
} { credits-amount }
reply-credits-history-by = от { $user }

## /help

reply-help-group-line = • /{ $group } { $names } — см. /help { $group }
reply-help-makes-imagine = изображения Midjourney (/imagine)
reply-help-makes-generate = изображения Flux 2, Nano Banana, Seedream и SDXL (/generate)
reply-help-makes-photos = ИИ-фото человека по его собственным фотографиям (/photos)
reply-help-intro = framebot создаёт { $makes } прямо здесь, в чате.
reply-help-buttons = Кнопки под результатами: { $buttons } — /help buttons объясняет, что делает каждая.
reply-help-imagine-parameters = Параметры Midjourney, например --stylize 250 или --no text, работают прямо в промпте.
reply-help-generate = /generate: не указывайте модель, чтобы выбрать её из списка; размеры больше 1024×1024 стоят дороже за изображение; до 10 референсных изображений направляют генерацию.
reply-help-photos = ИИ-фото: /photos new, отправьте 10–30 фотографий одного человека, /photos train, затем /photos generate.
reply-help-credits = Кредиты: каждая задача оплачивается из кошелька этого чата; /credits показывает остаток.
reply-help-admin-pointer = Администраторам серверов и групп и операторам бота: /help admin.
reply-help-admin-none = У этого бота нет команд для администраторов.
reply-help-admin-title = Команды для администраторов: в списке команд их видят только администраторы сервера (право «Управлять сервером») и групп, и каждая при запуске снова проверяет, кто её вызвал.
reply-help-admin-operators = Операторы бота — это аккаунты из BOT_ADMINS.
reply-help-buttons-title = Кнопки под результатами:
reply-help-for-admins = Для администраторов: { $commands } — см. /help admin.

## /jobs

reply-jobs-none-all = В этом чате нет выполняемых или ожидающих задач.
reply-jobs-none-own = У вас здесь нет выполняемых или ожидающих задач.
reply-jobs-for = { $job } для { $user }
reply-jobs-running = 🎨 { $what }: выполняется
reply-jobs-running-progress = 🎨 { $what }: выполняется ({ $progress }%)
reply-jobs-in-line = ⏳ { $what }: { $position }-я в очереди
reply-jobs-waiting = ⏳ { $what }: ожидает
reply-jobs-more = …и другие.
reply-jobs-cancel-button = ❌ Отменить { $prompt }
reply-jobs-footer = Ожидающую задачу можно отменить с полным возвратом; выполняемую остановить нельзя.
reply-jobs-title-all = 🧾 Задачи в этом чате:
reply-jobs-title-own = 🧾 Ваши задачи здесь:
reply-jobs-cancelled = ❌ Отменено: { $job }. { $count ->
    [0] Ничего не списано.
   *[other] Возвращено: { credits-amount }.
}
error-unknown-job = Эта задача не из этого чата.
error-not-your-job = Отменить эту задачу может только тот, кто её запустил (или администратор группы).
error-job-running = { $job } уже запущена в сервисе изображений, и остановить её нельзя: она завершится как обычно.
error-job-gone = { $job } уже завершена.

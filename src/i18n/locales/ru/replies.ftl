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

## Result buttons (commands/action.ts), /generate's model picker, and a photo sent with nothing to do

reply-action-zoom-title = Свой зум
reply-action-remix-title = Remix: { $button }
reply-action-zoom-label = Коэффициент зума (больше 1, не больше 2)
reply-action-prompt-label = Промпт
reply-generate-pick-title = 🎨 Какой модели создать { $prompt }? ({ $count ->
    [one] { $count } изображение
    [few] { $count } изображения
   *[many] { $count } изображений
}, { $size })
reply-generate-pick-placeholder = Выберите модель
reply-photo-hint-title = 📷 У вас нет открытого набора фото, поэтому я ничего не сделал с этой фотографией.
reply-photo-hint-train = • Чтобы обучить модель этого человека, откройте набор фото командой /photos new, затем отправьте { $min }–{ $max } фотографий.
reply-photo-hint-describe = • Чтобы получить промпты, описывающие её, { $how }.
reply-photo-hint-generate = • Чтобы создать изображения с ней как с референсом, { $how }.
reply-photo-hint-how = { $how ->
    [reply] ответьте на неё { $command }
   *[attach] отправьте { $command }, прикрепив её
}
error-unknown-button = Эта кнопка здесь не работает: она из другого чата или устарела.
error-unknown-button-make = Эта кнопка здесь не работает: она из другого чата или устарела. Начните заново с { $command }.
error-unknown-button-here = Эта кнопка здесь не работает.
error-cannot-send-file = Здесь я не могу отправлять файлы.
error-double-press = Уже выполняю: эту кнопку только что нажали.
error-draft-gone = Этот запрос уже запущен или устарел. Отправьте /generate ещё раз.
error-not-your-request = Это чужой запрос: отправьте /generate для своего.
error-model-needed = Укажите модель, например --model { $example }: { $models }.
error-model-needed-none = Генерация изображений в этом боте недоступна.

## /admin grant, take and limit (commands/credits-admin.ts)

reply-credits-wallet-name = { $kind ->
    [own] ваш собственный кошелёк
    [this-user] ваш личный кошелёк
    [this-guild] кошелёк этого сервера
    [this-group] кошелёк этой группы
    [server] кошелёк сервера
    [group] кошелёк группы
    [user-id] кошелёк пользователя { $name }
   *[person] кошелёк { $name }
}
reply-admin-grant = ✅ Добавлено { credits-amount }: { $wallet }. Баланс: { $balance }.
reply-admin-take = ✅ Списано { credits-amount }: { $wallet }. Баланс: { $balance }.
reply-admin-limit-off = ✅ Дневного лимита на участника больше нет.
reply-admin-limit = ✅ Теперь каждый участник может тратить здесь до { credits-amount } в день.
error-not-operator = Это может сделать только оператор бота.
error-bad-target-wallet = Укажите кошелёк как me, user:<id>, @упоминание (Discord) или group:<id> — или не указывайте, чтобы выбрать этот чат.
error-not-group-limit = Дневные лимиты — для общих кошельков: используйте это на сервере или в группе.
error-not-admin-limit = Задать дневной лимит могут только администраторы { $place ->
    [server] этого сервера
   *[group] этой группы
}.

## /admin block, unblock, allow, disallow and access (commands/access-admin.ts)

error-bad-target-user = Укажите пользователя как user:<id>, @упоминание (Discord) или telegram:<id> / discord:<id>.
error-not-group-access = Личные чаты открыты всегда (вместо этого заблокируйте пользователя): используйте это на сервере или в группе или укажите место как guild:<id> или chat:<id>.
error-bad-target-place = Укажите место как guild:<id> (сервер Discord), chat:<id> или telegram:<id> / discord:<id> — или не указывайте, чтобы выбрать это место.
error-operator-target = Операторов нельзя заблокировать (BOT_ADMINS).
reply-access-blocked = ⛔ Заблокирован { $target }: получит один вежливый отказ, затем тишину, и никогда не будет списаний.
reply-access-unblocked = ✅ Разблокирован { $target }.
reply-access-allowed = ✅ Разрешён { $place ->
    [server] сервер
   *[chat] чат
} { $target }.
reply-access-disallowed = 🚫 Убран из списка разрешённых: { $place ->
    [server] сервер
   *[chat] чат
} { $target }.
reply-access-list-open = Сейчас в списке нет { $places ->
    [servers] серверов Discord
   *[chats] чатов { $platform }
}, поэтому бот отвечает во всех.
reply-access-list-only = Бот отвечает только в { $places ->
    [servers] серверах Discord
   *[chats] чатах { $platform }
} из списка ({ $count }) и в личных чатах.
reply-access-from-config = { $target } (конфиг)
reply-access-show-line = { $list ->
    [blocked_users] ⛔ Заблокированные пользователи: { $count ->
        [0] нет
       *[other] { $items }
    }
    [allowed_guilds] 🏠 Разрешённые серверы Discord: { $count ->
        [0] все
       *[other] { $items }
    }
   *[allowed_chats] 💬 Разрешённые чаты: { $count ->
        [0] все
       *[other] { $items }
    }
}
reply-access-show-private = Личные чаты открыты для всех незаблокированных; операторам никогда не отказывают.

## /photos

reply-photos-count = 📸 { $total } из { $max } фото — для обучения нужно ещё { $missing }.
reply-photos-count-ready = 📸 { $total } из { $max } фото — можно обучать: /photos train [имя].
reply-photos-new = 📸 Новый набор фото открыт. Теперь отправьте { $min }–{ $max } фотографий одного и того же человека, по одной или несколько сразу.
reply-photos-new-tips = Лучше всего подходят чёткие, хорошо освещённые фото с разных ракурсов (/photos tips). Каждое должно быть не меньше { $side }×{ $side } px.
reply-photos-new-kept = Набор хранится 24 часа; фото удаляются, как только загружены для обучения.
reply-photos-deleted = { $running ->
    [preparing] 🗑️ «{ $name }» удалена до начала обучения: больше ничего не спишется (подготовка уже оплачена).
    [training] 🗑️ «{ $name }» удалена. Обучение уже шло в сервисе изображений, поэтому оно остаётся оплаченным; результат будет отброшен.
   *[nothing] 🗑️ Ваша модель «{ $name }» удалена.
}
reply-photos-dropped = 🗑️ Ваш набор фото удалён вместе с { $count ->
    [one] { $count } фотографией
   *[other] { $count } фотографиями
}.
reply-photos-shared = 🤝 Теперь все здесь могут использовать «{ $name }»: /photos generate <prompt> --model { $name }
reply-photos-unshared = 🔒 «{ $name }» снова доступна только вам.
reply-photos-tips =
    📷 Хорошие фото для обучения:
    • { $min }–{ $max } фотографий одного и того же человека, больше никого в кадре.
    • Чёткие и хорошо освещённые; лицо хорошо видно и не слишком мелкое на снимке.
    • Разные ракурсы, выражения лица, одежда и фон: крупные планы и несколько снимков по пояс.
    • Без солнцезащитных очков, головных уборов, закрывающих лицо, сильных фильтров и ретуши.
    • Не меньше { $side }×{ $side } px; отправляйте как фото или как файлы изображений.
    Отправляйте только свои фото или фото человека, который на это согласился.
error-not-admin-share = Поделиться моделью с группой могут только администраторы группы.

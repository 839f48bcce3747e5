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

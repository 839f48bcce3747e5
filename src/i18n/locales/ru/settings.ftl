## /settings: the panel, its controls and what it refuses.

settings-title = ⚙️ Ваши настройки (во всех чатах, где вы пользуетесь мной здесь):
settings-aspect-ratio = • Пропорции: { $ratio } — для /imagine, если вы не указали другие
settings-aspect-ratio-none = • Пропорции: не заданы (1:1, как у Midjourney) — для /imagine, если вы не указали другие
settings-speed = • Скорость: { $speed ->
    [turbo] turbo (быстрее, стоит больше кредитов)
   *[fast] fast
}
settings-remix = • Remix: { $remix ->
    [on] вкл. — кнопки сначала спрашивают запрос
   *[off] выкл.
}
settings-variation = • V1–V4: { $variation ->
    [subtle] слабые вариации (сначала изображение увеличивается, поэтому они стоят на одно увеличение дороже)
   *[strong] сильные вариации
}
settings-suffix = • Суффикс: { $suffix } (добавляется к каждому запросу)
settings-suffix-none = • Суффикс: нет
settings-language = • Язык: { $language }
settings-language-auto = • Язык: автоматически, сейчас { $language } (язык вашего приложения, если я его знаю)
settings-group-language = • Язык { $place ->
    [server] этого сервера
   *[group] этой группы
}: { $language } — для тех, чьё приложение на незнакомом мне языке
settings-group-language-auto = • Язык { $place ->
    [server] этого сервера
   *[group] этой группы
}: автоматически
settings-aspect-ratio-placeholder = Пропорции по умолчанию
settings-aspect-ratio-no-default = Не задавать
settings-remix-button = 🎛️ Remix: { $remix ->
    [on] вкл.
   *[off] выкл.
}
settings-speed-button = ⚡ Скорость: { $speed ->
    [turbo] turbo
   *[fast] fast
}
settings-variation-button = 🎨 V1–V4: { $variation ->
    [subtle] слабые
   *[strong] сильные
}
settings-suffix-button = ✏️ Суффикс
settings-suffix-clear-button = ✖️ Без суффикса
settings-language-placeholder = Язык
settings-language-automatic = Автоматически
settings-group-language-placeholder = Язык { $place ->
    [server] сервера
   *[group] группы
}
settings-suffix-question = Суффикс запроса
settings-suffix-question-label = Добавляется к каждому запросу, напр. --v 7 --stylize 250
settings-not-yours = Это чужие настройки: отправьте /settings, чтобы открыть свои.
settings-bad-aspect-ratio = Пропорции должны быть одними из: { $ratios }.
settings-bad-speed = Скорость бывает fast или turbo.
settings-bad-remix = Remix либо включён, либо выключен.
settings-bad-variation = V1–V4 бывают сильными или слабыми.
settings-bad-suffix = Суффикс должен быть короче { $max } { $max ->
    [one] символа
   *[other] символов
}.
settings-bad-language = Такого языка я не знаю.
settings-group-language-admins-only = Язык сервера или группы могут выбрать только их администраторы.

## Общее для обоих адаптеров: отказы, собранные в одно сообщение в людной группе, файлы и изображения.

digest-insufficient-credits = ⛔ В кошельке этой группы не хватает кредитов для
digest-daily-cap = ⛔ Дневной лимит кредитов исчерпан для
digest-rate-limited = ⛔ Слишком много команд сразу от
digest-too-many-jobs = ⛔ Слишком много выполняемых или ожидающих заданий у
digest-too-many-group-jobs = ⛔ Задания этой группы достигли предела для
digest-more = (и ещё { $count })
digest-summary = { $headline }: { $names }{ $more } — { $count ->
    [one] { $count } команда
    [few] { $count } команды
    [many] { $count } команд
   *[other] { $count } команды
}, ничего не списано.

error-image-gone = Я больше не могу получить это изображение из сервиса изображений: возможно, срок действия ссылки истёк.
error-file-too-large = «{ $name }» больше { $size } { $unit ->
    [mb] МБ
   *[kb] КБ
}; отправьте файл поменьше.
error-repeated-flag = --{ $flag } указан { $count ->
    [2] дважды
    [one] { $count } раз
    [few] { $count } раза
   *[other] { $count } раз
} ({ $shown }): укажите один раз.
error-repeated-flag-and = { $first } и { $second }
error-repeated-flag-nothing = ничего

## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = Укажите «{ $option }».
input-invalid = Значение «{ $option }» недопустимо.
input-invalid-any = Недопустимые данные.

input-credits-page-whole = Номер страницы должен быть целым числом.
input-credits-page-min = Страницы начинаются с 1.

input-help-topic = Укажите тему справки: { $values } — или ничего, чтобы увидеть обзор.

## Buttons: a payload is untrusted input.

input-button-unknown = Это не моя кнопка.

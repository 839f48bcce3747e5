## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = Укажите «{ $option }».
input-invalid = Значение «{ $option }» недопустимо.
input-invalid-any = Недопустимые данные.

input-credits-page-whole = Номер страницы должен быть целым числом.
input-credits-page-min = Страницы начинаются с 1.

input-help-topic = Укажите тему справки: { $values } — или ничего, чтобы увидеть обзор.

## Buttons: a payload is untrusted input.

input-button-unknown = Это не моя кнопка.

## Prompts and images

input-prompt-too-long = Промпт слишком длинный: уложитесь в { $maximum } символов.
input-list-and = и
input-list-empty = пусто
input-imagine-prompt = Напишите, что представить, например /imagine a red fox in fresh snow
input-imagine-aspect-ratio = Соотношение сторон должно быть одним из: { $values }.
input-imagine-images = Промпт могут направлять не больше { $max } изображений.
input-imagine-aspect-ratio-repeated = Соотношение сторон указано { $count ->
    [2] дважды
    [few] { $count } раза
   *[many] { $count } раз
} ({ $ratios }): укажите его один раз.
input-describe-image = Отправьте /describe с изображением: прикрепите его, отправьте с подписью /describe или ответьте на него /describe.
input-describe-one-image = Я описываю по одному изображению: отправьте /describe с одним изображением.
input-faceswap-images = Для замены лица нужны ровно два изображения: картинка, которую нужно изменить, и затем фото лица, которое нужно вставить. В Telegram отправьте оба одним альбомом с подписью /faceswap (картинка первой) или подпишите фото лица /faceswap и отправьте его ответом на картинку.
input-blend-dimension = Форма должна быть одной из: { $dimensions } (или { $ratios }).
input-blend-images = Blend смешивает от { $min } до { $max } изображений, а я получил { $got }. В Telegram отправьте их одним альбомом с подписью /blend или ответьте /blend на фото из альбома.
input-shorten-prompt = Напишите промпт, который нужно сократить, например /shorten a very detailed portrait of an old fisherman, dramatic light
input-generate-prompt = Напишите, что сгенерировать, например /generate a lighthouse at dawn, oil painting
input-generate-aspect-ratio = Соотношение сторон должно быть одним из: { $values }.
input-generate-size = Размер — ширина x высота в пикселях, каждая от { NUMBER($min, useGrouping: 0) } до { NUMBER($max, useGrouping: 0) }, например 1536x1024.
input-generate-count = Количество — целое число от 1 до { $max }.
input-generate-model = Модель должна быть одной из: { $values }.
input-generate-prompt-too-long = Промпт слишком длинный: уложитесь в { $maximum } символов.
input-generate-negative-too-long = То, чего следует избегать, должно уложиться в { $maximum } символов.
input-generate-negative-empty = Напишите, чего избегать, после --neg, например --neg blurry, text, watermark
input-generate-images = Запрос могут направлять не больше { $max } референсных изображений, а я получил { $got }.
input-generate-size-and-aspect = Укажите соотношение сторон или размер, но не оба: { $ratio } и { $size } задают разные изображения.
error-not-an-image = «{ $name }» — не изображение. Прикрепите PNG, JPEG, WebP или GIF, { $purpose ->
    [blend] чтобы смешать его
    [describe] чтобы описать его
    [faceswap] для замены лица
    [reference] чтобы использовать его как референс
    [image-prompt] чтобы использовать его как промпт-изображение
   *[use] чтобы использовать его
}.
error-file-too-large-for-service = «{ $name }» больше 2 МБ — это максимум, который я могу передать сервису изображений; отправьте изображение поменьше.
error-no-image-host = Этот бот не может передать сервису изображений картинки, отправленные сюда: ему негде разместить их, чтобы сервис их забрал. Отправьте команду без изображений или попросите оператора бота задать PUBLIC_URL.

## Result buttons

input-action-zoom = Коэффициент зума — число больше 1 и не больше 2, например 1.5.
input-action-prompt = Напишите промпт или ответьте ., чтобы оставить прежний.

## /admin

input-admin-amount-whole = Укажите количество целым числом кредитов.
input-admin-amount-min = Количество должно быть не меньше 1.
input-admin-amount-max = Количество может быть не больше { $maximum }.
input-admin-cap = Укажите дневной лимит на участника числом кредитов или off.
input-admin-cap-max = Дневной лимит может быть не больше { $maximum }.
input-access-user = Укажите пользователя, например user:123456.

## /photos

input-photos-name-empty = Дайте модели имя.
input-photos-name-long = Имя модели может быть не длиннее 32 символов.
input-photos-name-characters = В имени модели можно использовать буквы, цифры, пробелы, - и _.
input-photos-subject = Кто на фото? Укажите female или male, затем этническую принадлежность ({ $ethnicities }) и, если хотите, возраст, например { $example }.
input-photos-ethnicity = Этническая принадлежность должна быть одной из: { $values }.
input-photos-age-whole = Возраст должен быть целым числом, например 30.
input-photos-age-adult = ИИ-фото только для взрослых: возраст должен быть не меньше 18.
input-photos-age-max = Возраст может быть не больше 100.
input-photos-unparsed = Я не понял «{ $words }». Укажите female или male, затем этническую принадлежность и, если хотите, возраст, например { $example }.
input-photos-attach = Прикрепите хотя бы одно фото.
input-photos-too-many = Не больше { $maximum } фото за раз.
input-photos-prompt = Опишите фото, например /photos generate a portrait in a linen suit, golden hour
input-photos-aspect-ratio = Соотношение сторон должно быть одним из: { $values }.
input-photos-count = Количество — от 1 до 4.
input-photos-seed-whole = Seed должен быть целым числом.
input-photos-seed-min = Seed должен быть не меньше 0.
input-photos-seed-max = Seed может быть не больше { $maximum }.

## Buttons under results (src/core/actions/entries.ts) and what /help says of them.

action-upscale-alt = { $mode ->
    [creative] Увеличить (творчески)
   *[subtle] Увеличить (бережно)
}
action-upscale-factor = Увеличить { $factor }
action-vary = { $mode ->
    [strong] Варьировать (сильно)
   *[subtle] Варьировать (слегка)
}
action-zoom-out = Отдалить { $factor }x
action-custom-zoom = Своё отдаление
action-make-square = Сделать квадратным
action-seed = Сид
action-imagine-all = Сгенерировать все
action-upscale-done = Изображение №{ $index } уже увеличено: см. выше.
action-upscale-running = Изображение №{ $index } уже увеличивается.
action-seed-done = Сид этого изображения — выше.
action-seed-running = Сид уже ищется.
error-unknown-button-prompt = Этого запроса в результате больше нет. Начните заново с /describe или /shorten.
error-unknown-button-kind = Эта кнопка относится к другому виду результата.

action-help-upscale = увеличить одно изображение
action-help-reroll = ещё раз
action-help-variation = варьировать одно изображение
action-help-upscale-alt-buttons = Увеличить (бережно/творчески)
action-help-upscale-alt = крупнее, с доработкой
action-help-upscale-factor-buttons = Увеличить 2x/4x
action-help-upscale-factor = крупнее
action-help-vary-buttons = Варьировать (слегка/сильно)
action-help-vary = варьировать увеличенное
action-help-zoom-out-buttons = Отдалить 2x/1.5x
action-help-zoom-out = расширить сцену
action-help-custom-zoom = расширить во столько раз, во сколько скажете
action-help-make-square = расширить до квадрата
action-help-pan = дорисовать в эту сторону
action-seed-button = 🌱 Сид
action-help-seed = показать сид
action-help-regenerate-buttons = 🔄 под ИИ-фото
action-help-regenerate = новые фото по тому же запросу
action-help-generate-again-buttons = 🔄 под /generate
action-help-generate-again = тот же запрос ещё раз
action-help-full-size-buttons = ⬇️ 1–10 под /generate
action-help-full-size = это изображение в полном разрешении, файлом (бесплатно)
action-help-imagine-prompt-buttons = 1–5 или 🎉 Сгенерировать все под запросами
action-help-imagine-prompt = сгенерировать их

action-full-size-caption = Изображение { $index } из { $count }, полное разрешение
error-unknown-button-image = Этого изображения в результате больше нет.

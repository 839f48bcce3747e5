## AI Photos (src/core/photos.ts): collecting a set, training a model, and its refusals.

photos-refused-not-a-photo = — не фото в формате JPEG, PNG или WebP
photos-refused-unreadable = — не удалось прочитать как изображение
photos-refused-too-small = — слишком маленькое ({ $size }; нужно не меньше { $min } px по каждой стороне)
photos-refused-too-large = — слишком большое ({ $size }; не больше { $max } мегапикселей)
photos-refused-full = — не добавлено: набор заполнен ({ $max } фото)
photos-refused-duplicate = — повтор фото, которое уже есть в наборе
photos-refused-larger-than = — больше { $megabytes } МБ
photos-refused-download = — не удалось скачать; отправьте ещё раз
photos-refused-closed = — не добавлено: набор уже закрыт

error-set-open = У вас уже открыт набор фото здесь: { $count } фото. Отправьте ещё, используйте /photos train или /photos cancel, чтобы начать заново.
error-no-set = У вас здесь нет открытого набора фото. Начните его с /photos new.
error-no-set-to-train = У вас здесь нет набора фото для обучения. Начните его с /photos new и отправьте { $min }–{ $max } фото.
error-too-few-photos = В вашем наборе { $count } фото; для обучения нужно не меньше { $min }. Отправьте ещё { $missing }.
error-name-taken = У вас уже есть модель «{ $name }». Выберите другое имя: /photos train <имя>.
error-insufficient-credits-training = Обучение на { $count } фото стоит { $total ->
        [one] { $total } кредит
        [few] { $total } кредита
       *[many] { $total } кредитов
    } ({ $prepare } за подготовку + { $perPhoto } за фото), а на балансе { $wallet ->
        [user] вашего личного кошелька
        [guild] кошелька этого сервера
       *[group] кошелька этой группы
    } { $balance }.
error-daily-cap-training = Обучение на { $count } фото стоит { $total ->
        [one] { $total } кредит
        [few] { $total } кредита
       *[many] { $total } кредитов
    }, а из ваших дневных кредитов здесь осталось { $room }. Лимит обновляется в { $resetsAt } UTC.
error-set-changed = Пока запускалось обучение, пришло ещё фото, поэтому ничего не списано: теперь в наборе { $count } фото. Отправьте /photos train ещё раз, чтобы обучить на всех.
error-no-set-closed = Этот набор фото уже закрыт.
error-photos-gone = Фото этого набора здесь больше нет; начните заново с /photos new.
photos-service-unreachable = не удалось связаться с сервисом изображений.
photos-training-not-started = Обучение { $name } не началось: { $reason } За него ничего не списано. Ваши фото подготовлены; используйте /photos train, чтобы попробовать снова.
error-prepared-expired = Срок хранения подготовленных фото этого набора истёк. Начните заново с /photos new.
error-busy-training = «{ $name }» уже обучается.
photos-discarded = { $name } удалено во время { $stage ->
        [preparing] подготовки
       *[training] обучения
    }, поэтому результат отброшен.
photos-ready = Ваша модель { $name } готова, { $user }.
photos-ready-how = Создавайте фото с /photos generate и запросом вроде «a portrait in a linen suit, golden hour light».
photos-ready-trigger = (Её ключевое слово { $trigger } добавляется к вашим запросам автоматически.)
error-no-model = У вас ещё нет обученной модели. Начните с /photos new, отправьте { $min }–{ $max } фото, затем /photos train.
error-unknown-model = Здесь нет модели «{ $name }». Ваши модели: { $names }.
error-not-ready = «{ $name }» ещё { $stage ->
        [preparing] готовится
       *[training] обучается
    }{ $percent ->
        [0] {""}
       *[other] {" "}({ $percent }%)
    }. Я напишу здесь, когда она будет готова.
error-model-failed = Обучение «{ $name }» не удалось. Начните заново с /photos new.
error-model-gone = Модели, на которой сделаны эти фото, больше нет (её удалили), поэтому новые фото с ней сделать нельзя.
error-model-private = Только { $owner } может делать новые фото «{ $name }»: модель не открыта для этого чата.
error-not-group = Открывайте доступ к модели из той группы, которая будет ею пользоваться.
error-not-ready-share = «{ $name }» ещё не готова.
error-unknown-model-own = У вас нет модели «{ $name }». Смотрите /photos list.
error-no-set-to-cancel = У вас здесь нет открытого или обучаемого набора фото.

## /photos list; the emoji and bullet are added before.

photos-list-open-set = Открытый набор: { $count } из { $max } фото ({ $gender }, { $ethnicity }); истекает через { $hours } ч.
photos-list-model = { $name } — { $state ->
        [ready] готова
        [training] обучается{ $percent ->
            [0] {""}
           *[other] {" "}{ $percent }%
        }
        [prepared] подготовлена, ждёт /photos train
        [preparing] готовится
       *[failed] не удалась
    } ({ $owner ->
        [own] ваша
        [shared] ваша, открыта здесь
       *[other] открыта пользователем { $ownerName }
    })
photos-list-empty = Здесь пока нет ни наборов фото, ни моделей. Начните с /photos new.

# The subject of a photo set, as /photos new was told (gender, then ethnicity).
photos-gender = { $gender ->
    [male] мужчина
   *[female] женщина
}
photos-ethnicity = { $ethnicity ->
    [asian] азиатская внешность
    [black] темнокожий
    [latino] латиноамериканская внешность
    [middle-eastern] ближневосточная внешность
    [native-american] коренной американец
    [pacific-islander] житель Океании
   *[white] европейская внешность
}

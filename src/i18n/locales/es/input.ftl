## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = Falta «{ $option }»: indícalo, por favor.
input-invalid = El valor de «{ $option }» no es válido.
input-invalid-any = Esa entrada no es válida.

input-credits-page-whole = La página debe ser un número entero.
input-credits-page-min = Las páginas empiezan en 1.

input-help-topic = Pide ayuda sobre { $values }, o nada para ver el resumen.

## Buttons: a payload is untrusted input.

input-button-unknown = Este botón no es mío.

## Prompts and images

input-prompt-too-long = Ese prompt es demasiado largo: no pases de { $maximum } caracteres.
input-list-and = y
input-list-empty = vacío
input-imagine-prompt = Dime qué imaginar, p. ej. /imagine a red fox in fresh snow
input-imagine-aspect-ratio = La proporción debe ser una de estas: { $values }.
input-imagine-images = Hasta { $max } imágenes pueden guiar un prompt.
input-imagine-aspect-ratio-repeated = La proporción aparece { $count ->
    [2] dos veces
   *[other] { $count } veces
} ({ $ratios }): indícala solo una vez.
input-describe-image = Envía /describe con una imagen: adjúntala, envíala con /describe como pie de foto o responde /describe a ella.
input-describe-one-image = Describo una imagen cada vez: envía /describe con una sola imagen.
input-faceswap-images = El cambio de cara necesita exactamente dos imágenes: la imagen que se cambia y luego una foto de la cara que se pone en ella. En Telegram, envía ambas como un álbum con /faceswap como pie de foto (la imagen primero), o pon /faceswap como pie de la foto de la cara y envíala como respuesta a la imagen.
input-blend-dimension = La forma debe ser { $dimensions } (o { $ratios }).
input-blend-images = Blend mezcla de { $min } a { $max } imágenes, y he recibido { $got }. En Telegram, envíalas como un álbum con /blend como pie de foto, o responde /blend a una foto de un álbum.
input-shorten-prompt = Dime el prompt que quieres acortar, p. ej. /shorten a very detailed portrait of an old fisherman, dramatic light
input-generate-prompt = Dime qué generar, p. ej. /generate a lighthouse at dawn, oil painting
input-generate-aspect-ratio = La proporción debe ser una de estas: { $values }.
input-generate-size = El tamaño es ancho x alto en píxeles, cada lado de { NUMBER($min, useGrouping: 0) } a { NUMBER($max, useGrouping: 0) }, p. ej. 1536x1024.
input-generate-count = La cantidad debe ser un número entero de 1 a { $max }.
input-generate-model = El modelo debe ser uno de estos: { $values }.
input-generate-prompt-too-long = Ese prompt es demasiado largo: no pases de { $maximum } caracteres.
input-generate-negative-too-long = Lo que hay que evitar no puede pasar de { $maximum } caracteres.
input-generate-negative-empty = Di qué evitar después de --neg, p. ej. --neg blurry, text, watermark
input-generate-images = Hasta { $max } imágenes de referencia pueden guiar una petición, y he recibido { $got }.
input-generate-size-and-aspect = Indica una proporción o un tamaño, no ambos: { $ratio } y { $size } piden imágenes distintas.
error-not-an-image = «{ $name }» no es una imagen. Adjunta un PNG, JPEG, WebP o GIF { $purpose ->
    [blend] para mezclarlo
    [describe] para describirlo
    [faceswap] para un cambio de cara
    [reference] para usarlo como imagen de referencia
    [image-prompt] para usarlo como prompt de imagen
   *[use] para usarlo
}.
error-file-too-large-for-service = «{ $name }» pesa más de 2 MB, lo máximo que puedo pasar al servicio de imágenes; envía una imagen más pequeña.
error-no-image-host = Este bot no puede pasar al servicio de imágenes las imágenes enviadas aquí: no tiene dónde dejarlas para que el servicio las descargue. Envía el comando sin imágenes o pide al operador del bot que configure PUBLIC_URL.

## Result buttons

input-action-zoom = El factor de zoom debe ser un número mayor que 1 y como mucho 2, p. ej. 1.5.
input-action-prompt = Escribe el prompt, o responde . para conservarlo.

## /admin

input-admin-amount-whole = Indica la cantidad como un número entero de créditos.
input-admin-amount-min = La cantidad debe ser al menos 1.
input-admin-amount-max = La cantidad puede ser como mucho { $maximum }.
input-admin-cap = Indica el límite diario por miembro como un número de créditos, u off.
input-admin-cap-max = El límite diario puede ser como mucho { $maximum }.
input-access-user = Indica el usuario, p. ej. user:123456.

## /photos

input-photos-name-empty = Ponle un nombre al modelo.
input-photos-name-long = Los nombres de modelo pueden tener hasta 32 caracteres.
input-photos-name-characters = Los nombres de modelo pueden usar letras, dígitos, espacios, - y _.
input-photos-subject = ¿Quién sale en las fotos? Di female o male, luego su etnia ({ $ethnicities }) y, si quieres, su edad, p. ej. { $example }.
input-photos-ethnicity = La etnia debe ser una de estas: { $values }.
input-photos-age-whole = La edad debe ser un número entero, p. ej. 30.
input-photos-age-adult = Las fotos con IA son para adultos: la edad debe ser 18 o más.
input-photos-age-max = La edad puede ser como mucho 100.
input-photos-unparsed = No he entendido «{ $words }». Di female o male, luego su etnia y, si quieres, su edad, p. ej. { $example }.
input-photos-attach = Adjunta al menos una foto.
input-photos-too-many = Hasta { $maximum } fotos a la vez.
input-photos-prompt = Describe la foto, p. ej. /photos generate a portrait in a linen suit, golden hour
input-photos-aspect-ratio = La proporción debe ser una de estas: { $values }.
input-photos-count = La cantidad debe ser de 1 a 4.
input-photos-seed-whole = La semilla debe ser un número entero.
input-photos-seed-min = La semilla debe ser 0 o más.
input-photos-seed-max = La semilla puede ser como mucho { $maximum }.

## Telegram: lo que el adaptador dice por su cuenta.

tg-unknown-command = No conozco /{ $command }. { $hint }
tg-start-hint = Para crear imágenes, envía /{ $command } seguido de lo que quieres ver, p. ej. /{ $command } un zorro rojo en la nieve recién caída. { tg-help-hint }
tg-help-hint = /help muestra todo lo que sé hacer.
tg-group-needs =
    /{ $group } necesita uno de estos:
    { $list }
tg-not-mine = Este botón no es mío.
tg-album-incomplete-private = No tengo todas las fotos de ese álbum (guardo los álbumes un día, y no después de un reinicio). Vuelve a enviarlas como un solo álbum con /{ $command } como pie de foto.
tg-album-incomplete-group = No recibí todas las fotos de ese álbum: en este grupo Telegram solo me muestra las fotos de un álbum si soy administrador aquí o si mi modo de privacidad está desactivado (@BotFather → /setprivacy). Mientras tanto, envía la segunda foto con /{ $command } como pie de foto, como respuesta a la primera.
tg-file-too-large = { $caption }: pesa más de los { $mb } MB que Telegram me deja enviar, así que aquí tienes su enlace: { $url }
tg-question-you = tú
tg-question-two = responde a este mensaje con el valor de «{ $first }» y, si quieres, uno nuevo de «{ $second }», p. ej. 1.5 una vista más amplia.
tg-question-one = responde a este mensaje con un nuevo valor de «{ $field }», o con { $keep } para dejarlo como está.
tg-question-now = Ahora:

tg-this-photo = Esta foto
tg-photo-number = Foto { $number }
tg-photo-hint-use = respóndela con { $command }

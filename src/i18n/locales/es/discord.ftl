## Discord: lo que el adaptador dice por su cuenta.

dc-unknown-command = No conozco ese comando (o ya no existe). Escribe / para ver lo que sé hacer.
dc-not-mine = Este botón no es mío.
dc-file-too-large = { $caption }: pesa más de lo que Discord me deja subir aquí, así que aquí tienes su enlace: { $url }

dc-photo-hint-use = envía { $command } con ella adjunta

## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = Falta «{ $option }»: indícalo, por favor.
input-invalid = El valor de «{ $option }» no es válido.
input-invalid-any = Esa entrada no es válida.

input-credits-page-whole = La página debe ser un número entero.
input-credits-page-min = Las páginas empiezan en 1.

input-help-topic = Pide ayuda sobre { $values }, o nada para ver el resumen.

## Buttons: a payload is untrusted input.

input-button-unknown = Este botón no es mío.

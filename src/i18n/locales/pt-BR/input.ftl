## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = Falta “{ $option }”: informe, por favor.
input-invalid = O valor de “{ $option }” não é válido.
input-invalid-any = Essa entrada não é válida.

input-credits-page-whole = A página deve ser um número inteiro.
input-credits-page-min = As páginas começam em 1.

input-help-topic = Peça ajuda sobre { $values }, ou nada para ver o resumo.

## Buttons: a payload is untrusted input.

input-button-unknown = Este botão não é meu.

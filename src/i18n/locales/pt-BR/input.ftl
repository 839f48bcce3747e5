## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = Falta “{ $option }”: informe, por favor.
input-invalid = O valor de “{ $option }” não é válido.
input-invalid-any = Essa entrada não é válida.

input-credits-page-whole = A página deve ser um número inteiro.
input-credits-page-min = As páginas começam em 1.

input-help-topic = Peça ajuda sobre { $values }, ou nada para ver o resumo.

## Buttons: a payload is untrusted input.

input-button-unknown = Este botão não é meu.

## Prompts and images

input-prompt-too-long = Esse prompt é longo demais: use menos de { $maximum } caracteres.
input-list-and = e
input-list-empty = vazio
input-imagine-prompt = Diga o que imaginar, por exemplo /imagine a red fox in fresh snow
input-imagine-aspect-ratio = A proporção deve ser uma destas: { $values }.
input-imagine-images = Até { $max } imagens podem guiar um prompt.
input-imagine-aspect-ratio-repeated = A proporção foi informada { $count ->
    [2] duas vezes
   *[other] { $count } vezes
} ({ $ratios }): informe só uma vez.
input-describe-image = Envie /describe com uma imagem: anexe-a, envie-a com /describe na legenda ou responda /describe a ela.
input-describe-one-image = Descrevo uma imagem por vez: envie /describe com uma única imagem.
input-faceswap-images = A troca de rosto precisa de exatamente duas imagens: a imagem a mudar e depois uma foto do rosto a colocar nela. No Telegram, envie as duas como um álbum com /faceswap na legenda (a imagem primeiro), ou ponha /faceswap na legenda da foto do rosto e envie-a como resposta à imagem.
input-blend-dimension = O formato deve ser { $dimensions } (ou { $ratios }).
input-blend-images = O blend mistura de { $min } a { $max } imagens, e recebi { $got }. No Telegram, envie-as como um álbum com /blend na legenda, ou responda /blend a uma foto de um álbum.
input-shorten-prompt = Diga o prompt a encurtar, por exemplo /shorten a very detailed portrait of an old fisherman, dramatic light
input-generate-prompt = Diga o que gerar, por exemplo /generate a lighthouse at dawn, oil painting
input-generate-aspect-ratio = A proporção deve ser uma destas: { $values }.
input-generate-size = O tamanho é largura x altura em pixels, cada lado de { NUMBER($min, useGrouping: 0) } a { NUMBER($max, useGrouping: 0) }, por exemplo 1536x1024.
input-generate-count = A quantidade deve ser um número inteiro de 1 a { $max }.
input-generate-model = O modelo deve ser um destes: { $values }.
input-generate-prompt-too-long = Esse prompt é longo demais: use no máximo { $maximum } caracteres.
input-generate-negative-too-long = O que evitar deve ter no máximo { $maximum } caracteres.
input-generate-negative-empty = Diga o que evitar depois de --neg, por exemplo --neg blurry, text, watermark
input-generate-images = Até { $max } imagens de referência podem guiar um pedido, e recebi { $got }.
input-generate-size-and-aspect = Informe uma proporção ou um tamanho, não os dois: { $ratio } e { $size } pedem imagens diferentes.
error-not-an-image = “{ $name }” não é uma imagem. Anexe um PNG, JPEG, WebP ou GIF { $purpose ->
    [blend] para mesclá-lo
    [describe] para descrevê-lo
    [faceswap] para uma troca de rosto
    [reference] para usá-lo como imagem de referência
    [image-prompt] para usá-lo como prompt de imagem
   *[use] para usá-lo
}.
error-file-too-large-for-service = “{ $name }” tem mais de 2 MB, o máximo que posso passar ao serviço de imagens; envie uma imagem menor.
error-no-image-host = Este bot não consegue passar ao serviço de imagens as imagens enviadas aqui: não tem onde colocá-las para o serviço buscar. Envie o comando sem imagens ou peça ao operador do bot para configurar PUBLIC_URL.

## Result buttons

input-action-zoom = O fator de zoom deve ser um número maior que 1 e no máximo 2, por exemplo 1.5.
input-action-prompt = Escreva o prompt, ou responda . para mantê-lo.

## /admin

input-admin-amount-whole = Informe a quantia como um número inteiro de créditos.
input-admin-amount-min = A quantia deve ser pelo menos 1.
input-admin-amount-max = A quantia pode ser no máximo { $maximum }.
input-admin-cap = Informe o limite diário por membro como um número de créditos, ou off.
input-admin-cap-max = O limite diário pode ser no máximo { $maximum }.
input-access-user = Informe o usuário, por exemplo user:123456.

## /photos

input-photos-name-empty = Dê um nome ao modelo.
input-photos-name-long = Nomes de modelo podem ter até 32 caracteres.
input-photos-name-characters = Nomes de modelo podem usar letras, dígitos, espaços, - e _.
input-photos-subject = Quem está nas fotos? Diga female ou male, depois a etnia ({ $ethnicities }) e, se quiser, a idade, por exemplo { $example }.
input-photos-ethnicity = A etnia deve ser uma destas: { $values }.
input-photos-age-whole = A idade deve ser um número inteiro, por exemplo 30.
input-photos-age-adult = As fotos com IA são para adultos: a idade deve ser 18 ou mais.
input-photos-age-max = A idade pode ser no máximo 100.
input-photos-unparsed = Não entendi “{ $words }”. Diga female ou male, depois a etnia e, se quiser, a idade, por exemplo { $example }.
input-photos-attach = Anexe pelo menos uma foto.
input-photos-too-many = Até { $maximum } fotos por vez.
input-photos-prompt = Descreva a foto, por exemplo /photos generate a portrait in a linen suit, golden hour
input-photos-aspect-ratio = A proporção deve ser uma destas: { $values }.
input-photos-count = A quantidade deve ser de 1 a 4.
input-photos-seed-whole = A seed deve ser um número inteiro.
input-photos-seed-min = A seed deve ser 0 ou mais.
input-photos-seed-max = A seed pode ser no máximo { $maximum }.

## Telegram: o que o adaptador diz por conta própria.

tg-unknown-command = Não conheço /{ $command }. { $hint }
tg-start-hint = Para criar imagens, envie /{ $command } seguido do que você quer ver, por exemplo /{ $command } uma raposa vermelha na neve fresca. { tg-help-hint }
tg-help-hint = /help mostra tudo o que eu sei fazer.
tg-group-needs =
    /{ $group } precisa de um destes:
    { $list }
tg-not-mine = Este botão não é meu.
tg-album-incomplete-private = Não tenho todas as fotos desse álbum (guardo os álbuns por um dia, e não depois de uma reinicialização). Envie-as de novo como um único álbum com /{ $command } como legenda.
tg-album-incomplete-group = Não recebi todas as fotos desse álbum: neste grupo o Telegram só me mostra as fotos de um álbum quando sou administrador aqui ou quando meu modo de privacidade está desativado (@BotFather → /setprivacy). Até lá, envie a segunda foto com /{ $command } como legenda, em resposta à primeira.
tg-file-too-large = { $caption }: é maior que os { $mb } MB que o Telegram me deixa enviar, então aqui está o link: { $url }
tg-question-you = você
tg-question-two = responda a esta mensagem com o valor de “{ $first }” e, se quiser, um novo valor de “{ $second }”, por exemplo 1.5 uma vista mais ampla.
tg-question-one = responda a esta mensagem com o novo valor de “{ $field }”, ou com { $keep } para manter como está.
tg-question-now = Agora:

tg-this-photo = Esta foto
tg-photo-number = Foto { $number }
tg-photo-hint-use = responda a ela com { $command }

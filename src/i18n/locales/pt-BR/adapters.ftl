## Compartilhado pelos dois adaptadores: recusas combinadas em um grupo movimentado, arquivos e imagens.

digest-insufficient-credits = ⛔ Não há créditos suficientes na carteira deste grupo para
digest-daily-cap = ⛔ Limite diário de créditos atingido para
digest-rate-limited = ⛔ Comandos demais de uma vez de
digest-too-many-jobs = ⛔ Trabalhos demais em andamento ou na fila para
digest-too-many-group-jobs = ⛔ Os trabalhos deste grupo estão no limite para
digest-more = (+{ $count } outros)
digest-summary = { $headline }: { $names }{ $more } — { $count ->
    [one] { $count } comando
   *[other] { $count } comandos
}, nada foi cobrado.

error-image-gone = Não consegui mais obter essa imagem do serviço de imagens: o link pode ter expirado.
error-file-too-large = “{ $name }” é maior que { $size } { $unit ->
    [mb] MB
   *[kb] KB
}; envie um arquivo menor.
error-repeated-flag = --{ $flag } foi informado { $count ->
    [2] duas vezes
   *[other] { $count } vezes
} ({ $shown }): informe só uma vez.
error-repeated-flag-and = { $first } e { $second }
error-repeated-flag-nothing = nada

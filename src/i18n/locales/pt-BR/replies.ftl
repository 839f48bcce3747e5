## What the commands answer (commands/*.ts): replies, panels and their buttons. Ids: reply-<command>-….

## /credits

reply-credits-balance = 💳 { $wallet ->
    [user] Sua carteira pessoal
    [guild] A carteira deste servidor
   *[group] A carteira deste grupo
}: { credits-amount }.
reply-credits-spent = Você gastou { $today } hoje e { $month } neste mês.
reply-credits-daily-limit = Limite diário por membro: { $cap } (restam { $left } para você hoje).
reply-credits-costs = Preços em créditos: { $list }.
reply-credits-history-empty = Ainda não há movimentações de créditos aqui.
reply-credits-history-past-end = { $pages ->
    [one] Há só { $pages } página.
   *[other] Há só { $pages } páginas.
}
reply-credits-history-previous = ◀ Página { $page }
reply-credits-history-next = Página { $page } ▶
reply-credits-history-title = 🧾 { $wallet ->
    [user] Sua carteira pessoal
    [guild] A carteira deste servidor
   *[group] A carteira deste grupo
}, mais recentes primeiro:
reply-credits-history-title-page = 🧾 { $wallet ->
    [user] Sua carteira pessoal
    [guild] A carteira deste servidor
   *[group] A carteira deste grupo
}, página { $page } de { $pages }, mais recentes primeiro:
reply-credits-history-outcome = { $outcome ->
    [charged] cobrado
    [refunded] reembolsado
    [partly_refunded] reembolsado em parte ({ $refunded } de volta)
   *[in_progress] em andamento
}
reply-credits-history-movement = { $kind ->
    [grant] Concedidos
    [taken] Retirados
    [added] Adicionados
   *[refund] Reembolsados
} { credits-amount }
reply-credits-history-by = por { $user }

## What the commands answer (commands/*.ts): replies, panels and their buttons. Ids: reply-<command>-….

## /credits

reply-credits-balance = 💳 { $wallet ->
    [user] Tu monedero personal
    [guild] El monedero de este servidor
   *[group] El monedero de este grupo
}: { credits-amount }.
reply-credits-spent = Has gastado { $today } hoy y { $month } este mes.
reply-credits-daily-limit = Límite diario por miembro: { $cap } (te quedan { $left } hoy).
reply-credits-costs = Precios en créditos: { $list }.
reply-credits-history-empty = Todavía no hay movimientos de créditos aquí.
reply-credits-history-past-end = { $pages ->
    [one] Solo hay { $pages } página.
   *[other] Solo hay { $pages } páginas.
}
reply-credits-history-previous = ◀ Página { $page }
reply-credits-history-next = Página { $page } ▶
reply-credits-history-title = 🧾 { $wallet ->
    [user] Tu monedero personal
    [guild] El monedero de este servidor
   *[group] El monedero de este grupo
}, lo más reciente primero:
reply-credits-history-title-page = 🧾 { $wallet ->
    [user] Tu monedero personal
    [guild] El monedero de este servidor
   *[group] El monedero de este grupo
}, página { $page } de { $pages }, lo más reciente primero:
reply-credits-history-outcome = { $outcome ->
    [charged] cobrado
    [refunded] reembolsado
    [partly_refunded] reembolsado en parte ({ $refunded } devueltos)
   *[in_progress] en curso
}
reply-credits-history-movement = { $kind ->
    [grant] Concedidos
    [taken] Retirados
    [added] Añadidos
   *[refund] Reembolsados
} { credits-amount }
reply-credits-history-by = por { $user }

## What the commands answer (commands/*.ts): replies, panels and their buttons. Ids: reply-<command>-….

## /credits

reply-credits-balance = 💳 { $wallet ->
    [user] Your personal wallet
    [guild] This server's wallet
   *[group] This group's wallet
}: { credits-amount }.
reply-credits-spent = You spent { $today } today and { $month } this month.
reply-credits-daily-limit = Daily limit per member: { $cap } ({ $left } left for you today).
reply-credits-costs = Costs in credits: { $list }.
reply-credits-history-empty = No credit movements here yet.
reply-credits-history-past-end = { $pages ->
    [one] There is only { $pages } page.
   *[other] There are only { $pages } pages.
}
reply-credits-history-previous = ◀ Page { $page }
reply-credits-history-next = Page { $page } ▶
reply-credits-history-title = 🧾 { $wallet ->
    [user] Your personal wallet
    [guild] This server's wallet
   *[group] This group's wallet
}, newest first:
reply-credits-history-title-page = 🧾 { $wallet ->
    [user] Your personal wallet
    [guild] This server's wallet
   *[group] This group's wallet
}, page { $page } of { $pages }, newest first:
reply-credits-history-outcome = { $outcome ->
    [charged] charged
    [refunded] refunded
    [partly_refunded] partly refunded ({ $refunded } back)
   *[in_progress] in progress
}
reply-credits-history-movement = { $kind ->
    [grant] Granted
    [taken] Taken
    [added] Added
   *[refund] Refunded
} { credits-amount }
reply-credits-history-by = by { $user }

## What the commands answer (commands/*.ts): replies, panels and their buttons. Ids: reply-<command>-….

## /credits

reply-credits-balance = 💳 { $wallet ->
    [user] 你的个人钱包
    [guild] 本服务器的钱包
   *[group] 本群组的钱包
}：{ credits-amount }。
reply-credits-spent = 你今天花费了 { $today }，本月花费了 { $month }。
reply-credits-daily-limit = 每位成员每日上限：{ $cap }（你今天还剩 { $left }）。
reply-credits-costs = 价格（积分）：{ $list }。
reply-credits-history-empty = 这里还没有积分变动。
reply-credits-history-past-end = 只有 { $pages } 页。
reply-credits-history-previous = ◀ 第 { $page } 页
reply-credits-history-next = 第 { $page } 页 ▶
reply-credits-history-title = 🧾 { $wallet ->
    [user] 你的个人钱包
    [guild] 本服务器的钱包
   *[group] 本群组的钱包
}，最新的在前：
reply-credits-history-title-page = 🧾 { $wallet ->
    [user] 你的个人钱包
    [guild] 本服务器的钱包
   *[group] 本群组的钱包
}，第 { $page } 页，共 { $pages } 页，最新的在前：
reply-credits-history-outcome = { $outcome ->
    [charged] 已扣除
    [refunded] 已退还
    [partly_refunded] 部分退还（退回 { $refunded }）
   *[in_progress] 进行中
}
reply-credits-history-movement = { $kind ->
    [grant] 发放
    [taken] 扣除
    [added] 增加
   *[refund] 退还
} { credits-amount }
reply-credits-history-by = 操作人：{ $user }

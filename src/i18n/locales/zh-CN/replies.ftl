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

## /help

reply-help-group-line = • /{ $group } { $names } — 详见 /help { $group }
reply-help-makes-imagine = Midjourney 图像（/imagine）
reply-help-makes-generate = Flux 2、Nano Banana、Seedream 和 SDXL 图像（/generate）
reply-help-makes-photos = 用本人照片生成的 AI 人像（/photos）
reply-help-intro = framebot 就在聊天中为你生成{ $makes }。
reply-help-buttons = 结果下方的按钮：{ $buttons } — /help buttons 会说明每个按钮的作用。
reply-help-imagine-parameters = 可以在提示词中使用 Midjourney 参数，例如 --stylize 250 或 --no text。
reply-help-generate = /generate：不指定模型即可从列表中选择；尺寸超过 1024×1024 时每张图费用更高；最多可用 10 张参考图进行引导。
reply-help-photos = AI 人像：/photos new，发送同一个人的 10–30 张照片，/photos train，然后 /photos generate。
reply-help-credits = 积分：每项任务都从本聊天的钱包中支付；/credits 显示剩余积分。
reply-help-admin-pointer = 服务器和群组管理员以及机器人运营者：/help admin。
reply-help-admin-none = 此机器人没有管理员命令。
reply-help-admin-title = 管理员命令：只有服务器管理员（“管理服务器”权限）和群组管理员能在命令列表中看到它们，并且每条命令运行时都会再次检查请求者身份。
reply-help-admin-operators = 机器人运营者是 BOT_ADMINS 中列出的账号。
reply-help-buttons-title = 结果下方的按钮：
reply-help-for-admins = 管理员专用：{ $commands } — 详见 /help admin。

## /jobs

reply-jobs-none-all = 本聊天中没有正在运行或等待的任务。
reply-jobs-none-own = 你在这里没有正在运行或等待的任务。
reply-jobs-for = { $job }（{ $user }）
reply-jobs-running = 🎨 { $what }：运行中
reply-jobs-running-progress = 🎨 { $what }：运行中（{ $progress }%）
reply-jobs-in-line = ⏳ { $what }：排队第 { $position } 位
reply-jobs-waiting = ⏳ { $what }：等待中
reply-jobs-more = ……还有更多。
reply-jobs-cancel-button = ❌ 取消 { $prompt }
reply-jobs-footer = 等待中的任务可以取消并全额退款；运行中的任务无法停止。
reply-jobs-title-all = 🧾 本聊天中的任务：
reply-jobs-title-own = 🧾 你在这里的任务：
reply-jobs-cancelled = ❌ 已取消 { $job }。{ $count ->
    [0] 未扣除任何积分。
   *[other] 已退还 { credits-amount }。
}
error-unknown-job = 该任务不属于本聊天。
error-not-your-job = 只有发起该任务的人（或群组管理员）才能取消它。
error-job-running = { $job } 已在图像服务中开始，无法停止：它会照常完成。
error-job-gone = { $job } 已经结束。

## Result buttons (commands/action.ts), /generate's model picker, and a photo sent with nothing to do

reply-action-zoom-title = 自定义缩放
reply-action-remix-title = Remix：{ $button }
reply-action-zoom-label = 缩放倍数（大于 1，最多 2）
reply-action-prompt-label = 提示词
reply-generate-pick-title = 🎨 用哪个模型生成 { $prompt }？（{ $count } 张图，{ $size }）
reply-generate-pick-placeholder = 选择模型
reply-photo-hint-title = 📷 你没有打开的照片集，所以我没有处理这张照片。
reply-photo-hint-train = • 要训练此人的模型，请用 /photos new 开始一个照片集，然后发送 { $min }–{ $max } 张照片。
reply-photo-hint-describe = • 要获得描述它的提示词，请{ $how }。
reply-photo-hint-generate = • 要以它为参考图生成图片，请{ $how }。
reply-photo-hint-how = { $how ->
    [reply] 用 { $command } 回复它
   *[attach] 附上它并发送 { $command }
}
error-unknown-button = 这个按钮在这里无效：它属于其他聊天或已过期。
error-unknown-button-make = 这个按钮在这里无效：它属于其他聊天或已过期。请用 { $command } 重新开始。
error-unknown-button-here = 这个按钮在这里无效。
error-cannot-send-file = 我无法在这里发送文件。
error-double-press = 正在处理：这个按钮刚刚被按过。
error-draft-gone = 该请求已开始或已过期。请重新发送 /generate。
error-not-your-request = 这是别人的请求：请发送 /generate 创建你自己的。
error-model-needed = 请指定模型，例如 --model { $example }：{ $models }。
error-model-needed-none = 此机器人不提供图像生成。

## /admin grant, take and limit (commands/credits-admin.ts)

reply-credits-wallet-name = { $kind ->
    [own] 你自己的钱包
    [this-user] 你的个人钱包
    [this-guild] 本服务器的钱包
    [this-group] 本群组的钱包
    [server] 该服务器的钱包
    [group] 该群组的钱包
    [user-id] 用户 { $name } 的钱包
   *[person] { $name } 的钱包
}
reply-admin-grant = ✅ 已向{ $wallet }增加 { credits-amount }。余额：{ $balance }。
reply-admin-take = ✅ 已从{ $wallet }扣除 { credits-amount }。余额：{ $balance }。
reply-admin-limit-off = ✅ 已取消每位成员的每日上限。
reply-admin-limit = ✅ 现在每位成员在这里每天最多可花费 { credits-amount }。
error-not-operator = 只有机器人运营者才能这样做。
error-bad-target-wallet = 请用 me、user:<id>、@提及（Discord）或 group:<id> 指定钱包，或留空表示本聊天。
error-not-group-limit = 每日上限适用于共享钱包：请在服务器或群组中使用。
error-not-admin-limit = 只有本{ $place ->
    [server] 服务器
   *[group] 群组
}的管理员才能设置每日上限。

## /admin block, unblock, allow, disallow and access (commands/access-admin.ts)

error-bad-target-user = 请用 user:<id>、@提及（Discord）或 telegram:<id> / discord:<id> 指定用户。
error-not-group-access = 私聊始终开放（可以改为封禁用户）：请在服务器或群组中使用，或用 guild:<id> 或 chat:<id> 指定一个。
error-bad-target-place = 请用 guild:<id>（Discord 服务器）、chat:<id> 或 telegram:<id> / discord:<id> 指定地点；留空表示此处。
error-operator-target = 运营者不能被封禁（BOT_ADMINS）。
reply-access-blocked = ⛔ 已封禁 { $target }：对方会收到一次礼貌的拒绝，之后不再回应，也不会被扣费。
reply-access-unblocked = ✅ 已解封 { $target }。
reply-access-allowed = ✅ 已允许{ $place ->
    [server] 服务器
   *[chat] 聊天
} { $target }。
reply-access-disallowed = 🚫 已从允许列表中移除{ $place ->
    [server] 服务器
   *[chat] 聊天
} { $target }。
reply-access-list-open = 现在没有列出任何{ $places ->
    [servers] Discord 服务器
   *[chats] { $platform } 聊天
}，所以机器人在所有地方都会回应。
reply-access-list-only = 机器人只在列出的 { $count } 个{ $places ->
    [servers] Discord 服务器
   *[chats] { $platform } 聊天
}（以及私聊）中回应。
reply-access-from-config = { $target }（配置）
reply-access-show-line = { $list ->
    [blocked_users] ⛔ 已封禁用户：{ $count ->
        [0] 无
       *[other] { $items }
    }
    [allowed_guilds] 🏠 允许的 Discord 服务器：{ $count ->
        [0] 全部
       *[other] { $items }
    }
   *[allowed_chats] 💬 允许的聊天：{ $count ->
        [0] 全部
       *[other] { $items }
    }
}
reply-access-show-private = 私聊对所有未被封禁的人开放；运营者永远不会被拒绝。

## /photos

reply-photos-count = 📸 { $total }/{ $max } 张照片 — 还需 { $missing } 张才能训练。
reply-photos-count-ready = 📸 { $total }/{ $max } 张照片 — 可以训练了：/photos train [名称]。
reply-photos-new = 📸 新照片集已开始。现在请发送同一个人的 { $min }–{ $max } 张照片，可以逐张发送，也可以一次发送多张。
reply-photos-new-tips = 清晰、光线好、角度多样的照片效果最好（/photos tips）。每张至少 { $side }×{ $side } 像素。
reply-photos-new-kept = 照片集保留 24 小时；照片上传用于训练后即被删除。
reply-photos-deleted = { $running ->
    [preparing] 🗑️ 已在训练开始前删除“{ $name }”：不会再扣费（准备费用已支付）。
    [training] 🗑️ 已删除“{ $name }”。它的训练已在图像服务中进行，因此费用不退；结果将被丢弃。
   *[nothing] 🗑️ 已删除你的模型“{ $name }”。
}
reply-photos-dropped = 🗑️ 已丢弃你的照片集及其 { $count } 张照片。
reply-photos-shared = 🤝 现在这里的每个人都可以使用“{ $name }”：/photos generate <prompt> --model { $name }
reply-photos-unshared = 🔒 “{ $name }”又只属于你了。
reply-photos-tips =
    📷 好的训练照片：
    • 同一个人的 { $min }–{ $max } 张照片，画面中没有其他人。
    • 清晰、光线充足；脸部清楚可见，在画面中不要太小。
    • 不同角度、表情、服装和背景：特写加几张半身照。
    • 不要戴墨镜、遮挡脸部的帽子，不要重滤镜或修图。
    • 至少 { $side }×{ $side } 像素；以照片或图片文件形式发送。
    只发送你本人或已同意的人的照片。
error-not-admin-share = 只有群组管理员才能把模型分享给群组。

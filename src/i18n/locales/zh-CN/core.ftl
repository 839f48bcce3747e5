## A task's progress, result and failure (src/core/render.ts), in the task's language.

task-head = { $label } { $prompt }（{ $user }）
task-waiting-to-start = 等待开始…
task-percent = { $percent }%
task-failed = ❌ { $label } { $prompt } 未完成：{ $reason } { $refund }
task-refund-nothing-charged = 未扣除任何积分。
task-refund-none = 这次花费的 { $cost } 积分未退还。
task-refund-partial = 这次花费的 { $cost } 积分中已退还 { $refunded } 积分。
task-refund-yours = 你的 { $cost } 积分已退还。
task-refund-to-wallet = { $cost } 积分已退还到{ $wallet ->
        [user] 你的个人钱包
        [guild] 本服务器的钱包
       *[group] 本群组的钱包
    }。

## Why a task failed, as the bot says it (no full stop: one is added).

task-reason-interrupted-submit = 发送时机器人重启了，再次发送可能会让它运行两次，所以请重试
task-reason-no-result = 图像服务表示已完成，但没有返回任何图片
task-reason-too-long = 耗时太长，已被停止
task-reason-cancelled = 在开始前已被取消
task-reason-no-address = 图像服务已完成图片，但没有提供下载地址
task-reason-none = 图像服务没有给出原因
task-reason-not-accepted = 请求未被接受

## How progress and results name a job (the English is stored with the task).

task-label-imagine = 生成
task-label-a-job = 一个任务
task-label-describe = 描述
task-label-shorten = 缩短
task-label-blend = 融合
task-label-face-swap = 换脸
task-label-reroll = 重新生成
task-label-seed = 种子
task-label-upscale = 放大 #{ $index }
task-label-variations = #{ $index } 的变体
task-label-upscale-alt = { $mode ->
    [creative] 放大（创意）
   *[subtle] 放大（细微）
}
task-label-upscale-factor = 放大 { $factor }
task-label-vary = { $mode ->
    [strong] 变化（强）
   *[subtle] 变化（细微）
}
task-label-zoom-out = 缩小 { $factor }x
task-label-custom-zoom = 自定义缩放
task-label-make-square = 变为方形
task-label-pan = { $direction ->
    [left] 向左平移
    [right] 向右平移
    [up] 向上平移
   *[down] 向下平移
}
task-label-training = 训练
task-label-preparing-photos = 正在准备照片：
task-label-photos-of = { $name } 的照片

## Results (src/core/render.ts, generate-results.ts, prompt-results.ts).

result-seed = { $prompt } 的种子是 { $seed }：在提示词中加上 --seed { $seed }，即可从相同的噪声开始。
result-missing-not-charged = 返回了 { $received }/{ $total } 张图片；缺少的 { $failed } 张未扣积分。
result-missing-not-refunded = 返回了 { $received }/{ $total } 张图片；缺少的 { $failed } 张未退还积分。
result-missing-refunded = 返回了 { $received }/{ $total } 张图片；已为缺少的 { $failed } 张退还 { $refunded } 积分。
result-important-tokens = 重要词元：{ $tokens }
result-prompts-hint = 点一个数字，用那条提示词生成图片。

## The line of waiting jobs (src/core/queue-text.ts).

queue-place = 第 { $place } 位
queue-waiting = 排队{ $place }，{ $eta }
queue-eta-soon = 不到一分钟
queue-eta-minutes = 约 { $minutes } 分钟
queue-eta-hours = 约 { $hours } 小时
queue-board-head = 这里正在排队（{ $count } 个任务）：
queue-board-line = { $place }：{ $job }，{ $eta }
queue-board-more = …还有 { $count } 个。
queue-board-foot = 每个任务开始时都会有自己的消息。/jobs 会显示你的任务，可用 ❌ 取消。
queue-board-empty = 这里已经没有排队的任务了：所有任务都已开始。
queue-cancelled = { $label } { $prompt } 在开始前已被取消。{ $refund }

## Wallets and credits (src/core/credits.ts).

credits-wallet = { $kind ->
    [user] 你的个人钱包
    [guild] 本服务器的钱包
   *[group] 本群组的钱包
}
error-unknown-wallet = { $named } 还没有钱包：当其聊天或本人第一次使用机器人时才会创建钱包。请检查 id，或去掉 --wallet 以使用本聊天的钱包。
error-insufficient-credits = { $jobs ->
        [1] 这需要 { $cost } 积分
       *[other] 这会启动 { $jobs } 个任务，需要 { $cost } 积分
    }，但{ $wallet ->
        [user] 你的个人钱包
        [guild] 本服务器的钱包
       *[group] 本群组的钱包
    }只有 { $balance }。操作员可以用 /admin grant 添加积分。
error-daily-cap = { $jobs ->
        [1] 这需要 { $cost } 积分
       *[other] 这会启动 { $jobs } 个任务，需要 { $cost } 积分
    }，但你在这里的每日积分只剩 { $room }。限额于 UTC { $resetsAt } 重置。
error-daily-cap-of = 这需要 { $cost } 积分，但你在这里的 { $cap } 每日积分只剩 { $room }。限额于 UTC { $resetsAt } 重置。
error-insufficient-credits-take = 该钱包只有 { $balance } 积分；最多只能扣除这么多。

task-reason-not-started = 无法启动
task-variation-failed = { $label } 未完成：{ $reason } 变体没有扣除积分；之前的放大仍已付费。
task-variation-not-started = 图像服务无法启动变体。
error-service-off = 本机器人已不再提供该图像服务。

## Refusals before a command runs (access.ts, rate-limit.ts, banned-words.ts, queue-limits.ts, dispatch.ts).

access-blocked = 抱歉，你不能使用这个机器人。如果你认为这是误会，请联系机器人操作员。
access-guild-not-allowed = 抱歉，这个机器人在本服务器不可用。机器人操作员可以开启它。
access-chat-not-allowed = 抱歉，这个机器人在本聊天中不可用。机器人操作员可以开启它。
rate-window = { $unit ->
    [hour] { $count ->
        [1] 一小时
       *[other] { $count } 小时
    }
    [minute] { $count ->
        [1] 一分钟
       *[other] { $count } 分钟
    }
   *[second] { $count } 秒
}
error-rate-limited = 你发送命令的速度超过了机器人的接受速度：每 { rate-window } 最多 { $limit } 条命令。请等待 { $wait } 秒后再试。未扣除任何积分。
error-banned-word = 这里的提示词不允许使用“{ $word }”，因此没有启动也没有扣费。请修改提示词。
error-banned-word-suffix = 你在 /settings 中的后缀包含“{ $word }”，这里的提示词不允许使用它，因此没有启动也没有扣费。请在 /settings 中修改。
error-too-many-jobs = 你已有 { $open } 个任务正在运行或排队，而每人同时最多只能有 { $cap } 个。请等其中一个完成后再试，或用 /jobs 取消一个排队中的任务。未扣除任何积分。
error-too-many-group-jobs = 本群组已有 { $open } 个任务正在运行或排队，而每个群组同时最多只能有 { $cap } 个。请等其中一个完成后再试。未扣除任何积分。
error-cannot-ask = 这需要一个我在这里无法询问的回答。
error-cannot-ask-choice = 这需要一个我在这里无法提供的选择。

## What the user is told when the bot or its image service fails (errors.ts).

apology-provider-rejected = 图像服务拒绝了这个请求：{ $said } 未扣除任何积分。
apology-provider-rejected-unsaid = 图像服务拒绝了这个请求，但没有说明原因。未扣除任何积分。
apology-provider-key = 机器人的图像服务密钥无效，因此没有启动任何任务。请告知机器人操作员（参考编号 { $reference }）。
apology-out-of-credits = 机器人的图像服务账户积分已用完，因此没有启动也没有扣费。请告知机器人操作员（参考编号 { $reference }）。
apology-out-of-credits-named = 机器人的 { $service } 账户积分已用完，因此没有启动也没有扣费。请告知机器人操作员（参考编号 { $reference }）。
apology-busy = 图像服务现在很忙，因此没有启动也没有扣费。请一分钟后再试。
apology-busy-named = { $service } 现在很忙，因此没有启动也没有扣费。请一分钟后再试。
apology-generic = 抱歉，我们这边出了问题。如果一直出现，请把这个参考编号告诉机器人操作员：{ $reference }

## Prices as /credits lists them (src/core/costs.ts): $price is in credits.

credits-cost-imagine = imagine { $price }
credits-cost-reroll = 🔄 重新生成 { $price }
credits-cost-variation = V1–V4 变体 { $price }
credits-cost-vary = 变化（强/细微）{ $price }
credits-cost-upscale = U1–U4 放大 { $price }
credits-cost-upscale-alt = 放大（细微/创意）{ $price }
credits-cost-upscale-2x = 放大 2x { $price }
credits-cost-upscale-4x = 放大 4x { $price }
credits-cost-outpaint = 缩小或变为方形 { $price }
credits-cost-pan = 平移 { $price }
credits-cost-seed = 🌱 种子 { $price }
credits-cost-describe = describe { $price }
credits-cost-shorten = shorten { $price }
credits-cost-turbo = 极速模式每个任务多 { $price }
credits-cost-blend = blend { $price }
credits-cost-faceswap = 换脸 { $price }
credits-cost-photo-prepare = 准备照片 { $price }
credits-cost-photo-train = 训练每张照片 { $price }
credits-cost-photo-generate = AI 照片每张 { $price }
credits-cost-model-images = { $model } 图片每张 { $price }

## /generate (src/core/generate.ts).

error-service-off-generate = 本机器人已不再提供图片生成。
error-model-not-offered = 这里不提供 { $model }。请从以下模型中选择：{ $models }。

## Ledger notes the bot writes (src/core/credit-history.ts ledgerNoteIn).

credits-note-welcome = 欢迎积分
credits-note-granted = 由操作员添加
credits-note-taken = 由操作员扣除
credits-note-missing-images = { $label }：{ $total } 张图片中有 { $failed } 张没有返回

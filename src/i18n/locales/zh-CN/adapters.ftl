## 两个适配器共用：繁忙群组中合并的拒绝消息、文件和图片。

digest-insufficient-credits = ⛔ 本群钱包积分不足，未能执行
digest-daily-cap = ⛔ 已达每日积分上限
digest-rate-limited = ⛔ 同时发送的命令过多
digest-too-many-jobs = ⛔ 运行中或等待中的任务过多
digest-too-many-group-jobs = ⛔ 本群的任务已达上限
digest-more = （另有 { $count } 人）
digest-summary = { $headline }：{ $names }{ $more } — { $count } 条命令，未扣除任何积分。

error-image-gone = 我无法再从图片服务获取那张图片：它的链接可能已过期。
error-file-too-large = “{ $name }”超过了 { $size } { $unit ->
    [mb] MB
   *[kb] KB
}；请发送更小的文件。
error-repeated-flag = --{ $flag } 出现了 { $count } 次（{ $shown }）：请只写一次。
error-repeated-flag-and = { $first } 和 { $second }
error-repeated-flag-nothing = 空

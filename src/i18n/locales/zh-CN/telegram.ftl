## Telegram：适配器自己说的话。

tg-unknown-command = 我不认识 /{ $command }。{ $hint }
tg-start-hint = 要生成图片，请发送 /{ $command } 加上你想看到的内容，例如 /{ $command } 新雪中的一只红狐狸。{ tg-help-hint }
tg-help-hint = /help 会列出我能做的所有事情。
tg-group-needs =
    /{ $group } 后面需要以下之一：
    { $list }
tg-not-mine = 这个按钮不是我的。
tg-album-incomplete-private = 我没有那个相册的全部照片（相册我只保留一天，重启后也不保留）。请把它们重新作为一个相册发送，并以 /{ $command } 作为说明文字。
tg-album-incomplete-group = 我没有收到那个相册的全部照片：在这个群组里，只有当我是管理员或我的隐私模式已关闭时（@BotFather → /setprivacy），Telegram 才会把相册的照片给我看。在此之前，请以 /{ $command } 作为说明文字发送第二张照片，并回复第一张。
tg-file-too-large = { $caption }：它超过了 Telegram 允许我发送的 { $mb } MB，所以这是它的链接：{ $url }
tg-question-you = 你
tg-question-two = 请回复此消息，写上“{ $first }”，如果需要，再写上新的“{ $second }”，例如 1.5 更开阔的视野。
tg-question-one = 请回复此消息，写上新的“{ $field }”，或回复 { $keep } 保持不变。
tg-question-now = 当前：

tg-this-photo = 这张照片
tg-photo-number = 第 { $number } 张照片
tg-photo-hint-use = 用 { $command } 回复它

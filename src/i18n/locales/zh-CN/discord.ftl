## Discord：适配器自己说的话。

dc-unknown-command = 我不认识这个命令（或它已不存在）。输入 / 查看我能做什么。
dc-not-mine = 这个按钮不是我的。
dc-file-too-large = { $caption }：它超过了 Discord 允许我在这里上传的大小，所以这是它的链接：{ $url }

dc-photo-hint-use = 发送 { $command } 并附上它

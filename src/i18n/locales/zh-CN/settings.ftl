## /settings: the panel, its controls and what it refuses.

settings-title = ⚙️ 你的设置（适用于你在这里使用我的所有聊天）：
settings-aspect-ratio = • 宽高比：{ $ratio }，/imagine 未指定时使用
settings-aspect-ratio-none = • 宽高比：无（Midjourney 默认 1:1），/imagine 未指定时使用
settings-speed = • 速度：{ $speed ->
    [turbo] turbo（更快，消耗更多积分）
   *[fast] fast
}
settings-remix = • Remix：{ $remix ->
    [on] 开 — 按钮会先询问提示词
   *[off] 关
}
settings-variation = • V1–V4：{ $variation ->
    [subtle] 细微变体（会先放大图片，因此多消耗一次放大的费用）
   *[strong] 强烈变体
}
settings-suffix = • 后缀：{ $suffix }（附加到每条提示词）
settings-suffix-none = • 后缀：无
settings-language = • 语言：{ $language }
settings-language-auto = • 语言：自动，当前为 { $language }（若我支持，则跟随你的应用语言）
settings-group-language = • 本{ $place ->
    [server] 服务器
   *[group] 群组
}的语言：{ $language }，用于应用语言我不支持的成员
settings-group-language-auto = • 本{ $place ->
    [server] 服务器
   *[group] 群组
}的语言：自动
settings-aspect-ratio-placeholder = 默认宽高比
settings-aspect-ratio-no-default = 不设默认
settings-remix-button = 🎛️ Remix：{ $remix ->
    [on] 开
   *[off] 关
}
settings-speed-button = ⚡ 速度：{ $speed ->
    [turbo] turbo
   *[fast] fast
}
settings-variation-button = 🎨 V1–V4：{ $variation ->
    [subtle] 细微
   *[strong] 强烈
}
settings-suffix-button = ✏️ 后缀
settings-suffix-clear-button = ✖️ 清除后缀
settings-language-placeholder = 语言
settings-language-automatic = 自动
settings-group-language-placeholder = 本{ $place ->
    [server] 服务器
   *[group] 群组
}的语言
settings-suffix-question = 提示词后缀
settings-suffix-question-label = 附加到每条提示词，例如 --v 7 --stylize 250
settings-not-yours = 这是别人的设置：发送 /settings 查看你自己的。
settings-bad-aspect-ratio = 宽高比必须是以下之一：{ $ratios }。
settings-bad-speed = 速度只能是 fast 或 turbo。
settings-bad-remix = Remix 只能开或关。
settings-bad-variation = V1–V4 只能是强烈或细微。
settings-bad-suffix = 后缀请少于 { $max } 个字符。
settings-bad-language = 我不支持这种语言。
settings-group-language-admins-only = 只有本服务器或群组的管理员才能设置它的语言。

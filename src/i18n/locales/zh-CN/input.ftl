## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = 请提供「{ $option }」。
input-invalid = 「{ $option }」的值无效。
input-invalid-any = 输入无效。

input-credits-page-whole = 页码必须是整数。
input-credits-page-min = 页码从 1 开始。

input-help-topic = 可查看的帮助主题：{ $values }；不填则显示总览。

## Buttons: a payload is untrusted input.

input-button-unknown = 这个按钮不是我的。

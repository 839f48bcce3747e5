## Buttons under results (src/core/actions/entries.ts) and what /help says of them.

action-upscale-alt = { $mode ->
    [creative] 放大（创意）
   *[subtle] 放大（细微）
}
action-upscale-factor = 放大 { $factor }
action-vary = { $mode ->
    [strong] 变化（强）
   *[subtle] 变化（细微）
}
action-zoom-out = 缩小 { $factor }x
action-custom-zoom = 自定义缩放
action-make-square = 变为方形
action-seed = 种子
action-imagine-all = 全部生成
action-upscale-done = 第 { $index } 张图片已经放大过了：见上方。
action-upscale-running = 第 { $index } 张图片正在放大。
action-seed-done = 这张图片的种子在上方。
action-seed-running = 已经在查询种子了。
error-unknown-button-prompt = 这条提示词已不在这个结果中。请用 /describe 或 /shorten 重新开始。
error-unknown-button-kind = 这个按钮属于另一种结果。

action-help-upscale = 放大其中一张
action-help-reroll = 再来一次
action-help-variation = 变化其中一张
action-help-upscale-alt-buttons = 放大（细微/创意）
action-help-upscale-alt = 更大、更精细
action-help-upscale-factor-buttons = 放大 2x/4x
action-help-upscale-factor = 更大
action-help-vary-buttons = 变化（细微/强）
action-help-vary = 变化放大后的图
action-help-zoom-out-buttons = 缩小 2x/1.5x
action-help-zoom-out = 扩展画面
action-help-custom-zoom = 按你给的倍数扩展画面
action-help-make-square = 扩展成方形
action-help-pan = 向该方向延伸
action-seed-button = 🌱 种子
action-help-seed = 显示它的种子
action-help-regenerate-buttons = AI 照片下的 🔄
action-help-regenerate = 同样的请求，新的照片
action-help-generate-again-buttons = /generate 下的 🔄
action-help-generate-again = 再次执行同样的请求
action-help-full-size-buttons = /generate 下的 ⬇️ 1–10
action-help-full-size = 以文件形式发送该图的完整分辨率版本（免费）
action-help-imagine-prompt-buttons = 提示词下的 1–5 或 🎉 全部生成
action-help-imagine-prompt = 用它们生成图片

action-full-size-caption = 第 { $index } 张，共 { $count } 张，完整分辨率
error-unknown-button-image = 这张图片已不在这个结果中。

## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = 请提供「{ $option }」。
input-invalid = 「{ $option }」的值无效。
input-invalid-any = 输入无效。

input-credits-page-whole = 页码必须是整数。
input-credits-page-min = 页码从 1 开始。

input-help-topic = 可查看的帮助主题：{ $values }；不填则显示总览。

## Buttons: a payload is untrusted input.

input-button-unknown = 这个按钮不是我的。

## Prompts and images

input-prompt-too-long = 提示词太长了：请控制在 { $maximum } 个字符以内。
input-list-and = 和
input-list-empty = 空
input-imagine-prompt = 告诉我要想象什么，例如 /imagine a red fox in fresh snow
input-imagine-aspect-ratio = 宽高比必须是以下之一：{ $values }。
input-imagine-images = 一个提示词最多可由 { $max } 张图片引导。
input-imagine-aspect-ratio-repeated = 宽高比给了 { $count } 次（{ $ratios }）：只需给一次。
input-describe-image = 请带上一张图片发送 /describe：附加图片、以 /describe 作为图片说明发送，或用 /describe 回复该图片。
input-describe-one-image = 我一次只描述一张图片：请只带一张图片发送 /describe。
input-faceswap-images = 换脸需要恰好两张图片：先是要修改的图片，然后是要换上的脸部照片。在 Telegram 上，请把两张图片作为一个相册发送，并以 /faceswap 作为说明（图片在前），或者给脸部照片加上说明 /faceswap，并以回复图片的方式发送。
input-blend-dimension = 形状必须是 { $dimensions }（或 { $ratios }）。
input-blend-images = 混合需要 { $min } 到 { $max } 张图片，而我收到了 { $got } 张。在 Telegram 上，请把它们作为一个相册发送，并以 /blend 作为说明，或用 /blend 回复相册中的一张照片。
input-shorten-prompt = 告诉我要缩短的提示词，例如 /shorten a very detailed portrait of an old fisherman, dramatic light
input-generate-prompt = 告诉我要生成什么，例如 /generate a lighthouse at dawn, oil painting
input-generate-aspect-ratio = 宽高比必须是以下之一：{ $values }。
input-generate-size = 尺寸为宽 x 高（像素），每边 { NUMBER($min, useGrouping: 0) } 到 { NUMBER($max, useGrouping: 0) }，例如 1536x1024。
input-generate-count = 数量必须是 1 到 { $max } 之间的整数。
input-generate-model = 模型必须是以下之一：{ $values }。
input-generate-prompt-too-long = 提示词太长了：请控制在 { $maximum } 个字符以内。
input-generate-negative-too-long = 要避免的内容请控制在 { $maximum } 个字符以内。
input-generate-negative-empty = 请在 --neg 后写明要避免的内容，例如 --neg blurry, text, watermark
input-generate-images = 一个请求最多可由 { $max } 张参考图引导，而我收到了 { $got } 张。
input-generate-size-and-aspect = 请给出宽高比或尺寸，不要同时给出：{ $ratio } 和 { $size } 对应不同的图片。
error-not-an-image = “{ $name }”不是图片。请附加 PNG、JPEG、WebP 或 GIF { $purpose ->
    [blend] 来进行混合
    [describe] 来进行描述
    [faceswap] 来进行换脸
    [reference] 作为参考图
    [image-prompt] 作为图片提示
   *[use] 来使用
}。
error-file-too-large-for-service = “{ $name }”超过 2 MB，这是我能传给图像服务的上限；请发送更小的图片。
error-no-image-host = 此机器人无法把在这里发送的图片传给图像服务：它没有地方存放图片供服务获取。请不带图片发送命令，或请机器人运营者设置 PUBLIC_URL。

## Result buttons

input-action-zoom = 缩放倍数必须大于 1 且不超过 2，例如 1.5。
input-action-prompt = 请输入提示词，或回复 . 保留原提示词。

## /admin

input-admin-amount-whole = 请以整数形式给出积分数量。
input-admin-amount-min = 数量至少为 1。
input-admin-amount-max = 数量最多为 { $maximum }。
input-admin-cap = 请以积分数给出每位成员的每日上限，或填 off。
input-admin-cap-max = 每日上限最多为 { $maximum }。
input-access-user = 请指定用户，例如 user:123456。

## /photos

input-photos-name-empty = 请给模型起个名字。
input-photos-name-long = 模型名称最多 32 个字符。
input-photos-name-characters = 模型名称可以使用字母、数字、空格、- 和 _。
input-photos-subject = 照片里是谁？请说明 female 或 male，然后是族裔（{ $ethnicities }），如愿意再加上年龄，例如 { $example }。
input-photos-ethnicity = 族裔必须是以下之一：{ $values }。
input-photos-age-whole = 年龄必须是整数，例如 30。
input-photos-age-adult = AI 人像仅限成年人：年龄必须在 18 岁或以上。
input-photos-age-max = 年龄最多为 100。
input-photos-unparsed = 我没看懂“{ $words }”。请说明 female 或 male，然后是族裔，如愿意再加上年龄，例如 { $example }。
input-photos-attach = 请至少附上一张照片。
input-photos-too-many = 一次最多 { $maximum } 张照片。
input-photos-prompt = 描述这张照片，例如 /photos generate a portrait in a linen suit, golden hour
input-photos-aspect-ratio = 宽高比必须是以下之一：{ $values }。
input-photos-count = 数量必须是 1 到 4。
input-photos-seed-whole = 种子必须是整数。
input-photos-seed-min = 种子必须大于或等于 0。
input-photos-seed-max = 种子最大为 { $maximum }。

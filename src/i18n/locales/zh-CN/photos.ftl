## AI Photos (src/core/photos.ts): collecting a set, training a model, and its refusals.

photos-refused-not-a-photo = 不是 JPEG、PNG 或 WebP 格式的照片
photos-refused-unreadable = 无法作为图片读取
photos-refused-too-small = 太小（{ $size }；每边至少 { $min } 像素）
photos-refused-too-large = 太大（{ $size }；最多 { $max } 百万像素）
photos-refused-full = 未添加：照片集已满（{ $max } 张）
photos-refused-duplicate = 与照片集中已有的一张照片重复
photos-refused-larger-than = 超过 { $megabytes } MB
photos-refused-download = 无法下载；请重新发送
photos-refused-closed = 未添加：照片集已不再开放

error-set-open = 你在这里已经有一个打开的照片集，共 { $count } 张。继续发送照片、使用 /photos train，或用 /photos cancel 重新开始。
error-no-set = 你在这里没有打开的照片集。用 /photos new 开始一个。
error-no-set-to-train = 你在这里没有可训练的照片集。用 /photos new 开始一个，然后发送 { $min }–{ $max } 张照片。
error-too-few-photos = 你的照片集有 { $count } 张照片；训练至少需要 { $min } 张。请再发送 { $missing } 张。
error-name-taken = 你已经有一个名为“{ $name }”的模型。请换个名字：/photos train <名字>。
error-insufficient-credits-training = 用 { $count } 张照片训练需要 { $total } 积分（准备 { $prepare } + 每张 { $perPhoto }），但{ $wallet ->
        [user] 你的个人钱包
        [guild] 本服务器的钱包
       *[group] 本群组的钱包
    }只有 { $balance }。
error-daily-cap-training = 用 { $count } 张照片训练需要 { $total } 积分，但你在这里的每日积分只剩 { $room }。限额于 UTC { $resetsAt } 重置。
error-set-changed = 训练开始时又收到一张照片，因此没有扣费：你的照片集现在有 { $count } 张。请再次发送 /photos train 来训练全部照片。
error-no-set-closed = 该照片集已不再开放。
error-photos-gone = 这个照片集的照片已不在这里；请用 /photos new 重新开始。
photos-service-unreachable = 无法连接图像服务。
photos-training-not-started = { $name } 的训练没有开始：{ $reason } 训练没有扣费。你的照片已准备好；用 /photos train 重试。
error-prepared-expired = 该照片集准备好的照片已过期。请用 /photos new 重新开始。
error-busy-training = “{ $name }”已经在训练中。
photos-discarded = { $name } 在{ $stage ->
        [preparing] 准备
       *[training] 训练
    }过程中被删除，因此其结果已丢弃。
photos-ready = { $user }，你的模型 { $name } 已就绪。
photos-ready-how = 用 /photos generate 加上提示词（例如 “a portrait in a linen suit, golden hour light”）来生成照片。
photos-ready-trigger = （它的触发词 { $trigger } 会自动加到你的提示词中。）
error-no-model = 你还没有训练好的模型。先用 /photos new 开始，发送 { $min }–{ $max } 张照片，然后用 /photos train。
error-unknown-model = 这里没有名为“{ $name }”的模型。你的模型：{ $names }。
error-not-ready = “{ $name }”仍在{ $stage ->
        [preparing] 准备中
       *[training] 训练中
    }{ $percent ->
        [0] {""}
       *[other] （{ $percent }%）
    }。就绪后我会在这里通知。
error-model-failed = “{ $name }”训练失败。请用 /photos new 重新开始。
error-model-gone = 生成这些照片的模型已不存在（已被删除），因此无法再用它生成新照片。
error-model-private = 只有 { $owner } 能用“{ $name }”生成新照片：它没有在本聊天中共享。
error-not-group = 请在要使用该模型的群组内共享它。
error-not-ready-share = “{ $name }”还没有就绪。
error-unknown-model-own = 你没有名为“{ $name }”的模型。请查看 /photos list。
error-no-set-to-cancel = 你在这里没有打开或正在训练的照片集。

## /photos list; the emoji and bullet are added before.

photos-list-open-set = 打开的照片集：{ $count }/{ $max } 张（{ $gender }，{ $ethnicity }）；{ $hours } 小时后过期。
photos-list-model = { $name } — { $state ->
        [ready] 已就绪
        [training] 训练中{ $percent ->
            [0] {""}
           *[other] {" "}{ $percent }%
        }
        [prepared] 已准备，等待 /photos train
        [preparing] 准备中
       *[failed] 失败
    }（{ $owner ->
        [own] 你的
        [shared] 你的，已在此共享
       *[other] 由 { $ownerName } 共享
    }）
photos-list-empty = 这里还没有照片集或模型。用 /photos new 开始。

# The subject of a photo set, as /photos new was told (gender, then ethnicity).
photos-gender = { $gender ->
    [male] 男性
   *[female] 女性
}
photos-ethnicity = { $ethnicity ->
    [asian] 亚裔
    [black] 黑人
    [latino] 拉丁裔
    [middle-eastern] 中东裔
    [native-american] 美洲原住民
    [pacific-islander] 太平洋岛民
   *[white] 白人
}

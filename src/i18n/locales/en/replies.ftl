## What the commands answer (commands/*.ts): replies, panels and their buttons. Ids: reply-<command>-….

## /credits

reply-credits-balance = 💳 { $wallet ->
    [user] Your personal wallet
    [guild] This server's wallet
   *[group] This group's wallet
}: { credits-amount }.
reply-credits-spent = You spent { $today } today and { $month } this month.
reply-credits-daily-limit = Daily limit per member: { $cap } ({ $left } left for you today).
reply-credits-costs = Costs in credits: { $list }.
reply-credits-history-empty = No credit movements here yet.
reply-credits-history-past-end = { $pages ->
    [one] There is only { $pages } page.
   *[other] There are only { $pages } pages.
}
reply-credits-history-previous = ◀ Page { $page }
reply-credits-history-next = Page { $page } ▶
reply-credits-history-title = 🧾 { $wallet ->
    [user] Your personal wallet
    [guild] This server's wallet
   *[group] This group's wallet
}, newest first:
reply-credits-history-title-page = 🧾 { $wallet ->
    [user] Your personal wallet
    [guild] This server's wallet
   *[group] This group's wallet
}, page { $page } of { $pages }, newest first:
reply-credits-history-outcome = { $outcome ->
    [charged] charged
    [refunded] refunded
    [partly_refunded] partly refunded ({ $refunded } back)
   *[in_progress] in progress
}
reply-credits-history-movement = { $kind ->
    [grant] Granted
    [taken] Taken
    [added] Added
   *[refund] Refunded
} { credits-amount }
reply-credits-history-by = by { $user }

## /help

reply-help-group-line = • /{ $group } { $names } — see /help { $group }
reply-help-makes-imagine = Midjourney images (/imagine)
reply-help-makes-generate = Flux 2, Nano Banana, Seedream and SDXL images (/generate)
reply-help-makes-photos = AI photos of a person from their own photos (/photos)
reply-help-intro = framebot makes { $makes } right here in the chat.
reply-help-buttons = Buttons under results: { $buttons } — /help buttons says what each does.
reply-help-imagine-parameters = Midjourney parameters such as --stylize 250 or --no text work inside the prompt.
reply-help-generate = /generate: leave the model out to pick it from a list; sizes over 1024×1024 cost more per image; up to 10 reference images guide it.
reply-help-photos = AI Photos: /photos new, send 10–30 photos of one person, /photos train, then /photos generate.
reply-help-credits = Credits: every job is paid from this chat’s wallet; /credits shows what is left.
reply-help-admin-pointer = Server and group admins, and the bot’s operators: /help admin.
reply-help-admin-none = This bot has no admin commands.
reply-help-admin-title = Admin commands: only server admins (Manage Server) and group admins see them in the command list, and each checks again who is asking when it runs.
reply-help-admin-operators = Bot operators are the accounts in BOT_ADMINS.
reply-help-buttons-title = Buttons under results:
reply-help-for-admins = For admins: { $commands } — see /help admin.

## /jobs

reply-jobs-none-all = No jobs are running or waiting in this chat.
reply-jobs-none-own = You have no jobs running or waiting here.
reply-jobs-for = { $job } for { $user }
reply-jobs-running = 🎨 { $what }: running
reply-jobs-running-progress = 🎨 { $what }: running ({ $progress }%)
reply-jobs-in-line = ⏳ { $what }: { $position ->
    [one] { $position }st
    [two] { $position }nd
    [few] { $position }rd
   *[other] { $position }th
} in line
reply-jobs-waiting = ⏳ { $what }: waiting
reply-jobs-more = …and more.
reply-jobs-cancel-button = ❌ Cancel { $prompt }
reply-jobs-footer = A waiting job can be cancelled, refunded in full; a running one cannot be stopped.
reply-jobs-title-all = 🧾 Jobs in this chat:
reply-jobs-title-own = 🧾 Your jobs here:
reply-jobs-cancelled = ❌ Cancelled { $job }. { $count ->
    [0] Nothing was charged.
   *[other] { credits-amount } refunded.
}
error-unknown-job = That job is not one of this chat’s.
error-not-your-job = Only the person who started that job (or a group admin) can cancel it.
error-job-running = { $job } has already started at the image service, which cannot stop it: it will finish as usual.
error-job-gone = { $job } has already ended.

## Result buttons (commands/action.ts), /generate's model picker, and a photo sent with nothing to do

reply-action-zoom-title = Custom Zoom
reply-action-remix-title = Remix: { $button }
reply-action-zoom-label = Zoom factor (more than 1, at most 2)
reply-action-prompt-label = Prompt
reply-generate-pick-title = 🎨 Which model should make { $prompt }? ({ $count ->
    [one] { $count } image
   *[other] { $count } images
}, { $size })
reply-generate-pick-placeholder = Pick a model
reply-photo-hint-title = 📷 You have no photo set open, so I did nothing with that photo.
reply-photo-hint-train = • To train a model of this person, start a photo set with /photos new, then send { $min }–{ $max } photos.
reply-photo-hint-describe = • For prompts that describe it, { $how }.
reply-photo-hint-generate = • To make images with it as a reference, { $how }.
reply-photo-hint-how = { $how ->
    [reply] reply { $command } to it
   *[attach] send { $command } with it attached
}
error-unknown-button = This button doesn't work here: it belongs to another chat or has expired.
error-unknown-button-make = This button doesn't work here: it belongs to another chat or has expired. Start a new one with { $command }.
error-unknown-button-here = This button doesn't work here.
error-cannot-send-file = I cannot send files here.
error-double-press = Already on it: that button was just pressed.
error-draft-gone = That request has already started or has expired. Send /generate again.
error-not-your-request = This is someone else’s request: send /generate for your own.
error-model-needed = Say which model, e.g. --model { $example }: { $models }.
error-model-needed-none = Image generation is not available on this bot.

## /admin grant, take and limit (commands/credits-admin.ts)

reply-credits-wallet-name = { $kind ->
    [own] your own wallet
    [this-user] your personal wallet
    [this-guild] this server's wallet
    [this-group] this group's wallet
    [server] the server's wallet
    [group] the group's wallet
    [user-id] user { $name }'s wallet
   *[person] { $name }'s wallet
}
reply-admin-grant = ✅ Added { credits-amount } to { $wallet }. Balance: { $balance }.
reply-admin-take = ✅ Took { credits-amount } from { $wallet }. Balance: { $balance }.
reply-admin-limit-off = ✅ No daily limit per member any more.
reply-admin-limit = ✅ Each member may now spend up to { credits-amount } per day here.
error-not-operator = Only the bot operator can do that.
error-bad-target-wallet = Name the wallet as me, user:<id>, @mention (Discord) or group:<id>, or leave it out for this chat.
error-not-group-limit = Daily limits are for shared wallets: use this in a server or group.
error-not-admin-limit = Only admins of this { $place ->
    [server] server
   *[group] group
} can set the daily limit.

## /admin block, unblock, allow, disallow and access (commands/access-admin.ts)

error-bad-target-user = Name the user as user:<id>, @mention (Discord) or telegram:<id> / discord:<id>.
error-not-group-access = Private chats are always open (block a user instead): use this in a server or group, or name one as guild:<id> or chat:<id>.
error-bad-target-place = Name the place as guild:<id> (a Discord server), chat:<id>, or telegram:<id> / discord:<id>; or leave it out for here.
error-operator-target = Operators cannot be blocked (BOT_ADMINS).
reply-access-blocked = ⛔ Blocked { $target }: they get one polite refusal, then silence, and are never charged.
reply-access-unblocked = ✅ Unblocked { $target }.
reply-access-allowed = ✅ Allowed { $place ->
    [server] server
   *[chat] chat
} { $target }.
reply-access-disallowed = 🚫 Took off the allow-list: { $place ->
    [server] server
   *[chat] chat
} { $target }.
reply-access-list-open = No { $places ->
    [servers] Discord servers
   *[chats] { $platform } chats
} are listed now, so the bot answers in every one.
reply-access-list-only = The bot answers only in the { $count } listed { $places ->
    [servers] Discord servers
   *[chats] { $platform } chats
} (and in private chats).
reply-access-from-config = { $target } (config)
reply-access-show-line = { $list ->
    [blocked_users] ⛔ Blocked users: { $count ->
        [0] none
       *[other] { $items }
    }
    [allowed_guilds] 🏠 Allowed Discord servers: { $count ->
        [0] all
       *[other] { $items }
    }
   *[allowed_chats] 💬 Allowed chats: { $count ->
        [0] all
       *[other] { $items }
    }
}
reply-access-show-private = Private chats are open to everyone not blocked; operators are never refused.

## /photos

reply-photos-count = 📸 { $total } of { $max } photos — { $missing } more to train.
reply-photos-count-ready = 📸 { $total } of { $max } photos — ready to train: /photos train [name].
reply-photos-new = 📸 New photo set started. Now send { $min }–{ $max } photos of the same person, one at a time or several at once.
reply-photos-new-tips = Clear, well-lit photos from different angles work best (/photos tips). Each must be at least { $side }×{ $side } px.
reply-photos-new-kept = The set is kept for 24 hours; photos are deleted once they are uploaded for training.
reply-photos-deleted = { $running ->
    [preparing] 🗑️ Deleted “{ $name }” before its training started: nothing more will be charged (its preparation was already paid for).
    [training] 🗑️ Deleted “{ $name }”. Its training was already running at the image service, so it stays paid for; the result will be discarded.
   *[nothing] 🗑️ Deleted your model “{ $name }”.
}
reply-photos-dropped = 🗑️ Dropped your photo set and its { $count ->
    [one] { $count } photo
   *[other] { $count } photos
}.
reply-photos-shared = 🤝 Everyone here can now use “{ $name }”: /photos generate <prompt> --model { $name }
reply-photos-unshared = 🔒 “{ $name }” is yours alone again.
reply-photos-tips =
    📷 Good training photos:
    • { $min }–{ $max } photos of the same one person, nobody else in the frame.
    • Sharp and well lit; the face clearly visible, not too small in the picture.
    • Different angles, expressions, clothes and backgrounds: close-ups and a few half-body shots.
    • No sunglasses, hats covering the face, heavy filters or retouching.
    • At least { $side }×{ $side } px; send them as photos or as image files.
    Only send photos of yourself or of someone who agreed to it.
error-not-admin-share = Only group admins can share a model with the group.

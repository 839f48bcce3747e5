## A task's progress, result and failure (src/core/render.ts), in the task's language.

# "Upscale #2 “a fox” for @ana": $label is the job (task-label-*), $prompt the quoted prompt, $user a name.
task-head = { $label } { $prompt } for { $user }
task-waiting-to-start = Waiting to start…
task-percent = { $percent }%
# $reason is a sentence (its full stop included), $refund one of task-refund-*.
task-failed = ❌ { $label } { $prompt } did not finish: { $reason } { $refund }
task-refund-nothing-charged = Nothing was charged.
task-refund-none = { $cost ->
    [one] The { $cost } credit it cost was not refunded.
   *[other] The { $cost } credits it cost were not refunded.
}
task-refund-partial = { $refunded } of the { $cost ->
        [one] { $cost } credit
       *[other] { $cost } credits
    } it cost { $refunded ->
        [one] was
       *[other] were
    } refunded.
task-refund-yours = { $cost ->
    [one] Your { $cost } credit was refunded.
   *[other] Your { $cost } credits were refunded.
}
# $wallet is the wallet's kind: user, guild or group.
task-refund-to-wallet = The { $cost ->
        [one] { $cost } credit was
       *[other] { $cost } credits were
    } refunded to { $wallet ->
        [user] your personal wallet
        [guild] this server's wallet
       *[group] this group's wallet
    }.

## Why a task failed, as the bot says it (no full stop: one is added).

task-reason-interrupted-submit = the bot restarted while sending it, and sending it again could run it twice, so please try again
task-reason-no-result = the image service said it was done but sent no images back
task-reason-too-long = it took too long, so it was stopped
task-reason-cancelled = it was cancelled before it started
task-reason-no-address = the image service finished the image but sent no address to fetch it from
task-reason-none = the image service gave no reason
task-reason-not-accepted = The request was not accepted
task-reason-not-started = it could not be started

# A subtle V's second step could not start. $reason is a sentence (full stop included).
task-variation-failed = { $label } did not finish: { $reason } Nothing was charged for the variation; the upscale before it stays paid.
task-variation-not-started = the image service could not start the variation.
error-service-off = That image service is not available on this bot any more.

## How progress and results name a job (the English is stored with the task).

task-label-imagine = Imagine
task-label-a-job = A job
task-label-describe = Describe
task-label-shorten = Shorten
task-label-blend = Blend
task-label-face-swap = Face swap
task-label-reroll = Reroll
task-label-seed = Seed
task-label-upscale = Upscale #{ $index }
task-label-variations = Variations of #{ $index }
task-label-upscale-alt = { $mode ->
    [creative] Upscale (Creative)
   *[subtle] Upscale (Subtle)
}
# $factor is 2x or 4x.
task-label-upscale-factor = Upscale { $factor }
task-label-vary = { $mode ->
    [strong] Vary (Strong)
   *[subtle] Vary (Subtle)
}
task-label-zoom-out = Zoom Out { $factor }x
task-label-custom-zoom = Custom Zoom
task-label-make-square = Make Square
task-label-pan = { $direction ->
    [left] Pan left
    [right] Pan right
    [up] Pan up
   *[down] Pan down
}
task-label-training = Training
# Followed by a model's name (its photos are being prepared).
task-label-preparing-photos = Preparing photos for
task-label-photos-of = Photos of { $name }

## Results (src/core/render.ts, generate-results.ts, prompt-results.ts).

# $seed is a number to copy; the emoji is added before.
result-seed = The seed of { $prompt } is { $seed }: add --seed { $seed } to a prompt to start from the same noise.
result-missing-not-charged = { $received } of { $total } images came back; nothing was charged for { $failed ->
        [one] the missing one
       *[other] the { $failed } missing ones
    }.
result-missing-not-refunded = { $received } of { $total } images came back; nothing was refunded for { $failed ->
        [one] the missing one
       *[other] the { $failed } missing ones
    }.
result-missing-refunded = { $received } of { $total } images came back; { $refunded ->
        [one] { $refunded } credit
       *[other] { $refunded } credits
    } for { $failed ->
        [one] the missing one
       *[other] the { $failed } missing ones
    } { $refunded ->
        [one] was
       *[other] were
    } refunded.
result-important-tokens = Important tokens: { $tokens }
result-prompts-hint = Press a number to imagine that prompt.

## The line of waiting jobs (src/core/queue-text.ts).

# A place in line: $place is an ordinal number (English selects one → 1st, two → 2nd, few → 3rd).
queue-place = { $place ->
    [one] { $place }st
    [two] { $place }nd
    [few] { $place }rd
   *[other] { $place }th
}
# $place is queue-place, $eta one of queue-eta-*; the emoji is added before.
queue-waiting = { $place } in line, { $eta }
queue-eta-soon = under a minute
queue-eta-minutes = about { $minutes } min
queue-eta-hours = about { $hours } h
# A group's board of waiting jobs; the emoji is added before.
queue-board-head = { $count ->
    [one] Waiting in line here ({ $count } job):
   *[other] Waiting in line here ({ $count } jobs):
}
# $job is task-head.
queue-board-line = { $place }: { $job }, { $eta }
queue-board-more = …and { $count } more.
queue-board-foot = Each job gets its own message when it starts. /jobs shows yours, with ❌ Cancel.
queue-board-empty = Nothing is waiting in line here any more: every job has started.
queue-cancelled = { $label } { $prompt } was cancelled before it started. { $refund }

## Wallets and credits (src/core/credits.ts).

# A wallet mid-sentence, lowercase.
credits-wallet = { $kind ->
    [user] your personal wallet
    [guild] this server's wallet
   *[group] this group's wallet
}
error-unknown-wallet = There is no wallet for { $named } yet: a wallet appears when its chat or person first uses the bot. Check the id, or leave --wallet out to use this chat's wallet.
# $jobs is how many jobs the request starts, $wallet the wallet's kind (user, guild or group).
error-insufficient-credits = { $jobs ->
        [1] That costs { $cost ->
            [one] { $cost } credit
           *[other] { $cost } credits
        }
       *[other] That starts { $jobs } jobs and costs { $cost ->
            [one] { $cost } credit
           *[other] { $cost } credits
        }
    }, but { $wallet ->
        [user] your personal wallet
        [guild] this server's wallet
       *[group] this group's wallet
    } has { $balance }. An operator can add more with /admin grant.
error-daily-cap = { $jobs ->
        [1] That costs { $cost ->
            [one] { $cost } credit
           *[other] { $cost } credits
        }
       *[other] That starts { $jobs } jobs and costs { $cost ->
            [one] { $cost } credit
           *[other] { $cost } credits
        }
    }, but you have { $room } of your daily credits left here. The limit resets at { $resetsAt } UTC.
error-daily-cap-of = That costs { $cost ->
        [one] { $cost } credit
       *[other] { $cost } credits
    }, but you have { $room } of your { $cap } daily credits left here. The limit resets at { $resetsAt } UTC.
error-insufficient-credits-take = That wallet has only { $balance ->
        [one] { $balance } credit
       *[other] { $balance } credits
    }; take at most that.

## Refusals before a command runs (access.ts, rate-limit.ts, banned-words.ts, queue-limits.ts, dispatch.ts).

access-blocked = Sorry, you cannot use this bot. If you think that is a mistake, ask the bot operator.
access-guild-not-allowed = Sorry, this bot is not available in this server. The bot operator can allow it.
access-chat-not-allowed = Sorry, this bot is not available in this chat. The bot operator can allow it.
# A window of time: $unit is hour, minute or second, $count how many.
rate-window = { $unit ->
    [hour] { $count ->
        [1] an hour
       *[other] { $count } hours
    }
    [minute] { $count ->
        [1] a minute
       *[other] { $count } minutes
    }
   *[second] { $count ->
        [one] { $count } second
       *[other] { $count } seconds
    }
}
# { rate-window } is the window ($unit, $count); $wait is in seconds.
error-rate-limited = You are sending commands faster than this bot takes them: at most { $limit ->
        [one] { $limit } command
       *[other] { $limit } commands
    } in { rate-window } each. Please wait { $wait ->
        [one] { $wait } second
       *[other] { $wait } seconds
    } and try again. Nothing was charged.
error-banned-word = “{ $word }” is not allowed in prompts here, so nothing was started or charged. Please change the prompt.
error-banned-word-suffix = Your /settings suffix contains “{ $word }”, which is not allowed in prompts here, so nothing was started or charged. Change it in /settings.
error-too-many-jobs = You already have { $open ->
        [one] { $open } job
       *[other] { $open } jobs
    } running or waiting, and { $cap } is the most one person may have at once. Try again when one has finished, or cancel a waiting one with /jobs. Nothing was charged.
error-too-many-group-jobs = This group already has { $open ->
        [one] { $open } job
       *[other] { $open } jobs
    } running or waiting, and { $cap } is the most one group may have at once. Try again when one has finished. Nothing was charged.
error-cannot-ask = That needs an answer I cannot ask for here.
error-cannot-ask-choice = That needs a choice I cannot offer here.

## What the user is told when the bot or its image service fails (errors.ts). $reference is an id to quote to the operator.

# $said is the service's own words (English, not translated), full stop included.
apology-provider-rejected = The image service refused this request: { $said } Nothing was charged.
apology-provider-rejected-unsaid = The image service refused this request: The request was not accepted. Nothing was charged.
apology-provider-key = The bot's image service key is not valid, so nothing was started. Please tell the bot operator (reference { $reference }).
apology-out-of-credits = The bot's image service account is out of credits, so nothing was started or charged. Please tell the bot operator (reference { $reference }).
apology-out-of-credits-named = The bot's { $service } account is out of credits, so nothing was started or charged. Please tell the bot operator (reference { $reference }).
apology-busy = The image service is busy right now, so nothing was started or charged. Please try again in a minute.
apology-busy-named = { $service } is busy right now, so nothing was started or charged. Please try again in a minute.
apology-generic = Sorry, something went wrong on our side. If it keeps happening, tell the bot operator this reference: { $reference }

## Prices as /credits lists them (src/core/costs.ts): $price is in credits.

credits-cost-imagine = imagine { $price }
credits-cost-reroll = 🔄 reroll { $price }
credits-cost-variation = V1–V4 variations { $price }
credits-cost-vary = Vary (Strong/Subtle) { $price }
credits-cost-upscale = U1–U4 upscale { $price }
credits-cost-upscale-alt = Upscale (Subtle/Creative) { $price }
credits-cost-upscale-2x = Upscale 2x { $price }
credits-cost-upscale-4x = Upscale 4x { $price }
credits-cost-outpaint = zoom out or make square { $price }
credits-cost-pan = pan { $price }
credits-cost-seed = 🌱 seed { $price }
credits-cost-describe = describe { $price }
credits-cost-shorten = shorten { $price }
credits-cost-turbo = turbo speed { $price } more per job
credits-cost-blend = blend { $price }
credits-cost-faceswap = face swap { $price }
credits-cost-photo-prepare = preparing photos { $price }
credits-cost-photo-train = training { $price } per photo
credits-cost-photo-generate = AI photos { $price } each
credits-cost-model-images = { $model } images { $price } each

## /generate (src/core/generate.ts).

error-service-off-generate = Image generation is not available on this bot any more.
# $models lists the offered ones: "flux-2 (Flux 2 Pro), seedream-4 (Seedream 4)".
error-model-not-offered = { $model } is not offered here. Choose one of: { $models }.

## Ledger notes the bot writes (src/core/credit-history.ts ledgerNoteIn).

credits-note-welcome = welcome credits
credits-note-granted = granted by an operator
credits-note-taken = taken by an operator
# $label is a job's name (task-label-*).
credits-note-missing-images = { $label }: { $failed } of { $total } images did not come back

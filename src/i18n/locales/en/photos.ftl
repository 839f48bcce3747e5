## AI Photos (src/core/photos.ts): collecting a set, training a model, and its refusals.

# Why a sent photo was not added; each follows the file's name ("• me.jpg is too small (…).").
photos-refused-not-a-photo = is not a JPEG, PNG or WebP photo
photos-refused-unreadable = could not be read as an image
# $size is width×height in pixels.
photos-refused-too-small = is too small ({ $size }; at least { $min } px on each side)
photos-refused-too-large = is too large ({ $size }; at most { $max } megapixels)
photos-refused-full = was not added: the set is full ({ $max } photos)
photos-refused-duplicate = is a duplicate of a photo already in the set
photos-refused-larger-than = is larger than { $megabytes } MB
photos-refused-download = could not be downloaded; send it again
photos-refused-closed = was not added: the set is no longer open

error-set-open = You already have a photo set open here with { $count ->
        [one] { $count } photo
       *[other] { $count } photos
    }. Send more, use /photos train, or /photos cancel to start over.
error-no-set = You have no photo set open here. Start one with /photos new.
error-no-set-to-train = You have no photo set to train here. Start one with /photos new, then send { $min }–{ $max } photos.
error-too-few-photos = Your set has { $count ->
        [one] { $count } photo
       *[other] { $count } photos
    }; training needs at least { $min }. Send { $missing } more.
error-name-taken = You already have a model called “{ $name }”. Pick another name: /photos train <name>.
# $wallet is the wallet's kind: user, guild or group.
error-insufficient-credits-training = Training { $count } photos costs { $total ->
        [one] { $total } credit
       *[other] { $total } credits
    } ({ $prepare } to prepare + { $perPhoto } per photo), but { $wallet ->
        [user] your personal wallet
        [guild] this server's wallet
       *[group] this group's wallet
    } has { $balance }.
error-daily-cap-training = Training { $count } photos costs { $total ->
        [one] { $total } credit
       *[other] { $total } credits
    }, but you have { $room } of your daily credits left here. The limit resets at { $resetsAt } UTC.
error-set-changed = A photo arrived as the training was starting, so nothing was charged: your set now has { $count ->
        [one] { $count } photo
       *[other] { $count } photos
    }. Send /photos train again to train them all.
error-no-set-closed = That photo set is no longer open.
error-photos-gone = The photos of this set are no longer here; start again with /photos new.
photos-service-unreachable = the image service could not be reached.
# $name is the quoted model name, $reason a sentence; the emoji is added before.
photos-training-not-started = Training { $name } did not start: { $reason } Nothing was charged for it. Your photos are prepared; use /photos train to try again.
error-prepared-expired = The prepared photos of that set have expired. Start again with /photos new.
error-busy-training = “{ $name }” is already training.
photos-discarded = { $name } was deleted while it was { $stage ->
        [preparing] being prepared
       *[training] training
    }, so its result was discarded.
photos-ready = Your model { $name } is ready, { $user }.
photos-ready-how = Make photos of them with /photos generate and a prompt such as “a portrait in a linen suit, golden hour light”.
photos-ready-trigger = (Its trigger word { $trigger } is added to your prompts for you.)
error-no-model = You have no trained model yet. Start one with /photos new, send { $min }–{ $max } photos, then /photos train.
error-unknown-model = There is no model called “{ $name }” here. Your models: { $names }.
# $percent is 0 when unknown (then not shown).
error-not-ready = “{ $name }” is still { $stage ->
        [preparing] being prepared
       *[training] training
    }{ $percent ->
        [0] {""}
       *[other] {" "}({ $percent }%)
    }. I'll post here when it is ready.
error-model-failed = Training “{ $name }” failed. Start again with /photos new.
error-model-gone = The model these photos were made with is gone (it was deleted), so no new photos can be made from it.
error-model-private = Only { $owner } can make new photos of “{ $name }”: it is not shared in this chat.
error-not-group = Share a model from inside the group that should use it.
error-not-ready-share = “{ $name }” is not ready yet.
error-unknown-model-own = You have no model called “{ $name }”. See /photos list.
error-no-set-to-cancel = You have no photo set open or training here.

## /photos list; the emoji and bullet are added before.

photos-list-open-set = Open set: { $count } of { $max } photos ({ $gender }, { $ethnicity }); it expires in { $hours } h.
# $state: ready, training ($percent, 0 when unknown), prepared, preparing or failed; $owner: own, shared (own, shared here) or other ($ownerName's).
photos-list-model = { $name } — { $state ->
        [ready] ready
        [training] training{ $percent ->
            [0] {""}
           *[other] {" "}{ $percent }%
        }
        [prepared] prepared, waiting for /photos train
        [preparing] preparing
       *[failed] failed
    } ({ $owner ->
        [own] yours
        [shared] yours, shared here
       *[other] shared by { $ownerName }
    })
photos-list-empty = No photo sets or models here yet. Start with /photos new.

# The subject of a photo set, as /photos new was told (gender, then ethnicity).
photos-gender = { $gender ->
    [male] male
   *[female] female
}
photos-ethnicity = { $ethnicity ->
    [asian] asian
    [black] black
    [latino] latino
    [middle-eastern] middle eastern
    [native-american] native american
    [pacific-islander] pacific islander
   *[white] white
}

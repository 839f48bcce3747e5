## Telegram: what the adapter says on its own (commands it does not know, a group of subcommands,
## albums it did not see whole, reply prompts, files too large to send).

tg-unknown-command = I don't know /{ $command }. { $hint }
tg-start-hint = To make images, send /{ $command } followed by what you want to see, e.g. /{ $command } a red fox in fresh snow. { tg-help-hint }
tg-help-hint = /help lists everything I can do.
tg-group-needs =
    /{ $group } needs one of:
    { $list }
tg-not-mine = This button is not one of mine.
tg-album-incomplete-private = I don't have every photo of that album (I keep albums for a day, and not across a restart). Send them again as one album with /{ $command } as its caption.
tg-album-incomplete-group = I didn't get every photo of that album: in this group Telegram shows me the photos of an album only when I am an admin here or my privacy mode is off (@BotFather → /setprivacy). Until then, send the second photo with /{ $command } as its caption, as a reply to the first.
tg-file-too-large = { $caption }: it is larger than the { $mb } MB Telegram lets me send, so here is its link: { $url }
# A reply prompt: "✏️ <title>: <name>, " comes before these.
tg-question-you = you
tg-question-two = reply to this message with the { $first }, then a new { $second } if you want one, e.g. 1.5 a wider view.
tg-question-one = reply to this message with the new { $field }, or with { $keep } to keep it as it is.
tg-question-now = Now:

# How a reply about a photo set names a photo: one sent alone, or one by its place in an album.
tg-this-photo = This photo
tg-photo-number = Photo { $number }
# In the hint for a photo sent with no photo set open: how a command takes that photo here.
tg-photo-hint-use = reply { $command } to it

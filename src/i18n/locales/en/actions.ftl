## Buttons under results (src/core/actions/entries.ts) and what /help says of them.

action-upscale-alt = { $mode ->
    [creative] Upscale (Creative)
   *[subtle] Upscale (Subtle)
}
# $factor is 2x or 4x.
action-upscale-factor = Upscale { $factor }
action-vary = { $mode ->
    [strong] Vary (Strong)
   *[subtle] Vary (Subtle)
}
action-zoom-out = Zoom Out { $factor }x
action-custom-zoom = Custom Zoom
action-make-square = Make Square
# After 🌱.
action-seed = Seed
# After 🎉.
action-imagine-all = Imagine all
action-upscale-done = Image #{ $index } is already upscaled: see above.
action-upscale-running = Image #{ $index } is being upscaled already.
action-seed-done = The seed of this image is above.
action-seed-running = Looking up the seed already.
error-unknown-button-prompt = That prompt is not part of this result any more. Start again with /describe or /shorten.
error-unknown-button-kind = That button belongs to another kind of result.

# /help buttons: each line is the buttons' names, then what they do.
action-help-upscale = upscale one image
action-help-reroll = again
action-help-variation = vary one image
action-help-upscale-alt-buttons = Upscale (Subtle/Creative)
action-help-upscale-alt = larger, refined
action-help-upscale-factor-buttons = Upscale 2x/4x
action-help-upscale-factor = larger
action-help-vary-buttons = Vary (Subtle/Strong)
action-help-vary = vary an upscale
action-help-zoom-out-buttons = Zoom Out 2x/1.5x
action-help-zoom-out = widen the scene
action-help-custom-zoom = widen by a factor you give
action-help-make-square = widen to a square
action-help-pan = extend that way
action-seed-button = 🌱 Seed
action-help-seed = show its seed
action-help-regenerate-buttons = 🔄 under AI photos
action-help-regenerate = new photos, same request
action-help-generate-again-buttons = 🔄 under /generate
action-help-generate-again = the same request again
action-help-full-size-buttons = ⬇️ 1–10 under /generate
action-help-full-size = that image at full resolution, as a file (free)
action-help-imagine-prompt-buttons = 1–5 or 🎉 Imagine all under prompts
action-help-imagine-prompt = imagine them

action-full-size-caption = Image { $index } of { $count }, full resolution
error-unknown-button-image = That image is not part of this result any more.

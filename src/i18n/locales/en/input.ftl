## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = Please give the { $option }.
input-invalid = That { $option } is not valid.
input-invalid-any = That input is not valid.

input-credits-page-whole = The page must be a whole number.
input-credits-page-min = Pages start at 1.

input-help-topic = Ask for help on { $values }, or nothing for the overview.

## Buttons: a payload is untrusted input.

input-button-unknown = This button is not one of mine.

## Prompts and images

input-prompt-too-long = That prompt is too long: keep it under { $maximum } characters.
input-list-and = and
input-list-empty = empty
input-imagine-prompt = Tell me what to imagine, e.g. /imagine a red fox in fresh snow
input-imagine-aspect-ratio = Aspect ratio must be one of { $values }.
input-imagine-images = Up to { $max } images can guide one prompt.
input-imagine-aspect-ratio-repeated = The aspect ratio is given { $count ->
    [2] twice
   *[other] { $count } times
} ({ $ratios }): give it once.
input-describe-image = Send /describe with an image: attach it, send it with /describe as its caption, or reply /describe to it.
input-describe-one-image = I describe one image at a time: send /describe with a single image.
input-faceswap-images = Face swap takes exactly two images: the picture to change, then a photo of the face to put in it. On Telegram, send both as one album with /faceswap as its caption (the picture first), or caption the face photo /faceswap and send it as a reply to the picture.
input-blend-dimension = Dimension must be { $dimensions } (or { $ratios }).
input-blend-images = Blend mixes { $min } to { $max } images, and I got { $got }. On Telegram, send them as one album with /blend as its caption, or reply /blend to a photo of an album.
input-shorten-prompt = Tell me the prompt to shorten, e.g. /shorten a very detailed portrait of an old fisherman, dramatic light
input-generate-prompt = Tell me what to generate, e.g. /generate a lighthouse at dawn, oil painting
input-generate-aspect-ratio = Aspect ratio must be one of { $values }.
input-generate-size = Size is width x height in pixels, each from { NUMBER($min, useGrouping: 0) } to { NUMBER($max, useGrouping: 0) }, e.g. 1536x1024.
input-generate-count = Count must be a whole number from 1 to { $max }.
input-generate-model = Model must be one of: { $values }.
input-generate-prompt-too-long = That prompt is too long: keep it within { $maximum } characters.
input-generate-negative-too-long = Keep what to avoid within { $maximum } characters.
input-generate-negative-empty = Say what to avoid after --neg, e.g. --neg blurry, text, watermark
input-generate-images = Up to { $max } reference images can guide one request, and I got { $got }.
input-generate-size-and-aspect = Give an aspect ratio or a size, not both: { $ratio } and { $size } ask for different images.
error-not-an-image = “{ $name }” is not an image. Attach a PNG, JPEG, WebP or GIF { $purpose ->
    [blend] to blend it
    [describe] to describe it
    [faceswap] for a face swap
    [reference] to use it as a reference image
    [image-prompt] to use it as an image prompt
   *[use] to use it
}.
error-file-too-large-for-service = “{ $name }” is larger than 2 MB, the most I can pass on to the image service; send a smaller image.
error-no-image-host = This bot can't pass images sent here on to the image service: it has nowhere to put them for the service to fetch. Send the command without images, or ask the bot operator to set PUBLIC_URL.

## Result buttons

input-action-zoom = The zoom factor must be a number more than 1 and at most 2, e.g. 1.5.
input-action-prompt = Give the prompt, or answer . to keep it.

## /admin

input-admin-amount-whole = Give the amount as a whole number of credits.
input-admin-amount-min = The amount must be at least 1.
input-admin-amount-max = The amount can be at most { $maximum }.
input-admin-cap = Give the daily limit per member as a number of credits, or off.
input-admin-cap-max = The daily limit can be at most { $maximum }.
input-access-user = Name the user, e.g. user:123456.

## /photos

input-photos-name-empty = Give the model a name.
input-photos-name-long = Model names can be up to 32 characters.
input-photos-name-characters = Model names may use letters, digits, spaces, - and _.
input-photos-subject = Who is in the photos? Say female or male, then their ethnicity ({ $ethnicities }) and, if you like, their age, e.g. { $example }.
input-photos-ethnicity = Ethnicity must be one of: { $values }.
input-photos-age-whole = Age must be a whole number, e.g. 30.
input-photos-age-adult = AI Photos are for adults: age must be 18 or more.
input-photos-age-max = Age must be at most 100.
input-photos-unparsed = I did not understand “{ $words }”. Say female or male, then their ethnicity and, if you like, their age, e.g. { $example }.
input-photos-attach = Attach at least one photo.
input-photos-too-many = Up to { $maximum } photos at a time.
input-photos-prompt = Describe the photo, e.g. /photos generate a portrait in a linen suit, golden hour
input-photos-aspect-ratio = Aspect ratio must be one of { $values }.
input-photos-count = Count must be 1 to 4.
input-photos-seed-whole = The seed must be a whole number.
input-photos-seed-min = The seed must be 0 or more.
input-photos-seed-max = The seed can be at most { $maximum }.

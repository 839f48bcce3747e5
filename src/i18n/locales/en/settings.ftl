## /settings: the panel, its controls and what it refuses.

settings-title = ⚙️ Your settings (for every chat where you use me here):
settings-aspect-ratio = • Aspect ratio: { $ratio }, used by /imagine when you give none
settings-aspect-ratio-none = • Aspect ratio: none (Midjourney’s 1:1), used by /imagine when you give none
settings-speed = • Speed: { $speed ->
    [turbo] turbo (faster, costs more credits)
   *[fast] fast
}
settings-remix = • Remix: { $remix ->
    [on] on — buttons ask for the prompt first
   *[off] off
}
settings-variation = • V1–V4: { $variation ->
    [subtle] subtle variations (the image is upscaled first, so they cost an upscale more)
   *[strong] strong variations
}
settings-suffix = • Suffix: { $suffix } (added to every prompt)
settings-suffix-none = • Suffix: none
settings-language = • Language: { $language }
settings-language-auto = • Language: automatic, now { $language } (your app’s language, if I speak it)
settings-group-language = • Language of this { $place ->
    [server] server
   *[group] group
}: { $language }, for members whose app language I do not speak
settings-group-language-auto = • Language of this { $place ->
    [server] server
   *[group] group
}: automatic
settings-aspect-ratio-placeholder = Default aspect ratio
settings-aspect-ratio-no-default = No default
settings-remix-button = 🎛️ Remix: { $remix ->
    [on] on
   *[off] off
}
settings-speed-button = ⚡ Speed: { $speed ->
    [turbo] turbo
   *[fast] fast
}
settings-variation-button = 🎨 V1–V4: { $variation ->
    [subtle] subtle
   *[strong] strong
}
settings-suffix-button = ✏️ Suffix
settings-suffix-clear-button = ✖️ No suffix
settings-language-placeholder = Language
settings-language-automatic = Automatic
settings-group-language-placeholder = Language of this { $place ->
    [server] server
   *[group] group
}
settings-suffix-question = Prompt suffix
settings-suffix-question-label = Added to every prompt, e.g. --v 7 --stylize 250
settings-not-yours = These are someone else’s settings: send /settings for yours.
settings-bad-aspect-ratio = Aspect ratio must be one of { $ratios }.
settings-bad-speed = Speed is fast or turbo.
settings-bad-remix = Remix is on or off.
settings-bad-variation = V1–V4 are strong or subtle.
settings-bad-suffix = Keep the suffix under { $max } characters.
settings-bad-language = That is not one of my languages.
settings-group-language-admins-only = Only admins of this server or group can set its language.

## Shared by both adapters: refusals combined in a busy group, files and images.

# A group's combined refusals: the headline of each kind, then who was refused and how many commands.
digest-insufficient-credits = ⛔ Not enough credits in this group's wallet for
digest-daily-cap = ⛔ Daily credit limit reached for
digest-rate-limited = ⛔ Too many commands at once from
digest-too-many-jobs = ⛔ Too many jobs running or waiting for
digest-too-many-group-jobs = ⛔ This group's jobs are at their limit for
digest-more = (+{ $count } more)
digest-summary = { $headline }: { $names }{ $more } — { $count ->
    [one] { $count } command
   *[other] { $count } commands
}, nothing charged.

error-image-gone = I could not fetch that image from the image service any more: its link may have expired.
error-file-too-large = “{ $name }” is larger than { $size } { $unit ->
    [mb] MB
   *[kb] KB
}; send a smaller file.
error-repeated-flag = --{ $flag } is given { $count ->
    [2] twice
   *[other] { $count } times
} ({ $shown }): give it once.
error-repeated-flag-and = { $first } and { $second }
error-repeated-flag-nothing = nothing

## What a command's options are told when they do not parse (core/command.ts parseInput, commands/*.ts schemas).

input-missing = Please give the { $option }.
input-invalid = That { $option } is not valid.
input-invalid-any = That input is not valid.

input-credits-page-whole = The page must be a whole number.
input-credits-page-min = Pages start at 1.

input-help-topic = Ask for help on { $values }, or nothing for the overview.

## Buttons: a payload is untrusted input.

input-button-unknown = This button is not one of mine.

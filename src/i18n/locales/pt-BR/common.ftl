## Amounts and times shared by several replies.

credits-amount = { $count ->
    [one] { $count } crédito
   *[other] { $count } créditos
}
credits-resets-at = renova às { $at } UTC

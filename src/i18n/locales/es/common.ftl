## Amounts and times shared by several replies.

credits-amount = { $count ->
    [one] { $count } crédito
   *[other] { $count } créditos
}
credits-resets-at = se renueva a las { $at } UTC

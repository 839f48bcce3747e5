## Amounts and times shared by several replies.

credits-amount = { $count ->
    [one] { $count } credit
   *[other] { $count } credits
}
credits-resets-at = resets at { $at } UTC

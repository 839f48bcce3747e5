## Amounts and times shared by several replies.

credits-amount = { $count ->
    [one] { $count } кредит
    [few] { $count } кредита
   *[many] { $count } кредитов
}
credits-resets-at = обновляется в { $at } UTC

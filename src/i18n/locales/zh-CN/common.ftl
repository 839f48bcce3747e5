## Amounts and times shared by several replies.

credits-amount = { $count } 积分
credits-resets-at = 于 UTC { $at } 重置

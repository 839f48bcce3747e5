## Discord: what the adapter says on its own.

dc-unknown-command = I don't know that command (any more). Type / to see what I can do.
dc-not-mine = This button is not one of mine.
dc-file-too-large = { $caption }: it is larger than Discord lets me upload here, so here is its link: { $url }

# In the hint for a photo sent with no photo set open: how a command takes that photo here.
dc-photo-hint-use = send { $command } with it attached

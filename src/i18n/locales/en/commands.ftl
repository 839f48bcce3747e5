## Command descriptions (src/core/command-text.ts names them). The English is the command specs' own
## (commands/*.ts), except the groups' lines, which have no spec.

cmd-photos = Photos: { $commands }
cmd-credits = Credits: { $commands }
cmd-admin = Admin: { $commands }

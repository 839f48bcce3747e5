/**
 * Numbered schema migrations: entry N (1-based) moves the schema from version N-1 to N.
 * Never edit a released entry; append a new one.
 */
export const migrations: readonly string[] = [
  // 1: tasks and the button actions that point at them
  `
  CREATE TABLE tasks (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL,
    endpoint            TEXT NOT NULL,
    request_json        TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'submitted', 'finished', 'failed')),
    provider_task_id    TEXT UNIQUE,
    parent_id           TEXT REFERENCES tasks(id),
    prompt              TEXT NOT NULL,
    label               TEXT NOT NULL,
    platform            TEXT NOT NULL,
    guild_id            TEXT,
    chat_id             TEXT NOT NULL,
    user_id             TEXT NOT NULL,
    user_name           TEXT NOT NULL,
    message_json        TEXT,
    progress            INTEGER NOT NULL DEFAULT 0,
    result_json         TEXT,
    error               TEXT,
    delivery            TEXT NOT NULL DEFAULT 'none' CHECK (delivery IN ('none', 'pending', 'sending', 'sent', 'gave_up')),
    delivery_attempts   INTEGER NOT NULL DEFAULT 0,
    next_delivery_at    INTEGER,
    result_message_json TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    submitted_at        INTEGER,
    finished_at         INTEGER,
    deadline_at         INTEGER NOT NULL
  );
  CREATE INDEX tasks_unfinished ON tasks(status, created_at) WHERE status IN ('pending', 'submitted');
  CREATE INDEX tasks_undelivered ON tasks(delivery) WHERE delivery IN ('pending', 'sending');
  CREATE INDEX tasks_parent ON tasks(parent_id, kind);

  CREATE TABLE actions (
    id           TEXT PRIMARY KEY,
    task_id      TEXT NOT NULL REFERENCES tasks(id),
    kind         TEXT NOT NULL,
    arg          TEXT,
    platform     TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    last_task_id TEXT
  );
  CREATE INDEX actions_task ON actions(task_id);
  `,
  // 2: wallets, the append-only ledger, and each task's charge
  `
  CREATE TABLE wallets (
    id               TEXT PRIMARY KEY,
    platform         TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('group', 'user')),
    balance          INTEGER NOT NULL CHECK (balance >= 0),
    member_daily_cap INTEGER CHECK (member_daily_cap IS NULL OR member_daily_cap >= 0),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
  );

  CREATE TABLE ledger (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    wallet_id TEXT NOT NULL REFERENCES wallets(id),
    user_id   TEXT,
    user_name TEXT,
    task_id   TEXT,
    kind      TEXT NOT NULL CHECK (kind IN ('grant', 'reserve', 'capture', 'refund', 'adjust')),
    amount    INTEGER NOT NULL,
    note      TEXT,
    at        INTEGER NOT NULL
  );
  CREATE INDEX ledger_wallet ON ledger(wallet_id, id);
  CREATE INDEX ledger_spender ON ledger(wallet_id, user_id, at);
  CREATE UNIQUE INDEX ledger_one_per_task_kind ON ledger(task_id, kind) WHERE task_id IS NOT NULL;

  -- The ledger is append-only: history cannot be edited or removed.
  CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
  CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;

  ALTER TABLE tasks ADD COLUMN wallet_id TEXT REFERENCES wallets(id);
  ALTER TABLE tasks ADD COLUMN cost INTEGER NOT NULL DEFAULT 0;
  `,
  // 3: AI Photos: a person's photo set, which becomes a trained model, and the collected files
  `
  CREATE TABLE photo_sets (
    id              TEXT PRIMARY KEY,
    platform        TEXT NOT NULL,
    chat_id         TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    user_name       TEXT NOT NULL,
    gender          TEXT NOT NULL,
    ethnicity       TEXT NOT NULL,
    age             INTEGER,
    status          TEXT NOT NULL CHECK (status IN ('collecting', 'preparing', 'training', 'ready', 'failed', 'deleted')),
    name            TEXT,
    prepare_task_id TEXT REFERENCES tasks(id),
    train_task_id   TEXT REFERENCES tasks(id),
    training_id     TEXT,
    trigger_word    TEXT,
    shared          INTEGER NOT NULL DEFAULT 0,
    train_attempts  INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX photo_sets_one_open ON photo_sets(platform, chat_id, user_id) WHERE status = 'collecting';
  CREATE UNIQUE INDEX photo_models_by_name ON photo_sets(platform, user_id, name) WHERE status IN ('preparing', 'training', 'ready');
  CREATE INDEX photo_sets_expiry ON photo_sets(status, expires_at);

  CREATE TABLE photo_files (
    set_id       TEXT NOT NULL REFERENCES photo_sets(id) ON DELETE CASCADE,
    sha256       TEXT NOT NULL,
    path         TEXT NOT NULL,
    bytes        INTEGER NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (set_id, sha256)
  );
  `,
  // 4: exactly-once across crashes: the submit lease, the delivery journal, the command a task or a
  // credit movement came from, and the inbox of platform updates not yet handled
  `
  ALTER TABLE tasks ADD COLUMN submit_lease_until INTEGER;
  ALTER TABLE tasks ADD COLUMN submit_owner TEXT;
  ALTER TABLE tasks ADD COLUMN submit_attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE tasks ADD COLUMN delivery_json TEXT;
  ALTER TABLE tasks ADD COLUMN origin TEXT;
  CREATE UNIQUE INDEX tasks_origin ON tasks(origin) WHERE origin IS NOT NULL;

  ALTER TABLE ledger ADD COLUMN origin TEXT;
  CREATE UNIQUE INDEX ledger_origin ON ledger(origin) WHERE origin IS NOT NULL;

  CREATE TABLE inbox (
    id          TEXT PRIMARY KEY,
    platform    TEXT NOT NULL,
    payload     TEXT,
    status      TEXT NOT NULL CHECK (status IN ('received', 'started', 'done')),
    owner       TEXT,
    received_at INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  CREATE INDEX inbox_open ON inbox(platform, status) WHERE status != 'done';
  CREATE INDEX inbox_done ON inbox(updated_at) WHERE status = 'done';
  `,
  // 5: a task's job as a typed value, and the catalog action (with its variant) that made it;
  // the Vary buttons get a catalog entry of their own
  `
  ALTER TABLE tasks ADD COLUMN job_json TEXT;
  ALTER TABLE tasks ADD COLUMN action_key TEXT;
  CREATE INDEX tasks_parent_action ON tasks(parent_id, action_key);
  UPDATE tasks SET action_key = 'upscale:' || json_extract(request_json, '$.index') WHERE endpoint = 'upscale-1x';
  UPDATE actions SET kind = 'vary' WHERE kind = 'variation' AND arg IN ('strong', 'subtle');
  `,
  // 6: each user's /settings, and the questions the bot asked on Telegram (a remix prompt, a zoom
  // factor) whose answer is a reply to them
  `
  CREATE TABLE user_settings (
    platform      TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (platform, user_id)
  );

  CREATE TABLE asks (
    platform    TEXT NOT NULL,
    chat_id     TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    question_json TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (platform, chat_id, message_id)
  );
  CREATE INDEX asks_age ON asks(created_at);
  `,
  // 7: providers are plugins: a task records which provider runs it (its id is unique per provider,
  // no longer across all), and the ids it waits on are parts (a generate of four images is four).
  // SQLite cannot drop a column's UNIQUE, so tasks is rebuilt (migrate() turns foreign keys off).
  `
  CREATE TABLE tasks_v7 (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL,
    endpoint            TEXT NOT NULL,
    request_json        TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'submitted', 'finished', 'failed')),
    provider            TEXT NOT NULL DEFAULT 'apiframe',
    provider_task_id    TEXT,
    parent_id           TEXT REFERENCES tasks(id),
    prompt              TEXT NOT NULL,
    label               TEXT NOT NULL,
    platform            TEXT NOT NULL,
    guild_id            TEXT,
    chat_id             TEXT NOT NULL,
    user_id             TEXT NOT NULL,
    user_name           TEXT NOT NULL,
    message_json        TEXT,
    progress            INTEGER NOT NULL DEFAULT 0,
    result_json         TEXT,
    error               TEXT,
    delivery            TEXT NOT NULL DEFAULT 'none' CHECK (delivery IN ('none', 'pending', 'sending', 'sent', 'gave_up')),
    delivery_attempts   INTEGER NOT NULL DEFAULT 0,
    next_delivery_at    INTEGER,
    result_message_json TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    submitted_at        INTEGER,
    finished_at         INTEGER,
    deadline_at         INTEGER NOT NULL,
    wallet_id           TEXT REFERENCES wallets(id),
    cost                INTEGER NOT NULL DEFAULT 0,
    submit_lease_until  INTEGER,
    submit_owner        TEXT,
    submit_attempts     INTEGER NOT NULL DEFAULT 0,
    delivery_json       TEXT,
    origin              TEXT,
    job_json            TEXT,
    action_key          TEXT,
    UNIQUE (provider, provider_task_id)
  );
  INSERT INTO tasks_v7 (id, kind, endpoint, request_json, status, provider_task_id, parent_id, prompt, label, platform, guild_id, chat_id,
    user_id, user_name, message_json, progress, result_json, error, delivery, delivery_attempts, next_delivery_at,
    result_message_json, created_at, updated_at, submitted_at, finished_at, deadline_at, wallet_id, cost,
    submit_lease_until, submit_owner, submit_attempts, delivery_json, origin, job_json, action_key)
    SELECT id, kind, endpoint, request_json, status, provider_task_id, parent_id, prompt, label, platform, guild_id, chat_id,
    user_id, user_name, message_json, progress, result_json, error, delivery, delivery_attempts, next_delivery_at,
    result_message_json, created_at, updated_at, submitted_at, finished_at, deadline_at, wallet_id, cost,
    submit_lease_until, submit_owner, submit_attempts, delivery_json, origin, job_json, action_key FROM tasks;
  DROP TABLE tasks;
  ALTER TABLE tasks_v7 RENAME TO tasks;
  CREATE INDEX tasks_unfinished ON tasks(status, created_at) WHERE status IN ('pending', 'submitted');
  CREATE INDEX tasks_undelivered ON tasks(delivery) WHERE delivery IN ('pending', 'sending');
  CREATE INDEX tasks_parent ON tasks(parent_id, kind);
  CREATE UNIQUE INDEX tasks_origin ON tasks(origin) WHERE origin IS NOT NULL;
  CREATE INDEX tasks_parent_action ON tasks(parent_id, action_key);

  CREATE TABLE task_parts (
    provider   TEXT NOT NULL,
    part_id    TEXT NOT NULL,
    task_id    TEXT NOT NULL REFERENCES tasks(id),
    state      TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'finished', 'failed')),
    result_json TEXT,
    error      TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (provider, part_id)
  );
  CREATE INDEX task_parts_task ON task_parts(task_id);
  INSERT INTO task_parts (provider, part_id, task_id, state, result_json, error, updated_at)
    SELECT provider, provider_task_id, id,
      CASE status WHEN 'finished' THEN 'finished' WHEN 'failed' THEN 'failed' ELSE 'waiting' END, result_json, error, updated_at
    FROM tasks WHERE provider_task_id IS NOT NULL;
  `,
  // 8: requests waiting for a choice (the model of a /generate that named none): the choice's button
  // carries the draft's id, and the pick continues the request without it being typed again
  `
  CREATE TABLE drafts (
    id          TEXT PRIMARY KEY,
    platform    TEXT NOT NULL,
    chat_id     TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    input_json  TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  );
  CREATE INDEX drafts_age ON drafts(created_at);
  `,
  // 9: several instances share the work through leases with an owner and an expiry (renewed while
  // the owner lives): a delivery in progress, an update being handled, and when a task is next
  // polled (claimed by one instance per interval)
  `
  ALTER TABLE tasks ADD COLUMN poll_due_at INTEGER;
  ALTER TABLE tasks ADD COLUMN delivery_owner TEXT;
  ALTER TABLE tasks ADD COLUMN delivery_lease_until INTEGER;
  CREATE INDEX tasks_poll_due ON tasks(provider, poll_due_at) WHERE status = 'submitted';
  CREATE INDEX tasks_deadline ON tasks(deadline_at) WHERE status IN ('pending', 'submitted');
  ALTER TABLE inbox ADD COLUMN lease_until INTEGER;
  `,
  // 10: files live in the database, not on one instance's disk, so every instance behind a load
  // balancer sees them: the reference images the bot hosts, and the bytes of collected AI photos
  // (NULL for a photo an older build kept at `path`)
  `
  CREATE TABLE hosted_files (
    name         TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    content      BLOB NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
  );
  CREATE INDEX hosted_files_expiry ON hosted_files(expires_at);

  ALTER TABLE photo_files ADD COLUMN content BLOB;
  `,
  // 11: allow and deny lists as operators change them at run time (/admin block, allow, …), and
  // when each refusal was last shown, so every instance refuses once and then stays quiet
  `
  CREATE TABLE access_entries (
    list       TEXT NOT NULL CHECK (list IN ('blocked_users', 'allowed_guilds', 'allowed_chats')),
    target     TEXT NOT NULL,
    listed     INTEGER NOT NULL CHECK (listed IN (0, 1)),
    changed_by TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (list, target)
  );
  CREATE TABLE access_refusals (
    key        TEXT PRIMARY KEY,
    refused_at INTEGER NOT NULL
  );
  `,
  // 12: each user's recent commands (USER_RATE_LIMIT's sliding window), in the database so every
  // instance counts the same ones
  `
  CREATE TABLE rate_windows (
    key        TEXT PRIMARY KEY,
    hits_json  TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX rate_windows_age ON rate_windows(updated_at);
  `,
  // 13: the queue: a task over its provider's concurrency waits (charged, not submitted) until a
  // slot frees; the provider is known from the start, and when each task took its slot orders the
  // round robin (who was served longest ago goes first)
  `
  ALTER TABLE tasks ADD COLUMN waiting_since INTEGER;
  ALTER TABLE tasks ADD COLUMN admitted_at INTEGER;
  UPDATE tasks SET admitted_at = COALESCE(submitted_at, created_at);
  CREATE INDEX tasks_waiting ON tasks(provider, created_at) WHERE waiting_since IS NOT NULL;
  CREATE INDEX tasks_slots ON tasks(provider) WHERE status IN ('pending', 'submitted') AND waiting_since IS NULL;
  CREATE INDEX tasks_served ON tasks(provider, platform, COALESCE(guild_id, chat_id), user_id, admitted_at);
  CREATE INDEX tasks_open_by_user ON tasks(platform, user_id) WHERE status IN ('pending', 'submitted');
  CREATE INDEX tasks_open_by_chat ON tasks(platform, chat_id) WHERE status IN ('pending', 'submitted');
  CREATE INDEX tasks_finished_by_provider ON tasks(provider, finished_at) WHERE status = 'finished';
  `,
  // 14: what each waiting task's message last showed of its place, so that of several instances
  // refreshing the line only the one that changed it edits the message
  `
  ALTER TABLE tasks ADD COLUMN line_text TEXT;
  `,
  // 15: each group's /settings (its language, set by a group admin): a Discord server or a
  // Telegram group, as users' settings are kept in user_settings
  `
  CREATE TABLE group_settings (
    platform      TEXT NOT NULL,
    group_id      TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (platform, group_id)
  );
  `,
  // 16: the language a task's messages are shown in (its command's), so that its progress, result
  // and failure, sent later and perhaps by another instance or after a restart, are in it too
  `
  ALTER TABLE tasks ADD COLUMN locale TEXT;
  `,
  // 17: adaptive polling: when a task was last read unfinished (a poll that finds it finished
  // places its end between the two reads, not at the second), and the recent run times of one kind
  // of job at a provider, found without walking the provider's other finished jobs
  `
  ALTER TABLE tasks ADD COLUMN polled_at INTEGER;
  CREATE INDEX tasks_finished_by_kind ON tasks(provider, kind, finished_at) WHERE status = 'finished';
  `,
  // 18: every query a sweep runs is a range of an index, in the order it reads (issue 14: no
  // stalls with 100,000 unfinished tasks): polls by when they are due (the old index could not
  // give COALESCE(poll_due_at, 0)'s order, so each sweep sorted every submitted task), deadlines
  // and stalled submits without the jobs waiting in the queue, deliveries page by page, and the
  // heartbeat's leases, a restart's interrupted deliveries and a group's open jobs found by index
  `
  DROP INDEX tasks_poll_due;
  CREATE INDEX tasks_poll_order ON tasks(provider, COALESCE(poll_due_at, 0), created_at) WHERE status = 'submitted';
  DROP INDEX tasks_deadline;
  CREATE INDEX tasks_due ON tasks(deadline_at) WHERE status IN ('pending', 'submitted') AND waiting_since IS NULL;
  CREATE INDEX tasks_unsubmitted ON tasks(created_at) WHERE status = 'pending' AND waiting_since IS NULL;
  CREATE INDEX tasks_deliverable ON tasks(COALESCE(finished_at, 0), id) WHERE delivery IN ('pending', 'sending');
  CREATE INDEX tasks_submit_owner ON tasks(submit_owner) WHERE status = 'pending';
  CREATE INDEX tasks_delivery_owner ON tasks(delivery_owner) WHERE delivery = 'sending';
  CREATE INDEX tasks_open_by_group ON tasks(platform, COALESCE(guild_id, chat_id)) WHERE status IN ('pending', 'submitted');
  `,
  // 19: the waiting line kept in order (issue 14: no stalls with 10,000 jobs waiting): per
  // provider, each group (a Discord server, else the chat) and each user in it with jobs waiting,
  // when it was last served and since when its oldest job waits, kept by triggers on tasks. The fair
  // order's next jobs and any job's place are then read from a few index ranges, not computed over
  // the whole line (see src/store/rows/fair-order.ts); and the sweeps' deadline and stalled-submit lists
  // read page by page after the last task seen
  `
  CREATE TABLE queue_groups (
    provider TEXT NOT NULL,
    platform TEXT NOT NULL,
    grp      TEXT NOT NULL,
    served   INTEGER NOT NULL,
    first_at INTEGER,
    waiting  INTEGER NOT NULL,
    PRIMARY KEY (provider, platform, grp)
  );
  CREATE INDEX queue_groups_turn ON queue_groups(provider, served, first_at, platform, grp) WHERE waiting > 0;
  CREATE TABLE queue_users (
    provider TEXT NOT NULL,
    platform TEXT NOT NULL,
    grp      TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    served   INTEGER NOT NULL,
    first_at INTEGER,
    waiting  INTEGER NOT NULL,
    PRIMARY KEY (provider, platform, grp, user_id)
  );
  CREATE INDEX queue_users_turn ON queue_users(provider, platform, grp, served, first_at, user_id) WHERE waiting > 0;
  CREATE INDEX tasks_waiting_by_group ON tasks(provider, platform, COALESCE(guild_id, chat_id), created_at) WHERE waiting_since IS NOT NULL;
  CREATE INDEX tasks_waiting_by_user ON tasks(provider, platform, COALESCE(guild_id, chat_id), user_id, created_at, id) WHERE waiting_since IS NOT NULL;
  -- A chat's jobs waiting on its board (no message of their own yet: MessageRef.unposted), counted without reading them.
  CREATE INDEX tasks_on_board ON tasks(provider, platform, chat_id, created_at) WHERE waiting_since IS NOT NULL AND message_json LIKE '%"unposted":true%';
  -- The sweeps' deadline and stalled-submit lists read page by page after the last task seen (its time, then id).
  DROP INDEX tasks_due;
  CREATE INDEX tasks_due ON tasks(deadline_at, id) WHERE status IN ('pending', 'submitted') AND waiting_since IS NULL;
  DROP INDEX tasks_unsubmitted;
  CREATE INDEX tasks_unsubmitted ON tasks(created_at, id) WHERE status = 'pending' AND waiting_since IS NULL;

  INSERT INTO queue_groups (provider, platform, grp, served, first_at, waiting)
    SELECT provider, platform, COALESCE(guild_id, chat_id), COALESCE(MAX(admitted_at), 0),
           MIN(CASE WHEN waiting_since IS NOT NULL THEN created_at END), COUNT(waiting_since)
    FROM tasks GROUP BY provider, platform, COALESCE(guild_id, chat_id);
  INSERT INTO queue_users (provider, platform, grp, user_id, served, first_at, waiting)
    SELECT provider, platform, COALESCE(guild_id, chat_id), user_id, COALESCE(MAX(admitted_at), 0),
           MIN(CASE WHEN waiting_since IS NOT NULL THEN created_at END), COUNT(waiting_since)
    FROM tasks GROUP BY provider, platform, COALESCE(guild_id, chat_id), user_id;

  -- Every task counts for when its group and user were last served; a waiting one for their line.
  CREATE TRIGGER tasks_queue_insert AFTER INSERT ON tasks
  BEGIN
    INSERT INTO queue_groups (provider, platform, grp, served, first_at, waiting)
      VALUES (NEW.provider, NEW.platform, COALESCE(NEW.guild_id, NEW.chat_id), COALESCE(NEW.admitted_at, 0),
              CASE WHEN NEW.waiting_since IS NOT NULL THEN NEW.created_at END, NEW.waiting_since IS NOT NULL)
      ON CONFLICT (provider, platform, grp) DO UPDATE SET
        served = MAX(served, excluded.served),
        first_at = COALESCE(MIN(first_at, excluded.first_at), first_at, excluded.first_at),
        waiting = waiting + excluded.waiting;
    INSERT INTO queue_users (provider, platform, grp, user_id, served, first_at, waiting)
      VALUES (NEW.provider, NEW.platform, COALESCE(NEW.guild_id, NEW.chat_id), NEW.user_id, COALESCE(NEW.admitted_at, 0),
              CASE WHEN NEW.waiting_since IS NOT NULL THEN NEW.created_at END, NEW.waiting_since IS NOT NULL)
      ON CONFLICT (provider, platform, grp, user_id) DO UPDATE SET
        served = MAX(served, excluded.served),
        first_at = COALESCE(MIN(first_at, excluded.first_at), first_at, excluded.first_at),
        waiting = waiting + excluded.waiting;
  END;
  -- The line's epoch, one per provider: a job joining it (here) or an admission (admitWaiting) moves
  -- it on, and a refresh of places read before the move records nothing (markLineShown), so it edits
  -- no message with places an instance sharing the store has already moved past.
  CREATE TABLE queue_epochs (provider TEXT PRIMARY KEY, epoch INTEGER NOT NULL);
  CREATE TRIGGER tasks_queue_joined AFTER INSERT ON tasks
  WHEN NEW.waiting_since IS NOT NULL AND NEW.provider IS NOT NULL
  BEGIN
    INSERT INTO queue_epochs (provider, epoch) VALUES (NEW.provider, 1) ON CONFLICT (provider) DO UPDATE SET epoch = epoch + 1;
  END;
  -- Admitted, cancelled or failed: one fewer waiting; the oldest still waiting is a seek.
  CREATE TRIGGER tasks_queue_leave AFTER UPDATE OF waiting_since ON tasks
  WHEN OLD.waiting_since IS NOT NULL AND NEW.waiting_since IS NULL
  BEGIN
    UPDATE queue_groups SET waiting = waiting - 1,
      first_at = (SELECT MIN(created_at) FROM tasks WHERE provider = OLD.provider AND platform = OLD.platform
                    AND COALESCE(guild_id, chat_id) = COALESCE(OLD.guild_id, OLD.chat_id) AND waiting_since IS NOT NULL)
    WHERE provider = OLD.provider AND platform = OLD.platform AND grp = COALESCE(OLD.guild_id, OLD.chat_id);
    UPDATE queue_users SET waiting = waiting - 1,
      first_at = (SELECT MIN(created_at) FROM tasks WHERE provider = OLD.provider AND platform = OLD.platform
                    AND COALESCE(guild_id, chat_id) = COALESCE(OLD.guild_id, OLD.chat_id) AND user_id = OLD.user_id AND waiting_since IS NOT NULL)
    WHERE provider = OLD.provider AND platform = OLD.platform AND grp = COALESCE(OLD.guild_id, OLD.chat_id) AND user_id = OLD.user_id;
  END;
  -- Served: its group and user go to the back of their ties.
  CREATE TRIGGER tasks_queue_served AFTER UPDATE OF admitted_at, provider ON tasks
  WHEN NEW.admitted_at IS NOT NULL
  BEGIN
    INSERT INTO queue_groups (provider, platform, grp, served, first_at, waiting)
      VALUES (NEW.provider, NEW.platform, COALESCE(NEW.guild_id, NEW.chat_id), NEW.admitted_at, NULL, 0)
      ON CONFLICT (provider, platform, grp) DO UPDATE SET served = MAX(served, excluded.served);
    INSERT INTO queue_users (provider, platform, grp, user_id, served, first_at, waiting)
      VALUES (NEW.provider, NEW.platform, COALESCE(NEW.guild_id, NEW.chat_id), NEW.user_id, NEW.admitted_at, NULL, 0)
      ON CONFLICT (provider, platform, grp, user_id) DO UPDATE SET served = MAX(served, excluded.served);
  END;
  -- Sent to another service than it was written for (its provider unknown until the submit): it no
  -- longer counts as served at the first (rare, so the latest admission left there is looked up).
  CREATE TRIGGER tasks_queue_moved AFTER UPDATE OF provider ON tasks
  WHEN OLD.provider IS NOT NEW.provider
  BEGIN
    UPDATE queue_groups SET served = (SELECT COALESCE(MAX(admitted_at), 0) FROM tasks WHERE provider = OLD.provider AND platform = OLD.platform
                                        AND COALESCE(guild_id, chat_id) = COALESCE(OLD.guild_id, OLD.chat_id))
    WHERE provider = OLD.provider AND platform = OLD.platform AND grp = COALESCE(OLD.guild_id, OLD.chat_id);
    UPDATE queue_users SET served = (SELECT COALESCE(MAX(admitted_at), 0) FROM tasks WHERE provider = OLD.provider AND platform = OLD.platform
                                       AND COALESCE(guild_id, chat_id) = COALESCE(OLD.guild_id, OLD.chat_id) AND user_id = OLD.user_id)
    WHERE provider = OLD.provider AND platform = OLD.platform AND grp = COALESCE(OLD.guild_id, OLD.chat_id) AND user_id = OLD.user_id;
  END;
  `,
];

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
];

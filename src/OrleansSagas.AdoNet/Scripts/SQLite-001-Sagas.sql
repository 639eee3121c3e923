-- OrleansSagas schema 1 for SQLite.
-- Times are UTC ticks (100 ns units since 0001-01-01T00:00:00Z) in INTEGER columns: exact and cheap to compare.
-- JSON documents (inputs, outputs, events, summaries) are TEXT.

CREATE TABLE sagas (
    id                 TEXT    NOT NULL PRIMARY KEY,
    definition         TEXT    NOT NULL,
    definition_version INTEGER NOT NULL,
    partition_id       INTEGER NOT NULL,
    status             TEXT    NOT NULL,
    input              TEXT    NOT NULL,
    output             TEXT    NULL,
    error              TEXT    NULL,
    version            INTEGER NOT NULL,
    parent_id          TEXT    NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    summary            TEXT    NULL
);

CREATE INDEX sagas_status_id ON sagas (status, id);
CREATE INDEX sagas_definition_id ON sagas (definition, id);
-- Recovery scans only the running sagas of the partitions a node takes over.
CREATE INDEX sagas_running_partition_id ON sagas (partition_id, id) WHERE status = 'Running';

CREATE TABLE saga_events (
    saga_id     TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    event_type  TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    PRIMARY KEY (saga_id, seq)
) WITHOUT ROWID;

CREATE TABLE saga_timers (
    saga_id      TEXT    NOT NULL,
    timer_id     TEXT    NOT NULL,
    due_at       INTEGER NOT NULL,
    partition_id INTEGER NOT NULL,
    PRIMARY KEY (saga_id, timer_id)
) WITHOUT ROWID;

CREATE INDEX saga_timers_due_at ON saga_timers (due_at);

-- available_at is when a task may be leased next: its visible_at, then the expiry of its latest lease.
CREATE TABLE saga_tasks (
    seq          INTEGER NOT NULL PRIMARY KEY,
    task_id      TEXT    NOT NULL UNIQUE,
    queue        TEXT    NOT NULL,
    saga_id      TEXT    NOT NULL,
    node         TEXT    NOT NULL,
    attempt      INTEGER NOT NULL,
    payload      TEXT    NOT NULL,
    visible_at   INTEGER NOT NULL,
    available_at INTEGER NOT NULL,
    lease_token  TEXT    NULL,
    deliveries   INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX saga_tasks_queue_available ON saga_tasks (queue, available_at, seq);

CREATE TABLE saga_definitions (
    name       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (name, version)
) WITHOUT ROWID;

CREATE TABLE saga_members (
    node           TEXT    NOT NULL PRIMARY KEY,
    address        TEXT    NOT NULL,
    started_at     INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    last_heartbeat INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE saga_leases (
    partition_id INTEGER NOT NULL PRIMARY KEY,
    owner        TEXT    NULL,
    epoch        INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);

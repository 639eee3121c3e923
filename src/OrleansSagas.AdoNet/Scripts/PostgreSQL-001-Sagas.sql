-- OrleansSagas schema 1 for PostgreSQL.
-- Times are timestamptz (UTC, microsecond precision). JSON documents are text: stored as written, never re-ordered.
-- Identifiers use the "C" collation so ordering (paging cursors) is by code point whatever the database locale.

CREATE TABLE sagas (
    id                 text COLLATE "C" NOT NULL PRIMARY KEY,
    definition         text COLLATE "C" NOT NULL,
    definition_version integer     NOT NULL,
    partition_id       integer     NOT NULL,
    status             text        NOT NULL,
    input              text        NOT NULL,
    output             text        NULL,
    error              text        NULL,
    version            bigint      NOT NULL,
    parent_id          text COLLATE "C" NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    summary            text        NULL
);

CREATE INDEX sagas_status_id ON sagas (status, id);
CREATE INDEX sagas_definition_id ON sagas (definition, id);
-- Recovery scans only the running sagas of the partitions a node takes over.
CREATE INDEX sagas_running_partition_id ON sagas (partition_id, id) WHERE status = 'Running';

CREATE TABLE saga_events (
    saga_id     text COLLATE "C" NOT NULL,
    seq         bigint      NOT NULL,
    event_type  text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    data        text        NOT NULL,
    PRIMARY KEY (saga_id, seq)
);

CREATE TABLE saga_timers (
    saga_id      text COLLATE "C" NOT NULL,
    timer_id     text COLLATE "C" NOT NULL,
    due_at       timestamptz NOT NULL,
    partition_id integer     NOT NULL,
    PRIMARY KEY (saga_id, timer_id)
);

CREATE INDEX saga_timers_due_at ON saga_timers (due_at);

-- available_at is when a task may be leased next: its visible_at, then the expiry of its latest lease.
CREATE TABLE saga_tasks (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id      text COLLATE "C" NOT NULL UNIQUE,
    queue        text COLLATE "C" NOT NULL,
    saga_id      text COLLATE "C" NOT NULL,
    node         text        NOT NULL,
    attempt      integer     NOT NULL,
    payload      text        NOT NULL,
    visible_at   timestamptz NOT NULL,
    available_at timestamptz NOT NULL,
    lease_token  text        NULL,
    deliveries   integer     NOT NULL DEFAULT 0
);

CREATE INDEX saga_tasks_queue_available ON saga_tasks (queue, available_at, seq);

CREATE TABLE saga_definitions (
    name       text COLLATE "C" NOT NULL,
    version    integer     NOT NULL,
    kind       text        NOT NULL,
    content    text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE saga_members (
    node           text COLLATE "C" NOT NULL PRIMARY KEY,
    address        text        NOT NULL,
    started_at     timestamptz NOT NULL,
    status         text        NOT NULL,
    last_heartbeat timestamptz NOT NULL
);

CREATE TABLE saga_leases (
    partition_id integer     NOT NULL PRIMARY KEY,
    owner        text        NULL,
    epoch        bigint      NOT NULL,
    expires_at   timestamptz NOT NULL
);

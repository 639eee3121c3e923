-- OrleansSagas schema 2 for SQLite: saga state moves to Orleans grain storage and reminders; `sagas` stays as the
-- catalog (one row per saga, written in batches) and `saga_events` as the history. Partition leases, membership,
-- the timer index and the task queue are served by Orleans now.
DROP TABLE IF EXISTS saga_timers;
DROP TABLE IF EXISTS saga_tasks;
DROP TABLE IF EXISTS saga_members;
DROP TABLE IF EXISTS saga_leases;
DROP INDEX IF EXISTS sagas_running_partition_id;
-- Recovery after a silo dies wakes the running sagas, paging by id.
CREATE INDEX sagas_running_id ON sagas (id) WHERE status = 'Running';

-- Orleans grain storage (Microsoft.Orleans.Persistence.AdoNet, invariant Npgsql) for OrleansSagas on PostgreSQL.
--
-- The provider reads its queries from OrleansQuery at start-up (WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and,
-- for DeleteStateOnClear, DeleteStorageKey), binds @GrainIdHash, @GrainTypeHash (integer), @GrainIdN0, @GrainIdN1 (bigint),
-- @GrainTypeString, @GrainIdExtensionString (text, NULL when the key has no extension), @ServiceId (text),
-- @GrainStateVersion (integer, NULL before the first write) and @PayloadBinary (bytea), and reads back the columns
-- PayloadBinary and Version (read) or NewGrainStateVersion (write; first column for clear and delete).
-- A write or clear that returns no row, or returns the version the grain sent, is an ETag conflict: the provider throws
-- InconsistentStateException.
--
-- Every query is one statement, one round trip: no functions, no temporary tables.

CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- One row per grain state. A grain is identified exactly by (type, N0, N1, extension, service); the two hashes computed by
-- the provider lead the key so the index stays selective. "GrainIdExtensionString IS NULL" is part of the key so a key
-- without an extension and a key with an empty extension stay distinct (and ON CONFLICT can name the key on any version
-- from 9.5, without NULLS NOT DISTINCT).
CREATE TABLE OrleansStorage
(
    GrainIdHash            integer     NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text        NULL,
    ServiceId              text        NOT NULL,
    PayloadBinary          bytea       NULL,
    ModifiedOn             timestamptz NOT NULL,
    Version                integer     NOT NULL
);

CREATE UNIQUE INDEX OrleansStorage_Key ON OrleansStorage
(
    GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
    (GrainIdExtensionString IS NULL), COALESCE(GrainIdExtensionString, ''), ServiceId
);

-- Write: one statement, two exclusive branches chosen by whether the grain sent an ETag.
--   an ETag   -> UPDATE of the row at that version: version + 1, returned; a stale ETag or a missing row updates nothing
--                and returns no row (conflict). Racing writers with one ETag queue on the row lock; the later ones find
--                the version moved on and return nothing.
--   no ETag   -> INSERT at version 1, returned; if the row exists (or a racing first write inserts it first), DO NOTHING
--                returns no row (conflict).
-- An INSERT ... ON CONFLICT DO UPDATE ... WHERE Version = @GrainStateVersion upsert measured the same; this form also never
-- creates again a row deleted (DeleteStateOnClear) under a grain that still holds an ETag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
WITH updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
      AND (GrainIdExtensionString IS NULL) = (@GrainIdExtensionString IS NULL)
      AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version),
inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
                 (GrainIdExtensionString IS NULL), COALESCE(GrainIdExtensionString, ''''), ServiceId)
    DO NOTHING
    RETURNING Version)
SELECT Version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT Version FROM inserted;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
  AND (GrainIdExtensionString IS NULL) = (@GrainIdExtensionString IS NULL)
  AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
  AND ServiceId = @ServiceId;
');

-- Clear keeps the row (payload NULL, version + 1) so the version sequence, and with it the ETag check, survives.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
  AND (GrainIdExtensionString IS NULL) = (@GrainIdExtensionString IS NULL)
  AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
');

-- Used only with AdoNetGrainStorageOptions.DeleteStateOnClear: removes the row; returns the deleted version + 1 as the provider expects.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
  AND (GrainIdExtensionString IS NULL) = (@GrainIdExtensionString IS NULL)
  AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
');

-- Orleans grain storage (Microsoft.Orleans.Persistence.AdoNet, invariant System.Data.SQLite) for OrleansSagas on SQLite.
--
-- The provider reads its queries from OrleansQuery at start-up (WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and,
-- for DeleteStateOnClear, DeleteStorageKey), binds @GrainIdHash, @GrainTypeHash (INTEGER), @GrainIdN0, @GrainIdN1 (INTEGER),
-- @GrainTypeString, @GrainIdExtensionString (TEXT, NULL when the key has no extension), @ServiceId (TEXT),
-- @GrainStateVersion (INTEGER, NULL before the first write) and @PayloadBinary (BLOB), and reads back the columns
-- PayloadBinary and Version (read) or NewGrainStateVersion (write; first column for clear and delete).
-- A write or clear that returns no row, or returns the version the grain sent, is an ETag conflict: the provider throws
-- InconsistentStateException.
--
-- Every statement below is a single statement, so it runs as one implicit transaction that takes the write lock up front
-- (SQLite serializes writers; busy_timeout makes waiting writers queue instead of failing). The file is switched to WAL
-- (persistent) by the migration runner before this script runs: journal_mode cannot change inside the migration transaction.

CREATE TABLE OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per grain state. A grain is identified exactly by (type, N0, N1, extension, service); the two hashes computed by
-- the provider lead the key so the index stays selective. "GrainIdExtensionString IS NULL" is part of the key so a key
-- without an extension and a key with an empty extension stay distinct.
CREATE TABLE OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NOT NULL
);

CREATE UNIQUE INDEX OrleansStorage_Key ON OrleansStorage
(
    GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
    GrainIdExtensionString IS NULL, ifnull(GrainIdExtensionString, ''), ServiceId
);

-- Write: one upsert.
--   no row, no ETag          -> inserted with version 1, returns 1
--   row, ETag = its version  -> updated, version + 1, returns it
--   row, other or no ETag    -> the WHERE of DO UPDATE fails: no row returned (conflict)
--   no row, an ETag          -> the SELECT yields nothing (the state was deleted under the grain): no row (conflict)
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT INTO OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
SELECT @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary,
       strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
WHERE @GrainStateVersion IS NULL
   OR EXISTS (SELECT 1 FROM OrleansStorage
              WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
                AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
                AND (GrainIdExtensionString IS NULL) = (@GrainIdExtensionString IS NULL)
                AND ifnull(GrainIdExtensionString, '''') = ifnull(@GrainIdExtensionString, '''')
                AND ServiceId = @ServiceId)
ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
             GrainIdExtensionString IS NULL, ifnull(GrainIdExtensionString, ''''), ServiceId)
DO UPDATE SET PayloadBinary = excluded.PayloadBinary, ModifiedOn = excluded.ModifiedOn, Version = OrleansStorage.Version + 1
    WHERE OrleansStorage.Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
  AND (GrainIdExtensionString IS NULL) = (@GrainIdExtensionString IS NULL)
  AND ifnull(GrainIdExtensionString, '''') = ifnull(@GrainIdExtensionString, '''')
  AND ServiceId = @ServiceId;
');

-- Clear keeps the row (payload NULL, version + 1) so the version sequence, and with it the ETag check, survives.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
  AND (GrainIdExtensionString IS NULL) = (@GrainIdExtensionString IS NULL)
  AND ifnull(GrainIdExtensionString, '''') = ifnull(@GrainIdExtensionString, '''')
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
  AND ifnull(GrainIdExtensionString, '''') = ifnull(@GrainIdExtensionString, '''')
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
');

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

-- Write: one upsert.
--   no row, no ETag          -> inserted with version 1, returns 1
--   row, ETag = its version  -> updated, version + 1, returns it
--   row, other or no ETag    -> the WHERE of DO UPDATE fails: no row returned (conflict); two first writes racing end here too,
--                               the loser waiting for the insert of the winner to commit
--   no row, an ETag          -> the SELECT yields nothing (the state was deleted under the grain): no row (conflict)
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT INTO OrleansStorage AS s
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
SELECT @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary,
       now(), 1
WHERE @GrainStateVersion IS NULL
   OR EXISTS (SELECT 1 FROM OrleansStorage e
              WHERE e.GrainIdHash = @GrainIdHash AND e.GrainTypeHash = @GrainTypeHash
                AND e.GrainIdN0 = @GrainIdN0 AND e.GrainIdN1 = @GrainIdN1 AND e.GrainTypeString = @GrainTypeString
                AND (e.GrainIdExtensionString IS NULL) = (@GrainIdExtensionString IS NULL)
                AND COALESCE(e.GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
                AND e.ServiceId = @ServiceId)
ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
             (GrainIdExtensionString IS NULL), COALESCE(GrainIdExtensionString, ''''), ServiceId)
DO UPDATE SET PayloadBinary = excluded.PayloadBinary, ModifiedOn = excluded.ModifiedOn, Version = s.Version + 1
    WHERE s.Version = @GrainStateVersion
RETURNING s.Version AS NewGrainStateVersion;
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

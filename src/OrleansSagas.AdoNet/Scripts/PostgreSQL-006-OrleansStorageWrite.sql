-- Grain-state write, cheaper for the common case: a saga writes its state once per decision, and every write but the
-- first names the version it read (the ETag). Such a write is now a plain UPDATE of that version, one index lookup, instead
-- of an INSERT ... SELECT WHERE EXISTS ... ON CONFLICT DO UPDATE (an existence probe, a speculative-insertion probe and the
-- update). The semantics are those of PostgreSQL-003:
--   no row, no ETag          -> inserted with version 1, returns 1
--   row, ETag = its version  -> updated, version + 1, returns it
--   row, other ETag          -> the UPDATE matches nothing: no row returned (conflict); two writes of the same version
--                               racing end here too, the second re-checking the version once the first committed
--   row, no ETag             -> the INSERT conflicts and does nothing: no row (conflict); two first writes racing end here
--                               too, the loser waiting for the insert of the winner to commit
--   no row, an ETag          -> the UPDATE matches nothing: no row (conflict)
-- Still one statement, one round trip.
UPDATE OrleansQuery SET QueryText = '
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
    RETURNING Version
), inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary,
           now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
                 (GrainIdExtensionString IS NULL), COALESCE(GrainIdExtensionString, ''''), ServiceId)
    DO NOTHING
    RETURNING Version
)
SELECT Version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT Version FROM inserted;
'
WHERE QueryKey = 'WriteToStorageKey';

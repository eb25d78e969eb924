-- The log is written far more often than it is queried: keep each record's value as its JSON
-- text (cast with ::jsonb when querying) so that appending does not pay for parsing into jsonb.
ALTER TABLE engine_record ALTER COLUMN value TYPE TEXT;

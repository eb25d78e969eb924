-- When a linked sighting's message reached the engine: a sighting stored while the engine was
-- unreachable is published again until it did. Earlier sightings were published when received.
ALTER TABLE discovery_report ADD COLUMN joined_at timestamptz;
UPDATE discovery_report SET joined_at = received_at WHERE linked_to IS NOT NULL;

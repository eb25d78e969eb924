-- Discovery reports (发现报告) from the public report page and partner hotlines. A report that looks
-- like the same person near the same place within the linking window points at the first one
-- (linked_to) instead of starting its own process. Photos and the reporter's phone are personal
-- data: only staff pages read them.
CREATE SEQUENCE discovery_report_number;

CREATE TABLE discovery_report (
  id                   bigint PRIMARY KEY,
  reference            text NOT NULL UNIQUE,
  source               text NOT NULL,
  reported_by          text,
  received_at          timestamptz NOT NULL,
  seen_at              timestamptz NOT NULL,
  latitude             double precision NOT NULL,
  longitude            double precision NOT NULL,
  location_text        text NOT NULL,
  area_code            text,
  area_name            text,
  description          text NOT NULL,
  sex                  text NOT NULL,
  age_group            text NOT NULL,
  needs_medical_care   boolean NOT NULL,
  reporter_phone       text,
  photo                bytea,
  photo_type           text,
  linked_to            bigint REFERENCES discovery_report (id),
  station_id           text NOT NULL,
  process_instance_key bigint,
  status               text NOT NULL,
  team_id              text,
  dispatched_at        timestamptz,
  arrived_at           timestamptz,
  outcome              text,
  closed_at            timestamptz
);

-- the linking rule looks among the open first reports of the last hours
CREATE INDEX discovery_report_open_first ON discovery_report (seen_at) WHERE linked_to IS NULL AND closed_at IS NULL;
CREATE INDEX discovery_report_linked ON discovery_report (linked_to) WHERE linked_to IS NOT NULL;
-- reports whose process could not be started yet (engine unreachable): retried
CREATE INDEX discovery_report_unstarted ON discovery_report (id) WHERE linked_to IS NULL AND process_instance_key IS NULL;

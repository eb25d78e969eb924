-- Street patrol (街面巡查): named patrol areas with their checkpoints, the station head's plans (which
-- team patrols the area when), the rounds (planned, or extra on a weather alert) with the process
-- instance each runs as, and the persons a team found on a round.
CREATE TABLE patrol_area (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  station_id  text NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX patrol_area_name ON patrol_area (station_id, name);

CREATE TABLE patrol_checkpoint (
  area_id    text NOT NULL REFERENCES patrol_area (id) ON DELETE CASCADE,
  position   int NOT NULL,
  name       text NOT NULL,
  latitude   double precision NOT NULL,
  longitude  double precision NOT NULL,
  PRIMARY KEY (area_id, position)
);

-- start_time is a wall-clock time in the region's zone (relief.patrol.zone); days are ISO days of
-- the week (1 = Monday)
CREATE TABLE patrol_plan (
  id          bigserial PRIMARY KEY,
  area_id     text NOT NULL REFERENCES patrol_area (id) ON DELETE CASCADE,
  team_id     text NOT NULL,
  start_time  time NOT NULL,
  days        smallint[] NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL
);

-- kind PLANNED (from a plan; one round per plan and due time), EXTRA (added by a station head),
-- COLD_WAVE / HEAT (weather alerts: the signal starts the process, whose key is found by the round's id)
CREATE TABLE patrol_round (
  id                    bigserial PRIMARY KEY,
  kind                  text NOT NULL,
  area_id               text NOT NULL REFERENCES patrol_area (id),
  station_id            text NOT NULL,
  plan_id               bigint REFERENCES patrol_plan (id) ON DELETE SET NULL,
  team_id               text,
  due_at                timestamptz NOT NULL,
  process_instance_key  bigint,
  created_by            text NOT NULL,
  started_by            text,
  started_at            timestamptz,
  finished_by           text,
  finished_at           timestamptz,
  UNIQUE (plan_id, due_at)
);
CREATE INDEX patrol_round_open ON patrol_round (station_id, due_at) WHERE finished_at IS NULL;

CREATE TABLE patrol_finding (
  id                  bigserial PRIMARY KEY,
  round_id            bigint NOT NULL REFERENCES patrol_round (id),
  username            text NOT NULL,
  latitude            double precision,
  longitude           double precision,
  location_text       text NOT NULL,
  description         text NOT NULL,
  sex                 text NOT NULL,
  age_group           text NOT NULL,
  accepts_help        boolean NOT NULL,
  is_minor            boolean NOT NULL,
  needs_medical_care  boolean NOT NULL,
  advice_given        text,
  at                  timestamptz NOT NULL
);
CREATE INDEX patrol_finding_round ON patrol_finding (round_id, id);

-- a check-in made while the team had a round running counts for that round's checkpoints
ALTER TABLE patrol_checkin ADD COLUMN round_id bigint REFERENCES patrol_round (id);

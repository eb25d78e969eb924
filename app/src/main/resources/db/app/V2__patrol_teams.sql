-- Patrol teams (巡查队) for the dispatch board: where each is (from its members' phones), whether it is
-- free, and who is in it. A report's team, dispatch, arrival and outcome are on discovery_report.
CREATE TABLE patrol_team (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  station_id  text NOT NULL,
  members     text[] NOT NULL DEFAULT '{}',
  status      text NOT NULL DEFAULT 'FREE',
  latitude    double precision,
  longitude   double precision,
  position_at timestamptz
);

-- a report dispatched to a team that no longer exists keeps its id: no foreign key on purpose
CREATE INDEX discovery_report_team ON discovery_report (team_id) WHERE closed_at IS NULL;

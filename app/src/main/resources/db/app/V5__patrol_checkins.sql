-- Check-ins (巡查打卡) of patrol teams on their rounds: who, where, when, with a note.
CREATE TABLE patrol_checkin (
  id         bigserial PRIMARY KEY,
  team_id    text NOT NULL,
  username   text NOT NULL,
  latitude   double precision NOT NULL,
  longitude  double precision NOT NULL,
  note       text,
  at         timestamptz NOT NULL
);
CREATE INDEX patrol_checkin_team ON patrol_checkin (team_id, at DESC);

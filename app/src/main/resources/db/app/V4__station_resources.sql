-- Regional pooling of resources (区域资源统筹): each station's beds, staff on duty and vehicles, and
-- what it can care for, kept up to date by the station; the regional centre sees all stations, and
-- the placement decision (placement.dmn) proposes a station with room when one is full or lacks a
-- capability.
CREATE TABLE station_resource (
  station_id          text PRIMARY KEY,
  name                text NOT NULL,
  latitude            double precision NOT NULL,
  longitude           double precision NOT NULL,
  beds_total          integer NOT NULL CHECK (beds_total >= 0),
  beds_occupied       integer NOT NULL CHECK (beds_occupied >= 0),
  staff_on_duty       integer NOT NULL CHECK (staff_on_duty >= 0),
  vehicles_available  integer NOT NULL CHECK (vehicles_available >= 0),
  medical_care        boolean NOT NULL,
  minors_quarters     boolean NOT NULL,
  shelter             boolean NOT NULL,
  updated_by          text,
  updated_at          timestamptz NOT NULL
);

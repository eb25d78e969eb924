-- The key-persons database (关键人员数据库): people at known risk of wandering or getting lost,
-- registered with their guardian's consent, so that a new intake can be recognised. Every match a
-- caseworker confirms or rejects is kept with who decided and when: a match is never applied silently.
CREATE TABLE key_person (
  id                bigserial PRIMARY KEY,
  name              text NOT NULL,
  id_number         text,
  sex               text NOT NULL,
  birth_year        integer,
  risk              text NOT NULL,
  features          text,
  home_area         text,
  guardian_name     text NOT NULL,
  guardian_relation text NOT NULL,
  guardian_phone    text NOT NULL,
  consent_date      date NOT NULL,
  station_id        text NOT NULL,
  registered_by     text NOT NULL,
  registered_at     timestamptz NOT NULL,
  returns           integer NOT NULL DEFAULT 0
);
CREATE INDEX key_person_id_number ON key_person (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX key_person_name ON key_person (name);

CREATE TABLE key_person_match (
  case_instance_key bigint NOT NULL,
  key_person_id     bigint NOT NULL REFERENCES key_person (id),
  decision          text NOT NULL,
  decided_by        text NOT NULL,
  decided_at        timestamptz NOT NULL,
  PRIMARY KEY (case_instance_key, key_person_id)
);

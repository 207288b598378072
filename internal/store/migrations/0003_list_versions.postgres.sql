-- Sanctions list versions: every version loaded is kept with its entities,
-- so that versions can be compared and the last good one stays in service.
CREATE TABLE list_versions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source     TEXT NOT NULL,
    hash       TEXT NOT NULL,
    published  TIMESTAMPTZ,
    entities   BIGINT NOT NULL,
    issues     BIGINT NOT NULL,
    files      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('active', 'held', 'superseded')),
    reason     TEXT NOT NULL,
    loaded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX list_versions_source ON list_versions (source, id);
CREATE UNIQUE INDEX list_versions_one_active ON list_versions (source) WHERE status = 'active';

CREATE TABLE list_entities (
    version_id BIGINT NOT NULL REFERENCES list_versions (id),
    source_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    digest     TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (version_id, source_id)
);

-- Screening hits raised against stored parties when lists change.
CREATE TABLE screening_hits (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organisations (id),
    party       TEXT NOT NULL,
    source      TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    listed_name TEXT NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    version     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'cleared', 'confirmed')),
    raised_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX screening_hits_once ON screening_hits (org_id, party, source, source_id);

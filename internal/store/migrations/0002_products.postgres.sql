-- The exporters' product registry: products, their classification history
-- (the newest row is the current one) and the re-classification tasks that
-- a control-list change opens.
CREATE TABLE products (
    id          TEXT PRIMARY KEY, -- random "prd_…": identifiers cannot be guessed
    org_id      BIGINT NOT NULL REFERENCES organisations (id),
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    parameters  TEXT NOT NULL DEFAULT '{}', -- JSON object: technical parameter name → value
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX products_org ON products (org_id);

CREATE TABLE classifications (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id         TEXT NOT NULL REFERENCES products (id),
    code               TEXT NOT NULL, -- an entry code or 'not-listed'
    list_version       TEXT NOT NULL,
    rationale          TEXT NOT NULL,
    classifier         TEXT NOT NULL,
    classified_at      TIMESTAMPTZ NOT NULL,
    cyber_surveillance BOOLEAN NOT NULL,
    -- The Art. 2(20) assessment, for 'not-listed' only (assessor '' otherwise).
    specially_designed        BOOLEAN NOT NULL DEFAULT FALSE,
    specially_designed_reason TEXT NOT NULL DEFAULT '',
    covert                    BOOLEAN NOT NULL DEFAULT FALSE,
    covert_reason             TEXT NOT NULL DEFAULT '',
    natural_persons           BOOLEAN NOT NULL DEFAULT FALSE,
    natural_persons_reason    TEXT NOT NULL DEFAULT '',
    ict_data                  BOOLEAN NOT NULL DEFAULT FALSE,
    ict_data_reason           TEXT NOT NULL DEFAULT '',
    assessor                  TEXT NOT NULL DEFAULT '',
    CHECK ((code = 'not-listed') = (assessor <> ''))
);
CREATE INDEX classifications_product ON classifications (product_id, id);

CREATE TABLE reclassification_tasks (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id   TEXT NOT NULL REFERENCES products (id),
    code         TEXT NOT NULL, -- the product's code in the old version
    old_version  TEXT NOT NULL,
    new_version  TEXT NOT NULL,
    changed_code TEXT NOT NULL, -- the entry that changed: the code, an enclosing entry or a sub-item
    reason       TEXT NOT NULL CHECK (reason IN ('changed', 'removed')),
    text_diff    TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    closed_at    TIMESTAMPTZ,
    closed_by    TEXT NOT NULL DEFAULT '',
    UNIQUE (product_id, new_version)
);

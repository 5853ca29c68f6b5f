-- API keys. Only a SHA-256 hash of each secret is kept, with its first characters to recognise it by in lists.
-- A revoked key keeps its row (revoked_at set), so lists and revisions can still name it.
-- tags and sections are JSON arrays of strings, set only for partner keys (NULL means not limited).

CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL CHECK (role IN ('reader', 'partner', 'editor', 'admin')),
    token_prefix TEXT    NOT NULL,
    secret_hash  TEXT    NOT NULL UNIQUE,
    tags         TEXT    NULL,
    sections     TEXT    NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    last_used_at TEXT    NULL,
    revoked_at   TEXT    NULL,
    CHECK (role = 'partner' OR (tags IS NULL AND sections IS NULL))
);

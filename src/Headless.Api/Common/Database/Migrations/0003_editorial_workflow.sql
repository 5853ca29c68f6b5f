-- The editorial workflow: four statuses (the CHECK constraint changes, so the articles table is rebuilt; the
-- migrator runs this with foreign keys off and checks them before commit), scheduled publishing, expiry,
-- substantive updates, corrections and revisions.

-- Columns that filters read on every row (status, dates, expiry) come first and the wide bodies last: SQLite reads
-- a row from its start, so a visibility check then never touches the body's overflow pages.
CREATE TABLE articles_new (
    id                      INTEGER PRIMARY KEY,
    slug                    TEXT    NOT NULL UNIQUE,
    status                  TEXT    NOT NULL CHECK (status IN ('draft', 'scheduled', 'published', 'archived')),
    published_at            TEXT    NULL,
    scheduled_at            TEXT    NULL,
    expires_at              TEXT    NULL,
    substantive_update_at   TEXT    NULL,
    created_at              TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL,
    version                 INTEGER NOT NULL,
    headline                TEXT    NOT NULL,
    dek                     TEXT    NULL,
    section                 TEXT    NULL,
    byline                  TEXT    NULL,
    language                TEXT    NOT NULL,
    canonical_url           TEXT    NULL,
    featured_image_url      TEXT    NULL,
    featured_image_alt      TEXT    NULL,
    featured_image_caption  TEXT    NULL,
    featured_image_credit   TEXT    NULL,
    word_count              INTEGER NOT NULL,
    excerpt                 TEXT    NOT NULL,
    body_markdown           TEXT    NOT NULL,
    body_html               TEXT    NOT NULL,
    body_text               TEXT    NOT NULL,
    CHECK ((status = 'scheduled') = (scheduled_at IS NOT NULL))
);

INSERT INTO articles_new (id, slug, headline, dek, body_markdown, body_html, body_text, excerpt, section, byline, language,
    canonical_url, featured_image_url, featured_image_alt, featured_image_caption, featured_image_credit, status,
    published_at, scheduled_at, expires_at, substantive_update_at, word_count, created_at, updated_at, version)
SELECT id, slug, headline, dek, body_markdown, body_html, body_text, excerpt, section, byline, language,
    canonical_url, featured_image_url, featured_image_alt, featured_image_caption, featured_image_credit, status,
    published_at, NULL, NULL, published_at, word_count, created_at, updated_at, version
FROM articles;

DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;

CREATE INDEX ix_articles_status_published_at ON articles (status, published_at DESC, id DESC);
CREATE INDEX ix_articles_scheduled_at ON articles (scheduled_at) WHERE status = 'scheduled';

CREATE TABLE article_corrections (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    note        TEXT    NOT NULL,
    key_id      INTEGER NULL,
    actor       TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE INDEX ix_article_corrections_article_id ON article_corrections (article_id, id);

-- Revision n of an article is its full state at version n (a JSON snapshot), with who made the change.
CREATE TABLE article_revisions (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    snapshot    TEXT    NOT NULL,
    key_id      INTEGER NULL,
    actor       TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (article_id, number)
);

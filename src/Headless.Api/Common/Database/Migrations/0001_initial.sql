-- Content model: articles, tags, the tags of an article, quotes and related links.
-- Timestamps are UTC ISO-8601 text of fixed width (sortable); every row has a version that increases on change.

CREATE TABLE articles (
    id                      INTEGER PRIMARY KEY,
    slug                    TEXT    NOT NULL UNIQUE,
    headline                TEXT    NOT NULL,
    dek                     TEXT    NULL,
    body_markdown           TEXT    NOT NULL,
    body_html               TEXT    NOT NULL,
    body_text               TEXT    NOT NULL,
    excerpt                 TEXT    NOT NULL,
    section                 TEXT    NULL,
    byline                  TEXT    NULL,
    language                TEXT    NOT NULL,
    canonical_url           TEXT    NULL,
    featured_image_url      TEXT    NULL,
    featured_image_alt      TEXT    NULL,
    featured_image_caption  TEXT    NULL,
    featured_image_credit   TEXT    NULL,
    status                  TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    published_at            TEXT    NULL,
    word_count              INTEGER NOT NULL,
    created_at              TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL,
    version                 INTEGER NOT NULL
);

CREATE INDEX ix_articles_status_published_at ON articles (status, published_at DESC, id DESC);

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    version     INTEGER NOT NULL
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);

CREATE INDEX ix_article_tags_tag_id ON article_tags (tag_id, article_id);

CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text         TEXT    NOT NULL,
    speaker      TEXT    NOT NULL,
    speaker_role TEXT    NULL,
    context      TEXT    NULL,
    position     INTEGER NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL
);

CREATE INDEX ix_quotes_article_id ON quotes (article_id, position, id);
CREATE INDEX ix_quotes_speaker ON quotes (speaker);

CREATE TABLE links (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind              TEXT    NOT NULL CHECK (kind IN ('inline', 'related', 'more')),
    title             TEXT    NULL,
    url               TEXT    NULL,
    target_article_id INTEGER NULL REFERENCES articles (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    after_paragraph   INTEGER NULL,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    CHECK ((url IS NULL) <> (target_article_id IS NULL)),
    CHECK ((kind = 'inline') = (after_paragraph IS NOT NULL))
);

CREATE INDEX ix_links_article_id ON links (article_id, position, id);
CREATE INDEX ix_links_target_article_id ON links (target_article_id);

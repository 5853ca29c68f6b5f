-- Settings the application keeps (such as the key that signs list cursors), and the indexes the read path seeks in.

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

DROP INDEX ix_articles_status_published_at;
-- expires_at rides along so the public-visibility check is answered from the index, not from the (wide) rows.
CREATE INDEX ix_articles_status_sort_published ON articles (status, COALESCE(published_at, created_at), id, expires_at);
CREATE INDEX ix_articles_status_updated_at ON articles (status, updated_at, id, expires_at);
CREATE INDEX ix_articles_status_headline ON articles (status, headline, id, expires_at);
CREATE INDEX ix_articles_section ON articles (section, status);
CREATE INDEX ix_quotes_created_at ON quotes (created_at, id);

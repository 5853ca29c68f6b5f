-- Full-text search. SQLite-only (FTS5 and triggers): the PostgreSQL backend will use tsvector columns instead. The
-- indexes are kept in step by triggers, so every write, by any path, updates them in its own transaction.
--
-- Tokenizer: unicode61 folds case and strips diacritics (mexico finds México); porter stems English (rules finds
-- rule). Article columns, in bm25 weight order: headline, dek, body_text, tag_names, byline.

-- The names of an article's tags, in their order, so the article index can hold them (kept by triggers below).
ALTER TABLE articles ADD COLUMN tag_names TEXT NOT NULL DEFAULT '';

UPDATE articles SET tag_names = COALESCE((
    SELECT group_concat(name, ' ') FROM (
        SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = articles.id ORDER BY at.position)), '');

CREATE VIRTUAL TABLE article_search USING fts5(
    headline, dek, body_text, tag_names, byline,
    content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2');

INSERT INTO article_search (article_search) VALUES ('rebuild');

-- What search filters read of each match (visibility, section, publication), narrow enough to stay in the page cache.
CREATE INDEX ix_articles_search ON articles (id, status, expires_at, published_at, section);

CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_search (rowid, headline, dek, body_text, tag_names, byline)
    VALUES (new.id, new.headline, new.dek, new.body_text, new.tag_names, new.byline);
END;

CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_search (article_search, rowid, headline, dek, body_text, tag_names, byline)
    VALUES ('delete', old.id, old.headline, old.dek, old.body_text, old.tag_names, old.byline);
END;

CREATE TRIGGER articles_search_update AFTER UPDATE OF headline, dek, body_text, tag_names, byline ON articles BEGIN
    INSERT INTO article_search (article_search, rowid, headline, dek, body_text, tag_names, byline)
    VALUES ('delete', old.id, old.headline, old.dek, old.body_text, old.tag_names, old.byline);
    INSERT INTO article_search (rowid, headline, dek, body_text, tag_names, byline)
    VALUES (new.id, new.headline, new.dek, new.body_text, new.tag_names, new.byline);
END;

-- tag_names follows the article's tags and their names. The same subquery three times: a view would be shared, but
-- SQLite does not push "article_id = ?" into a grouped view, so each trigger would aggregate every article's tags.
CREATE TRIGGER article_tags_search_insert AFTER INSERT ON article_tags BEGIN
    UPDATE articles SET tag_names = COALESCE((
        SELECT group_concat(name, ' ') FROM (
            SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = new.article_id ORDER BY at.position)), '')
    WHERE id = new.article_id;
END;

CREATE TRIGGER article_tags_search_delete AFTER DELETE ON article_tags BEGIN
    UPDATE articles SET tag_names = COALESCE((
        SELECT group_concat(name, ' ') FROM (
            SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = old.article_id ORDER BY at.position)), '')
    WHERE id = old.article_id;
END;

CREATE TRIGGER tags_search_rename AFTER UPDATE OF name ON tags WHEN old.name IS NOT new.name BEGIN
    UPDATE articles SET tag_names = COALESCE((
        SELECT group_concat(name, ' ') FROM (
            SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = articles.id ORDER BY at.position)), '')
    WHERE id IN (SELECT article_id FROM article_tags WHERE tag_id = new.id);
END;

-- Quotes: text, speaker, speaker_role.
CREATE VIRTUAL TABLE quote_search USING fts5(
    text, speaker, speaker_role,
    content = 'quotes', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2');

INSERT INTO quote_search (quote_search) VALUES ('rebuild');

CREATE TRIGGER quotes_search_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quote_search (rowid, text, speaker, speaker_role) VALUES (new.id, new.text, new.speaker, new.speaker_role);
END;

CREATE TRIGGER quotes_search_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quote_search (quote_search, rowid, text, speaker, speaker_role) VALUES ('delete', old.id, old.text, old.speaker, old.speaker_role);
END;

CREATE TRIGGER quotes_search_update AFTER UPDATE OF text, speaker, speaker_role ON quotes BEGIN
    INSERT INTO quote_search (quote_search, rowid, text, speaker, speaker_role) VALUES ('delete', old.id, old.text, old.speaker, old.speaker_role);
    INSERT INTO quote_search (rowid, text, speaker, speaker_role) VALUES (new.id, new.text, new.speaker, new.speaker_role);
END;

-- Type-ahead completions: headlines, tag names and speakers, matched by word prefix (no stemming). The rowid says
-- the kind, so one kind is a rowid range: an article's id for its headline, 2^61 + the speaker's id, 2^62 + the
-- tag's id. Within a kind, the highest rowid (the newest) comes first.
CREATE TABLE quote_speakers (
    id          INTEGER PRIMARY KEY,
    speaker     TEXT    NOT NULL UNIQUE,
    quote_count INTEGER NOT NULL
);

INSERT INTO quote_speakers (speaker, quote_count) SELECT speaker, COUNT(*) FROM quotes GROUP BY speaker ORDER BY MIN(id);

CREATE VIRTUAL TABLE search_suggestions USING fts5(
    label,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3');

INSERT INTO search_suggestions (rowid, label) SELECT id, headline FROM articles;
INSERT INTO search_suggestions (rowid, label) SELECT 2305843009213693952 + id, speaker FROM quote_speakers;
INSERT INTO search_suggestions (rowid, label) SELECT 4611686018427387904 + id, name FROM tags;

CREATE TRIGGER articles_suggest_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_suggestions (rowid, label) VALUES (new.id, new.headline);
END;

CREATE TRIGGER articles_suggest_delete AFTER DELETE ON articles BEGIN
    DELETE FROM search_suggestions WHERE rowid = old.id;
END;

CREATE TRIGGER articles_suggest_update AFTER UPDATE OF headline ON articles WHEN old.headline IS NOT new.headline BEGIN
    UPDATE search_suggestions SET label = new.headline WHERE rowid = new.id;
END;

CREATE TRIGGER tags_suggest_insert AFTER INSERT ON tags BEGIN
    INSERT INTO search_suggestions (rowid, label) VALUES (4611686018427387904 + new.id, new.name);
END;

CREATE TRIGGER tags_suggest_delete AFTER DELETE ON tags BEGIN
    DELETE FROM search_suggestions WHERE rowid = 4611686018427387904 + old.id;
END;

CREATE TRIGGER tags_suggest_update AFTER UPDATE OF name ON tags WHEN old.name IS NOT new.name BEGIN
    UPDATE search_suggestions SET label = new.name WHERE rowid = 4611686018427387904 + new.id;
END;

CREATE TRIGGER quotes_speakers_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quote_speakers (speaker, quote_count) VALUES (new.speaker, 1)
    ON CONFLICT (speaker) DO UPDATE SET quote_count = quote_count + 1;
END;

CREATE TRIGGER quotes_speakers_delete AFTER DELETE ON quotes BEGIN
    UPDATE quote_speakers SET quote_count = quote_count - 1 WHERE speaker = old.speaker;
    DELETE FROM quote_speakers WHERE speaker = old.speaker AND quote_count <= 0;
END;

CREATE TRIGGER quotes_speakers_update AFTER UPDATE OF speaker ON quotes WHEN old.speaker IS NOT new.speaker BEGIN
    UPDATE quote_speakers SET quote_count = quote_count - 1 WHERE speaker = old.speaker;
    DELETE FROM quote_speakers WHERE speaker = old.speaker AND quote_count <= 0;
    INSERT INTO quote_speakers (speaker, quote_count) VALUES (new.speaker, 1)
    ON CONFLICT (speaker) DO UPDATE SET quote_count = quote_count + 1;
END;

CREATE TRIGGER quote_speakers_suggest_insert AFTER INSERT ON quote_speakers BEGIN
    INSERT INTO search_suggestions (rowid, label) VALUES (2305843009213693952 + new.id, new.speaker);
END;

CREATE TRIGGER quote_speakers_suggest_delete AFTER DELETE ON quote_speakers BEGIN
    DELETE FROM search_suggestions WHERE rowid = 2305843009213693952 + old.id;
END;

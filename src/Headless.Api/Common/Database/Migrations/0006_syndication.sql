-- Syndication: per-article rights, the change log that the change feed and webhooks read, and webhooks with their
-- transactional outbox (one delivery row per subscribed webhook, written by the change's own transaction).

-- full: partners may republish the full text; excerpt: headline, excerpt and a link back; none: never syndicated.
ALTER TABLE articles ADD COLUMN syndication TEXT NOT NULL DEFAULT 'full' CHECK (syndication IN ('full', 'excerpt', 'none'));

-- Set once the scheduler has announced that an article's rights window ended (expiry is a time, not a write).
ALTER TABLE articles ADD COLUMN expiry_announced INTEGER NOT NULL DEFAULT 0;

-- Every change to content, in commit order. SQLite has one writer at a time and each change's row is written by
-- triggers inside the changing transaction, so a higher seq is never visible before a lower one: a reader that
-- remembers the last seq it saw never misses a change and never sees one twice.
--   event:  the webhook event (article.published, article.updated, article.unpublished, article.archived,
--           article.scheduled, article.created, article.deleted, article.expired, tag.created, tag.updated, tag.deleted,
--           quote.*, link.*).
--   action: what the change feed shows (upsert, deleted, unpublished, expired, archived); NULL for changes that only
--           editors care about (drafts, scheduling), which webhooks still get.
--   payload: the resource's state at the change, as JSON (webhook payloads carry it).
CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    event       TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('article', 'tag', 'quote', 'link')),
    resource_id INTEGER NOT NULL,
    article_id  INTEGER NULL,
    action      TEXT    NULL CHECK (action IN ('upsert', 'deleted', 'unpublished', 'expired', 'archived')),
    payload     TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE INDEX ix_changes_kind ON changes (kind, seq);

-- Articles. Only writes that move the version are changes (the tag_names and expiry_announced bookkeeping is not).
CREATE TRIGGER articles_changes_insert AFTER INSERT ON articles BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES (
        CASE new.status WHEN 'published' THEN 'article.published' WHEN 'scheduled' THEN 'article.scheduled' ELSE 'article.created' END,
        'article', new.id, new.id,
        CASE WHEN new.status = 'published' THEN 'upsert' END,
        json_object('id', new.id, 'slug', new.slug, 'headline', new.headline, 'status', new.status, 'syndication', new.syndication,
            'section', new.section, 'publishedAt', new.published_at, 'updatedAt', new.updated_at, 'version', new.version),
        new.updated_at);
END;

CREATE TRIGGER articles_changes_update AFTER UPDATE ON articles WHEN old.version IS NOT new.version BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES (
        CASE
            WHEN new.status = 'published' AND old.status <> 'published' THEN 'article.published'
            WHEN new.status = 'published' THEN 'article.updated'
            WHEN new.status = 'archived' AND old.status <> 'archived' THEN 'article.archived'
            WHEN old.status = 'published' THEN 'article.unpublished'
            WHEN new.status = 'scheduled' AND old.status <> 'scheduled' THEN 'article.scheduled'
            ELSE 'article.updated'
        END,
        'article', new.id, new.id,
        CASE
            WHEN new.status = 'published' THEN 'upsert'
            WHEN old.status = 'published' AND new.status = 'archived' THEN 'archived'
            WHEN old.status = 'published' THEN 'unpublished'
        END,
        json_object('id', new.id, 'slug', new.slug, 'headline', new.headline, 'status', new.status, 'syndication', new.syndication,
            'section', new.section, 'publishedAt', new.published_at, 'updatedAt', new.updated_at, 'version', new.version),
        new.updated_at);
END;

CREATE TRIGGER articles_changes_delete AFTER DELETE ON articles BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES (
        'article.deleted', 'article', old.id, old.id,
        CASE WHEN old.published_at IS NOT NULL THEN 'deleted' END,
        json_object('id', old.id, 'slug', old.slug, 'headline', old.headline, 'status', old.status, 'syndication', old.syndication,
            'section', old.section, 'publishedAt', old.published_at, 'updatedAt', old.updated_at, 'version', old.version),
        strftime('%Y-%m-%dT%H:%M:%f', 'now') || '0000Z');
END;

-- A new rights window may be announced again when it ends.
CREATE TRIGGER articles_expiry_reset AFTER UPDATE OF expires_at ON articles WHEN old.expires_at IS NOT new.expires_at BEGIN
    UPDATE articles SET expiry_announced = 0 WHERE id = new.id;
END;

-- Tags, quotes and links.
CREATE TRIGGER tags_changes_insert AFTER INSERT ON tags BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES ('tag.created', 'tag', new.id, NULL, 'upsert',
        json_object('id', new.id, 'slug', new.slug, 'name', new.name, 'updatedAt', new.updated_at, 'version', new.version), new.updated_at);
END;

CREATE TRIGGER tags_changes_update AFTER UPDATE ON tags WHEN old.version IS NOT new.version BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES ('tag.updated', 'tag', new.id, NULL, 'upsert',
        json_object('id', new.id, 'slug', new.slug, 'name', new.name, 'updatedAt', new.updated_at, 'version', new.version), new.updated_at);
END;

CREATE TRIGGER tags_changes_delete AFTER DELETE ON tags BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES ('tag.deleted', 'tag', old.id, NULL, 'deleted',
        json_object('id', old.id, 'slug', old.slug, 'name', old.name, 'updatedAt', old.updated_at, 'version', old.version),
        strftime('%Y-%m-%dT%H:%M:%f', 'now') || '0000Z');
END;

CREATE TRIGGER quotes_changes_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES ('quote.created', 'quote', new.id, new.article_id, 'upsert',
        json_object('id', new.id, 'articleId', new.article_id, 'text', new.text, 'speaker', new.speaker, 'speakerRole', new.speaker_role,
            'updatedAt', new.updated_at, 'version', new.version), new.updated_at);
END;

CREATE TRIGGER quotes_changes_update AFTER UPDATE ON quotes WHEN old.version IS NOT new.version BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES ('quote.updated', 'quote', new.id, new.article_id, 'upsert',
        json_object('id', new.id, 'articleId', new.article_id, 'text', new.text, 'speaker', new.speaker, 'speakerRole', new.speaker_role,
            'updatedAt', new.updated_at, 'version', new.version), new.updated_at);
END;

CREATE TRIGGER quotes_changes_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES ('quote.deleted', 'quote', old.id, old.article_id, 'deleted',
        json_object('id', old.id, 'articleId', old.article_id, 'text', old.text, 'speaker', old.speaker, 'speakerRole', old.speaker_role,
            'updatedAt', old.updated_at, 'version', old.version),
        strftime('%Y-%m-%dT%H:%M:%f', 'now') || '0000Z');
END;

CREATE TRIGGER links_changes_insert AFTER INSERT ON links BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES ('link.created', 'link', new.id, new.article_id, 'upsert',
        json_object('id', new.id, 'articleId', new.article_id, 'kind', new.kind, 'title', new.title, 'url', new.url,
            'targetArticleId', new.target_article_id, 'updatedAt', new.updated_at, 'version', new.version), new.updated_at);
END;

CREATE TRIGGER links_changes_update AFTER UPDATE ON links WHEN old.version IS NOT new.version BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES ('link.updated', 'link', new.id, new.article_id, 'upsert',
        json_object('id', new.id, 'articleId', new.article_id, 'kind', new.kind, 'title', new.title, 'url', new.url,
            'targetArticleId', new.target_article_id, 'updatedAt', new.updated_at, 'version', new.version), new.updated_at);
END;

CREATE TRIGGER links_changes_delete AFTER DELETE ON links BEGIN
    INSERT INTO changes (event, kind, resource_id, article_id, action, payload, created_at)
    VALUES ('link.deleted', 'link', old.id, old.article_id, 'deleted',
        json_object('id', old.id, 'articleId', old.article_id, 'kind', old.kind, 'title', old.title, 'url', old.url,
            'targetArticleId', old.target_article_id, 'updatedAt', old.updated_at, 'version', old.version),
        strftime('%Y-%m-%dT%H:%M:%f', 'now') || '0000Z');
END;

-- Webhooks: events is a JSON array of event names, 'kind.*' or '*'. secret is the Standard Webhooks signing secret
-- (whsec_ + base64). failing_since is the first failed delivery since the last success.
CREATE TABLE webhooks (
    id              INTEGER PRIMARY KEY,
    url             TEXT    NOT NULL,
    events          TEXT    NOT NULL,
    secret          TEXT    NOT NULL,
    active          INTEGER NOT NULL,
    disabled_reason TEXT    NULL,
    failing_since   TEXT    NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL
);

-- The outbox: one row per change and subscribed webhook, written by the trigger below in the change's transaction,
-- so a committed change always has its deliveries, and a change rolled back has none.
CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY,
    webhook_id       INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    change_seq       INTEGER NOT NULL REFERENCES changes (seq),
    resource_key     TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL,
    next_attempt_at  TEXT    NULL,
    last_status_code INTEGER NULL,
    last_duration_ms INTEGER NULL,
    last_error       TEXT    NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at, id);
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_resource ON webhook_deliveries (webhook_id, resource_key, status, id);

CREATE TRIGGER changes_webhook_outbox AFTER INSERT ON changes BEGIN
    INSERT INTO webhook_deliveries (webhook_id, change_seq, resource_key, status, attempts, next_attempt_at, created_at, updated_at)
    SELECT w.id, new.seq, new.kind || '-' || new.resource_id, 'pending', 0, new.created_at, new.created_at, new.created_at
    FROM webhooks w
    WHERE w.active = 1
      AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value IN ('*', new.event, new.kind || '.*'));
END;

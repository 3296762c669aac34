/// The store's schema history. Append new migrations; never edit one that has shipped.
enum PostSchema {
    static var migrator: Migrator {
        var migrator = Migrator()
        migrator.register("v1: posts, topics, full-text index", sql: v1)
        migrator.register("v2: rumour status, audit log, replies index", sql: v2)
        migrator.register("v3: chat outbox, audit by user", sql: v3)
        migrator.register("v4: topic rows carry what summaries count", sql: v4)
        migrator.register("v5: intent misses", sql: v5)
        migrator.register("v6: what each post is", sql: v6)
        migrator.register("v7: personal data, edits, outbox leases, delivery ledger", sql: v7)
        migrator.register("v8: console accounts and sessions", sql: v8)
        migrator.register("v9: polled sources, posts logged by staff", sql: v9)
        migrator.register("v10: conversation places, outbox routes", sql: v10)
        migrator.register("v11: watches, alerts, incident rooms", sql: v11)
        migrator.register("v12: conversation states", sql: v12)
        migrator.register("v13: instance leases", sql: v13)
        migrator.register("v14: topic rows carry what each post is", sql: v14)
        return migrator
    }

    private static let v14 = """
        -- A topic's rows carry each post's kinds (PostKinds) too, so that "claims about the fire" or "the fire, less
        -- our own posts" are filtered on the topic's rows before any post is read, and counted from them alone.
        ALTER TABLE post_topic ADD COLUMN kinds INTEGER NOT NULL DEFAULT 0;
        UPDATE post_topic SET kinds = (SELECT kinds FROM post WHERE post.id = post_topic.post_id);
        """

    private static let v13 = """
        -- Work one instance runs at a time (SQLLeaseStore): who holds it, and until when (seconds since 1970) unless
        -- renewed.
        CREATE TABLE IF NOT EXISTS instance_lease (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at REAL NOT NULL
        );
        """

    private static let v12 = """
        -- What Muster remembers of each conversation between messages (SQLConversationStates), as JSON: in the
        -- store, so that every instance answering a thread reads the same. Forgotten after half an hour's silence.
        CREATE TABLE IF NOT EXISTS conversation_state (
            conversation TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS conversation_state_updated ON conversation_state (updated_at);
        """

    private static let v11 = """
        -- Standing questions a conversation asked to be told about (SQLWatchStore): what they count, where alerts
        -- go, who set them; last_alert_at is the cool-down, claimed in the same transaction as the alert's outbox row.
        CREATE TABLE watch (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('spike', 'rumours')),
            topics TEXT NOT NULL,
            text TEXT,
            areas TEXT NOT NULL,
            author_kinds TEXT NOT NULL,
            label TEXT NOT NULL,
            conversation TEXT NOT NULL,
            set_by TEXT NOT NULL,
            sensitivity TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_alert_at INTEGER,
            incident_id INTEGER REFERENCES incident (id) ON DELETE CASCADE
        );
        CREATE INDEX watch_conversation ON watch (conversation);

        -- The rumours each watch has alerted on, by the rumour's signature, so a claim is announced once.
        CREATE TABLE rumour_alert (
            watch_id INTEGER NOT NULL REFERENCES watch (id) ON DELETE CASCADE,
            signature TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (watch_id, signature)
        );

        -- Incident rooms (SQLIncidentStore): the next sitrep's time is claimed and moved on in the same
        -- transaction that queues the sitrep, so a restart never loses one nor sends one twice.
        CREATE TABLE incident (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            terms TEXT NOT NULL,
            conversation TEXT NOT NULL,
            started_by TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            interval_seconds INTEGER NOT NULL,
            next_sitrep_at INTEGER NOT NULL,
            sitreps INTEGER NOT NULL DEFAULT 0,
            closed_at INTEGER
        );
        CREATE INDEX incident_open ON incident (closed_at, next_sitrep_at);

        -- Other scheduled posts (the morning digest), one row per run, claimed by inserting it (SQLScheduleLedger).
        CREATE TABLE schedule_run (
            name TEXT PRIMARY KEY,
            at INTEGER NOT NULL
        );
        """

    private static let v10 = """
        -- Where each chat conversation was last seen (SQLConversationDirectory), so a later answer, alert or sitrep
        -- is posted back there: the platform's ids, and for Teams the connector's address and the accounts.
        CREATE TABLE conversation_place (
            key TEXT PRIMARY KEY,
            platform TEXT NOT NULL,
            workspace TEXT NOT NULL,
            channel TEXT NOT NULL,
            channel_name TEXT,
            thread TEXT,
            conversation_id TEXT,
            service_url TEXT,
            bot_id TEXT,
            bot_name TEXT,
            user_id TEXT,
            user_name TEXT,
            seen_at INTEGER NOT NULL
        );
        CREATE INDEX conversation_place_seen ON conversation_place (platform, seen_at);

        -- How each outbox message is sent (which credential goes with it) and the conversation it goes to, which
        -- paces messages to one channel even when they share an API's URL.
        ALTER TABLE outbox ADD COLUMN route TEXT NOT NULL DEFAULT 'webhook';
        ALTER TABLE outbox ADD COLUMN place TEXT;
        """

    private static let v9 = """
        -- Where each polled source has got to (SQLiteSourceLedger): its cursor and validators, so a restart resumes
        -- with no gap and no duplicate, and its health for `muster sources`, /readyz and the answers' freshness line.
        -- Kept by the source's config name; a source removed from the config leaves a row no one reads.
        CREATE TABLE IF NOT EXISTS source_state (
            name TEXT PRIMARY KEY,
            cursor TEXT,
            etag TEXT,
            last_modified TEXT,
            last_attempt_at INTEGER,
            last_success_at INTEGER,
            last_error TEXT,
            last_error_at INTEGER,
            failures INTEGER NOT NULL DEFAULT 0,
            next_poll_at INTEGER,
            day TEXT,
            added_today INTEGER NOT NULL DEFAULT 0,
            added_total INTEGER NOT NULL DEFAULT 0,
            polls INTEGER NOT NULL DEFAULT 0,
            not_modified INTEGER NOT NULL DEFAULT 0
        );

        -- A post staff logged from chat ("log this: …"), with who logged it, where and when. The post itself is an
        -- ordinary row (source 'forwarded'); deleting it deletes this.
        CREATE TABLE IF NOT EXISTS logged_post (
            post_id INTEGER PRIMARY KEY REFERENCES post (id) ON DELETE CASCADE,
            logged_by TEXT NOT NULL,
            logged_by_name TEXT NOT NULL,
            platform TEXT NOT NULL,
            channel TEXT NOT NULL,
            logged_at INTEGER NOT NULL
        );
        """

    private static let v8 = """
        -- The web console's sign-in (SQLiteAccountStore). Names are unique whatever their case; the password is kept
        -- only as its bcrypt hash. A session keeps the SHA-256 of its cookie's token, never the token, so a copy of
        -- the store signs nobody in; removing an account ends its sessions (ON DELETE CASCADE). Failed sign-ins
        -- are kept per name, known or not, for a short while, to slow guessing. Depends on nothing after v6, and
        -- IF NOT EXISTS lets it run again on a store whose version was set back (as tests of older stores do).
        CREATE TABLE IF NOT EXISTS console_account (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('officer', 'lead', 'admin')),
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS console_session (
            token_hash TEXT PRIMARY KEY,
            csrf_token TEXT NOT NULL,
            account_id INTEGER NOT NULL REFERENCES console_account (id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS console_session_account ON console_session (account_id);
        CREATE INDEX IF NOT EXISTS console_session_expires ON console_session (expires_at);
        CREATE TABLE IF NOT EXISTS console_sign_in_failure (
            name TEXT NOT NULL COLLATE NOCASE,
            at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS console_sign_in_failure_name_at ON console_sign_in_failure (name, at);
        """

    private static let v7 = """
        -- A post edited at its source keeps its new text; this says when Muster saw the edit. The search index is
        -- then updated by the upsert itself, which knows whether the post is indexed yet (a load indexes its new posts
        -- at the end): a trigger deleting text that was never indexed would corrupt the index.
        ALTER TABLE post ADD COLUMN edited_at INTEGER;
        DROP TRIGGER IF EXISTS post_fts_update;

        -- A sender claims a message before sending it, so two processes never both send it; a claim that runs out
        -- (its sender died) makes the message due again.
        ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
        ALTER TABLE outbox ADD COLUMN claimed_until REAL;

        -- Chat deliveries already answered (platform, workspace and event or activity id), so that a platform's retry
        -- is not answered twice, whichever instance gets it and across restarts. A row counts for a day; prune deletes
        -- rows after 30 days.
        CREATE TABLE delivery_seen (
            key TEXT PRIMARY KEY,
            at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX delivery_seen_at ON delivery_seen (at);

        -- People who asked to be forgotten: a salted SHA-256 of their handle (and source, or '*' for every source),
        -- never the handle itself, so that their posts are not ingested again.
        CREATE TABLE forgotten_author (
            digest TEXT PRIMARY KEY,
            forgotten_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE store_secret (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        INSERT INTO store_secret (name, value) VALUES ('author_salt', randomblob(32));
        """

    private static let v6 = """
        -- Each post's kinds (PostKinds: report, claim, official, question, appeal, sympathy, distress, concern,
        -- anger, casualty figure) as bits. Posts stored before enrichment read them keep what was known: media, official and claim.
        ALTER TABLE post ADD COLUMN kinds INTEGER NOT NULL DEFAULT 0;
        UPDATE post SET kinds = (CASE author_kind WHEN 'media' THEN 1 WHEN 'public' THEN 0 ELSE 4 END)
            | (CASE WHEN is_claim = 1 AND author_kind = 'public' THEN 2 ELSE 0 END)
            | (CASE WHEN is_question = 1 THEN 8 ELSE 0 END);
        """

    private static let v5 = """
        -- Messages Muster fell back on, asked about, or found incomplete, and answers to its clarifications:
        -- `muster intents misses` reads them so the intents grow from real use.
        CREATE TABLE IF NOT EXISTS intent_miss (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            conversation TEXT NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('fallback', 'clarification', 'incomplete', 'answered')),
            nearest TEXT NOT NULL,
            chosen TEXT
        );
        CREATE INDEX IF NOT EXISTS intent_miss_at ON intent_miss (at);
        """

    private static let v4 = """
        -- A topic's counts read post_topic alone: each row carries the post's area, sentiment, question flag and
        -- author kind, so a large topic's summary is one range of one b-tree rather than a lookup per post (at ten
        -- million posts, a week of bins is 50,000 posts). None of these change once a post is stored.
        ALTER TABLE post_topic ADD COLUMN area TEXT;
        ALTER TABLE post_topic ADD COLUMN sentiment REAL NOT NULL DEFAULT 0;
        ALTER TABLE post_topic ADD COLUMN is_question INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE post_topic ADD COLUMN author_kind TEXT NOT NULL DEFAULT 'public';
        UPDATE post_topic SET (area, sentiment, is_question, author_kind) =
            (SELECT area, sentiment, is_question, author_kind FROM post WHERE post.id = post_topic.post_id);
        """

    private static let v3 = """
        -- Every asynchronous chat message is written here before it is sent, so a restart or a chat service's
        -- outage loses nothing. `destination` is a URL, or `env:NAME` for a secret URL read at send time.
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            destination TEXT NOT NULL,
            label TEXT NOT NULL,
            content_type TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL,
            created_at INTEGER NOT NULL,
            delivered_at INTEGER,
            last_error TEXT
        );
        CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
        CREATE INDEX audit_user_at ON audit (user, at);
        """

    private static let v2 = """
        -- A rumour is a group of claims found at query time; its status and official line live here, keyed by the
        -- group's signature so they survive new posts joining it.
        CREATE TABLE rumour (
            key TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('unverified', 'false', 'true')),
            official_line TEXT,
            set_by TEXT NOT NULL,
            set_at INTEGER NOT NULL
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            user TEXT NOT NULL,
            channel TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX audit_at ON audit (at);
        CREATE INDEX post_reply_to ON post (reply_to);
        CREATE INDEX post_claim_created ON post (is_claim, created_at);
        """

    private static let v1 = """
        CREATE TABLE post (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            external_id TEXT NOT NULL,
            url TEXT,
            author_handle TEXT NOT NULL,
            author_name TEXT,
            author_kind TEXT NOT NULL CHECK (author_kind IN ('public', 'media', 'official', 'partner', 'staff')),
            outlet TEXT,
            text TEXT NOT NULL,
            language TEXT,
            created_at INTEGER NOT NULL,
            latitude REAL,
            longitude REAL,
            area TEXT,
            topics TEXT NOT NULL DEFAULT '',
            sentiment REAL NOT NULL DEFAULT 0,
            likes INTEGER NOT NULL DEFAULT 0,
            shares INTEGER NOT NULL DEFAULT 0,
            replies INTEGER NOT NULL DEFAULT 0,
            reach INTEGER NOT NULL DEFAULT 0,
            reply_to TEXT,
            thread_id TEXT,
            is_question INTEGER NOT NULL DEFAULT 0,
            is_claim INTEGER NOT NULL DEFAULT 0,
            handled_by TEXT,
            handled_at INTEGER,
            raw TEXT,
            ingested_at INTEGER NOT NULL,
            UNIQUE (source, external_id)
        );
        CREATE INDEX post_created ON post (created_at);
        CREATE INDEX post_area_created ON post (area, created_at);
        CREATE INDEX post_source_created ON post (source, created_at);
        CREATE INDEX post_kind_created ON post (author_kind, created_at);

        -- One row per (topic, post): topic filters read this index alone.
        CREATE TABLE post_topic (
            topic TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            post_id INTEGER NOT NULL REFERENCES post (id) ON DELETE CASCADE,
            PRIMARY KEY (topic, created_at, post_id)
        ) WITHOUT ROWID;
        CREATE INDEX post_topic_post ON post_topic (post_id);

        -- Inserts reach the index a batch at a time (see SQLitePostStore.upsert): a per-row trigger made FTS5
        -- sync after every statement and cost half of ingest. Deletes and text edits stay on triggers.
        CREATE VIRTUAL TABLE post_fts USING fts5 (
            text, author, outlet,
            content = 'post', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER post_fts_delete AFTER DELETE ON post BEGIN
            INSERT INTO post_fts (post_fts, rowid, text, author, outlet)
            VALUES ('delete', old.id, old.text, old.author_handle || ' ' || coalesce(old.author_name, ''), coalesce(old.outlet, ''));
        END;
        CREATE TRIGGER post_fts_update AFTER UPDATE OF text, author_handle, author_name, outlet ON post BEGIN
            INSERT INTO post_fts (post_fts, rowid, text, author, outlet)
            VALUES ('delete', old.id, old.text, old.author_handle || ' ' || coalesce(old.author_name, ''), coalesce(old.outlet, ''));
            INSERT INTO post_fts (rowid, text, author, outlet)
            VALUES (new.id, new.text, new.author_handle || ' ' || coalesce(new.author_name, ''), coalesce(new.outlet, ''));
        END;
        """
}

-- What Omm wrote into a new state file at schema 4 (StateStore.cs of commit 71e2966), for the upgrade tests.
CREATE TABLE migration (
    id TEXT PRIMARY KEY COLLATE NOCASE,
    project TEXT,
    source_type TEXT NOT NULL,
    source_server TEXT NOT NULL,
    source_account TEXT NOT NULL,
    source_security TEXT NOT NULL,
    destination_type TEXT NOT NULL,
    destination_server TEXT NOT NULL,
    destination_account TEXT NOT NULL,
    destination_security TEXT NOT NULL,
    skip_certificate_check INTEGER NOT NULL,
    include TEXT NOT NULL,
    include_folders TEXT NOT NULL DEFAULT '',
    exclude_folders TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    sync_point INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    completed_at TEXT,
    heartbeat_at TEXT,
    runner TEXT,
    stop_requested_at TEXT,
    failure_reason TEXT,
    source_dav_url TEXT,
    destination_dav_url TEXT,
    max_messages_per_second REAL,
    max_bytes_per_second INTEGER
);
CREATE INDEX migration_project ON migration (project);
CREATE TABLE project (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    created_at TEXT NOT NULL,
    include TEXT,
    throttle_limit INTEGER,
    include_folders TEXT NOT NULL DEFAULT '',
    exclude_folders TEXT NOT NULL DEFAULT '',
    notification_emails TEXT NOT NULL DEFAULT '',
    notification_from TEXT,
    smtp_server TEXT,
    smtp_security TEXT,
    smtp_login TEXT,
    smtp_secret BLOB,
    key_salt BLOB,
    key_check BLOB
);
CREATE TABLE credential (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    login TEXT NOT NULL,
    secret BLOB NOT NULL,
    PRIMARY KEY (migration_id, role)
);
CREATE TABLE item_count (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    item_type TEXT NOT NULL,
    to_migrate INTEGER NOT NULL,
    PRIMARY KEY (migration_id, item_type)
);
CREATE TABLE migrated_item (
    id INTEGER PRIMARY KEY,
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    item_type TEXT NOT NULL,
    sync_point INTEGER NOT NULL,
    source_folder TEXT NOT NULL,
    source_key TEXT NOT NULL,
    destination_folder TEXT NOT NULL,
    destination_key TEXT,
    message_id TEXT,
    size INTEGER NOT NULL,
    internal_date INTEGER,
    flags TEXT NOT NULL,
    migrated_at TEXT NOT NULL,
    UNIQUE (migration_id, item_type, source_folder, source_key)
);
CREATE INDEX migrated_item_sync_point ON migrated_item (migration_id, sync_point);
CREATE TABLE migrated_folder (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    source_folder TEXT NOT NULL,
    destination_folder TEXT NOT NULL,
    created INTEGER,
    destination_cursor TEXT,
    source_cursor TEXT,
    PRIMARY KEY (migration_id, source_folder)
);
CREATE TABLE item_error (
    id INTEGER PRIMARY KEY,
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    sync_point INTEGER NOT NULL,
    type TEXT NOT NULL,
    item_type TEXT NOT NULL,
    folder TEXT NOT NULL,
    item_name TEXT NOT NULL,
    message TEXT NOT NULL,
    occurred_at TEXT NOT NULL
);
CREATE INDEX item_error_pass ON item_error (migration_id, sync_point);

CREATE TABLE dav_collection (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    source_collection TEXT NOT NULL,
    kind TEXT NOT NULL,
    destination_href TEXT NOT NULL,
    created INTEGER,
    source_state TEXT,
    item_counts TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (migration_id, source_collection)
);
CREATE TABLE dav_item (
    id INTEGER PRIMARY KEY,
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    item_type TEXT NOT NULL,
    sync_point INTEGER NOT NULL,
    source_collection TEXT NOT NULL,
    source_key TEXT NOT NULL,
    source_version TEXT NOT NULL,
    uid TEXT NOT NULL,
    destination_href TEXT NOT NULL,
    destination_etag TEXT,
    size INTEGER NOT NULL,
    migrated_at TEXT NOT NULL,
    UNIQUE (migration_id, source_collection, source_key)
);
CREATE INDEX dav_item_sync_point ON dav_item (migration_id, sync_point);

CREATE TABLE endpoint_option (
    migration_id TEXT NOT NULL REFERENCES migration (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (migration_id, role, name)
);

-- Live capture: a recording is `Recording` while audio arrives and `Interrupted` when its session did not end
-- cleanly (both longer than the eight characters the column had).
alter table recordings alter column state set data type varchar(16);

-- The platform's own id of a live leg (CT-e1's recordId), kept beside CallVault's segment number.
alter table recordings add column vendor_record_id varchar(128);

-- A client's AudioHook client secret (RFC 9421 signatures), encrypted with the server's secrets key: it must be
-- usable to verify a signature, so it cannot be hashed, and the database alone does not reveal it.
alter table clients add column audiohook_secret varchar(512);

-- Live sessions being captured, and by which node: what a node finishes as Interrupted when it restarts after a
-- crash (each node only its own; a session lives on one node). A row lives as long as its session.
create table live_sessions (
    recording_id varchar(36)  not null primary key,
    tenant_id    varchar(64)  not null,
    node_id      varchar(36)  not null,
    protocol     varchar(16)  not null,
    started_at   timestamp with time zone not null
);
create index live_session_node_idx on live_sessions (node_id);

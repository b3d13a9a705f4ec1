-- People who sign in to the web player: not API clients. A password is kept only as an adaptive hash (bcrypt);
-- a user who signs in only through single sign-on has none.
create table users (
    username      varchar(64)  not null primary key,
    password_hash varchar(200),
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);

-- A user's role on a tenant (listener, auditor, tenant-admin); a tenant with no grant does not exist for the user.
create table user_grants (
    username  varchar(64) not null references users (username) on delete cascade,
    tenant_id varchar(64) not null references tenants (id),
    role      varchar(16) not null,
    primary key (username, tenant_id)
);

-- A person acts as "user:<username>" in the access log and on a legal hold: longer than a client's UUID.
alter table access_log alter column client_id set data type varchar(80);
alter table calls alter column held_by set data type varchar(80);

-- A recording's peaks, computed once from its audio and kept: 16-bit min and max per bucket per channel.
create table waveforms (
    recording_id varchar(36) not null primary key references recordings (id) on delete cascade,
    channels     integer not null,
    buckets      integer not null,
    duration_ms  bigint  not null,
    peaks        bytea   not null
);

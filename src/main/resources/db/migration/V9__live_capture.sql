-- Live capture: a recording is `Recording` while audio arrives and `Interrupted` when its session did not end
-- cleanly (both longer than the eight characters the column had).
alter table recordings alter column state set data type varchar(16);

-- The platform's own id of a live leg (CT-e1's recordId), kept beside CallVault's segment number.
alter table recordings add column vendor_record_id varchar(128);

-- A client's AudioHook client secret (RFC 9421 signatures), encrypted with the server's secrets key: it must be
-- usable to verify a signature, so it cannot be hashed, and the database alone does not reveal it.
alter table clients add column audiohook_secret varchar(512);

-- Legal hold: a call under hold is never deleted, by the retention purge or by anyone.
alter table calls add column hold_reason varchar(1000);
alter table calls add column held_at timestamp with time zone;
alter table calls add column held_by varchar(64);

-- The access log is the audit trail: besides reads (play, download) it records deletions (delete) and hold
-- changes (hold, release), with who asked and why.
alter table access_log add column reason varchar(1000);

-- (the purge finds old calls through call_listing_idx: tenant_id, sort_time, id)

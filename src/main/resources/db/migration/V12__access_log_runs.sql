-- Reads of one recording or call are found through runs instead of a per-row index entry: the access log's writer
-- stores a batch of rows at once and, for each recording the batch read, one run giving the first and last id its
-- rows took there. The two per-row indexes keyed by recording and by call were inserted at random places, and on the
-- embedded default they were half of a row's cost (docs/performance.md, eleventh and twelfth rounds); a run is one
-- entry per recording per batch, and a player seeking through a recording reads it many times per batch.
-- The rows already logged get a run each, so every one of them is still found. Newest runs first: H2 walks an index
-- in its own order only.
create table access_log_runs (
    tenant_id    varchar(64)  not null,
    call_id      varchar(128) not null,
    recording_id varchar(36),
    first_id     bigint       not null,
    last_id      bigint       not null
);
insert into access_log_runs (tenant_id, call_id, recording_id, first_id, last_id)
select tenant_id, call_id, recording_id, id, id from access_log;
create index access_log_runs_recording_idx on access_log_runs (recording_id, last_id desc, first_id desc);
create index access_log_runs_call_idx on access_log_runs (tenant_id, call_id, last_id desc, first_id desc);
drop index access_log_recording_id_idx;
drop index access_log_call_id_idx;

-- A client's reads are found through runs too, as a recording's and a call's are (V12): the per-row index
-- (client_id, id desc) cost the embedded default's writer about 4 us a row (docs/performance.md, fourteenth round),
-- where a run is one entry per recording and client per batch. A run now names its client, so the runs are made
-- again from the rows: one per row logged so far, as V12 did, so that every row is still found by each of its keys.
-- Into a new table, indexed after it is filled: deleting and refilling the old one in place took H2 200 s per
-- million rows, this 16 (measured on 2 cores, with 1 million rows).
-- It may be killed part way on a large archive (a start that takes minutes), and H2 commits each DDL statement as
-- it goes: every step can run again after any of them, so the next start finishes it.
create table if not exists access_log_runs_by_client (
    tenant_id    varchar(64)  not null,
    call_id      varchar(128) not null,
    recording_id varchar(36),
    client_id    varchar(80),
    first_id     bigint       not null,
    last_id      bigint       not null
);
insert into access_log_runs_by_client (tenant_id, call_id, recording_id, client_id, first_id, last_id)
select tenant_id, call_id, recording_id, client_id, id, id from access_log
where not exists (select 1 from access_log_runs_by_client);
drop table if exists access_log_runs;
alter table access_log_runs_by_client rename to access_log_runs;
create index if not exists access_log_runs_recording_idx on access_log_runs (recording_id, last_id desc, first_id desc);
create index if not exists access_log_runs_call_idx on access_log_runs (tenant_id, call_id, last_id desc, first_id desc);
create index if not exists access_log_runs_client_idx on access_log_runs (client_id, last_id desc, first_id desc);
drop index if exists access_log_client_id_idx;

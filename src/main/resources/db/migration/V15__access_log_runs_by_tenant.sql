-- A tenant's reads are found through the runs too, as a recording's, a call's and a client's are (V12, V14): the
-- two per-row indexes (tenant_id, id desc) and (tenant_id, read_at) were together about 7 us of the embedded
-- default's writer a row, half of it (docs/performance.md, fifteenth round). A run now carries the first and last
-- time its rows were read, so that a period's page passes over the runs outside it without reading their rows.
-- The runs are made again from the rows, one per row logged so far as V14 did, each with its row's time: a run
-- written by the writer before this version has no times to keep, and an update of every run in place took H2 60 s
-- per million rows where this takes about 16.
-- The times may be null: a node still on the version before, during a rolling upgrade, writes its runs without
-- them, and the audit trail takes such a run as "any time" (its rows are read and tested, never missed).
-- Every step can run again after any of them (H2 commits each DDL statement as it goes), so a start killed part way
-- is finished by the next one.
create table if not exists access_log_runs_timed (
    tenant_id    varchar(64)  not null,
    call_id      varchar(128) not null,
    recording_id varchar(36),
    client_id    varchar(80),
    first_id     bigint       not null,
    last_id      bigint       not null,
    first_at     timestamp with time zone,
    last_at      timestamp with time zone
);
insert into access_log_runs_timed (tenant_id, call_id, recording_id, client_id, first_id, last_id, first_at, last_at)
select tenant_id, call_id, recording_id, client_id, id, id, read_at, read_at from access_log
where not exists (select 1 from access_log_runs_timed);
drop table if exists access_log_runs;
alter table access_log_runs_timed rename to access_log_runs;
create index if not exists access_log_runs_recording_idx on access_log_runs (recording_id, last_id desc, first_id desc);
create index if not exists access_log_runs_call_idx on access_log_runs (tenant_id, call_id, last_id desc, first_id desc);
create index if not exists access_log_runs_client_idx on access_log_runs (client_id, last_id desc, first_id desc);
create index if not exists access_log_runs_tenant_idx on access_log_runs (tenant_id, last_id desc, first_id desc);
drop index if exists access_log_tenant_id_idx;
drop index if exists access_log_tenant_idx;

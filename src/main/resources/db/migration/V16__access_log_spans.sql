-- A tenant's and a client's reads are found through spans: one per tenant and client in a gathering, the ids and
-- times its rows took (the writer gives a tenant's and client's rows of a gathering consecutive ids). The runs keep
-- finding a recording's and a call's reads, and lose their indexes by tenant and by client: a run is one per
-- recording and client in a gathering, so a gathering over many recordings (random ranges over a thousand, in the
-- bench) wrote nearly four index entries per read, two of them for pages a span now answers with one entry per
-- gathering (docs/performance.md, sixteenth round).
-- The spans are made from the runs so far, one per run: a run holds only rows of its tenant and client. A node still
-- on the version before writes runs and no spans, so its reads after this ran are found by recording and call only;
-- the insert below, run again once every node is on this version, gives them spans (docs/deployment.md): it copies
-- each run that has no span of its tenant with its very ids.
-- Every step can run again after any of them (H2 commits each DDL statement as it goes), so a start killed part way
-- is finished by the next one.
create table if not exists access_log_spans (
    tenant_id varchar(64) not null,
    client_id varchar(80),
    first_id  bigint      not null,
    last_id   bigint      not null,
    first_at  timestamp with time zone,
    last_at   timestamp with time zone
);
create index if not exists access_log_spans_tenant_idx on access_log_spans (tenant_id, last_id desc, first_id desc);
create index if not exists access_log_spans_client_idx on access_log_spans (client_id, last_id desc, first_id desc);
insert into access_log_spans (tenant_id, client_id, first_id, last_id, first_at, last_at)
select r.tenant_id, r.client_id, r.first_id, r.last_id, r.first_at, r.last_at from access_log_runs r
where not exists (select 1 from access_log_spans s
                  where s.tenant_id = r.tenant_id and s.last_id = r.last_id and s.first_id = r.first_id);
drop index if exists access_log_runs_tenant_idx;
drop index if exists access_log_runs_client_idx;

-- A tenant's or a client's reads, newest first: H2 walks an index in its own order only, so with (tenant_id, id) it
-- read every row of the tenant and sorted them to answer one page (100,000 rows scanned for 101 shown). Descending,
-- and named in the order by, the page is read straight off the index on H2 and on PostgreSQL alike.
drop index access_log_tenant_id_idx;
drop index access_log_client_id_idx;
create index access_log_tenant_id_idx on access_log (tenant_id, id desc);
create index access_log_client_id_idx on access_log (client_id, id desc);

-- The audit API pages the access log newest first by id, filtered by tenant, client, recording or call.
create index access_log_tenant_id_idx on access_log (tenant_id, id);
create index access_log_client_id_idx on access_log (client_id, id);
create index access_log_recording_id_idx on access_log (recording_id, id);
create index access_log_call_id_idx on access_log (tenant_id, call_id, id);

-- access_log_recording_id_idx (recording_id, id) from V4 serves every query by recording (a recording has few reads);
-- (recording_id, read_at) from V1 only cost every audio read one more index update (measured: each secondary index
-- of access_log costs PostgreSQL ~3 us of CPU per read logged).
drop index access_log_recording_idx;

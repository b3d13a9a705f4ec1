-- Which blob store holds a recording's audio, so that recordings can move between stores one at a time.
alter table recordings add column store varchar(16) default 'filesystem' not null;
create index recording_store_idx on recordings (store, id);

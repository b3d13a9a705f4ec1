-- Speech-recognition transcripts. A transcript belongs to a segment of a call (tenant, call, recordId), whether or
-- not that segment's audio has arrived yet; sending a call's transcripts again replaces them.

create table transcripts (
    tenant_id   varchar(64)  not null,
    call_id     varchar(128) not null,
    status      varchar(64),
    description varchar(4000),
    updated_at  timestamp with time zone not null,
    primary key (tenant_id, call_id),
    constraint transcript_call_fk foreign key (tenant_id, call_id) references calls (tenant_id, id)
);

create table transcript_records (
    tenant_id  varchar(64)  not null,
    call_id    varchar(128) not null,
    record_id  integer      not null,
    ani        varchar(256),
    dnis       varchar(256),
    agent_id   varchar(256),
    agent_name varchar(256),
    primary key (tenant_id, call_id, record_id),
    constraint transcript_record_fk foreign key (tenant_id, call_id) references transcripts (tenant_id, call_id)
);

-- start/end are offsets into the audio, kept as the JSON numbers they were sent as (milliseconds by convention)
create table transcript_sentences (
    tenant_id    varchar(64)  not null,
    call_id      varchar(128) not null,
    record_id    integer      not null,
    sequence     integer      not null,
    speaker_id   integer      not null,
    start_offset varchar(32),
    end_offset   varchar(32),
    text         varchar(16000) not null,
    primary key (tenant_id, call_id, record_id, sequence),
    constraint transcript_sentence_fk foreign key (tenant_id, call_id, record_id)
        references transcript_records (tenant_id, call_id, record_id)
);

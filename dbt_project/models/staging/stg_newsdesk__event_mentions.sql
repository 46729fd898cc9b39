-- Column names stay as in raw: orchestration.lib.rules.event_clusters is written against them.
with

source as (

    select * from {{ source('newsdesk', 'event_mentions') }}

),

renamed as (

    select
        event_mention_id::varchar as event_mention_id,
        drop_id::varchar as drop_id,
        article_id::varchar as article_id,

        event_type::varchar as event_type,
        trigger_text::varchar as trigger_text,
        trigger_start::integer as trigger_start,
        trigger_end::integer as trigger_end,

        coalesce(participant_mention_ids, [])::varchar[] as participant_mention_ids,
        coalesce(participant_texts, [])::varchar[] as participant_texts,
        location_mention_id::varchar as location_mention_id,
        location_text::varchar as location_text,

        event_date::date as event_date,
        date_text::varchar as date_text,
        date_source::varchar as date_source,

        coalesce(is_lead, false)::boolean as is_lead,
        coalesce(is_anaphoric, false)::boolean as is_anaphoric,
        coalesce(modality, 'asserted')::varchar as modality,

        sentence::varchar as sentence,
        sentence_start::integer as sentence_start,
        sentence_end::integer as sentence_end

    from source

)

select * from renamed

with

event_mentions as (

    select * from {{ ref('int_event_mentions_current') }}

),

clusters as (

    select * from {{ ref('int_event_mentions_clustered') }}

),

final as (

    select
        event_mentions.event_mention_id,
        clusters.event_id,
        event_mentions.article_id,
        event_mentions.event_type,
        event_mentions.trigger_text,
        event_mentions.trigger_start as start_char,
        event_mentions.trigger_end as end_char,
        event_mentions.sentence,
        event_mentions.event_date,
        event_mentions.date_text,
        event_mentions.date_source,
        event_mentions.is_anaphoric,
        event_mentions.modality,
        clusters.merge_reason
    from event_mentions
    inner join clusters
        on event_mentions.event_mention_id = clusters.event_mention_id
    where event_mentions.is_accepted

)

select * from final

with

events as (

    select * from {{ ref('int_events_aggregated') }}

),

final as (

    select
        event_id,
        event_type,
        event_date,
        location,
        participants,
        participant_ids,
        source_count,
        report_count,
        article_ids,
        evidence,
        merge_reason,
        date_source,
        modality
    from events

)

select * from final

with

entities as (

    select * from {{ ref('int_entities_aggregated') }}

),

final as (

    select
        entity_id,
        name,
        entity_type,
        aliases,
        article_ids,
        article_count,
        mention_count,
        first_article_id as article_id,
        first_start_char as start_char,
        first_end_char as end_char
    from entities

)

select * from final

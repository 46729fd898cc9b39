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
        article_count,
        mention_count
    from entities

)

select * from final

with

aliases as (

    select * from {{ ref('int_entity_aliases_aggregated') }}

),

entities as (

    select * from {{ ref('int_entities_aggregated') }}

),

final as (

    select
        aliases.entity_id,
        aliases.alias,
        entities.entity_type,
        aliases.alias_rule,
        aliases.alias_score,
        aliases.mention_count,
        aliases.article_id,
        aliases.start_char,
        aliases.end_char
    from aliases
    inner join entities
        on aliases.entity_id = entities.entity_id

)

select * from final

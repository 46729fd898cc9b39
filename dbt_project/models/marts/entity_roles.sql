-- Titles and organisations read next to an entity mention ("Iranian Foreign Minister ..."),
-- dated by the article that states them.
with

mentions as (

    select * from {{ ref('int_entity_mentions_enriched') }}

),

entities as (

    select * from {{ ref('int_entities_aggregated') }}

),

final as (

    select
        mentions.mention_id,
        mentions.entity_id,
        entities.name as entity_name,
        mentions.role_title as title,
        mentions.role_org as organisation,
        mentions.article_id,
        mentions.published_date as role_date,
        mentions.role_text as evidence,
        mentions.start_char,
        mentions.end_char
    from mentions
    inner join entities
        on mentions.entity_id = entities.entity_id
    where mentions.role_title is not null
        or mentions.role_org is not null

)

select * from final

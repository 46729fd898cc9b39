-- One row per resolved entity over accepted articles. The name and type are the ones the resolver
-- gave most often (alphabetical on ties, so the choice is stable).
with

mentions as (

    select * from {{ ref('int_entity_mentions_enriched') }}

),

name_votes as (

    select
        entity_id,
        canonical_name,
        count(*) as votes
    from mentions
    group by all

),

type_votes as (

    select
        entity_id,
        entity_type,
        count(*) as votes
    from mentions
    group by all

),

names as (

    select
        entity_id,
        first(canonical_name order by votes desc, canonical_name) as name
    from name_votes
    group by entity_id

),

types as (

    select
        entity_id,
        first(entity_type order by votes desc, entity_type) as entity_type
    from type_votes
    group by entity_id

),

counts as (

    select
        entity_id,
        list(distinct mention_text order by mention_text) as aliases,
        count(distinct article_id)::bigint as article_count,
        count(*)::bigint as mention_count
    from mentions
    group by entity_id

),

entities as (

    select
        counts.entity_id,
        names.name,
        types.entity_type,
        counts.aliases,
        counts.article_count,
        counts.mention_count
    from counts
    inner join names on counts.entity_id = names.entity_id
    inner join types on counts.entity_id = types.entity_id

)

select * from entities

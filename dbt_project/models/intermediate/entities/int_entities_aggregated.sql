-- One row per resolved entity over accepted articles. The name and type are the ones the resolver
-- gave most often (alphabetical on ties, so the choice is stable).
-- A table, not a view: entities, entity_aliases, entity_roles and events all read it, and as a
-- view each of them re-aggregated every mention of the warehouse (about 0.5 s each at 10,000
-- articles, against 0.6 s to build the table once).
{{ config(materialized='table') }}
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
        -- name mentions vote first: demonyms type nothing when there is a name
        count(*) filter (where mention_kind = 'name') as votes,
        count(*) as all_votes
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
        first(entity_type order by votes desc, all_votes desc, entity_type) as entity_type
    from type_votes
    group by entity_id

),

counts as (

    select
        entity_id,
        -- a demonym ("European") is never an alias of the entity it links to; an entity known
        -- only by demonyms (no place of that name in the batch) keeps them as its forms
        coalesce(
            list(distinct mention_text order by mention_text)
                filter (where mention_kind = 'name'),
            list(distinct mention_text order by mention_text)
        ) as aliases,
        list(distinct article_id order by article_id) as article_ids,
        count(distinct article_id)::bigint as article_count,
        count(*)::bigint as mention_count,
        -- where an analyst can read the entity: its first mention
        first(article_id order by article_id, start_char) as first_article_id,
        first(start_char order by article_id, start_char) as first_start_char,
        first(end_char order by article_id, start_char) as first_end_char
    from mentions
    group by entity_id

),

entities as (

    select
        counts.entity_id,
        names.name,
        types.entity_type,
        counts.aliases,
        counts.article_ids,
        counts.article_count,
        counts.mention_count,
        counts.first_article_id,
        counts.first_start_char,
        counts.first_end_char
    from counts
    inner join names on counts.entity_id = names.entity_id
    inner join types on counts.entity_id = types.entity_id

)

select * from entities

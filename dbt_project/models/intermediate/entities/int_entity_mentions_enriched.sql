-- Resolved entity mentions (accepted articles) joined back to their text, span, sentence and
-- role. Mentions the resolver leaves without an entity_id (e.g. dropped by an override) are out.
-- A table, not a view: four models read it (entity_mentions, entity_roles and the two
-- aggregations), and as a view each of them redid this join and the current-delivery window over
-- every mention of the warehouse.
{{ config(materialized='table') }}
with

resolved as (

    select * from {{ ref('int_entity_mentions_resolved') }}

),

mentions as (

    select * from {{ ref('int_entity_mentions_current') }}

),

enriched as (

    select
        resolved.mention_id,
        resolved.article_id,
        resolved.entity_id,
        resolved.canonical_name,
        resolved.entity_type,
        mentions.entity_type as raw_entity_type,
        mentions.mention_kind,
        resolved.alias_rule,
        resolved.alias_score,
        mentions.mention_text,
        mentions.start_char,
        mentions.end_char,
        mentions.sentence,
        mentions.role_title,
        mentions.role_org,
        mentions.role_text,
        mentions.published_date
    from resolved
    inner join mentions
        on resolved.mention_id = mentions.mention_id
    where resolved.entity_id is not null

)

select * from enriched

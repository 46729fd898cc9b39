-- One row per (entity, surface form) over accepted articles: how the resolver matched it, how often
-- it occurs, and where it was first seen (earliest published article, then article_id, then offset).
with

mentions as (

    select * from {{ ref('int_entity_mentions_enriched') }}

),

ordered as (

    select
        *,
        row_number() over (
            partition by entity_id, mention_text
            order by published_date asc nulls last, article_id, start_char
        ) as occurrence,
        count(*) over (partition by entity_id, mention_text) as alias_mention_count
    from mentions

),

aliases as (

    select
        entity_id,
        mention_text as alias,
        alias_rule,
        alias_score,
        alias_mention_count::bigint as mention_count,
        article_id,
        start_char,
        end_char
    from ordered
    where occurrence = 1

)

select * from aliases

-- One row per (entity, surface form) over accepted articles: how the resolver matched it, how often
-- it occurs, and where it was first seen (earliest published article, then article_id, then offset).
with

mentions as (

    select * from {{ ref('int_entity_mentions_enriched') }}

),

-- a demonym ("European", "Afghan") is never an alias of the entity it links to; an entity known
-- only by demonyms keeps them as its forms
named_entities as (

    select distinct entity_id from mentions where mention_kind = 'name'

),

alias_mentions as (

    select mentions.*
    from mentions
    left join named_entities on mentions.entity_id = named_entities.entity_id
    where mentions.mention_kind = 'name' or named_entities.entity_id is null

),

aliases as (

    select
        entity_id,
        mention_text as alias,
        -- the first occurrence, in one aggregate (a window over every mention cost 5x more);
        -- undated articles come last, as in "order by published_date nulls last"
        arg_min(
            {
                'alias_rule': alias_rule,
                'alias_score': alias_score,
                'article_id': article_id,
                'start_char': start_char,
                'end_char': end_char
            },
            {
                'undated': published_date is null,
                'published_date': coalesce(published_date, date '1970-01-01'),
                'article_id': article_id,
                'start_char': start_char
            }
        ) as first_seen,
        count(*)::bigint as mention_count
    from alias_mentions
    group by entity_id, mention_text

),

final as (

    select
        entity_id,
        alias,
        first_seen.alias_rule,
        first_seen.alias_score,
        mention_count,
        first_seen.article_id,
        first_seen.start_char,
        first_seen.end_char
    from aliases

)

select * from final

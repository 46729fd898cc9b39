with

mentions as (

    select * from {{ ref('int_entity_mentions_enriched') }}

),

final as (

    select
        mention_id,
        article_id,
        entity_id,
        mention_text,
        entity_type,
        raw_entity_type,
        mention_kind,
        start_char,
        end_char,
        sentence,
        alias_rule,
        alias_score
    from mentions

)

select * from final

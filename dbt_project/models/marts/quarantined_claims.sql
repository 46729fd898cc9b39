{{ config(materialized='view') }}
-- Claims of quarantined articles, kept inspectable: what they would agree with or contradict if
-- the article were accepted, and why the article was quarantined.
with

claims as (

    select * from {{ ref('int_claims_enriched') }}

),

articles as (

    select * from {{ ref('int_articles_current') }}

),

final as (

    select
        claims.claim_id,
        claims.article_id,
        claims.subject,
        claims.subject_entity,
        claims.subject_entity_id,
        claims.value,
        claims.unit,
        claims.raw_value,
        claims.raw_unit,
        claims.per,
        claims.period,
        claims.low,
        claims.high,
        claims.kind,
        claims.qualifier,
        claims.attribution,
        claims.quantity_text,
        claims.sentence as evidence,
        claims.quantity_start as start_char,
        claims.quantity_end as end_char,
        claims.claim_group_id,
        claims.group_rationale,
        claims.status_with_quarantined,
        claims.conflicting_claim_ids,
        articles.quarantine_reasons
    from claims
    inner join articles
        on claims.article_id = articles.article_id
    where not articles.is_accepted

)

select * from final

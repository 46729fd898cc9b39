-- Quantitative claims of accepted articles; group_status compares them across accepted articles.
with

claims as (

    select * from {{ ref('int_claims_enriched') }}

),

final as (

    select
        claim_id,
        article_id,
        subject,
        subject_entity,
        subject_entity_id,
        value,
        unit,
        raw_value,
        raw_unit,
        per,
        period,
        low,
        high,
        kind,
        qualifier,
        attribution,
        quantity_text,
        sentence as evidence,
        quantity_start as start_char,
        quantity_end as end_char,
        claim_group_id,
        group_rationale,
        group_status,
        tolerance
    from claims
    where is_accepted

)

select * from final

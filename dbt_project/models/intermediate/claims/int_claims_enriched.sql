-- Every claim (quarantined articles included) joined to its group, statuses and conflicts as
-- computed by orchestration.lib.rules.claim_groups.group_claims (int_claims_grouped).
with

claims as (

    select * from {{ ref('int_claim_mentions_current') }}

),

groups as (

    select * from {{ ref('int_claims_grouped') }}

),

enriched as (

    select
        claims.*,
        groups.claim_group_id,
        groups.group_status,
        groups.status_with_quarantined,
        groups.tolerance,
        groups.conflicting_claim_ids
    from claims
    inner join groups
        on claims.claim_id = groups.claim_id

)

select * from enriched

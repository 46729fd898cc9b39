-- Every claim (quarantined articles included) joined to its group, statuses, conflicts and
-- rationale as computed by orchestration.lib.rules.claim_groups.group_claims
-- (int_claims_grouped), and to the resolved entity it measures (subject_entity_id).
with

claims as (

    select * from {{ ref('int_claim_mentions_current') }}

),

groups as (

    select * from {{ ref('int_claims_grouped') }}

),

resolved as (

    select mention_id, entity_id from {{ ref('int_entity_mentions_resolved') }}

),

enriched as (

    select
        claims.*,
        resolved.entity_id as subject_entity_id,
        groups.claim_group_id,
        groups.group_status,
        groups.status_with_quarantined,
        groups.tolerance,
        groups.conflicting_claim_ids,
        groups.group_rationale
    from claims
    inner join groups
        on claims.claim_id = groups.claim_id
    left join resolved
        on claims.subject_mention_id = resolved.mention_id

)

select * from enriched

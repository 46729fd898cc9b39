-- One row per article_id: its latest delivery (ingested last; ties broken by drop_id, then by
-- file and record, so two files of one drop sharing a name give a stable choice), with the
-- accept/quarantine decision taken from that delivery.
with

articles as (

    select * from {{ ref('stg_newsdesk__articles') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by article_id
            order by ingested_at desc nulls last, drop_id desc, source_path, record nulls first
        ) as delivery_rank,
        count(*) over (partition by article_id) as delivery_count
    from articles

),

latest as (

    select
        * exclude (delivery_rank),
        len(quarantine_reasons) = 0 as is_accepted,
        case
            when len(quarantine_reasons) = 0 then 'accepted'
            else 'quarantined'
        end as article_status
    from ranked
    where delivery_rank = 1

)

select * from latest

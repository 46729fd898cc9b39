-- One row per article_id: its latest delivery (ingested last; ties broken by drop_id, then by
-- file and record, so two files of one drop sharing a name give a stable choice), with the
-- accept/quarantine decision taken from that delivery.
-- The deliveries are ranked on their keys alone and the chosen rows joined back: a window over
-- whole rows carried every body through its sort (about 1 s at 10,000 articles against 0.3 s).
with

articles as (

    select * from {{ ref('stg_newsdesk__articles') }}

),

ranked as (

    select
        drop_id,
        source_path,
        record,
        row_number() over (
            partition by article_id
            order by ingested_at desc nulls last, drop_id desc, source_path, record nulls first
        ) as delivery_rank,
        count(*) over (partition by article_id) as delivery_count
    from articles

),

latest as (

    -- (drop_id, source_path, record) is one delivery: raw_articles writes one row per file,
    -- or per record of a JSON / JSONL file
    select
        articles.*,
        ranked.delivery_count,
        len(articles.quarantine_reasons) = 0 as is_accepted,
        case
            when len(articles.quarantine_reasons) = 0 then 'accepted'
            else 'quarantined'
        end as article_status
    from articles
    inner join ranked
        on articles.drop_id = ranked.drop_id
        and articles.source_path = ranked.source_path
        and articles.record is not distinct from ranked.record
    where ranked.delivery_rank = 1

)

select * from latest

-- One row per input file of every drop (per record of a JSON / JSONL file): what became of it.
-- status: quarantined (any reason, read or gate) > duplicate (passed the gate but copies an
-- earlier article) > accepted. Per drop, accepted + quarantined + duplicate = rows delivered
-- (tests/assert_drop_files_account_for_every_row.sql).
-- This model is the one home of that rule for everything that reads the warehouse: the drop
-- report (orchestration/lib/pages/sections.py) and the run summary show this status. The ingest
-- asset only counts, before dbt runs (orchestration.lib.read.drop.account_for_drop).
with

deliveries as (

    select * from {{ ref('stg_newsdesk__articles') }}

),

duplicates as (

    select * from {{ ref('int_article_duplicates_detected') }}

),

classified as (

    select
        deliveries.*,
        duplicates.duplicate_of,
        duplicates.similarity,
        duplicates.method as duplicate_method,
        case
            when len(deliveries.quarantine_reasons) > 0 then 'quarantined'
            when duplicates.article_id is not null then 'duplicate'
            else 'accepted'
        end as status
    from deliveries
    left join duplicates
        on deliveries.article_id = duplicates.article_id

),

final as (

    select
        drop_id,
        source_path,
        record,
        article_id,
        source_format,
        encoding,
        title,
        published_date,
        status,
        case status
            when 'quarantined' then quarantine_reasons
            when 'duplicate' then [duplicate_method]
            else []::varchar[]
        end as reasons,
        case status
            when 'quarantined' then quarantine_detail
            when 'duplicate' then
                duplicate_method || ': a copy of ' || duplicate_of
                || ' (similarity ' || printf('%.2f', similarity) || ')'
        end as detail,
        case when status = 'duplicate' then duplicate_of end as duplicate_of,
        file_size,
        ingested_at
    from classified

)

select * from final

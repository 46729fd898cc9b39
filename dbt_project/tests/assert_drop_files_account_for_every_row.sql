-- Every drop is fully accounted for: per drop, accepted + quarantined + duplicate in drop_files
-- equals the rows delivered (one per file, one per JSON record), and a row has reasons exactly
-- when it is not accepted. Returns the drops and rows that break this.
-- Shown in Dagster as a check of drop_files (the test reads several models).
{{ config(meta={'dagster': {'ref': {'name': 'drop_files'}}}) }}
with

delivered as (

    select drop_id, count(*) as rows_delivered
    from {{ ref('stg_newsdesk__articles') }}
    group by drop_id

),

accounted as (

    select
        drop_id,
        count(*) filter (where status = 'accepted') as accepted,
        count(*) filter (where status = 'quarantined') as quarantined,
        count(*) filter (where status = 'duplicate') as duplicate
    from {{ ref('drop_files') }}
    group by drop_id

),

unbalanced as (

    select
        delivered.drop_id,
        null as source_path,
        'accepted + quarantined + duplicate = '
        || coalesce(accounted.accepted + accounted.quarantined + accounted.duplicate, 0)
        || ', rows delivered = ' || delivered.rows_delivered as problem
    from delivered
    left join accounted
        on delivered.drop_id = accounted.drop_id
    where coalesce(accounted.accepted + accounted.quarantined + accounted.duplicate, 0)
        <> delivered.rows_delivered

),

unexplained as (

    select drop_id, source_path, 'status ' || status || ' with reasons ' || reasons::varchar
    from {{ ref('drop_files') }}
    where (status = 'accepted') <> (len(reasons) = 0)

)

select * from unbalanced
union all
select * from unexplained

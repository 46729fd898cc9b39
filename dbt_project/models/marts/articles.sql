{{ config(materialized='incremental', incremental_strategy='sync', unique_key='article_id', on_schema_change='append_new_columns') }}
-- Accepted articles, one row per article_id (its latest delivery).
with

articles as (

    select * from {{ ref('int_articles_current') }}

),

final as (

    select
        article_id,
        drop_id,
        source_path,
        title,
        title_source,
        published_date,
        publisher,
        url,
        authors,
        body,
        dateline_place,
        content_hash,
        source_format,
        encoding,
        headings,
        ingested_at
    from articles
    where is_accepted

)

select * from final

-- Articles whose latest delivery failed the quality gate, with the reasons.
with

articles as (

    select * from {{ ref('int_articles_current') }}

),

final as (

    select
        article_id,
        drop_id,
        source_path,
        quarantine_reasons as reasons,
        quarantine_detail as detail,
        title,
        published_date,
        ingested_at
    from articles
    where not is_accepted

)

select * from final

-- Every delivery (drop) of an article that carries the same body as its current delivery,
-- newest first: delivery_rank 1 is the current one. Extraction rows are read from the best-ranked
-- delivery that has them (macro select_current_delivery). One row per (article, drop) even when
-- two files of a drop share the article_id (both quarantined as duplicate_article_id).
with

articles as (

    select * from {{ ref('stg_newsdesk__articles') }}

),

current_articles as (

    select * from {{ ref('int_articles_current') }}

),

same_content as (

    select
        articles.article_id,
        articles.drop_id,
        articles.ingested_at,
        current_articles.published_date,
        current_articles.is_accepted
    from articles
    inner join current_articles
        on articles.article_id = current_articles.article_id
        and articles.content_hash is not distinct from current_articles.content_hash
    qualify row_number() over (
        partition by articles.article_id, articles.drop_id
        order by articles.source_path, articles.record nulls first
    ) = 1

),

ranked as (

    select
        *,
        row_number() over (
            partition by article_id
            order by ingested_at desc nulls last, drop_id desc
        ) as delivery_rank
    from same_content

)

select * from ranked

{#-
    Keep the extraction rows (entity / event / claim mentions) of each article's current
    delivery only.

    An article_id may arrive in several drops. Extraction can be skipped for an article already
    seen with the same body, so the current delivery may have no extraction rows of its own.
    Offsets are only valid against the body they were computed on, so rows are taken from the
    most recent delivery whose content_hash equals the current one AND that has rows in this
    table (int_article_deliveries_ranked, rank 1 = the current delivery). The article's
    published_date and is_accepted are carried along.

    Usage: {{ select_current_delivery(ref('stg_newsdesk__entity_mentions')) }}
-#}
{% macro select_current_delivery(extraction_relation) %}
with

extraction as (

    select * from {{ extraction_relation }}

),

deliveries as (

    select * from {{ ref('int_article_deliveries_ranked') }}

),

matched as (

    select
        extraction.*,
        deliveries.published_date,
        deliveries.is_accepted,
        deliveries.delivery_rank
    from extraction
    inner join deliveries
        on extraction.article_id = deliveries.article_id
        and extraction.drop_id = deliveries.drop_id

),

current_rows as (

    select * exclude (delivery_rank)
    from matched
    qualify delivery_rank = min(delivery_rank) over (partition by article_id)

)

select * from current_rows
{% endmacro %}

-- Every span in the marts is body[start_char:end_char] of its article (0-based, end-exclusive,
-- in characters). Returns the spans that do not match.
-- Shown in Dagster as a check of articles (the test reads several models).
-- A drop's run (NEWSDESK_DBT_DROP_ID, set by the dbt asset) checks the spans of the articles that
-- drop delivered: an older article's spans do not change when another drop lands, and counting
-- characters into every body of the warehouse was the largest test of a drop's build (1.6 s of
-- CPU at 10,000 articles). A full build (the daily rebuild_marts) checks every span.
{{ config(meta={'dagster': {'ref': {'name': 'articles'}}}) }}
{%- set drop_id = env_var('NEWSDESK_DBT_DROP_ID', '') %}
with

articles as (

    select article_id, body from {{ ref('articles') }}

),

drop_articles as (

    select article_id
    from {{ ref('stg_newsdesk__articles') }}
    where drop_id = '{{ drop_id | replace("'", "''") }}'

),

spans as (

    select 'entity_mentions' as mart, mention_id as row_id, article_id, start_char, end_char,
        mention_text as span_text
    from {{ ref('entity_mentions') }}

    union all

    select 'event_mentions', event_mention_id, article_id, start_char, end_char, trigger_text
    from {{ ref('event_mentions') }}

    union all

    select 'claims', claim_id, article_id, start_char, end_char, quantity_text
    from {{ ref('claims') }}

    union all

    select 'entity_aliases', entity_id || ' / ' || alias, article_id, start_char, end_char, alias
    from {{ ref('entity_aliases') }}

)

select
    spans.*,
    substring(articles.body, spans.start_char + 1, spans.end_char - spans.start_char) as body_text
from spans
left join articles
    on spans.article_id = articles.article_id
where body_text is distinct from spans.span_text
{%- if drop_id %}
    and spans.article_id in (select article_id from drop_articles)
{%- endif %}

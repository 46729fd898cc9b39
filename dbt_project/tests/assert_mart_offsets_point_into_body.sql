-- Every span in the marts is body[start_char:end_char] of its article (0-based, end-exclusive,
-- in characters). Returns the spans that do not match.
-- Shown in Dagster as a check of articles (the test reads several models).
{{ config(meta={'dagster': {'ref': {'name': 'articles'}}}) }}
with

articles as (

    select article_id, body from {{ ref('articles') }}

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

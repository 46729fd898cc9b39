-- An article_id is either in articles or in quarantined_articles, never both.
-- Shown in Dagster as a check of quarantined_articles (the test reads several models).
{{ config(meta={'dagster': {'ref': {'name': 'quarantined_articles'}}}) }}
select article_id
from {{ ref('articles') }}
intersect
select article_id
from {{ ref('quarantined_articles') }}

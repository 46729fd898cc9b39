-- An article_id is either in articles or in quarantined_articles, never both.
select article_id
from {{ ref('articles') }}
intersect
select article_id
from {{ ref('quarantined_articles') }}

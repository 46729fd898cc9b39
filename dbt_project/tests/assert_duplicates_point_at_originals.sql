-- A duplicate points at the original of its group, never at another copy, and never at itself:
-- so coalesce(duplicate_of, article_id) names one independent story (events.source_count).
select duplicates.article_id, duplicates.duplicate_of
from {{ ref('article_duplicates') }} as duplicates
inner join {{ ref('article_duplicates') }} as targets
    on duplicates.duplicate_of = targets.article_id
union all
select article_id, duplicate_of
from {{ ref('article_duplicates') }}
where article_id = duplicate_of

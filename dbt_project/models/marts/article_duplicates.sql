-- Accepted articles that repeat an earlier one: exact copies (same cleaned body) and
-- near-duplicates (syndicated copies with a new headline, a sentence added...), each pointing at
-- the original of its group (orchestration.lib.rules.duplicates.find_duplicates).
with

duplicates as (

    select * from {{ ref('int_article_duplicates_detected') }}

),

final as (

    select
        article_id,
        duplicate_of,
        similarity,
        method
    from duplicates

)

select * from final

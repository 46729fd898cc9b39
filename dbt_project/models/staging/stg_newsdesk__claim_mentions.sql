-- Column names stay as in raw: orchestration.lib.nlp.claims is written against them.
with

source as (

    select * from {{ source('newsdesk', 'claim_mentions') }}

),

renamed as (

    select
        claim_id::varchar as claim_id,
        drop_id::varchar as drop_id,
        article_id::varchar as article_id,

        subject::varchar as subject,
        coalesce(subject_terms, [])::varchar[] as subject_terms,
        subject_entity::varchar as subject_entity,
        subject_mention_id::varchar as subject_mention_id,

        quantity_text::varchar as quantity_text,
        quantity_start::integer as quantity_start,
        quantity_end::integer as quantity_end,

        raw_value::double as raw_value,
        raw_unit::varchar as raw_unit,
        per::varchar as per,
        period::varchar as period,
        low::double as low,
        high::double as high,
        kind::varchar as kind,
        qualifier::varchar as qualifier,
        attribution::varchar as attribution,

        value::double as value,
        unit::varchar as unit,

        sentence::varchar as sentence,
        sentence_start::integer as sentence_start,
        sentence_end::integer as sentence_end

    from source

)

select * from renamed

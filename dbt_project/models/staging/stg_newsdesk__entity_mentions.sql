-- Column names stay as in raw: orchestration.lib.rules.resolution is written against them.
with

source as (

    select * from {{ source('newsdesk', 'entity_mentions') }}

),

renamed as (

    select
        mention_id::varchar as mention_id,
        drop_id::varchar as drop_id,
        article_id::varchar as article_id,

        mention_text::varchar as mention_text,
        entity_type::varchar as entity_type,
        -- name | demonym; rows extracted before the column existed are names
        coalesce(mention_kind::varchar, 'name') as mention_kind,
        start_char::integer as start_char,
        end_char::integer as end_char,

        sentence::varchar as sentence,
        sentence_start::integer as sentence_start,
        sentence_end::integer as sentence_end,

        role_title::varchar as role_title,
        role_org::varchar as role_org,
        role_text::varchar as role_text

    from source

)

select * from renamed

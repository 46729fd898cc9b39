with

source as (

    select * from {{ source('newsdesk', 'articles') }}

),

renamed as (

    select
        -- ids
        article_id::varchar as article_id,
        drop_id::varchar as drop_id,

        -- file
        source_path::varchar as source_path,
        record::integer as record,
        source_format::varchar as source_format,
        encoding::varchar as encoding,
        file_size::bigint as file_size,
        file_hash::varchar as file_hash,
        content_hash::varchar as content_hash,

        -- parsed content
        title::varchar as title,
        -- rows ingested before title_source existed: a title they have is their headline
        coalesce(title_source, case when title is not null then 'headline' end)::varchar
            as title_source,
        published_date::date as published_date,
        date_text::varchar as date_text,
        publisher::varchar as publisher,
        url::varchar as url,
        coalesce(authors, [])::varchar[] as authors,
        body::varchar as body,
        dateline_place::varchar as dateline_place,
        coalesce(headings, [])::varchar[] as headings,
        coalesce(boilerplate, [])::varchar[] as boilerplate,
        minhash::uinteger[] as minhash,

        -- quality gate
        coalesce(quarantine_reasons, [])::varchar[] as quarantine_reasons,
        quarantine_detail::varchar as quarantine_detail,

        ingested_at::timestamp as ingested_at

    from source

)

select * from renamed

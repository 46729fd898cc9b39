-- One row per clustered event over accepted articles.
-- * event_date: from the most reliable date_source (explicit > weekday > relative > dateline >
--   narrative),
--   then the date most mentions agree on, then the earliest; null when no mention has one.
-- * participants / participant_ids, location: chosen once per event by cluster_events
--   (orchestration.lib.rules.event_clusters) and repeated on each of its mentions; here they are
--   only named from int_entities_aggregated (participants aligned and ordered by name; the
--   location's text when it is no resolved entity).
-- * source_count: independent stories, not reports: an article and its copies (exact or near
--   duplicates, int_article_duplicates_detected) count once. report_count and article_ids keep
--   every reporting article, copies included.
with

event_mentions as (

    select * from {{ ref('int_event_mentions_current') }}

),

clusters as (

    select * from {{ ref('int_event_mentions_clustered') }}

),

duplicates as (

    select * from {{ ref('int_article_duplicates_detected') }}

),

entities as (

    select * from {{ ref('int_entities_aggregated') }}

),

mentions as (

    select
        clusters.event_id,
        clusters.merge_reason,
        clusters.participant_entity_ids,
        -- the independent story this report belongs to: its original when it is a copy
        coalesce(duplicates.duplicate_of, event_mentions.article_id) as story_id,
        event_mentions.*
    from clusters
    inner join event_mentions
        on clusters.event_mention_id = event_mentions.event_mention_id
    left join duplicates
        on event_mentions.article_id = duplicates.article_id

),

date_votes as (

    select
        event_id,
        event_date,
        date_source,
        case date_source
            when 'explicit' then 1
            when 'weekday' then 2
            when 'relative' then 3
            when 'dateline' then 4
            when 'narrative' then 5
            else 6
        end as source_rank,
        count(*) as votes
    from mentions
    where event_date is not null
    group by all

),

dates as (

    select
        event_id,
        first(event_date order by source_rank, votes desc, event_date) as event_date,
        first(date_source order by source_rank, votes desc, event_date) as date_source
    from date_votes
    group by event_id

),

locations as (

    select
        clusters.event_id,
        -- one value per event: cluster_events repeats it on each mention
        any_value(coalesce(entities.name, clusters.location_text)) as location
    from clusters
    left join entities
        on clusters.location_entity_id = entities.entity_id
    group by clusters.event_id

),

participant_rows as (

    select distinct
        mentions.event_id,
        participant.entity_id
    from mentions,
        unnest(mentions.participant_entity_ids) as participant(entity_id)
    where participant.entity_id is not null

),

participants as (

    select
        participant_rows.event_id,
        list(entities.name order by entities.name, entities.entity_id) as participants,
        list(entities.entity_id order by entities.name, entities.entity_id) as participant_ids
    from participant_rows
    inner join entities
        on participant_rows.entity_id = entities.entity_id
    group by participant_rows.event_id

),

evidence_rows as (

    select
        event_id,
        sentence,
        min(article_id) as first_article_id,
        min(sentence_start) as first_sentence_start
    from mentions
    where sentence is not null
    group by event_id, sentence

),

evidence as (

    select
        event_id,
        list(sentence order by first_article_id, first_sentence_start, sentence) as evidence
    from evidence_rows
    group by event_id

),

type_votes as (

    select
        event_id,
        event_type,
        count(*) as votes
    from mentions
    group by all

),

events as (

    select
        event_id,
        count(distinct story_id)::bigint as source_count,
        count(distinct article_id)::bigint as report_count,
        list(distinct article_id order by article_id) as article_ids,
        string_agg(distinct merge_reason, '; ' order by merge_reason) as merge_reason,
        -- one per event: cluster_events never groups mentions of different modality
        min(modality) as modality
    from mentions
    group by event_id

),

types as (

    select
        event_id,
        first(event_type order by votes desc, event_type) as event_type
    from type_votes
    group by event_id

),

final as (

    select
        events.event_id,
        types.event_type,
        dates.event_date,
        locations.location,
        coalesce(participants.participants, []::varchar[]) as participants,
        coalesce(participants.participant_ids, []::varchar[]) as participant_ids,
        events.source_count,
        events.report_count,
        events.article_ids,
        coalesce(evidence.evidence, []::varchar[]) as evidence,
        events.merge_reason,
        dates.date_source,
        events.modality
    from events
    inner join types on events.event_id = types.event_id
    left join dates on events.event_id = dates.event_id
    left join locations on events.event_id = locations.event_id
    left join participants on events.event_id = participants.event_id
    left join evidence on events.event_id = evidence.event_id

)

select * from final

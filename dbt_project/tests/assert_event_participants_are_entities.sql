-- Every participant id of an event is an entity (relationships cannot look inside a list),
-- and participants stays aligned with participant_ids.
-- Shown in Dagster as a check of events (the test reads several models).
{{ config(meta={'dagster': {'ref': {'name': 'events'}}}) }}
with

events as (

    select * from {{ ref('events') }}

),

pairs as (

    select
        events.event_id,
        unnest(events.participant_ids) as entity_id,
        unnest(events.participants) as participant_name
    from events

),

misaligned as (

    select event_id, null as entity_id, 'participants and participant_ids differ in length' as problem
    from events
    where len(participants) <> len(participant_ids)

),

unknown as (

    select pairs.event_id, pairs.entity_id, 'not in entities or name differs' as problem
    from pairs
    left join {{ ref('entities') }} as entities
        on pairs.entity_id = entities.entity_id
    where entities.name is distinct from pairs.participant_name

)

select * from misaligned
union all
select * from unknown

-- Entity mentions of each article's current delivery (see macro select_current_delivery),
-- accepted and quarantined articles alike, with published_date and is_accepted.
{{ select_current_delivery(ref('stg_newsdesk__entity_mentions')) }}

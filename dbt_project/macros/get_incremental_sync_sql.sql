{#-
    Incremental strategy `sync`: leave the table equal to the model's full result, rewriting
    only the rows that differ.

    dbt-duckdb's incremental materialization computes the model's whole result into a temporary
    table (memory, not the warehouse file); this strategy then deletes the target's rows whose
    key is gone from that result or whose row changed, and inserts the rows whose key the target
    no longer holds. The outcome is the table a full rebuild would write, whatever the target held
    before (a run killed half-way, a drop re-materialised, an entity renamed by a fuller
    spelling), but the warehouse file only takes the rows that changed: a full rebuild rewrote,
    and checkpointed, every body and sentence of the warehouse on each drop.

    Config: materialized='incremental', incremental_strategy='sync', unique_key='<one column,
    never null>'. `dbt build --full-refresh` (the daily rebuild_marts job) rebuilds the table.
-#}
{% macro get_incremental_sync_sql(arg_dict) %}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set key = arg_dict['unique_key'] -%}
    {%- if key is none or key is not string -%}
        {{ exceptions.raise_compiler_error(
            "incremental_strategy 'sync' needs unique_key set to one column (never null), got "
            ~ key ~ " in " ~ target) }}
    {%- endif -%}
    {%- set key = adapter.quote(key) -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}

    delete from {{ target }}
    where {{ key }} not in (select {{ key }} from {{ source }})
        or {{ key }} in (
            select {{ key }}
            from (
                select {{ columns }} from {{ source }}
                except
                select {{ columns }} from {{ target }}
            )
        );

    insert into {{ target }} ({{ columns }})
    select {{ columns }}
    from {{ source }}
    where {{ key }} not in (select {{ key }} from {{ target }});
{% endmacro %}

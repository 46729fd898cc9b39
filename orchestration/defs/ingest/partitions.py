import dagster as dg

# One partition per drop folder; the drop sensor (or the CLI) registers new ones.
drops_partitions = dg.DynamicPartitionsDefinition(name="drops")

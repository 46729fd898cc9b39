import dagster as dg

from orchestration.defs.extract.assets import extraction

defs = dg.Definitions(assets=[extraction])

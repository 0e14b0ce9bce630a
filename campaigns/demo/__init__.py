"""`seed_demo`'s generators: the Bắc Kạn city demo and invented wards at scale.

`seed` chooses and runs them; `existing` finds and removes earlier demo rows. The city
demo is `city` (its generator) with the stages `units`, `results`, `fund` and `works`;
the scale demo is `scale` (sizes and generator) with `scale_units`, `scale_results`,
`scale_fund` and `scale_works`, run by `scale_seed` and written through `scale_tables`
and `writing`. Neither demo imports the other; both take words from `names`.
"""

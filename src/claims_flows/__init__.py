"""Prefect wiring for the claims pipeline: the `claims_flows` package.

Only tasks, flows and deployments live here; the logic and every decision of a run are in `claims`
(`claims.pipeline`). `claims_flows` imports `claims`; `claims` never imports Prefect, and reaches this
package only from the CLI's `run` and `serve` commands.

- `pipeline`: the tasks (one library call each) and the `claims-pipeline` flow that sequences them.
- `runners`: where extraction runs (in-process, a local Dask cluster, or a remote one).
- `deploy`: the scheduled deployment (`claims serve`); `server`: a local Prefect server for it.
"""

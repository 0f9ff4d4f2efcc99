"""Schedules: serve the pipeline flow as a Prefect deployment.

`claims serve --interval 3600` (or `--cron "0 6 * * *"`) runs this in the foreground. With no PREFECT_API_URL
set, Prefect starts its local ephemeral API; to use a Prefect server instead, start one
(`prefect server start`)
and `export PREFECT_API_URL=http://HOST:4200/api` before `claims serve`: the deployment, its runs and their
artifacts then show in that server's UI.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from claims_flows.pipeline import claims_pipeline


def build_deployment(
    *, raw_dir: str, out_dir: str, interval: int | None, cron: str | None, name: str = "claims-scheduled"
) -> Any:
    """The deployment object (a RunnerDeployment) with its schedule and parameters."""
    schedule: dict[str, Any] = {"interval": dt.timedelta(seconds=interval)} if interval else {"cron": cron}
    return claims_pipeline.to_deployment(
        name=name,
        parameters={"raw_dir": raw_dir, "out_dir": out_dir},
        **schedule,
        concurrency_limit=1,  # one run at a time: a slow run delays the next instead of racing it
        description="Scheduled claims run: picks up new or changed documents in the input folder.",
    )


def serve(
    *, raw_dir: str, out_dir: str, interval: int | None, cron: str | None, name: str = "claims-scheduled"
) -> None:
    from prefect import serve as prefect_serve

    deployment = build_deployment(raw_dir=raw_dir, out_dir=out_dir, interval=interval, cron=cron, name=name)
    prefect_serve(deployment)

"""Schedules: serve the pipeline flow as a Prefect deployment.

`claims serve --interval 3600` (or `--cron "0 6 * * *"`) runs this in the foreground, against the Prefect
server PREFECT_API_URL names, or a local one the CLI starts (`claims_flows.server`, UI on port 4200). The
deployment, its runs and each run's artifacts (a summary and a table of new findings) show in that server's
UI; `prefect deployment run claims-pipeline/<name>` (with the same PREFECT_API_URL) triggers a run at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from claims.errors import UsageError
from claims_flows.pipeline import claims_pipeline

FLOW_NAME = "claims-pipeline"


def build_deployment(
    *, raw_dir: str, out_dir: str, interval: int | None, cron: str | None, name: str = "claims-scheduled"
) -> Any:
    """The deployment object (a RunnerDeployment) with its schedule and parameters.

    A schedule Prefect refuses raises UsageError (one line).
    """
    import pydantic

    schedule: dict[str, Any] = {"interval": dt.timedelta(seconds=interval)} if interval else {"cron": cron}
    try:
        return claims_pipeline.to_deployment(
            name=name,
            parameters={"raw_dir": raw_dir, "out_dir": out_dir},
            **schedule,
            concurrency_limit=1,  # one run at a time: a slow run delays the next instead of racing it
            description="Scheduled claims run: picks up new or changed documents in the input folder.",
        )
    except (pydantic.ValidationError, ValueError) as e:
        first = str(e).strip().splitlines()
        raise UsageError(f"Prefect refuses the schedule: {first[-1] if first else e}") from e


def serve(deployment: Any) -> None:
    """Serve the deployment in the foreground until interrupted."""
    from prefect import serve as prefect_serve

    prefect_serve(deployment, print_starting_message=False)


def serve_warm(deployment: Any, stop: Any) -> None:
    """Serve the deployment in the foreground, its runs in this process (`claims_flows.warm`)."""
    from claims_flows.warm import serve_warm as serve_here

    serve_here(deployment, claims_pipeline, stop=stop)

"""The Prefect API a local one-shot run reports to (`claims_flows.runners.local_api`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow]

_LOCAL_API = """
import json, sys, urllib.request
from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY
from claims_flows.runners import local_api

seen = {"before": [PREFECT_API_URL.value(), PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value()]}
with local_api() as url:
    seen["url"] = url
    seen["inside"] = [PREFECT_API_URL.value(), PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value()]
    if sys.argv[1] == "served":  # a configured API is not probed (none listens there)
        with urllib.request.urlopen(url + "/health", timeout=30) as response:
            seen["health"] = response.status
        seen["collections"] = "prefect_dask" in sys.modules
seen["after"] = [PREFECT_API_URL.value(), PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value()]
print(json.dumps(seen))
"""


@pytest.mark.parametrize("configured", [None, "http://127.0.0.1:9/api"])
def test_runners_local_api_serves_here_without_heartbeats(tmp_path: Path, configured: str | None) -> None:
    """Without PREFECT_API_URL the API is served in this process, and flow-run heartbeats (for a server's
    crashed-run detection, which it does not run) are off inside the block only; a configured API is used
    as it is, heartbeats and all."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env |= {"PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    if configured:
        env["PREFECT_API_URL"] = configured
    done = subprocess.run(
        [sys.executable, "-c", _LOCAL_API, "configured" if configured else "served"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] == seen["after"]
    assert seen["before"][1] is not None  # Prefect's default: heartbeats on
    if configured:
        assert seen["url"] == configured
        assert seen["inside"] == seen["before"]
        return
    assert seen["url"].startswith("http://127.0.0.1:")
    assert seen["inside"] == [seen["url"], None]
    assert seen["health"] == 200
    assert seen["collections"] is False  # no collection imported to register its blocks

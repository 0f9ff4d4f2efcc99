"""Prefect wiring for the claims pipeline. Only tasks, flows and deployments live here; logic is in `claims`."""

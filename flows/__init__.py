"""Prefect wiring for the claims pipeline.

Only tasks, flows and deployments live here; the logic is in `claims`.
"""

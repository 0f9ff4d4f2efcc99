"""After a decision, publish the output folder's set again: `claims.pipeline.publishing.republish`.

The republish belongs to the pipeline's publishing (one set switched in at once, under the folder's publish
lock, so a decision made while a run publishes is never lost); this module hands it what the workspace
knows: the input folder and the documents' texts it has read (for a table cell's column headers).
"""

from __future__ import annotations

from pathlib import Path

from claims.pipeline.publishing import Republished
from claims.pipeline.publishing import republish as republish_set
from claims.ui.workspace import Workspace

__all__ = ["Republished", "republish"]


def republish(out_dir: Path, *, workspace: Workspace | None = None) -> Republished:
    """Publish the current set again with the decisions applied (no extraction, no database lock)."""
    done = republish_set(
        out_dir,
        raw_dir=workspace.raw_dir if workspace is not None else None,
        texts=workspace.text_of if workspace is not None else None,
        what="review workspace",
    )
    if workspace is not None:
        workspace.published()  # take our own set as the current state
    return done

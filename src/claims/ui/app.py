"""`claims ui`: the review workspace in the browser (Starlette + Jinja2 + a vendored htmx, served by uvicorn).

Routes:

    GET  /findings                 the findings list: filters, search, new since the last run, by quantity
    GET  /findings/{id}            one finding: both quotes in context, every statement of the quantity,
                                   citations, history of decisions and assignments (an id prefix is enough)
    POST /decide                   confirm / dismiss / reopen one or many findings, with a note
    POST /assign                   give one or many findings to a reviewer
    GET  /documents                the documents and their chapters, with the editors' progress
    GET  /document?doc=&chapter=   every figure of a document or chapter, with its mark
    POST /mark                     mark figures checked / needs fix / unmarked, with a note
    POST /reviewer                 the reviewer's name (when the server was not started with one)
    GET  /exports/decisions.csv    every decision (spreadsheet-safe); /exports/marks.csv the editors' marks
    GET  /exports/claimreview.jsonld  ClaimReview for confirmed findings, authored by their reviewers

After every change the exports and reports of the published folder are rewritten (`claims.ui.publish`).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

import jinja2
import pandas as pd
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from claims.errors import ClaimsError
from claims.io.decisions import MARKS, STATUSES
from claims.report.claimreview import claimreview_jsonld
from claims.report.common import (
    KIND_LABELS,
    SCOPE_LABELS,
    as_int,
    as_text,
    format_percent,
    format_time,
    label,
    records,
)
from claims.report.exports import safe_csv
from claims.ui import views
from claims.ui.publish import republish
from claims.ui.security import CSRF_FIELD, Access, Guard, csrf_ok, csrf_token, safe_next
from claims.ui.workspace import Published, Workspace, published_dir

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
REVIEWER_COOKIE = "claims_reviewer"
MESSAGES = {
    "decided": "{n} finding(s) now {status}.",
    "assigned": "{n} finding(s) assigned.",
    "marked": "{n} figure(s) marked.",
    "named": "You are reviewing as {name}.",
    "need_name": "Enter your name first: every decision records who made it.",
    "none_selected": "Select at least one finding or figure first.",
    "bad_request": "That form was out of date (or came from another page); nothing was changed.",
    "republish_failed": "Saved, but the exports could not be rewritten: {error}",
}


@dataclass(frozen=True, slots=True)
class UiConfig:
    out_dir: Path
    raw_dir: Path | None
    reviewer: str | None  # fixed by the server (--reviewer / CLAIMS_REVIEWER); else each browser names itself
    access: Access


def clean_name(value: object) -> str:
    """A reviewer's name as stored: printable, single-spaced, at most 80 characters.

    >>> clean_name("  Ana  Lima "), clean_name("\\x00"), clean_name("x" * 90)[-1]
    ('Ana Lima', '', 'x')
    """
    text = "".join(c for c in str(value or "") if c.isprintable())
    return " ".join(text.split())[:80]


when = format_time
"""A stored UTC timestamp for people: `2026-12-05 15:06 UTC` (the reports' own formatter)."""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claims.ui", "templates"),
        autoescape=True,  # every template, whatever its name: document text is always escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = when
    env.filters["percent"] = format_percent
    env.filters["kind_label"] = lambda v: label(v, KIND_LABELS)
    env.filters["scope_label"] = lambda v: label(v, SCOPE_LABELS)
    env.filters["flag_label"] = lambda v: views.FLAG_WORDS.get(v, v.replace("_", " "))
    env.filters["q"] = lambda v: quote(str(v), safe="")
    env.filters["query"] = lambda d: urlencode(d)
    env.globals["statuses"] = STATUSES
    env.globals["marks"] = MARKS
    return env


class ReviewApp:
    """The pages and actions, over one Workspace."""

    def __init__(self, config: UiConfig) -> None:
        self.config = config
        self.workspace = Workspace(config.out_dir, raw_dir=config.raw_dir)
        self.env = _environment()
        self._republishing = threading.Lock()

    # shared ------------------------------------------------------------------------------------------
    def reviewer(self, request: Request) -> tuple[str, bool]:
        """The reviewer's name and whether the server fixed it."""
        if self.config.reviewer:
            return self.config.reviewer, True
        return clean_name(unquote(request.cookies.get(REVIEWER_COOKIE, ""))), False

    def page(
        self, request: Request, template: str, status_code: int = 200, **context: object
    ) -> HTMLResponse:
        name, fixed = self.reviewer(request)
        message = ""
        code = request.query_params.get("msg", "")
        if code in MESSAGES:
            values = {
                "n": as_int(request.query_params.get("n")) or 0,
                "status": request.query_params.get("status_set", "") if code == "decided" else "",
                "name": name,
                "error": request.query_params.get("error", "")[:200],
            }
            message = MESSAGES[code].format(**values)
        html = self.env.get_template(template).render(
            request_path=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            reviewer=name,
            reviewer_fixed=fixed,
            csrf=csrf_token(request),
            csrf_field=CSRF_FIELD,
            message=message,
            message_code=code,
            folder=str(published_dir(self.config.out_dir)),
            **context,
        )
        return HTMLResponse(html, status_code=status_code)

    def _reviewed(self) -> tuple[Published, pd.DataFrame, list[views.Item]]:
        published, conflicts = self.workspace.reviewed()
        self._refresh_exports_if_stale(published.conflicts, conflicts)
        return published, conflicts, views.items(conflicts, published.claims, published.documents)

    def _refresh_exports_if_stale(self, published: pd.DataFrame, reviewed: pd.DataFrame) -> None:
        """A run published a new set without the latest decisions: rewrite its exports in the background."""
        if (
            published.empty
            or not _lags(published, reviewed)
            or not self._republishing.acquire(blocking=False)
        ):
            return

        def work() -> None:
            try:
                republish(self.config.out_dir, workspace=self.workspace)
            except (ClaimsError, OSError) as e:
                logger.warning("exports not rewritten: %s", e)
            finally:
                self._republishing.release()

        threading.Thread(target=work, name="claims-ui-republish", daemon=True).start()

    def _republish_now(self) -> str:
        """Rewrite the exports after a change; '' or the error to show."""
        with self._republishing:
            try:
                republish(self.config.out_dir, workspace=self.workspace)
            except (ClaimsError, OSError) as e:
                logger.error("exports not rewritten after a decision: %s", e)
                return str(e)
        return ""

    # findings ----------------------------------------------------------------------------------------
    def findings(self, request: Request) -> Response:
        published, _, all_items = self._reviewed()
        filters = views.Filters.from_query(request.query_params)
        selected = views.select(all_items, filters)
        page = views.paginate(selected, request.query_params.get("page", "1"))
        members = list(page.members)
        groups = views.group_by_quantity(members) if filters.group else [("", members)]
        main = [i for i in all_items if i.tier != "possible"]  # possible findings: never in the headline
        counts = {s: sum(1 for i in main if i.finding.status == s) for s in STATUSES}
        new_known = any(i.new is not None for i in all_items)
        return self.page(
            request,
            "findings.html",
            filters=filters,
            groups=groups,
            page=page,
            shown=len(selected),
            total=len(main),
            possible=len(all_items) - len(main),
            counts=counts,
            new_count=sum(1 for i in main if i.new),
            new_known=new_known,
            options=views.options(all_items),
            published=not published.conflicts.empty or (published.folder / "conflicts.csv").exists(),
            titles=views.titles(published.documents),
        )

    def finding(self, request: Request) -> Response:
        published, _, all_items = self._reviewed()
        wanted = request.path_params["conflict_id"]
        found = [i for i in all_items if i.conflict_id == wanted]
        if not found:
            prefixed = [i for i in all_items if i.conflict_id.startswith(wanted)] if len(wanted) >= 4 else []
            if len(prefixed) == 1:
                return RedirectResponse(f"/findings/{quote(prefixed[0].conflict_id)}", status_code=303)
            error = "no finding with that id" if not prefixed else "that prefix names several findings"
            return self.page(request, "error.html", status_code=404, error=error)
        item = found[0]
        claims_by_id = {as_text(r.get("claim_id")): r for r in records(published.claims)}
        sides = []
        for side in item.finding.sides:
            claim = claims_by_id.get(side.claim_id, {})
            text = self.workspace.text_of(side.doc)
            layout = self.workspace.layout_of(side.doc) if text is not None else None
            context = (
                views.quote_context(text, side, sentence_start=as_int(claim.get("sentence_start")))
                if text is not None
                else None
            )
            table = (
                views.table_context(layout, side.start)
                if layout is not None and side.start is not None
                else None
            )
            title = item.title_a if side is item.finding.a else item.title_b
            sides.append({"side": side, "title": title, "context": context, "table": table})
        names = views.titles(published.documents)
        statements = views.statements_of(item.finding, published.claims, names)
        history = self.workspace.decisions.history(item.conflict_id, predecessors=[item.carried_from])
        assignments = self.workspace.decisions.assignment_history(item.conflict_id)
        return self.page(
            request,
            "finding.html",
            item=item,
            sides=sides,
            statements=statements,
            plot=views.dot_plot(statements),
            history=history,
            assignments=assignments,
        )

    async def decide(self, request: Request) -> Response:
        form = await request.form()
        back = safe_next(form.get("next"))
        checked = self._checked(request, form, back)
        if checked is not None:
            return checked
        status = str(form.get("status", ""))
        ids = [str(i) for i in form.getlist("ids") if str(i)]
        if status not in STATUSES or not ids:
            return _back(back, msg="none_selected" if not ids else "bad_request")
        name, _ = self.reviewer(request)
        note = str(form.get("note", ""))[:2000]
        error = await run_in_threadpool(self._decide, ids, status, name, note)
        if error:
            return _back(back, msg="republish_failed", error=error)
        return _back(back, msg="decided", n=len(ids), status_set=status)

    def _decide(self, ids: list[str], status: str, reviewer: str, note: str) -> str:
        published = self.workspace.published()
        rows = {as_text(r.get("conflict_id")): r for r in records(published.conflicts)}
        chosen = [rows[i] for i in ids if i in rows]
        self.workspace.decisions.record(chosen, status=status, reviewer=reviewer, note=note)
        return self._republish_now()

    async def assign(self, request: Request) -> Response:
        form = await request.form()
        back = safe_next(form.get("next"))
        checked = self._checked(request, form, back)
        if checked is not None:
            return checked
        ids = [str(i) for i in form.getlist("ids") if str(i)]
        if not ids:
            return _back(back, msg="none_selected")
        name, _ = self.reviewer(request)
        assignee = clean_name(form.get("assignee"))

        def work() -> str:
            known = set(self.workspace.published().conflicts["conflict_id"].astype(str))
            self.workspace.decisions.assign(
                [i for i in ids if i in known], assignee=assignee, assigned_by=name
            )
            return self._republish_now()

        error = await run_in_threadpool(work)
        if error:
            return _back(back, msg="republish_failed", error=error)
        return _back(back, msg="assigned", n=len(ids))

    def _checked(self, request: Request, form: FormData, back: str) -> Response | None:
        """A response refusing the form (stale CSRF token, no reviewer name), or None when it may proceed."""
        if not csrf_ok(request, form.get(CSRF_FIELD)):
            return _back(back, msg="bad_request")
        if not self.reviewer(request)[0]:
            return _back(back, msg="need_name")
        return None

    # editors -----------------------------------------------------------------------------------------
    def documents(self, request: Request) -> Response:
        published, _, all_items = self._reviewed()
        claims = views.meaningful_flags(published.claims)
        marks = self.workspace.decisions.marks()
        by_claim = views.findings_by_claim(all_items)
        rows = []
        for document in records(published.documents):
            doc = as_text(document.get("doc"))
            chapters = []
            for chapter in views.chapters_of(claims, doc):
                figures = views.figures_of(claims, doc, chapter, marks, by_claim)
                chapters.append({"chapter": chapter, "counts": views.mark_counts(figures)})
            total = views.mark_counts(views.figures_of(claims, doc, None, marks, by_claim))
            rows.append({"doc": doc, "document": document, "chapters": chapters, "counts": total})
        return self.page(request, "documents.html", documents=rows)

    def document(self, request: Request) -> Response:
        published, _, all_items = self._reviewed()
        doc = request.query_params.get("doc", "")
        chapter = request.query_params.get("chapter")
        docs = {as_text(d.get("doc")): d for d in records(published.documents)}
        if doc not in docs:
            return self.page(request, "error.html", status_code=404, error="no such document")
        claims = views.meaningful_flags(published.claims)
        chapters = views.chapters_of(claims, doc)
        if chapter is not None and chapter not in chapters:
            chapter = None
        marks = self.workspace.decisions.marks()
        figures = views.figures_of(claims, doc, chapter, marks, views.findings_by_claim(all_items))
        position = chapters.index(chapter) if chapter is not None else -1
        return self.page(
            request,
            "document.html",
            doc=doc,
            document=docs[doc],
            title=views.title_of(views.titles(published.documents), doc),
            chapter=chapter,
            chapters=chapters,
            previous=chapters[position - 1] if position > 0 else None,
            following=chapters[position + 1] if 0 <= position < len(chapters) - 1 else None,
            figures=figures,
            counts=views.mark_counts(figures),
        )

    async def mark(self, request: Request) -> Response:
        form = await request.form()
        back = safe_next(form.get("next"), default="/documents")
        checked = self._checked(request, form, back)
        if checked is not None:
            return checked
        ids = [str(i) for i in form.getlist("ids") if str(i)]
        mark = str(form.get("mark", ""))
        if mark not in MARKS or not ids:
            return _back(back, msg="none_selected" if not ids else "bad_request")
        name, _ = self.reviewer(request)
        note = str(form.get("note", ""))[:2000]

        def work() -> str:
            rows = {as_text(r.get("claim_id")): r for r in records(self.workspace.published().claims)}
            self.workspace.decisions.mark(
                [rows[i] for i in ids if i in rows], mark=mark, reviewer=name, note=note
            )
            return self._republish_now()

        error = await run_in_threadpool(work)
        if error:
            return _back(back, msg="republish_failed", error=error)
        return _back(back, msg="marked", n=len(ids))

    async def set_reviewer(self, request: Request) -> Response:
        form = await request.form()
        back = safe_next(form.get("next"))
        if not csrf_ok(request, form.get(CSRF_FIELD)):
            return _back(back, msg="bad_request")
        name = clean_name(form.get("name"))
        if not name:
            return _back(back, msg="need_name")
        response = _back(back, msg="named")
        response.set_cookie(
            REVIEWER_COOKIE, quote(name), httponly=True, samesite="strict", path="/", max_age=3600 * 24 * 365
        )
        return response

    # exports -----------------------------------------------------------------------------------------
    def export_decisions(self, request: Request) -> Response:
        table = request.path_params["table"]
        frame = self.workspace.decisions.frame("decisions" if table == "decisions" else "marks")
        return PlainTextResponse(
            safe_csv(frame),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{table}.csv"'},
        )

    def export_claimreview(self, request: Request) -> Response:
        _, _, all_items = self._reviewed()
        text = claimreview_jsonld([i.finding for i in all_items])
        return PlainTextResponse(
            text,
            media_type="application/ld+json; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="claimreview.jsonld"'},
        )


def _lags(published: pd.DataFrame, reviewed: pd.DataFrame) -> bool:
    """The published conflicts do not show the review state the decisions give."""
    for column in ("status", "reviewer", "assigned_to"):
        want = reviewed[column].astype("string").fillna("").reset_index(drop=True)
        if column not in published:
            if want.ne("").any():
                return True
            continue
        have = published[column].astype("string").fillna("").reset_index(drop=True)
        if not have.equals(want):
            return True
    return False


def _back(target: str, **params: object) -> RedirectResponse:
    """303 to a page of this site with a message code (never text from the request, except an error)."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    separator = "&" if "?" in target else "?"
    path, _, anchor = target.partition("#")
    url = f"{path}{separator}{query}" if query else path
    return RedirectResponse(url + (f"#{anchor}" if anchor else ""), status_code=303)


def create_app(config: UiConfig) -> Starlette:
    ui = ReviewApp(config)
    routes = [
        Route("/", lambda request: RedirectResponse("/findings", status_code=303)),
        Route("/healthz", lambda request: PlainTextResponse("ok")),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/findings", ui.findings),
        Route("/findings/{conflict_id}", ui.finding),
        Route("/decide", ui.decide, methods=["POST"]),
        Route("/assign", ui.assign, methods=["POST"]),
        Route("/documents", ui.documents),
        Route("/document", ui.document),
        Route("/mark", ui.mark, methods=["POST"]),
        Route("/reviewer", ui.set_reviewer, methods=["POST"]),
        Route("/exports/claimreview.jsonld", ui.export_claimreview),
        Route("/exports/{table:str}.csv", ui.export_decisions),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(Guard, access=config.access)])
    app.state.ui = ui
    return app


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(
    out_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    reviewer: str | None = None,
    token: str | None = None,
    *,
    raw_dir: Path | None = Path("raw"),
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve the workspace until interrupted. Port 0 picks a free port; `announce(url)` is called once the
    socket listens (the URL carries the access token when one is needed).

    `reviewer` and `token` default to $CLAIMS_REVIEWER and $CLAIMS_UI_TOKEN. Listening beyond localhost
    needs a token: one is generated when none is given.
    """
    import uvicorn

    reviewer = clean_name(reviewer or os.environ.get("CLAIMS_REVIEWER", "")) or None
    token = token or os.environ.get("CLAIMS_UI_TOKEN") or None
    access = Access.for_host(host, token)
    config = UiConfig(out_dir=Path(out_dir), raw_dir=raw_dir, reviewer=reviewer, access=access)
    app = create_app(config)
    ui: ReviewApp = app.state.ui
    published, reviewed = ui.workspace.reviewed()  # imports earlier decisions; catches up stale exports
    if not published.conflicts.empty and _lags(published.conflicts, reviewed):
        ui._republish_now()
    sock = _bind(host, port)
    shown = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    url = f"http://{shown}:{sock.getsockname()[1]}/findings"
    if access.token:
        url += f"?token={quote(access.token)}"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    if announce is not None:
        announce(url)
    logger.info("review workspace on %s (published folder %s)", url.split("?")[0], published.folder)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


__all__ = ["UiConfig", "create_app", "serve"]

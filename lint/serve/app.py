"""The HTTP application: LanguageTool's ``/v2/check`` and ``/v2/languages``, and ``/v1/lint``.

The engine is built once, when the application is made. Its checks keep state that one
thread at a time may use (the in-process grammar checker refuses to be entered twice), so
every lint runs on one dedicated thread per process, in arrival order, while the event loop
goes on reading and answering other requests; ``--workers`` adds processes for more cores.

Limits answer clearly rather than hang or crash: a body over the size limit gets 413, a
body that does not arrive within the time limit 408, a lint that does not finish within it
(queueing included) 503 with Retry-After, too many waiting requests 503 at once. Bad input
gets 400 with the reason. Anything else is logged with its trace on the server and answered
with a 500 that says only that.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import json
import logging
import os
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from lint import __version__
from lint.api import READERS, Linter
from lint.emit.json_format import as_dict
from lint.report import FileReport, Report
from lint.serve import languagetool as lt

log = logging.getLogger("newslint.serve")

OPTIONS_ENV = "NEWSLINT_SERVE_OPTIONS"  # how worker processes get the command line's options


@dataclass
class Limits:
    max_bytes: int = 1_000_000  # request body
    timeout: float = 20.0  # seconds for one request: reading, waiting and linting
    max_pending: int = 64  # requests waiting for the engine before new ones get 503


@dataclass
class ServeOptions:
    config: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    grammar_backend: str | None = None
    limits: Limits = field(default_factory=Limits)

    def to_env(self) -> str:
        data = {**self.__dict__, "limits": self.limits.__dict__}
        return json.dumps(data)

    @classmethod
    def from_env(cls, text: str) -> ServeOptions:
        data = json.loads(text)
        data["limits"] = Limits(**data["limits"])
        for key in ("select", "ignore"):
            if data[key] is not None:
                data[key] = tuple(data[key])
        return cls(**data)


class Problem(Exception):
    """An answer other than 200: status, reason, and headers."""

    def __init__(self, status: int, reason: str, headers: dict | None = None):
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, headers or {}


class Service:
    def __init__(self, linter: Linter, limits: Limits):
        self.linter = linter
        self.limits = limits
        # One thread: the engine's checks are used by one thread at a time.
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")
        self.pending = 0

    async def run(self, deadline: float, fn, *args):
        """``fn(*args)`` on the lint thread, within the request's deadline."""
        if self.pending >= self.limits.max_pending:
            raise Problem(503, "the server is busy: too many requests are waiting", {"Retry-After": "1"})
        self.pending += 1
        future = self.pool.submit(fn, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            future.cancel()  # a lint not yet started is dropped; a running one finishes unread
            raise Problem(
                503,
                f"the check did not finish within the server's time limit ({self.limits.timeout:g} s)",
                {"Retry-After": "5"},
            ) from None
        finally:
            self.pending -= 1

    async def body(self, request: Request, deadline: float) -> bytes:
        """The request body, refused past the size limit (by its Content-Length before
        reading, or as it streams in) or past the deadline."""
        limit = self.limits.max_bytes
        declared = request.headers.get("content-length")
        if declared is not None:
            try:
                if int(declared) > limit:
                    raise Problem(413, f"the request is larger than the server's limit of {limit} bytes")
            except ValueError:
                raise Problem(400, "Content-Length is not a number") from None
        chunks, size = [], 0

        async def read():
            nonlocal size
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise Problem(413, f"the request is larger than the server's limit of {limit} bytes")
                chunks.append(chunk)

        try:
            await asyncio.wait_for(read(), max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            raise Problem(408, "the request body did not arrive within the server's time limit") from None
        return b"".join(chunks)

    async def form(self, request: Request, deadline: float) -> dict[str, str]:
        """Query parameters and form fields (URL-encoded or multipart), fields winning."""
        params = dict(request.query_params)
        if request.method != "POST":
            return params
        body = await self.body(request, deadline)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "multipart/form-data":
            params.update(await _multipart(request, body))
        elif body:
            try:
                fields = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                raise Problem(400, "the form is not valid UTF-8") from None
            params.update(fields)
        return params


async def _multipart(request: Request, body: bytes) -> dict[str, str]:
    async def replay():
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form()
    except Exception as err:  # python-multipart's errors have no common base worth naming
        raise Problem(400, f"the multipart form cannot be read: {err}") from None
    out = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            out[key] = value
        else:
            try:
                out[key] = (await value.read()).decode("utf-8")
            except UnicodeDecodeError:
                raise Problem(400, f"form field {key!r} is not valid UTF-8") from None
    return out


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(s.strip() for s in (value or "").split(",") if s.strip())


def _flag(value: str | None, name: str) -> bool:
    v = (value or "false").strip().lower()
    if v not in ("true", "false", "1", "0", "yes", "no"):
        raise Problem(400, f"'{name}' must be true or false, not {value!r}")
    return v in ("true", "1", "yes")


def _date(value, name: str = "date") -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise Problem(400, f"'{name}' is not a date (YYYY-MM-DD): {value!r}") from None


# -- endpoints ----------------------------------------------------------------------------------


async def languages(request: Request) -> Response:
    return JSONResponse(lt.LANGUAGES)


async def check(request: Request) -> Response:
    """LanguageTool's /v2/check. newslint's own ``date`` field (YYYY-MM-DD) is accepted too."""
    service: Service = request.app.state.service
    deadline = time.monotonic() + service.limits.timeout
    params = await service.form(request, deadline)
    language = lt.language(params.get("language"))
    text, data = params.get("text"), params.get("data")
    if (text is None) == (data is None):
        raise lt.BadRequest("give either the 'text' or the 'data' parameter (exactly one)")
    date = _date(params.get("date"))
    linter = service.linter
    enabled, disabled = _ids(params.get("enabledRules")), _ids(params.get("disabledRules"))
    # Categories by LanguageTool's upper-case ids (PUNCTUATION); ids newslint lacks are ignored.
    on_categories = {c.lower() for c in _ids(params.get("enabledCategories"))}
    off_categories = {c.lower() for c in _ids(params.get("disabledCategories"))}
    disabled += tuple(r.id for r in linter.registry if r.category in off_categories)
    if _flag(params.get("enabledOnly"), "enabledOnly"):
        # Only the rules named and the rules of the categories named, as LanguageTool does.
        if not (enabled or on_categories):
            raise lt.BadRequest("'enabledOnly' needs 'enabledRules' or 'enabledCategories'")
        chosen = [s for s in enabled if linter.knows(s)]
        chosen += [r.id for r in linter.registry if r.category in on_categories]
        engine = linter.engine_for(select=chosen, ignore=disabled) if chosen else None
    else:
        engine = linter.engine_for(ignore=disabled, enable=enabled)

    def wanted(d) -> bool:
        return d.category not in off_categories

    def work():
        if data is not None:
            doc = lt.annotated_document(data, date)
        else:
            doc = linter.document(text, reader="text", date=date)
        diagnostics = [d for d in engine.lint(doc) if wanted(d)] if engine is not None else []
        return lt.matches(FileReport.of(doc.path, doc, diagnostics), linter.registry)

    found = await service.run(deadline, work)
    return JSONResponse(
        {
            "software": {
                "name": "newslint",
                "version": __version__,
                "buildDate": None,
                "apiVersion": 1,
                "premium": False,
                "status": "",
            },
            "warnings": {"incompleteResults": False},
            "language": language,
            "matches": found,
        }
    )


async def lint_v1(request: Request) -> Response:
    """newslint's own API: a JSON object ``{"text": …}`` (or ``{"document": …, "filename":
    "story.html"}`` for a file in any reader format, or ``"reader"`` to name one), with an
    optional ``"date"``, ``"select"`` and ``"ignore"``; the answer is the JSON report
    (DESIGN.md §2) for that one article."""
    service: Service = request.app.state.service
    deadline = time.monotonic() + service.limits.timeout
    body = await service.body(request, deadline)
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise Problem(400, f"the body is not a JSON object: {err}") from None
    if not isinstance(payload, dict):
        raise Problem(400, "the body must be a JSON object with 'text' or 'document'")
    unknown = sorted(set(payload) - {"text", "document", "filename", "reader", "date", "select", "ignore"})
    if unknown:
        raise Problem(400, f"unknown field(s): {', '.join(unknown)}")
    source = payload.get("text", payload.get("document"))
    if ("text" in payload) == ("document" in payload) or not isinstance(source, str):
        raise Problem(400, "give either 'text' or 'document' (exactly one, a string)")
    name = payload.get("filename") or ("<text>" if "text" in payload else "<document>")
    reader = payload.get("reader") or ("text" if "text" in payload and "filename" not in payload else None)
    if not isinstance(name, str) or (reader is not None and reader not in READERS):
        raise Problem(400, f"'reader' must be one of {', '.join(READERS)}; 'filename' a string")
    date = _date(payload.get("date"))
    selectors = {}
    for key in ("select", "ignore"):
        value = payload.get(key, [])
        if isinstance(value, str):
            value = _ids(value)
        if not isinstance(value, (list, tuple)) or not all(isinstance(s, str) for s in value):
            raise Problem(400, f"'{key}' must be a list of rule ids or prefixes")
        unknown_ids = [s for s in value if not service.linter.knows(s)]
        if unknown_ids:
            raise Problem(400, f"unknown rule or prefix in '{key}': {', '.join(unknown_ids)}")
        selectors[key] = tuple(value)
    engine = service.linter.engine_for(**selectors)
    linter = service.linter

    def work():
        report = linter.report(source, name=name, reader=reader, date=date, engine=engine)
        return as_dict(Report([report]))

    return JSONResponse(await service.run(deadline, work))


async def health(request: Request) -> Response:
    return PlainTextResponse("OK")


# -- errors -------------------------------------------------------------------------------------


def _answer(request: Request, status: int, reason: str, headers: dict | None = None) -> Response:
    # LanguageTool answers errors in plain text; newslint's own API in JSON.
    if request.url.path.startswith("/v2/"):
        return PlainTextResponse(f"Error: {reason}\n", status_code=status, headers=headers)
    return JSONResponse({"error": reason, "status": status}, status_code=status, headers=headers)


async def _on_problem(request: Request, exc: Problem) -> Response:
    return _answer(request, exc.status, exc.reason, exc.headers)


async def _on_bad_request(request: Request, exc: Exception) -> Response:
    return _answer(request, 400, str(exc))


async def _on_http(request: Request, exc) -> Response:
    return _answer(request, exc.status_code, exc.detail, getattr(exc, "headers", None))


async def _on_crash(request: Request, exc: Exception) -> Response:
    log.exception("internal error answering %s %s", request.method, request.url.path)
    return _answer(request, 500, "internal error in newslint (the server's log has the details)")


def create_app(linter: Linter, limits: Limits | None = None) -> Starlette:
    from starlette.exceptions import HTTPException

    routes = [
        Route("/v2/check", check, methods=["GET", "POST"]),
        Route("/v2/languages", languages, methods=["GET"]),
        Route("/v2/healthcheck", health, methods=["GET"]),
        Route("/v1/lint", lint_v1, methods=["POST"]),
    ]
    handlers = {
        Problem: _on_problem,
        lt.BadRequest: _on_bad_request,
        HTTPException: _on_http,
        Exception: _on_crash,
    }
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.service = Service(linter, limits or Limits())
    return app


def app_from_options(options: ServeOptions) -> Starlette:
    linter = Linter(
        options.config, select=options.select, ignore=options.ignore, grammar_backend=options.grammar_backend
    )
    return create_app(linter, options.limits)


def app_from_environment() -> Starlette:
    """The factory each worker process calls (uvicorn --workers): options from the parent."""
    return app_from_options(ServeOptions.from_env(os.environ[OPTIONS_ENV]))

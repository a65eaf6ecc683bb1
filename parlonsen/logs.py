"""Logging for the server and every worker: one format, one level, and never what a child wrote.

`configure()` runs once per process (`parlonsen.serve` for the main process, `parlonsen.parlonsen` in each worker
that imports the app): every record gets a time, a level, a logger name and its message, as plain text or, for
log collectors, as JSON lines (PARLONSEN_LOG_FORMAT=json), at PARLONSEN_LOG_LEVEL.

An exception is logged with its type and its frames (file, line, function, the line of code), never its message
nor its local values: a pydantic or database error quotes the values it was given, and those can be a child's
answer, a message, a contact hint, a follow-up code, a password or a token.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from types import TracebackType

LEVELS = ("debug", "info", "warning", "error", "critical")
FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
# Libraries whose debug and info lines quote data (SQL parameters, ENT addresses with codes) or only noise
# (alembic's plugin list): warnings and errors only, whatever the level.
QUIET = ("sqlalchemy", "httpx", "httpcore", "authlib", "urllib3", "alembic", "multipart")
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def safe_traceback(exc_info: ExcInfo) -> str:
    """The traceback with the exception's type only: its message, and anything it was chained to, are left out."""
    kind, _, tb = exc_info
    frames = "".join(traceback.format_list(traceback.extract_tb(tb)))
    return f"Traceback (most recent call last):\n{frames}{kind.__module__}.{kind.__qualname__} (message not logged)"


class SafeText(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def formatException(self, ei) -> str:
        return safe_traceback(ei)

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = None  # another handler may have cached the full traceback, message included
        return super().format(record)


class SafeJson(logging.Formatter):
    """One JSON object a line: time, level, logger, message, and the safe traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = safe_traceback(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure(level: str = "info", form: str = "text") -> None:
    """One handler on the root logger, to stderr; the server's own loggers pass through it (idempotent)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(SafeJson() if form == "json" else SafeText())
    handler.set_name("parlonsen")
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if h.get_name() != "parlonsen"] + [handler]
    root.setLevel(level.upper())
    for name in QUIET:
        logging.getLogger(name).setLevel(max(root.level, logging.WARNING))

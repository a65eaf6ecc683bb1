"""The site's configuration: every environment variable it reads, read here once, checked, and typed.

Nothing else in `parlonsen/` reads the environment (`rxconfig.py` reads Reflex's own `REFLEX_*` variables).
A bad value stops the app at start with the variable's name, except an incomplete ENT connector, which only
turns the ENT sign-in off (with a warning): the rest of the site must stay up. The README's configuration table
lists the same variables.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from parlonsen.logs import FORMATS, LEVELS
from parlonsen.services.ent import EntSettings
from parlonsen.services.notify import SmtpSettings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EXIT_URL = "https://meteofrance.com/"  # a neutral page, as GOV.UK advises for "Exit this page"
DEFAULT_HOST = "0.0.0.0"
GC_THRESHOLDS = (50_000, 50, 100)  # measured: see gc_tuning.py
HTTPS_ORIGIN = re.compile(r"^https://[A-Za-z0-9.:-]+$")
HTTP_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?(/[^\s<>\"']*)?$")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    exit_url: str = DEFAULT_EXIT_URL  # PARLONSEN_EXIT_URL: where the quick exit goes (baked in at build)
    frame_ancestors: tuple[str, ...] = ()  # PARLONSEN_FRAME_ANCESTORS: the ENT origins that may embed the site
    public_url: str = ""  # PARLONSEN_PUBLIC_URL: the address on posters and e-mails ("" = the request's origin)
    host: str = DEFAULT_HOST  # PARLONSEN_HOST: the address `parlonsen.serve` listens on
    secrets_dir: Path = ROOT / ".secrets"  # PARLONSEN_SECRETS_DIR
    message_keys: str = field(default="", repr=False)  # PARLONSEN_MESSAGE_KEYS: Fernet keys, newest first
    code_pepper: str = field(default="", repr=False)  # PARLONSEN_CODE_PEPPER: HMAC key of follow-up codes
    gc_thresholds: tuple[int, int, int] = GC_THRESHOLDS  # PARLONSEN_GC_THRESHOLDS
    ent: EntSettings | None = None  # PARLONSEN_ENT_*: None turns the ENT sign-in off
    smtp: SmtpSettings | None = None  # PARLONSEN_SMTP_*: None turns e-mail notifications off
    log_level: str = "info"  # PARLONSEN_LOG_LEVEL: debug, info, warning, error
    log_format: str = "text"  # PARLONSEN_LOG_FORMAT: text or json (one object a line, for log collectors)
    metrics: bool = True  # PARLONSEN_METRICS: 0 turns /metrics off
    metrics_token: str = field(default="", repr=False)  # PARLONSEN_METRICS_TOKEN: else /metrics answers loopback only
    metrics_dir: Path | None = None  # PROMETHEUS_MULTIPROC_DIR: set by `parlonsen.serve` for its workers

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        def read(name: str) -> str:
            return environ.get(name, "").strip()

        exit_url = read("PARLONSEN_EXIT_URL") or DEFAULT_EXIT_URL
        if not exit_url.startswith("https://") or not HTTP_URL.match(exit_url):
            raise ValueError(f"PARLONSEN_EXIT_URL must be an https:// address, not {exit_url!r}")
        public_url = read("PARLONSEN_PUBLIC_URL").rstrip("/")
        if public_url and not HTTP_URL.match(public_url):
            raise ValueError(f"PARLONSEN_PUBLIC_URL must be an http(s) address, not {public_url!r}")
        ancestors = read("PARLONSEN_FRAME_ANCESTORS").split()
        wrong = [origin for origin in ancestors if not HTTPS_ORIGIN.match(origin)]
        if wrong:
            raise ValueError(f"PARLONSEN_FRAME_ANCESTORS takes https:// origins only, not {' '.join(wrong)!r}")
        log_level = (read("PARLONSEN_LOG_LEVEL") or "info").lower()
        if log_level not in LEVELS:
            raise ValueError(f"PARLONSEN_LOG_LEVEL must be one of {', '.join(LEVELS)}, not {log_level!r}")
        log_format = (read("PARLONSEN_LOG_FORMAT") or "text").lower()
        if log_format not in FORMATS:
            raise ValueError(f"PARLONSEN_LOG_FORMAT must be text or json, not {log_format!r}")
        metrics = read("PARLONSEN_METRICS") or "1"
        if metrics not in ("0", "1"):
            raise ValueError(f"PARLONSEN_METRICS must be 0 or 1, not {metrics!r}")
        return cls(
            log_level=log_level,
            log_format=log_format,
            metrics=metrics == "1",
            metrics_token=read("PARLONSEN_METRICS_TOKEN"),
            metrics_dir=Path(read("PROMETHEUS_MULTIPROC_DIR")) if read("PROMETHEUS_MULTIPROC_DIR") else None,
            exit_url=exit_url,
            frame_ancestors=tuple(ancestors),
            public_url=public_url,
            host=read("PARLONSEN_HOST") or DEFAULT_HOST,
            secrets_dir=Path(read("PARLONSEN_SECRETS_DIR") or ROOT / ".secrets"),
            message_keys=read("PARLONSEN_MESSAGE_KEYS"),
            code_pepper=read("PARLONSEN_CODE_PEPPER"),
            gc_thresholds=gc_thresholds(read("PARLONSEN_GC_THRESHOLDS")),
            ent=_ent(environ),
            smtp=SmtpSettings.from_env(environ),
        )


def gc_thresholds(text: str) -> tuple[int, int, int]:
    """Three positive integers "a,b,c" (to measure another trade-off), else the measured default."""
    parts = text.split(",")
    try:
        first, second, third = (int(part) for part in parts) if len(parts) == 3 else (0, 0, 0)
    except ValueError:
        return GC_THRESHOLDS
    return (first, second, third) if min(first, second, third) > 0 else GC_THRESHOLDS


def _ent(environ: Mapping[str, str]) -> EntSettings | None:
    try:
        return EntSettings.from_env(environ)
    except ValueError as error:
        logger.warning("ENT connector misconfigured, ENT sign-in off: %s", error)
        return None


_current: Settings | None = None


def current() -> Settings:
    """The settings of this process, read from the environment the first time they are needed."""
    global _current
    if _current is None:
        _current = Settings.from_environ(os.environ)
    return _current


def reload() -> Settings:
    """Read the environment again (tests that change a variable; nothing in the app needs it)."""
    global _current
    _current = None
    return current()

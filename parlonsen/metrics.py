"""What the people who run the site count, in Prometheus's text format: counts and durations, never an identifier.

Events are named by their handler (`questionnaire_state.choose`), never with their payload; exceptions by their
type; messages waiting for an adult by age bucket. With several workers, `parlonsen.serve` points
PROMETHEUS_MULTIPROC_DIR at `.web/metrics/` before any worker starts, and `exposition()` adds every worker's
files up (prometheus_client's multiprocess mode). This module imports no Reflex: services count here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess
from prometheus_client.core import REGISTRY, GaugeMetricFamily

EVENTS = Histogram(
    "parlonsen_event_seconds",
    "Events handled, by handler, and how long they took (payloads are never recorded)",
    ["event"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
FAILED_EVENTS = Counter("parlonsen_event_failures_total", "Events whose handler raised, by exception type", ["kind"])
DATABASE_ERRORS = Counter("parlonsen_database_errors_total", "Database errors met while handling events")
ENT_FAILURES = Counter("parlonsen_ent_failures_total", "Calls to the ENT that failed")
SMTP_FAILURES = Counter("parlonsen_smtp_failures_total", "E-mails the SMTP server did not take")
CONNECTED_TABS = Gauge("parlonsen_connected_tabs", "Tabs connected by websocket", multiprocess_mode="livesum")
WAITING_BUCKETS = ("moins_de_1h", "1h_a_24h", "24h_a_48h", "plus_de_48h")


def exposition(waiting: Mapping[str, int] | None, workers_dir: Path | None) -> bytes:
    """Every counter of every worker (their files in `workers_dir`, else this process's), and the messages waiting
    for an adult (read by the caller at scrape time)."""
    if workers_dir:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=str(workers_dir))
    else:
        registry = REGISTRY
    text = generate_latest(registry)
    if waiting is not None:
        family = GaugeMetricFamily(
            "parlonsen_messages_waiting", "Conversations waiting for an adult's answer, by age", labels=["age"]
        )
        for bucket in WAITING_BUCKETS:
            family.add_metric([bucket], waiting.get(bucket, 0))
        extra = CollectorRegistry()
        extra.register(_Fixed(family))
        text += generate_latest(extra)
    return text


class _Fixed:
    def __init__(self, family: GaugeMetricFamily) -> None:
        self.family = family

    def collect(self) -> list[GaugeMetricFamily]:
        return [self.family]

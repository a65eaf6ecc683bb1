"""Which channels are open right now, computed on the server in Europe/Paris at each page load."""

import reflex as rx

from parlonsen.catalog import catalog
from parlonsen.hours import now_paris, status_at


class ClockState(rx.State):
    open_ids: list[str] = []
    closed_ids: list[str] = []

    @rx.event
    def refresh(self) -> None:
        moment = now_paris()
        statuses = {c.id: status_at(c.hours, moment) for c in catalog().channels.values()}
        self.open_ids = [cid for cid, status in statuses.items() if status == "open"]
        self.closed_ids = [cid for cid, status in statuses.items() if status == "closed"]

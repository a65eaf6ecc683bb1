"""Which channels (and contacts with hours of their own) are open right now, computed on the server in
Europe/Paris at each page load."""

import reflex as rx

from parlonsen.catalog import catalog
from parlonsen.hours import now_paris, status_at


def contact_key(channel_id: str, index: int) -> str:
    """The open/closed key of a contact that keeps its own hours (the 119's chat)."""
    return f"{channel_id}@{index}"


class ClockState(rx.State):
    open_ids: list[str] = []
    closed_ids: list[str] = []

    @rx.event
    def refresh(self) -> None:
        moment = now_paris()
        statuses = {}
        for channel in catalog().channels.values():
            statuses[channel.id] = status_at(channel.hours, moment)
            for index, contact in enumerate(channel.contacts):
                if contact.hours is not None:
                    statuses[contact_key(channel.id, index)] = status_at(contact.hours, moment)
        self.open_ids = [key for key, status in statuses.items() if status == "open"]
        self.closed_ids = [key for key, status in statuses.items() if status == "closed"]

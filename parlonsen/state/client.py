"""Who is on the other end of a tab, for the throttles only: the client's address and the tab's id.

The address is the socket's peer, or, behind `trusted_proxy_hops` proxies (rxconfig), the one they forwarded.
Neither is stored: the throttles keep an HMAC of it (`services/throttle.py`).
"""

from __future__ import annotations

from reflex.istate.data import RouterData

from parlonsen.services.messages import Sender


def sender(router: RouterData) -> Sender:
    return Sender(address=router.session.client_ip or "", tab=router.session.client_token or "")

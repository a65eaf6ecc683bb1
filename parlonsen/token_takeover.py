"""Keep a student's answers when the worker that held their connection goes away.

With Redis, Reflex writes down which worker holds each tab's websocket: a "socket record" per token,
kept an hour. When a tab connects with a token that already has a record, Reflex takes it for a
duplicated tab and hands it a new token, that is an empty questionnaire (reflex-dev/reflex#6345). A
worker that is killed, or that accepts a reconnect while it shuts down, leaves its records behind:
every student it served would start again from the first question.

Here a tab takes its token back when the record names a worker that is gone. Each worker listens on
a Redis channel of its own for as long as it lives; PUBLISH answers how many listeners got the
message, and Redis drops a dead process's connection at once, so 0 means the worker is gone. A
record of this worker for a socket it no longer holds is a leftover too. A record held by a live
worker is left to Reflex: a real duplicated tab still gets a fresh state.
"""

import asyncio
import contextlib
import logging
import pickle
from typing import Any

from reflex.utils.token_manager import RedisTokenManager, SocketRecord

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "parlonsen_worker_alive_"
SUBSCRIBE_TIMEOUT_SECONDS = 2.0

# Delete the record only if it is still the one that was read: a newer claim wins.
DELETE_IF_UNCHANGED = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


class TakeoverTokenManager(RedisTokenManager):
    """Reflex's Redis token manager, which also takes back tokens left by dead workers."""

    def __init__(self, redis: Any) -> None:
        super().__init__(redis)
        self._listener: asyncio.Task | None = None
        self._listening_as: str | None = None
        self._subscribed = asyncio.Event()
        self._closed = False

    async def link_token_to_sid(self, token: str, sid: str) -> str | None:
        record = self.token_to_socket.get(token)
        if record is None or record.sid != sid:  # a plain reconnect of a held socket needs nothing
            await self._listen()
            await self._release_if_orphaned(token)
        return await super().link_token_to_sid(token, sid)

    async def close(self) -> None:
        self._closed = True
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
        await super().close()

    async def is_alive(self, instance_id: str) -> bool:
        """Whether the worker with this id still holds its channel."""
        return await self.redis.publish(CHANNEL_PREFIX + instance_id, b"") > 0

    async def _release_if_orphaned(self, token: str) -> None:
        key = self._get_redis_key(token)
        try:
            raw = await self.redis.get(key)
            if raw is None:
                return
            record: SocketRecord = pickle.loads(raw)
            if record.instance_id == self.instance_id:
                orphaned = self.sid_to_token.get(record.sid) != token
            else:
                orphaned = not await self.is_alive(record.instance_id)
            if orphaned and await self.redis.eval(DELETE_IF_UNCHANGED, 1, key, raw):
                if self.sid_to_token.get(record.sid) == token:
                    self.sid_to_token.pop(record.sid, None)
                self.token_to_socket.pop(token, None)
                logger.info("Token %s… taken back from gone worker %s", token[:8], record.instance_id)
        except Exception as error:  # Redis trouble: the decision stays Reflex's
            logger.warning("Could not check the socket record of a reconnecting tab: %s", error)

    async def _listen(self) -> None:
        """Hold this worker's channel, subscribed, before it writes any record naming it."""
        if self._closed:
            return  # going down: let the records it still writes read as a gone worker's
        listening = self._listener is not None and not self._listener.done()
        if not listening or self._listening_as != self.instance_id:
            if self._listener is not None:
                self._listener.cancel()
            self._subscribed = asyncio.Event()
            self._listening_as = self.instance_id
            self._listener = asyncio.create_task(self._hold_channel(self.instance_id, self._subscribed))
        try:
            await asyncio.wait_for(self._subscribed.wait(), SUBSCRIBE_TIMEOUT_SECONDS)
        except TimeoutError:
            logger.warning("This worker's liveness channel is not subscribed yet")

    async def _hold_channel(self, instance_id: str, subscribed: asyncio.Event) -> None:
        try:
            async with self.redis.pubsub() as pubsub:
                await pubsub.subscribe(CHANNEL_PREFIX + instance_id)
                async for message in pubsub.listen():
                    if message["type"] == "subscribe":
                        subscribed.set()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # the next connection subscribes again
            logger.warning("This worker's liveness channel closed: %s", error)


def take_back_orphaned_tokens(app: Any) -> None:
    """Swap the app's Redis token manager for one that takes back dead workers' tokens."""
    namespace = app.event_namespace
    if namespace is not None and type(namespace._token_manager) is RedisTokenManager:
        namespace._token_manager = TakeoverTokenManager(namespace._token_manager.redis)

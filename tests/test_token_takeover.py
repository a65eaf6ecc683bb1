"""A tab keeps its token, so its answers, when the worker that held its connection is gone.

Against the local Redis (skipped, with the reason, when none answers). A dead worker is a real
process killed with SIGKILL, as a crash or an OOM kill would leave it.
"""

import asyncio
import signal
import socket
import subprocess
import sys
import textwrap
from types import SimpleNamespace

import pytest
from redis.asyncio import Redis
from reflex.utils.token_manager import RedisTokenManager

from parlonsen.token_takeover import DELETE_IF_UNCHANGED, TakeoverTokenManager, take_back_orphaned_tokens

REDIS_URL = "redis://127.0.0.1:6379/9"


def _redis_answers() -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


pytestmark = pytest.mark.skipif(not _redis_answers(), reason="needs a Redis on 127.0.0.1:6379")


@pytest.fixture
async def redis():
    client = Redis.from_url(REDIS_URL)
    await client.flushdb()
    yield client
    await client.flushdb()
    await client.aclose()


@pytest.fixture
async def managers():
    made = []

    def make(cls=TakeoverTokenManager):
        manager = cls(Redis.from_url(REDIS_URL))
        made.append(manager)
        return manager

    yield make
    for manager in made:
        await manager.close()


def _worker_that_dies(token: str) -> subprocess.Popen:
    """Another worker: links the token to a socket of its own, says so, and waits to be killed."""
    script = textwrap.dedent(f"""
        import asyncio, sys
        from redis.asyncio import Redis
        from parlonsen.token_takeover import TakeoverTokenManager

        async def main():
            manager = TakeoverTokenManager(Redis.from_url({REDIS_URL!r}))
            await manager.link_token_to_sid({token!r}, "sid-on-the-worker-that-dies")
            print(manager.instance_id, flush=True)
            await asyncio.sleep(60)

        asyncio.run(main())
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    process.instance_id = process.stdout.readline().strip()
    return process


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()


async def test_a_tab_keeps_its_token_when_its_worker_was_killed(redis, managers):
    dead = _worker_that_dies("token-1")
    survivor = managers()
    assert await survivor.is_alive(dead.instance_id)
    _kill(dead)
    await asyncio.sleep(0.2)  # Redis notices the closed connection

    assert not await survivor.is_alive(dead.instance_id)
    assert await survivor.link_token_to_sid("token-1", "sid-after-reconnect") is None
    assert survivor.token_to_socket["token-1"].instance_id == survivor.instance_id


async def test_reflex_alone_would_hand_that_tab_a_new_empty_token(redis, managers):
    dead = _worker_that_dies("token-1")
    _kill(dead)
    await asyncio.sleep(0.2)
    plain = managers(RedisTokenManager)
    assert await plain.link_token_to_sid("token-1", "sid-after-reconnect") not in (None, "token-1")


async def test_a_duplicated_tab_of_a_live_worker_still_gets_a_new_token(redis, managers):
    first, second = managers(), managers()
    assert await first.link_token_to_sid("token-1", "sid-a") is None
    new_token = await second.link_token_to_sid("token-1", "sid-b")
    assert new_token not in (None, "token-1")
    assert first.token_to_socket["token-1"].sid == "sid-a"


async def test_a_tab_takes_back_a_record_this_worker_left_for_a_socket_it_no_longer_holds(redis, managers):
    worker = managers()
    await worker.link_token_to_sid("token-1", "sid-a")
    worker.sid_to_token.pop("sid-a")  # the socket went, its record's delete did not reach Redis
    worker.token_to_socket.pop("token-1")
    assert await worker.link_token_to_sid("token-1", "sid-b") is None
    assert worker.token_to_socket["token-1"].sid == "sid-b"


async def test_a_reconnect_on_the_same_socket_keeps_its_token(redis, managers):
    worker = managers()
    await worker.link_token_to_sid("token-1", "sid-a")
    assert await worker.link_token_to_sid("token-1", "sid-a") is None


async def test_a_record_left_by_a_worker_that_shut_down_is_taken_back(redis, managers):
    leaving, staying = managers(), managers()
    await leaving.link_token_to_sid("token-1", "sid-a")  # a reconnect that raced the shutdown's cleanup
    assert await staying.is_alive(leaving.instance_id)
    await leaving.close()
    assert not await staying.is_alive(leaving.instance_id)
    assert await staying.link_token_to_sid("token-1", "sid-b") is None


async def test_a_record_that_changed_since_it_was_read_is_not_deleted(redis):
    await redis.set("record", b"newer claim")
    assert await redis.eval(DELETE_IF_UNCHANGED, 1, "record", b"record read earlier") == 0
    assert await redis.get("record") == b"newer claim"
    assert await redis.eval(DELETE_IF_UNCHANGED, 1, "record", b"newer claim") == 1
    assert await redis.get("record") is None


async def test_only_a_redis_token_manager_is_swapped(redis):
    redis_app = SimpleNamespace(event_namespace=SimpleNamespace(_token_manager=RedisTokenManager(redis)))
    take_back_orphaned_tokens(redis_app)
    assert isinstance(redis_app.event_namespace._token_manager, TakeoverTokenManager)

    local = object()
    local_app = SimpleNamespace(event_namespace=SimpleNamespace(_token_manager=local))
    take_back_orphaned_tokens(local_app)
    assert local_app.event_namespace._token_manager is local

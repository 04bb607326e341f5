"""A cell's reply that is queued but whose wake-up was lost is read within a slice (helpers.kernel_client)."""

from __future__ import annotations

import asyncio
import os
import time
from queue import Empty

import pytest
from jupyter_client.channels import AsyncZMQSocketChannel

from helpers import kernel_client


class LostWakeUp:
    """A socket holding a reply whose edge was taken: a poll is never woken, and sees the reply only when its
    timeout ends (pyzmq then asks ZeroMQ itself, a poll(0))."""

    def __init__(self, queued: bool = True):
        self.queued, self.polls = queued, []

    async def poll(self, timeout_ms: int) -> int:
        self.polls.append(timeout_ms)
        await asyncio.sleep(timeout_ms / 1000)
        return 1 if self.queued else 0


def channel(socket: LostWakeUp) -> AsyncZMQSocketChannel:
    made = AsyncZMQSocketChannel.__new__(AsyncZMQSocketChannel)  # no real socket or session: only get_msg is tried
    made.socket = socket

    async def receive():
        return {"msg_type": "execute_reply"}

    made._recv = receive
    return made


@pytest.fixture
def fast_slices(monkeypatch):
    monkeypatch.setattr(kernel_client, "SLICE", 0.05)
    assert kernel_client.install()
    yield
    kernel_client.install()  # as the build and the papermill tests have it


def test_a_reply_whose_wake_up_was_lost_is_read_after_one_slice_not_the_cells_timeout(fast_slices):
    socket = LostWakeUp()
    began = time.monotonic()
    reply = asyncio.run(channel(socket).get_msg(timeout=30))
    assert reply == {"msg_type": "execute_reply"} and socket.polls == [50], socket.polls
    assert time.monotonic() - began < 5


def test_without_the_patch_the_same_reply_waits_for_the_whole_timeout(fast_slices):
    kernel_client.uninstall()
    socket = LostWakeUp()
    with pytest.raises(TimeoutError):
        asyncio.run(asyncio.wait_for(channel(socket).get_msg(timeout=30), 0.3))
    assert socket.polls == [30_000]


def test_nothing_to_read_is_empty_at_the_timeout_in_slices_and_none_waits_on(fast_slices):
    socket = LostWakeUp(queued=False)
    began = time.monotonic()
    with pytest.raises(Empty):
        asyncio.run(channel(socket).get_msg(timeout=0.2))
    waited = time.monotonic() - began
    assert 0.2 <= waited < 2 and all(p <= 50 for p in socket.polls) and len(socket.polls) >= 4, socket.polls
    forever = LostWakeUp(queued=False)
    with pytest.raises(TimeoutError):  # timeout None: it keeps looking, a slice at a time
        asyncio.run(asyncio.wait_for(channel(forever).get_msg(timeout=None), 0.3))
    assert len(forever.polls) >= 3 and set(forever.polls) == {50}


def test_the_books_sphinx_extension_installs_it_for_every_build(monkeypatch):
    """The build and every course edition execute their notebooks in the process that loads helpers.site."""
    from unittest.mock import MagicMock

    from helpers import render, site

    monkeypatch.setenv(render.BUILD_ENV, os.environ.get(render.BUILD_ENV, ""))  # setup sets it: put back after
    kernel_client.uninstall()
    try:
        assert not kernel_client.installed()
        site.setup(MagicMock())
        assert kernel_client.installed()
    finally:
        kernel_client.install()

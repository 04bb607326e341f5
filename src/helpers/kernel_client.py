"""A kernel's reply that sat unread: the notebook runner's wait for it looks again every second.

The book's build (MyST-NB, through jupyter-cache and nbclient) and papermill wait for each cell's reply with
jupyter_client's asyncio channel: one ``socket.poll`` for as long as the cell may take (300 s in the build).
pyzmq wakes that poll when the socket's file descriptor signals, and ZeroMQ signals edges, not levels: if
the edge is taken by something else (the socket's own send of the request, a check of its events), the
poll sleeps on with the reply already queued. Seen in the suite about once in ten runs: the build's
kernel and its client both idle for the 300 s, the client's shell socket holding the reply
(``zmq.EVENTS``: POLLIN, read from the stalled build with gdb), the kernel answering another client at once.

:func:`install` makes ``AsyncZMQSocketChannel.get_msg`` poll in slices of at most :data:`SLICE` seconds
until its timeout: each slice that ends without a wake-up asks ZeroMQ itself (pyzmq's ``poll(0)``), so a
missed edge costs at most a second. Installed by the book's Sphinx extension (every build, every course
edition) and by the tests that run notebooks under papermill. With a jupyter_client that lacks the
channel, nothing is patched.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from helpers import patching

SLICE = 1.0  # seconds: the longest a queued reply can wait unseen


def install() -> bool:
    """Patch jupyter_client's asyncio channel (once); False if this jupyter_client lacks it."""
    try:
        from jupyter_client.channels import AsyncZMQSocketChannel
    except ImportError:
        return False
    return patching.replace(AsyncZMQSocketChannel, "get_msg", lambda _original: get_msg)


async def get_msg(self: Any, timeout: float | None = None) -> dict[str, Any]:
    """A message if one is ready within ``timeout`` seconds (None: wait as long as it takes), else Empty."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        left = SLICE if deadline is None else max(0.0, min(SLICE, deadline - time.monotonic()))
        if await self.socket.poll(int(left * 1000)):
            return await self._recv()
        if deadline is not None and time.monotonic() >= deadline:
            raise Empty


def installed() -> bool:
    """Whether the channel waits in slices."""
    from jupyter_client.channels import AsyncZMQSocketChannel

    return patching.patched(AsyncZMQSocketChannel, "get_msg")


def uninstall() -> None:
    """Undo :func:`install` (for the test that compares the two)."""
    from jupyter_client.channels import AsyncZMQSocketChannel

    patching.restore(AsyncZMQSocketChannel, "get_msg")

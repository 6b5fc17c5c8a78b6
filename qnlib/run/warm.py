"""Warm kernels: every run gets a fresh kernel forked from a factory that has done the imports.

papermill starts a new kernel per notebook and the kernel imports pandas, matplotlib and
qnlib again: most of a short run. Here each runner worker keeps one factory process
(:mod:`qnlib.run.zygote`) and asks it for a kernel per run; papermill talks to that kernel
through an ordinary jupyter_client kernel manager whose provisioner forks instead of
spawning. Isolation is a fresh process per run, as with cold kernels: the child starts from
the factory's state right after its imports and dies at the end of its run.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Unicode, default

__all__ = ["Factory", "WarmKernelManager", "factory"]

START_SECONDS = 120  # imports on a loaded machine; a factory that takes longer has failed


class FactoryError(RuntimeError):
    """The factory could not be started or did not answer."""


class Factory:
    """The worker's handle on its factory process (started on first use, restarted if it died)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.ready = False

    def start(self) -> None:
        """Start the factory; it imports while the caller goes on (:meth:`fork` waits for it)."""
        self.ready = False
        self.process = subprocess.Popen(
            [sys.executable, "-m", "qnlib.run.zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,  # Ctrl-C on the terminal is the runner's, not the factory's
        )

    def _answer(self) -> str:
        """The factory's next line ("ready", or a pid); ValueError if it says nothing in time."""
        import select

        assert self.process is not None and self.process.stdout is not None
        if not select.select([self.process.stdout], [], [], START_SECONDS)[0]:
            raise ValueError(f"no answer in {START_SECONDS} s")
        return self.process.stdout.readline().strip()

    def fork(self, connection_file: str, env: dict[str, str], cwd: str, log: str) -> int:
        """A new kernel on ``connection_file``: its pid. A factory that died is started again, once."""
        import ipykernel_launcher

        request = {"connection_file": connection_file, "env": env, "cwd": cwd, "log": log,
                   "argv0": ipykernel_launcher.__file__}  # fmt: skip
        for attempt in (1, 2):
            if self.process is None or self.process.poll() is not None:
                self.start()
            assert self.process is not None and self.process.stdin is not None
            try:
                if not self.ready:
                    self.ready = self._answer() == "ready"
                    if not self.ready:
                        raise ValueError("not ready")
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
                answer = self._answer()
                return int(answer)
            except (BrokenPipeError, ValueError):
                self.stop()
                if attempt == 2:
                    raise FactoryError("the kernel factory stopped answering") from None
        raise AssertionError("unreachable")

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()
        self.process = None


_factory: Factory | None = None


def factory() -> Factory:
    """This process's factory (one per runner worker)."""
    global _factory
    if _factory is None:
        _factory = Factory()
    return _factory


class _Forked:
    """What the provisioner needs of a ``Popen`` for a kernel that is not our child (the factory's)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        import psutil

        self.pid = pid
        try:
            self._process: Any = psutil.Process(pid)  # remembers its start time: a reused pid is not it
        except psutil.NoSuchProcess:
            self._process = None

    def poll(self) -> int | None:
        """None while the kernel runs; 0 once it is gone (its exit status is the factory's to reap)."""
        import psutil

        process = self._process  # is_running() compares start times: a pid reused since is not ours
        try:
            alive = process is not None and process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            alive = False
        return None if alive else 0

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
            time.sleep(0.02)
        return 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkProvisioner(LocalProvisioner):
    """A local provisioner whose kernels come from the worker's factory instead of a new process."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        km = self.parent
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        log = km.kernel_log
        env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client sets it for a kernel it spawns
        pid = factory().fork(km.connection_file, env, cwd, log)
        self.process = _Forked(pid)
        self.pid = self.pgid = pid
        self.cwd = cwd
        return self.connection_info


class WarmKernelClient(AsyncKernelClient):
    """jupyter_client's client, ready as soon as its kernel is.

    jupyter_client's ``wait_for_ready`` ends by waiting 0.2 s for IOPub messages that nobody
    sent; a forked kernel is ready in less than that. Here it takes what has arrived and goes
    on (the notebook client ignores any later message that is not about its own request)."""

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:  # as jupyter_client: kernel_info until the kernel replies and IOPub is connected
            self.kernel_info()
            with contextlib.suppress(Empty):
                reply = await self.shell_channel.get_msg(timeout=1)
                if reply["msg_type"] == "kernel_info_reply":
                    with contextlib.suppress(Empty):
                        await self.iopub_channel.get_msg(timeout=0.2)  # its status: IOPub is connected
                        self._handle_kernel_info_reply(reply)
                        break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while await self.iopub_channel.msg_ready():  # what has arrived, without waiting for more
            await self.iopub_channel.get_msg()


class WarmKernelManager(AsyncKernelManager):
    """A kernel manager for papermill (``km=``) whose kernel is forked by the factory.

    papermill does not shut down a kernel it did not start: call :meth:`stop` after the run.
    """

    kernel_log = Unicode(os.devnull, help="where the kernel's own stdout and stderr go")

    @default("client_factory")
    def _client_factory_default(self) -> type:
        return WarmKernelClient

    def stop(self) -> None:
        """Kill the kernel (its run is over: nothing it still holds is ours) and remove its files."""
        process = self.provisioner.process if self.provisioner is not None else None
        if process is not None:
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
        self._close_control_socket()
        self.cleanup_connection_file()

    async def _async_pre_start_kernel(self, **kw: Any) -> Any:
        if self.provisioner is None:
            import uuid

            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ForkProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
        return await super()._async_pre_start_kernel(**kw)

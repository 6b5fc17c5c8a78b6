"""A warm kernel factory: one process that has imported everything, forking one fresh kernel per run.

Started by each runner worker as ``python -m qnlib.run.zygote``. It imports pandas, matplotlib,
ipykernel and qnlib once, then waits on stdin for requests (one JSON line each: connection
file, environment, working directory, log file) and answers each with the pid of a forked
child that becomes an IPython kernel on that connection file.

Why fork rather than reuse a kernel: a forked child starts from the factory's memory as it was
right after the imports, so nothing a notebook does (globals, ``matplotlib.rcParams``, a
monkeypatched function, an open figure, the working directory, an environment variable)
can reach the next run, and each run still pays no import. The factory itself never runs a
notebook and starts no Python thread; the native pools its imports hold (numpy's BLAS, Arrow's
allocator) register fork handlers, as they must for multiprocessing's fork.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

# What the notebooks import or read with, in the order a cold kernel meets them. Anything
# missing here is imported by the notebook itself, as in a cold kernel: only speed depends on it
# (tests/run/test_warm.py lists what a run still imports; it should be nothing).
PRELOAD = (
    "numpy",
    "pandas",
    "pandas.io.formats.style",  # the reader tables' HTML
    "pandas.core.reshape.reshape",  # unstack
    "pyarrow.parquet",
    "pyarrow.dataset",  # what pandas reads parquet with
    "pandas.core.arrays.arrow.extension_types",
    "pandas.core.arrays.arrow._arrow_utils",
    "matplotlib.backends.backend_agg",  # not pyplot: no notebook uses it (charts build Figures)
    "matplotlib.backends.backend_svg",
    "encodings.utf_8_sig",  # the datasets' CSV, which parameter checks read
    # What an IPython kernel imports as it starts (its class, the debugger and debugpy, a store
    # extension, the event loop, faulthandler): 0.2 s a run, paid once here instead.
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.oinspect",
    "IPython.extensions.storemagic",
    "tornado.queues",
    "tornado.platform.asyncio",
    "psutil",
    "faulthandler",
    "IPython.display",
    "jinja2",
    "yaml",
    "qnlib",
    "qnlib.analysis",
    "qnlib.charts",
    "qnlib.facts",
    "qnlib.scorecard",
    "qnlib.run.notebook",
)


def _preload() -> None:
    """Import what the notebooks use, and draw one slide: a first drawing loads fonts and fills
    matplotlib's caches, which every forked kernel then starts with. rcParams are left as they
    were, and the figure is not pyplot's: a kernel's state is that of a fresh one, imports done."""
    import importlib
    import io

    for name in PRELOAD:
        importlib.import_module(name)
    import matplotlib

    from qnlib import plotting

    with matplotlib.rc_context():
        fig, ax = plotting.slide(
            plotting.Heading("Số xã đạt chuẩn 2024", "Số xã", "Tỉnh Quảng Ninh"), "Nguồn"
        )
        ax.bar(["Hạ Long", "Bình Liêu"], [3, 5], label="Đã đạt")
        ax.legend()
        for format in ("png", "svg"):
            fig.savefig(io.BytesIO(), format=format, dpi=plotting.DPI)


KERNEL_NAME, FACTORY_NAME = "qnlib-kernel", "qnlib-factory"  # as ps and top show them (Linux)


def _name_process(name: str) -> None:
    """Set the name ``ps -o comm`` and ``psutil.Process.name()`` show (forked kernels share the
    factory's command line; this tells them apart). Where prctl is missing, nothing happens."""
    from qnlib.forking import PR_SET_NAME, prctl

    prctl(PR_SET_NAME, name.encode())


def _kernel(request: dict, answers: int) -> None:
    """In the child: become the kernel a cold start would have given (never returns).

    ``answers`` is the factory's end of the pipe it answers the worker on: the kernel closes it,
    so that when the factory dies the worker reads the end of its answers at once."""
    code = 1
    try:
        _name_process(KERNEL_NAME)
        os.close(answers)
        os.setsid()  # its own process group, as jupyter_client starts kernels: signals reach it alone
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(devnull)
        os.close(log)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.argv = [request["argv0"], "-f", request["connection_file"]]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance(parent_handle=os.getppid())
        app.initialize(sys.argv[1:])
        app.start()
        code = 0
    finally:
        os._exit(code)


def main() -> None:
    # As ipykernel_launcher does: the factory's own folder is not the notebook's.
    if sys.path and sys.path[0] in ("", str(Path.cwd())):
        del sys.path[0]
    _name_process(FACTORY_NAME)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the runner's to handle
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system: no zombies
    # debugpy (imported with the kernel class) checks for frozen modules and says so on stderr,
    # which is the runner's terminal here; in a kernel that line went to the run's log.
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    _preload()
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nothing imported may write into the answers
    answers.write("ready\n")
    for line in sys.stdin:  # end of input: the worker is gone, and so is this factory
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _kernel(request, answers.fileno())
        answers.write(f"{pid}\n")


if __name__ == "__main__":
    main()

"""Starting or joining a Dask cluster, and getting every worker ready to code.

:func:`dask_client` gives a ``distributed.Client``: on a local cluster of ``workers``
processes (one thread each, bound to 127.0.0.1, no dashboard) or on an existing cluster at
``scheduler`` (``tcp://host:port``). :func:`prepare_workers` loads the pipeline once on every
worker (a worker plugin, so workers that join later load it too) and checks that every
worker runs the same whimbrel and knowledge base as this process: results identical to one
process need the same coder everywhere.

Dask is an optional dependency (``pip install 'whimbrel[scale]'``); nothing here imports it
before it is needed, and :func:`require_dask` says how to install it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from whimbrel.errors import ConfigError, ModelError, WhimbrelError

if TYPE_CHECKING:
    from whimbrel.config import Config

#: How to install what ``--workers`` and ``--scheduler`` need.
INSTALL_HINT = "pip install 'whimbrel[scale]'"


class ScaleError(WhimbrelError):
    """The cluster cannot be started or reached, or its workers cannot code (fatal)."""

    code = "scale_error"


class DaskMissing(ScaleError):
    """Dask (``distributed``) is not installed."""


def require_dask() -> None:
    """Raise :class:`DaskMissing`, naming the install command, unless Dask is importable."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise DaskMissing(
            "--workers and --scheduler need Dask, which is not installed here; "
            f"install it with: {INSTALL_HINT}"
        ) from None


@contextmanager
def dask_client(
    workers: int | None = None,
    scheduler: str | None = None,
    *,
    timeout: float = 30.0,
    silence_logs: int = logging.ERROR,
) -> Iterator[Any]:
    """A Dask client on a new local cluster of ``workers`` processes, or on ``scheduler``.

    The local cluster runs one single-threaded worker process per core asked for (spaCy
    holds the GIL, so threads would not help), listens on 127.0.0.1 only and has no
    dashboard. Both are closed on exit; a cluster named by ``scheduler`` is left running.
    """
    require_dask()
    from distributed import Client, LocalCluster

    if (workers is None) == (scheduler is None):
        raise ValueError("give exactly one of workers and scheduler")
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    if workers is None or workers < 1:
        raise ValueError("workers must be at least 1")
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # The scheduler serves /health and /metrics even without a dashboard, by default on
        # port 8787: a free loopback port instead, so two local runs never collide.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=silence_logs,
    )
    try:
        client = Client(cluster, timeout=timeout)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


@dataclass(frozen=True)
class WorkerInfo:
    """What the workers of a cluster run: the same coder and knowledge base on all of them."""

    coder: str
    kb_version: str | None
    workers: tuple[str, ...]
    threads: int


def prepare_workers(client: Any, config: Config, *, timeout: float = 120.0) -> WorkerInfo:
    """Load the pipeline ``config`` describes once on every worker and check their versions.

    Raises :class:`~whimbrel.errors.ConfigError` (bad configuration) or
    :class:`~whimbrel.errors.ModelError` (the model cannot load) as a single process would,
    and :class:`ScaleError` when a worker cannot import whimbrel or runs another coder or
    knowledge base than this process.
    """
    from whimbrel.scale.runner import PipelinePlugin, config_key, worker_status

    try:
        client.wait_for_workers(1, timeout=timeout)
        client.register_plugin(PipelinePlugin(config), name=f"whimbrel-{config_key(config)}")
        found = client.run(worker_status, config_key(config))
    except WhimbrelError:
        raise
    except Exception as exc:
        raise ScaleError(
            f"the Dask workers cannot load whimbrel ({type(exc).__name__}: {exc}); every "
            f"worker needs the same whimbrel installed ({INSTALL_HINT})"
        ) from None
    return check_workers(found, client.nthreads())


def check_workers(found: dict[str, dict[str, Any]], nthreads: dict[str, int]) -> WorkerInfo:
    """Turn each worker's :func:`~whimbrel.scale.runner.worker_status` into a verdict."""
    from whimbrel import __version__

    for address, status in sorted(found.items()):
        if status.get("error"):
            kind, message = status["error"]
            error = ConfigError if kind == "ConfigError" else ModelError
            raise error(f"worker {address}: {message}")
    versions = {(s["coder"], s["kb_version"]) for s in found.values()}
    if len(versions) != 1:
        listed = "; ".join(
            f"{a}: {s['coder']} kb {s['kb_version']}" for a, s in sorted(found.items())
        )
        raise ScaleError(f"the workers run different coders or knowledge bases: {listed}")
    coder, kb_version = versions.pop()
    own = f"whimbrel/{__version__}"
    if coder != own:
        raise ScaleError(
            f"the workers run {coder}, this process {own}: install the same whimbrel everywhere"
        )
    return WorkerInfo(
        coder=coder,
        kb_version=kb_version,
        workers=tuple(sorted(found)),
        threads=sum(nthreads.values()) or len(found),
    )

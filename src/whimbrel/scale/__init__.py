"""Scale-out: code a large corpus on a Dask cluster, with results identical to one process.

``whimbrel ingest --workers N`` / ``--scheduler tcp://HOST:PORT`` and ``whimbrel code
--workers N --format parquet --out DIR`` are built from these parts (docs/SCALING.md):

- :mod:`~whimbrel.scale.cluster`: start a local cluster or join one, and load the pipeline
  once on every worker (checking that all run the same coder and knowledge base);
- :mod:`~whimbrel.scale.partitions`: cut the input stream into numbered partitions;
- :mod:`~whimbrel.scale.runner`: code partitions on the workers, bounded, with retries;
- :mod:`~whimbrel.scale.writer`: one writer commits every coded article to the store;
- :mod:`~whimbrel.scale.parquet`: events as Parquet by publication month, resumable.

Dask is optional: ``pip install 'whimbrel[scale]'``. Example::

    from whimbrel.store import Store
    from whimbrel import scale

    with Store("news.duckdb") as store:
        summary = scale.ingest(store, ["dumps/"], workers=4)
"""

from __future__ import annotations

from whimbrel.scale.cluster import (
    INSTALL_HINT,
    DaskMissing,
    ScaleError,
    dask_client,
    prepare_workers,
    require_dask,
)
from whimbrel.scale.commands import UsageError, code, ingest
from whimbrel.scale.partitions import DEFAULT_PARTITION_SIZE, Partition, partition
from whimbrel.scale.runner import (
    Failure,
    PartitionFailed,
    PartitionResult,
    code_partition,
    run_partitions,
)

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "INSTALL_HINT",
    "DaskMissing",
    "Failure",
    "Partition",
    "PartitionFailed",
    "PartitionResult",
    "ScaleError",
    "UsageError",
    "code",
    "code_partition",
    "dask_client",
    "ingest",
    "partition",
    "prepare_workers",
    "require_dask",
    "run_partitions",
]

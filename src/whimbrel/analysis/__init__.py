"""Analysis of the event store: deduplication (docs/dedup.md), exports (docs/exports.md),
dyads, actors and networks. Each module holds one job; import what you need from it.
"""

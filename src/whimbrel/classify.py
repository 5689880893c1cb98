"""Dyad classification: given a sentence and its two actors, which PLOVER event links them?

Researchers often have the actors already (``whimbrel classify``, issue #3). The sentence
goes through the ordinary pipeline, with the two given spans forced in as actor mentions
(resolved by the knowledge base where it can, kept as unnamed actors where it cannot), and
the event whose source and target overlap the given spans answers. Where none does, the
lexicon row of the word linking the two in the parse answers, then the relation model
(trained on the gold train split) if it is sure enough; otherwise ``event_type`` is null.
Where the optional pair encoder is installed (``whimbrel[encoder]``: MiniLM with adapters
trained on the train split), it answers in place of those last two (the relation model and
null): it reads relations the rules have no row for, and says when there is none. The
method and its figures: docs/ACCURACY.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from whimbrel.errors import InputError
from whimbrel.events.cues import load_cues
from whimbrel.events.finalize import EVERY_EVENT
from whimbrel.events.pair_encoder import load_pair_encoder
from whimbrel.events.plover import load_ontology
from whimbrel.events.readings import demanded_against, pair_reading
from whimbrel.events.relation import load_relation_model, pair_features
from whimbrel.events.slots import tree_path
from whimbrel.pipeline import Pipeline, load_pipeline, parse_date
from whimbrel.records import Actor, Article, Event, Mention, overlaps_any

#: Stages that run before the given spans are forced in, and the ones after.
_BEFORE = ("nlp.parse", "nlp.dates", "actors.mentions", "actors.coref")


def _token_factuality(tok: Any, cues: Any) -> str | None:
    """Negated or future, read off a lexicon word's own auxiliaries ("will not end the strike"),
    or those of the verb an event noun is the object of ("will not begin talks")."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "attr"):
        tok = tok.head
    children = list(tok.children)
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if aux & set(cues.future_aux):
        return "future"
    if "would" in aux and tok.head.lemma_.lower() in cues.would_as_future_after:
        return "future"
    return None


def _span(record: dict[str, Any], role: str, line: int | None) -> tuple[int, int]:
    span = record.get(role)
    if (
        not isinstance(span, dict)
        or not isinstance(span.get("start"), int)
        or not isinstance(span.get("end"), int)
    ):
        raise InputError(f"'{role}' must be an object with integer 'start' and 'end'", line=line)
    return span["start"], span["end"]


def _force_mention(article: Article, start: int, end: int, kb: Any) -> int:
    """The index of the mention covering [start, end), adding one if the pipeline found none."""
    best = None
    for i, m in enumerate(article.mentions):
        overlap = min(end, m.end) - max(start, m.start)
        if overlap > 0 and m.actor is not None and (best is None or overlap > best[0]):
            best = (overlap, i)
    if best is not None:
        return best[1]
    doc = article.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    text = article.text[start:end]
    actor = kb.resolve(text, article.date) if span is not None else None
    if actor is None:
        actor = Actor(name=text, id="wb:unresolved:" + "-".join(text.lower().split())[:60],
                      country=None, kind="group")  # fmt: skip
    sentence = next((i for i, s in enumerate(article.sentences) if s.start <= start < s.end + 1), 0)
    mention = Mention(text=text, start=start, end=end, sentence=sentence, actor=actor,
                      resolved_by="given", head=span.root.i if span is not None else -1,
                      token_start=span.start if span is not None else -1,
                      token_end=span.end if span is not None else -1)  # fmt: skip
    article.mentions.append(mention)
    article.mentions.sort(key=lambda m: m.start)
    return article.mentions.index(mention)


def _choose(
    events: list[Event], src: tuple[int, int], tgt: tuple[int, int]
) -> tuple[Event, float] | None:
    """The event linking the pair, and how well its roles fit (1 exact, lower when looser)."""
    ranked: list[tuple[float, bool, float, Event]] = []
    for e in events:
        s_ok, t_ok = overlaps_any(e.source, *src), overlaps_any(e.target, *tgt)
        if s_ok and t_ok:
            fit = 1.0
        elif overlaps_any(e.source, *tgt) and overlaps_any(e.target, *src):
            fit = 0.6  # roles the other way round: the relation is right, the direction not
        elif s_ok and (not e.target or overlaps_any(e.source, *tgt)):
            fit = 0.75  # reciprocal or target-less event of the source
        elif s_ok or t_ok:
            # one role matches: the given source's own act over another's act on the target
            fit = 0.5 if s_ok else 0.45
        else:
            continue
        ranked.append((fit, e.factuality != "negated", e.confidence, e))
    if not ranked:
        return None
    # the best-fitting event; among equals, what happened (or was refused) over what did not
    fit, _, _, event = max(ranked, key=lambda r: r[:3])
    return event, fit


#: Where neither a coded event nor a lexicon word links the pair, the model answers only this
#: sure; below it the sentence most likely reports no event between them, and null answers.
MODEL_MIN_PROBABILITY = 0.35
#: Confidence factor for the model's answer where no rule fired (it is right less often).
MODEL_ONLY = 0.5
#: Confidence factor for a type read off the dependency path rather than a coded event.
PATH_VOTE = 0.5


def _path_vote(
    article: Article, src: tuple[int, int], tgt: tuple[int, int], lexicon: Any
) -> tuple[Any, float, Any] | None:
    """The lexicon row (and token) of the word linking the two actors in the parse, nearest their meeting point.

    Used when no coded event joins the pair: "condemned *the killing of civilians*", "filed a
    lawsuit against X" link their actors through words whose own arguments are not actors.
    """
    from whimbrel.events.triggers import match_trigger

    doc = article.doc
    a = doc.char_span(*src, alignment_mode="expand")
    b = doc.char_span(*tgt, alignment_mode="expand")
    if a is None or b is None:
        return None
    found = tree_path(a.root, b.root)
    if found is None:
        return None
    lca, up, down = found
    path = up + down
    # the meeting point first, then outwards; then the target's own head ("the killing of ...")
    order = [lca, *sorted(path, key=lambda t: abs(t.i - lca.i)), b.root]
    inside = set(range(a.start, a.end))
    for tok in order:
        if tok.i in inside:
            continue
        pos = (
            "VERB"
            if tok.pos_ in ("VERB", "AUX")
            else "NOUN"
            if tok.pos_ in ("NOUN", "PROPN")
            else None
        )
        if pos is None:
            continue
        match = match_trigger(lexicon, tok, pos)
        if match is not None:
            return match[0], PATH_VOTE, tok
        plain = [
            e
            for e in lexicon.lookup(tok.lemma_.lower(), pos)
            if not e.objects and not e.prep and not e.particle
        ]
        if plain:
            return max(plain, key=lambda e: e.weight), PATH_VOTE * 0.8, tok
    return None


def analyse_pair(
    pipeline: Pipeline, record: dict[str, Any], line: int | None = None
) -> dict[str, Any]:
    """Code the record's text with the two spans forced in; the rule answer and the features."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("'text' must be a non-empty string", line=line)
    src, tgt = _span(record, "source", line), _span(record, "target", line)
    if not (0 <= src[0] < src[1] <= len(text) and 0 <= tgt[0] < tgt[1] <= len(text)):
        raise InputError("'source' and 'target' offsets must lie inside 'text'", line=line)
    date = record.get("date")
    article = Article(
        id=str(record.get("id", line)), text=text, date=parse_date(date) if date else None
    )
    stages = {s.name: s for s in pipeline.stages}
    for name in _BEFORE:
        article = stages[name](article)
    kb = stages["actors.mentions"].kb
    _force_mention(article, *src, kb)
    _force_mention(article, *tgt, kb)
    for s in pipeline.stages:
        if s.name.startswith("events."):
            article = s(article)
    lexicon = stages["events.extract"].lexicon
    chosen = _choose(article.events, src, tgt)
    vote = _path_vote(article, src, tgt, lexicon) if chosen is None or chosen[1] < 0.5 else None
    if vote is not None:
        rule_type, fit = vote[0].event_type, vote[1]
    elif chosen is not None:
        rule_type, fit = chosen[0].event_type, chosen[1]
    else:
        rule_type, fit = None, 0.0
    features = pair_features(article.doc, src, tgt, lexicon, (rule_type, fit))
    act = _requested_act(article, tgt, chosen, vote, lexicon) if rule_type == "REQUEST" else None
    return {"chosen": chosen, "vote": vote, "features": features, "act": act}


#: Prepositions that make their object the object of an act ("sanctions *against* X").
_AGAINST = frozenset({"against", "on", "upon", "of"})


def _object_of_act(tok: Any) -> bool:
    """Whether ``tok`` is acted upon (a direct object or the object of "against", "on", "of"),
    not the one asked to act ("demanding *the administration* cut off aid")."""
    return tok.dep_ == "dobj" or (tok.dep_ == "pobj" and tok.head.lower_ in _AGAINST)


def _requested_act(
    article: Article,
    tgt: tuple[int, int],
    chosen: tuple[Event, float] | None,
    vote: tuple[Any, float, Any] | None,
    lexicon: Any,
) -> str | None:
    """The type of the act a REQUEST asks for, where the target is that act's object.

    Climbs from the target to the request's trigger ("called for *sanctions* against
    Moscow"); the first lexicon word on the way is the act requested. None when the climb
    never reaches the trigger (the target is not inside what was requested).
    """
    from whimbrel.events.triggers import match_trigger

    doc = article.doc
    span = doc.char_span(*tgt, alignment_mode="expand")
    if vote is not None:
        trigger = vote[2]
    elif chosen is not None:
        t = chosen[0].trigger
        trigger_span = doc.char_span(t.start, t.end, alignment_mode="expand")
        trigger = trigger_span.root if trigger_span is not None else None
    else:
        trigger = None
    if span is None or trigger is None or not _object_of_act(span.root):
        return None
    act = None
    for tok in span.root.ancestors:
        if tok.i == trigger.i:
            return act
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ == "NOUN" else None
        if act is None and pos is not None:
            match = match_trigger(lexicon, tok, pos)
            act = match[0].event_type if match is not None else None
    return None


#: Answer routes the pair encoder, where installed, answers in place of (docs/ACCURACY.md).
ENCODER_ROUTES = frozenset({None, "model"})
#: A lexicon word on the path between the pair gives way to the pair encoder when the encoder
#: names a type with at least this probability (dev split pairs 0.734 -> 0.756, plv-dev
#: 0.765 -> 0.766; at 0.6 the dev split gained more and plv-dev lost: docs/ACCURACY.md).
VOTE_OVERRULE = 0.8


def classify_pair(
    pipeline: Pipeline, record: dict[str, Any], line: int | None = None, *, encoder: bool = True
) -> dict[str, Any]:
    """Classify one pair record (``{"id", "text", "source", "target"}``).

    In order: the coded event that best joins the pair (exactly, reversed, or through one
    side); the lexicon row on the dependency path between them, unless the pair encoder is
    installed and names a type with probability VOTE_OVERRULE or more; then, with ``encoder``
    on and the pair encoder installed, its answer (a type or null); else the relation model
    when its probability reaches MODEL_MIN_PROBABILITY, or null ("no event between them").
    """
    found = analyse_pair(pipeline, record, line)
    model = load_relation_model()
    prediction = model.predict(found["features"]) if model is not None else None
    out, route = answer(found, prediction)
    pair_encoder = load_pair_encoder() if encoder and route in (*ENCODER_ROUTES, "vote") else None
    probs = pair_encoder.predict([record])[0] if pair_encoder is not None else None
    if probs is not None and (route != "vote" or _overrules(probs)):
        _encoder_answer(out, probs, pair_encoder)
    elif model is not None and route is not None:
        out["confidence"] = round(model.calibrated(route, out["confidence"]), 3)
    return {"id": record.get("id"), **out}


def _encoder_type(probs: dict[str, float]) -> str | None:
    """The pair encoder's top answer as a PLOVER type; None for its "no event" (NONE)."""
    best = max(probs, key=probs.__getitem__)
    return best if best in load_ontology().types else None


def _overrules(probs: dict[str, float]) -> bool:
    """Whether the encoder is sure enough of a type to answer over a path word's vote."""
    best = _encoder_type(probs)
    return best is not None and probs[best] >= VOTE_OVERRULE


def _encoder_answer(out: dict[str, Any], probs: dict[str, float], pair_encoder: Any) -> None:
    """Put the pair encoder's answer in ``out``: a type, or null for its "no event" (NONE)."""
    best = _encoder_type(probs)
    out.update(event_type=None, mode=None, quad=None, factuality=None, confidence=0.0)
    if best is not None:
        out.update(event_type=best, quad=load_ontology().types[best].quad,
                   confidence=round(pair_encoder.calibrated(probs[best]), 3))  # fmt: skip


def answer(
    found: dict[str, Any], prediction: tuple[str, float] | None
) -> tuple[dict[str, Any], str | None]:
    """The pair's answer from the rule analysis and the model's prediction, and its route.

    The route ("event", "vote" or "model"; None for no answer) says which source answered;
    the confidence returned is that source's own score, before calibration. Shared with
    tools/train_relation.py, which fits the calibration on the same routes.
    """
    chosen, vote = found["chosen"], found["vote"]
    out: dict[str, Any] = {"event_type": None, "mode": None, "quad": None, "factuality": None,
                           "confidence": 0.0}  # fmt: skip
    route = None
    if chosen is not None:
        event, fit = chosen
        event_type, mode = pair_reading(event.event_type, event.mode, event.factuality)
        out.update(event_type=event_type, mode=mode, factuality=event.factuality,
                   confidence=event.confidence * fit)  # fmt: skip
        route = "event"
    elif vote is not None:
        entry, factor, tok = vote
        factuality = _token_factuality(tok, load_cues())
        event_type, mode = pair_reading(entry.event_type, entry.mode, factuality)
        out.update(event_type=event_type, mode=mode, factuality=factuality,
                   confidence=entry.weight * factor)  # fmt: skip
        route = "vote"
    elif prediction is not None and prediction[1] >= MODEL_MIN_PROBABILITY:
        out.update(event_type=prediction[0], confidence=prediction[1] * MODEL_ONLY)
        route = "model"
    demanded = demanded_against(out["event_type"], found.get("act")) if route else None
    if demanded is not None:
        out["event_type"], out["mode"] = demanded
    if out["event_type"] is not None:
        out["quad"] = load_ontology().types[out["event_type"]].quad
    out["confidence"] = round(out["confidence"], 3)
    return out, route


@lru_cache(maxsize=1)
def default_classifier() -> Pipeline:
    """The pipeline classify uses: every event kept, however low its confidence."""
    return load_pipeline(**EVERY_EVENT)


def classify_pairs(
    records: Iterable[dict[str, Any]], pipeline: Pipeline | None = None, *, encoder: bool = True
) -> Iterator[dict[str, Any]]:
    """Classify pair records in order; a bad record yields an InputError in its place."""
    pipeline = pipeline or default_classifier()
    for n, record in enumerate(records, 1):
        try:
            yield classify_pair(pipeline, record, line=n, encoder=encoder)
        except InputError as exc:
            yield exc  # type: ignore[misc]

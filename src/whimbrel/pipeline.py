"""The stage registry and the :class:`Pipeline` runner.

Modelled on spaCy's ``Language.factory``: a stage is a class registered under a dotted name
with the article fields it ``requires`` and ``assigns`` and a pydantic settings model. The
pipeline is the ordered list of stage names in ``whimbrel.toml``; every stage is a callable
``Article -> Article``, and the runner checks that an :class:`Article` came back, naming the
stage when it did not. Built-in stages register themselves exactly as an extension would
(third parties can use the ``whimbrel.stages`` entry point). See docs/architecture.md.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from whimbrel.config import Config, load_config
from whimbrel.errors import ConfigError, InputError, StageError, WhimbrelError
from whimbrel.records import Article

log = logging.getLogger("whimbrel")

#: Modules holding the built-in stages; importing one registers its stages.
BUILTIN_STAGE_MODULES = (
    "whimbrel.nlp.language",
    "whimbrel.nlp.parse",
    "whimbrel.nlp.dates",
    "whimbrel.actors.mentions",
    "whimbrel.actors.coref",
    "whimbrel.events.extract",
    "whimbrel.events.encoder_targets",
    "whimbrel.events.factuality",
    "whimbrel.events.location",
    "whimbrel.events.finalize",
)


class Stage(Protocol):
    """What a registered stage instance looks like."""

    name: ClassVar[str]

    def __call__(self, article: Article) -> Article: ...


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its class, settings model and declared fields."""

    name: str
    factory: type
    settings: type[BaseModel]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = ""


_REGISTRY: dict[str, StageSpec] = {}


class StageSettings(BaseModel):
    """Base of every stage's settings model: unknown keys are a configuration error."""

    model_config = ConfigDict(extra="forbid")


class _NoSettings(StageSettings):
    """Settings model for stages that take none."""


def stage(
    name: str,
    *,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    settings: type[BaseModel] = _NoSettings,
) -> Callable[[type], type]:
    """Register a stage class under ``name``; used as a class decorator beside the stage."""

    def register(cls: type) -> type:
        cls.name = name  # type: ignore[attr-defined]
        _REGISTRY[name] = StageSpec(
            name=name,
            factory=cls,
            settings=settings,
            requires=tuple(requires),
            assigns=tuple(assigns),
            doc=(cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else "",
        )
        return cls

    return register


def _load_stage_modules() -> None:
    for module in BUILTIN_STAGE_MODULES:
        importlib.import_module(module)
    for ep in entry_points(group="whimbrel.stages"):
        ep.load()


def registered_stages() -> dict[str, StageSpec]:
    """Every stage known to this installation, built-in and from entry points."""
    _load_stage_modules()
    return dict(_REGISTRY)


def check_order(names: Iterable[str]) -> list[str]:
    """Warnings for stages that run before a stage assigning what they require."""
    specs = registered_stages()
    assigned: set[str] = {"text", "date", "id", "title", "url", "publisher"}
    problems = []
    for name in names:
        spec = specs[name]
        missing = [r for r in spec.requires if r not in assigned]
        if missing:
            problems.append(
                f"stage '{name}' requires {', '.join(missing)}, assigned by no earlier stage"
            )
        assigned.update(spec.assigns)
    return problems


#: Settings of different stages that name one data file, so that each stage can run without
#: the other yet both read the same words when both run: the event nouns that head no actor
#: phrase are the extractor's triggers, and the condition markers that aim a threat are the
#: factuality stage's. Stages in one pipeline must agree on them (:func:`check_shared`).
SHARED_SETTINGS: tuple[tuple[str, ...], ...] = (
    ("actors.mentions.lexicon", "events.extract.lexicon"),
    ("events.extract.cues", "events.factuality.cues"),
)


def check_shared(settings: dict[str, StageSettings]) -> None:
    """Raise a ConfigError naming both settings when stages of one pipeline disagree on a
    shared data file (:data:`SHARED_SETTINGS`, and the knowledge base of every stage that
    reads one)."""
    kb = tuple(f"{name}.kb" for name, s in settings.items() if "kb" in type(s).model_fields)
    for group in (*SHARED_SETTINGS, kb):
        values = {}
        for dotted in group:
            stage, _, key = dotted.rpartition(".")
            if stage in settings:
                values[dotted] = getattr(settings[stage], key)
        if len(set(values.values())) > 1:
            named = ", ".join(f"{k} = {v!r}" for k, v in values.items())
            raise ConfigError(f"settings that must name the same file differ: {named}")


@dataclass
class Pipeline:
    """An ordered list of stages that turns text into an :class:`Article` with events.

    Create one with :func:`load_pipeline` and reuse it: models load once. ``pipeline(text,
    date=...)`` codes one article; :meth:`pipe` codes many, batching the parse.
    """

    config: Config
    stages: list[Any] = field(default_factory=list)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(
        self,
        text: str | Article,
        *,
        date: dt.date | str | None = None,
        title: str | None = None,
        url: str | None = None,
        id: str | None = None,
        publisher: str | None = None,
    ) -> Article:
        """Code one article given as text (cleaned first) or as an :class:`Article`.

        Raises :class:`~whimbrel.errors.InputError` for an article that cannot be coded: no
        prose left after cleaning, longer than ``max_article_chars``, a bad or future
        publication date, or (:class:`~whimbrel.errors.LanguageError`) not English. Anything
        but ``str`` or ``Article`` as ``text`` is a ``TypeError``.
        """
        if isinstance(text, Article):
            article = text
            if date is not None and article.date is None:
                article.date = parse_date(date)
        elif isinstance(text, str):
            limit = self.config.max_article_chars
            if len(text) > limit:
                raise InputError(_too_long(len(text), limit), source=id or url)
            article = _article_from_text(
                text, date=date, title=title, url=url, id=id, publisher=publisher
            )
        else:
            raise TypeError(
                f"text must be a str or an Article, not {type(text).__name__} "
                "(decode bytes first, e.g. with whimbrel.ingest.readers.decode_bytes)"
            )
        problem = self.check(article)
        if problem is not None:
            raise problem
        return self.run(article)

    def check(self, article: Article) -> InputError | None:
        """The reason ``article`` cannot be coded before any stage runs (too long, or a
        publication date out of range), naming its origin; ``None`` when it can."""
        where = article.origin or article.id
        limit = self.config.max_article_chars
        if len(article.text) > limit:
            return InputError(_too_long(len(article.text), limit), source=where)
        if article.date is not None:
            problem = publication_date_problem(article.date)
            if problem:
                return InputError(problem, source=where)
        return None

    def run(self, article: Article) -> Article:
        """Run every stage on one article, in order."""
        for s in self.stages:
            article = _call_stage(s, article)
        article.doc = None  # the parse is working state; drop it to free memory
        return article

    def pipe(
        self, articles: Iterable[Article], *, batch_size: int | None = None
    ) -> Iterator[Article]:
        """Code many articles, parsing them in batches; yields each article when done.

        A stage that offers ``pipe`` (the parse) gets the whole batch; the others run per
        article. An article whose stage fails is yielded as a :class:`StageError` instead, and
        one that :meth:`check` refuses as an :class:`InputError`, so a batch carries on.
        """
        size = batch_size or self.config.batch_size
        batch: list[Any] = []
        for article in articles:
            batch.append(self.check(article) or article)
            if len(batch) >= size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> Iterator[Any]:
        results: list[Any] = list(batch)
        for s in self.stages:
            live = [i for i, a in enumerate(results) if isinstance(a, Article)]
            if hasattr(s, "pipe"):
                try:
                    outs = list(s.pipe([results[i] for i in live]))
                except Exception:  # one bad article must not sink the batch: retry one by one
                    outs = None
                if outs is not None:
                    for i, out in zip(live, outs, strict=True):
                        results[i] = out
                    continue
            for i in live:
                try:
                    results[i] = _call_stage(s, results[i])
                except WhimbrelError as exc:
                    results[i] = exc
        for r in results:
            if isinstance(r, Article):
                r.doc = None
            yield r


def _call_stage(s: Any, article: Article) -> Article:
    try:
        out = s(article)
    except WhimbrelError:
        raise
    except Exception as exc:
        raise StageError(s.name, article.id, exc) from exc
    if not isinstance(out, Article):
        raise StageError(
            s.name, article.id, TypeError(f"returned {type(out).__name__}, not Article")
        )
    return out


def _article_from_text(text: str, **meta: Any) -> Article:
    from whimbrel.ingest.readers import article_from_text

    meta["date"] = parse_date(meta.get("date"))
    return article_from_text(text, **meta)


#: Publication dates before this are refused (placeholders such as 0001-01-01, typos); the
#: date arithmetic of relative expressions ("last year") also needs room below the date.
EARLIEST_PUBLICATION = dt.date(1800, 1, 1)


def publication_date_problem(day: dt.date, *, today: dt.date | None = None) -> str | None:
    """Why ``day`` cannot be a publication date, or ``None`` when it can.

    A date after tomorrow (one day of slack for time zones ahead of this machine's clock) is in
    the future: every relative date in the text ("on Tuesday", "last year") would be resolved
    against it, so it is refused rather than silently producing future events. Dates before
    :data:`EARLIEST_PUBLICATION` are refused too.
    """
    today = today or dt.date.today()
    if day > today + dt.timedelta(days=1):
        return f"publication date {day.isoformat()} is in the future (today is {today.isoformat()})"
    if day < EARLIEST_PUBLICATION:
        return (
            f"publication date {day.isoformat()} is before {EARLIEST_PUBLICATION.isoformat()}, "
            "the earliest accepted"
        )
    return None


def _too_long(chars: int, limit: int) -> str:
    return (
        f"too long: {chars:,} characters, the limit is {limit:,} "
        "(max_article_chars; whimbrel code --max-article-chars)"
    )


def parse_date(value: dt.date | str | None) -> dt.date | None:
    """A publication date from a date, datetime or ISO string (``ConfigError``-free: InputError)."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(f"bad date {value!r}: expected YYYY-MM-DD") from None


def stage_settings(cfg: Config) -> dict[str, StageSettings]:
    """Each stage's checked settings, in run order: its table validated against its model,
    ``[pipeline] kb`` given to every stage that reads a knowledge base, and the settings
    stages share in agreement (:func:`check_shared`). Builds nothing, so it is cheap."""
    specs = registered_stages()
    built: dict[str, StageSettings] = {}
    for name in cfg.stages:
        spec = specs.get(name)
        if spec is None:
            known = ", ".join(sorted(specs))
            raise ConfigError(f"unknown stage '{name}' in [pipeline] stages; known stages: {known}")
        raw = cfg.stage_settings(name)
        if "kb" in spec.settings.model_fields:
            raw.setdefault("kb", cfg.kb)  # [pipeline] kb, unless the stage names its own
        try:
            built[name] = spec.settings(**raw)
        except ValidationError as exc:
            raise ConfigError(f"bad settings for stage '{name}': {exc}") from exc
    check_shared(built)
    return built


def load_pipeline(config: Config | str | None = None, **overrides: Any) -> Pipeline:
    """Build the pipeline from ``whimbrel.toml`` (the packaged default, or a path).

    ``overrides`` are dotted settings, e.g. ``load_pipeline(**{"nlp.parse.model": "..."})``.
    """
    cfg = config if isinstance(config, Config) else load_config(config, overrides)
    specs = registered_stages()
    stages = [specs[name].factory(settings) for name, settings in stage_settings(cfg).items()]
    for problem in check_order(cfg.stages):
        log.warning(problem)
    log.info("whimbrel pipeline: %s", " → ".join(cfg.stages))
    return Pipeline(config=cfg, stages=stages)

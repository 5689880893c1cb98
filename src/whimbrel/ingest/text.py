"""Turn article text as pasted from a web page into the clean prose that gets coded.

Every offset whimbrel publishes (sentences, mentions, triggers) indexes the text this module
returns, so cleaning is deliberately conservative: it only *removes* whole lines and collapses
whitespace, and never rewrites characters (curly quotes, dashes and accents stay as they are).
Each output paragraph is therefore a stretch of the input, which keeps the coded evidence
faithful to the source. The only characters deleted are invisible ones (zero-width spaces, BOMs,
soft hyphens, bidi marks, control characters): they carry no meaning but would break matching.

Which lines are junk (ads, bylines, captions, share prompts...) is data, not code: see
:mod:`whimbrel.ingest.boilerplate` and ``data/ingest/boilerplate.v1.json``.
"""

from __future__ import annotations

import unicodedata

from whimbrel.ingest.boilerplate import Boilerplate, default_boilerplate

#: Sentence-final punctuation: a line ending in one of these is prose, not a heading. The colon
#: and semicolon count so that a lead-in such as "The statement said:" is kept with its quote.
_TERMINALS = ".!?…:;"
#: Closing quotes and brackets that may follow the final punctuation ('...," she said.").
_CLOSERS = "\"'”’»)]*"


def strip_invisible(text: str) -> str:
    """Delete invisible characters: Unicode format characters (category Cf: zero-width spaces
    and joiners, BOM, soft hyphen, bidi marks), lone surrogates, and control characters other
    than whitespace.

    They are invisible to a reader but split words for the tokenizer and make equal texts hash
    differently. Only the distinct characters of ``text`` are looked up, so this stays fast.
    """
    doomed = {
        ch: None
        for ch in set(text)
        if (cat := unicodedata.category(ch)) in ("Cf", "Cs") or (cat == "Cc" and not ch.isspace())
    }
    return text.translate(str.maketrans(doomed)) if doomed else text


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (tabs, no-break spaces, line breaks) to one space."""
    return " ".join(text.split())


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINALS


def _is_heading(line: str, rules: Boilerplate) -> bool:
    """A short line that does not end a sentence: a section heading, a label or a kicker."""
    return len(line.split()) <= rules.heading_max_words and not _ends_sentence(line)


def _blocks(text: str, rules: Boilerplate) -> list[list[str]]:
    """Runs of consecutive kept lines. Blank and dropped lines both end a run, so a paragraph is
    never glued together across a removed line (which would make text that the source never had).
    """
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw_line in text.splitlines():
        line = normalise_space(raw_line)
        if not line or rules.drops(line):
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _unwrap(block: list[str], rules: Boilerplate) -> list[str]:
    """Split a run of lines into paragraphs, rejoining hard-wrapped lines.

    Pasted web text has one paragraph per line; e-mailed or plain-text wires wrap paragraphs at
    ~70 columns. A line continues the previous one when the paragraph so far does not end a
    sentence and either is longer than a heading could be or the line starts in lower case.
    A short unpunctuated line followed by a capitalised one stays apart: it is a heading.
    """
    paragraphs = [block[0]]
    for line in block[1:]:
        so_far = paragraphs[-1]
        if not _ends_sentence(so_far) and (
            len(so_far.split()) > rules.heading_max_words or line[0].islower()
        ):
            paragraphs[-1] = f"{so_far} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def clean_text(
    raw: str, *, rules: Boilerplate | None = None, keep_lone_headline: bool = False
) -> str:
    """The article prose of ``raw``: paragraphs joined by a blank line, whitespace collapsed.

    Drops boilerplate lines (see the rules file), headings (short lines without sentence-final
    punctuation) and, at the very end, author bios and credits. Never raises; returns ``""``
    when nothing is left. Idempotent: ``clean_text(clean_text(x)) == clean_text(x)``.

    ``keep_lone_headline``: when the whole input is one heading-like line (a headline given on
    its own, as news-headline data sets do), keep it instead of returning ``""``. The text
    readers set this; HTML extraction does not, since a lone short line there is navigation.
    """
    rules = rules or default_boilerplate()
    blocks = _blocks(strip_invisible(raw), rules)
    paragraphs = [p for block in blocks for p in _unwrap(block, rules)]
    kept = [p for p in paragraphs if not rules.drops(p) and not _is_heading(p, rules)]
    while kept and rules.is_trailer(kept[-1]):
        kept.pop()
    if (
        not kept
        and keep_lone_headline
        and len(paragraphs) == 1
        and not rules.drops(paragraphs[0])
        and not rules.is_trailer(paragraphs[0])
    ):
        kept = paragraphs
    return "\n\n".join(kept)


def split_title(raw: str, *, rules: Boilerplate | None = None) -> tuple[str | None, str]:
    """Take a leading headline off ``raw``: ``(title, rest)``, or ``(None, raw)`` if there is none.

    A headline is the first non-boilerplate line when it is short (at most ``title_max_words``
    words), does not end with sentence punctuation other than "?" (question headlines are
    common; a one-line question opening the prose is rare), is followed by a blank line, and
    something follows it. Boilerplate lines before it ("Skip to content") are skipped. The rest
    is returned uncleaned, for :func:`clean_text`. Without the blank line we cannot tell a title
    from a first paragraph, so nothing is taken: losing a title costs less than losing prose.
    """
    rules = rules or default_boilerplate()
    lines = strip_invisible(raw).splitlines()
    index = 0
    while index < len(lines):
        line = normalise_space(lines[index])
        if line and not rules.drops(line):
            break
        index += 1
    else:
        return None, raw
    title = normalise_space(lines[index])
    rest = lines[index + 1 :]
    if (
        len(title.split()) > rules.title_max_words
        or (_ends_sentence(title) and not title.rstrip(_CLOSERS).endswith("?"))
        or not rest
        or rest[0].strip()
        or not "".join(rest).strip()
    ):
        return None, raw
    return title, "\n".join(rest)

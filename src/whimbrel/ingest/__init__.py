"""Ingest: turn what users hand whimbrel (pasted text, saved web pages, JSONL corpora, stdin)
into :class:`~whimbrel.records.Article` records with clean, faithful text and a stable id.

Everything downstream indexes ``Article.text`` by character offsets, so this stage only removes
whole non-prose lines and collapses whitespace; it never rewrites characters. Bad inputs come
back as :class:`~whimbrel.errors.InputError` items in the stream (never raised mid-batch), so
one broken file or corpus line is reported and the rest is still coded. See docs/ingest.md.

Entry points: :func:`whimbrel.ingest.readers.read_input` (CLI),
:func:`whimbrel.ingest.readers.article_from_text` (``Pipeline(text)``),
:func:`whimbrel.ingest.text.clean_text`, :func:`whimbrel.ingest.html.read_html`,
:func:`whimbrel.ingest.corpora.read_jsonl`, :func:`whimbrel.ingest.identity.article_id`,
:func:`whimbrel.ingest.language.detect_language`.
"""

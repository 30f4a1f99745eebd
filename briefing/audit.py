"""`build.py audit --sample N --seed S`: a reviewer's aid for reading the dossier against
its sources, line by line.

It picks N claim-bearing records at random (events, quotes, key judgments, key figures,
discrepancies) and prints each one's claims in both languages and, under them, every
passage they cite with the raw text's lines around it, the passage itself between » and «.
The same seed picks the same records, so a colleague can check the same sample; without a
seed one is drawn and printed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.excerpts import ArticleText
from briefing.model import ArticleRef, Citation, Corpus, DatedEvent, Discrepancy, KeyFigure, KeyJudgment, SourcedQuote, Text

CONTEXT_LINES = 1
"""Non-empty lines of raw text shown before and after the line a passage starts on."""


@dataclass(frozen=True)
class Claim:
    """One thing a record says, with the passages it rests on (none: the editors' own words)."""

    label: str
    text: str
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class AuditRecord:
    """A record as the audit shows it: what it is, where it is written, what it claims."""

    kind: str
    name: str
    where: str
    claims: tuple[Claim, ...]


def _both(label: str, text: Text, sources: tuple[Citation, ...] = ()) -> Iterator[Claim]:
    yield Claim(f"{label} (en)", text.en)
    yield Claim(f"{label} (ar)", text.ar, sources)


def _event(dated: DatedEvent) -> AuditRecord:
    event = dated.event
    claims = [Claim("date", f"{event.date} · status: {event.status}")]
    if event.date_note:
        claims += _both("date note", event.date_note)
    claims += _both("title", event.title)
    claims += _both("summary", event.summary, event.sources)
    for relation in event.after:
        claims.append(Claim("came after", relation.event, (relation.evidence,)))
    for relation in event.before:
        claims.append(Claim("came before", relation.event, (relation.evidence,)))
    for position in event.positions:
        stance = f"{position.actor or '?'} {position.stance} on {position.question}"
        claims.append(Claim("position", stance, (position.evidence,) if position.evidence else ()))
    return AuditRecord("event", event.id, str(event.origin), tuple(claims))


def _quote(sourced: SourcedQuote) -> AuditRecord:
    quote = sourced.quote
    citation = Citation(ArticleRef(sourced.article.id), quote.excerpt)
    claims = [
        Claim("speaker", f"{sourced.speaker.id} ({sourced.speaker.name.en})"),
        Claim("said", f"{quote.date or 'date not given'}"),
        Claim("translation (en)", quote.translation_en, (citation,)),
    ]
    for position in quote.positions:
        stance = f"{position.actor or quote.speaker} {position.stance} on {position.question}"
        claims.append(Claim("position", stance, (position.evidence or citation,)))
    return AuditRecord("quote", quote.id, str(quote.origin), tuple(claims))


def _judgment(index: int, judgment: KeyJudgment, corpus: Corpus, where: str) -> AuditRecord:
    claims = [*_both("judgment", judgment.text), Claim("confidence", judgment.confidence)]
    if judgment.confidence_note:
        claims += _both("why this confidence", judgment.confidence_note)
    for event_id in judgment.events:
        dated = corpus.event_by_id[event_id]
        claims.append(Claim("based on", f"{event_id}: {dated.event.title.en}", dated.event.sources))
    for point in judgment.against:
        claims += _both(f"against: {point.kind}", point.text, point.sources)
    return AuditRecord("key judgment", f"key_judgments[{index}]", where, tuple(claims))


def _figure(index: int, figure: KeyFigure, where: str) -> AuditRecord:
    claims = (Claim("value", f"{figure.value.en} / {figure.value.ar}"), *_both("label", figure.label, (figure.source,)))
    return AuditRecord("key figure", f"key_figures[{index}]", where, claims)


def _discrepancy(discrepancy: Discrepancy, where: str) -> AuditRecord:
    claims = (*_both("topic", discrepancy.topic), *_both("explanation", discrepancy.explanation, discrepancy.sides))
    return AuditRecord("discrepancy", discrepancy.id, where, claims)


def audit_records(corpus: Corpus) -> list[AuditRecord]:
    """Every claim-bearing record of the dossier, in a stable order (the sample's population)."""
    dossier = corpus.dossier
    where = dossier.origin.path
    records = [_event(dated) for dated in corpus.events]
    records += [_quote(quote) for article in corpus.articles for quote in corpus.quotes_by_article.get(article.id, ())]
    records += [_judgment(i, judgment, corpus, where) for i, judgment in enumerate(dossier.key_judgments)]
    records += [_figure(i, figure, where) for i, figure in enumerate(dossier.key_figures)]
    records += [_discrepancy(discrepancy, where) for discrepancy in dossier.discrepancies]
    return records


def sample(records: list[AuditRecord], size: int, seed: int) -> list[AuditRecord]:
    """`size` records drawn with `seed` (all of them, shuffled, when there are fewer)."""
    return random.Random(seed).sample(records, min(size, len(records)))


def _context(text: ArticleText, raw: str, excerpt: str) -> list[str]:
    """The raw lines around a passage, the passage marked; or why it cannot be shown."""
    span = text.find(excerpt)
    if span is None:
        return ["(passage not found in the raw text: run python build.py check)"]
    start, end = span
    marked = raw[:start] + "»" + raw[start:end] + "«" + raw[end:]
    lines = marked.splitlines()
    first = raw.count("\n", 0, start)
    last = first + raw.count("\n", start, end)
    before = [i for i in range(first) if lines[i].strip()][-CONTEXT_LINES:]
    after = [i for i in range(last + 1, len(lines)) if lines[i].strip()][:CONTEXT_LINES]
    return [f"{i + 1:>4} | {lines[i]}" for i in [*before, *range(first, last + 1), *after]]


def render(corpus: Corpus, chosen: list[AuditRecord]) -> Iterator[str]:
    """The sample as text, record by record."""
    texts = {article_id: ArticleText(raw) for article_id, raw in corpus.article_texts.items()}
    for number, record in enumerate(chosen, 1):
        yield f"[{number}/{len(chosen)}] {record.kind} {record.name}  ({record.where})"
        for claim in record.claims:
            yield f"  {claim.label}: {claim.text.strip()}"
            for citation in claim.sources:
                article = corpus.article_by_id[citation.article]
                yield f"      source {article.id} ({article.outlet.name.en}, {article.raw}):"
                for line in _context(texts[article.id], corpus.article_texts[article.id], citation.excerpt):
                    yield f"        {line}"
        yield ""


def audit(corpus: Corpus, size: int, seed: int | None) -> tuple[int, list[str]]:
    """The seed used and the lines `build.py audit` prints."""
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    records = audit_records(corpus)
    chosen = sample(records, size, seed)
    header = (
        f"audit: {len(chosen)} of {len(records)} records, seed {seed} "
        f"(the same sample again: python build.py audit --sample {size} --seed {seed})"
    )
    return seed, [header, "", *render(corpus, chosen)]

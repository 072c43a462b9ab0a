"""Every reachable result page, in both languages, read for the mistakes a reader
would stop at: glued labels, unfilled placeholders, half-width punctuation or an
English word in a Japanese sentence, and contradictions between parts of a page.

The answer sets are enumerated from the questions themselves (every value of
every question that applies), with and without the ``domain`` answer wherever
it is asked, so a new value or a new path is covered without editing this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest

from wizard.questions.core.answers import (
    Answers,
    Network,
    Op25b,
    Plan,
    Port,
    Service,
    YesNo,
    client_choices,
)
from wizard.questions.core.questions import ORDER, Question, applies

from .conftest import VOID_TAGS

pytestmark = pytest.mark.django_db


_ENUMS = {
    Question.NETWORK: Network,
    Question.SERVICE: Service,
    Question.PORT: Port,
    Question.AUTH: YesNo,
    Question.OP25B: Op25b,
    Question.PLAN: Plan,
}


def _choices(question: Question, answers: Answers) -> tuple[object, ...]:
    """A question's values, or () for a free-text answer (the domain)."""
    if question is Question.CLIENT:
        return client_choices(answers.service)
    enum = _ENUMS.get(question)
    return tuple(enum) if enum else ()


# A Plala address's domain, for the paths that ask it.
DOMAIN = "abc.plala.or.jp"


NO_ANSWERS = Answers()


def every_result(answers: Answers = NO_ANSWERS, start: int = 0) -> Iterator[Answers]:
    """Every complete answer set a subscriber can reach by choosing, in question order."""
    for index in range(start, len(ORDER)):
        question = ORDER[index]
        if applies(question, answers) is not True or getattr(answers, question.value, None):
            continue
        values = _choices(question, answers)
        if not values:  # a free-text answer: with and without it
            yield from every_result(answers, index + 1)
            yield from every_result(_with(answers, question, DOMAIN), index + 1)
            return
        for value in values:
            yield from every_result(_with(answers, question, value), index + 1)
        return
    yield answers


def _with(answers: Answers, question: Question, value: object) -> Answers:
    return replace(answers, **{question.value: value})


# Reading a page ---------------------------------------------------------------------

BLOCKS = {
    "p", "li", "h1", "h2", "h3", "td", "th", "dt", "dd", "summary", "legend",
    "label", "figcaption", "desc", "title", "caption", "strong", "span", "a", "button",
}  # fmt: skip
INLINE = {"strong", "span", "a"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@dataclass
class Page:
    """The visible sentences of a page's ``main``, each with its language."""

    language: str
    sentences: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.page = Page(language)
        self._stack: list[tuple[str, str, bool]] = []  # tag, language, skipped
        self._text: list[list[str]] = []
        self._in_main = False

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        attr = dict(attrs)
        if tag == "main":
            self._in_main = True
        parent_language = self._stack[-1][1] if self._stack else self.page.language
        parent_skipped = self._stack[-1][2] if self._stack else False
        # Code, and quoted titles (<cite>), are not our sentences.
        skipped = parent_skipped or tag in ("pre", "code", "script", "style", "text", "cite")
        language = attr.get("lang") or parent_language
        skipped = skipped or language != self.page.language
        self._stack.append((tag, language, skipped))
        self._text.append([])

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not self._stack:
            return
        open_tag, language, skipped = self._stack.pop()
        words = " ".join("".join(self._text.pop()).split())
        if self._text and not skipped and (open_tag not in BLOCKS or open_tag in INLINE):
            self._text[-1].append(words)  # inline: part of the parent's sentence
        if (
            self._in_main
            and open_tag in BLOCKS
            and words
            and not skipped
            and language == self.page.language
        ):
            self.page.sentences.append(words)
        if tag == "main":
            self._in_main = False

    def handle_data(self, data):
        if self._text and not self._stack[-1][2]:
            self._text[-1].append(data)


def read(html: str, language: str) -> Page:
    reader = _Reader(language)
    reader.feed(html)
    return reader.page


# The patterns ------------------------------------------------------------------------

# Proper names and technical terms that stay in Latin letters in Japanese text.
LATIN_IN_JAPANESE = {
    "SMTP", "AUTH", "OP25B", "ISPDB", "Outbound", "Port", "Blocking", "STARTTLS", "SSL", "TLS",
    "Outlook", "Thunderbird", "iPhone", "iPad", "Mac", "Gmail", "Android", "Becky",
    "Internet", "Mail", "Windows", "Live", "Express", "Microsoft", "Postfix", "Exim",
    "sendmail", "Wi-Fi", "ADSL", "DDNS", "IP", "DNS", "So-net", "plala",
    "for", "OCN", "BIGLOBE", "au", "Yahoo", "iCloud", "Rate", "Base", "Spam", "Control",
    "ID", "IMAP", "POP", "POP3", "EHLO", "Safari", "Apple", "Office", "ISP", "PC", "MX",
    "SRV", "SNI", "URL", "postconf", "mail_version", "exim", "bV", "d0", "bv", "root",
    "Debian", "Ubuntu", "Mozilla", "iOS", "macOS", "dnslookup", "journalctl", "postfix",
    "u", "S",
}  # fmt: skip
QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]*\"|『[^』]*』")
HOSTLIKE = re.compile(r"[\w*-]+(?:\.[\w*-]+)+|https?://\S+|\S+@\S+|(?:/[\w.-]+)+")


def problems(page: Page) -> list[str]:
    found = []
    for sentence in page.sentences:
        if "%(" in sentence or "%s" in sentence or "{{" in sentence or "{%" in sentence:
            found.append(f"unfilled placeholder: {sentence}")
        if re.search(r"\.\s+\.|。\s*。|、\s*。", sentence):
            found.append(f"empty segment: {sentence}")
        if "IPhone" in sentence or "IPad" in sentence:
            found.append(f"capitalised iPhone: {sentence}")
        if re.search(r"[（(][^（）()]*[（(]", QUOTED.sub("", sentence)):
            found.append(f"nested brackets: {sentence}")
        if page.language == "ja":
            found += _japanese_problems(sentence)
        else:
            found += _english_problems(sentence)
    return found


def _japanese_problems(sentence: str) -> list[str]:
    found = []
    bare = QUOTED.sub("「」", sentence)
    if re.search(rf"{JAPANESE.pattern}[(),.:;!?]|[(),:;!?]{JAPANESE.pattern}", bare):
        found.append(f"half-width punctuation in Japanese: {sentence}")
    words = re.findall(r"[A-Za-z][A-Za-z0-9_-]*", HOSTLIKE.sub("", bare))
    stray = [word for word in words if word not in LATIN_IN_JAPANESE]
    if stray and JAPANESE.search(bare):
        found.append(f"English word {stray} in a Japanese sentence: {sentence}")
    # Running text says SMTP認証; SMTP AUTH only where the notice is quoted (its
    # table's 利用機能 column, "587 + SMTP AUTH").
    if "SMTP AUTH" in bare and not re.fullmatch(r"\d+ \+ SMTP AUTH", bare):
        found.append(f"SMTP AUTH in running text: {sentence}")
    return found


# A capitalised word where a label was pasted into an English sentence.
GLUED = re.compile(
    r"\b(?:enter|in|to|is|are|and|or|of|with|on)\s+(?:Your|The|Another|Other|A)\s+[a-z]"
)


def _english_problems(sentence: str) -> list[str]:
    found = []
    bare = QUOTED.sub("“”", sentence)
    if JAPANESE.search(bare):
        found.append(f"Japanese in an English sentence: {sentence}")
    if GLUED.search(bare):
        found.append(f"label glued mid-sentence: {sentence}")
    if re.search(r"\.\.(?!\.)", bare.replace("...", "")):
        found.append(f"double full stop: {sentence}")
    return found


# Contradictions: what one part of a page says against another.


def contradictions(answers: Answers, html: str, language: str) -> list[str]:
    found = []
    remedies = (
        html.split('<ol class="remedies">', 1)[1].split("</ol>")[0] if "remedies" in html else ""
    )
    if answers.plan is Plan.LIGHT and "remedy-switch-to-submission-port" in remedies:
        found.append("a ぷららライト member is told to change to port 587")
    if answers.network is Network.PLALA and answers.plan is Plan.LIGHT:
        at_home = "ご自宅の" if language == "ja" else "at home"
        if at_home in remedies:
            found.append("someone on ぷらら網 is told to connect to it")
    if (
        'class="verdict verdict-fails"' in html
        and 'class="nothing-to-change"' in html.split('id="alternative-steps"')[0]
    ):
        found.append("a failing result says there is nothing to change")
    if 'id="follow-up-heading"' not in html:
        found.append("no next step (dead end)")
    if answers.op25b is not None and answers.service is not None and "ケース5" in html:
        verdict = html.split('class="notice-words">', 1)[1].split("</span>")[0]
        if "一部対応してる" not in verdict:
            found.append(f"case 5 relabels the notice: {verdict}")
    return found


@dataclass
class Tally:
    pages: int = 0
    sentences: int = 0
    found: list[str] = field(default_factory=list)


PATTERNS = (
    "unfilled placeholder", "empty segment", "capitalised iPhone", "nested brackets",
    "half-width punctuation in Japanese", "English word in a Japanese sentence",
    "SMTP AUTH in running text", "Japanese in an English sentence",
    "label glued mid-sentence", "double full stop",
    "Light told 587", "told to connect to the network they are on",
    "failing result with nothing to change", "dead end", "case 5 relabelled",
)  # fmt: skip


@pytest.mark.parametrize(("prefix", "language"), [("", "ja"), ("/en", "en")])
def test_every_result_reads_right(client, prefix, language):
    tally = Tally()
    results = list(every_result())
    for answers in results:
        url = f"{prefix}/result/?{urlencode(answers.to_query())}"
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        page = read(html, language)
        tally.pages += 1
        tally.sentences += len(page.sentences)
        for problem in [*problems(page), *contradictions(answers, html, language)]:
            tally.found.append(f"{url}\n    {problem}")
    print(f"\n{language}: {tally.pages} result pages, {tally.sentences} sentences, "
          f"{len(PATTERNS)} patterns")  # fmt: skip
    assert len(results) > 700
    distinct = sorted({problem.split("\n    ", 1)[1] for problem in tally.found})
    assert not distinct, "\n".join(distinct[:80])

"""The regex tokenizer must give exactly what html.parser gives: description text decides content hashes,
history snapshots and LLM cache keys, so a faster path may not change a single character."""

from __future__ import annotations

import json
import random
import re

import pytest

from extractors.text import html_text
from tests.conftest import REAL_FIXTURES
from tests.fakes.synthetic.boards import greenhouse_board, lever_board

TRICKY = [
    "<p>a < b and c > d</p>",
    "<p title='x>y'>quoted &gt; attr</p><br/><br />tail",
    "<P CLASS=big>Upper</P><LI>item",
    "<!-- note --><p>after a comment</p>",
    "<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>",
    "<script>if (a < b) { x = '</p>' }</script><p>shown</p>",
    "<p>unclosed <b",
    "<p>&nbsp;&rsquo;&#8217;&amp;amp;&lt;&ltx &copy</p>",
    "&lt;p&gt;Escaped &amp;lt;b&amp;gt; &#x27;quoted&#x27; &amp;nbsp;&lt;/p&gt;",
    "<ul>\n<li>\n-\n</li><li>  two\t\tspaces  </li></ul>",
    "<p a=1 b=\"2\" c='3' d>attrs</p><img src=x/>",
    "</ >stray end<p>ok</p>",
    "<a<b>odd name</a<b>",
    "<template><p>hidden</p></template><noscript>no</noscript>shown",
]


def _descriptions() -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                if isinstance(value, str) and ("<" in value or "&lt;" in value):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(REAL_FIXTURES.glob("*.json")):
        try:
            walk(json.loads(path.read_bytes()))
        except ValueError:
            continue
    for seed in range(5):
        for body in (greenhouse_board(seed, "Acme", "acme", 5), lever_board(seed, "Acme", "acme", 5)):
            walk(json.loads(body))
    return found


def _by_parser(markup: str) -> str:
    """html_to_text with the fast path turned off."""
    original = html_text._fast_text
    html_text._fast_text = lambda _m: None  # type: ignore[assignment]
    try:
        return html_text.html_to_text(markup)
    finally:
        html_text._fast_text = original  # type: ignore[assignment]


def test_fast_path_equals_html_parser_on_every_real_description() -> None:
    docs = _descriptions()
    assert len(docs) > 100
    markup = [html_text._unescape(d) if "<" not in d else d for d in docs]
    fast = sum(html_text._fast_text(m) is not None for m in markup)
    assert fast > 0.9 * len(docs)  # the fast path is the one real payloads take
    assert [html_text.html_to_text(d) for d in docs] == [_by_parser(d) for d in docs]


@pytest.mark.parametrize("markup", TRICKY)
def test_fast_path_equals_html_parser_on_tricky_markup(markup: str) -> None:
    assert html_text.html_to_text(markup) == _by_parser(markup)


def test_fast_path_equals_html_parser_on_random_markup() -> None:
    rng = random.Random(4)
    pieces = ["<p>", "</p>", "<li>", "</li>", "<br/>", "<div class='a>b'>", "</div>", "<", ">", "&amp;",
              "&lt;", "&#x27;", "&nbsp;", "word ", "  ", "\n", "\t", "<script>", "</script>", "<!--", "-->",
              "<b>", "</b>", "<head>", "</head>", "é", "-", "&am", "p;", "&#3", "8;", "&lt", "&not", "it",
              "\x00", "<br>", "</br>", "<li/>", "<P>", "<ul >"]  # fmt: skip
    for _ in range(20000):
        markup = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        assert html_text.html_to_text(markup) == _by_parser(markup), markup


def _tidy_by_regex(text: str) -> str:
    """The plain statement of the line tidying that `_tidy_lines` does in one pass."""
    lines = [line.strip() for line in re.sub(r"[ \t\r\f\v\u00a0]+", " ", text).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line for line in lines if line != "-")).strip()


def test_line_tidying_equals_its_regex_statement() -> None:
    rng = random.Random(9)
    pieces = [
        "a",
        "b c",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n\n\n",
        "-",
        "\n-\n",
        "\t",
        "\u00a0",
        "\r",
        " - ",
        "\x1c",
    ]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        spaced = html_text._SPACES.sub(" ", text) if any(c in text for c in html_text._ODD_SPACES) else text
        assert html_text._tidy_lines(spaced) == _tidy_by_regex(text), repr(text)

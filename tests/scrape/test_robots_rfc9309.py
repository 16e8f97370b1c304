"""robots.txt decisions checked against the examples of RFC 9309 (§2.2.2, §2.2.3, §5.1, §5.2).

The standard library's parser lets the first matching rule win and reads `*` and `$` literally: the
longest-match, tie and wildcard cases below fail with it.
"""

from __future__ import annotations

import pytest

from extractors.scrape.politeness import robots_rules

# RFC 9309 §5.1, "Simple Example"
SIMPLE = """\
User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot
"""

# RFC 9309 §5.2, "Longest Match": the longer (more specific) rule wins whatever the order
LONGEST = """\
User-Agent: foobot
Allow: /example/page/
Disallow: /example/page/disallowed.gif
"""


@pytest.mark.parametrize(
    ("agent", "path", "allowed"),
    [
        ("jobmine", "/example/page.html", False),  # the `*` group: Disallow /example/
        ("jobmine", "/publications/2024", True),
        ("jobmine", "/images/logo.gif", False),  # `*.gif$`: wildcard and end anchor
        ("jobmine", "/images/logo.gifs", True),  # `$` anchors the end
        ("jobmine", "/", True),
        ("foobot", "/example/page.html", True),
        ("foobot", "/example/allowed.gif", True),
        ("foobot", "/example/other.html", False),
        ("FooBot", "/example/page.html", True),  # user-agent matching is case-insensitive
        ("barbot", "/example/page.html", False),
        ("bazbot", "/example/page.html", False),  # one group, two user-agent lines
        ("bazbot", "/example/other.html", True),
        ("quxbot", "/example/page.html", True),  # an empty group allows everything
    ],
)
def test_simple_example(agent: str, path: str, allowed: bool):
    rules, why = robots_rules(200, SIMPLE)
    assert why == "rules"
    assert rules.can_fetch(agent, f"https://api.example.com{path}") is allowed


@pytest.mark.parametrize(
    ("path", "allowed"),
    [("/example/page/", True), ("/example/page/other", True), ("/example/page/disallowed.gif", False)],
)
def test_longest_match_wins_whatever_the_order(path: str, allowed: bool):
    rules, _ = robots_rules(200, LONGEST)
    assert rules.can_fetch("foobot", f"https://api.example.com{path}") is allowed


def test_allow_wins_an_equivalent_disallow():
    """§2.2.2: when an allow and a disallow rule match equally, the allow rule is used."""
    rules, _ = robots_rules(200, "User-agent: *\nDisallow: /v1/boards/\nAllow: /v1/boards/\n")
    assert rules.can_fetch("jobmine", "https://h/v1/boards/acme")


def test_wildcard_in_the_middle_of_a_path():
    """§2.2.3: `*` matches any sequence of characters, including `/`."""
    rules, _ = robots_rules(200, "User-agent: *\nDisallow: /v1/boards/*/jobs\n")
    assert not rules.can_fetch("jobmine", "https://h/v1/boards/acme/jobs")
    assert not rules.can_fetch("jobmine", "https://h/v1/boards/a/b/jobs?content=true")
    assert rules.can_fetch("jobmine", "https://h/v1/boards/acme/departments")


def test_percent_encoded_paths_match_their_octets():
    """§2.2.2: a rule and a path compare after percent-encoding of characters outside US-ASCII."""
    rules, _ = robots_rules(200, "User-agent: *\nDisallow: /foo/bär\n")
    assert not rules.can_fetch("jobmine", "https://h/foo/b%C3%A4r")

"""The company behind a board, read from the board's archived page: display name and website domain."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from pydantic import BaseModel

# Hosts a board page links to that are never the company's own site.
_NOT_COMPANY = (
    "greenhouse.io",
    "lever.co",
    "ashbyhq.com",
    "linkedin.com",
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "youtube.com",
    "glassdoor.com",
    "google.com",
    "googleapis.com",
    "gstatic.com",
    "cloudfront.net",
    "amazonaws.com",
    "github.com",
    "apple.com",
    "cookielaw.org",
    "onetrust.com",
    "w3.org",
    "schema.org",
    "recaptcha.net",
    "hcaptcha.com",
    "jsdelivr.net",
)
_TITLE_NOISE = re.compile(
    r"^(?:jobs at|careers at|job application for .+? at|current openings at)\s+|\s+(?:jobs|careers)$"
    r"|\s*[|–-]\s*(?:greenhouse|lever|ashby).*$",
    re.IGNORECASE,
)


class CompanyPage(BaseModel):
    name: str | None = None
    domain: str | None = None


def company_from_html(html: str) -> CompanyPage:
    """`og:site_name` or the cleaned `<title>` as the name; the first outside link's host as the domain."""
    parser = _Collector()
    parser.feed(html)
    parser.close()
    name = parser.site_name or _clean_title(parser.title)
    return CompanyPage(name=name or None, domain=_company_domain(parser.links))


def _clean_title(title: str) -> str:
    text = " ".join(unescape(title).split())
    previous = None
    while previous != text:
        previous, text = text, _TITLE_NOISE.sub("", text).strip()
    return text[:200]


def _company_domain(links: list[str]) -> str | None:
    for link in links:
        host = (urlsplit(link).hostname or "").lower().removeprefix("www.")
        if not host or "." not in host or any(host == d or host.endswith("." + d) for d in _NOT_COMPANY):
            continue
        return host
    return None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.site_name: str | None = None
        self.links: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and a.get("property") == "og:site_name" and a.get("content"):
            self.site_name = (a["content"] or "").strip()[:200] or None
        elif tag == "a" and (a.get("href") or "").startswith(("http://", "https://")):
            self.links.append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

"""An Atom feed of a saved search's matches, so any feed reader can follow the search."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    el.text = text
    return el


def atom_feed(
    title: str, feed_url: str, page_url: str, feed_id: str, entries: list[dict[str, Any]], updated: datetime
) -> bytes:
    """Entries are `{"job_uid", "posting": {...}, "matched_at": datetime}`, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", f"jobmine: {title}")
    _text(feed, "id", f"urn:jobmine:search:{feed_id}")
    newest = max((e["matched_at"] for e in entries), default=updated)
    _text(feed, "updated", newest.isoformat())
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": feed_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": page_url})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "jobmine")
    for entry in entries:
        job = entry["posting"]
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        company = job.get("company") or "unknown company"
        _text(item, "title", f"{job.get('title') or 'Untitled'} at {company}")
        _text(item, "id", f"urn:jobmine:job:{entry['job_uid']}")
        _text(item, "updated", entry["matched_at"].isoformat())
        if job.get("url"):
            ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "href": job["url"]})
        places = ", ".join(job.get("locations") or []) or "location not stated"
        _text(item, "summary", f"{company} · {places}")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)

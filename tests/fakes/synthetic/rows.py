"""A fast generator of realistic, already-extracted postings for load and search benchmarks.

`synthetic.py` makes ATS wire payloads (slow to build, right for the pipeline); this makes the rows the
loader and the extraction stage write, a million in about a minute, the same for the same seed.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from schemas.extracted import JobExtracted, JobRecord
from schemas.job import EmploymentType, Job, RemoteType, Seniority
from tests.fakes.synthetic.boards import BENEFITS, EEO, ROLES

_PREFIXES = [
    "Acme",
    "Apex",
    "Arc",
    "Atlas",
    "Aurora",
    "Beacon",
    "Birch",
    "Blue",
    "Bright",
    "Cedar",
    "Cinder",
    "Clear",
    "Coral",
    "Crest",
    "Delta",
    "Echo",
    "Ember",
    "Fern",
    "Flux",
    "Forge",
    "Harbor",
    "Iris",
    "Jade",
    "Keystone",
    "Lark",
    "Lumen",
    "Maple",
    "Mesa",
    "Nova",
    "Oak",
    "Onyx",
    "Orbit",
    "Pioneer",
    "Prism",
    "Quill",
    "Rally",
    "River",
    "Sage",
    "Signal",
    "Slate",
    "Solar",
    "Spruce",
    "Summit",
    "Tidal",
    "Vector",
    "Willow",
    "Zenith",
]
_SUFFIXES = [
    "Analytics",
    "Labs",
    "Health",
    "Payments",
    "Energy",
    "Logistics",
    "Security",
    "Robotics",
    "Games",
    "Bio",
    "Aero",
    "Learning",
    "Insurance",
    "Cloud",
    "Retail",
    "Media",
    "Finance",
    "Data",
    "Systems",
    "Networks",
    "Foods",
    "Motors",
    "Mobility",
    "Works",
]
# (city, region, country ISO, place label)
_PLACES = [
    ("San Francisco", "North America", "US", "San Francisco, CA"),
    ("New York", "North America", "US", "New York, NY"),
    ("Austin", "North America", "US", "Austin, TX"),
    ("Seattle", "North America", "US", "Seattle, WA"),
    ("Chicago", "North America", "US", "Chicago, IL"),
    ("Toronto", "North America", "CA", "Toronto, Canada"),
    ("London", "Europe", "GB", "London, United Kingdom"),
    ("Berlin", "Europe", "DE", "Berlin, Germany"),
    ("Dublin", "Europe", "IE", "Dublin, Ireland"),
    ("Amsterdam", "Europe", "NL", "Amsterdam, Netherlands"),
    ("Paris", "Europe", "FR", "Paris, France"),
    ("Warsaw", "Europe", "PL", "Warsaw, Poland"),
    ("Lisbon", "Europe", "PT", "Lisbon, Portugal"),
    ("Bengaluru", "Asia", "IN", "Bengaluru, India"),
    ("Singapore", "Asia", "SG", "Singapore"),
    ("Tokyo", "Asia", "JP", "Tokyo, Japan"),
    ("São Paulo", "Latin America", "BR", "São Paulo, Brazil"),
    ("Sydney", "Oceania", "AU", "Sydney, Australia"),
]
_LEVELS = [
    ("", "mid"),
    ("", "mid"),
    ("Senior ", "senior"),
    ("Senior ", "senior"),
    ("Staff ", "staff"),
    ("Principal ", "principal"),
    ("Junior ", "junior"),
    ("Lead ", "senior"),
    ("Director of ", "director"),
    ("Intern, ", "intern"),
]
_FUNCTIONS = {
    "Engineering": "engineering",
    "Data": "data",
    "Sales": "sales",
    "Marketing": "marketing",
    "Customer Success": "customer_success",
    "Finance": "finance",
    "Security": "security",
    "People": "people",
    "Design": "design",
    "Product": "product",
}
_TOOLS = [
    "Jira",
    "Confluence",
    "Slack",
    "GitHub",
    "GitLab",
    "Docker",
    "Notion",
    "Figma",
    "Tableau",
    "Looker",
    "Excel",
    "Salesforce",
    "HubSpot",
    "Zendesk",
    "Datadog",
    "Sentry",
]
_DUTIES = [
    "design, build and operate systems used by thousands of customers",
    "partner with product, design and go-to-market teams to ship high-impact work",
    "own projects end to end, from discovery through launch and iteration",
    "mentor teammates and raise the bar for quality across the team",
    "write clear documentation and share what you learn",
    "measure outcomes and use data to decide what to build next",
    "work closely with customers to understand their needs",
    "improve reliability, performance and cost of our platform",
    "help define the roadmap with leadership",
    "run experiments and turn results into decisions",
]
_WORKPLACE = {
    "remote": "This role is fully remote.",
    "hybrid": "This is a hybrid role, three days a week in the office.",
    "onsite": "This role is on-site in our office.",
}


# The `jobs` columns the extraction stage fills; `SyntheticPosting.extracted` holds them plus `job_uid`.
EXTRACTED_COLUMNS = (
    "job_function",
    "summary",
    "skills",
    "tools",
    "cities",
    "regions",
    "countries",
    "years_experience_min",
)


@dataclass(frozen=True)
class SyntheticPosting:
    """The loader's staging fields plus what the extraction stage adds."""

    staging: dict[str, Any]
    extracted: dict[str, Any]


def postings(seed: int, start: int, count: int) -> Iterator[SyntheticPosting]:
    """Postings number `start` .. `start + count - 1`; each depends only on (seed, number)."""
    roles = [(dept, title, skills) for dept, items in ROLES.items() for title, skills in items]
    epoch = datetime(2026, 11, 1, tzinfo=UTC)
    for n in range(start, start + count):
        rng = random.Random(seed * 1_000_003 + n)
        yield _posting(rng, n, roles, epoch)


def to_record(p: SyntheticPosting) -> JobRecord:
    """The loader's input, built without validation (the generator is trusted; speed matters here)."""
    s = p.staging
    job = Job.model_construct(**{k: s[k] for k in Job.model_fields if k in s})
    ext = JobExtracted.model_construct(
        remote_type=RemoteType(s["remote_type"]),
        employment_type=EmploymentType(s["employment_type"]),
        seniority=Seniority(s["seniority"]),
        salary_min_usd=s["salary_min_usd"],
        salary_max_usd=s["salary_max_usd"],
        salary_currency=s["salary_currency"],
        salary_interval=s["salary_interval"],
        country=s["country"],
        field_tiers={},
    )
    return JobRecord.model_construct(job=job, extraction=ext)


def _posting(
    rng: random.Random, n: int, roles: list[tuple[str, str, list[str]]], epoch: datetime
) -> SyntheticPosting:
    dept, base_title, role_skills = rng.choice(roles)
    prefix, seniority = rng.choice(_LEVELS)
    title = f"{prefix}{base_title}"
    company = f"{rng.choice(_PREFIXES)} {rng.choice(_SUFFIXES)}"
    token = company.lower().replace(" ", "")
    source = rng.choice(("greenhouse", "greenhouse", "lever", "ashby", "smartrecruiters", "workable"))
    city, region, country, place = rng.choice(_PLACES)
    remote = rng.choice(("remote", "hybrid", "onsite", "onsite", "unknown"))
    employment = (
        "internship" if seniority == "intern" else rng.choice(["full_time"] * 8 + ["contract", "part_time"])
    )
    skills = rng.sample(role_skills, min(len(role_skills), rng.randint(2, 4)))
    tools = rng.sample(_TOOLS, rng.randint(1, 3))
    years = rng.choice([None, 1, 2, 3, 5, 7, 10])
    salary = None
    if rng.random() < 0.55:
        lo = rng.randrange(40, 260, 5) * 1000
        salary = (lo, lo + rng.randrange(10, 80, 5) * 1000)
    posted = epoch - timedelta(days=rng.randrange(0, 365), minutes=rng.randrange(1440))
    summary = f"{company} is hiring a {title} to {rng.choice(_DUTIES)}."
    text = _description(rng, company, title, skills, tools, remote, years, salary)
    ats_id = str(10_000_000 + n)
    digest = hashlib.sha256(f"{n}:{title}:{text}".encode()).hexdigest()
    staging = {
        "job_uid": f"{source}:{token}:{ats_id}",
        "source_type": source,
        "board_token": token,
        "ats_job_id": ats_id,
        "title": title,
        "company": company,
        "locations": ["Remote" if remote == "remote" else place],
        "department": dept,
        "url": f"https://jobs.example.org/{token}/{ats_id}",
        "apply_url": None,
        "posted_at": posted,
        "updated_at": posted + timedelta(days=rng.randrange(0, 20)),
        "description_text": text,
        "content_hash": digest,
        "record_hash": digest,
        "remote_type": remote,
        "employment_type": employment,
        "seniority": seniority,
        "salary_min_usd": salary[0] if salary else None,
        "salary_max_usd": salary[1] if salary else None,
        "salary_currency": "USD" if salary else None,
        "salary_interval": "year" if salary else None,
        "country": country,
        "field_sources": "{}",
    }
    extracted = {
        "job_uid": staging["job_uid"],
        "job_function": _FUNCTIONS[dept],
        "summary": summary,
        "skills": skills,
        "tools": tools,
        "cities": [city],
        "regions": [region],
        "countries": [country],
        "years_experience_min": years,
    }
    return SyntheticPosting(staging=staging, extracted=extracted)


def _description(
    rng: random.Random,
    company: str,
    title: str,
    skills: list[str],
    tools: list[str],
    remote: str,
    years: int | None,
    salary: tuple[int, int] | None,
) -> str:
    lines = [
        f"About {company}",
        f"{company} builds software that helps teams move faster. We are hiring a {title} to join a growing team.",
        _WORKPLACE.get(remote, ""),
        "What you'll do",
        *(f"- {d.capitalize()}" for d in rng.sample(_DUTIES, 4)),
        "What you'll bring",
        f"- {years or 2}+ years of experience in a similar role",
        f"- Hands-on experience with {', '.join(skills)}",
        f"- Comfortable with {', '.join(tools)}",
        "- Strong written and verbal communication skills",
    ]
    if salary:
        lines.append(f"The annual base salary range for this position is ${salary[0]:,} - ${salary[1]:,}.")
    lines += ["Benefits", *(f"- {b}" for b in rng.sample(BENEFITS, 3)), EEO]
    return "\n".join(line for line in lines if line)

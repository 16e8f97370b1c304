"""Realistic synthetic boards in the exact Greenhouse and Lever wire formats, from a seed.

They feed the demo and the benchmarks; the same seed always gives the same bytes.
"""

from __future__ import annotations

import html
import json
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

COMPANIES = [
    ("Northwind Analytics", "northwind"),
    ("Bluefin Robotics", "bluefin"),
    ("Cobalt Health", "cobalthealth"),
    ("Driftwood Payments", "driftwood"),
    ("Evergreen Energy", "evergreenenergy"),
    ("Fjord Logistics", "fjord"),
    ("Granite Security", "granitesec"),
    ("Helios Labs", "helioslabs"),
    ("Ironclad Games", "ironcladgames"),
    ("Juniper Bio", "juniperbio"),
    ("Kestrel Aero", "kestrelaero"),
    ("Lumen Learning", "lumenlearning"),
    ("Meridian Insurance", "meridianins"),
    ("Nimbus Cloud", "nimbuscloud"),
    ("Orchid Retail", "orchidretail"),
    ("Pinecone Media", "pineconemedia"),
    ("Quartz Finance", "quartzfinance"),
    ("Redwood Data", "redwooddata"),
]
ROLES: dict[str, list[tuple[str, list[str]]]] = {
    "Engineering": [
        ("Software Engineer, Backend", ["Python", "Go", "PostgreSQL", "Kubernetes", "AWS", "gRPC"]),
        ("Frontend Engineer", ["TypeScript", "React", "Next.js", "GraphQL", "CSS"]),
        ("Site Reliability Engineer", ["Kubernetes", "Terraform", "Prometheus", "Linux", "AWS"]),
        ("Machine Learning Engineer", ["Python", "PyTorch", "Spark", "MLflow", "SQL"]),
        ("Mobile Engineer, iOS", ["Swift", "SwiftUI", "Xcode", "REST APIs"]),
    ],
    "Data": [
        ("Data Engineer", ["Python", "SQL", "dbt", "Airflow", "Snowflake", "Spark"]),
        ("Analytics Engineer", ["SQL", "dbt", "Looker", "BigQuery"]),
        ("Data Scientist", ["Python", "SQL", "statistics", "pandas", "scikit-learn"]),
    ],
    "Sales": [
        ("Account Executive, Mid-Market", ["Salesforce", "Gong", "MEDDICC", "negotiation"]),
        ("Sales Development Representative", ["Salesforce", "Outreach", "cold calling"]),
        ("Solutions Engineer", ["SQL", "APIs", "demos", "Salesforce"]),
    ],
    "Marketing": [
        ("Product Marketing Manager", ["positioning", "messaging", "HubSpot", "competitive analysis"]),
        ("Growth Marketing Manager", ["Google Analytics", "SEO", "HubSpot", "A/B testing"]),
    ],
    "Customer Success": [("Customer Success Manager", ["Gainsight", "Salesforce", "Zendesk", "onboarding"])],
    "Finance": [("Financial Analyst", ["Excel", "NetSuite", "forecasting", "SQL"])],
    "Security": [("Security Engineer", ["AWS", "SIEM", "Python", "threat modeling", "Okta"])],
    "People": [("Technical Recruiter", ["Greenhouse", "LinkedIn Recruiter", "sourcing"])],
    "Design": [("Product Designer", ["Figma", "prototyping", "user research"])],
    "Product": [("Product Manager", ["roadmapping", "SQL", "Jira", "Amplitude"])],
}
SENIORITY = ["", "", "Senior ", "Senior ", "Staff ", "Principal ", "Junior ", "Lead ", "", "Associate "]
LOCATIONS = [
    ("San Francisco, CA", "US"),
    ("New York, NY", "US"),
    ("Austin, TX", "US"),
    ("Seattle, WA", "US"),
    ("Remote - US", "US"),
    ("Remote", None),
    ("London, United Kingdom", "GB"),
    ("Berlin, Germany", "DE"),
    ("Dublin, Ireland", "IE"),
    ("Toronto, Canada", "CA"),
    ("Amsterdam, Netherlands", "NL"),
    ("Paris, France", "FR"),
    ("Warsaw, Poland", "PL"),
    ("Bengaluru, India", "IN"),
    ("São Paulo, Brazil", "BR"),
    ("Tokyo, Japan", "JP"),
    ("Remote - Europe", None),
]
WORKPLACE = ["remote", "hybrid", "on-site"]
EEO = (
    "We are an equal opportunity employer and value diversity. All qualified applicants will receive "
    "consideration for employment without regard to race, color, religion, sex, sexual orientation, gender "
    "identity, national origin, disability, or veteran status."
)
BENEFITS = [
    "Comprehensive medical, dental and vision coverage",
    "401(k) with company match",
    "Flexible paid time off",
    "Home office stipend",
    "Parental leave",
    "Learning and development budget",
]


def _description(
    rng: random.Random,
    company: str,
    title: str,
    skills: list[str],
    workplace: str,
    salary: tuple[int, int, str] | None,
) -> str:
    resp = rng.sample(
        [
            f"Design, build and operate systems used by thousands of {company} customers",
            "Partner with product, design and go-to-market teams to ship high-impact work",
            "Own projects end to end, from discovery through launch and iteration",
            "Mentor teammates and raise the bar for quality across the team",
            "Write clear documentation and share what you learn",
            "Measure outcomes and use data to decide what to build next",
            "Work closely with customers to understand their needs",
        ],
        4,
    )
    years = rng.choice([2, 3, 4, 5, 7, 8])
    reqs = [
        f"{years}+ years of experience in a similar role",
        f"Hands-on experience with {', '.join(skills[:-1])} and {skills[-1]}",
        "Strong written and verbal communication skills",
    ]
    where = {
        "remote": "This role is fully remote within the listed region.",
        "hybrid": "This is a hybrid role: we meet in the office three days a week.",
        "on-site": "This role is on-site in our office five days a week.",
    }[workplace]
    parts = [
        f"<h2>About {html.escape(company)}</h2>",
        f"<p>{html.escape(company)} builds software that helps teams move faster. We are hiring a "
        f"<strong>{html.escape(title)}</strong> to join a growing team.</p>",
        f"<p>{where}</p>",
        "<h3>What you'll do</h3><ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in resp) + "</ul>",
        "<h3>What you'll bring</h3><ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in reqs) + "</ul>",
    ]
    if salary:
        lo, hi, cur = salary
        sym = {"USD": "$", "EUR": "€", "GBP": "£"}.get(cur, "")
        parts.append(
            f"<p>The annual base salary range for this position is {sym}{lo:,} - {sym}{hi:,}"
            f"{'' if sym else ' ' + cur}. Final offers depend on experience and location.</p>"
        )
    parts.append(
        "<h3>Benefits</h3><ul>" + "".join(f"<li>{b}</li>" for b in rng.sample(BENEFITS, 4)) + "</ul>"
    )
    parts.append(f"<p><em>{EEO}</em></p>")
    return "\n".join(parts)


def _posting(rng: random.Random, company: str, n: int) -> dict[str, Any]:
    department = rng.choice(list(ROLES))
    base_title, skills = rng.choice(ROLES[department])
    prefix = rng.choice(SENIORITY)
    title = f"{prefix}{base_title}".strip()
    location, country = rng.choice(LOCATIONS)
    workplace = "remote" if location.startswith("Remote") else rng.choice(WORKPLACE)
    salary = None
    if country in ("US", None) and rng.random() < 0.7:
        lo = rng.randrange(70, 220, 5) * 1000
        salary = (lo, lo + rng.randrange(20, 80, 5) * 1000, "USD")
    elif country in ("GB", "DE", "IE", "NL", "FR") and rng.random() < 0.4:
        lo = rng.randrange(45, 120, 5) * 1000
        salary = (lo, lo + rng.randrange(10, 40, 5) * 1000, "GBP" if country == "GB" else "EUR")
    posted = datetime(2026, 11, 1, tzinfo=UTC) - timedelta(
        days=rng.randrange(0, 120), minutes=rng.randrange(1440)
    )
    return {
        "n": n,
        "department": department,
        "title": title,
        "skills": rng.sample(skills, min(len(skills), 4)),
        "location": location,
        "country": country,
        "workplace": workplace,
        "salary": salary,
        "posted": posted,
        "employment": "Intern" if "Intern" in title else rng.choice(["Full-time"] * 9 + ["Contract"]),
    }


def greenhouse_board(seed: int, company: str, token: str, jobs: int) -> bytes:
    """A `GET /v1/boards/{token}/jobs?content=true` body."""
    rng = random.Random(f"gh:{seed}:{token}")
    out = []
    for n in range(jobs):
        p = _posting(rng, company, n)
        job_id = 4_000_000_000 + rng.randrange(10**8)
        content = _description(rng, company, p["title"], p["skills"], p["workplace"], p["salary"])
        out.append(
            {
                "absolute_url": f"https://job-boards.greenhouse.io/{token}/jobs/{job_id}",
                "data_compliance": [
                    {
                        "type": "gdpr",
                        "requires_consent": False,
                        "requires_processing_consent": False,
                        "requires_retention_consent": False,
                        "retention_period": None,
                        "demographic_data_consent_applies": False,
                    }
                ],
                "internal_job_id": job_id - 1000,
                "location": {"name": p["location"]},
                "metadata": [
                    {
                        "id": 4036944008,
                        "name": "Location Type",
                        "value": {"remote": "Remote", "hybrid": "Hybrid", "on-site": "On-Site"}[
                            p["workplace"]
                        ],
                        "value_type": "single_select",
                    }
                ]
                if rng.random() < 0.6
                else None,
                "id": job_id,
                "updated_at": (p["posted"] + timedelta(days=rng.randrange(0, 10))).isoformat(),
                "requisition_id": f"R-{rng.randrange(10000):05d}",
                "title": p["title"],
                "company_name": company,
                "first_published": p["posted"].isoformat(),
                "language": "en",
                "content": html.escape(content, quote=True),
                "departments": [
                    {"id": 4000 + n, "name": p["department"], "child_ids": [], "parent_id": None}
                ],
                "offices": [
                    {
                        "id": 5000 + n,
                        "name": p["location"],
                        "location": p["location"],
                        "child_ids": [],
                        "parent_id": None,
                    }
                ],
            }
        )
    return json.dumps({"jobs": out, "meta": {"total": len(out)}}, ensure_ascii=False).encode()


def lever_board(seed: int, company: str, site: str, jobs: int) -> bytes:
    """A `GET /v0/postings/{site}?mode=json` body."""
    rng = random.Random(f"lever:{seed}:{site}")
    out = []
    for n in range(jobs):
        p = _posting(rng, company, n)
        posting_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        body = _description(rng, company, p["title"], p["skills"], p["workplace"], None)
        head, _, rest = body.partition("<h3>")
        lists_html = "<h3>" + rest if rest else ""
        lists = [
            {
                "text": chunk.split("</h3>")[0],
                "content": chunk.split("</h3>")[1].removeprefix("<ul>").split("</ul>")[0],
            }
            for chunk in lists_html.split("<h3>")[1:]
            if "<ul>" in chunk
        ]
        posting: dict[str, Any] = {
            "additional": f"<div>{EEO}</div>",
            "additionalPlain": EEO,
            "categories": {
                "commitment": p["employment"],
                "location": p["location"],
                "team": p["department"],
                "department": p["department"],
                "allLocations": [p["location"]],
            },
            "createdAt": int(p["posted"].timestamp() * 1000),
            "descriptionPlain": "",
            "description": head,
            "id": posting_id,
            "lists": lists,
            "text": p["title"],
            "country": p["country"] or "",
            "workplaceType": {"remote": "remote", "hybrid": "hybrid", "on-site": "onsite"}[p["workplace"]],
            "opening": "",
            "openingPlain": "",
            "descriptionBody": head,
            "descriptionBodyPlain": "",
            "hostedUrl": f"https://jobs.lever.co/{site}/{posting_id}",
            "applyUrl": f"https://jobs.lever.co/{site}/{posting_id}/apply",
        }
        if p["salary"]:
            lo, hi, cur = p["salary"]
            posting["salaryRange"] = {"min": lo, "max": hi, "currency": cur, "interval": "per-year-salary"}
        out.append(posting)
    return json.dumps(out, ensure_ascii=False).encode()


def sample_boards(seed: int = 7, boards: int = 10, jobs_per_board: int = 12) -> dict[tuple[str, str], bytes]:
    """`boards` synthetic boards, alternating Greenhouse and Lever, keyed by (source type, token)."""
    out: dict[tuple[str, str], bytes] = {}
    rng = random.Random(seed)
    for i in range(boards):
        company, token = COMPANIES[i % len(COMPANIES)]
        token = token if i < len(COMPANIES) else f"{token}{i // len(COMPANIES)}"
        size = max(1, jobs_per_board + rng.randrange(-jobs_per_board // 2, jobs_per_board // 2 + 1))
        if i % 3 == 2:
            out[("lever", token)] = lever_board(seed, company, token, size)
        else:
            out[("greenhouse", token)] = greenhouse_board(seed, company, token, size)
    return out

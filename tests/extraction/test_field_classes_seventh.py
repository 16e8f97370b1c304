"""Seventh pass of the field rules fixed by class, found by probing with sentences written for the purpose (none
copied from the gold set): a heading that opens the role ends an "About us" section, a "hybrid
role" that mixes duties is no work mode, the company's social links are not skills; certifications, CI
servers, virtualisation, office suites and social platforms as the taxonomy's families."""

from __future__ import annotations

import pytest

from extractors.fields import boilerplate
from extractors.fields.rules_fields import extract_fields
from tests.extraction.test_field_classes import job
from tests.extraction.test_skills_classes import skills_of

_ABOUT_US = (
    "About Acme\n\nAcme builds databases with machine learning inside. Our people work from anywhere.\n\n"
)


@pytest.mark.parametrize(
    "heading",
    [
        "The Role in a Nutshell",
        "What you will be working on",
        "Key Responsibilities",
        "Who you are",
        "What you'll do",
        "Minimum qualifications",
    ],
)
def test_a_heading_that_opens_the_role_ends_the_about_us_section(heading):
    text = f"{_ABOUT_US}{heading}\n\nManage our Snowflake warehouse and write dbt models.\n"
    kept = boilerplate.cut(text)
    assert "Snowflake warehouse" in kept
    assert "machine learning inside" not in kept
    assert {"Snowflake", "dbt"} <= skills_of(text)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("This is a hybrid role: 60% Operations and 40% Creative Execution.", "unknown"),
        ("A hybrid role combining engineering and sales.", "unknown"),
        ("This is a hybrid role that blends sales and engineering.", "unknown"),
        ("Hybrid role between product and design.", "unknown"),
        ("This is a hybrid role: 60% in office.", "hybrid"),
        ("Hybrid role: 50% of the time in office.", "hybrid"),
        ("This is a hybrid role (60% in office, 40% remote).", "hybrid"),
        ("This is a hybrid role based in Berlin.", "hybrid"),
    ],
)
def test_a_hybrid_role_that_mixes_duties_is_no_work_mode(text, mode):
    assert extract_fields(job(text=f"About the role\n{text}")).remote_type == mode


def test_a_role_that_mixes_duties_does_not_overrule_the_ats_remote_flag():
    text = "About the role\nThis is a hybrid role: 60% operations and 40% writing."
    assert extract_fields(job(text=text, workplace_type="Remote")).remote_type == "remote"


@pytest.mark.parametrize(
    ("title", "text", "wanted"),
    [
        ("Security Engineer", "CISSP, CISM or OSCP certification preferred", {"CISSP", "CISM", "OSCP"}),
        ("Security Engineer", "CISA or CRISC certification", {"CISA", "CRISC"}),
        ("Privacy Counsel", "CIPP/E or CIPP/US certification", {"CIPP"}),
        ("IT Specialist", "CompTIA Security+ or Network+", {"CompTIA Security+", "CompTIA Network+"}),
        ("Network Engineer", "CCNA or CCNP required", {"CCNA", "CCNP"}),
        ("Platform Engineer", "CKA or CKAD is a plus", {"CKA", "CKAD"}),
        ("Security Analyst", "Certified Ethical Hacker (CEH)", {"CEH"}),
        ("Security Analyst", "GIAC certifications (GSEC, GCIH)", {"GIAC"}),
        ("Compliance Analyst", "FISMA, FedRAMP and CMMC compliance", {"FISMA", "FedRAMP", "CMMC"}),
        ("Internal Auditor", "CPA or CIA certification", {"Certified Internal Auditor"}),
        ("HR Generalist", "SHRM-CP or SHRM-SCP certification", {"SHRM-CP"}),
        ("HR Generalist", "PHR or SPHR preferred", {"PHR"}),
        ("Financial Advisor", "CFP designation required", {"Certified Financial Planner"}),
        ("IT Engineer", "Experience with VMware vSphere and ESXi", {"VMware vSphere", "VMware ESXi"}),
        ("IT Engineer", "Hyper-V, KVM or Proxmox", {"Hyper-V", "KVM", "Proxmox"}),
        ("IT Engineer", "Xen or KVM hypervisors", {"Xen", "KVM"}),
        (
            "Build Engineer",
            "Travis CI, TeamCity or Azure DevOps",
            {"Travis CI", "TeamCity", "Azure DevOps Services"},
        ),
        ("Build Engineer", "Bamboo and Bitbucket pipelines", {"Atlassian Bamboo"}),
        ("Build Engineer", "TFS or Git", {"Team Foundation Server"}),
        ("Backend Engineer", "OAuth 2.0 and OpenID Connect (OIDC)", {"OAuth", "OpenID Connect"}),
        (
            "Marketing Manager",
            "Manage our LinkedIn, Instagram and TikTok channels",
            {"LinkedIn", "Instagram", "TikTok"},
        ),
        ("Marketing Manager", "Grow our YouTube audience with video content", {"YouTube"}),
        ("Marketing Manager", "Create Keynote or PowerPoint presentations", {"Apple Keynote"}),
        ("Office Manager", "LibreOffice or OpenOffice", {"LibreOffice", "Apache OpenOffice"}),
        ("Editor", "Proofreading and copy editing", {"Proofreading", "Copyediting"}),
        ("Development Officer", "Grant writing and proposal writing", {"Grant writing", "Proposal writing"}),
        ("Software Engineer", "Pair programming with teammates", {"Pair programming"}),
        ("Data Scientist", "Anomaly detection models", {"Anomaly detection"}),
        ("SRE", "Incident management and on-call", {"Incident management"}),
        ("Risk Analyst", "Conduct risk assessments", {"Risk assessment"}),
        ("QA Engineer", "Familiarity with the SDLC", {"Software development lifecycle"}),
    ],
)
def test_certifications_build_servers_virtualisation_and_channels_are_skills(title, text, wanted):
    assert wanted <= skills_of(f"Requirements\n- {text}", title=title)


@pytest.mark.parametrize(
    ("title", "text", "unwanted"),
    [
        ("Security Engineer", "Experience with CISA advisories and KEV catalog", "CISA"),
        ("Analyst", "Experience supporting CIA and NSA customers", "Certified Internal Auditor"),
        ("IT Technician", "KVM switches and cabling", "KVM"),
        ("Backend Engineer", "Build OAuth apps for integrators", "OAuth"),
        ("Marketing Manager", "Please include a link to your LinkedIn profile", "LinkedIn"),
        ("Marketing Manager", "Follow us on Instagram", "Instagram"),
        ("Marketing Manager", "Find us on LinkedIn and YouTube", "YouTube"),
        ("Marketing Manager", "Deliver a keynote at our annual conference", "Apple Keynote"),
    ],
)
def test_the_same_names_as_an_agency_a_switch_a_product_or_a_link_are_not_skills(title, text, unwanted):
    assert unwanted not in skills_of(f"Requirements\n- {text}", title=title)

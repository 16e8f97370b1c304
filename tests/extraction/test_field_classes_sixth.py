"""Sixth pass of the field rules fixed by class, found by probing with sentences written for the purpose (none
copied from the gold set): office days stated in more ways, remote work denied, a home-office stipend; the
employment types of apprentices, agency work and hours; a unit after each bound of a salary, a range
"between" two figures in other languages, a month's pay in currencies of small units; years the hire "has";
requirement bullets that name a field of benefits ("Medical coding") no longer cut as a benefit; newer tools."""

from __future__ import annotations

import pytest

from extractors.fields import boilerplate
from extractors.fields.rules_fields import extract_fields
from tests.extraction.test_field_classes import job
from tests.extraction.test_skills_classes import skills_of


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("We expect you in the office at least 3 days per week.", "hybrid"),
        ("The team works from our London office three days a week.", "hybrid"),
        ("Flexible working: work from home up to 2 days a week.", "hybrid"),
        ("This role is office-based with 2 days from home.", "hybrid"),
        ("3x/week in office.", "hybrid"),
        ("In office Tuesday-Thursday.", "hybrid"),
        ("In the office Mon/Wed/Fri.", "hybrid"),
        ("On-site Monday through Friday.", "onsite"),
        ("Role is based in London with flexibility to work from home.", "hybrid"),
        ("Télétravail possible 2 jours par semaine.", "hybrid"),
        ("Homeoffice an 2 Tagen pro Woche.", "hybrid"),
        ("This role is not eligible for remote work.", "onsite"),
        ("Remote work is not available for this position.", "onsite"),
        ("This position is not eligible for remote work; it is hybrid with 3 days in office.", "hybrid"),
        ("Office-based role in Munich.", "onsite"),
        ("This role will be based out of our Denver office.", "onsite"),
        ("You can work remotely from anywhere in Canada.", "remote"),
        ("Our engineers work remotely across 18 countries.", "unknown"),
        ("Work from home allowance available.", "unknown"),
        ("Remote work stipend of $500.", "unknown"),
        ("We expect you to be in the office at least 50% of the time.", "hybrid"),
        ("You will spend 60% of your time in our office.", "hybrid"),
        ("On-site 100% of the time.", "onsite"),
        ("Travel: up to 25% of the time.", "unknown"),
        ("This role can be performed remotely within the US.", "remote"),
        ("This work cannot be performed remotely.", "onsite"),
        ("The role is based in Paris, with occasional remote days.", "hybrid"),
    ],
)
def test_the_roles_own_statement_of_office_days_shares_or_denials_gives_the_mode_or_nothing(text, mode):
    assert extract_fields(job(text=f"About the role\n{text}")).remote_type == mode


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This is a co-op position for students.", "internship"),
        ("This is an apprenticeship.", "internship"),
        ("Stage de 6 mois à Paris.", "internship"),
        ("We run an apprenticeship program and you will mentor apprentices.", "unknown"),
        ("Zeitarbeit über unseren Partner.", "temporary"),
        ("W2 contract through our staffing partner.", "contract"),
        ("Minijob auf 538-Euro-Basis.", "part_time"),
        ("Position: 0.8 FTE.", "part_time"),
        ("Pensum: 80%.", "part_time"),
        ("This is a 40 hour per week position.", "full_time"),
        ("Hours: 37.5 per week.", "full_time"),
        ("Employment type: Permanent.", "full_time"),
    ],
)
def test_apprentices_agency_work_and_stated_hours_name_the_type(text, kind):
    assert extract_fields(job(title="Analyst", text=f"About the role\n{text}")).employment_type == kind


@pytest.mark.parametrize(
    ("place", "text", "expected"),
    [
        ("New York, NY", "$45/hr - $55/hr", (45, 55, "USD", "hour")),
        ("New York, NY", "$120,000/yr - $150,000/yr", (120_000, 150_000, "USD", "year")),
        ("Berlin, Germany", "Jahresgehalt zwischen 60.000 und 75.000 Euro", (60_000, 75_000, "EUR", "year")),
        ("Berlin, Germany", "Wir zahlen zwischen 4.500 und 5.500 Euro brutto im Monat", (4_500, 5_500, "EUR", "month")),
        ("Paris, France", "Rémunération : entre 45k€ et 55k€", (45_000, 55_000, "EUR", "year")),
        ("Warsaw, Poland", "15 000 - 20 000 PLN netto + VAT (B2B)", (15_000, 20_000, "PLN", "month")),
        ("Warsaw, Poland", "Salary: 180 000 - 240 000 PLN", (180_000, 240_000, "PLN", "year")),
        ("Stockholm, Sweden", "45 000 - 55 000 kr", (45_000, 55_000, "SEK", "month")),
        ("London", "£50,000 - £60,000", (50_000, 60_000, "GBP", "year")),
        ("Bengaluru", "₹25L - ₹35L", (2_500_000, 3_500_000, "INR", "year")),
        ("Bengaluru", "₹50,000 - ₹70,000 per month", (50_000, 70_000, "INR", "month")),
        ("Tokyo, Japan", "年収 800万円～1200万円", (8_000_000, 12_000_000, "JPY", "year")),
        ("Tokyo, Japan", "月給 30万円〜40万円", (300_000, 400_000, "JPY", "month")),
    ],
)  # fmt: skip
def test_pay_lines_are_read_as_stated(place, text, expected):
    ext = extract_fields(job(title="Analyst", text=f"Compensation\n{text}", locations=[place]))
    assert (ext.salary_min, ext.salary_max, ext.salary_currency, ext.salary_interval) == expected


def test_years_between_two_and_the_next_word_are_not_a_salary():
    assert (
        extract_fields(
            job(text="Compensation\nzwischen 5 und 10 Jahre Erfahrung", locations=["Berlin, Germany"])
        ).salary_min
        is None
    )


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("- You have 4+ years building backend systems", 4),
        ("You bring 6 years leading sales teams.", 6),
        ("You've got at least 3 years shipping products.", 3),
        ("You'll have 2 years to complete the programme.", None),
        ("We have 10 years of history.", None),
    ],
)
def test_years_the_hire_is_said_to_have_are_the_years_asked(text, years):
    assert extract_fields(job(title="Analyst", text=f"About you\n{text}")).years_experience_min == years


@pytest.mark.parametrize(
    ("bullet", "wanted"),
    [
        ("- Medical coding (ICD-10, CPT)", {"Medical coding", "ICD-10"}),
        ("- Experience in private equity", {"Private equity"}),
        ("- 401(k) plan administration experience", set()),
        ("- Medical imaging (MRI, CT)", set()),
    ],
)
def test_a_requirement_that_names_a_field_of_benefits_is_not_cut_as_a_benefit(bullet, wanted):
    assert boilerplate.spans(f"Requirements\n{bullet}") == []
    assert wanted <= skills_of(f"Requirements\n{bullet}", title="Specialist")


@pytest.mark.parametrize(
    "bullet",
    [
        "- Medical, dental and vision insurance",
        "- Medical/dental/vision",
        "- Competitive salary and equity",
        "- 401(k) with company match",
        "- Wellness stipend",
    ],
)
def test_a_benefit_bullet_outside_a_benefits_section_is_still_cut(bullet):
    assert boilerplate.spans(f"Requirements\n{bullet}") != []


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("- Experience with vector databases such as Pinecone or pgvector", {"Vector databases", "Pinecone", "pgvector"}),
        ("- Experience with Weaviate, Qdrant or Milvus", {"Weaviate", "Qdrant", "Milvus"}),
        ("- Write E2E tests with Playwright", {"End-to-end testing", "Playwright"}),
        ("- Patient scheduling and intake", {"Patient scheduling"}),
        ("- Brand identity and typography", {"Brand identity", "Typography"}),
        ("- Warehouse operations and inventory management", {"Warehouse operations", "Inventory management"}),
    ],
)  # fmt: skip
def test_newer_tools_and_common_skills_outside_software_are_found(text, wanted):
    assert wanted <= skills_of(f"Requirements\n{text}", title="Associate")


@pytest.mark.parametrize(
    "heading", ["Who we are looking for", "Who We Are Looking For:", "About the Candidate", "About the Internship", "About Our Team"]
)  # fmt: skip
def test_a_heading_that_introduces_the_hire_or_the_team_is_not_company_blurb(heading):
    assert {"Python", "Kubernetes"} <= skills_of(f"{heading}\n- Python and SQL experience\n- Kubernetes")


def test_about_us_is_still_company_blurb():
    assert "Rust" not in skills_of("About Us\nWe build everything in Rust.\n\nRequirements\n- SQL")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Our Data team is looking for an engineer with Python and Airflow experience.",
            {"Python", "Airflow"},
        ),
        ("Acme is seeking a Data Analyst skilled in Tableau.", {"Tableau"}),
    ],
)
def test_a_lead_paragraph_that_introduces_the_role_is_read(text, wanted):
    assert wanted <= skills_of(f"{text}\n\nRequirements\n- SQL")


def test_a_lead_paragraph_about_the_company_is_still_cut():
    assert "Rust" not in skills_of(
        "Acme is hiring across 12 countries and runs on Rust.\n\nRequirements\n- SQL"
    )


@pytest.mark.parametrize(
    ("location", "place"),
    [
        ("Vancouver, WA", ("Vancouver", "WA", "US")),
        ("Vancouver, BC", ("Vancouver", "BC", "CA")),
        ("Portland, ME", ("Portland", "ME", "US")),
        ("Melbourne, FL", ("Melbourne", "FL", "US")),
        ("Perth, WA", ("Perth", "WA", "AU")),
        ("Melbourne, VIC", ("Melbourne", "VIC", "AU")),
        ("Toronto, ON, CA", ("Toronto", "ON", "CA")),
        ("Sydney, NSW, Australia", ("Sydney", "NSW", "AU")),
        ("Berlin, DE", ("Berlin", None, "DE")),
        ("Bengaluru, IN", ("Bengaluru", None, "IN")),
        ("Tel Aviv, IL", ("Tel Aviv", None, "IL")),
        ("Indianapolis, IN", ("Indianapolis", "IN", "US")),
        ("London, KY", ("London", "KY", "US")),
        ("Greater London", ("London", None, "GB")),
        ("Greater Boston Area", ("Boston", "MA", "US")),
        ("New York Metropolitan Area", ("New York", "NY", "US")),
    ],
)
def test_a_location_string_names_one_place_state_and_country_written_win(location, place):
    ext = extract_fields(job(locations=[location]))
    assert [(loc.city, loc.state, loc.country) for loc in ext.locations] == [place]
    assert ext.country == place[2]


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Chief of Staff", "unknown"),
        ("Executive Assistant to the CEO", "unknown"),
        ("Chief Technology Officer", "cxo"),
        ("Member of Technical Staff", "unknown"),
        ("Staff Engineer", "staff"),
        ("New Grad Software Engineer", "junior"),
        ("Software Engineer, New Grad 2027", "junior"),
    ],
)
def test_titles_that_hold_a_level_word_without_naming_the_level(title, level):
    assert extract_fields(job(title=title)).seniority == level


@pytest.mark.parametrize(
    ("title", "function"),
    [
        ("Tech Lead, Payments", "engineering"),
        ("Medical Assistant", "other"),
        ("Executive Assistant", "operations"),
    ],
)
def test_tech_leads_are_engineering_and_care_assistants_no_office_function(title, function):
    assert extract_fields(job(title=title)).job_function == function


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("We are remote-first.", "unknown"),
        ("Remote-friendly culture.", "unknown"),
        ("We are a remote-first company and this role is remote.", "remote"),
    ],
)
def test_a_remote_first_culture_is_not_the_roles_mode(text, mode):
    assert extract_fields(job(text=text)).remote_type == mode


def test_a_remote_first_location_label_still_files_the_role_under_remote():
    assert extract_fields(job(locations=["Remote-first (US)"])).remote_type == "remote"


def test_a_section_heading_that_names_a_skill_is_not_asked():
    text = (
        "Requirements\n- Python\n\nLogistics\n\nMinimum education: a Bachelor's degree or equivalent. Location: we "
        "expect staff in an office 25% of the time.\n\nMachine Learning\n\nYou will ship features."
    )
    found = skills_of(text)
    assert "Python" in found and not {"Logistics", "Machine learning"} & found


def test_skills_written_as_paragraphs_and_wrapped_lines_are_still_read():
    assert {"Python", "SQL", "Kubernetes"} <= skills_of("Skills\n\nPython\n\nSQL\n\nKubernetes")
    assert "CAD" in skills_of(
        "Run flows to close blocks and\n\nimprove CAD infrastructure\n\nDrive dashboards daily."
    )


def test_a_recruiting_partner_is_process_prose_not_a_skill():
    text = "Requirements\n- Python\n\nApplications are managed by Constellation, our recruiting partner."
    assert "Recruiting" not in skills_of(text, title="Research Fellow")


@pytest.mark.parametrize(
    "text", ["- Security clearances required", "- Active TS/SCI", "- Top Secret clearance"]
)
def test_security_clearances_are_read_in_their_common_forms(text):
    assert "Security clearance" in skills_of(f"Requirements\n{text}", title="Analyst")


def test_an_office_share_for_all_staff_does_not_overrule_a_remote_bucket():
    text = "Logistics\nLocation-based policy: we expect all staff to be in one of our offices at least 25% of the time."
    assert extract_fields(job(text=text, workplace_type="remote")).remote_type == "remote"


@pytest.mark.parametrize(
    ("place", "text", "expected"),
    [
        ("Remote - US", "Remote US: $170,000 - $210,000", (170_000, 210_000)),
        ("Remote - US", "In San Francisco the range is $200,000 - $240,000. For remote candidates the range is $170,000 - $210,000.", (170_000, 210_000)),
        ("London", "Salary: £70,000 - £90,000 (London) / £60,000 - £80,000 (rest of UK)", (70_000, 90_000)),
        ("Manchester, UK", "Salary: £70,000 - £90,000 (London) / £60,000 - £80,000 (rest of UK)", (60_000, 80_000)),
        ("Austin, TX", "Zone 1 (SF, NYC, Seattle): $150,000 - $180,000\nZone 2 (all other US locations): $130,000 - $160,000", (130_000, 160_000)),
        ("Seattle, WA", "Zone 1 (SF, NYC, Seattle): $150,000 - $180,000\nZone 2 (all other US locations): $130,000 - $160,000", (150_000, 180_000)),
        ("Denver, CO", "San Francisco: $150,000 - $180,000 (USD)\nDenver: $130,000 - $160,000 (USD)", (130_000, 160_000)),
    ],
)  # fmt: skip
def test_the_range_for_the_postings_place_is_chosen_by_labels_before_after_or_for_the_rest(
    place, text, expected
):
    ext = extract_fields(job(title="Analyst", text=f"Compensation\n{text}", locations=[place]))
    assert (ext.salary_min, ext.salary_max) == expected


def test_on_target_earnings_are_still_not_a_salary():
    ext = extract_fields(job(text="Compensation\nOTE: $200,000 - $240,000", locations=["New York, NY"]))
    assert ext.salary_min is None


@pytest.mark.parametrize(
    ("title", "level", "function"),
    [
        ("Praktikum Data Science", "intern", "data"),
        ("Becario de Marketing", "intern", "marketing"),
        ("Staż w dziale HR", "intern", "hr"),
        ("Ingénieur Confirmé", "mid", "engineering"),
        ("Medior Developer", "mid", "engineering"),
        ("Semi Senior Developer", "mid", "engineering"),
        ("Regular Java Developer", "mid", "engineering"),
        ("Teamleiter Vertrieb", "manager", "sales"),
        ("Gerente de Ventas", "manager", "sales"),
        ("Kierownik Projektu", "unknown", "other"),
        ("Junior Entwickler (w/m/d)", "junior", "engineering"),
        ("Programista Senior", "senior", "engineering"),
        ("Młodszy Księgowy", "junior", "finance"),
        ("Ingeniero de Datos", "unknown", "data"),
        ("Buchhalter (m/w/d)", "unknown", "finance"),
    ],
)
def test_titles_in_other_languages_name_their_level_and_function(title, level, function):
    ext = extract_fields(job(title=title))
    assert (ext.seniority, ext.job_function) == (level, function)


def test_what_to_expect_during_the_recruitment_process_is_process_prose():
    text = "Requirements\n- Figma\n\nWhat to expect during the recruitment process\n\nStep 1: a short call."
    assert "Recruiting" not in skills_of(text, title="Marketing Manager")
    assert "Full-cycle recruiting" in skills_of("Requirements\n- Full-cycle recruiting", title="Recruiter")


@pytest.mark.parametrize(
    ("title", "text", "wanted", "unwanted"),
    [
        ("Account Executive", "- Experience selling SaaS to mid-market companies", {"SaaS sales"}, set()),
        ("Account Executive", "- Consistently exceeding quota", {"Quota attainment"}, set()),
        ("Account Executive", "- Upselling and cross-selling to existing customers", {"Upselling", "Cross-selling"}, set()),
        ("Account Executive", "- Territory planning and account mapping", {"Account mapping"}, set()),
        ("Account Executive", "- Value-based selling", {"Value selling"}, set()),
        ("Designer", "- Canva and Adobe Express", {"Canva", "Adobe Express"}, {"Express"}),
        ("Financial Analyst", "- Three-statement modeling and DCF valuation", {"Financial modeling", "Discounted cash flow"}, set()),
        ("Accountant", "- Accruals, fixed assets and intercompany reconciliations", {"Accruals", "Fixed asset accounting", "Intercompany accounting"}, set()),
        ("Accountant", "- Expense management in Brex", {"Brex"}, set()),
        ("PR Manager", "- Writing press releases and media relations", {"Public relations"}, set()),
        ("Corporate Counsel", "- Advise on board materials and subsidiary management", set(), {"Board reporting"}),
    ],
)  # fmt: skip
def test_common_skills_of_sales_marketing_and_finance_are_found(title, text, wanted, unwanted):
    found = skills_of(f"Requirements\n{text}", title=title)
    assert wanted <= found and not unwanted & found


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("- Handling chargebacks and refunds", {"Chargeback management"}),
        ("- Employee onboarding and offboarding", {"Employee onboarding"}),
        ("- Benefits administration", {"Benefits administration"}),
        ("- Compensation benchmarking", {"Compensation benchmarking"}),
        ("- Regulatory filings", {"Regulatory submissions"}),
        ("- Route planning for our drivers", {"Route planning"}),
        ("- Root cause analysis and CAPA", {"CAPA", "Root cause analysis"}),
        ("- Shipping and receiving; order fulfillment", {"Shipping and receiving", "Order fulfillment"}),
    ],
)
def test_common_skills_of_support_people_and_operations_are_found(text, wanted):
    assert wanted <= skills_of(f"Requirements\n{text}", title="Specialist")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("- Event-driven architecture and a service mesh (Istio, Linkerd)", {"Event-driven architecture", "Service mesh", "Linkerd"}),
        ("- State management (Redux, Zustand)", {"Zustand"}),
        ("- PyTorch distributed training", {"Distributed training"}),
        ("- Feature flags (LaunchDarkly)", {"Feature flags", "LaunchDarkly"}),
        ("- Load testing with k6 or Locust", {"Load testing", "k6", "Locust"}),
        ("- ROS and SLAM", {"SLAM"}),
        ("- Firmware in C for ARM Cortex-M", {"ARM architecture"}),
        ("- SIEM (Splunk, Microsoft Sentinel)", {"Microsoft Sentinel"}),
    ],
)  # fmt: skip
def test_common_engineering_tools_and_methods_are_found(text, wanted):
    assert wanted <= skills_of(f"Requirements\n{text}")


def test_a_locust_and_a_slam_in_prose_are_not_tools():
    assert not {"Locust", "SLAM"} & skills_of("Requirements\n- A locust of ideas; we slam dunk every launch")

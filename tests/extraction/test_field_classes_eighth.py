"""Eighth pass of the field rules fixed by class, found by probing with sentences written for the purpose (none
copied from the gold set): a home-based or remote-first role, a location label that names on-site work, an
employment type written as a labelled field or in more Spanish and French words, a currency code after each
bound of a range; engineering tools (data
formats, managed cloud services, observability, test and security tools) and licences and tools of health,
compliance, transport and design that the taxonomy lacked."""

from __future__ import annotations

import pytest

from extractors.fields import job_function
from extractors.fields.rules_fields import extract_fields
from tests.extraction.test_field_classes import job
from tests.extraction.test_skills_classes import skills_of


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("This is a remote-first role.", "remote"),
        ("We are a remote-first company.", "unknown"),
        ("Home-based role covering the Northeast territory.", "remote"),
        ("This position is home-based with travel to clients.", "remote"),
        ("We provide home-based care services.", "unknown"),
        ("Join our remote SIRT focused on detecting threats.", "unknown"),
        ("The Ecosystem team is highly distributed.", "unknown"),
        ("Our remote team spans 12 countries.", "unknown"),
        ("You join a fully distributed team across Europe.", "remote"),
    ],
)
def test_a_home_based_or_remote_first_role_is_remote_and_a_remote_team_or_culture_is_not(text, mode):
    assert extract_fields(job(text=f"About the role\n{text}")).remote_type == mode


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Job type: Part-time", "part_time"),
        ("Employment Type: Contract", "contract"),
        ("Contract type: Fixed-term", "temporary"),
        ("Position type: Full-time, Permanent", "full_time"),
        ("Data type: integer", "unknown"),
        ("Hourly, 20-29 hours per week.", "part_time"),
        ("Alternance de 12 mois.", "internship"),
        ("Contrato indefinido.", "full_time"),
        ("Tiempo completo.", "full_time"),
        ("Media jornada.", "part_time"),
        ("Tiempo parcial.", "part_time"),
        ("Locum tenens position for 3 months.", "temporary"),
    ],
)
def test_a_labelled_type_field_and_more_spanish_and_french_words_name_the_type(text, kind):
    assert extract_fields(job(title="Analyst", text=f"About the role\n{text}")).employment_type == kind


def test_a_type_field_in_the_body_does_not_overrule_a_fixed_term_statement():
    text = "About the role\nEmployment type: Full-time\nThis is a 12-month fixed-term contract."
    assert extract_fields(job(title="Analyst", text=text)).employment_type == "temporary"


@pytest.mark.parametrize(
    ("place", "text", "expected"),
    [
        ("New York, NY", "Salary Range: $100,000 USD - $130,000 USD", (100_000, 130_000, "USD", "year")),
        ("New York, NY", "$100,000 USD - $130,000", (100_000, 130_000, "USD", "year")),
        ("London", "£50,000 GBP - £60,000 GBP", (50_000, 60_000, "GBP", "year")),
        ("Berlin, Germany", "€60,000 EUR - €75,000 EUR", (60_000, 75_000, "EUR", "year")),
    ],
)
def test_a_currency_code_after_each_bound_keeps_the_range(place, text, expected):
    ext = extract_fields(job(title="Analyst", text=f"Compensation\n{text}", locations=[place]))
    assert (ext.salary_min, ext.salary_max, ext.salary_currency, ext.salary_interval) == expected


@pytest.mark.parametrize(
    ("title", "text", "wanted"),
    [
        ("Data Engineer", "Parquet and Avro files on S3", {"Apache Parquet", "Apache Avro"}),
        ("Backend Engineer", "REST APIs returning JSON; YAML configs", {"JSON", "YAML"}),
        ("Backend Engineer", "SQS, SNS and EventBridge", {"Amazon SQS", "Amazon SNS", "Amazon EventBridge"}),
        ("Platform Engineer", "Deploy to EKS or ECS on Fargate", {"Amazon EKS", "Amazon ECS", "AWS Fargate"}),
        ("Platform Engineer", "GKE and AKS", {"Google Kubernetes Engine", "Azure Kubernetes Service"}),
        ("Platform Engineer", "AWS CDK in TypeScript", {"AWS CDK"}),
        (
            "Platform Engineer",
            "Experience with Vault, Consul and Nomad",
            {"HashiCorp Vault", "HashiCorp Consul"},
        ),
        ("SRE", "Jaeger tracing with OpenTelemetry", {"Jaeger"}),
        ("SRE", "Loki and Tempo", {"Grafana Loki", "Grafana Tempo"}),
        ("SRE", "Logstash and Fluentd", {"Logstash", "Fluentd"}),
        ("Frontend Engineer", "Mocha and Chai tests", {"Mocha", "Chai"}),
        ("Security Engineer", "Snyk, SonarQube and Veracode scans", {"Snyk", "SonarQube", "Veracode"}),
        ("Security Engineer", "Auth0 or Keycloak, JWT, SCIM", {"Auth0", "Keycloak", "JWT", "SCIM"}),
        ("IT Engineer", "Azure AD and Kerberos", {"Microsoft Entra ID", "Kerberos"}),
        ("Analytics Engineer", "Sigma or Hex for analysis", {"Sigma Computing", "Hex"}),
        ("Data Engineer", "Beam or Flink; Druid and Pinot", {"Apache Beam", "Apache Druid", "Apache Pinot"}),
        ("Data Scientist", "Linear algebra and calculus", {"Linear algebra", "Calculus"}),
        ("Nurse", "Active RN license in the state of Texas", {"Registered Nurse"}),
        ("Nurse", "CNA certification required", {"Certified Nursing Assistant"}),
        ("Nurse", "NP or PA-C with DEA license", {"Nurse Practitioner", "PA-C"}),
        ("Compliance Analyst", "BSA/AML and OFAC sanctions", {"Bank Secrecy Act", "OFAC sanctions"}),
        ("Accountant", "ASC 842 lease accounting and FloQast", {"ASC 842", "FloQast"}),
        ("Truck Driver", "Class A CDL with HAZMAT endorsement", {"Commercial driver's license", "HAZMAT"}),
        ("3D Artist", "Maya, ZBrush and Substance Painter", {"Autodesk Maya", "ZBrush", "Substance Painter"}),
        ("Regulatory Specialist", "510k submissions and IRB protocols", {"510(k)", "IRB"}),
        ("UX Researcher", "Conduct user interviews", {"User interviews"}),
    ],
)
def test_engineering_tools_and_the_licences_and_tools_of_other_trades_are_skills(title, text, wanted):
    assert wanted <= skills_of(f"Requirements\n- {text}", title=title)


@pytest.mark.parametrize(
    ("title", "text", "unwanted"),
    [
        ("Engineer", "Our roadmap is in flux", "Flux"),
        ("Engineer", "Free espresso and chai in the office", "Espresso"),
        ("Engineer", "Free espresso and chai in the office", "Chai"),
        ("Engineer", "Store secrets in the vault", "HashiCorp Vault"),
        ("Engineer", "A superset of features", "Apache Superset"),
        ("Engineer", "Hex editor and GDB", "Hex"),
        ("Engineer", "The NP-hard problem", "Nurse Practitioner"),
        ("Engineer", "Maya is our CEO", "Autodesk Maya"),
        ("Engineer", "an RN on staff", "Registered Nurse"),
        ("Engineer", "Good karma", "Karma"),
    ],
)
def test_the_same_words_in_their_ordinary_sense_are_not_skills(title, text, unwanted):
    assert unwanted not in skills_of(f"Requirements\n- {text}", title=title)


@pytest.mark.parametrize(
    ("label", "mode", "country"),
    [
        ("Onsite - Austin", "onsite", "US"),
        ("NYC (In-office)", "onsite", "US"),
        ("Austin, TX (On-site)", "onsite", "US"),
        ("NYC (In-person)", "onsite", "US"),
        ("On-site or Remote - US", "remote", "US"),
        ("WFH - India", "remote", "IN"),
        ("Remote · United States", "remote", "US"),
        ("Remote — Canada", "remote", "CA"),
        ("Berlin", "unknown", "DE"),
        ("Distributed", "remote", None),
    ],
)
def test_a_location_label_that_names_on_site_work_or_a_country_after_a_dash_is_read(label, mode, country):
    ext = extract_fields(job(text="About the role\nDo things.", locations=[label]))
    assert (ext.remote_type, ext.country) == (mode, country)


def test_the_bodys_statement_still_wins_over_an_on_site_label():
    text = "About the role\nThis role is fully remote within the US."
    assert extract_fields(job(text=text, locations=["Onsite - Austin"])).remote_type == "remote"


@pytest.mark.parametrize(
    ("title", "department", "function"),
    [
        ("Account Manager - Singapore", "Customer Success", "customer_success"),
        ("Associate Program Manager - Education", "Marketing", "marketing"),
        ("Project Manager", "Finance", "finance"),
        ("Account Manager", "Sales", "sales"),
        ("Marketing Project Manager", "Customer Success", "marketing"),
        ("Technical Program Manager", "Engineering", "engineering"),
    ],
)
def test_a_role_noun_many_teams_use_takes_its_departments_function(title, department, function):
    assert job_function.classify(title, department) == function


@pytest.mark.parametrize(
    ("title", "function"),
    [
        ("Chief Technology Officer", "engineering"),
        ("CTO", "engineering"),
        ("CFO", "finance"),
        ("CISO", "security"),
        ("Chief Revenue Officer", "sales"),
        ("Chief Operating Officer", "operations"),
        ("Chief People Officer", "hr"),
        ("SWE 2", "engineering"),
        ("Back Office Specialist", "operations"),
        ("Compliance Officer", "legal"),
        ("ISO 27001 Auditor", "finance"),
    ],
)
def test_an_officers_function_is_the_area_the_title_names_not_the_word_office(title, function):
    assert job_function.classify(title, None) == function


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Early Career Analyst", "junior"),
        ("Supervisor, Warehouse", "manager"),
        ("Sales Associate", "unknown"),
    ],
)
def test_early_career_titles_are_junior_and_supervisors_manage_people(title, level):
    assert extract_fields(job(title=title, text="About the role\nDo things.")).seniority == level


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Salesforce, Gong Engage, LeanData and Crossbeam", {"Gong", "LeanData", "Crossbeam"}),
        ("Seismic or Highspot for enablement", {"Seismic"}),
        ("Record Loom videos for prospects", {"Loom"}),
        ("Copper or Pipedrive CRM", {"Copper CRM"}),
        ("Ramp or Brex for expenses", {"Ramp spend management"}),
        ("Carta for cap table administration", {"Carta"}),
        ("Vertex and Avalara for sales tax", {"Vertex tax software"}),
        ("Vertex AI models on GCP", {"Vertex AI"}),
        ("Moz and Semrush for SEO", {"Moz"}),
    ],
)
def test_sales_finance_and_marketing_tools_are_skills(text, wanted):
    assert wanted <= skills_of(f"Requirements\n- {text}", title="Account Executive")


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("We help new hires ramp up quickly", "Ramp spend management"),
        ("Watch for drift in the model", "Drift"),
        ("A seismic shift in AI", "Seismic"),
        ("Vertex AI models on GCP", "Vertex tax software"),
    ],
)
def test_tool_names_that_are_words_need_their_context(text, unwanted):
    assert unwanted not in skills_of(f"Requirements\n- {text}", title="Account Executive")

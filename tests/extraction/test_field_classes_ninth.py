"""Ninth pass of the taxonomy, found by probing with lists of names written for the purpose (none copied from
the gold set): the frameworks, data stores, data and ML libraries, EDA, CAD and automation tools engineers
name most, with the names that are also ordinary words matched only beside their own context."""

from __future__ import annotations

import pytest

from tests.extraction.test_skills_classes import skills_of


@pytest.mark.parametrize(
    ("title", "text", "wanted"),
    [
        ("ML Engineer", "PyTorch, Hugging Face Transformers, DeepSpeed and Ray", {"Hugging Face Transformers", "DeepSpeed", "Ray"}),
        ("ML Engineer", "SageMaker, Weights & Biases, wandb", {"Amazon SageMaker", "Weights & Biases"}),
        ("ML Engineer", "spaCy, NLTK, OpenCV", {"spaCy", "NLTK", "OpenCV"}),
        ("ML Engineer", "LangGraph, CrewAI, DSPy, FAISS", {"LangGraph", "CrewAI", "DSPy", "FAISS"}),
        ("ML Engineer", "Triton kernels in CUDA", {"Triton"}),
        ("Data Scientist", "LightGBM, CatBoost and XGBoost", {"LightGBM", "CatBoost"}),
        ("Data Scientist", "Matplotlib, Seaborn, Plotly; Streamlit or Gradio demos", {"Matplotlib", "Seaborn", "Plotly", "Streamlit", "Gradio"}),
        ("Frontend Engineer", "Electron desktop apps", {"Electron"}),
        ("Frontend Engineer", "Storybook, ESLint, Prettier", {"Storybook", "ESLint", "Prettier"}),
        ("Frontend Engineer", "Nuxt, SvelteKit, Remix, Astro", {"Nuxt", "SvelteKit", "Remix", "Astro"}),
        ("Frontend Engineer", "Firebase or Supabase", {"Firebase", "Supabase"}),
        ("Backend Engineer", "NestJS, Fastify; Apollo Client and Relay", {"NestJS", "Fastify", "Apollo GraphQL", "Relay"}),
        ("Data Engineer", "Debezium, Kafka Streams, ksqlDB", {"Debezium", "Kafka Streams", "ksqlDB"}),
        ("Data Engineer", "Athena and Glue on AWS", {"Amazon Athena"}),
        ("Data Engineer", "Dataflow, Dataproc and BigQuery", {"Google Cloud Dataflow", "Google Cloud Dataproc"}),
        ("Data Engineer", "Collibra or Alation catalog; NiFi pipelines", {"Collibra", "Alation", "Apache NiFi"}),
        ("Hardware Engineer", "Cadence Virtuoso; Vivado and Quartus; LTspice", {"Cadence Virtuoso", "Xilinx Vivado", "Intel Quartus", "LTspice"}),
        ("Automation Engineer", "UiPath, Blue Prism or Automation Anywhere (RPA)", {"UiPath", "Blue Prism", "Automation Anywhere", "Robotic process automation"}),
        ("Automation Engineer", "Power Apps and Power Automate", {"Microsoft Power Apps", "Microsoft Power Automate"}),
        ("Integration Engineer", "MuleSoft and Boomi integrations", {"MuleSoft", "Boomi"}),
        ("Controls Engineer", "Allen-Bradley PLCs and TIA Portal", {"Allen-Bradley", "Siemens TIA Portal"}),
        ("Robotics Engineer", "ROS 2 and Gazebo", {"ROS", "Gazebo"}),
        ("Software Engineer", "SVN or Perforce", {"Apache Subversion", "Perforce Helix"}),
    ],
)  # fmt: skip
def test_the_tools_engineers_name_most_are_skills(title, text, wanted):
    assert wanted <= skills_of(f"Requirements\n- {text}", title=title)


@pytest.mark.parametrize(
    ("title", "text", "unwanted"),
    [
        ("ML Engineer", "Transformers and attention mechanisms", "Hugging Face Transformers"),
        ("ML Engineer", "The Ray of light", "Ray"),
        ("Frontend Engineer", "Electron microscopy", "Electron"),
        ("Frontend Engineer", "Tower of Babel", "Babel"),
        ("Frontend Engineer", "Good Bun recipes", "Bun"),
        ("Data Engineer", "Athena health records", "Amazon Athena"),
        ("Account Executive", "Build a sales cadence", "Cadence Virtuoso"),
        ("Physical Design Engineer", "Cadence (Innovus, Genus)", "Cadence Virtuoso"),
        ("Infrastructure Engineer", "We build at-scale AI inference supercomputers", "Scale AI"),
    ],
)
def test_the_same_words_as_ordinary_words_or_vendors_are_not_these_tools(title, text, unwanted):
    assert unwanted not in skills_of(f"Requirements\n- {text}", title=title)


@pytest.mark.parametrize(
    ("title", "text", "wanted"),
    [
        ("Security Engineer", "Suricata, Zeek and osquery", {"Suricata", "Zeek"}),
        ("Security Engineer", "Volatility and Velociraptor for forensics", {"Volatility", "Velociraptor"}),
        ("Security Engineer", "IDA Pro, Binary Ninja, Frida", {"IDA Pro", "Binary Ninja", "Frida"}),
        ("Security Engineer", "Zscaler, Netskope, Palo Alto Networks firewalls", {"Zscaler", "Netskope", "Palo Alto Networks"}),
        ("Security Engineer", "F5 load balancers", {"F5 BIG-IP"}),
        ("Security Engineer", "Cortex XSOAR or Splunk SOAR; TheHive and MISP", {"Cortex XSOAR", "Splunk SOAR", "TheHive", "MISP"}),
        ("Security Engineer", "Sigma rules and YARA", {"Sigma rules"}),
        ("Security Engineer", "Tenable or Qualys scans", {"Tenable Nessus"}),
        ("Recruiter", "Gem, SeekOut; post on Indeed and Glassdoor", {"Gem", "SeekOut", "Indeed", "Glassdoor"}),
        ("Scientist", "HPLC, GC-MS and LC-MS/MS", {"HPLC", "GC-MS", "LC-MS"}),
        ("Scientist", "qPCR, ELISA, Western blot, flow cytometry", {"qPCR", "ELISA", "Western blot", "Flow cytometry"}),
        ("Scientist", "CRISPR-Cas9 and cell culture; NGS on Illumina", {"CRISPR", "Cell culture", "Next-generation sequencing"}),
        ("Scientist", "Nextflow or Snakemake; Seurat and Scanpy", {"Nextflow", "Snakemake", "Seurat", "Scanpy"}),
        ("Scientist", "Benchling ELN; Empower and ChemStation", {"Benchling", "Electronic lab notebook", "Waters Empower"}),
        ("Scientist", "Bioinformatics pipelines under GLP", {"Bioinformatics", "GLP"}),
        ("Supply Chain Analyst", "SAP IBP, SAP EWM and SAP HANA", {"SAP IBP", "SAP EWM", "SAP HANA"}),
        ("Supply Chain Analyst", "JD Edwards or Infor M3", {"JD Edwards EnterpriseOne", "Infor"}),
        ("Supply Chain Analyst", "project44 and FourKites visibility", {"project44", "FourKites"}),
        ("Paralegal", "iManage, NetDocuments, Practical Law, Everlaw", {"iManage", "NetDocuments", "Practical Law", "Everlaw"}),
        ("Paralegal", "Conga CLM, Icertis, Agiloft", {"Conga", "Icertis", "Agiloft"}),
    ],
)  # fmt: skip
def test_security_people_lab_supply_chain_and_legal_tools_are_skills(title, text, wanted):
    assert wanted <= skills_of(f"Requirements\n- {text}", title=title)


@pytest.mark.parametrize(
    ("title", "text", "unwanted"),
    [
        ("Security Engineer", "Market volatility", "Volatility"),
        ("Security Engineer", "Offices in Palo Alto", "Palo Alto Networks"),
        ("Security Engineer", "Press F5 to refresh", "F5 BIG-IP"),
        ("Security Engineer", "A tenable position", "Tenable Nessus"),
        ("Recruiter", "A hidden gem", "Gem"),
        ("Recruiter", "Indeed, we are growing", "Indeed"),
        ("Scientist", "Empower our customers", "Waters Empower"),
        ("Scientist", "Degree in Bioinformatics", "Bioinformatics"),
    ],
)
def test_security_people_and_lab_names_that_are_words_need_their_context(title, text, unwanted):
    assert unwanted not in skills_of(f"Requirements\n- {text}", title=title)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Own P&L management and cost analysis", {"P&L management", "Cost analysis"}),
        ("Media mix modeling (MMM)", {"Media mix modeling"}),
        ("Demand forecasting and scenario planning", {"Demand forecasting", "Scenario planning"}),
        ("Market sizing and hypothesis testing", {"Market sizing", "Hypothesis testing"}),
        ("Fixed income and derivatives pricing", {"Fixed income", "Derivatives"}),
        ("CECL and stress testing", {"CECL", "Stress testing"}),
        ("Sales tax and payroll tax filings", {"Sales tax", "Payroll tax"}),
        ("OKRs and headcount planning", {"OKRs", "Headcount planning"}),
        (
            "Instructional design and curriculum development",
            {"Instructional design", "Curriculum development"},
        ),
    ],
)
def test_finance_analysis_and_people_methods_are_skills(text, wanted):
    assert wanted <= skills_of(f"Requirements\n- {text}", title="Finance Manager")


def test_derivatives_outside_finance_words_are_calculus_not_a_skill():
    assert "Derivatives" not in skills_of("Requirements\n- Derivatives of functions", title="Analyst")

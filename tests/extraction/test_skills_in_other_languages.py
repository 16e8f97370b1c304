"""Common skills asked in the posting's own language (German, French, Spanish, Polish, Portuguese, Italian,
Dutch) are read as the taxonomy's English entries; words of those languages that look like a skill's name
but mean something else are not. Sentences written for the test."""

from __future__ import annotations

import pytest

from tests.extraction.test_skills_classes import skills_of


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("- Fundierte Kenntnisse im Projektmanagement und in der Datenanalyse", {"Project management", "Data analysis"}),
        ("- Erfahrung in der Kaltakquise und Neukundengewinnung", {"Cold calling", "Prospecting"}),
        ("- Abgeschlossene Ausbildung im Rechnungswesen, Erfahrung in der Lagerlogistik", {"Accounting", "Logistics"}),
        ("- Führerschein Klasse B und Staplerschein", {"Driver's license", "Forklift operation"}),
        ("- Erste Erfahrungen im Online-Marketing und in der Suchmaschinenoptimierung", {"Digital marketing", "SEO"}),
        ("- Expérience en gestion de projet et en analyse de données", {"Project management", "Data analysis"}),
        ("- Comptabilité générale et contrôle de gestion", {"Accounting", "Management accounting"}),
        ("- Permis B obligatoire, CACES 3 apprécié", {"Driver's license", "Forklift operation"}),
        ("- Maîtrise du pack Office et d'Excel", {"Microsoft Office", "Excel"}),
        ("- Expérience en tests logiciels et en automatisation des tests", {"Quality assurance"}),
        ("- Experiencia en gestión de proyectos y análisis de datos", {"Project management", "Data analysis"}),
        ("- Carnet de conducir tipo B y experiencia en servicio al cliente", {"Driver's license", "Customer support"}),
        ("- Conocimientos de derecho laboral y marketing digital", {"Labour law", "Digital marketing"}),
        ("- Doświadczenie w zarządzaniu projektami i analizie danych", {"Project management", "Data analysis"}),
        ("- Prawo jazdy kat. B, uprawnienia na wózki widłowe", {"Driver's license", "Forklift operation"}),
        ("- Bardzo dobra znajomość Excela i zasad rachunkowości", {"Excel", "Accounting"}),
        ("- Doświadczenie w obsłudze kadrowo-płacowej", {"Payroll"}),
        ("- Experiência em gestão de projetos e atendimento ao cliente", {"Project management", "Customer support"}),
        ("- Conhecimentos em contabilidade e folha de pagamento", {"Accounting", "Payroll"}),
        ("- Esperienza in contabilità generale e paghe e contributi", {"Accounting", "Payroll"}),
        ("- Patente B, esperienza nella gestione del magazzino", {"Driver's license", "Warehouse management"}),
        ("- Conoscenza del pacchetto Office, esperienza in analisi dei dati", {"Microsoft Office", "Data analysis"}),
        ("- Ervaring met boekhouding en salarisadministratie", {"Accounting", "Payroll"}),
        ("- In bezit van rijbewijs B en heftruckcertificaat", {"Driver's license", "Forklift operation"}),
        ("- Ervaring met werving en selectie en projectmanagement", {"Recruiting", "Project management"}),
        ("- Kreditorenbuchhaltung und Debitorenbuchhaltung", {"Accounts payable", "Accounts receivable"}),
        ("- Vorbereitung des Monatsabschlusses in DATEV", {"Financial close", "DATEV"}),
        ("- Naliczanie wynagrodzeń", {"Payroll"}),
        ("- Écrire des tests unitaires et participer aux revues de code", {"Unit testing", "Code review"}),
    ],
)  # fmt: skip
def test_common_skills_are_read_in_the_postings_language(text, wanted):
    assert wanted <= skills_of(f"Requirements\n{text}", title="Associate")


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("- Esperienza nella gestione dei clienti e dei fornitori", {"Diversity and inclusion"}),
        ("- Arbeit vor Ort in unserem Lager", {"Hardware testing methods"}),
        ("- Pracodawca, który dba o rozwój pracowników", {"Database administration"}),
        ("- Permis C et Führerschein Klasse C exigés", {"C"}),
        ("- Suivi des indicateurs dans un tableau de bord", {"Tableau"}),
        ("- Chef de projet, vous pilotez les équipes", {"Chef"}),
        ("- Laurea in Informatica o Ingegneria Informatica", {"Informatica"}),
        ("- Trabajo sem experiência prévia, une expérience sur un site logistique", {"SEM", "Logistics"}),
    ],
)  # fmt: skip
def test_words_of_those_languages_that_look_like_a_skill_are_not_one(text, unwanted):
    assert not unwanted & skills_of(f"Requirements\n{text}", title="Associate")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("- Anglais courant", {"English"}),
        ("- Sehr gute Deutsch- und Englischkenntnisse", {"German", "English"}),
        ("- Znajomość języka angielskiego na poziomie B2", {"English"}),
        ("- Inglés avanzado", {"English"}),
        ("- Croissance sur le marché français", set()),
        ("- Conocimiento del mercado español", set()),
    ],
)
def test_spoken_languages_are_read_by_their_names_in_the_postings_language(text, wanted):
    assert (
        skills_of(f"Requirements\n{text}", title="Associate") & {"English", "German", "French", "Spanish"}
        == wanted
    )

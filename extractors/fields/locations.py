"""Location strings as ATSs write them ("US-San Francisco", "Palo Alto, CA", "London, UK | Remote")
into (city, state, country) triples, several per posting."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from schemas.extracted import Location

COUNTRIES: dict[str, str] = {
    "united states": "US", "united states of america": "US", "usa": "US", "us": "US", "u.s.": "US",
    "america": "US", "canada": "CA", "can": "CA", "united kingdom": "GB", "uk": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "great britain": "GB", "britain": "GB", "gb": "GB", "ireland": "IE",
    "germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES", "portugal": "PT", "italy": "IT",
    "netherlands": "NL", "the netherlands": "NL", "belgium": "BE", "luxembourg": "LU", "switzerland": "CH",
    "austria": "AT", "poland": "PL", "polska": "PL", "czech republic": "CZ", "czechia": "CZ",
    "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI", "estonia": "EE", "latvia": "LV",
    "lithuania": "LT", "romania": "RO", "bulgaria": "BG", "hungary": "HU", "greece": "GR", "turkey": "TR",
    "serbia": "RS", "croatia": "HR", "ukraine": "UA", "israel": "IL", "uae": "AE",
    "united arab emirates": "AE", "saudi arabia": "SA", "india": "IN", "singapore": "SG", "japan": "JP",
    "china": "CN", "hong kong": "HK", "taiwan": "TW", "south korea": "KR", "korea": "KR",
    "australia": "AU", "new zealand": "NZ", "brazil": "BR", "brasil": "BR", "mexico": "MX",
    "argentina": "AR", "chile": "CL", "colombia": "CO", "peru": "PE", "south africa": "ZA",
    "nigeria": "NG", "kenya": "KE", "egypt": "EG", "philippines": "PH", "indonesia": "ID",
    "malaysia": "MY", "thailand": "TH", "vietnam": "VN", "pakistan": "PK", "costa rica": "CR",
}  # fmt: skip
US_STATES: dict[str, str] = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "DC": "district of columbia",
    "FL": "florida", "GA": "georgia", "HI": "hawaii", "ID": "idaho", "IL": "illinois", "IN": "indiana",
    "IA": "iowa", "KS": "kansas", "KY": "kentucky", "LA": "louisiana", "ME": "maine", "MD": "maryland",
    "MA": "massachusetts", "MI": "michigan", "MN": "minnesota", "MS": "mississippi", "MO": "missouri",
    "MT": "montana", "NE": "nebraska", "NV": "nevada", "NH": "new hampshire", "NJ": "new jersey",
    "NM": "new mexico", "NY": "new york", "NC": "north carolina", "ND": "north dakota", "OH": "ohio",
    "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania", "RI": "rhode island", "SC": "south carolina",
    "SD": "south dakota", "TN": "tennessee", "TX": "texas", "UT": "utah", "VT": "vermont",
    "VA": "virginia", "WA": "washington", "WV": "west virginia", "WI": "wisconsin", "WY": "wyoming",
}  # fmt: skip
CA_PROVINCES: dict[str, str] = {
    "ON": "ontario", "QC": "quebec", "BC": "british columbia", "AB": "alberta", "MB": "manitoba",
    "NS": "nova scotia", "SK": "saskatchewan", "NB": "new brunswick",
}  # fmt: skip
# Well-known cities: name (or ATS shorthand) -> (canonical name, state, country).
CITIES: dict[str, tuple[str, str | None, str]] = {
    "san francisco": ("San Francisco", "CA", "US"), "sf": ("San Francisco", "CA", "US"),
    "new york": ("New York", "NY", "US"), "new york city": ("New York", "NY", "US"),
    "nyc": ("New York", "NY", "US"), "seattle": ("Seattle", "WA", "US"), "sea": ("Seattle", "WA", "US"),
    "chicago": ("Chicago", "IL", "US"), "chi": ("Chicago", "IL", "US"), "austin": ("Austin", "TX", "US"),
    "boston": ("Boston", "MA", "US"), "los angeles": ("Los Angeles", "CA", "US"),
    "palo alto": ("Palo Alto", "CA", "US"), "mountain view": ("Mountain View", "CA", "US"),
    "san jose": ("San Jose", "CA", "US"), "san diego": ("San Diego", "CA", "US"),
    "denver": ("Denver", "CO", "US"), "atlanta": ("Atlanta", "GA", "US"), "miami": ("Miami", "FL", "US"),
    "dallas": ("Dallas", "TX", "US"), "houston": ("Houston", "TX", "US"),
    "pittsburgh": ("Pittsburgh", "PA", "US"), "philadelphia": ("Philadelphia", "PA", "US"),
    "washington d.c": ("Washington", "DC", "US"), "washington dc": ("Washington", "DC", "US"),
    "portland": ("Portland", "OR", "US"), "salt lake city": ("Salt Lake City", "UT", "US"),
    "toronto": ("Toronto", "ON", "CA"), "montreal": ("Montreal", "QC", "CA"),
    "vancouver": ("Vancouver", "BC", "CA"), "london": ("London", None, "GB"),
    "manchester": ("Manchester", None, "GB"), "edinburgh": ("Edinburgh", None, "GB"),
    "dublin": ("Dublin", None, "IE"), "berlin": ("Berlin", None, "DE"), "munich": ("Munich", None, "DE"),
    "hamburg": ("Hamburg", None, "DE"), "paris": ("Paris", None, "FR"), "madrid": ("Madrid", None, "ES"),
    "barcelona": ("Barcelona", None, "ES"), "lisbon": ("Lisbon", None, "PT"),
    "amsterdam": ("Amsterdam", None, "NL"), "zurich": ("Zurich", None, "CH"),
    "stockholm": ("Stockholm", None, "SE"), "copenhagen": ("Copenhagen", None, "DK"),
    "warsaw": ("Warsaw", None, "PL"), "krakow": ("Krakow", None, "PL"), "wroclaw": ("Wroclaw", None, "PL"),
    "szczecin": ("Szczecin", None, "PL"), "stettin": ("Szczecin", None, "PL"),
    "tel aviv": ("Tel Aviv", None, "IL"), "bengaluru": ("Bengaluru", None, "IN"),
    "bangalore": ("Bengaluru", None, "IN"), "hyderabad": ("Hyderabad", None, "IN"),
    "singapore": ("Singapore", None, "SG"), "tokyo": ("Tokyo", None, "JP"),
    "sydney": ("Sydney", "NSW", "AU"), "melbourne": ("Melbourne", "VIC", "AU"),
    "sao paulo": ("Sao Paulo", None, "BR"), "são paulo": ("Sao Paulo", None, "BR"),
    "mexico city": ("Mexico City", None, "MX"), "ciudad de méxico": ("Mexico City", None, "MX"),
    "ciudad de mexico": ("Mexico City", None, "MX"), "cdmx": ("Mexico City", None, "MX"), "espoo": ("Espoo", None, "FI"),
    "helsinki": ("Helsinki", None, "FI"), "bay area": ("San Francisco", "CA", "US"),
    "sf bay area": ("San Francisco", "CA", "US"), "san francisco bay area": ("San Francisco", "CA", "US"),
    "santa clara": ("Santa Clara", "CA", "US"), "cambridge": ("Cambridge", None, "GB"),
}  # fmt: skip
# Every other city of 50,000 people or more, by its name (GeoNames, via infra/local/build_cities.py).
CITIES_FILE = Path(__file__).parent / "data" / "cities.tsv"
REGIONS = {
    "north america",
    "europe",
    "emea",
    "apac",
    "latam",
    "americas",
    "asia",
    "west coast",
    "east coast",
    "anywhere",
    "worldwide",
    "global",
    "eu",
    "remote",
    "multiple locations",
}
_ISO2 = set(COUNTRIES.values())
# A metropolitan area named by its city: "Greater London", "Boston Metro Area", "Greater Seattle Area".
_METRO = re.compile(r"(?:greater )?(.+?)(?: (?:metro(?:politan)?|bay)? ?area| region)?")
# Australian states after an Australian city: never the US state of the same letters ("Perth, WA").
_AU_STATES = frozenset(["NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"])
_DC = re.compile(r"\bWashington,?\s*D\.?\s?C\.?", re.IGNORECASE)
_STATE_NAMES = {name: code for code, name in US_STATES.items()}
_PROVINCE_NAMES = {name: code for code, name in CA_PROVINCES.items()}
_SPLIT = re.compile(r"\s*(?:[;|/·•]|\bor\b|\band\b|\s[-–—]\s)\s*", re.IGNORECASE)
# Location values that stand for none: a board's form left the field blank.
PLACEHOLDERS = frozenset({"n/a", "na", "tbd", "tba", "none", "-", "--", "unknown", "not specified"})
_PREFIXED = re.compile(r"^([A-Z]{2})-(.+)$")  # Stripe's "US-San Francisco", "CA-Toronto"
# The same prefix written with spaces round the dash ("IN - Bengaluru"), which would otherwise split the label
# in two (a two-letter "IN" alone is Indiana).
_CODE_DASH = re.compile(r"^([A-Z]{2})\s*[-–—]\s+(?=\S)")
_NOISE = re.compile(
    r"\(?\b(remote(?:-friendly| first)?|hybrid|on-?site|in-office|in-person|office|hq|headquarters|wfh|"
    r"work from home|(?:multiple |various |all |other )?locations?)\b\)?",
    re.I,
)
# What is left of "Remote in the US", "Remote within US and Canada" once the mode word is gone
_LEAD = re.compile(r"^(?:(?:based )?(?:in|within)(?: the)?|anywhere in(?: the)?)\s+", re.IGNORECASE)
_ADDRESS = re.compile(r"\d|\bul\.|\bstreet\b|\bst\.", re.IGNORECASE)


def parse_locations(values: list[str], hint_country: str | None = None) -> list[Location]:
    """Every place named in a posting's location strings, de-duplicated, in order (copies: callers own them)."""
    return [loc.model_copy() for loc in _parsed(tuple(values), hint_country)]


@lru_cache(maxsize=8192)  # boards repeat a handful of location lists
def _parsed(values: tuple[str, ...], hint_country: str | None) -> tuple[Location, ...]:
    out: list[Location] = []
    for value in values:
        if (value or "").strip().lower() in PLACEHOLDERS:
            continue  # "N/A" names no place (and its "/" would split it into two)
        value = _CODE_DASH.sub(lambda m: f"{m.group(1)}-" if m.group(1) in _ISO2 else m.group(0), value or "")
        for part in _SPLIT.split(_DC.sub("Washington DC", value)):
            out.extend(_parse_part(part))
    if hint_country and not any(loc.country for loc in out):
        out = [loc.model_copy(update={"country": hint_country.upper()}) for loc in out] or [
            Location(country=hint_country.upper())
        ]
    seen: set[tuple[str | None, str | None, str | None]] = set()
    unique = []
    for loc in out:
        key = (loc.city, loc.state, loc.country)
        if key not in seen and any(key):
            seen.add(key)
            unique.append(loc)
    return tuple(unique)


def _parse_part(part: str) -> list[Location]:
    """One comma-separated run: cities start a new location, states and countries complete the last."""
    locs: list[Location] = []
    for raw in (p.strip(" .()") for p in part.split(",")):
        prefix = _PREFIXED.match(raw)
        country_prefix = None
        if prefix and prefix.group(1) in _ISO2:
            country_prefix, raw = prefix.group(1), prefix.group(2)
        elif "-" in raw and (head := raw.split("-", 1)[0].strip().lower()) in COUNTRIES:
            country_prefix, raw = COUNTRIES[head], raw.split("-", 1)[1]  # "Ireland-Dublin", "UK-remote"
        raw = _LEAD.sub("", _NOISE.sub("", raw).strip(" -.():"))
        if _ADDRESS.search(raw):  # "ul. Zbożowa 4" or "70-653 Stettin": keep only the last word
            raw = raw.split()[-1] if raw.split() and not raw.split()[-1][0].isdigit() else ""
        if not raw or raw.lower() in REGIONS:
            if country_prefix:
                locs.append(Location(country=country_prefix))
            continue
        locs.append(_place(raw, locs, country_prefix))
    return [loc for loc in locs if loc.city or loc.state or loc.country]


def _place(raw: str, locs: list[Location], country: str | None) -> Location:
    key = raw.lower().rstrip(".")
    if key not in CITIES and (metro := _METRO.fullmatch(key)) is not None and metro.group(1) in CITIES:
        key = metro.group(1)  # "Greater London", "Boston Metro Area": the city
    last = locs[-1] if locs else None
    if key in CITIES:
        return _under_prefix(*CITIES[key], country)
    upper = raw.upper()
    state = upper if upper in US_STATES else _STATE_NAMES.get(key)
    if last is not None and last.city and last.country not in (None, "US") and upper == last.country:
        locs.pop()  # "Berlin, DE", "Toronto, ON, CA": the city's own country code, not the US state of those letters
        return last
    if last is not None and last.city and last.country == "AU" and upper in _AU_STATES:
        locs.pop()  # "Perth, WA" is Western Australia, "Melbourne, VIC" Victoria
        return last.model_copy(update={"state": upper})
    # The state written beats the one a city's name suggests ("Vancouver, WA", "Portland, ME", "Melbourne, FL").
    if (
        last is not None
        and last.city
        and state
        and (last.state in (None, state) or last.country in ("US", "CA", "AU"))
    ):
        locs.pop()
        return last.model_copy(update={"state": state, "country": "US"})
    if key in COUNTRIES:
        code = COUNTRIES[key]
        if last is not None and (last.country is None or last.country == code):
            locs.pop()
            return last.model_copy(update={"country": code})
        if last is not None and last.city and not last.state:
            locs.pop()  # "London, Canada": the country written beats the one a city's name suggests
            return last.model_copy(update={"country": code})
        return Location(country=code)
    if upper in CA_PROVINCES or key in _PROVINCE_NAMES:
        code = upper if upper in CA_PROVINCES else _PROVINCE_NAMES[key]
        if last is not None and last.city and last.state in (None, code):
            locs.pop()  # "London, ON"
            return last.model_copy(update={"state": code, "country": "CA"})
        return Location(state=code, country="CA")
    if key in _STATE_NAMES or (upper in US_STATES and len(raw) == 2):
        return Location(state=_STATE_NAMES.get(key) or upper, country="US")
    known = _gazetteer().get(key)
    if known is not None:
        return _under_prefix(known[0], None, known[1], country)
    if (named := _named_first(key)) is not None:
        return named if country is None else named.model_copy(update={"country": country})
    return Location(city=raw.title() if raw.islower() else raw, country=country)


def _under_prefix(city: str, state: str | None, country: str, prefix: str | None) -> Location:
    """A known city under a label's two-letter prefix: the country it names ("CA-Toronto"), unless those are a
    US state's letters before a US city ("CA - San Francisco" is California)."""
    if prefix and prefix != country and country == "US" and prefix in US_STATES:
        return Location(city=city, state=prefix, country="US")
    return Location(city=city, state=state, country=prefix or country)


def _named_first(key: str) -> Location | None:
    """A known city or country at the head of a label that adds an office's or a mode's name: "NYC-Privy",
    "New York Privy", "Toronto Canada", "US based" (after "office" is dropped from "US office based")."""
    words = key.replace("-", " ").split()
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        if head in CITIES:
            city, state, c = CITIES[head]
            return Location(city=city, state=state, country=c)
        if head in COUNTRIES:
            return Location(country=COUNTRIES[head])
    return None


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[str, str]]:
    """City name (lower-case, as written: "münchen", "munich") -> (city, ISO country), read once."""
    lines = CITIES_FILE.read_text(encoding="utf-8").splitlines()[1:]
    return {name: (city, country) for name, city, country, _ in (line.split("\t") for line in lines)}


_COUNTRY_NAMES = {code: name for name, code in reversed(COUNTRIES.items()) if len(name) > 3}


def posting_place(values: list[str], hint_country: str | None = None) -> tuple[str | None, tuple[str, ...]]:
    """(country, lower-case names of the first listed location: city, state, country, "remote") — what a
    pay-zone label may name to say that its range is this posting's."""
    return _place_of(values[0] if values else "", hint_country)


@lru_cache(maxsize=8192)  # boards repeat a handful of locations; both tier-0 passes ask for it
def _place_of(first_value: str, hint_country: str | None) -> tuple[str | None, tuple[str, ...]]:
    values = [first_value] if first_value else []
    found = parse_locations(values, hint_country=hint_country)
    first = found[0] if found else None
    country = (hint_country or "").upper() or (first.country if first else None)
    names: list[str] = []
    if first is not None:
        state = first.state or ""
        names += [
            (first.city or "").lower(),
            US_STATES.get(state, CA_PROVINCES.get(state, ""))
            if first.country in ("US", "CA")
            else state.lower(),
        ]
    names.append(_COUNTRY_NAMES.get(country or "", ""))
    if values and "remote" in values[0].lower():
        names.append("remote")
    return country, tuple(n for n in names if len(n) > 2)

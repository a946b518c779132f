"""Word lists for names in news: titles before a person's name, organisation and place words.

General English news conventions, not tuned to any corpus. Titles are cut off person mentions
("Prime Minister X" -> "X"); a capitalised word after an honorific ("Mr X") is a person even
when the model missed it; head words correct the kind of a span ("... Party" is an ORG).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.model.analysis.speech_words import FEMALE_NAMES, MALE_NAMES, SPEECH_FORMS

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token

# Honorifics: the next capitalised word is a person's name.
HONORIFICS = frozenset(
    """
Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Dr Dr. Sir Dame Madam Madame Mme Mme. Monsieur Herr Frau Signor Rev Rev.
""".split()
)

# Honorifics of the English-language press outside Britain and America: West Africa's "Alhaji"
# and "Chief", Malaysia's "Datuk", India's "Smt" ("Chief" is also a role: in TITLE_HEADS).
WORLD_HONORIFICS = frozenset("Alhaji Alhaja Hajiya Otunba Datuk Datin Smt Smt.".split())

# Title and role nouns that can precede a person's name ("President X", "Spokesman X").
# Not words that are also common given names ("Dean", "Major") or part of stage names ("Lady").
# Abbreviations also without their full stop, as the British press writes them ("Det Sgt X").
TITLE_HEADS = (
    frozenset(
        """
President Premier Minister Chancellor Secretary Senator Sen. Sen Representative Rep. Rep
Congressman Congresswoman Governor Gov. Gov Mayor Judge Justice Ambassador Envoy Spokesman
Spokeswoman Spokesperson Chairman Chairwoman Chairperson Director CEO CFO COO Founder Commissioner
Commander General Gen. Gen Lieutenant Lt. Lt Colonel Col. Col Sergeant Sgt. Admiral Adm. Marshal
Capt. Corporal Officer Detective Inspector Constable King Queen Prince Princess Emperor Empress
Sultan Emir Sheikh Shaikh Pope Cardinal Archbishop Bishop Rev. Reverend Rabbi Imam Ayatollah
Patriarch Pastor Professor Prof. Prof Coach Manager Speaker Leader Chief Provost Rector President-elect
Lord Baron Baroness Duke Duchess Earl Magistrate Prosecutor Ombudsman Treasurer Councillor
Councilor Alderman MP MEP TD MLA MSP MPP MNA Lawmaker Legislator Delegate Consul Mufti Superintendent Secretary-General
Director-General Vice-President Vice-Chairman Co-founder Cofounder Attorney-General
Attorney Advocate Undersecretary Coordinator Cosplayer Photographer Journalist Reporter Editor
Columnist Analyst Researcher Scientist Economist Historian Lawyer Activist Governor-General
Presenter Captain Administrator
Sgt Capt Adm Det Supt Insp Cllr Cr Ch PC DC DS DI DCI DCS
""".split()
    )
    | HONORIFICS
    | WORLD_HONORIFICS
)

# Titles no body's name opens with: a span the model called an organisation or a place that
# starts with one is a titled person ("[Cr Jenny Holt]", "[Alhaji Musa Bello]").
PERSON_TITLES = HONORIFICS | WORLD_HONORIFICS | frozenset("Cr Cllr Det Supt Insp Sgt Sgt.".split())

# Words that are part of a rank only right after another title word: "Det Con X" (detective
# constable), "Ch Insp X"; alone they may start a name ("Con O'Neill").
RANK_TAILS = frozenset("Con Constable Sgt Insp Supt".split())

# Modifiers inside a title ("Deputy Foreign Minister", "acting Prime Minister").
TITLE_MODIFIERS = frozenset(
    """
Vice Prime Deputy Acting Former Interim Foreign Defence Defense Interior Finance Financial Health Economy
Economic Trade Energy Education Culture Labour Labor Agriculture Environment Transport Home
Executive Senior Assistant Associate Under Chief Crown Grand Supreme Head General Attorney First
Opposition Party Team Club Army Navy Police Military Regional Provincial Federal State National
Shadow acting former deputy late then senior
""".split()
)

# Words that head organisation names: a PERSON- or PLACE-tagged span ending in one is an ORG.
# Words that end a company's name: "Harwell Foods", "Norvik Pharma", "Brightwick Ltd".
COMPANY_TAILS = frozenset(
    """
Ltd Ltd. Inc Inc. plc PLC LLC Corp Corp. Holdings Pharma Pharmaceuticals Therapeutics Biotech
Biologics Logistics Foods Motors Airlines Airways Technologies Industries Laboratories Labs
Brewery Breweries Insurance Telecom Bancorp
""".split()
)

# Words that end a sports club's name: "Harbour Rovers", "Leeds United", "Kelso Athletic FC".
CLUB_TAILS = frozenset("United Rovers Wanderers Athletic Albion FC AFC".split())

ORG_HEADS = (
    COMPANY_TAILS
    | CLUB_TAILS
    | frozenset(
        """
Municipality Party Council Committee Commission Ministry Department Agency Authority Office Bureau Service
Association Society Federation Union League Institute Institution Foundation Fund Trust Corporation
Corp Corp. Inc Inc. Ltd Ltd. LLC PLC plc Co Co. Company Group Holdings Bank Bancorp Airlines Airways
University College School Academy Court Tribunal Parliament Congress Senate Assembly Army Navy
Police Guard Forces Front Movement Alliance Coalition Network Organization Organisation Board
Church Club Team News Times Post Journal Herald Tribune Gazette Press Broadcasting Radio
Television TV Magazine Review Daily Telegraph Guardian Observer Chronicle Monitor
""".split()
    )
)

# Words that head place names: a PERSON-tagged span ending in one is a PLACE.
PLACE_HEADS = frozenset(
    """
Street Road Avenue Boulevard Square Bridge River Lake Mountain Mountains Mount Valley Island
Islands Sea Ocean Gulf Bay Coast Peninsula Desert Province Region District County City
Village Town Airport Station Stadium Arena Park Palace Tower Cathedral Mosque Temple
Harbour Harbor Strait Canal Plaza Hotel
""".split()
)

# Facility words: an ORG-tagged name ending in one is a place (stations, airports, stadiums).
FACILITY_HEADS = frozenset(
    """
Street Road Avenue Boulevard Square Bridge Airport Station Stadium Arena Plaza Hotel Tower Palace
Mosque Cathedral Temple Synagogue Harbour Harbor Port Centre Center Hall
""".split()
)

# Common nouns that introduce a place: "the city of X", "its capital, X", "the X region".
PLACE_NOUNS = frozenset(
    """
city town village capital region province district territory enclave county state island country
republic port area suburb municipality neighbourhood neighborhood oblast prefecture canton
""".split()
)

# Caption credits: "... in Washington D.C. Image: Name" -- the credit word is not part of a name.
CREDIT_WORDS = frozenset("Image Photo Photograph Picture Credit Credits Source Video Caption File".split())

# Determiners cut off the front of every mention.
LEADING_CUT = frozenset("the The a A an An this This that That these These those Those".split())

# Lower-case name particles that may start or continue a name ("al-Amr", "de Gaulle").
PARTICLES = frozenset("al el bin ibn de da di du del della der den van von la le ter ten y abu".split())

# Prefixes of hyphenated modifiers: a name after "pro-"/"anti-" is part of an adjective.
MODIFIER_PREFIXES = frozenset("pro anti non ex post pre neo pan mid trans".split())

# Capitalised words that are names only in context: their bare recurrences are never tagged.
COMMON_CAPITALISED = frozenset(
    """
State States Government Court Church Party Council Congress Senate House Office Ministry Department
Republic Union Army Navy Police City Parliament President Minister King Queen Capitol Crown
Image Photo Home West East North South Western Eastern Northern Southern Central Education
Federal National International Islam God Internet Web Earth Sun Moon Mr Mrs Ms Dr
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""".split()
)

# Function words cut off the end of a span ("Minsk Group of").
TRAILING_CUT = frozenset("of and the for in at on to by with from &".split())

# Letters printed after a person's name: counsel's rank, seats, honours, degrees.
POST_NOMINALS = frozenset("KC QC SC MP MSP MLA MEP TD OBE MBE CBE KBE DBE PhD MD FRS Esq".split())

# Generic capitalised words that are not names when they stand alone ("the State", "Court").
GENERIC_WORDS = frozenset(
    """
State States Government Court Home Office Ministry Department Council Committee Party Union
Republic City Education Health Defense Defence Justice Interior Second First Image Photo
Volunteer Internet Web God Landscape Emeritus
""".split()
)

# Organisations so common in news that the small model's other guesses ("on Twitter" PERSON)
# are better overruled: platforms, wire services, international bodies.
KNOWN_ORGS = frozenset(
    """
Twitter Facebook YouTube Google Instagram TikTok WhatsApp LinkedIn Reddit Microsoft Netflix
Reuters AFP NATO UNESCO UNICEF WHO Interpol Europol OPEC Hamas Hezbollah Taliban
""".split()
)

# Second halves of adjectival compounds after a name: "Warhol-like", "Kremlin-backed".
ADJECTIVE_SUFFIXES = frozenset(
    """
like style esque era based led backed born made owned run controlled linked aligned friendly
sponsored supported inspired brokered allied leaning affiliated funded bound
""".split()
)

# Class nouns of named things that are not people, places or organisations: craft, storms,
# germs and diseases, drugs and chemicals, devices and products. "the spacecraft Juno", "the Juno
# spacecraft", "Juno, a NASA spacecraft": the name is the thing's. Not nouns that also name
# people's roles ("agent", "model", "carrier").
THING_NOUNS = frozenset(
    """
spacecraft spaceship probe rover lander orbiter satellite telescope rocket shuttle capsule
aircraft airliner jet plane helicopter drone missile warship ship vessel tanker submarine ferry yacht
hurricane typhoon cyclone storm tornado
virus bacterium bacteria germ pathogen strain disease syndrome disorder infection
vaccine drug medication medicine pill antibiotic chemical toxin poison pesticide herbicide
camera phone smartphone handset tablet laptop computer browser software app console gadget
""".split()
)

# Capitalised class titles that open the name of a storm: "Hurricane Katrina", "Tropical Storm X".
STORM_TITLES = frozenset("Hurricane Typhoon Cyclone Storm Tornado".split())

# Nouns that class the title of a work named right after them: "the 1969 film Easy Rider", "her
# graphic novel Angel Catbird" (not before a name: "a Spielberg film" is his; not when a verb
# follows: "the book Obama wrote")
WORK_NOUNS = frozenset(
    """
film movie novel book memoir album song documentary opera musical sitcom painting
""".split()
)

# Head nouns that end the name of an event, not of a body or a place: "Lantern Festival",
# "Esports Championship", "World Cup" ("Games", "Forum", "Conference", "Convention" also name
# bodies: "Epic Games", "National Baptist Convention"; not here).
EVENT_HEADS = frozenset(
    """
Festival Expo Exposition Championship Championships Olympics Olympiad Cup Tournament Marathon Fair
Carnival Biennale Summit Awards Prix Regatta Jamboree
""".split()
)


# --- tests by word shape -----------------------------------------------------------------------
# The entity rules run on every sentence, but only the sentences near quotations are tagged and
# parsed (`parse_scope`), so they read word shape and these closed lists, never tags or heads:
# the same name gets the same answer wherever it stands.

# Words that may follow a class noun that heads its phrase: "a town in ...", "the region was".
AFTER_HEAD = frozenset(
    """
in of on near at inside outside along between to and or but that which where who with from by for
is was are were has have had will would could can may might must should said says
""".split()
)
# Lower-case words that are no modifier of the noun after them ("will probe X", "to X").
NOT_MODIFIERS = TRAILING_CUT | frozenset(
    "will would can could may might must shall should do does did not also who which as than".split()
)


def name_shaped(t: Token) -> bool:
    """A capitalised word that can be part of a name ("Smith", "O'Brien"), not "The" or "And"."""
    plain = t.text.replace("'", "").replace("\u2019", "").replace("-", "")
    return t.text[:1].isupper() and plain.isalpha() and t.text not in LEADING_CUT and t.lower_ not in TRAILING_CUT


def verb_form(word: str) -> bool:
    """'-led', '-bashing': a participle, by its ending ('-ching', '-ping' are syllables of names)."""
    return (word.endswith("ed") and len(word) >= 4) or (word.endswith("ing") and len(word) >= 6)


def heads_phrase(doc: Doc, k: int) -> bool:
    """The lower-case noun at `k` ends its noun phrase: punctuation or a preposition follows
    (not a possessive: "the city's housing director")."""
    if k + 1 >= len(doc):
        return True
    nxt = doc[k + 1]
    return nxt.lower_ in AFTER_HEAD or not (nxt.is_alpha or nxt.lower_ in ("'s", "\u2019s", "'", "\u2019"))


def holds_acronym(text: str) -> bool:
    """A word in capitals ("Nee Soon GRC", "R-TX"): a seat or a party, never part of a person's name."""
    return any(len(w) > 1 and w.isupper() for w in text.split())


def appositive_noun(doc: Doc, j: int, nouns: frozenset[str]) -> bool:
    """'X, a mountainous region', 'X, a NASA spacecraft': the name ending before `j` is followed
    by a short appositive headed by one of `nouns`."""
    if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in ("a", "an", "the"):
        return False
    for k in range(j + 2, min(len(doc), j + 6)):
        if doc[k].is_punct and doc[k].text != "-" or doc[k].is_space:
            return False
        if doc[k].lower_ in nouns and doc[k].is_lower and heads_phrase(doc, k):
            return True
    return False


def shares_surname(text: str, first: tuple[int, Sequence[str]], full: tuple[int, Sequence[str]]) -> bool:
    """'Khalid and Ruth Baker': a one-word person name (`first`: its end and words) joined by
    "and" to a two-word one (`full`: its start and words) is a given name with that surname, a
    couple or siblings. Used by an article's names and by the corpus's surname grouping."""
    (a_end, a), (b_start, b) = first, full
    return len(a) == 1 and len(b) == 2 and text[a_end:b_start] in (" and ", " & ") and a[0] != b[-1]


# "SpaceX", "YouTube", "PayPal": a capital inside a word after a run of small letters is a brand's,
# never a person's, except after the prefixes of surnames ("MacArthur", "FitzGerald", "VanDyke";
# "McCain", "DeSantis", "LaGuardia" have one small letter before it).
_INNER_CAPITAL = re.compile(r"[A-Z]([a-z]{2,})[A-Z]")
_SURNAME_PREFIXES = frozenset("mac fitz van von vander vande della dela".split())


def brand_shaped(word: str) -> bool:
    m = _INNER_CAPITAL.match(word)
    return m is not None and word[: m.end() - 1].lower() not in _SURNAME_PREFIXES


def inverted_speech_verb(t: Token) -> bool:
    """'Explained Ellis:', 'Stated Roe,': a past-tense speech verb written capitalised at the start
    of a sentence or a line, before the name it inverts (the model may take it for a given name;
    not a given name of the lists)."""
    w = t.lower_
    if not t.is_title or w not in SPEECH_FORMS or w in MALE_NAMES or w in FEMALE_NAMES:
        return False
    if not (w.endswith("ed") or w in ("said", "told", "wrote")):
        return False
    prev = t.doc[t.i - 1] if t.i else None
    return prev is None or prev.is_space or prev.text in (".", "!", "?", ":", ";")


def inverted_after_quote(verb: Token) -> bool:
    """'"...," stated Gustafon.', '"...", explained Jo Roe': a speech verb right after a quote's
    closing mark and its comma, before the name it inverts (the parse may take the name for the
    verb's object)."""
    if verb.lower_ not in SPEECH_FORMS or verb.i < 2:
        return False
    a, b = verb.doc[verb.i - 2], verb.doc[verb.i - 1]
    marks = ('"', "\u201d", "'", "\u2019")
    return a.text in marks and b.text == "," or a.text == "," and b.text in marks

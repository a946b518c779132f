"""General English word lists for quotation and speaker finding (no article-specific names)."""

from __future__ import annotations

# Lemmas of verbs that report speech or writing ("said", "told reporters", "tweeted", ...).
SPEECH_VERBS = frozenset(
    """
say tell add write state claim argue insist explain note warn declare announce ask answer reply
respond continue recall describe call label brand term dub characterize promise vow pledge predict
suggest acknowledge admit concede confirm deny reject dismiss criticize criticise condemn praise
tweet retweet post blast slam accuse charge complain contend assert maintain stress emphasize emphasise
observe remark comment testify shout yell chant sing scream whisper joke quip muse wonder
question urge demand report recount mention reveal disclose cite quote express agree disagree
caution counter retort boast brag lament bemoan decry denounce lambaste assail tout highlight
allege affirm reiterate repeat echo proclaim exclaim conclude plead beg implore advise recommend
propose assure reassure inform indicate hint imply speculate estimate forecast reckon told
thunder fume rail scoff grumble concur recommend read put tell interject interrupt mock
threaten hail welcome liken compare refer pronounce applaud decline refuse apologize apologise thank congratulate
roar snap bark growl sneer gush sigh groan mutter murmur
rage enthuse confide hiss moan text email blog
""".split()
)

# Nouns naming a spoken or written source ("in a statement", "according to a report").
NOUN_CUES = frozenset(
    """
statement interview remarks remark speech tweet tweets post letter email memo release op-ed
message comments comment testimony address conversation briefing conference news call column
editorial essay blog broadcast podcast video transcript
""".split()
)

# Nouns for what someone said, whose owner is the speaker ("Trump's claim that ...").
SPEECH_NOUNS = NOUN_CUES | frozenset(
    """
claim claims promise pledge warning assertion accusation description vow argument
reply response declaration announcement insistence admission allegation suggestion prediction boast
complaint criticism plea demand threat words quotation chant tweet appeal language wording
answer verdict
""".split()
)

_IRREGULAR = {
    "say": "said",
    "tell": "told",
    "write": "wrote written",
    "sing": "sang sung",
    "read": "read",
    "put": "put",
    "speak": "spoke spoken",
    "go": "went gone",
    "begin": "began begun",
    "quip": "quipped quipping",  # ("qu" sounds as a consonant: the final p doubles)
}
_VOWELS = "aeiou"


def _forms(lemma: str) -> set[str]:
    """Inflected forms of a regular English verb (the small model has no lemmatizer here)."""
    out = {lemma}
    out.update(_IRREGULAR.get(lemma, "").split())
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        es = "es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"
        out |= {lemma + es, lemma + "ed", lemma + "ing"}
        if len(lemma) >= 3 and lemma[-1] not in _VOWELS + "wxy" and lemma[-2] in _VOWELS and lemma[-3] not in _VOWELS:
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # quipped, admitted
    return out


SPEECH_FORMS = frozenset(f for v in SPEECH_VERBS for f in _forms(v))


def is_speech_verb(word: str) -> bool:
    return word.lower() in SPEECH_FORMS


def noun_base(word: str) -> str:
    """'ministries' -> 'ministry', 'spokesmen' -> 'spokesman': enough for the lists here."""
    w = word.lower()
    if w.endswith("men"):
        return w[:-3] + "man"
    if w.endswith(("sses", "ches", "shes", "xes")) and len(w) > 4:
        return w[:-2]  # 'witnesses', 'coaches'
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "is", "us")) and len(w) > 3:
        return w[:-1]  # (not 'analysis', 'status': singulars)
    return w


# Words before a quote that show it names something rather than quotes someone.
TITLE_CUES = frozenset(
    """
so-called dubbed titled entitled nicknamed alias hashtag headline headlined book memoir novel film
movie documentary show program programme song album series episode column op-ed commentary play
slogan motto banner sign brand magazine newspaper podcast title subtitle tagline catchphrase caption
chapter poem essay track painting exhibition musical opera anthem
""".split()
)

# Messages whose title or subject line is their sender's words ("sent an email titled '...'"),
# unlike the title of a book or a film.
MESSAGE_NOUNS = frozenset("email emails e-mail e-mails message messages memo memos note letter text tweet".split())
TITLING_WORDS = frozenset("titled entitled headlined".split())

PERSONAL_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
GROUP_PRONOUNS = frozenset({"they", "it", "we", "them", "its", "their"})

# Honorifics and titles written before names; stripped from speaker names.
HONORIFICS_MALE = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "monsieur", "herr"})
HONORIFICS_FEMALE = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "lady", "queen", "princess", "madame", "mme", "mme.", "frau"}
)
TITLE_WORDS = frozenset(
    """
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor president vice sen sen. senator rep rep.
representative gov gov. governor secretary gen gen. general judge justice rev rev. reverend sir dame
lord lady mayor chairman chairwoman chair del. delegate congressman congresswoman speaker former
lt lt. col col. capt capt. sgt sgt. adm adm. minister prime chancellor king queen prince princess
pope sheikh ambassador the a an st. deputy acting premier spokesman spokeswoman spokesperson
attorney commissioner director chief leader candidate nominee
constable sergeant detective inspector superintendent councillor councilor det supt insp cllr
alhaji alhaja hajiya otunba datuk datin smt smt. td mla msp mpp mna
""".split()
)
# Rank abbreviations as British and Australian papers write them ("DCI Jane Roe", "Cr Jo Ames",
# "Det Con Tom Hale": "Con" only after another rank); case matters ("Di" may be a name).
RANK_ABBREVIATIONS = frozenset("PC DC DS DI DCI DCS Cr Ch".split())
RANK_TAILS_LOWER = frozenset("con constable sgt insp supt".split())

# Descriptions that stand for a role another word in the article may name ("the Russian leader"
# for a president, "the top diplomat" for a foreign minister).
ROLE_SYNONYMS = {
    "leader": {"president", "prime", "premier", "chancellor", "leader", "king", "head"},
    "diplomat": {"foreign", "diplomat", "ambassador", "envoy", "secretary"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson", "press", "secretary"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson", "press", "secretary"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson", "press", "secretary"},
    "premier": {"premier", "prime"},
    "nominee": {"nominee", "candidate"},
    "candidate": {"nominee", "candidate"},
    "senator": {"senator", "sen", "sen."},
    "congressman": {"congressman", "rep", "rep.", "representative"},
    "congresswoman": {"congresswoman", "rep", "rep.", "representative"},
    "governor": {"governor", "gov", "gov."},
    # "Justice X" (a title of judges in Britain, India, Kenya, the US courts) is "the judge"
    "judge": {"judge", "justice"},
    "justice": {"judge", "justice"},
}

# Head nouns of bodies that speak as such ("the ministry said", "the report claimed").
BODY_NOUNS = frozenset(
    """
ministry department office agency government administration campaign committee council
commission court board party parliament embassy army military
police service company firm group organization organisation association union coalition
spokesman's newspaper paper daily network kremlin foundation institute center centre bank fund
charity club media
retailer utility carmaker automaker lender airline insurer chain operator manufacturer supermarket
grocer brewer startup conglomerate
authority regulator watchdog trust university hospital school federation league
opposition cabinet palace prosecution junta presidency tribunal delegation secretariat
""".split()
)

# Nouns for a business, and the last words of bodies' names that no such noun means ("the
# company said" is not the union, ministry or university named before).
BUSINESS_NOUNS = frozenset(
    "company firm retailer utility carmaker automaker lender airline insurer chain operator manufacturer"
    " supermarket grocer brewer startup conglomerate".split()
)
NON_BUSINESS_HEADS = frozenset(
    "union ministry department government council committee commission party parliament court police army"
    " military university school hospital charity league federation association coalition campaign embassy"
    " agency authority regulator tribunal".split()
)

# Common given names, for the gender of a pronoun's antecedent when the article gives no
# honorific ("Mr.", "Ms.") or pronoun of its own for that person.
FEMALE_NAMES = frozenset(
    """
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia
joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah
jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy
sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
charlotte marie kayla alexis lori hillary chelsea huma kellyanne nancy condoleezza angela theresa
marine ursula kamala elizabeth nikki sarah claire kirsten tammy dianne barbara susan lisa anita
melania ivanka michelle donna jill hope sheryl paula malkia ava minyon irina olga natalia svetlana
tatiana yulia elena maria anna fatima aisha leila zainab
""".split()
)
MALE_NAMES = frozenset(
    """
james robert john michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry
douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean
austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie
alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis barack bill
mike ted bernie chris rudy newt reince jake al tom jim bob dick ben tim rand marco jeb mitch chuck
harry vladimir sergei dmitry nikolai ivan igor recep emmanuel boris xi ali mohammed ahmed hassan
""".split()
)

# Verbs by which a person or body judges, ranks or names something in words of its own: a quoted
# complement of one ("rated the claim as 'false'", "lauded her for 'new ideas'", "named him its
# 'honorary chairman'", "referred to her as 'X'") is that subject's wording. Read only with a named subject.
# Verbs that tell someone spoke without reporting what they said: a quote standing alone after
# "X spoke for an hour." or "X addressed the council." is what they said.
SPEAKING_VERBS = frozenset(f for v in "speak address lecture preach brief reminisce".split() for f in _forms(v))

# Verbs whose subject makes or issues what their object names ("X issued a statement"); the
# subject of "the website rated this statement" made no statement.
ISSUING_VERBS = frozenset(
    f
    for v in "issue release make give publish post send write deliver sign file offer share put read draft".split()
    for f in _forms(v)
) | {"made", "gave", "given", "sent"}
JUDGING_VERBS = frozenset(
    f
    for v in """rate rule deem judge laud extol commend salute name nickname style rank grade hail praise
call label brand term dub describe characterize characterise portray depict pan slam blast denounce
decry deride ridicule mock dismiss condemn criticize criticise refer blame credit""".split()
    for f in _forms(v)
)
# Verbs by which someone answers what others said ("denied accusations of 'cronyism'"): the
# speech noun they take is the others' words, not theirs.
ANSWERING_VERBS = frozenset(
    f
    for v in "deny reject dispute rebut refute contest challenge ignore answer address dismiss".split()
    for f in _forms(v)
) | {"denied", "denies"}

# Verbs of belief and fear: a named person's belief in quotation marks is what they said of it
# ("thinks the city is 'on the right track'", "fears a 'lost decade'", "took aim at
# what she sees as 'reckless spending'"); read as judging verbs (`judged_complement`).
BELIEF_VERBS = frozenset(
    f for v in "think believe hope fear worry feel see view regard consider suspect".split() for f in _forms(v)
) | {"thought", "felt", "saw", "seen"}

# The prepositions through which a judging or speech verb takes the words it puts on something:
# "blamed the crash on 'driver fatigue'", "credited the win to 'hard work'", "accused her of
# 'lying'", "compared the plan to 'a fire drill'". Any other preposition ("over his 'plan'",
# "on 'Meet the Press'") leads to a thing the words are about or a place, not to the words.
CONTENT_PREPOSITIONS = {
    f: preps
    for v, preps in (
        ("blame", ("on", "for")),
        ("credit", ("to", "with")),
        ("accuse", ("of",)),
        ("charge", ("with",)),
        ("compare", ("to", "with")),
        ("liken", ("to",)),
        ("warn", ("of", "about", "against")),
    )
    for f in _forms(v)
}

# Verbs that name rather than quote when used as a participle ("a print called 'X'", "was dubbed 'X'").
NAMING_VERBS = frozenset(
    f for v in "call dub name title entitle label term brand nickname know rename bill style".split() for f in _forms(v)
) | {"known", "titled", "entitled"}

# Documents that stand for their authors ("X's statement added", "the letter says").
DOCUMENT_NOUNS = frozenset(
    """
statement letter report post tweet memo memorandum release email e-mail message blog column editorial
op-ed study survey complaint filing lawsuit document ad advert advertisement petition ruling verdict
judgment judgement decision order note essay book transcript communique communiqué announcement
notice bulletin website site paper article review analysis assessment indictment affidavit motion
brief manifesto platform proposal resolution declaration testimony speech interview remarks comment
comments video broadcast podcast audit poll investigation inquiry probe suit brochure mailer flier flyer ads account
""".split()
)

# Verbs by which a document (a report, an audit, a poll, a brochure) presents words as its
# findings or claims: 'the audit found that ... "no reliable way"', 'a brochure promotes the
# "excellent location"'. Speech only with a document as subject (`SpeechCues.is_cue`); not "shows"
# ("the survey shows the harbour is the 'busiest'": evidence for the writer's own word).
FINDING_FORMS = frozenset("find finds found uncover uncovers uncovered promote promotes promoted".split())

# Nouns for people in news copy: who may speak when no name is given ("a spokesman", "the
# retired general", "residents"). Nouns ending in -man, -woman, -person, -ist, -ian are people
# too (`is_person_noun`); this list holds the rest.
PERSON_NOUNS = frozenset(
    """
official officer spokesperson aide adviser advisor minister president premier chancellor senator
congressman representative governor mayor secretary director manager chief executive ceo cfo coo
chair chairman head leader founder cofounder co-founder owner partner member lawmaker legislator
politician candidate nominee diplomat ambassador envoy consul general colonel commander captain
lieutenant sergeant admiral major soldier officer trooper sheriff deputy agent detective inspector
investigator prosecutor attorney lawyer counsel judge justice magistrate juror witness victim
suspect defendant plaintiff accused convict prisoner inmate detainee hostage refugee migrant
immigrant resident citizen voter supporter opponent critic protester protestor demonstrator
activist advocate campaigner organizer organiser volunteer worker employee employer staffer staff
colleague friend ally associate classmate relative mother father parent son daughter brother sister wife husband widow
widower child teenager student pupil teacher professor lecturer researcher scientist scholar
academic expert analyst economist strategist consultant pollster observer commentator columnist
journalist reporter correspondent editor writer author publisher blogger host anchor presenter
broadcaster producer director actor actress singer musician artist painter curator photographer
designer architect engineer doctor physician surgeon nurse medic paramedic dentist psychologist
psychiatrist therapist patient pharmacist veterinarian farmer fisherman miner driver pilot
passenger traveller traveler tourist visitor guest fan player athlete coach trainer referee
striker midfielder defender goalkeeper keeper winger skipper boss umpire jockey rider sprinter swimmer golfer boxer bowler
captain owner shopkeeper merchant trader banker investor entrepreneur businessman businesswoman
developer programmer founder inventor priest pastor imam rabbi bishop cardinal pope cleric monk
nun preacher minister king queen prince princess emperor sultan sheikh chief elder villager
neighbour neighbor bystander onlooker survivor relative official insider source negotiator
mediator spokesman spokeswoman representative delegate commissioner regulator auditor
inspector treasurer clerk administrator superintendent principal dean provost rector registrar
successor predecessor heir protege protégé mentor confidant confidante counterpart teammate team-mate
pensioner retiree homeowner tenant landlord landlady shopper commuter parishioner
coordinator supervisor foreman firefighter policeman policewoman guard ranger warden
marshal mayor councillor councilor alderman speaker whip senator nominee incumbent challenger
contender winner loser champion finalist participant contestant respondent interviewee person
people man woman boy girl guy lady gentleman individual everyone someone somebody anyone
nobody resident locals local youth elderly adult baby family couple crowd audience group team
fellow intern apprentice graduate alumnus alumna trustee governor regent heir lord
aunt uncle niece nephew cousin fiance fiancee girlfriend boyfriend grandparent grandchild
reader viewer listener reviewer user customer client shopper consumer commuter buyer seller tenant
operative surrogate backer donor rep publicist
forecaster barrister solicitor coroner pathologist midwife carer caretaker headteacher astronomer
playwright poet songwriter composer dancer chef baker butcher vicar chaplain publican
rebel militant fighter guerrilla guerilla troop sailor marine
veteran rookie debutant debutante novice underdog native international youngster
""".split()
)


# Nouns for several people at once: never one named person ("the team wrote" is not its star player).
COLLECTIVE_NOUNS = frozenset("team crowd audience group family couple people staff crew squad band choir".split())


def is_person_noun(word: str) -> bool:
    """'spokeswoman', 'officials', 'the economists': a noun naming people."""
    w = noun_base(word.lower())
    if w in PERSON_NOUNS or word.lower() in PERSON_NOUNS:
        return True
    # kin a generation away or by remarriage: "grandmother", "great-grandson", "stepfather"
    kin = w.removeprefix("great-").removeprefix("grand").removeprefix("step")
    if kin != w and kin in PERSON_NOUNS:
        return True
    return len(w) > 5 and w.endswith(("man", "woman", "person", "ist", "ian", "eer", "ent")) and w not in _NOT_PEOPLE


# -ent/-ian/-ist/-man words that are things, for `is_person_noun`.
_NOT_PEOPLE = frozenset(
    """
statement comment document government parliament movement department agreement argument
development moment element investment environment treatment settlement management payment
equipment requirement announcement commitment amendment assessment event percent content
incident accident instrument segment fragment sentiment experiment measurement tournament
judgment judgement engagement achievement improvement employment entertainment appointment
establishment punishment advertisement replacement retirement shipment endorsement impeachment
enforcement indictment deployment embankment supplement compliment complement ornament pigment
torment garment apartment compartment basement pavement cement lament ferment client patient
walkman german roman human ottoman talisman caiman
list mist twist wrist fist artist
""".split()
) - {"artist", "client", "patient", "german", "roman", "human"}

# Media and places where words are said or published ("on Twitter", "on television").
MEDIA_WORDS = frozenset(
    """
twitter facebook instagram youtube tiktok linkedin reddit telegram weibo x television tv radio
podcast website blog newsletter show programme program broadcast livestream
phone telephone videolink email e-mail
""".split()
)

# Verbs whose manner is itself the channel ("tweeted", "wrote in a blog post").
WRITE_VERBS = frozenset(f for v in "write tweet post blog publish text email e-mail".split() for f in _forms(v)) | {
    "wrote",
    "written",
}

# Forms of "be" by their spelling: the small model has no lemmatizer, and the parse is copied
# back without lemmas where only sentences near quotes are parsed.
BE_FORMS = frozenset({"be", "is", "am", "are", "was", "were", "been", "being", "'s", "'re", "'m"})


def honorific_gender(word: str) -> str | None:
    """'Mr.' m, 'Mrs'/'Ms.' f; None for anything else ('Dr.', 'Sen.', 'President')."""
    w = word.lower()
    return "m" if w in HONORIFICS_MALE else "f" if w in HONORIFICS_FEMALE else None


# Given names the lists hold that are given to men and women alike, somewhere ("Alexis Tsipras",
# "Jean Castex", "Andrea Orlando"): no evidence of gender against an honorific.
EITHER_GENDER_NAMES = frozenset(
    "alexis andrea jean maria kelly ashley jordan jesse hope joan evelyn terry willie".split()
)


def given_name_gender(word: str) -> str | None:
    """'Michelle' f, 'Barack' m; None for a name the lists do not hold or give to both."""
    w = word.lower()
    if w in EITHER_GENDER_NAMES:
        return None
    return "m" if w in MALE_NAMES else "f" if w in FEMALE_NAMES else None

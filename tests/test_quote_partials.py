"""Partial quotations: short quoted fragments inside the writer's own sentence ('called the plan
"reckless"'), in invented passages of several styles. Each test pins a kind of error: a partial
read as a term (a scare quote nobody said), or given to the wrong person."""

from __future__ import annotations

import pytest

from reader.model.analysis.nlp import load_pipeline
from tests.quote_probe import said


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


# A verdict in marks after a sentence telling that someone put their case -----------------------


@pytest.mark.parametrize(
    ("lead", "who"),
    [
        ("Senator Maria Delgado made her case on Tuesday.", "Maria Delgado"),
        ("Coach Dan Ivers gave his verdict after the game.", "Dan Ivers"),
        ("Councillor Ruth Obi set out her argument at the meeting.", "Ruth Obi"),
    ],
)
def test_a_verdict_after_a_sentence_putting_a_case_is_the_speakers(nlp, lead, who):
    # ("was 'rigged'" is parsed as a passive, not as "be" with a complement)
    assert said(nlp, f'{lead} The system was "rigged."\n').get("rigged") == who


def test_a_second_verdict_joined_to_the_first_goes_on_with_it(nlp):
    text = 'Coach Dan Ivers gave his verdict after the game. The defending was "shambolic" and the finishing "not good enough."\n'
    got = said(nlp, text)
    assert got.get("shambolic") == "Dan Ivers"
    assert got.get("not good enough") == "Dan Ivers"


def test_a_place_as_the_subject_of_the_verdict(nlp):
    text = 'Senator Maria Delgado made her case on Tuesday. Washington was "broken" and the system "rigged."\n'
    got = said(nlp, text)
    assert got.get("broken") == "Maria Delgado"
    assert got.get("rigged") == "Maria Delgado"


def test_someone_elses_case_studied_gives_no_verdict(nlp):
    # the case is another's: the sentence does not tell that the subject put one
    text = 'Ms Lane studied Tom Hale\'s case for weeks. The plan was "a disaster."\n'
    assert said(nlp, text).get("a disaster") is None


# Idioms of verbal attack: what they aim at, in marks, is the attacker's wording ----------------


@pytest.mark.parametrize(
    ("text", "words", "who"),
    [
        ('Governor Ann Cole lashed out at the "reckless" spending plan.\n', "reckless", "Ann Cole"),
        ('Striker Leon Hart hit out at the "clueless" referee after the match.\n', "clueless", "Leon Hart"),
        (
            'Senator Tim Kaine took aim at Mike Pence\'s "insult-driven campaign."\n',
            "insult-driven campaign",
            "Tim Kaine",
        ),
        ('Mayor Rita Vance took a swipe at the "armchair critics" on the council.\n', "armchair critics", "Rita Vance"),
        ('Coach Nils Berg poured scorn on the "ridiculous" fixture list.\n', "ridiculous", "Nils Berg"),
    ],
)
def test_the_target_of_a_verbal_attack_is_in_the_attackers_words(nlp, text, words, who):
    assert said(nlp, text).get(words) == who


@pytest.mark.parametrize(
    ("subject", "who"),
    [("The governor, Ann Cole, has", "Ann Cole"), ("The governor has", "The governor")],
)
def test_attacked_as_gives_the_attackers_judgement(nlp, subject, who):
    # the subject is a role (with or without a name set beside it), not a name
    assert said(nlp, f'{subject} repeatedly attacked the bill as "a job killer."\n').get("a job killer") == who


def test_a_physical_attack_on_a_quoted_place_quotes_nobody(nlp):
    got = said(nlp, 'Rebels attacked the "safe zone" at dawn, killing four people.\n')
    assert "safe zone" not in got


# A person described in marks inside another's account --------------------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        'Defence lawyer Mia Chen told the court her client had made "a terrible mistake."',
        "Defence lawyer Mia Chen spoke to reporters outside court.",
    ],
)
def test_a_person_described_in_marks_after_anothers_words_is_in_that_account(nlp, lead):
    # the client is described in the lawyer's words; he is not quoting himself
    got = said(nlp, f'{lead} Ryan Ford, 22, was "deeply ashamed" and wanted to apologise.\n')
    assert got.get("deeply ashamed") == "Mia Chen"


def test_a_person_described_after_their_own_words_stays_theirs(nlp):
    text = 'Ryan Ford told the court he was sorry. Ford was "deeply ashamed" of what he had done.\n'
    assert said(nlp, text).get("deeply ashamed") == "Ryan Ford"


# What a court or inquiry heard: told by someone, not said by the court ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        'The court heard that Daniel Reeve, 41, had subjected his partner to "years of torment."\n',
        'The inquest heard that the boy had been "let down" by every agency involved in his care.\n',
    ],
)
def test_what_a_court_heard_is_quoted_with_its_teller_unknown(nlp, text):
    got = said(nlp, text)
    words = text.split('"')[1].rstrip(".")
    assert words in got and got[words] is None


def test_what_a_jury_heard_from_a_witness_is_the_witnesss(nlp):
    text = 'The jury heard from pathologist Dr Ann Lee that the injuries were "consistent with a fall."\n'
    assert said(nlp, text).get("consistent with a fall") == "Ann Lee"


def test_what_a_committee_will_hear_about_is_a_term(nlp):
    assert "bedroom tax" not in said(nlp, 'The committee will hear evidence next week on the "bedroom tax."\n')


# A capitalised word made an adjective is no title ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "who"),
    [
        ('Prosecutors allege that the directors ran a "Ponzi-like" scheme.\n', "Ponzi-like", "Prosecutors"),
        ('Minister Ana Ruiz condemned the "Soviet-style" crackdown on protesters.\n', "Soviet-style", "Ana Ruiz"),
    ],
)
def test_a_hyphenated_adjective_from_a_name_is_no_title(nlp, text, words, who):
    assert said(nlp, text).get(words) == who


def test_a_hyphenated_title_in_capitals_stays_a_title(nlp):
    assert "Spider-Man" not in said(nlp, 'The actor Tom Reed starred in "Spider-Man" last year.\n')


# A speech verb right before the marks, parsed inside them -------------------------------------------


def test_words_chanted_right_after_the_verb_are_quoted(nlp):
    # the parse takes "chanting" for a modifier of "sack", a noun, inside the quote
    got = said(nlp, 'Fans booed the team off, with many chanting "sack the board."\n')
    assert "sack the board" in got


# A stance told before a colon, or through the manner of someone's words ------------------------


def test_a_verdict_after_a_colon_is_the_stance_holders(nlp):
    text = 'Senator Lisa Grant was unequivocal: the bill was "dead on arrival."\n'
    assert said(nlp, text).get("dead on arrival") == "Lisa Grant"


def test_a_message_from_a_body_before_a_colon_gives_the_body(nlp):
    # ("was 'not happening'" is parsed as a progressive, the negation inside the marks)
    text = 'The message from the White House was clear: the deal was "not happening."\n'
    assert said(nlp, text).get("not happening") == "White House"


def test_a_verdict_after_the_tone_of_someones_words(nlp):
    text = 'Mayor Dan Price\'s tone was defiant. The polls were "phony" and the press "dishonest."\n'
    got = said(nlp, text)
    assert got.get("phony") == "Dan Price"
    assert got.get("dishonest") == "Dan Price"


def test_a_colon_after_a_fact_gives_no_verdict(nlp):
    text = 'The vote was held on Monday: the bill was "dead on arrival."\n'
    assert said(nlp, text).get("dead on arrival") is None


# A stance told of "he" or "she" ---------------------------------------------------------------------


def test_a_verdict_after_a_pronouns_stance_is_that_persons(nlp):
    text = (
        "Jan Kowalski, 58, has run the bakery for thirty years. He is not happy. The new parking "
        'rules are "a disaster," and the council "couldn\'t care less."\n'
    )
    got = said(nlp, text)
    assert got.get("a disaster") == "Jan Kowalski"
    assert got.get("couldn't care less") == "Jan Kowalski"


def test_the_pronoun_of_a_stance_is_read_by_gender(nlp):
    text = 'Tom Price met Ann Hale on Monday. She was furious. The offer was "an insult."\n'
    assert said(nlp, text).get("an insult") == "Ann Hale"


def test_a_stance_sentence_naming_someone_else_gives_no_pronoun_verdict(nlp):
    # "he" may be Reed or Hill: the sentence names someone beside the pronoun
    text = 'Sam Reed runs the shop. He was angry with Joe Hill. The offer was "an insult."\n'
    assert said(nlp, text).get("an insult") is None


# A body owned by "his" or "her" is neither that person nor another body ---------------------------


def test_her_group_called_it_is_not_the_person_named_before(nlp):
    text = (
        'The plan would create "assembly-line justice," said Lena Park, a lawyer with the Refugee '
        'Rights Project. Her group has vowed to fight what it calls the "fast-track" provisions in court.\n'
    )
    got = said(nlp, text)
    assert got.get("assembly-line justice") == "Lena Park"
    assert got.get("fast-track") != "Lena Park"


def test_her_campaign_is_not_a_body_named_under_another_name(nlp):
    text = (
        "Rudy Vance, a Hale surrogate, said on Fox News that Maria Lind's health was \"a legitimate "
        'issue," a claim her campaign dismissed as "a deranged conspiracy theory."\n'
    )
    got = said(nlp, text)
    assert got.get("a deranged conspiracy theory") not in ("Hale", "Fox News", "Rudy Vance", "Maria Lind")


def test_her_firm_named_beside_it_is_that_firm(nlp):
    text = (
        '"Bookings are down," said Priya Nand, an analyst in Chicago. Her firm, Lakeshore Capital, '
        'rates the stock a "hold."\n'
    )
    assert said(nlp, text).get("hold") == "Lakeshore Capital"


# A speech noun before a colon: "His answer: the decision was '...'" -------------------------------


@pytest.mark.parametrize("noun", ["answer", "verdict", "message"])
def test_a_verdict_after_someones_answer_and_a_colon_is_theirs(nlp, noun):
    text = f'Mayor Dan Cole was asked about the strike. His {noun}: the walkout was "reckless."\n'
    assert said(nlp, text).get("reckless") == "Dan Cole"


def test_a_colon_after_a_word_that_is_no_ones_speech_gives_no_verdict(nlp):
    text = 'Mayor Dan Cole watched the game. The result: the match was "a lottery."\n'
    assert said(nlp, text).get("a lottery") is None


# An imperative asks the reader to say the words: nobody in the text said them ---------------------


@pytest.mark.parametrize(
    "text",
    [
        'Ask any teacher about "learning loss" and you will get a long answer.\n',
        'Tell a fisherman about "sustainable quotas" and watch his face.\n',
    ],
)
def test_words_an_imperative_asks_the_reader_to_raise_are_a_term(nlp, text):
    words = text.split('"')[1]
    assert words not in said(nlp, text)


def test_words_a_body_urges_in_the_imperative_stay_its_own(nlp):
    got = said(nlp, 'Say "no" to the cuts, the union urged its members.\n')
    assert got.get("no") == "the union"


# Two people in one sentence: a deed joined to the inner speaker's words is the reporter's account --


def test_a_deed_joined_to_a_promise_in_a_reported_clause_is_the_reporters_word(nlp):
    text = 'Former coach Dave Irwin said the new owner, Rick Stamp, had promised "a new era" but delivered "chaos."\n'
    got = said(nlp, text)
    assert got.get("a new era") == "Rick Stamp"
    assert got.get("chaos") == "Dave Irwin"


# Allies and associates are people: their judgement in marks is theirs, as written ----------------


@pytest.mark.parametrize(
    ("text", "words", "who"),
    [
        ('Allies of the governor called the probe "a witch hunt."\n', "a witch hunt", "Allies of the governor"),
        (
            'Close associates of the senator described him as "shaken."\n',
            "shaken",
            "Close associates of the senator",
        ),
    ],
)
def test_allies_and_associates_speak_as_written(nlp, text, words, who):
    assert said(nlp, text).get(words) == who


def test_someones_account_speaks_for_its_owner(nlp):
    text = 'Mayor Jo Hale\'s Twitter account accused the judge of being "biased" and "a hater."\n'
    got = said(nlp, text)
    assert got.get("biased") == "Jo Hale"
    assert got.get("a hater") == "Jo Hale"

"""Speakers whose names are not the dev sets' kind of name: surnames of two or more words used
alone ("Abu Zaid", "de la Fuente", "Das Gupta"), hyphenated surnames, given names from other
cultures. Found by perturbing the development sets (benchmarks/quote_perturb.py --names); the
passages here are invented, in general form."""

from __future__ import annotations

import pytest

from reader.model.analysis.nlp import load_pipeline
from tests.quote_probe import said


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(
    "full, short",
    [
        ("Youssef Abu Zaid", "Abu Zaid"),
        ("Pieter van der Berg", "van der Berg"),
    ],
)
def test_a_surname_of_several_words_alone_is_the_full_name_before_it(nlp, full, short):
    text = (
        "Port deal\n\n"
        f"The port authority hired {full}, a consultant, to review the contract last year.\n\n"
        f'"We found nothing wrong with the tender," {short} said on Monday. "The numbers add up."\n'
    )
    got = said(nlp, text)
    assert got["We found nothing wrong with the tender"] == full
    assert got["The numbers add up"] == full


@pytest.mark.parametrize("verb", ["Explained", "Added", "Noted", "Remarked", "Stated"])
def test_a_speech_verb_before_the_name_at_a_sentence_start_is_not_part_of_the_name(nlp, verb):
    text = (
        "Tax plan\n\n"
        "Critics say the plan would make the code more complicated, among them the economist Rhona "
        f'Tillett. {verb} Tillett: "I do not see any interest in reform here."\n'
    )
    assert said(nlp, text)["I do not see any interest in reform here"] == "Rhona Tillett"


@pytest.mark.parametrize("surname", ["Nkosi-Mthembu", "Okafor-Eze", "Wiśniewska-Lis", "de la Fuente", "van der Aa"])
def test_a_surname_the_parse_finds_is_not_cut_at_its_hyphen_or_particles(nlp, surname):
    text = f'Fund\n\n"This is the time when voters make up their minds," {surname} said. "We mean to reach them."\n'
    got = said(nlp, text)
    assert got["This is the time when voters make up their minds"] == surname
    assert got["We mean to reach them"] == surname


@pytest.mark.parametrize(
    "sentence, full",
    [
        ('"Not all members use it," said Lucía de la Fuente, a deputy director of the fund.', "Lucía de la Fuente"),
        ("The council hired a new adviser, Anouk de Vries, in May.", "Anouk de Vries"),
        ("The mayor summoned his senior housing adviser, Arjun Das Gupta, on Friday.", "Arjun Das Gupta"),
        ("Siobhán Ní Bhriain, a lawyer for the tenants, filed the papers.", "Siobhán Ní Bhriain"),
    ],
)
def test_a_full_name_ner_takes_for_a_body_is_a_person_beside_a_role(nlp, sentence, full):
    surname = full.split(" ", 1)[1]
    text = f'Housing\n\n{sentence}\n\n"We will start again from the beginning," {surname} said on Monday.\n'
    assert said(nlp, text)["We will start again from the beginning"] == full


@pytest.mark.parametrize("verb", ["Explained", "Remarked", "Stated", "Noted"])
@pytest.mark.parametrize("full", ["Dana Ellis", "Mark Brody", "Ann Moss"])
def test_a_speech_verb_before_a_recurring_surname_is_no_given_name(nlp, verb, full):
    surname = full.split()[1]
    text = (
        "Tax plan\n\n"
        f"\u201cIt is hard to avoid,\u201d explained {full}, a tax consultant. \u201cAny cut helps the top.\u201d\n\n"
        "What is more, the mayor has ignored the issue. If anything, experts say her plans to raise a host "
        "of taxes on the rich and give several targeted breaks to the middle class would make the code more "
        f"complicated. {verb} {surname}: \u201cI do not see any interest in reform here.\u201d\n"
    )
    assert said(nlp, text)["I do not see any interest in reform here"] == full


@pytest.mark.parametrize("verb", ["said", "added", "noted"])
@pytest.mark.parametrize("role", ["a college freshman", "a retired nurse", "a nurse at the clinic"])
def test_a_relative_clause_after_a_name_and_its_role_speaks_for_the_name(nlp, verb, role):
    text = (
        f"Poll\n\n\u201cHe has changed, he respects people now,\u201d said Kara Lomax, {role}, "
        f"who {verb} she has male friends and understands the \u201caspect of it.\u201d\n"
    )
    got = said(nlp, text)["aspect of it"]
    if "clinic" in role:  # the clause may hang on "the clinic": then unknown, never the clinic
        assert got in ("Kara Lomax", None)
    else:
        assert got == "Kara Lomax"


@pytest.mark.parametrize(
    "title", ["Governor of Washington", "Mayor of London", "President of Peru", "Prime Minister of Kenya"]
)
def test_an_unfamiliar_name_after_a_title_of_a_place_is_the_speaker(nlp, title):
    text = (
        "Museum\n\nThe museum lost its bid for the exhibit. In a statement, "
        f'{title} Chukwuemeka Okonkwo said, "The museum put a tremendous amount of effort into this."\n'
    )
    assert said(nlp, text)["The museum put a tremendous amount of effort into this"] == "Chukwuemeka Okonkwo"


@pytest.mark.parametrize("dateline", ["DETROIT \u2014", "NAIROBI \u2013", "OSLO --"])
def test_a_dateline_run_into_its_sentence_is_not_part_of_the_speaker_s_name(nlp, dateline):
    # a feed that lost its line breaks: title, dateline and first sentence on one line
    text = (
        f"Carmaker recalls vans over brake fault {dateline} Harlow Motors said on Monday it would recall "
        '40,000 vans. The company said the recall was "precautionary" and urged owners to "book a free check."\n'
    )
    got = said(nlp, text)
    assert got["precautionary"] == "Harlow Motors"
    assert got["book a free check"] == "Harlow Motors"


def test_a_body_named_with_an_article_stays_a_body_beside_a_role(nlp):
    # the parse of "The X Caucus, former governor Ann Bell" may hang the role on the body as its
    # appositive (a parse fixed here, so the rule is tested whatever the model makes of it)
    from spacy.tokens import Doc

    from reader.model.analysis.entities import _person_beside_role

    words = ["backed", "by", "The", "Rural", "Mayors", "Caucus", ",", "former", "governor", "Ann", "Bell"]
    pos = ["VERB", "ADP", "DET", "PROPN", "PROPN", "PROPN", "PUNCT", "ADJ", "NOUN", "PROPN", "PROPN"]
    deps = ["ROOT", "agent", "det", "compound", "compound", "pobj", "punct", "amod", "appos", "compound", "appos"]
    heads = [0, 0, 5, 5, 5, 1, 5, 8, 5, 10, 8]
    doc = Doc(nlp.vocab, words=words, pos=pos, deps=deps, heads=heads)
    assert not _person_beside_role(doc, doc[3:6])  # "The Rural Mayors Caucus": a body
    pos = ["PRON", "NOUN", "PUNCT", "PROPN", "PROPN", "PROPN", "PUNCT"]
    doc = Doc(nlp.vocab, words=["his", "adviser", ",", "Anouk", "de", "Vries", ","], pos=pos)
    assert _person_beside_role(doc, doc[3:6])  # "his adviser, Anouk de Vries,": a person


def test_a_surname_spelt_one_letter_otherwise_is_the_same_person(nlp):
    text = (
        'Talks\n\nUkrainian President Volodymyr Zelensky said: "We will not give up our land." '
        'Zelenskyy later added that talks were "possible".\n'
    )
    got = said(nlp, text)
    assert got["possible"] == "Volodymyr Zelensky"


def test_a_word_one_letter_from_two_surnames_is_nobody(nlp):
    text = (
        "Talks\n\nAnna Marrow and Tom Barrow met on Monday. Both spoke afterwards. "
        'Harrow later added that talks were "possible".\n'
    )
    assert said(nlp, text)["possible"] not in ("Anna Marrow", "Tom Barrow")


@pytest.mark.parametrize("full, short", [("Luiz Inácio Lula da Silva", "Lula"), ("Gabriel Boric Font", "Boric")])
def test_a_middle_word_of_a_long_name_used_alone_is_that_person(nlp, full, short):
    text = (
        f'Summit\n\nPresident {full} said the summit was "a success". '
        f'{short} added that the region would "lead by example".\n'
    )
    got = said(nlp, text)
    assert got["lead by example"] == full


@pytest.mark.parametrize(
    "full, alone",
    [
        ("Fatima El Amrani", "El Amrani"),
        ("Siobhán Ní Bhriain", "Ní Bhriain"),
        ("Camila Aravena Soto", "Aravena Soto"),
        ("Lucía de la Fuente", "De la Fuente"),
    ],
)
def test_a_surname_of_several_words_alone_is_a_person_not_a_body(nlp, full, alone):
    # the model tags the surname alone as a body; then "she" after it found nobody
    text = (
        "Memoir\n\n"
        f"By most measures, Sen. {full} has had a charmed career. Elected at 34, she rose to chair "
        "the Senate Banking Committee and was twice mentioned as a possible running mate.\n\n"
        f'But in her new memoir, "The Long Table," {alone} describes the Senate as "a club with a dress '
        'code." The Portland Herald called it "the most honest account of Congress in a generation." '
        f'{alone}, known in the Senate as "the Auditor" for her habit of reading every bill, seems '
        "unbothered by the criticism.\n\n"
        '"I wrote what I saw," she said in an interview in her office.\n'
    )
    got = said(nlp, text)
    assert got["a club with a dress code"] == full
    assert got["I wrote what I saw"] == full


@pytest.mark.parametrize("office", ["Secretary of State", "Secretary of Defense", "Minister of Health"])
def test_an_unfamiliar_name_after_a_title_of_an_office_is_a_person(nlp, office):
    text = (
        "Remark\n\n"
        f"Former {office} Siobhán Ní Bhriain is refusing to walk back a remark in which she described "
        'her opponents as "a small, loud minority."\n\n'
        '"I said what I said, and I meant it," Ní Bhriain told reporters.\n'
    )
    got = said(nlp, text)
    assert got["a small, loud minority"] == "Siobhán Ní Bhriain"
    assert got["I said what I said, and I meant it"] == "Siobhán Ní Bhriain"


@pytest.mark.parametrize("role", ["the majority leader", "Her press secretary", "The party's chief whip"])
@pytest.mark.parametrize("full", ["Abdulrahman al-Hashimi", "Suleiman bin Khalid"])
def test_a_given_name_ending_like_a_role_noun_is_not_cut_from_the_name(nlp, role, full):
    # "Abdulrahman" ends like "chairman": it was taken for a role and cut, leaving the role phrase
    text = (
        "Tax vote\n\nLawmakers voted down the finance bill after a week of protests. "
        f'But {role}, {full}, told the chamber: "We have heard the people, and we have acted."\n'
    )
    assert said(nlp, text)["We have heard the people, and we have acted"] == full


@pytest.mark.parametrize("title", ["Sens.", "Reps."])
def test_names_after_a_plural_title_are_the_people_a_partitive_subject_names(nlp, title):
    text = (
        "Shutdown\n\nThe bipartisan group that brokered last year's deal has not met since July. Two of its "
        f"members, {title} Priyanka Raghunathan and Wojciech Brzęczyszczykiewicz, said in a joint statement "
        'that the standoff was "entirely avoidable."\n'
    )
    assert said(nlp, text)["entirely avoidable"] == "Priyanka Raghunathan and Wojciech Brzęczyszczykiewicz"


def test_a_name_the_model_split_after_two_given_names_is_one_person(nlp):
    text = (
        "Clock\n\nThe hashtag had become an international phenomenon. American academic and professor "
        'María José Lamont Fernández Larraín commented, "Hoping that the movement translates into policy."\n'
    )
    assert said(nlp, text)["Hoping that the movement translates into policy"] == "María José Lamont Fernández Larraín"


@pytest.mark.parametrize("surname", ["Nkosi-Mthembu", "Okafor-Eze"])
def test_a_hyphenated_name_asked_a_question_answers_it(nlp, surname):
    # the parse heads a hyphenated name with its first part: read by its last part, the name
    # was an appositive, not the one asked
    text = (
        "Debate\n\nThe debate turned sharp within minutes on Tuesday night. When the moderator, Lena "
        f"Ortiz of ABC News, asked Mr. {surname} whether he would release his tax returns, he said he "
        'was under audit. "When the audit is finished, I will release them, believe me," he said.\n'
    )
    assert said(nlp, text)["When the audit is finished, I will release them, believe me"] == surname


@pytest.mark.parametrize("full", ["Siobhán Ní Bhriain", "Chukwuemeka Okonkwo-Eze", "Tran Thi Mai"])
def test_an_unfamiliar_name_with_a_who_clause_is_a_person(nlp, full):
    text = (
        "Emails\n\nThe campaign's spokesman, Tom Hale, called the emails a distraction.\n\n"
        "Government ethics experts were less dismissive. "
        f'"This is the textbook definition of a conflict," said {full}, who served as ethics counsel in '
        'two administrations. The emails showed "a complete blurring of lines," she said.\n'
    )
    got = said(nlp, text)
    assert got["This is the textbook definition of a conflict"] == full
    assert got["a complete blurring of lines"] == full


@pytest.mark.parametrize("full", ["Tariq bin Khalid", "Bongani Nkosi", "Arjun Das Gupta"])
def test_she_in_a_clause_is_the_woman_not_a_subject_whose_name_says_nothing_of_gender(nlp, full):
    # the subject's given name is unknown to the lists: "she" went to him, and from then on he
    # was a woman, so his own "he said" went to another man
    surname = full.split(" ", 1)[1]
    text = (
        "Disgrace\n\n"
        f"Gov. {full} described Senator Mary Ellis as a disgrace after she blamed police shootings "
        'on "implicit bias" against minorities.\n\n'
        f"{surname[0].upper() + surname[1:]}, who has campaigned for Tom Hart since he left the race, "
        'blasted Ellis on Wednesday.\n\n"She is a disgrace and those comments are a disgrace," he said.\n'
    )
    got = said(nlp, text)
    assert got["implicit bias"] == "Mary Ellis"
    assert got["She is a disgrace and those comments are a disgrace"] == full


@pytest.mark.parametrize("party", ["Democrat", "Republican"])
def test_a_given_name_after_a_party_word_is_part_of_the_name(nlp, party):
    text = (
        "Debate\n\nLAS VEGAS (AP) \u2014 Senator Tom Hart said Wednesday that his rival's tax plan would "
        '"bankrupt the country."\n\n'
        f'{party} Camila Aravena Soto shot back that Hart was "living in a fantasy world."\n'
    )
    assert said(nlp, text)["living in a fantasy world"] == "Camila Aravena Soto"


@pytest.mark.parametrize("verb", ["stated", "explained", "remarked", "noted"])
def test_a_speech_verb_inverted_after_a_quote_names_its_speaker_though_parsed_as_its_object(nlp, verb):
    text = (
        "Superstars\n\nThe exhibit included portraits of author Truman Capote and singer Carly Simon.\n\n"
        '"I think the obsession with celebrity culture is as strong today as it was then", '
        f'{verb} Gustafon. "People are still intrigued by how stars live."\n'
    )
    got = said(nlp, text)
    assert got["I think the obsession with celebrity culture is as strong today as it was then"] == "Gustafon"
    assert got["People are still intrigued by how stars live"] == "Gustafon"

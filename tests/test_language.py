"""Telling Welsh from English in a short view: measured on texts written for this test.

The texts are short, as views often are, and some mix the languages the way people do
("Mae'r clinic yn rhy bell"). `bench/language_id.py` prints the same figures for py3langid
and, where installed, lingua-language-detector.
"""

from __future__ import annotations

from bot.domain.language import detect

WELSH = [
    "Mae angen mwy o apwyntiadau gyda'r nos.",
    "Diolch yn fawr",
    "Diolch",
    "Mae'r clinic yn rhy bell",
    "Roedd y staff yn garedig iawn.",
    "Does dim gofal seibiant yn Gymraeg yn ein hardal ni.",
    "Hoffwn i gael gwasanaeth yn Gymraeg.",
    "Mae'r bws i'r ysbyty yn rhy ddrud.",
    "Dw i ddim yn gwybod pwy i ffonio pan fydd pethau'n anodd.",
    "Roedd yr aros yn ofnadwy o hir",
    "Mae fy mab yn aros am asesiad ers misoedd.",
    "Mae'r GP yn dda ond mae'r CMHT yn araf",
    "Angen mwy o help i ofalwyr",
    "Da iawn",
    "Gwych, diolch i bawb",
    "Dim digon o staff ar y ward",
    "Ges i ddim llythyr ar ôl gadael yr ysbyty.",
    "Mae'r therapi yn helpu llawer.",
    "Rydw i'n teimlo'n unig iawn.",
    "Pam does neb yn ateb y ffôn?",
    "Mae'r app yn anodd i'w ddefnyddio",
    "Byddai grŵp cymorth yn y pentref yn help",
    "Nid oes digon o wybodaeth yn Gymraeg",
    "Mae'r parking yn broblem fawr",
    "Cefais i brofiad da gyda'r nyrs",
    "Rhy hir i aros am therapi siarad",
    "Mae'r crisis team yn dda ond yn brysur",
    "Ydy'r cyfarfod nesaf ar-lein?",
    "Hoffwn i ymuno â'r grŵp gofalwyr",
    "Mae angen cyfieithydd yn y cyfarfodydd",
]
ENGLISH = [
    "Evening slots would help",
    "ok thanks",
    "Thanks",
    "The clinic is too far away",
    "The staff were very kind.",
    "There is no respite care in Welsh in our area.",
    "I would like a service in Welsh.",
    "The bus to the hospital costs too much.",
    "I don't know who to ring when things get hard.",
    "The wait was awful",
    "My son has been waiting months for an assessment.",
    "The GP is good but the CMHT is slow",
    "Carers need more help",
    "Very good",
    "Great, thanks everyone",
    "Not enough staff on the ward",
    "I never got a letter after leaving hospital.",
    "Therapy helps a lot.",
    "I feel very lonely.",
    "Why does nobody answer the phone?",
    "The app is hard to use",
    "A support group in the village would help",
    "Not enough information in Welsh",
    "Parking is a big problem",
    "I had a good experience with the nurse",
    "Too long to wait for talking therapy",
    "The crisis team is good but busy",
    "Is the next meeting online?",
    "I'd like to join the carers group",
    "Diolch for the help, the hiraeth is real",
]


def accuracy() -> tuple[int, int]:
    right = sum(detect(t) == "cy" for t in WELSH) + sum(detect(t) == "en" for t in ENGLISH)
    return right, len(WELSH) + len(ENGLISH)


def test_short_and_code_switched_texts_are_labelled_by_their_words() -> None:
    assert detect("Mae'r clinic yn rhy bell") == "cy"
    assert detect("Diolch yn fawr") == "cy"
    assert detect("Diolch") == "cy"
    assert detect("Mae'r crisis team yn dda ond yn brysur") == "cy"
    assert detect("ok thanks") == "en"
    assert detect("The GP is good but the CMHT is slow") == "en"
    assert detect("Diolch for the help, the hiraeth is real") == "en"


def test_accuracy_on_sixty_short_texts() -> None:
    right, total = accuracy()
    assert right >= total - 1, f"{right}/{total}"  # measured: 60/60

"""Which dates place a happening, and of what kind: tables of sentence →
events (date text, kind), negatives included. The sentences are written for
these tests in the styles of several kinds of Persian writing — agency
reports (IRNA, ISNA, Mehr, Fars), a daily's column, sports, economy,
provincial news, an encyclopaedia — and run through the real time engine,
published on 1403/09/10 (2024-11-30)."""

from __future__ import annotations

from datetime import date

import pytest

from core.event_rules import clause_verb, words_of
from core.events import Publication, events_of
from core.extract import find_mentions
from core.model import Document
from core.sentences import split_sentences

PUBLISHED = date(2024, 11, 30)
TITLE = "عنوان خبر\n"
# The first body sentence is the lead; the sentence under test comes after it.
LEAD = "به گزارش خبرنگار ما، نشست خبری برگزار شد.\n"


def events(sentence: str, published: date | None = PUBLISHED):
    text = TITLE + LEAD + sentence + "\n"
    doc = Document(id="t", text=text, title=TITLE.strip(), body_start=len(TITLE))
    found = events_of(doc, split_sentences(text), find_mentions(text, published), Publication(published))
    return [e for e in found if not e.lead]


def kinds(sentence: str) -> list[tuple[str, str]]:
    return [(" ".join(e.date.text.split()), e.kind) for e in events(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    # «امروز» as the day something was said or done (agency style: name, «امروز», «در گفت‌وگو با»).
    ("علی رضایی امروز در گفت‌وگو با خبرنگار ایسنا اظهار داشت: طرح اجرا شد.", [("امروز", "statement")]),
    ("کابینه ژاپن امروز استعفا داد.", [("امروز", "happened")]),
    ("سخنگوی دولت امروز در نشست خبری گفت که بودجه تصویب شد.", [("امروز", "statement")]),
    ("جلسه امروز مجلس به بررسی لایحه بودجه اختصاص یافت.", [("امروز", "happened")]),
    ("روزنامه گاردین در شماره امروز خود نوشت که مذاکرات متوقف شد.", [("امروز", "statement")]),
    ("در تمرین امروز پرسپولیس دو بازیکن مصدوم شدند.", [("امروز", "happened")]),
    # «امروز» as "nowadays": after a noun of the present day, or with a verb of state.
    ("اقتصاد امروز کشور نیازمند اصلاحات ساختاری است.", []),
    ("زن در جامعه امروز ایران جایگاه تازه‌ای یافته است.", []),
    ("در دنیای امروز رسانه‌ها قدرت زیادی دارند.", []),
    ("در شرایط اقتصادی امروز هم امیدی به دولت نداشتیم.", []),
    ("وی افزود: امروز دشمنان از راه‌های مختلف وارد می‌شوند.", []),
    ("وی تصریح کرد: امروز مسئولیت ما بسیار سنگین است.", []),
    ("امروزه جوانان کمتر کتاب می‌خوانند.", []),
    ("این روزها همه درباره تورم حرف می‌زنند.", []),
    ("امروز مردم فهمیده‌اند که مدیران کار نمی‌کنند.", []),
    # Comparisons and statistics against a period make no event in that period.
    ("صادرات غیرنفتی نسبت به سال گذشته ۸ درصد کم شد.", []),
    ("تولید فولاد در مقایسه با مدت مشابه سال قبل ۱۲ درصد افزایش یافت.", []),
    ("شمار مسافران نوروزی کمتر از سال گذشته بود.", []),
    ("قیمت مسکن در ۹ ماهه امسال نسبت به مدت مشابه سال قبل ۳۰ درصد بالا رفت.", [("۹ ماهه امسال", "happened")]),
    # «از ... تا به امروز» is one range, up to publication.
    ("این روند از سال ۱۳۹۰ تا به امروز ادامه داشته است.", [("از سال ۱۳۹۰ تا به امروز", "happened")]),
    # Recurring dates are anniversaries, not happenings in their first year.
    ("هر ساله در ۱۳ آبان راهپیمایی سراسری برگزار می‌شود.", [("۱۳ آبان", "recurring")]),
    ("۱۰ اردیبهشت روز ملی خلیج فارس است.", [("۱۰ اردیبهشت", "recurring")]),
    ("در سالروز ۱۵ خرداد مراسمی در حرم برگزار شد.", [("۱۵ خرداد", "recurring")]),
    ("همزمان با ۱۷ مرداد سالروز شهادت خبرنگار ایرنا، از خبرنگاران تجلیل شد.", [("۱۷ مرداد", "recurring")]),
    # … unless the sentence tells the original happening, with its year.
    ("دانشجویان در ۱۳ آبان ۱۳۵۸ سفارت آمریکا را تسخیر کردند.", [("۱۳ آبان ۱۳۵۸", "happened")]),
    ("ده روز پس از سالگرد دوم خرداد ۷۶ عملیات تازه‌ای آغاز شد.", [("دوم خرداد ۷۶", "happened")]),
    # A day and month that name a past happening, without its year: no event in the current year.
    ("کودتای ۲۸ مرداد کار آمریکا بود.", []),
    ("وی به اندیشه‌های دوران دوم خرداد اشاره کرد.", []),
    ("قیام ۱۵ خرداد ۱۳۴۲ طلیعه انقلاب بود.", [("۱۵ خرداد ۱۳۴۲", "happened")]),
    ("حادثه ۲۵ آبان سه کشته داشت.", [("۲۵ آبان", "happened")]),
    # Plans: the future tense, a plan word, a date after publication, a timetable.
    ("مسابقه فینال فردا برگزار خواهد شد.", [("فردا", "planned")]),
    ("قرار است رئیس‌جمهور هفته آینده به مسکو سفر کند.", [("هفته آینده", "planned")]),
    ("جشنواره فیلم فجر امروز در تهران آغاز می‌شود.", [("امروز", "planned")]),
    ("پیش‌بینی می‌شود امسال تولید گندم به ۱۲ میلیون تن برسد.", [("امسال", "planned")]),
    ("المپیک ۲۰۲۸ در لس‌آنجلس برگزار می‌شود.", [("۲۰۲۸", "planned")]),
    ("رأی‌گیری همین هفته انجام می‌شود.", [("همین هفته", "planned")]),
    ("در سال ۹۶ جابه‌جایی روستا در دستور کار قرار گرفت.", [("سال ۹۶", "happened")]),
    # Happened, in several styles.
    ("وزیر خارجه دیروز به مسکو رفت و با همتای روس خود دیدار کرد.", [("دیروز", "happened")]),
    ("زلزله‌ای به بزرگی ۵ ریشتر بامداد امروز کرمان را لرزاند.", [("بامداد امروز", "happened")]),
    ("سه منطقه در سال ۲۰۱۸ میلادی به کنترل ارتش درآمد.", [("سال ۲۰۱۸ میلادی", "happened")]),
    ("استقلال شب گذشته با دو گل پیروز شد.", [("شب گذشته", "happened")]),
    ("بنای این مسجد در قرن پنجم هجری ساخته شد.", [("قرن پنجم هجری", "happened")]),
])
def test_kind_of_each_event(sentence, expected):
    assert kinds(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # «هزار و ۲۰۰ سال قبل» / «۱۲۰۰ سال پیش» is not the year 1200, nor last year.
    ("قم از هزار و ۲۰۰ سال قبل مرکز علوم دینی بوده است.", []),
    ("این شهر ۱۲۰۰ سال پیش ساخته شد.", []),
    # A weekday beside the date written in full is one expression: one event.
    ("روز سه‌شنبه، ۱۲ خرداد ۱۳۷۷ جلسه برگزار شد.", ["1998-06-02"]),
    ("وزیر امروز (یکشنبه) به بغداد رفت.", ["2024-11-30"]),
])
def test_one_date_expression_is_at_most_one_event(sentence, expected):
    assert [e.date.start.isoformat() for e in events(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # The year later in the sentence, or before it, is the day's year.
    ("او در ۱۲ آذر به دمشق رفت و این سفر در سال ۱۳۹۰ انجام شد.", [("2011-12-03", "written")]),
    ("در سال ۱۳۹۰ و در ۱۲ آذر آن سال سد افتتاح شد.", [("2011-03-21", "written"), ("2011-12-03", "written")]),
    # Without a year in the sentence: the one nearest publication …
    ("۱۲ آذر جلسه‌ای برگزار خواهد شد.", [("2024-12-02", "relative")]),
    # … or the last one before it when the verb tells the past, the first after it for a plan.
    ("قرارداد در ۱۲ دی امضا شد.", [("2024-01-02", "relative")]),
    ("انتخابات در ماه آوریل برگزار خواهد شد.", [("2025-04-01", "relative")]),
    ("انتخابات در ماه آوریل برگزار شد.", [("2024-04-01", "relative")]),
    # A weekday told as a plan is the coming one (2024-11-30 is a Saturday).
    ("دو تیم در روز چهارشنبه با هم دیدار خواهند کرد.", [("2024-12-04", "relative")]),
    ("دو تیم روز چهارشنبه با هم دیدار کردند.", [("2024-11-27", "relative")]),
])
def test_a_day_and_month_take_the_year_of_their_sentence(sentence, expected):
    assert [(e.date.start.isoformat(), e.basis) for e in events(sentence)] == expected


def test_the_reason_says_how_a_date_was_found():
    (yesterday,) = events("وزیر دیروز به مسکو رفت.")
    assert yesterday.reason == "dated by «دیروز» from the publication date 1403/09/10"
    assert yesterday.marks == {"happened", "relative"}
    (taken,) = events("او در ۱۲ آذر به دمشق رفت و این سفر در سال ۱۳۹۰ انجام شد.")
    assert taken.reason == "year from «سال ۱۳۹۰» in the same sentence"
    (written,) = events("سد در ۳ خرداد ۱۴۰۰ افتتاح شد.")
    assert written.reason == "" and written.basis == "written" and written.marks == {"happened"}


def test_the_lead_is_a_statement_when_someone_said_something():
    text = TITLE + "کرملین در بیانیه‌ای اعلام کرد که دو رئیس‌جمهور تلفنی گفت‌وگو کردند.\n"
    doc = Document(id="t", text=text, title=TITLE.strip(), body_start=len(TITLE))
    (lead,) = events_of(doc, split_sentences(text), [], Publication(PUBLISHED))
    assert (lead.kind, lead.basis, lead.lead) == ("statement", "lead", True)
    text = TITLE + "جلسه شورای گفت‌وگوی دولت و بخش خصوصی برگزار شد.\n"
    doc = Document(id="t", text=text, title=TITLE.strip(), body_start=len(TITLE))
    (lead,) = events_of(doc, split_sentences(text), [], Publication(PUBLISHED))
    assert lead.kind == "happened"


@pytest.mark.parametrize("clause, tense", [
    ("وزیر گفت", "past"),
    ("جلسه برگزار می‌شود", "present"),
    ("مسابقه برگزار خواهد شد", "future"),
    ("مردم چه می‌خواهند", "present"),          # «می» + «خواه»: to want, not the future
    ("کار انجام شده است", "perfect"),
    ("مسئولیت ما سنگین است", "state"),
    ("آنها سلاح دارند", "state"),
    ("قرار است سفر کند", "subjunctive"),
    ("نیروها در شهر", None),
])
def test_the_verb_that_ends_a_clause(clause, tense):
    verb = clause_verb(words_of(clause))
    assert (verb.tense if verb else None) == tense


@pytest.mark.parametrize("before, surface, tail, rule", [
    ("قم از هزار و", "۲۰۰ سال قبل", "مرکز علوم دینی بوده است", "part of a number"),
    ("این شهر ۱۲۰۰", "سال پیش", "ساخته شد", "part of a number"),
    ("صادرات نسبت به", "سال گذشته", "۸ درصد کم شد", "comparison"),
    ("تولید در مقایسه با مدت مشابه", "سال قبل", "بیشتر شد", "comparison"),
    ("شمار مسافران بیشتر از", "سال گذشته", "بود", "comparison"),
    ("این کار تا به", "امروز", "ادامه داشت", "comparison"),
    ("اقتصاد", "امروز", "کشور نیازمند اصلاح است", "present-day"),
    ("در شرایط اقتصادی", "امروز", "هم امیدی نداشتیم", "present-day"),
    ("وی افزود:", "امروز", "دنیا تشنه عدالت است", "nowadays"),
    ("", "امروز", "مردم فهمیده اند", "nowadays"),
    ("هر ساله در", "۱۳ آبان", "راهپیمایی برگزار می شود", "anniversary"),
    ("جلسه", "امروز", "مجلس به بودجه اختصاص یافت", "default"),         # a noun of one day: an event
    ("", "امروز", "جشنواره برگزار می شود", "timetable"),
    ("قرار است", "فردا", "به مسکو سفر کند", "plan"),
])
def test_the_rule_that_decides(before, surface, tail, rule):
    from core.event_rules import judge
    from core.model import Mention

    day = date(2024, 12, 1) if surface == "فردا" else PUBLISHED
    mention = Mention((0, len(surface)), surface, day, day, "day", None, "jalali", True)
    assert judge(mention, before + " ", " " + tail, PUBLISHED, states_year=False).rule == rule

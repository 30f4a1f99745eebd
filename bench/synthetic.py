"""Deterministic synthetic dossiers, to benchmark the generator on large content.

`write_dossier(target, "L")` writes a complete, valid content folder (dossier.yaml,
articles/*.txt + *.yaml, events/*.yaml, actors/*.yaml) of a fictional story told over
2016-2025. Everything is drawn from one `random.Random(seed)` and written in a fixed
order, so the same size and seed always give byte-identical files.

The raw articles are written from the events: every event gets one Arabic sentence in the
article that cites it, and the event's excerpt is copied from that sentence (whole, or its
first clause), so every excerpt is verbatim by construction. Quotes, key figures and the
discrepancy are planted the same way. The YAML is written as text (no YAML library), which
keeps size L to a couple of seconds.

Command line (writes DIR/content/ and prints the stats as one line of JSON):

    python -m bench.synthetic --size S|M|L --out DIR [--seed N] [--force]
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import json
import random
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["SIZES", "Size", "SyntheticStats", "main", "write_dossier"]


@dataclass(frozen=True)
class Size:
    """How many records a synthetic dossier has."""

    events: int
    actors: int
    articles: int


SIZES: dict[str, Size] = {
    "S": Size(events=200, actors=40, articles=40),
    "M": Size(events=2_000, actors=200, articles=200),
    "L": Size(events=10_000, actors=1_000, articles=1_000),
}


@dataclass(frozen=True)
class SyntheticStats:
    """What `write_dossier` wrote."""

    events: int
    actors: int
    articles: int
    quotes: int
    positions: int
    files: int
    bytes: int


FIRST_DAY = dt.date(2016, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
AS_OF = LAST_DAY

# ---------------------------------------------------------------------------
# Word lists: real Arabic and English, combined into a fictional story.

MONTHS_AR = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول")  # ar_IQ, the dossier's locale
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
WEEKDAYS_AR = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

CITIES = (
    ("قصر النخيل", "Qasr al-Nakhil"), ("عين الصفا", "Ain al-Safa"), ("تل الورد", "Tal al-Ward"),
    ("وادي السلام", "Wadi al-Salam"), ("باب الشرق", "Bab al-Sharq"), ("رأس العين", "Ras al-Ain"),
    ("المرفأ", "al-Marfa"), ("الرمادة", "al-Ramada"), ("بئر الزيت", "Bir al-Zait"),
    ("جسر الحديد", "Jisr al-Hadid"), ("الكرمة", "al-Karma"), ("الزهراء", "al-Zahraa"),
    ("النخيلة", "al-Nukhaila"), ("الحمراء", "al-Hamra"), ("البيضاء", "al-Baida"),
    ("الخضراء", "al-Khadra"), ("السلامية", "al-Salamiya"), ("الشامية", "al-Shamiya"),
    ("المنصورية", "al-Mansuriya"), ("الصالحية", "al-Salihiya"),
)
REGIONS = (
    ("الواحة", "al-Waha"), ("السهول", "al-Suhul"), ("الجبل الأخضر", "al-Jabal al-Akhdar"),
    ("الساحل", "al-Sahil"), ("النهرين", "al-Nahrain"), ("البادية", "al-Badiya"),
    ("الوادي", "al-Wadi"), ("الجزيرة", "al-Jazira"), ("المرتفعات", "al-Murtafaat"),
    ("الضفاف", "al-Difaf"), ("الرمال", "al-Rimal"), ("النجود", "al-Nujud"),
)
PORTFOLIOS = (
    ("المالية", "Finance"), ("الداخلية", "the Interior"), ("الخارجية", "Foreign Affairs"),
    ("الدفاع", "Defence"), ("النفط", "Oil"), ("الكهرباء", "Electricity"),
    ("الموارد المائية", "Water Resources"), ("الصحة", "Health"), ("التخطيط", "Planning"),
    ("النقل", "Transport"), ("التجارة", "Trade"), ("الزراعة", "Agriculture"), ("العدل", "Justice"),
    ("الإعمار والإسكان", "Construction and Housing"), ("الهجرة والمهجرين", "Migration and the Displaced"),
    ("الثقافة", "Culture"),
)
ORDINALS = (
    ("الأولى", "First"), ("الثانية", "Second"), ("الثالثة", "Third"), ("الرابعة", "Fourth"),
    ("الخامسة", "Fifth"), ("السادسة", "Sixth"), ("السابعة", "Seventh"), ("الثامنة", "Eighth"),
    ("التاسعة", "Ninth"), ("العاشرة", "Tenth"),
)
GROUP_CORES = (
    ("الفجر", "al-Fajr"), ("النصر", "al-Nasr"), ("الحق", "al-Haqq"), ("الوعد", "al-Waad"),
    ("الصمود", "al-Sumud"), ("الكرامة", "al-Karama"), ("العهد", "al-Ahd"), ("الشهداء", "al-Shuhada"),
    ("البيان", "al-Bayan"), ("الفتح", "al-Fath"), ("النور", "al-Nur"), ("الرعد", "al-Raad"),
    ("الأحرار", "al-Ahrar"), ("الثائرون", "al-Thairun"), ("التحرير", "al-Tahrir"), ("الحسم", "al-Hasm"),
)
CIVIC_CORES = (
    ("الأمل", "al-Amal"), ("الرحمة", "al-Rahma"), ("البناء", "al-Binaa"), ("الغد", "al-Ghad"),
    ("الرافد", "al-Rafid"), ("الينابيع", "al-Yanabi"), ("السنابل", "al-Sanabil"), ("الأفق", "al-Ufuq"),
    ("الضياء", "al-Diyaa"), ("المنارة", "al-Manara"), ("النخيل", "al-Nakhil"), ("الزيتون", "al-Zaitun"),
)
PARTY_CORES = (
    ("الإصلاح", "al-Islah"), ("التقدم", "al-Taqaddum"), ("الوفاق", "al-Wifaq"), ("السيادة", "al-Siyada"),
    ("العدالة", "al-Adala"), ("الوطن", "al-Watan"), ("النهضة", "al-Nahda"), ("المستقبل", "al-Mustaqbal"),
    ("الحكمة", "al-Hikma"), ("القرار", "al-Qarar"), ("الانتماء", "al-Intima"), ("الميثاق", "al-Mithaq"),
)
MEDIA_CORES = (
    ("الحدث", "al-Hadath"), ("المرصد", "al-Marsad"), ("الرائد", "al-Raid"), ("الميدان", "al-Maidan"),
    ("البوصلة", "al-Bawsala"), ("المنبر", "al-Minbar"), ("الشاهد", "al-Shahid"), ("الراصد", "al-Rasid"),
    ("الضفة", "al-Diffa"), ("الرسالة", "al-Risala"),
)
DISTRICTS = (
    ("الشهداء", "al-Shuhada"), ("الصناعة", "al-Sinaa"), ("الأندلس", "al-Andalus"), ("الزيتون", "al-Zaitun"),
    ("القلعة", "al-Qalaa"), ("الرياض", "al-Riyad"), ("الجامعة", "al-Jamia"), ("السوق القديم", "Old Market"),
)
FIRST_NAMES = (
    ("محمد", "Mohammed", "Muhammad"), ("أحمد", "Ahmad", "Ahmed"), ("علي", "Ali", ""),
    ("حسن", "Hasan", "Hassan"), ("حسين", "Husain", "Hussein"), ("عمر", "Omar", "Umar"),
    ("خالد", "Khalid", "Khaled"), ("يوسف", "Yusuf", "Youssef"), ("إبراهيم", "Ibrahim", ""),
    ("سامي", "Sami", ""), ("كريم", "Karim", "Kareem"), ("طارق", "Tariq", "Tarek"),
    ("ماجد", "Majid", "Maged"), ("فيصل", "Faisal", ""), ("نبيل", "Nabil", ""), ("رامي", "Rami", ""),
    ("زياد", "Ziyad", "Ziad"), ("سعد", "Saad", ""), ("هادي", "Hadi", ""), ("عادل", "Adil", "Adel"),
    ("سلمى", "Salma", ""), ("ليلى", "Laila", "Leila"), ("نور", "Nur", "Noor"), ("هدى", "Huda", "Hoda"),
    ("مريم", "Maryam", "Mariam"), ("رنا", "Rana", ""), ("سعاد", "Suad", "Souad"), ("دينا", "Dina", ""),
    ("نادية", "Nadia", ""), ("فاطمة", "Fatima", ""), ("زينب", "Zainab", "Zeinab"), ("أمل", "Amal", ""),
)
FAMILY_NAMES = (
    ("الحداد", "al-Haddad"), ("العبيدي", "al-Ubaidi"), ("الجبوري", "al-Jaburi"), ("الموسوي", "al-Musawi"),
    ("السامرائي", "al-Samarrai"), ("الخزاعي", "al-Khuzai"), ("النجار", "al-Najjar"), ("الراوي", "al-Rawi"),
    ("الشمري", "al-Shammari"), ("التميمي", "al-Tamimi"), ("الدليمي", "al-Dulaimi"), ("الكبيسي", "al-Kubaisi"),
    ("العاني", "al-Ani"), ("البياتي", "al-Bayati"), ("الزبيدي", "al-Zubaidi"), ("الحسيني", "al-Husaini"),
    ("الربيعي", "al-Rubaii"), ("الطائي", "al-Tai"), ("القيسي", "al-Qaisi"), ("الخفاجي", "al-Khafaji"),
    ("عبد الرحيم", "Abd al-Rahim"), ("البصري", "al-Basri"), ("الكعبي", "al-Kabi"), ("السعدي", "al-Saadi"),
    ("الأنصاري", "al-Ansari"), ("الفلاحي", "al-Falahi"), ("العزاوي", "al-Azzawi"), ("الحمداني", "al-Hamdani"),
    ("الجنابي", "al-Janabi"), ("النعيمي", "al-Nuaimi"), ("الكرخي", "al-Karkhi"), ("الزهيري", "al-Zuhairi"),
)

# Topics: (Arabic noun phrase, English noun phrase, tag).
TOPICS = (
    ("الموازنة العامة", "the state budget", "budget"),
    ("أسعار الوقود", "fuel prices", "fuel"),
    ("مشروع السد الجديد", "the new dam project", "dam"),
    ("ترسيم الحدود", "border demarcation", "border"),
    ("إمدادات الكهرباء", "electricity supplies", "electricity"),
    ("إعادة الإعمار", "reconstruction", "reconstruction"),
    ("تقاسم المياه", "water sharing", "water"),
    ("الانتخابات المحلية", "the local elections", "elections"),
    ("الأمن الغذائي", "food security", "food"),
    ("الديون الخارجية", "external debt", "debt"),
    ("النقل العام", "public transport", "transport"),
    ("عودة النازحين", "the return of displaced people", "displacement"),
    ("مكافحة الفساد", "the fight against corruption", "corruption"),
    ("رواتب الموظفين", "public-sector salaries", "salaries"),
    ("الخدمات الصحية", "health services", "health"),
    ("حماية الصحفيين", "the protection of journalists", "press-freedom"),
)

ACTOR_TYPES = ("person", "government", "ministry", "military_body", "armed_group", "organisation",
               "political_bloc", "media_outlet", "base", "country", "place")
# Share of each type among the actors (the rest are people).
TYPE_SHARES = {"country": 0.03, "government": 0.04, "ministry": 0.08, "military_body": 0.07,
               "political_bloc": 0.05, "armed_group": 0.07, "organisation": 0.10,
               "media_outlet": 0.07, "base": 0.03, "place": 0.06}
# Generation order: an actor is only ever affiliated with one generated before it (no cycles).
GENERATION_ORDER = ("country", "government", "ministry", "military_body", "political_bloc", "armed_group",
                    "organisation", "media_outlet", "base", "place", "person")
# Which earlier types an actor of each type may belong to, and how often it has an affiliation.
AFFILIATIONS: dict[str, tuple[float, tuple[str, ...]]] = {
    "government": (0.5, ("country",)),
    "ministry": (0.9, ("government",)),
    "military_body": (0.7, ("ministry", "government")),
    "armed_group": (0.3, ("political_bloc",)),
    "organisation": (0.1, ("government",)),
    "media_outlet": (0.2, ("political_bloc", "organisation")),
    "base": (0.5, ("military_body",)),
    "person": (0.65, ("ministry", "government", "military_body", "political_bloc", "armed_group",
                      "organisation", "media_outlet")),
}
ACTOR_FILES = (
    ("people", ("person",), "People: officials, politicians, activists and commentators."),
    ("states", ("country", "government", "ministry", "military_body", "base"),
     "States, governments, ministries, military bodies and bases."),
    ("groups", ("political_bloc", "armed_group"), "Political blocs and armed groups."),
    ("organisations", ("organisation", "media_outlet"), "Organisations and news outlets."),
    ("places", ("place",), "Cities, districts, ports, dams and border crossings."),
)

# Name patterns per type: (Arabic, English, which core list fills {x}).
NAME_PATTERNS: dict[str, tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]] = {
    "country": (("جمهورية {x}", "Republic of {x}", REGIONS), ("مملكة {x}", "Kingdom of {x}", REGIONS),
                ("إمارة {x}", "Emirate of {x}", REGIONS)),
    "government": (("حكومة {x}", "Government of {x}", REGIONS),
                   ("حكومة إقليم {x}", "{x} Regional Government", REGIONS),
                   ("مجلس محافظة {x}", "{x} Provincial Council", CITIES),
                   ("بلدية {x}", "{x} Municipality", CITIES)),
    "military_body": (("قيادة عمليات {x}", "{x} Operations Command", CITIES),
                      ("قوات حرس {x}", "{x} Guard Forces", REGIONS),
                      ("خفر السواحل في {x}", "{x} Coast Guard", REGIONS),
                      ("هيئة الأركان في {x}", "{x} General Staff", REGIONS),
                      ("قوات التدخل السريع في {x}", "{x} Rapid Intervention Forces", REGIONS),
                      ("الفرقة {x}", "{x} Division", ORDINALS)),
    "armed_group": (("كتائب {x}", "{x} Brigades", GROUP_CORES), ("سرايا {x}", "{x} Companies", GROUP_CORES),
                    ("حركة {x}", "{x} Movement", GROUP_CORES), ("جبهة {x}", "{x} Front", GROUP_CORES),
                    ("ألوية {x}", "{x} Legions", GROUP_CORES)),
    "organisation": (("منظمة {x} للإغاثة", "{x} Relief Organisation", CIVIC_CORES),
                     ("جمعية {x} الخيرية", "{x} Charitable Society", CIVIC_CORES),
                     ("مركز {x} للدراسات", "{x} Centre for Studies", CIVIC_CORES),
                     ("مؤسسة {x} للتنمية", "{x} Development Foundation", CIVIC_CORES),
                     ("اتحاد نقابات {x}", "{x} Federation of Trade Unions", CITIES),
                     ("غرفة تجارة {x}", "{x} Chamber of Commerce", CITIES),
                     ("هيئة مترو {x}", "{x} Metro Authority", CITIES)),
    "political_bloc": (("تحالف {x}", "{x} Alliance", PARTY_CORES), ("قائمة {x}", "{x} List", PARTY_CORES),
                       ("تيار {x}", "{x} Current", PARTY_CORES), ("حزب {x}", "{x} Party", PARTY_CORES),
                       ("كتلة {x} النيابية", "{x} Parliamentary Bloc", PARTY_CORES)),
    "media_outlet": (("صدى {x}", "Sada {x}", CITIES), ("أخبار {x}", "{x} News", CITIES),
                     ("إذاعة {x}", "Radio {x}", CITIES), ("وكالة {x} للأنباء", "{x} News Agency", MEDIA_CORES),
                     ("قناة {x} الفضائية", "{x} TV", MEDIA_CORES)),
    "base": (("قاعدة {x} الجوية", "{x} Air Base", CITIES), ("معسكر {x}", "Camp {x}", CITIES)),
    "place": (("مدينة {x}", "{x}", CITIES), ("حي {x}", "{x} district", DISTRICTS),
              ("ميناء {x}", "Port of {x}", CITIES), ("سد {x}", "{x} Dam", CITIES),
              ("معبر {x} الحدودي", "{x} border crossing", CITIES)),
}
TYPE_TEXTS = {  # (description ar, description en, role ar, role en)
    "person": ("شخصية عامة", "A public figure", "", ""),
    "government": ("سلطة حكومية", "A government authority", "السلطة التنفيذية", "Executive authority"),
    "ministry": ("وزارة حكومية", "A government ministry", "جهة تنفيذية تابعة للحكومة", "Executive body of the government"),
    "military_body": ("تشكيل عسكري رسمي", "An official military formation", "قوة عسكرية نظامية", "Regular military force"),
    "armed_group": ("فصيل مسلح", "An armed faction", "فصيل مسلح غير نظامي", "Irregular armed faction"),
    "organisation": ("منظمة غير حكومية", "A non-governmental organisation", "منظمة مدنية", "Civil organisation"),
    "political_bloc": ("قوة سياسية ممثلة في البرلمان", "A political force represented in parliament", "كتلة سياسية", "Political bloc"),
    "media_outlet": ("وسيلة إعلامية محلية", "A local news outlet", "وسيلة إعلامية", "News outlet"),
    "base": ("منشأة عسكرية", "A military installation", "قاعدة عسكرية", "Military base"),
    "country": ("دولة مجاورة", "A neighbouring state", "دولة", "State"),
    "place": ("موقع جغرافي", "A location", "موقع", "Location"),
}
PERSON_ROLES_AFFILIATED = (
    ("المتحدث باسم {org}", "Spokesperson for {org}"), ("مستشار في {org}", "Adviser at {org}"),
    ("رئيس {org}", "Head of {org}"), ("عضو في {org}", "Member of {org}"),
    ("مدير الإعلام في {org}", "Media director at {org}"),
)
PERSON_ROLES_FREE = (
    ("محلل سياسي", "Political analyst"), ("ناشط مدني", "Civil-society activist"),
    ("أستاذ جامعي", "University professor"), ("شيخ عشيرة", "Tribal sheikh"),
    ("رجل أعمال", "Businessman"), ("صحفي مستقل", "Freelance journalist"), ("نائب في البرلمان", "Member of parliament"),
)
# Types preferred for each role in an event (tried first, most of the time).
ROLE_TYPES = {
    "claimed_by": ("armed_group",),
    "target": ("base", "military_body", "place"),
    "host": ("government", "country", "organisation"),
    "mediator": ("country", "organisation"),
    "speaker": ("person", "ministry", "government"),
    "subject": ("person",),
    "initiator": ("government", "ministry", "political_bloc", "organisation", "person"),
    "participant": ("government", "country", "ministry", "political_bloc", "armed_group"),
    "affected": ("place", "organisation", "person"),
}


@dataclass(frozen=True)
class Kind:
    """A kind of event and how it is told: {A} {B} actors, {T} topic, {P} place, {D} date, {N} number."""

    key: str
    tag: str
    weight: int
    roles: tuple[str, ...]
    min_actors: int
    title_ar: str
    title_en: str
    past: str
    future: str
    summary_ar: str
    summary_en: str
    statuses: tuple[str, ...] = ()
    """Allowed statuses (default: any)."""


KINDS = (
    Kind("talks", "talks", 14, ("participant", "participant", "mediator", "host"), 2,
         "محادثات بين {A} و{B} بشأن {T}", "Talks between {A} and {B} on {T}",
         "عقد {A} و{B} جولة محادثات في {P} {D} لبحث {T}، بمشاركة {N} مسؤولاً.",
         "ومن المقرر أن يعقد {A} و{B} جولة محادثات في {P} {D} لبحث {T}.",
         "اجتمع الطرفان في {P} لبحث {T} بمشاركة **{N}** مسؤولاً، واتفقا على مواصلة الاتصالات.",
         "The two sides met in {P} to discuss {T}, with **{N}** officials taking part, and agreed to stay in contact."),
    Kind("statement", "statements", 14, ("speaker", "subject"), 1,
         "{A} يصدر بياناً بشأن {T}", "{A} issues a statement on {T}",
         "وأصدر {A} {D} بياناً أكد فيه أن ملف {T} يحظى بالأولوية، ودعا {B} إلى التعاون.",
         "ويعتزم {A} إصدار بيان {D} يوضح فيه موقفه من ملف {T}.",
         "أكد البيان أن ملف {T} يحظى بالأولوية، ودعا {B} إلى التعاون.",
         "The statement called {T} a priority and urged {B} to cooperate."),
    Kind("visit", "diplomacy", 10, ("initiator", "host"), 2,
         "زيارة {A} إلى {P}", "{A} visits {P}",
         "ووصل {A} إلى {P} {D} في زيارة رسمية التقى خلالها {B} وبحث معه ملف {T}.",
         "ومن المنتظر أن يصل {A} إلى {P} {D} في زيارة رسمية يلتقي خلالها {B}.",
         "التقى {A} خلال الزيارة {B} وبحث معه ملف {T}.",
         "During the visit {A} met {B} and discussed {T}."),
    Kind("agreement", "agreements", 8, ("participant", "participant", "mediator"), 2,
         "اتفاق بين {A} و{B} حول {T}", "{A} and {B} sign an agreement on {T}",
         "ووقّع {A} و{B} {D} اتفاقاً بشأن {T} يتضمن {N} بنداً، بحسب ما أعلنه الطرفان.",
         "ومن المقرر أن يوقّع {A} و{B} {D} اتفاقاً بشأن {T}.",
         "يتضمن الاتفاق **{N}** بنداً تخص {T}، ولم تُنشر نصوصه كاملة.",
         "The agreement has **{N}** articles on {T}; its full text has not been published."),
    Kind("attack", "security", 10, ("claimed_by", "target", "affected"), 2,
         "هجوم يستهدف {B} في {P}", "Attack on {B} in {P}",
         "وتعرض {B} في {P} {D} لهجوم تبنته {A}، من دون تسجيل إصابات بحسب مصادر أمنية.",
         "",
         "تبنت {A} الهجوم، ولم تُسجل إصابات بحسب مصادر أمنية.",
         "{A} claimed the attack; security sources reported no casualties.",
         statuses=("occurred", "reported", "denied")),
    Kind("protest", "protests", 10, ("initiator", "target"), 2,
         "احتجاجات في {P} بسبب {T}", "Protests in {P} over {T}",
         "وخرج مئات المحتجين في {P} {D} احتجاجاً على {T}، وطالبوا {B} بالاستجابة لمطالبهم خلال {N} يوماً.",
         "ودعا {A} إلى تظاهرة في {P} {D} احتجاجاً على {T}.",
         "دعا {A} إلى الاحتجاج، وطالب المحتجون {B} بالاستجابة خلال **{N}** يوماً.",
         "{A} called the protest; demonstrators gave {B} **{N}** days to respond."),
    Kind("decision", "policy", 12, ("initiator", "affected"), 1,
         "{A} يقر إجراءات جديدة بشأن {T}", "{A} adopts new measures on {T}",
         "وأقر {A} {D} حزمة إجراءات جديدة تخص {T}، تشمل {N} مشروعاً في {P}.",
         "ويعتزم {A} إقرار حزمة إجراءات جديدة تخص {T} {D}.",
         "تشمل الحزمة **{N}** مشروعاً في {P}، ويتأثر بها {B} مباشرة.",
         "The package covers **{N}** projects in {P} and directly affects {B}."),
    Kind("appointment", "appointments", 6, ("initiator", "subject"), 2,
         "تعيين {B} في منصب جديد", "{B} appointed to a new post",
         "وأعلن {A} {D} تعيين {B} في منصب جديد، في خطوة قال إنها تهدف إلى تحسين إدارة ملف {T}.",
         "ومن المتوقع أن يعلن {A} {D} تعيين {B} في منصب جديد يتولى فيه ملف {T}.",
         "قال {A} إن التعيين يهدف إلى تحسين إدارة ملف {T}.",
         "{A} said the appointment was meant to improve the handling of {T}."),
    Kind("conference", "conferences", 8, ("host", "participant", "participant"), 2,
         "مؤتمر في {P} حول {T}", "Conference in {P} on {T}",
         "واستضاف {A} في {P} {D} مؤتمراً حول {T} شارك فيه {N} وفداً، من بينها وفد {B}.",
         "ويستضيف {A} في {P} {D} مؤتمراً حول {T} يُنتظر أن يشارك فيه {N} وفداً.",
         "شارك في المؤتمر **{N}** وفداً، من بينها وفد {B}.",
         "**{N}** delegations attended, among them one from {B}."),
    Kind("report", "reports", 8, ("initiator", "subject"), 1,
         "{A} ينشر تقريراً عن {T}", "{A} publishes a report on {T}",
         "ونشر {A} {D} تقريراً من {N} صفحة عن {T}، انتقد فيه أداء {B}.",
         "ويعتزم {A} نشر تقرير عن {T} {D}.",
         "يقع التقرير في **{N}** صفحة وينتقد أداء {B} في ملف {T}.",
         "The **{N}**-page report criticises the performance of {B} on {T}."),
)
FALLBACK_OTHER = ("الجهات المعنية", "the authorities concerned")

# Statuses: mostly occurred; "future" ones are told as announcements in an earlier article.
STATUS_WEIGHTS = (("occurred", 820), ("announced", 60), ("planned", 50), ("reported", 30),
                  ("ongoing", 20), ("postponed", 10), ("denied", 5), ("cancelled", 5))
FUTURE_STATUSES = ("announced", "planned", "postponed", "cancelled")
# EDTF shapes, per mille.
DATE_SHAPES = (("day", 680), ("month", 120), ("year", 40), ("month~", 50), ("day~", 20),
               ("day?", 30), ("day/day", 40), ("month/month", 20))

FILLERS = (
    ("ويرى مراقبون أن ملف {T} سيبقى في صدارة الاهتمام خلال الأسابيع المقبلة."),
    ("ولم يصدر حتى ساعة نشر هذا الخبر أي تعليق رسمي من الجهات المعنية."),
    ("وتشهد {P} منذ أشهر نقاشاً واسعاً حول {T}."),
    ("وأكد شهود عيان أن الأوضاع في {P} عادت إلى طبيعتها في وقت لاحق."),
    ("ويعد ملف {T} من أكثر الملفات إثارة للجدل في الأوساط السياسية."),
    ("ويتوقع متابعون أن تنعكس هذه التطورات على النقاش البرلماني حول {T}."),
)
TYPO_FILLER = "وأكدت المصادر أن الاجتماع المقبل سيعقد يعد أسبوعين في {P}."
TYPO_EXCERPT = "سيعقد يعد أسبوعين"
QUOTE_CONTEXTS = ("في مؤتمر صحفي", "في تصريح صحفي", "في بيان تلقته الصحيفة", "في حديث لوسائل الإعلام")
QUOTES_PLAIN = (  # (Arabic, faithful English), {T}/{t} the topic
    ("لن نقبل بأي تأجيل جديد في ملف {T}، وسنتابع التنفيذ خطوة بخطوة",
     "We will not accept any new delay on {t}, and we will follow the implementation step by step."),
    ("ما تحقق حتى الآن في ملف {T} خطوة أولى، والطريق ما زال طويلاً",
     "What has been achieved so far on {t} is a first step, and the road is still long."),
    ("نحن مستعدون للحوار مع جميع الأطراف بشأن {T} دون شروط مسبقة",
     "We are ready for dialogue with all parties on {t} without preconditions."),
    ("الحكومة تتحمل المسؤولية الكاملة عن التأخير في ملف {T}",
     "The government bears full responsibility for the delay on {t}."),
    ("نطالب بجدول زمني واضح ومعلن لإنجاز ملف {T}",
     "We demand a clear, public timetable for completing {t}."),
    ("لا نرى حاجة إلى استعجال أي قرار يخص {T} قبل إتمام التشاور",
     "We see no need to rush any decision on {t} before consultations are complete."),
    ("المواطن هو من يدفع ثمن الخلافات السياسية حول {T}",
     "It is the citizen who pays the price of the political disputes over {t}."),
    ("سنعرض نتائج المراجعة الخاصة بملف {T} على الرأي العام خلال أسابيع",
     "We will present the results of the review of {t} to the public within weeks."),
)
QUESTIONS = (  # id, question ar, question en, noun phrase ar, noun phrase en, summary ar, summary en
    ("early-elections", "هل ينبغي إجراء انتخابات مبكرة؟", "Should early elections be held?",
     "إجراء انتخابات مبكرة", "holding early elections",
     "تطالب قوى معارضة بانتخابات مبكرة منذ احتجاجات 2019، وترى الحكومة أن الموعد الدستوري كافٍ.",
     "Opposition forces have called for early elections since the 2019 protests; the government holds that the constitutional date is enough."),
    ("dam-project", "هل ينبغي المضي في مشروع السد الجديد؟", "Should the new dam project go ahead?",
     "المضي في مشروع السد الجديد", "going ahead with the new dam project",
     "يعد السد الجديد أكبر مشروع للبنية التحتية في الملف، ويعترض عليه سكان القرى التي سيغمرها.",
     "The new dam is the largest infrastructure project in the dossier; residents of the villages it would flood oppose it."),
    ("fuel-subsidies", "هل ينبغي رفع الدعم عن أسعار الوقود؟", "Should fuel subsidies be lifted?",
     "رفع الدعم عن أسعار الوقود", "lifting fuel subsidies",
     "يربط المقرضون الدوليون دعم الموازنة برفع الدعم تدريجياً، وتخشى النقابات أثره على الأسعار.",
     "International lenders tie budget support to a gradual end of subsidies; the unions fear the effect on prices."),
    ("border-agreement", "هل ينبغي التصديق على اتفاق ترسيم الحدود؟", "Should the border demarcation agreement be ratified?",
     "التصديق على اتفاق ترسيم الحدود", "ratifying the border demarcation agreement",
     "وُقِّع الاتفاق بالأحرف الأولى ولم يُعرض بعد على البرلمان، وتنقسم الكتل حول بنوده الخاصة بالمياه.",
     "The agreement has been initialled but not yet put to parliament; the blocs are split over its water clauses."),
)
STANCE_QUOTES = {  # stance: (Arabic, English), {Q}/{q} the question's noun phrase
    "supports": ("نؤيد {Q} بلا تردد، فهذا ما ينتظره الناس", "We back {q} without hesitation; it is what people are waiting for."),
    "opposes": ("نرفض {Q} رفضاً قاطعاً في الظروف الحالية", "We firmly reject {q} in the present circumstances."),
    "conditional": ("لا مانع لدينا من {Q} إذا توفرت الضمانات اللازمة", "We have no objection to {q} if the necessary guarantees are in place."),
    "neutral": ("موقفنا من {Q} سيتحدد بعد دراسة جميع الخيارات", "Our position on {q} will be decided after studying all the options."),
    "denies": ("لم يصدر عنا أي موقف بشأن {Q}، وننفي ما نُسب إلينا", "We have issued no position on {q}, and we deny what was attributed to us."),
}
STANCE_WEIGHTS = (("supports", 30), ("opposes", 30), ("conditional", 20), ("neutral", 15), ("denies", 5))
NUANCE_CONDITIONAL = ("يربط موقفه بضمانات لم يحددها.", "Ties the position to guarantees it does not specify.")
NUANCE_OTHER = ("صدر الموقف في خضم خلاف داخلي حول الملف.", "The stance came amid an internal dispute over the issue.")
CHANGE_TEXTS = {
    "event": {"update": ("أُضيف مصدر ثانٍ يؤكد تاريخ الحدث.", "A second source confirming the date was added."),
              "correction": ("صُحح تاريخ الحدث بعد مراجعة النص الأصلي.", "The event's date was corrected after re-reading the original text.")},
    "actor": {"update": ("حُدّث المنصب بعد تغيير حكومي.", "Role updated after a government reshuffle."),
              "correction": ("صُحح الاسم الإنجليزي وفق نظام النقل المعتمد في الملف.", "English spelling corrected to the dossier's transliteration system.")},
    "article": {"update": ("أُضيفت ملاحظة تحريرية عن مصدر الأرقام.", "An editorial note on the source of the figures was added."),
                "correction": ("صُحح تاريخ النشر بعد مقارنة سطر التاريخ بأيام الأسبوع.", "Publication date corrected after checking the dateline against the weekdays.")},
}

SCHEMA_LINE = "# yaml-language-server: $schema={}schemas/{}.schema.json"

# ---------------------------------------------------------------------------
# YAML text, written directly (PyYAML's emitter would take most of the time for L).

_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
_SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_LETTER_RE = re.compile(r"[^\W\d_]")


class Quoted(str):
    """A string always written in double quotes (EDTF dates, which YAML would turn into dates)."""


def _scalar(value: Any) -> str:
    if isinstance(value, bool):  # never produced; guard against a silent YAML boolean
        raise TypeError("booleans are not part of the content model")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (
        not isinstance(value, Quoted)
        and text
        and _LETTER_RE.match(text)
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\n" not in text
        and "\t" not in text
        and text.lower() not in _RESERVED
    ):
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON strings are valid YAML double-quoted scalars


def _entry(prefix: str, key: str, value: Any, indent: int, out: list[str]) -> None:
    if isinstance(value, dict):
        out.append(f"{prefix}{key}:")
        _mapping(value, indent + 2, out)
    elif isinstance(value, list):
        if all(isinstance(item, str) and _SLUG_RE.match(item) and item not in _RESERVED for item in value):
            out.append(f"{prefix}{key}: [{', '.join(value)}]")
        else:
            out.append(f"{prefix}{key}:")
            _sequence(value, indent + 2, out)
    else:
        out.append(f"{prefix}{key}: {_scalar(value)}")


def _mapping(mapping: dict[str, Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in mapping.items():
        _entry(pad, key, value, indent, out)


def _sequence(items: list[Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            prefix = pad + "- "
            for key, value in item.items():
                _entry(prefix, key, value, indent + 2, out)
                prefix = pad + "  "
        else:
            out.append(f"{pad}- {_scalar(item)}")


def _yaml_document(header: list[str], body: dict[str, Any]) -> str:
    out = list(header)
    _mapping(body, 0, out)
    return "\n".join(out) + "\n"


def _yaml_list_file(header: list[str], key: str, records: list[dict[str, Any]]) -> str:
    out = list(header)
    out.append(f"{key}:")
    for index, record in enumerate(records):
        if index:
            out.append("")
        _sequence([record], 2, out)
    return "\n".join(out) + "\n"


def _text(ar: str, en: str) -> dict[str, str]:
    return {"ar": ar, "en": en}


# ---------------------------------------------------------------------------
# Dates


@dataclass(frozen=True)
class Dated:
    """An event date: its EDTF string, earliest day, and the words for it in each language."""

    edtf: str
    lower: dt.date
    ar: str
    en: str
    precise: bool
    """A plain day (no note needed about how precise the source is)."""


def _day_ar(day: dt.date) -> str:
    return f"{day.day} {MONTHS_AR[day.month - 1]} {day.year}"


def _day_en(day: dt.date) -> str:
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def _month_ar(day: dt.date) -> str:
    return f"{MONTHS_AR[day.month - 1]} {day.year}"


def _month_en(day: dt.date) -> str:
    return f"{MONTHS_EN[day.month - 1]} {day.year}"


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _make_date(rng: random.Random, day: dt.date, shape: str) -> Dated:
    if shape == "day":
        return Dated(day.isoformat(), day, f"يوم {WEEKDAYS_AR[day.weekday()]} {_day_ar(day)}",
                     f"on {WEEKDAYS_EN[day.weekday()]} {_day_en(day)}", True)
    if shape == "day~":
        return Dated(f"{day.isoformat()}~", day, f"في {_day_ar(day)} تقريباً", f"around {_day_en(day)}", False)
    if shape == "day?":
        return Dated(f"{day.isoformat()}?", day, f"يوم {_day_ar(day)} على الأرجح", f"probably on {_day_en(day)}", False)
    first = day.replace(day=1)
    if shape == "month":
        return Dated(f"{day:%Y-%m}", first, f"في {_month_ar(day)}", f"in {_month_en(day)}", False)
    if shape == "month~":
        return Dated(f"{day:%Y-%m}~", first, f"في {_month_ar(day)} تقريباً", f"around {_month_en(day)}", False)
    if shape == "year":
        return Dated(f"{day.year}", dt.date(day.year, 1, 1), f"خلال عام {day.year}", f"during {day.year}", False)
    if shape == "day/day":
        end = day + dt.timedelta(days=rng.randint(1, 13))
        if end.month == day.month:
            ar = f"بين {day.day} و{end.day} {_month_ar(day)}"
            en = f"between {day.day} and {_day_en(end)}"
        else:
            ar = f"بين {_day_ar(day)} و{_day_ar(end)}"
            en = f"between {_day_en(day)} and {_day_en(end)}"
        return Dated(f"{day.isoformat()}/{end.isoformat()}", day, ar, en, False)
    assert shape == "month/month", shape
    end = _add_months(first, rng.randint(1, 3))
    return Dated(f"{first:%Y-%m}/{end:%Y-%m}", first, f"بين {_month_ar(first)} و{_month_ar(end)}",
                 f"between {_month_en(first)} and {_month_en(end)}", False)


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    total = sum(weight for _, weight in table)
    pick = rng.randrange(total)
    for value, weight in table:
        if pick < weight:
            return value
        pick -= weight
    raise AssertionError("unreachable")


# ---------------------------------------------------------------------------
# The records, built in memory before anything is written.


@dataclass
class ActorRec:
    index: int
    id: str
    type: str
    ar: str
    en: str
    core_ar: str
    region: str = ""
    """The region in the name (states, governments, ministries...), to affiliate within it."""
    role_ar: str = ""
    role_en: str = ""
    affiliation: str | None = None
    other_names: list[dict[str, str]] = field(default_factory=list)


@dataclass
class EventRec:
    index: int
    id: str
    kind: Kind
    status: str
    date: Dated
    importance: int
    topic: tuple[str, str, str]
    place: tuple[str, str]
    number: int
    actors: list[tuple[ActorRec, str]]
    title_ar: str
    title_en: str
    sentence: str
    sources: list[tuple[int, str]] = field(default_factory=list)
    """(article index, excerpt)."""


@dataclass
class ArticleRec:
    index: int
    published: dt.date
    outlet: ActorRec | None
    city: tuple[str, str]
    primary: list[tuple[EventRec, str]] = field(default_factory=list)
    """Events told in this article and their sentence."""
    secondary: list[tuple[EventRec, str]] = field(default_factory=list)
    """Events an article mentions in passing ("in a related development ...")."""
    extra: list[str] = field(default_factory=list)
    """Planted paragraphs: key figures and discrepancy sides."""
    id: str = ""


def _slug(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")
    if not slug or not slug[0].isalpha():
        slug = "x-" + slug
    return slug


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(template: str, **slots: Any) -> str:
    for key, value in slots.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def _type_counts(total: int) -> dict[str, int]:
    counts = {kind: max(1, int(total * share)) for kind, share in TYPE_SHARES.items()}
    counts["person"] = total - sum(counts.values())
    if counts["person"] < 1:
        raise ValueError(f"too few actors ({total}) for every actor type")
    return counts


def _name_pool(rng: random.Random, actor_type: str, count: int) -> list[tuple[str, str, str, str]]:
    """`count` distinct (name ar, name en, short form ar, region ar) for a type, in a seeded order."""
    if actor_type == "person":
        people = [(f"{f[0]} {s[0]}", f"{f[1]} {s[1]}", s[0], "") for f in FIRST_NAMES for s in FAMILY_NAMES]
        rng.shuffle(people)
        extra = 0
        while len(people) < count:  # add a father's name when the combinations run out
            first, father, family = rng.choice(FIRST_NAMES), rng.choice(FIRST_NAMES[:20]), rng.choice(FAMILY_NAMES)
            extra += 1
            people.append((f"{first[0]} {father[0]} {family[0]}", f"{first[1]} {father[1]} {family[1]} {extra}", family[0], ""))
        return people[:count]
    if actor_type == "ministry":  # a portfolio in a region: "al-Waha Ministry of Finance"
        pool = [(f"وزارة {p[0]} في {r[0]}", f"{r[1]} Ministry of {p[1]}", f"وزارة {p[0]}", r[0])
                for r in REGIONS for p in PORTFOLIOS]
    else:
        pool = [(ar.replace("{x}", core[0]), en.replace("{x}", core[1]), core[0], core[0] if cores is REGIONS else "")
                for ar, en, cores in NAME_PATTERNS[actor_type] for core in cores]
    rng.shuffle(pool)
    names = list(pool)
    round_ = 2
    while len(names) < count:
        names += [(f"{ar} ({round_})", f"{en} ({round_})", core, region) for ar, en, core, region in pool]
        round_ += 1
    return names[:count]


def _make_actors(rng: random.Random, total: int) -> list[ActorRec]:
    counts = _type_counts(total)
    actors: list[ActorRec] = []
    by_type: dict[str, list[ActorRec]] = {t: [] for t in ACTOR_TYPES}
    by_id: dict[str, ActorRec] = {}
    used: set[str] = set()
    for actor_type in GENERATION_ORDER:
        for ar, en, core, region in _name_pool(rng, actor_type, counts[actor_type]):
            ident = _slug(en)
            suffix = 2
            while ident in used:
                ident = f"{_slug(en)}-{suffix}"
                suffix += 1
            used.add(ident)
            actor = ActorRec(len(actors), ident, actor_type, ar, en, core, region)
            chance, parents = AFFILIATIONS.get(actor_type, (0.0, ()))
            candidates = [p for t in parents for p in by_type[t]]
            if candidates and rng.random() < chance:
                # Within the same region when there is one (a ministry of al-Waha's government).
                candidates = [p for p in candidates if region and p.region == region] or candidates
                parent = candidates[rng.randrange(len(candidates))]
                actor.affiliation = parent.id
            if actor_type == "person":
                if actor.affiliation:
                    parent = by_id[actor.affiliation]
                    role_ar, role_en = rng.choice(PERSON_ROLES_AFFILIATED)
                    actor.role_ar, actor.role_en = role_ar.replace("{org}", parent.ar), role_en.replace("{org}", parent.en)
                else:
                    actor.role_ar, actor.role_en = rng.choice(PERSON_ROLES_FREE)
                if rng.random() < 0.4:
                    actor.other_names.append({"name": core, "lang": "ar", "note": "Surname only, as in running text."})
                first_en = en.split(" ")[0]
                alternative = next((f[2] for f in FIRST_NAMES if f[1] == first_en and f[2]), "")
                if alternative and rng.random() < 0.3:
                    actor.other_names.append({"name": alternative + en[len(first_en):], "lang": "en"})
            else:
                _, _, actor.role_ar, actor.role_en = TYPE_TEXTS[actor_type]
                if rng.random() < 0.3 and core != ar:
                    actor.other_names.append({"name": core, "lang": "ar", "note": "Short form used in running text."})
            actors.append(actor)
            by_type[actor_type].append(actor)
            by_id[ident] = actor
    return actors


def _pick(rng: random.Random, pool: list[ActorRec]) -> ActorRec:
    # Skewed towards the start of the pool: a few actors recur often, most rarely (as in the news).
    return pool[int(len(pool) * rng.random() ** 2)]


def _event_actors(rng: random.Random, kind: Kind, by_type: dict[str, list[ActorRec]],
                  everyone: list[ActorRec]) -> list[tuple[ActorRec, str]]:
    count = max(kind.min_actors, int(_weighted(rng, (("1", 25), ("2", 40), ("3", 25), ("4", 10)))))
    roles = list(kind.roles[:count]) + [rng.choice(("participant", "affected", "subject"))
                                        for _ in range(count - len(kind.roles))]
    chosen: list[tuple[ActorRec, str]] = []
    taken: set[str] = set()
    for role in roles:
        preferred = [a for t in ROLE_TYPES[role] for a in by_type[t]] if rng.random() < 0.8 or role == "subject" else []
        pool = preferred or everyone
        for _ in range(6):
            actor = _pick(rng, pool)
            if actor.id not in taken:
                taken.add(actor.id)
                chosen.append((actor, role))
                break
    return chosen


def _make_events(rng: random.Random, count: int, actors: list[ActorRec]) -> list[EventRec]:
    by_type: dict[str, list[ActorRec]] = {t: [] for t in ACTOR_TYPES}
    for actor in actors:
        by_type[actor.type].append(actor)
    # Picks are skewed towards the start of each pool: shuffle once so the frequent actors vary.
    for pool in by_type.values():
        rng.shuffle(pool)
    everyone = list(actors)
    rng.shuffle(everyone)
    span = (LAST_DAY - FIRST_DAY).days
    kind_table = tuple((str(i), k.weight) for i, k in enumerate(KINDS))
    drafts = []
    for order in range(count):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(span + 1))
        date = _make_date(rng, day, _weighted(rng, DATE_SHAPES))
        kind = KINDS[int(_weighted(rng, kind_table))]
        status = _weighted(rng, STATUS_WEIGHTS)
        if kind.statuses and status not in kind.statuses:
            status = "occurred"
        drafts.append((date.lower, order, date, kind, status))
    drafts.sort(key=lambda d: (d[0], d[1]))
    events: list[EventRec] = []
    for index, (_, _, date, kind, status) in enumerate(drafts):
        topic = TOPICS[rng.randrange(len(TOPICS))]
        place = CITIES[rng.randrange(len(CITIES))]
        number = rng.randint(11, 99)
        cast = _event_actors(rng, kind, by_type, everyone)
        a_ar, a_en = (cast[0][0].ar, cast[0][0].en) if cast else FALLBACK_OTHER
        b_ar, b_en = (cast[1][0].ar, cast[1][0].en) if len(cast) > 1 else FALLBACK_OTHER
        slots_ar = {"A": a_ar, "B": b_ar, "T": topic[0], "P": place[0], "N": number, "D": date.ar}
        slots_en = {"A": a_en, "B": b_en, "T": topic[1], "P": place[1], "N": number, "D": date.en}
        future = status in FUTURE_STATUSES and kind.future
        sentence = _fill(kind.future if future else kind.past, **slots_ar)
        ident = f"{kind.key}-{topic[2]}-{date.lower.year}-{index + 1:05d}"
        importance = int(_weighted(rng, (("1", 45), ("2", 40), ("3", 15))))
        events.append(EventRec(index, ident, kind, status, date, importance, topic, place, number, cast,
                               _fill(kind.title_ar, **slots_ar), _cap(_fill(kind.title_en, **slots_en)), sentence))
    return events


def _excerpt_of(rng: random.Random, sentence: str) -> str:
    """The whole sentence, or (sometimes) its first clause: both are verbatim."""
    head, comma, _ = sentence.partition("،")
    if comma and len(head) >= 25 and rng.random() < 0.3:
        return head
    return sentence


SECONDARY = (
    "وتناولت تقارير سابقة خبر «{H}» {D}، وأكدته لاحقاً مصادر رسمية.",
    "وفي سياق متصل، تعيد الأوساط السياسية التذكير بخبر «{H}» {D}، الذي أثار ردود فعل متباينة.",
    "ويأتي ذلك بعد خبر «{H}» {D}، بحسب ما نقلته وسائل إعلام محلية.",
)


def _secondary_sentence(rng: random.Random, event: EventRec) -> str:
    template = SECONDARY[rng.randrange(len(SECONDARY))]
    return template.replace("{H}", event.title_ar).replace("{D}", event.date.ar)


def _assign_sources(rng: random.Random, events: list[EventRec], articles: list[ArticleRec]) -> None:
    """Each event told in one article near its date; a third also mentioned in a later one."""
    total, n_articles = len(events), len(articles)
    published = [a.published for a in articles]  # ascending (articles follow the sorted events)
    for event in events:
        home = event.index * n_articles // total
        if event.status in FUTURE_STATUSES:  # announced ahead: told in an article weeks before
            announced = event.date.lower - dt.timedelta(days=rng.randint(3, 60))
            home = max(0, min(home, bisect.bisect_right(published, announced) - 1))
        article = articles[home]
        article.primary.append((event, event.sentence))
        event.sources.append((home, _excerpt_of(rng, event.sentence)))
        if rng.random() < 0.35 and n_articles > 1:
            other = min(n_articles - 1, home + rng.randint(1, 6))
            if other == home:
                other = home - 1
            sentence = _secondary_sentence(rng, event)
            articles[other].secondary.append((event, sentence))
            excerpt = sentence if rng.random() < 0.5 else f"خبر «{event.title_ar}» {event.date.ar}"
            event.sources.append((other, excerpt))


def _make_articles(rng: random.Random, count: int, events: list[EventRec], actors: list[ActorRec]) -> list[ArticleRec]:
    outlets = [a for a in actors if a.type == "media_outlet"]
    articles: list[ArticleRec] = []
    total = len(events)
    for index in range(count):
        chunk = events[index * total // count:(index + 1) * total // count]
        latest = max((e.date.lower for e in chunk), default=FIRST_DAY)
        published = min(AS_OF, latest + dt.timedelta(days=rng.randint(0, 2)))
        outlet = outlets[rng.randrange(len(outlets))] if outlets and rng.random() < 0.85 else None
        articles.append(ArticleRec(index, published, outlet, CITIES[rng.randrange(len(CITIES))]))
    for article in articles:
        base = article.outlet.id[:28].strip("-") if article.outlet else "unattributed"
        article.id = f"{base}-{article.published:%Y-%m}-{article.index + 1:04d}"
    return articles


# ---------------------------------------------------------------------------
# Writing


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.bytes = 0

    def write(self, relative: str, text: str) -> bytes:
        data = text.encode("utf-8")
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)
        return data


def _changes(rng: random.Random, kind: str, after: dt.date, count: int) -> list[dict[str, Any]]:
    notes = []
    start = max(after, dt.date(2024, 1, 1))
    span = max(0, (AS_OF - start).days)
    for _ in range(count):
        change_kind = "update" if rng.random() < 0.7 else "correction"
        ar, en = CHANGE_TEXTS[kind][change_kind]
        day = start + dt.timedelta(days=rng.randint(0, span))
        notes.append({"date": Quoted(day.isoformat()), "kind": change_kind, "text": _text(ar, en)})
    notes.sort(key=lambda n: str(n["date"]))
    return notes


def _actor_record(rng: random.Random, actor: ActorRec, topics: list[tuple[str, str, str]]) -> dict[str, Any]:
    desc_ar, desc_en, _, _ = TYPE_TEXTS[actor.type]
    t1, t2 = topics
    record: dict[str, Any] = {
        "id": actor.id,
        "type": actor.type,
        "name": _text(actor.ar, actor.en),
        "role": _text(actor.role_ar, actor.role_en),
        "summary": _text(f"{desc_ar}، يرد في الملف في سياق {t1[0]} و{t2[0]}.",
                         f"{desc_en}, appearing in this dossier in connection with {t1[1]} and {t2[1]}."),
    }
    if actor.other_names:
        record["other_names"] = actor.other_names
    if actor.affiliation:
        record["affiliation"] = actor.affiliation
    if rng.random() < 0.02:
        record["updates"] = _changes(rng, "actor", dt.date(2024, 1, 1), 1)
    return record


def _event_record(rng: random.Random, event: EventRec, articles: list[ArticleRec],
                  questions: tuple[tuple[str, ...], ...]) -> tuple[dict[str, Any], int]:
    kind = event.kind
    cast = event.actors
    a = cast[0][0] if cast else None
    b = cast[1][0] if len(cast) > 1 else None
    slots_ar = {"A": a.ar if a else FALLBACK_OTHER[0], "B": b.ar if b else FALLBACK_OTHER[0],
                "T": event.topic[0], "P": event.place[0], "N": event.number}
    slots_en = {"A": a.en if a else FALLBACK_OTHER[1], "B": b.en if b else FALLBACK_OTHER[1],
                "T": event.topic[1], "P": event.place[1], "N": event.number}
    if event.status in FUTURE_STATUSES:
        summary_ar = (f"أُعلن مسبقاً: {event.title_ar} {event.date.ar}. "
                      "لا تؤكد المصادر المتاحة في الملف ما إذا كان قد نُفذ.")
        summary_en = (f"Announced in advance: {event.title_en}, {event.date.en}. "
                      "The sources in this dossier do not confirm whether it went ahead.")
    else:
        summary_ar = _fill(kind.summary_ar, **slots_ar) + f" ويأتي ذلك في سياق الجدل حول {event.topic[0]}."
        summary_en = _cap(_fill(kind.summary_en, **slots_en)) + f" It comes amid the wider debate over {event.topic[1]}."
    record: dict[str, Any] = {
        "id": event.id,
        "date": Quoted(event.date.edtf),
        "status": event.status,
        "importance": event.importance,
        "title": _text(event.title_ar, event.title_en),
        "summary": _text(summary_ar, summary_en),
        "actors": [{"actor": actor.id, "role": role} for actor, role in cast],
        "sources": [{"article": articles[i].id, "excerpt": excerpt} for i, excerpt in event.sources],
        "tags": [kind.tag, event.topic[2]] if rng.random() < 0.7 else [event.topic[2]],
    }
    if not cast:
        del record["actors"]
    if not event.date.precise and rng.random() < 0.5:
        record["date_note"] = _text(f"يذكر المصدر التاريخ {event.date.ar} دون تحديد أدق.",
                                    f"The source gives the date only as {event.date.en}.")
    elif event.date.precise and rng.random() < 0.05:
        record["date_note"] = _text("حُدد اليوم من عبارة «أمس» في مقال نُشر في اليوم التالي.",
                                    "The day was worked out from “yesterday” in an article published the next day.")
    positions = 0
    if cast and rng.random() < 0.03:
        question = questions[rng.randrange(len(questions))]
        position: dict[str, Any] = {"question": question[0], "stance": _weighted(rng, STANCE_WEIGHTS),
                                    "actor": cast[0][0].id}
        if rng.random() < 0.3:
            position["nuance"] = _text(*NUANCE_OTHER)
        position["evidence"] = dict(record["sources"][0])
        record["positions"] = [position]
        positions = 1
    if rng.random() < 0.01:
        record["updates"] = _changes(rng, "event", event.date.lower, rng.randint(1, 2))
    return record, positions


def _dateline(article: ArticleRec, basis: str) -> str:
    parts = [article.outlet.ar] if article.outlet else []
    parts.append(article.city[0])
    if basis != "inferred":
        day = article.published
        parts.append(f"{WEEKDAYS_AR[day.weekday()]} {_day_ar(day)}")
    return " – ".join(parts)


def _article_files(rng: random.Random, article: ArticleRec, persons: list[ActorRec],
                   questions: tuple[tuple[str, ...], ...]) -> tuple[str, dict[str, Any], int, int]:
    """The raw text and the YAML record of one article; also its quote and position counts."""
    told = article.primary or article.secondary
    lead = max(told, key=lambda pair: (pair[0].importance, -pair[0].index))[0] if told else None
    headline_ar = lead.title_ar if lead else f"تطورات ملف {TOPICS[0][0]}"
    headline_en = lead.title_en if lead else f"Developments on {TOPICS[0][1]}"
    basis = _weighted(rng, (("stated", 80), ("inferred", 15), ("header_disagrees", 5)))
    paragraphs = _paragraphs(rng, article)
    quote_records, positions = _quotes(rng, article, told, persons, questions, paragraphs)
    paragraphs += article.extra
    paragraphs += [" ".join(sentence for _, sentence in article.secondary[start:start + 2])
                   for start in range(0, len(article.secondary), 2)]
    notes = _notes(rng, article, told, headline_ar, paragraphs)
    raw = "\n\n".join([_dateline(article, basis), headline_ar] + paragraphs) + "\n"
    ranked = sorted(told, key=lambda pair: (-pair[0].importance, pair[0].index))[:3]
    record: dict[str, Any] = {
        "id": article.id,
        "raw": f"a{article.index + 1:04d}.txt",
        "sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        "language": "ar",
        "outlet": _outlet(article),
        "published": _published(article.published, basis),
        "title": _text(headline_ar, headline_en),
        "summary": _summary(ranked, headline_ar, headline_en),
        "key_points": [_text(f"{e.title_ar} {e.date.ar}.", f"{e.title_en} ({e.date.en}).") for e, _ in ranked],
        "notes": notes,
        "quotes": quote_records,
    }
    for key in ("key_points", "notes", "quotes"):
        if not record[key]:
            del record[key]
    if rng.random() < 0.03:
        record["updates"] = _changes(rng, "article", article.published, 1)
    return raw, record, len(quote_records), positions


def _paragraphs(rng: random.Random, article: ArticleRec) -> list[str]:
    """The article's own events told in paragraphs of one to three sentences, some with a filler."""
    paragraphs: list[str] = []
    current: list[str] = []
    for event, sentence in article.primary:
        current.append(sentence)
        if len(current) >= rng.randint(1, 3):
            if rng.random() < 0.4:
                filler = FILLERS[rng.randrange(len(FILLERS))]
                current.append(_fill(filler, T=event.topic[0], P=event.place[0]))
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _quotes(rng: random.Random, article: ArticleRec, told: list[tuple[EventRec, str]], persons: list[ActorRec],
            questions: tuple[tuple[str, ...], ...], paragraphs: list[str]) -> tuple[list[dict[str, Any]], int]:
    """One to three quotes, each written into `paragraphs` at a random place, by speakers
    from the article's own events when possible; also how many take a position."""
    topics = [e.topic for e, _ in told] or [TOPICS[0]]
    speakers = [a for e, _ in told for a, _ in e.actors if a.type == "person"]
    n_quotes = rng.randint(1, 3)
    records: list[dict[str, Any]] = []
    plain_order = list(range(len(QUOTES_PLAIN)))
    rng.shuffle(plain_order)
    used_questions: set[str] = set()
    for number in range(n_quotes):
        speaker = speakers[rng.randrange(len(speakers))] if speakers and rng.random() < 0.7 else persons[rng.randrange(len(persons))]
        topic = topics[rng.randrange(len(topics))]
        question = questions[rng.randrange(len(questions))]
        plain = QUOTES_PLAIN[plain_order[number % len(plain_order)]]
        text_ar, text_en, position = _quote_text(rng, question, used_questions, topic, plain)
        context = QUOTE_CONTEXTS[rng.randrange(len(QUOTE_CONTEXTS))]
        who = f"{speaker.ar}، {speaker.role_ar}،" if speaker.role_ar else speaker.ar
        paragraph = f"وقال {who} {context}: «{text_ar}». "
        paragraph += _fill(FILLERS[rng.randrange(len(FILLERS))], T=topic[0], P=article.city[0])
        paragraphs.insert(min(len(paragraphs), 1 + rng.randrange(max(1, len(paragraphs)))), paragraph)
        record: dict[str, Any] = {"id": f"quote-{article.index + 1:04d}-{number + 1}", "speaker": speaker.id,
                                  "excerpt": text_ar, "translation_en": text_en}
        if rng.random() < 0.7:
            said = article.published - dt.timedelta(days=rng.randint(0, 1))
            record["date"] = Quoted(said.isoformat())
        if position:
            record["positions"] = [position]
        records.append(record)
    return records, sum(1 for record in records if "positions" in record)


def _quote_text(rng: random.Random, question: tuple[str, ...], used_questions: set[str], topic: tuple[str, str, str],
                plain: tuple[str, str]) -> tuple[str, str, dict[str, Any] | None]:
    """A quote in Arabic and English: a stance on `question` (each question once an
    article), with its position, or else a plain remark on the topic."""
    if rng.random() < 0.35 and question[0] not in used_questions:
        used_questions.add(question[0])
        stance = _weighted(rng, STANCE_WEIGHTS)
        q_ar, q_en = STANCE_QUOTES[stance]
        position: dict[str, Any] = {"question": question[0], "stance": stance}
        if stance == "conditional":
            position["nuance"] = _text(*NUANCE_CONDITIONAL)
        elif rng.random() < 0.2:
            position["nuance"] = _text(*NUANCE_OTHER)
        return q_ar.replace("{Q}", question[3]), q_en.replace("{q}", question[4]), position
    q_ar, q_en = plain
    return q_ar.replace("{T}", topic[0]), q_en.replace("{t}", topic[1]), None


def _notes(rng: random.Random, article: ArticleRec, told: list[tuple[EventRec, str]], headline_ar: str,
           paragraphs: list[str]) -> list[dict[str, Any]]:
    """Editorial notes on a few articles: a typo, context, and a scraped "read also" line
    (the typo and the line are added to `paragraphs`)."""
    notes: list[dict[str, Any]] = []
    if rng.random() < 0.05:
        paragraphs.append(_fill(TYPO_FILLER, P=article.city[0]))
        notes.append({"kind": "typo", "text": _text("«يعد» خطأ مطبعي صوابه «بعد».", "“يعد” is a typo for “بعد” (after)."),
                      "excerpt": TYPO_EXCERPT})
    if rng.random() < 0.1:
        notes.append({"kind": "context", "text": _text(
            "لا يذكر المقال مصدر الأرقام الواردة فيه، ولم يتسن التحقق منها من مصدر آخر.",
            "The article does not say where its figures come from; they could not be checked against another source.")})
    if rng.random() < 0.15:
        other = told[rng.randrange(len(told))][0] if told else None
        read_also = f"اقرأ أيضاً: {other.title_ar if other else headline_ar}"
        paragraphs.append(read_also)
        notes.append({"kind": "scraping_artifact", "text": _text(
            "السطر الأخير رابط «اقرأ أيضاً» التقطه الاستخلاص من الصفحة وليس جزءاً من الخبر.",
            "The last line is a “Read also” link picked up by the scraper; it is not part of the report."),
            "excerpt": read_also})
    return notes


def _published(day: dt.date, basis: str) -> dict[str, Any]:
    published: dict[str, Any] = {"date": Quoted(day.isoformat()), "basis": basis}
    if basis == "stated":
        published["reasoning"] = _text(
            f"سطر التاريخ يذكر «{WEEKDAYS_AR[day.weekday()]} {_day_ar(day)}»، واليوم والتاريخ متوافقان.",
            f"The dateline reads “{WEEKDAYS_EN[day.weekday()]} {_day_en(day)}”, and the weekday matches the date.")
    elif basis == "inferred":
        published["reasoning"] = _text(
            "لا يحمل النص تاريخاً؛ يُستنتج يوم النشر من أحدث حدث يرويه المقال بصيغة «أمس».",
            "The text carries no date; the publication day is inferred from the latest event it reports as “yesterday”.")
    else:
        published["reasoning"] = _text(
            "تظهر في ترويسة الصفحة تاريخ اليوم السابق، لكن سطر التاريخ ويوم الأسبوع يؤكدان تاريخ النشر المسجل.",
            "The page header shows the previous day, but the dateline and its weekday confirm the recorded date.")
        published["header_date"] = Quoted((day - dt.timedelta(days=1)).isoformat())
    return published


def _outlet(article: ArticleRec) -> dict[str, Any]:
    if article.outlet:
        return {
            "name": _text(article.outlet.ar, article.outlet.en),
            "basis": _text("اسم الوسيلة مذكور في سطر التاريخ في أول المقال.",
                           "The outlet's name opens the dateline at the top of the article."),
            "actor": article.outlet.id,
        }
    return {"name": _text("وسيلة غير محددة", "Unidentified outlet"),
            "basis": _text("لا يذكر النص المستخلص اسم الوسيلة.", "The scraped text does not name the outlet.")}


def _summary(ranked: list[tuple[EventRec, str]], headline_ar: str, headline_en: str) -> dict[str, str]:
    if len(ranked) >= 2:
        return _text(f"تغطي المقالة تطورات عدة، أبرزها: {ranked[0][0].title_ar}، و{ranked[1][0].title_ar}.",
                     f"The article covers several developments, chiefly “{ranked[0][0].title_en}” and “{ranked[1][0].title_en}”.")
    return _text(f"تغطي المقالة خبراً واحداً: {headline_ar}.", f"The article covers one development: “{headline_en}”.")


FIGURES = (  # sentence ar with {v}, value ar, value en, label ar, label en, value range
    ("وتبلغ الكلفة التقديرية لمشروع السد الجديد {v} مليار دينار بحسب بيانات رسمية.",
     "{v} مليار دينار", "{v} billion dinars", "الكلفة التقديرية لمشروع السد الجديد", "Estimated cost of the new dam project"),
    ("ويبلغ عدد النازحين الذين عادوا إلى مناطقهم {v} ألف شخص منذ بداية العام.",
     "{v} ألف", "{v},000", "النازحون العائدون إلى مناطقهم منذ بداية العام", "Displaced people who have returned home this year"),
    ("وارتفع العجز في الموازنة العامة إلى {v} في المئة من الناتج المحلي.",
     "{v} في المئة", "{v}%", "عجز الموازنة العامة نسبةً إلى الناتج المحلي", "Budget deficit as a share of GDP"),
)


def _plant_dossier_evidence(rng: random.Random, articles: list[ArticleRec]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Key figures and the discrepancy: sentences planted in chosen articles, cited verbatim."""
    n = len(articles)
    figures = []
    values = (f"{rng.randint(21, 99) / 10:.1f}", str(rng.randint(11, 95)), str(rng.randint(3, 12)))
    for slot, (sentence, value_ar, value_en, label_ar, label_en) in enumerate(FIGURES):
        article = articles[(slot + 1) * n // 4]
        text = sentence.replace("{v}", values[slot])
        article.extra.append(text)
        figures.append({"value": _text(value_ar.replace("{v}", values[slot]), value_en.replace("{v}", values[slot])),
                        "label": _text(label_ar, label_en),
                        "source": {"article": article.id, "excerpt": text}})
    city = CITIES[rng.randrange(len(CITIES))]
    low, high = rng.randint(8, 15) * 100, rng.randint(17, 30) * 100
    first, second = articles[n // 3], articles[min(n - 1, n // 3 + 2)]
    side_1 = f"وأفادت السلطات المحلية بأن عدد المتضررين من فيضانات {city[0]} بلغ {low} شخص"
    side_2 = f"بينما قدّرت منظمات الإغاثة عدد المتضررين من فيضانات {city[0]} بنحو {high} شخص"
    first.extra.append(side_1 + "، وأن فرق الدفاع المدني أنهت عمليات الإجلاء.")
    second.extra.append(side_2 + "، مشيرة إلى أن الأرقام الرسمية لا تشمل القرى النائية.")
    discrepancy = {
        "id": "flood-victims-count",
        "topic": _text(f"عدد المتضررين من فيضانات {city[0]}", f"Number of people affected by the {city[1]} floods"),
        "explanation": _text(
            f"تذكر السلطات المحلية {low} متضرر، وتقدّر منظمات الإغاثة العدد بنحو {high}. يعرض الملف الرقمين دون ترجيح.",
            f"Local authorities give {low} people affected; relief organisations estimate about {high}. "
            "The dossier shows both without choosing."),
        "sides": [{"article": first.id, "excerpt": side_1}, {"article": second.id, "excerpt": side_2}],
    }
    return figures, discrepancy


def _dossier(rng: random.Random, size: str, seed: int, spec: Size, events: list[EventRec],
             figures: list[dict[str, Any]], discrepancy: dict[str, Any]) -> dict[str, Any]:
    def latest(predicate: Any, count: int) -> list[str]:
        found = [e.id for e in reversed(events) if predicate(e)][:count]
        return found or [events[-1].id]

    judgments = [
        {"text": _text("تشير الاتفاقات المتتالية بين الأطراف الرئيسية إلى مسار تفاوضي مستقر رغم التوترات الأمنية.",
                       "Successive agreements between the main parties point to a stable negotiating track despite the security tensions."),
         "confidence": "high",
         "events": latest(lambda e: e.kind.key == "agreement" and e.importance == 3 and e.status == "occurred", 4)},
        {"text": _text("من المرجح أن تستمر الهجمات على المنشآت العسكرية ما لم تُحسم الخلافات السياسية.",
                       "Attacks on military facilities are likely to continue unless the political disputes are settled."),
         "confidence": "moderate",
         "events": latest(lambda e: e.kind.key == "attack" and e.importance >= 2, 3)},
        {"text": _text("قد تتحول الاحتجاجات المتفرقة إلى حركة أوسع إذا تأخرت الإصلاحات الموعودة.",
                       "Scattered protests could grow into a wider movement if the promised reforms are delayed."),
         "confidence": "low",
         "events": latest(lambda e: e.kind.key == "protest", 2)},
    ]
    watch_topic = TOPICS[rng.randrange(len(TOPICS))]
    watch = [
        {"text": _text(f"تنفيذ الخطوات المعلنة في الأشهر المقبلة، ولا سيما ما يتعلق بملف {watch_topic[0]}.",
                       f"Whether the announced steps are carried out in the coming months, especially on {watch_topic[1]}."),
         "events": latest(lambda e: e.status in ("planned", "announced"), 2)},
        {"text": _text("ردود فعل الفصائل المسلحة على أي اتفاق جديد.", "How the armed factions react to any new agreement."),
         "events": latest(lambda e: e.kind.key == "attack", 1)},
    ]
    return {
        "title": _text(f"أزمة الواحة 2016–2025 (ملف اصطناعي، الحجم {size})",
                       f"The al-Waha crisis, 2016–2025 (synthetic dossier, size {size})"),
        "as_of": Quoted(AS_OF.isoformat()),
        "bottom_line": _text(
            "بعد عشر سنوات من المفاوضات المتقطعة، ما زالت ملفات **الموازنة** و**المياه** و**الحدود** "
            "عالقة بين الأطراف، وتتكرر الهجمات والاحتجاجات كلما تعثرت المحادثات. "
            "هذا الملف اصطناعي ومولَّد آلياً لقياس الأداء، ولا يصف أحداثاً حقيقية.",
            "After ten years of on-and-off negotiations, the **budget**, **water** and **border** files "
            "remain unresolved between the parties, and attacks and protests recur whenever the talks stall. "
            "This dossier is synthetic and machine-generated for benchmarking; it describes no real events."),
        "description": _text(
            f"ملف اصطناعي ثنائي اللغة مولَّد آلياً لقياس أداء مولِّد المواقع: {spec.events} حدث و{spec.actors} جهة و{spec.articles} مقال.",
            f"A machine-generated bilingual dossier for benchmarking the site generator: "
            f"{spec.events} events, {spec.actors} actors and {spec.articles} articles."),
        "about": _text(
            f"**هذا ملف اصطناعي.** ولّده البرنامج `bench/synthetic.py` (الحجم {size}، البذرة {seed}) من قوائم "
            "كلمات صغيرة، فالدول والمدن والجهات والأشخاص والصحف فيه خيالية. كل مقتطف منسوخ حرفياً من نص "
            "المقال الخام الذي كُتب ليحتويه، وكل مقال محفوظ مع بصمة SHA-256، كما في الملفات الحقيقية.",
            f"**This is a synthetic dossier.** It was generated by `bench/synthetic.py` (size {size}, seed {seed}) "
            "from small word lists, so its states, cities, bodies, people and outlets are fictional. Every excerpt "
            "is copied verbatim from a raw article written to contain it, and every article is kept with its "
            "SHA-256 fingerprint, as in a real dossier."),
        "key_judgments": judgments,
        "key_figures": figures,
        "what_to_watch": watch,
        "discrepancies": [discrepancy],
        "questions": [{"id": q[0], "text": _text(q[1], q[2]), "summary": _text(q[5], q[6])} for q in QUESTIONS],
        "updates": [
            {"date": Quoted("2025-06-30"), "kind": "update",
             "text": _text("أُضيفت أحداث النصف الأول من عام 2025.", "Events of the first half of 2025 were added.")},
            {"date": Quoted("2025-11-15"), "kind": "correction",
             "text": _text("صُحح رقم عجز الموازنة بعد مراجعة المصدر.", "The budget-deficit figure was corrected after checking the source.")},
        ],
        "locale_ar": "ar_IQ",
        "locale_en": "en_GB",
        "chronology_order": "oldest_first",
    }


def _prepare(target: Path, overwrite: bool) -> None:
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} is not a folder")
    if target.is_dir() and any(target.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{target} is not empty; pass overwrite=True (--force) to replace its dossier files")
        # Only what this generator writes: dossier.yaml and the three record folders' files.
        (target / "dossier.yaml").unlink(missing_ok=True)
        for folder, patterns in (("articles", ("*.yaml", "*.txt")), ("events", ("*.yaml",)), ("actors", ("*.yaml",))):
            for pattern in patterns:
                for path in sorted((target / folder).glob(pattern)):
                    path.unlink()


def write_dossier(target_content_dir: Path, size: str, seed: int = 2024, *, overwrite: bool = False) -> SyntheticStats:
    """Write a complete, valid synthetic content folder of the given size ("S", "M" or "L").

    The same size and seed always give byte-identical files. `target_content_dir` is the
    `content/` folder itself; it must be empty or missing unless `overwrite` is true (then
    only dossier.yaml, articles/*.txt|yaml, events/*.yaml and actors/*.yaml are replaced).
    """
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; expected one of {', '.join(SIZES)}")
    spec = SIZES[size]
    target = Path(target_content_dir)
    _prepare(target, overwrite)
    rng = random.Random(seed)

    actors = _make_actors(rng, spec.actors)
    events = _make_events(rng, spec.events, actors)
    articles = _make_articles(rng, spec.articles, events, actors)
    _assign_sources(rng, events, articles)
    figures, discrepancy = _plant_dossier_evidence(rng, articles)
    persons = [a for a in actors if a.type == "person"]

    writer = _Writer(target)
    quotes = positions = 0
    for article in articles:
        raw, record, n_quotes, n_positions = _article_files(rng, article, persons, QUESTIONS)
        quotes += n_quotes
        positions += n_positions
        stem = f"a{article.index + 1:04d}"
        writer.write(f"articles/{stem}.txt", raw)
        headline = record["title"]["en"]
        writer.write(f"articles/{stem}.yaml", _yaml_document(
            [SCHEMA_LINE.format("../../", "article"), f"# Synthetic article {article.index + 1}: {headline}"], record))

    by_year: dict[int, list[dict[str, Any]]] = {}
    for event in events:
        record, n_positions = _event_record(rng, event, articles, QUESTIONS)
        positions += n_positions
        by_year.setdefault(event.date.lower.year, []).append(record)
    for year in sorted(by_year):
        records = by_year[year]
        writer.write(f"events/{year}.yaml", _yaml_list_file(
            [SCHEMA_LINE.format("../../", "events"), f"# Synthetic events dated {year} ({len(records)} events)."],
            "events", records))

    for name, types, description in ACTOR_FILES:
        records = [_actor_record(rng, a, rng.sample(TOPICS, 2)) for a in actors if a.type in types]
        writer.write(f"actors/{name}.yaml", _yaml_list_file(
            [SCHEMA_LINE.format("../../", "actors"), f"# Synthetic actors. {description}"], "actors", records))

    dossier = _dossier(rng, size, seed, spec, events, figures, discrepancy)
    writer.write("dossier.yaml", _yaml_document(
        [SCHEMA_LINE.format("../", "dossier"), f"# Synthetic benchmark dossier, size {size}, seed {seed}."], dossier))

    return SyntheticStats(events=len(events), actors=len(actors), articles=len(articles), quotes=quotes,
                          positions=positions, files=writer.files, bytes=writer.bytes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synthetic",
        description="Write a deterministic synthetic dossier into DIR/content/ and print its stats as JSON.")
    parser.add_argument("--size", required=True, choices=sorted(SIZES), help="S, M or L (see bench/README.md)")
    parser.add_argument("--out", required=True, type=Path, help="project folder; the dossier goes to DIR/content/")
    parser.add_argument("--seed", type=int, default=2024, help="random seed (default: 2024)")
    parser.add_argument("--force", action="store_true", help="replace the dossier files of an existing DIR/content/")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        stats = write_dossier(args.out / "content", args.size, args.seed, overwrite=args.force)
    except (FileExistsError, NotADirectoryError) as problem:
        print(f"nothing written: {problem}", file=sys.stderr)
        return 1
    seconds = round(time.perf_counter() - started, 3)
    print(json.dumps({"size": args.size, "seed": args.seed, **asdict(stats), "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

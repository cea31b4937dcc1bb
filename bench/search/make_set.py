#!/usr/bin/env python3
"""A seeded synthetic test set for search (issue 19): N cases as JSON Lines for
`lifeline import`, and a query set naming the case each query is meant to find.

Everything is invented: surnames from syllables and the suffixes of Russian, Ukrainian and
Belarusian surnames, common given names, numbered example units and invented towns, and
messages from a list of everyday words. A fifth of the names are written in Latin letters,
each in one of the romanisations people and passports use (ICAO 9303, BGN/PCGN, GOST 7.79 B,
German, French, Belarusian Łacinka). Usage:

    make_set.py --cases 1000000 --queries 2000 --seed 19 OUT_DIR

writes OUT_DIR/cases.jsonl (line N is case N once imported into an empty store) and
OUT_DIR/queries.jsonl ({"kind", "q", "case"}).
"""
import argparse
import json
import os
import random

SYLLABLES = ("ба бо бу ва ве ви во га го гу да де ди до ду жу за зо ка ке ки ко ку ла ле ли ло лу "
             "ма ме ми мо му на не ни но ну па пе пи по ра ре ри ро ру са се си со су та те ти то "
             "ту фе фи фо ха хо це ча че чу ша ше шу щу ще ю я ё жи ны ры сы").split()
SUFFIXES = {
    "ru": ["ов", "ев", "ин", "ёв", "ский", "цкий", "ых", "ишин", "ушкин", "ищев"],
    "uk": ["енко", "ук", "чук", "юк", "ський", "ич", "ишин", "ець", "ій"],
    "be": ["ёнак", "віч", "ка", "скі", "оў", "ук", "еня", "ёў"],
}
GIVEN = {
    "ru": "Александр Алексей Андрей Артём Борис Вадим Василий Виктор Владимир Дмитрий Евгений "
          "Егор Иван Игорь Илья Кирилл Константин Максим Михаил Никита Николай Олег Павел Пётр "
          "Роман Сергей Степан Фёдор Юрий Ярослав Семён Вячеслав Григорий Тимофей".split(),
    "uk": "Олександр Олексій Андрій Богдан Василь Віктор Володимир Дмитро Євген Іван Ігор "
          "Максим Михайло Микола Олег Павло Петро Роман Сергій Тарас Юрій Ярослав Степан "
          "Григорій Кирило".split(),
    "be": "Аляксандр Аляксей Андрэй Васіль Віктар Уладзімір Дзмітрый Яўген Іван Ігар Максім "
          "Міхаіл Мікалай Алег Павел Пятро Раман Сяргей Юрый Ягор Кірыл Арцём".split(),
}
WORDS = ("прошу помочь хочу сдаться перейти связаться вечером утром ночью часть отправка переход "
         "семья жена мать отец брат сестра дети телефон неделя срочно командир приказ сосед граница "
         "позиция окоп блиндаж посадка лес поле дорога мост река деревня город дом подвал машина "
         "броня танк миномёт дрон связь рация плен безопасно боюсь ранен болен лекарства еда вода "
         "холодно дождь снег сегодня завтра послезавтра через два три дня неделю месяц когда где "
         "как можно нужно надо будем ждём ждать выйти пройти сказать написать позвонить ответить "
         "тихо громко быстро медленно вместе один одна трое четверо пятеро взвод рота батальон "
         "полк старший младший сержант рядовой лейтенант капитан майор контракт мобилизован "
         "повестка военкомат учебка полигон эшелон поезд автобус грузовик бензин патроны "
         "оружие автомат гранаты бронежилет каска форма сапоги спальник палатка костёр "
         "кухня столовая санчасть медик врач госпиталь раненый убитый пропал вернуться домой "
         "остаться здесь там туда сюда вперёд назад налево направо север юг восток запад "
         "пожалуйста спасибо извините понимаю знаю думаю верю надеюсь прошу помогите").split()
# Rarer words, each in few messages: what an operator remembers of one.
RARE = [a + b + c for a in SYLLABLES[:30] for b in SYLLABLES[10:40] for c in ("к", "нь", "ло", "ца")]
TOWNS = [a + b + c for a in SYLLABLES for b in SYLLABLES[:20] for c in ("во", "ск", "град", "ино", "ка")]

# --- romanisations (lower case; the first letter is capitalised after) -------------------
VOWELS = set("аеёиоуыэюяіїєў")
COMMON = dict(а="a", б="b", в="v", г="g", д="d", з="z", и="i", к="k", л="l", м="m", н="n",
              о="o", п="p", р="r", с="s", т="t", у="u", ф="f")

def scheme(overrides):
    table = dict(COMMON)
    table.update(overrides)
    return table

SCHEMES = {
    # ICAO 9303 (Russian passports since 2013)
    "icao": scheme(dict(е="e", ё="e", ж="zh", й="i", х="kh", ц="ts", ч="ch", ш="sh", щ="shch",
                        ъ="ie", ы="y", ь="", э="e", ю="iu", я="ia", і="i", ї="i", є="ie", ґ="g",
                        ў="u")),
    # BGN/PCGN (е is ye at the start and after vowels: handled below)
    "bgn": scheme(dict(е="e", ё="ë", ж="zh", й="y", х="kh", ц="ts", ч="ch", ш="sh", щ="shch",
                       ъ="\u201d", ы="y", ь="\u2019", э="e", ю="yu", я="ya", і="i", ї="yi",
                       є="ye", ґ="g", ў="w")),
    # GOST 7.79 system B
    "gost": scheme(dict(е="e", ё="yo", ж="zh", й="j", х="x", ц="cz", ч="ch", ш="sh", щ="shh",
                        ъ="``", ы="y'", ь="`", э="e`", ю="yu", я="ya", і="i", ї="yi", є="ye",
                        ґ="g", ў="u")),
    # German (Duden)
    "german": scheme(dict(в="w", е="e", ё="jo", ж="sch", з="s", й="i", х="ch", ц="z",
                          ч="tsch", ш="sch", щ="schtsch", ъ="", ы="y", ь="", э="e", ю="ju",
                          я="ja", і="i", ї="ji", є="je", ґ="g", ў="w")),
    # French (older Soviet passports)
    "french": scheme(dict(е="e", ё="io", ж="j", й="i", х="kh", ц="ts", ч="tch", ш="ch",
                          щ="chtch", ъ="", ы="y", ь="", э="e", ю="iou", я="ia", у="ou", і="i",
                          ї="i", є="ie", ґ="g", ў="ou")),
    # Belarusian Łacinka (also read for Ukrainian and Russian names here)
    "lacinka": scheme(dict(г="h", е="e", ё="io", ж="ž", й="j", х="ch", ц="c", ч="č", ш="š",
                           щ="šč", ъ="", ы="y", ь="", э="e", ю="iu", я="ia", і="i", ї="ji",
                           є="je", ґ="g", ў="ŭ", л="l")),
    # the official Ukrainian romanisation (2010) and Belarusian (ICAO-like) for their letters
    "national": scheme(dict(г="h", е="e", ё="io", ж="zh", й="i", х="kh", ц="ts", ч="ch",
                            ш="sh", щ="shch", ъ="", ы="y", ь="", э="e", ю="iu", я="ia", и="y",
                            і="i", ї="i", є="ie", ґ="g", ў="u")),
}
SCHEME_WEIGHTS = [("icao", 40), ("bgn", 15), ("national", 15), ("gost", 5), ("german", 10),
                  ("french", 10), ("lacinka", 5)]
INITIAL_IOTATED = {"bgn": dict(е="ye", ё="yë"), "german": dict(е="je"), "icao": {}, "gost": {},
                   "french": {}, "lacinka": dict(е="je", ю="ju", я="ja", ё="jo"),
                   "national": dict(є="ye", ю="yu", я="ya", ї="yi", й="y")}


def romanise(word, name):
    table, initial = SCHEMES[name], INITIAL_IOTATED[name]
    out = []
    for i, ch in enumerate(word.lower()):
        start = i == 0 or word[i - 1].lower() in VOWELS or word[i - 1].lower() in "ьъ"
        out.append(initial.get(ch, table.get(ch, ch)) if start else table.get(ch, ch))
    text = "".join(out)
    return text[:1].upper() + text[1:]


LATIN_TYPO = "abcdefghijklmnoprstuvyz"
CYRILLIC_TYPO = "абвгдежзиклмнопрстуфхцчшщыэюя"


def typo(word, rng):
    """One edit: a letter changed, dropped, doubled or two swapped (not the first letter)."""
    letters = CYRILLIC_TYPO if any("а" <= c.lower() <= "я" for c in word) else LATIN_TYPO
    i = rng.randrange(1, len(word))
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + rng.choice([c for c in letters if c != word[i].lower()]) + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    if i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + rng.choice(letters) + word[i + 1:]


def phone(rng):
    return "9" + "".join(str(rng.randrange(10)) for _ in range(9))


PHONE_FORMATS = [lambda n: f"+7 {n[:3]} {n[3:6]}-{n[6:8]}-{n[8:]}", lambda n: f"8{n}",
                 lambda n: f"8 ({n[:3]}) {n[3:6]}-{n[6:8]}-{n[8:]}", lambda n: f"+7{n}", lambda n: n]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--surname-syllables", default="2,2,3",
                        help="syllable counts a surname is drawn from (2,2,3: a third have three); "
                             "3,3,4 gives a sparser set, where a typo is rarely one letter from "
                             "another surname")
    parser.add_argument("out")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    # Queries added after the set was first made draw from their own generator, so that the
    # cases (and stores imported from them) stay as they were.
    later_rng = random.Random(args.seed + 1)
    os.makedirs(args.out, exist_ok=True)
    word_weights = [1 / (i + 1) for i in range(len(WORDS))]  # Zipf
    queried = set(rng.sample(range(1, args.cases + 1), args.queries))
    syllable_counts = [int(n) for n in args.surname_syllables.split(",")]
    queries = []
    with open(os.path.join(args.out, "cases.jsonl"), "w", encoding="utf-8") as cases:
        for case in range(1, args.cases + 1):
            language = rng.choices(["ru", "uk", "be"], [70, 20, 10])[0]
            surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice(syllable_counts)))
            surname = (surname + rng.choice(SUFFIXES[language])).capitalize()
            given = rng.choice(GIVEN[language])
            words = [given, surname]
            if language == "ru" and rng.random() < 0.3:  # a patronymic
                father = rng.choice(GIVEN["ru"])
                words.insert(1, father.rstrip("йь") + ("евич" if father[-1] in "йь" else "ович"))
            if rng.random() < 0.5:
                words = words[-1:] + words[:-1]  # surname first
            latin_scheme = None
            if rng.random() < 0.2:
                latin_scheme = rng.choices([s for s, _ in SCHEME_WEIGHTS], [w for _, w in SCHEME_WEIGHTS])[0]
                name = " ".join(romanise(w, latin_scheme) for w in words)
            else:
                name = " ".join(words)
            unit = f"{40000 + rng.randrange(200000):06d}"
            message = rng.choices(WORDS, word_weights, k=rng.randrange(18, 76))
            for _ in range(2):
                message.insert(rng.randrange(len(message)), rng.choice(RARE))
            number = phone(rng)
            channel = rng.choices(["sms", "telegram", "signal", "none"], [40, 30, 20, 10])[0]
            record = {
                "name": name, "situation": rng.choice(["serving", "mobilized_training", "at_front",
                                                       "expecting_mobilization"]),
                "unit": f"часть-пример {unit}", "location": rng.choice(TOWNS).capitalize(),
                "message": " ".join(message).capitalize() + ".", "contact_channel": channel,
                "contact_handle": "" if channel == "none" else
                (rng.choice(PHONE_FORMATS)(number) if channel in ("sms", "signal") else f"@synthetic_{case}"),
                "received_on": f"2026-{rng.randrange(1, 12):02d}-{rng.randrange(1, 29):02d}",
            }
            cases.write(json.dumps(record, ensure_ascii=False) + "\n")
            if case not in queried:
                continue
            other = rng.choice(["icao", "bgn", "national", "german", "french", "gost", "lacinka"])
            written = romanise(surname, latin_scheme) if latin_scheme else surname
            queries.append({"kind": "exact_surname", "q": written, "case": case})
            by = rng.choice(["cyrillic", "latin"])
            queries.append({"kind": "typo", "script": by, "case": case,
                            "q": typo(surname if by == "cyrillic" else romanise(surname, "icao"), rng)})
            queries.append({"kind": "other_script", "case": case,
                            "q": surname if latin_scheme else romanise(surname, other)})
            queries.append({"kind": "unit", "q": unit, "case": case})
            # The given name and the surname with one typo, as an operator types a name a
            # caller spells out.
            by = later_rng.choice(["cyrillic", "latin"])
            in_script = (lambda w: w) if by == "cyrillic" else (lambda w: romanise(w, "icao"))
            queries.append({"kind": "name_typo", "script": by, "case": case,
                            "q": in_script(given) + " " + typo(in_script(surname), later_rng)})
            rare = [w for w in message if w in RARE] or message[:2]
            queries.append({"kind": "message_words", "q": " ".join(rare[:2]), "case": case})
            if channel in ("sms", "signal"):
                queries.append({"kind": "phone", "q": rng.choice(PHONE_FORMATS)(number), "case": case})
    with open(os.path.join(args.out, "queries.jsonl"), "w", encoding="utf-8") as out:
        for q in queries:
            out.write(json.dumps(q, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

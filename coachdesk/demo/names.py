"""Fictional people for the demo vault: names, addresses, backgrounds.

Every person here is invented. The names reflect who coaches work with
(Arabic, Turkish, Ukrainian, Farsi, Kurdish, Tigrinya, German), some written
in Arabic script or Cyrillic as they appear on documents. Texts are in
German, as a coach in Germany writes them.
"""

from __future__ import annotations

# (origin, first names, last names, languages, interpreter language)
NAME_GROUPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str, str], ...] = (
    (
        "arabic",
        ("Fatima", "Amina", "Rana", "Layla", "Nour", "Hala", "Samira", "Yasmin", "Rasha", "Aya"),
        ("Al-Hassan", "Haddad", "Khalil", "Mansour", "Saleh", "Darwish", "Nasser", "Hamdan"),
        "Arabisch, etwas Englisch",
        "Arabisch",
    ),
    (
        "arabic_script",
        ("فاطمة", "آمنة", "ليلى", "نور", "سميرة", "رشا"),
        ("الحسن", "حداد", "خليل", "منصور", "درويش"),
        "Arabisch",
        "Arabisch",
    ),
    (
        "turkish",
        ("Ayşe", "Gülşen", "İpek", "Elif", "Hatice", "Zeynep", "Özlem", "Şükran", "Büşra"),
        ("Yılmaz", "Öztürk", "Çelik", "Doğan", "Şahin", "Kılıç", "Aydın", "Güneş", "Işık"),
        "Türkisch, Deutsch",
        "Türkisch",
    ),
    (
        "ukrainian",
        ("Olena", "Iryna", "Oksana", "Kateryna", "Natalia", "Yuliia", "Tetiana", "Svitlana"),
        ("Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Tkachenko", "Kravchenko"),
        "Ukrainisch, Russisch, Englisch",
        "Ukrainisch",
    ),
    (
        "cyrillic",
        ("Олена", "Ірина", "Оксана", "Катерина", "Наталія", "Юлія"),
        ("Коваленко", "Шевченко", "Бондаренко", "Мельник", "Ткаченко"),
        "Ukrainisch, Russisch",
        "Ukrainisch",
    ),
    (
        "farsi",
        ("Maryam", "Zahra", "Fatemeh", "Shirin", "Parisa", "Leila", "Mahsa", "Narges"),
        ("Ahmadi", "Hosseini", "Rezaei", "Karimi", "Mohammadi", "Jafari", "Rahimi"),
        "Farsi, Dari",
        "Farsi",
    ),
    (
        "farsi_script",
        ("مریم", "زهرا", "شیرین", "پریسا"),
        ("احمدی", "حسینی", "رضایی", "کریمی"),
        "Farsi",
        "Farsi",
    ),
    (
        "kurdish",
        ("Berfin", "Rojin", "Zilan", "Nesrin", "Hêvî", "Jiyan", "Şîlan", "Dilan"),
        ("Bozan", "Xelîl", "Zêbarî", "Rashid", "Amedî", "Botan"),
        "Kurmancî, Arabisch",
        "Kurmancî",
    ),
    (
        "german",
        ("Jördis", "Bärbel", "Käthe", "Sünje", "Anna-Lena", "Maike", "Jana", "Dörte"),
        ("Müller", "Schäfer", "Köhler", "Bäcker", "Größer", "Weiß", "Jürgens", "Löffler"),
        "Deutsch",
        "",
    ),
    (
        "tigrinya",
        ("Selam", "Helen", "Saba", "Mebrat", "Rahel"),
        ("Tesfay", "Gebremedhin", "Haile", "Kidane"),
        "Tigrinya, Arabisch",
        "Tigrinya",
    ),
)

# The passport spellings of the names written in Arabic script (a coach types them from the
# passport: Arabic script leaves out the short vowels a transliteration would need).
# Cyrillic names take the suggested spelling (Ukrainian national transliteration).
LATIN_SPELLINGS = {
    "فاطمة": "Fatima",
    "آمنة": "Amina",
    "ليلى": "Layla",
    "نور": "Nour",
    "سميرة": "Samira",
    "رشا": "Rasha",
    "الحسن": "Al-Hassan",
    "حداد": "Haddad",
    "خليل": "Khalil",
    "منصور": "Mansour",
    "درويش": "Darwish",
    "مریم": "Maryam",
    "زهرا": "Zahra",
    "شیرین": "Shirin",
    "پریسا": "Parisa",
    "احمدی": "Ahmadi",
    "حسینی": "Hosseini",
    "رضایی": "Rezaei",
    "کریمی": "Karimi",
}

# How often each group appears (weights; Latin-script names dominate, as in the files).
NAME_WEIGHTS = (16, 5, 18, 14, 5, 12, 4, 10, 10, 6)

STREETS = (
    "Lindenstraße",
    "Am Mühlbach",
    "Gartenweg",
    "Schillerstraße",
    "Hüttenstraße",
    "Birkenallee",
    "Kirchplatz",
    "Bahnhofstraße",
    "Rosenhöhe",
    "Fröbelweg",
)
CITY = "47110 Lindenfeld"

PROGRAMMES = ("MY TURN", "Stark im Beruf")

RESIDENCE = (
    "Niederlassungserlaubnis",
    "Aufenthaltserlaubnis § 24 AufenthG",
    "Aufenthaltserlaubnis § 25 Abs. 2 AufenthG",
    "Aufenthaltserlaubnis Familiennachzug",
    "Deutsche Staatsangehörigkeit",
    "EU-Freizügigkeit",
)

QUALIFICATIONS = (
    "Abitur im Herkunftsland, Studium der Pädagogik (nicht anerkannt)",
    "9 Jahre Schule, keine Berufsausbildung",
    "Ausbildung als Schneiderin im Herkunftsland",
    "Bachelor Buchhaltung, Anerkennung beantragt",
    "Krankenschwester, Anerkennung läuft",
    "Hauptschulabschluss in Deutschland",
    "Lehrerin für Mathematik, 6 Jahre Berufserfahrung",
)

WORK_EXPERIENCE = (
    "Mitarbeit im Familienbetrieb (Einzelhandel)",
    "Reinigungskraft im Minijob, 2 Jahre",
    "Näherin in einer Textilfabrik",
    "Keine Erwerbstätigkeit in Deutschland, Familienarbeit",
    "Verkäuferin in einer Bäckerei",
    "Aushilfe in der Altenpflege",
)

FAMILY = (
    "Alleinerziehend, zwei Kinder im Grundschulalter",
    "Verheiratet, drei Kinder, jüngstes Kind 2 Jahre",
    "Verheiratet, ein Kind in der Kita",
    "Alleinerziehend, ein Kind unter 3 Jahren",
    "Verheiratet, Kinder erwachsen",
)

CHILDCARE = (
    "Kita-Platz vorhanden (bis 14 Uhr)",
    "Auf der Warteliste der Kita Sonnenblume",
    "Betreuung durch die Großmutter an zwei Tagen",
    "Offene Ganztagsschule bis 16 Uhr",
    "",
)

HEALTH = (
    "Rückenbeschwerden, kein schweres Heben",
    "Schwangerschaft, Entbindung voraussichtlich im Sommer",
    "Belastung durch Fluchterfahrung, in Beratung",
)

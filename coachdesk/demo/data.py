"""Fictional content for the demo vault: the coach, partner organisations, offers, goals.

Every organisation and person here is invented (the participants' names are in
``names``). Texts are in German, as a coach in Germany writes them.
"""

from __future__ import annotations

from coachdesk.models.enums import MilestoneKind, OrganisationKind

# (title, description, milestones: (title, kind))
GOALS: tuple[tuple[str, str, tuple[tuple[str, MilestoneKind], ...]], ...] = (
    (
        "Deutsch auf B1-Niveau",
        "Integrationskurs abschließen und DTZ-Prüfung bestehen",
        (
            ("Anmeldung zum Integrationskurs", MilestoneKind.MILESTONE),
            ("Telefonat mit der Kita selbst auf Deutsch geführt", MilestoneKind.LANGUAGE),
            ("DTZ-Prüfung B1 bestanden", MilestoneKind.MILESTONE),
        ),
    ),
    (
        "Ausbildung in der Pflege beginnen",
        "Pflegefachassistenz ab Herbst, Praktikum vorab",
        (
            ("Praktikum im Pflegeheim (2 Wochen)", MilestoneKind.MILESTONE),
            ("Allein mit Bus und Bahn zum Praktikum gefahren", MilestoneKind.MOBILITY),
            ("Ausbildungsvertrag unterschrieben", MilestoneKind.MILESTONE),
        ),
    ),
    (
        "Kinderbetreuung sichern",
        "Voraussetzung für Kurs und Arbeit",
        (
            ("Kita-Antrag gestellt", MilestoneKind.DOCUMENTS),
            ("Kita-Platz ab August zugesagt", MilestoneKind.CHILDCARE_SOLVED),
        ),
    ),
    (
        "Teilzeitstelle im Einzelhandel",
        "20 Stunden, vormittags, im Stadtteil",
        (
            ("Bewerbungsmappe fertig", MilestoneKind.MILESTONE),
            ("E-Mail-Adresse eingerichtet, erste Bewerbung online", MilestoneKind.DIGITAL_SKILLS),
            ("Vorstellungsgespräch geübt und selbst vorgestellt", MilestoneKind.CONFIDENCE),
            ("Probearbeiten vereinbart", MilestoneKind.MILESTONE),
        ),
    ),
    (
        "Anerkennung des Berufsabschlusses",
        "Unterlagen übersetzen lassen, Antrag bei der Anerkennungsstelle",
        (
            ("Zeugnisse beglaubigt übersetzen lassen", MilestoneKind.DOCUMENTS),
            ("Beratung bei der Anerkennungsberatung wahrgenommen", MilestoneKind.NETWORK),
            ("Bescheid über Teilanerkennung erhalten", MilestoneKind.MILESTONE),
        ),
    ),
    (
        "Selbstständig Termine bei Behörden wahrnehmen",
        "Ohne Begleitung zum Jobcenter und zur Ausländerbehörde",
        (
            ("Termin beim Jobcenter allein wahrgenommen", MilestoneKind.CONFIDENCE),
            ("Im Frauencafé von ihren Erfahrungen erzählt", MilestoneKind.NETWORK),
            ("Online-Terminbuchung selbst genutzt", MilestoneKind.DIGITAL_SKILLS),
        ),
    ),
    (
        "Minijob als Einstieg",
        "Erste Arbeitserfahrung in Deutschland",
        (
            ("Lebenslauf am Computer geschrieben", MilestoneKind.DIGITAL_SKILLS),
            ("Fahrrad-Kurs für Frauen besucht", MilestoneKind.MOBILITY),
            ("Arbeitsvertrag Minijob", MilestoneKind.MILESTONE),
        ),
    ),
)

# (title, description, target group, schedule, location, childcare, languages, capacity)
MODULES: tuple[tuple[str, str, str, str, str, bool, str, int], ...] = (
    (
        "Bewerbungstraining",
        "Lebenslauf, Anschreiben, Vorstellungsgespräch üben",
        "Teilnehmerinnen mit Deutsch ab A2",
        "dienstags 9:00–12:00",
        "Stadtteilzentrum Nordstadt, Raum 2",
        True,
        "Deutsch, Arabisch",
        12,
    ),
    (
        "Mutter-Kind-Sprachkurs",
        "Deutsch lernen mit Kinderbetreuung im Nebenraum",
        "Mütter mit Kindern unter 3 Jahren",
        "montags und donnerstags 9:30–11:30",
        "Müttercafé Lindenfeld",
        True,
        "Deutsch",
        10,
    ),
    (
        "Kompetenzfeststellung",
        "Stärken und Interessen erkennen, Kompetenzpass",
        "alle neuen Teilnehmerinnen",
        "zwei Tage nach Vereinbarung",
        "Bildungswerk, Hauptstraße 5",
        False,
        "Deutsch, Türkisch, Ukrainisch",
        8,
    ),
    (
        "Job-Speed-Dating",
        "Arbeitgeber aus Pflege, Handel und Gastronomie stellen sich vor",
        "Teilnehmerinnen kurz vor dem Übergang",
        "einmal im Quartal, 10:00–13:00",
        "Jobcenter Lindenfeld, Foyer",
        True,
        "Deutsch",
        30,
    ),
    (
        "Jobmesse Frauen & Beruf",
        "Messe mit Beratungsständen und Kinderbetreuung",
        "alle Teilnehmerinnen",
        "jährlich im Frühjahr",
        "Stadthalle Lindenfeld",
        True,
        "Deutsch, Englisch",
        200,
    ),
    (
        "Digitale Grundkompetenzen",
        "Smartphone, E-Mail, Online-Formulare, Jobbörse",
        "Teilnehmerinnen ohne Computererfahrung",
        "mittwochs 13:00–15:00",
        "VHS Lindenfeld, EDV-Raum",
        False,
        "Deutsch, Farsi",
        10,
    ),
    (
        "Berufsorientierung Pflege und Erziehung",
        "Schnuppertage in Pflegeheim und Kita",
        "Interessentinnen für soziale Berufe",
        "nach Vereinbarung",
        "Partnerbetriebe",
        False,
        "Deutsch",
        6,
    ),
    (
        "Mobilitätstraining",
        "Fahrradkurs für Frauen und Busfahren üben",
        "Teilnehmerinnen mit langen Wegen",
        "samstags 10:00–12:00 (April bis Oktober)",
        "Verkehrsübungsplatz Süd",
        True,
        "Deutsch, Arabisch, Kurmancî",
        8,
    ),
)

# (name, kind, address, [(contact name, role title)], [(topic, target group)])
ORGANISATIONS: tuple[
    tuple[str, OrganisationKind, str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]],
    ...,
] = (
    (
        "Jobcenter Lindenfeld",
        OrganisationKind.JOB_CENTRE,
        "Am Rathaus 1, 47110 Lindenfeld",
        (
            ("Sabine Krüger", "Integrationsfachkraft"),
            ("Thomas Weiß", "Integrationsfachkraft"),
            ("Derya Aksoy", "Integrationsfachkraft"),
            ("Michael Schröder", "Integrationsfachkraft"),
            ("Jutta Größer", "Beauftragte für Chancengleichheit am Arbeitsmarkt (BCA)"),
        ),
        (
            ("Kooperationsplan und Eingliederung", "Nachnamen A–K"),
            ("Kooperationsplan und Eingliederung", "Nachnamen L–Z"),
            ("Quartalsauswertung MY TURN", "BCA"),
        ),
    ),
    (
        "Agentur für Arbeit Lindenfeld",
        OrganisationKind.EMPLOYMENT_AGENCY,
        "Bahnhofstraße 40, 47110 Lindenfeld",
        (("Frank Hübner", "Berufsberatung im Erwerbsleben"),),
        (("Berufsberatung und Weiterbildung", "Erwachsene"),),
    ),
    (
        "BAMF Regionalstelle",
        OrganisationKind.BAMF,
        "Postfach 12 34, 47100 Lindenfeld",
        (("Karin Schmitz", "Regionalkoordinatorin Integrationskurse"),),
        (("Integrationskurse, Berufssprachkurse", "Zugewanderte"),),
    ),
    (
        "Migrationsberatung für erwachsene Zuwanderer (MBE)",
        OrganisationKind.MIGRATION_COUNSELLING,
        "Kirchplatz 3, 47110 Lindenfeld",
        (("Nadia Benali", "Beraterin"), ("Stefan Kühn", "Berater")),
        (("Aufenthalt, Familiennachzug, Anerkennung", "Zugewanderte ab 27 Jahren"),),
    ),
    (
        "Ausländerbehörde Lindenfeld",
        OrganisationKind.IMMIGRATION_OFFICE,
        "Am Rathaus 3, 47110 Lindenfeld",
        (("Petra Vogel", "Sachbearbeiterin"),),
        (("Aufenthaltstitel, Verlängerungen", "alle"),),
    ),
    (
        "Sozialamt Lindenfeld",
        OrganisationKind.SOCIAL_WELFARE_OFFICE,
        "Am Rathaus 5, 47110 Lindenfeld",
        (("Ralf Dietrich", "Sachbearbeiter"),),
        (("Leistungen nach dem AsylbLG", "Geflüchtete ohne SGB-II-Anspruch"),),
    ),
    (
        "Volkshochschule Lindenfeld",
        OrganisationKind.ADULT_EDUCATION_CENTRE,
        "Schillerstraße 20, 47110 Lindenfeld",
        (("Monika Lange", "Fachbereich Deutsch als Zweitsprache"),),
        (("Integrationskurse mit Kinderbetreuung", "Mütter"),),
    ),
    (
        "Frauenverein Brücke e.V.",
        OrganisationKind.MIGRANT_ORGANISATION,
        "Hüttenstraße 8, 47110 Lindenfeld",
        (("Hêvîn Doğan", "Vorsitzende"), ("Oksana Marchenko", "Peer-Mentorin")),
        (("Peer-Mentoring und Frauencafé", "Frauen mit Migrationserfahrung"),),
    ),
    (
        "Kita Sonnenblume",
        OrganisationKind.CHILDCARE,
        "Rosenhöhe 2, 47110 Lindenfeld",
        (("Ute Brandt", "Kita-Leitung"),),
        (("Kita-Plätze, Eingewöhnung", "Kinder 1–6 Jahre"),),
    ),
    (
        "Pflegedienst Am Park GmbH",
        OrganisationKind.EMPLOYER,
        "Parkstraße 14, 47110 Lindenfeld",
        (("Heike Mertens", "Pflegedienstleitung"),),
        (("Praktika und Ausbildung Pflegefachassistenz", "Quereinsteigerinnen"),),
    ),
    (
        "Bäckerei Özdemir",
        OrganisationKind.EMPLOYER,
        "Marktplatz 7, 47110 Lindenfeld",
        (("Murat Özdemir", "Inhaber"),),
        (("Teilzeitstellen im Verkauf", "vormittags"),),
    ),
    (
        "Stadtteilzentrum Nordstadt",
        OrganisationKind.OTHER,
        "Birkenallee 30, 47110 Lindenfeld",
        (("Gisela Franke", "Quartiersmanagement"),),
        (("Räume für Gruppenangebote", "Projekte im Stadtteil"),),
    ),
)

COACH_NAME = "Miriam Löwe"

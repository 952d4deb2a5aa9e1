"""Fictional phrases for the demo vault: interpreters, meeting texts, agreements, handovers.

Invented people and texts, in German as a coach in Germany writes them.
"""

from __future__ import annotations

INTERPRETERS = {
    "Arabisch": "Samir Haddad (Dolmetscher Arabisch)",
    "Türkisch": "Gül Yıldız (Dolmetscherin Türkisch)",
    "Ukrainisch": "Ганна Петренко (Dolmetscherin Ukrainisch)",
    "Farsi": "Hamid Sadeghi (Dolmetscher Farsi)",
    "Kurmancî": "Rojda Çiçek (Dolmetscherin Kurmancî)",
    "Tigrinya": "Yonas Berhe (Dolmetscher Tigrinya)",
}

DISABILITY_OFFICER = "Andrea Vogt (Reha-Beratung, Agentur für Arbeit)"
PEER_MENTOR = "Oksana Marchenko (Peer-Mentorin, Frauenverein Brücke)"

MEETING_LOCATIONS = (
    "Jobcenter Lindenfeld, Raum 114",
    "Müttercafé Lindenfeld",
    "Stadtteilzentrum Nordstadt",
    "Büro MY TURN, Hüttenstraße 8",
)

AGENDAS = (
    "Stand Sprachkurs; Kinderbetreuung; nächste Schritte",
    "Rückmeldung Praktikum; Bewerbungen; Kooperationsplan",
    "Zwischenstand; Module; Ziele für das nächste Quartal",
    "Übergang in Arbeit; Nachbetreuung",
)

SUMMARIES = (
    "{name} berichtet vom Sprachkurs und fühlt sich sicherer am Telefon. "
    "Gemeinsam vereinbart: Bewerbungstraining ab nächstem Monat.",
    "{name} hat das Praktikum erfolgreich abgeschlossen; der Betrieb bietet ein weiteres "
    "Gespräch an. Jobcenter und Coach unterstützen mit einer Stimme.",
    "Kinderbetreuung ist noch offen; {name} sucht mit Unterstützung der Kita einen Platz. "
    "Bis dahin Teilnahme am Mutter-Kind-Sprachkurs.",
    "{name} möchte in den Einzelhandel. Kompetenzfeststellung zeigt Stärken im Kundenkontakt.",
)

INTERNAL_NOTES = (
    "Wirkte heute müde; nach der Situation zu Hause fragen.",
    "Ehemann sieht Arbeitsaufnahme kritisch, Gespräch behutsam führen.",
    "Vertraulich: finanzielle Sorgen wegen Rückforderung.",
    "",
)

AGREEMENTS = (
    ("participant", "Zeugnisse zur Übersetzung einreichen"),
    ("coach", "Kontakt zur Kita Sonnenblume herstellen"),
    ("integration_officer", "Kostenübernahme für den Sprachkurs prüfen"),
    ("participant", "Drei Bewerbungen schreiben und mitbringen"),
    ("coach", "Termin für das Job-Speed-Dating reservieren"),
    ("integration_officer", "Kooperationsplan aktualisieren"),
)

HANDOVER_TEXT = {
    "reason": "Zuweisung in das Programm zur beruflichen Orientierung",
    "situation": "Lebt seit einigen Jahren in Deutschland, betreut Kinder, möchte arbeiten.",
    "expectations": "Orientierung, Sprachförderung, Unterstützung bei Bewerbungen",
    "strengths": "Motiviert, zuverlässig, gute Organisation der Familie",
    "obstacles": "Kinderbetreuung, Sprachniveau, fehlende Anerkennung",
    "next_steps": "Kompetenzfeststellung, Bewerbungstraining, Dreiergespräch in 8 Wochen",
    "recommendation": "Weiterführung der Begleitung bis zur Arbeitsaufnahme",
}

CONSENT_PURPOSE = "Abstimmung der Förderung zwischen Coach und Jobcenter im Programm"

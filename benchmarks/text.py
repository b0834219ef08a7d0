"""Deterministic, varied supervision prose for the synthetic corpus.

Sentences are assembled from fragments so that no two notes are alike and a word search finds a
realistic share of sessions (some words are common, some rare).
"""

from __future__ import annotations

import random

FIRST = [
    "Alex", "Sam", "Jordan", "Priya", "Tomasz", "Amara", "Niamh", "Kwame", "Leila", "Owen",
    "Farah", "Joel", "Ines", "Marek", "Hana", "Callum", "Zainab", "Rhys", "Mei", "Dara",
]
LAST = [
    "Rivera", "Okafor", "Nowak", "Shah", "Byrne", "Mensah", "Haddad", "Price", "Lindqvist",
    "Costa", "Doyle", "Ahmed", "Kowalski", "Tanaka", "Evans", "Murphy", "Bianchi", "Osei",
]
ROLES = [
    "Social worker", "Senior practitioner", "Family support worker", "Mental health nurse",
    "Clinical psychologist", "Youth worker", "Occupational therapist", "Counsellor",
]

SUBJECTS = [
    "The supervisee", "We", "They", "The team", "The family", "The young person",
    "The manager", "The duty worker", "The school", "The GP", "The housing officer",
]
VERBS = [
    "described", "reflected on", "questioned", "worried about", "noticed", "explained",
    "explored", "returned to", "felt uneasy about", "agreed to revisit", "challenged",
    "summarised", "linked back to", "were surprised by", "reconsidered",
]
OBJECTS = [
    "the home visit last Tuesday", "the pattern of missed appointments", "the risk assessment",
    "the chronology", "the relationship with the foster carers", "the tension in the team",
    "the sense of being stuck", "the mother's account of the weekend", "the referral threshold",
    "the strengths the family showed", "the caseload pressure", "the boundaries of the role",
    "the contact arrangements", "the escalation route", "the safety plan",
    "the conversation with the paediatrician", "the impact of the long drive to visits",
    "the learning from the serious case review", "the evidence for the hypothesis",
    "the supervisee's own values", "the multi-agency meeting", "the transition plan",
    "the wellbeing of the worker", "the disagreement about thresholds",
]
TAILS = [
    "", "", "", " in some detail", " with real honesty", " and what it meant for practice",
    " before the core group", " in the light of the policy", " without reaching a view",
    " and named the feeling as frustration", " and asked what good would look like",
    " which raised a safeguarding question", " and agreed it needs more evidence",
    " and how it echoed an earlier case", " and what the research suggests",
]
RARE = [
    "attachment", "genogram", "mentalisation", "countertransference", "kinship",
    "advocacy", "deprivation", "neurodivergence", "interpreter", "homelessness",
]
HEADINGS = [
    "Caseload review", "Case discussion", "Wellbeing", "Learning and development",
    "Review of actions", "Risk and strengths", "Reflection", "Workload",
]


def sentence(rng: random.Random) -> str:
    text = (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."
    )
    if rng.random() < 0.08:
        text += f" The word {rng.choice(RARE)} came up."
    return text


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def notes(rng: random.Random, target: int = 3000) -> str:
    """Markdown notes of about `target` characters: headed paragraphs, some timestamps."""
    parts: list[str] = []
    size = 0
    while size < target:
        heading = f"## {rng.choice(HEADINGS)}"
        stamp = f"[{rng.randint(9, 16):02d}:{rng.randint(0, 59):02d}] "
        body = stamp + paragraph(rng, rng.randint(3, 6))
        parts += [heading, body]
        size += len(heading) + len(body) + 4
    return "\n\n".join(parts) + "\n"


def name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


WORDS = ["tired", "hopeful", "stretched", "steady", "relieved", "anxious", "clearer", "proud",
         "flat", "energised", "unsure", "settled"]


def rng_title(rng: random.Random) -> str:
    """An agenda item title."""
    return f"{rng.choice(HEADINGS)}: {rng.choice(OBJECTS)}"

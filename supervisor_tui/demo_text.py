"""Wording for the demo data set: invented people, de-identified cases, notes and decisions.

Everything here is fictional. `{ref}` is replaced by a case reference (initials or a case number).
"""

from __future__ import annotations

from supervisor_tui.domain.enums import DecisionFlag, Function, RiskLevel
from supervisor_tui.domain.quality import QUALITY_QUESTIONS

#: Supervisees: agreement rule and length, cases with their risk, and the wellbeing trend
#: (opening score at the first session, change per session).
PEOPLE = [
    {
        "name": "Maya Fernhill",
        "role": "Child-protection social worker",
        "rrule": "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU",
        "minutes": 90,
        "cases": [("C-1042", RiskLevel.HIGH), ("JT", RiskLevel.MEDIUM),
                  ("C-0987", RiskLevel.HIGH), ("RB", RiskLevel.LOW), ("C-1120", RiskLevel.MEDIUM)],
        "wellbeing": (4.4, -0.35),
    },
    {
        "name": "Tom Larkspur",
        "role": "Community mental-health nurse",
        "rrule": "FREQ=WEEKLY;INTERVAL=4;BYDAY=MO",
        "minutes": 60,
        "cases": [("MH-3310", RiskLevel.HIGH), ("KD", RiskLevel.MEDIUM), ("MH-2874", RiskLevel.LOW),
                  ("SW", RiskLevel.MEDIUM)],
        "wellbeing": (2.2, 0.4),
        "adults": True,
    },
    {
        "name": "Priya Sandmoor",
        "role": "Newly qualified social worker",
        "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        "minutes": 90,
        "cases": [("AB", RiskLevel.MEDIUM), ("C-1177", RiskLevel.LOW), ("LM", RiskLevel.MEDIUM)],
        "wellbeing": (2.8, 0.12),
    },
    {
        "name": "Jo Brackenbury",
        "role": "Senior practitioner",
        "rrule": "FREQ=MONTHLY;BYDAY=1TH",
        "minutes": 60,
        "cases": [("C-0815", RiskLevel.HIGH), ("EF", RiskLevel.LOW), ("C-0902", RiskLevel.MEDIUM),
                  ("GH", RiskLevel.LOW), ("C-0950", RiskLevel.MEDIUM), ("PQ", RiskLevel.LOW)],
        "wellbeing": (4.0, 0.0),
    },
]

CONFIDENTIALITY = (
    "What is said in supervision stays between us and is recorded only in this record. "
    "Both of us can read the record at any time."
)
EXCEPTIONS = (
    "Confidentiality does not hold where there is a risk of serious harm to a child, an adult "
    "at risk, the supervisee or others, or where practice falls below professional standards. "
    "The supervisor will say so in the session before sharing anything."
)
RECORDS_TERMS = (
    "The supervisor writes the record during the session; the supervisee reads and initials it "
    "at the end. Case decisions are copied into the case file within two working days."
)

#: Case discussions for workers with children and families.
CASE_NOTES_CHILDREN = [
    "{ref}: the home visit last week went ahead, though the family asked for it to be cut short. "
    "We went through what was seen and heard, and separated what was observed from what was "
    "reported by others.\n\nThe worker noticed feeling relieved when the visit ended early and "
    "wondered whether that relief shaped what got asked. We named that honestly.",
    "{ref}: the school has raised attendance again (three days missed this half term). We "
    "looked at what sits behind the absences rather than the numbers alone, and at what the "
    "young person has said about it in their own words.\n\nStrengths: a grandparent who is "
    "consistently present, and the young person's trust in one teacher.",
    "{ref}: the chronology is up to date. Laid side by side, the last four incidents show a "
    "pattern around weekends and contact handovers that was not visible one at a time.\n\n"
    "We talked about what the evidence supports and what is still a hypothesis, and what "
    "would change the current view of risk.",
    "{ref}: partner agencies disagree about the level of concern. The worker feels caught "
    "between the health visitor's worry and the police view that nothing meets threshold.\n\n"
    "We mapped each agency's information and what each of them has not seen.",
    "{ref}: steady. The plan is working and the family are engaging with the parenting group. "
    "Brief discussion only, to keep the case in view and check nothing has drifted.",
    "{ref}: a new referral with thin information. We agreed what needs to be known first and "
    "who is best placed to find it out, and kept the first visit focused on listening.",
]

#: Case discussions for workers with adults (community mental health).
CASE_NOTES_ADULTS = [
    "{ref}: medication has been reviewed and the person feels less flat, but has stopped "
    "attending the day service. We explored what the withdrawal might mean and how to ask "
    "about it without it feeling like a test.",
    "{ref}: a difficult phone call with a relative who was angry about a missed visit. The "
    "worker replayed it several times this week. We looked at what was in their control and "
    "what was not, and what a repair could look like.",
    "{ref}: the person has been talking about ending their life less often, but the worker is "
    "not sure whether that is recovery or withdrawal. We went through the safety plan line by "
    "line and what each service would do if the picture changed.\n\nStrengths: a sister who "
    "phones daily, and a clear wish to keep the flat.",
    "{ref}: care coordination is stretched between the ward, the crisis team and housing. The "
    "worker feels they are chasing rather than coordinating. We drew the network on paper and "
    "agreed who holds what.",
    "{ref}: steady. Attending the group, sleeping better. Kept in view only.",
]

WELLBEING_NOTES = {
    "low": [
        "## Wellbeing\n\nA hard month. Sleep is poor and the worker described carrying cases "
        "home in their head. We slowed down here and did not rush to fix it. Support agreed: "
        "protected admin time on Friday mornings and a referral to the staff support service "
        "if things have not eased by the next session.",
        "## Wellbeing\n\nTired and a little flat; two late finishes after crisis visits. We talked "
        "about what helps on the way home and about saying no to the extra duty shift.",
    ],
    "mid": [
        "## Wellbeing\n\nManaging, with some pressure from caseload size. The worker named "
        "one case as the one that keeps them up at night, and we agreed it comes first next time.",
        "## Wellbeing\n\nMixed: good feedback from a family, but frustration with the recording "
        "system. We separated the two and kept the positive in view.",
    ],
    "high": [
        "## Wellbeing\n\nIn good spirits; the new team arrangement is helping and the worker "
        "feels listened to. We noted what is working so it can be protected.",
        "## Wellbeing\n\nSettled and confident. Time off last month made a difference.",
    ],
}

LEARNING_NOTES = [
    "## Learning\n\nWe used the last home visit to think about analysis: moving from what "
    "happened to what it means, with the research on neglect as one lens among several.",
    "## Learning\n\nThe worker would like to observe a colleague chairing a strategy meeting "
    "before chairing one themself. We looked at the training calendar together.",
    "## Learning\n\nReflective log: two entries since last time. We picked one and went "
    "through the cycle: what happened, what it felt like, what explains it, what next.",
]

AGENDA = {
    Function.NORMATIVE: ["Case review: {ref}", "Risk assessment update: {ref}",
                         "Recording and timescales", "Caseload check"],
    Function.FORMATIVE: ["Learning from the strategy meeting", "Reflective log",
                         "Training and development plan"],
    Function.RESTORATIVE: ["How are you doing?", "Impact of a difficult visit"],
    Function.MEDIATION: ["Team changes and the duty rota"],
}

DECISIONS = [
    ("Increase visits on {ref} to weekly until the review conference.",
     "The last two visits showed the home conditions slipping, and weekly contact lets the "
     "team notice change early while the plan is still voluntary.", [DecisionFlag.SAFEGUARDING]),
    ("Convene a professionals meeting on {ref} within two weeks.",
     "Agencies hold different pieces of information and disagree on the level of concern; "
     "sharing it in one room is the quickest way to a shared view.", []),
    ("Share the worry about {ref} with the GP without consent.",
     "There is a risk of serious harm if the pattern continues, asking for consent now could "
     "increase that risk, and sharing is proportionate and limited to what the GP needs.",
     [DecisionFlag.CONFIDENTIALITY_EXCEPTION, DecisionFlag.SAFEGUARDING]),
    ("Step {ref} down to the family support team at the next review.",
     "Six months of stable attendance and engagement; the family asked for less intrusion and "
     "the remaining needs fit a support plan.", []),
    ("Keep the current plan on {ref} and review in four weeks.",
     "Nothing new changes the assessment; changing workers now would undo the trust built.", []),
    ("Reduce the caseload by two cases for the next month.",
     "Wellbeing scores have fallen for three sessions and overtime is rising; a lighter load "
     "is the support the supervisee asked for.", []),
]

ACTIONS = [
    ("Update the chronology on {ref}", "supervisee"),
    ("Book the professionals meeting for {ref}", "supervisee"),
    ("Ask the team manager about cover for annual leave", "supervisor"),
    ("Write up the home visit on {ref}", "supervisee"),
    ("Send the reading on neglect and analysis", "supervisor"),
    ("Check the school attendance figures for {ref}", "supervisee"),
    ("Arrange a co-worked visit on {ref}", "supervisor"),
]

WORDS = {1: ["drained", "overwhelmed", "exhausted"], 2: ["stretched", "tired", "flat"],
         3: ["okay", "busy", "mixed"], 4: ["steady", "hopeful", "settled"],
         5: ["energised", "bright", "positive"]}

SECTIONS = {
    "workload": ["Caseload at the agreed maximum; no new allocations this month.",
                 "Two court reports due in the same week; agreed to move one deadline.",
                 "Manageable, though duty cover has eaten into planned visits."],
    "learning": ["Reading on analysis in assessments; observe a strategy meeting.",
                 "Practice educator course starts next term.",
                 "Reflective log entry on the difficult phone call."],
    "reflection": ["The worker noticed a habit of rushing to action when anxious, and wants to "
                   "stay with the question a little longer.",
                   "We both noticed how much of the hour went on one case; agreed to time-box it."],
    "disagreements": ["None.", "We disagreed about stepping down {ref}; the worker's view is "
                      "recorded and we will revisit it at the next session."],
}

CANCELLATIONS = [
    ("Emergency strategy meeting on a new referral.", "organisation"),
    ("Supervisee off sick.", "supervisee"),
    ("Supervisor called to cover a court hearing.", "supervisor"),
]

CHECKLIST = list(QUALITY_QUESTIONS)

PROMPTS = ["nor-exp-1", "res-ref-2", "nor-ana-1", "for-ana-2", "nor-act-1", "res-act-1",
           "for-ref-1"]

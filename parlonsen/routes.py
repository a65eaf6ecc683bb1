"""Paths of the questionnaire: one per question, so the browser's Back goes one question back.

The answers are never in a path: only the profile and the question's number are.
"""

QUESTIONNAIRE = "/questionnaire"
RESULT = "/questionnaire/resultat"


def question_path(profile: str, number: int) -> str:
    """`/questionnaire/eleve` for the first question (the link on the home page), then `/questionnaire/eleve/2`…"""
    return f"{QUESTIONNAIRE}/{profile}" if number == 1 else f"{QUESTIONNAIRE}/{profile}/{number}"

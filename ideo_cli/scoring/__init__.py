"""Scoring: a rubric (考核细则) and one unit's observations → a Scorecard.

``observe.py`` the input (occurrences, findings, events, accountability,
manual scores); ``engine.py`` ``score_unit``; ``scorecard.py`` the result;
``adapt.py`` builds observations from the plan's schedule and ``ideo check``.
"""

"""A person named as people name them: by id (``liuzq``) or by name (``刘志强``).

One lookup for ``--person``, the attendees of a record and the prompts.  A name
two people share is an error listing both (with their ids, to type instead);
an unknown one suggests the nearest id or name.
"""
from __future__ import annotations

import difflib

from ideo_cli.i18n import Message, msg


class PersonError(ValueError):
    def __init__(self, message: Message):
        super().__init__(message.id)
        self.message = message


def find_person(people, text: str):
    """The one person whose id or name is ``text`` (spaces ignored); PersonError otherwise."""
    wanted = "".join(str(text).split())
    by_id = [p for p in people if p.id == wanted]
    if by_id:
        return by_id[0]
    by_name = [p for p in people if "".join(p.name.split()) == wanted]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        candidates = [msg("person.candidate", person=p.id, name=p.name, post=p.post or None) for p in by_name]
        raise PersonError(msg("person.ambiguous", name=wanted, candidates=candidates))
    folded = [p for p in people if p.id.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    known = sorted({p.id for p in people} | {p.name for p in people})
    guess = difflib.get_close_matches(wanted, known, n=1, cutoff=0.5)
    hint = msg("person.did-you-mean", guess=guess[0]) if guess else msg("person.known", people=[f"{p.id}={p.name}" for p in people])
    raise PersonError(msg("person.unknown", name=wanted, hint=hint))

"""People and organisations: mentions, within-article coreference, gender and age.

The stage is a short sequence of passes over one working state (``work.Work``); every pattern is a rule of
``resources/en/rules/entity.yaml`` and every word list a lexicon of ``resources/en/lexicon``:
1. ``naming``: name candidates from capitalization, people with full names, then single words, local bodies;
2. ``attributes``: gender from first names; age, relation and role nouns, appositions around each person;
3. ``pronouns``: gender from the pronouns that follow a person; descriptions ("the 41-year-old singer")
   linked by age or noun; pronouns resolved by gender and recency, subjects first;
4. ``output``: ``Mention`` and ``Entity`` records.
"""
from __future__ import annotations

from ...model import Document
from .._names import NameClassifier
from ..registry import stage
from . import attributes, naming, pronouns
from .output import records
from .model import MentionModel
from .rules import compile_rules
from .work import Work


@stage("entities", requires={"paragraphs", "sentences", "timexes"}, assigns={"mentions", "entities"})
def make_entities(settings, res):
    return build(settings, res, MentionModel.load(res) if settings.learned else None)


def build(settings, res, model: MentionModel | None):
    """The stage with a given mention model (None: rules only); training and evaluation pass their own."""
    R = compile_rules(res)
    names = NameClassifier(res, R.name_run)

    def entities(doc: Document) -> Document:
        w = Work(doc)
        w.learned = model is not None
        cands = naming.name_candidates(w, names, R, model)
        pending = naming.full_names(w, cands, R)
        naming.single_names(w, pending, R)
        naming.local_bodies(w, R)
        w.sort_mentions()
        attributes.first_name_gender(w, R)
        extra = attributes.mention_context(w, R)
        prons = pronouns.find_pronouns(w, R)
        pronouns.infer_gender(w, prons)
        attributes.add_extra(w, extra + attributes.descriptions(w, R))
        pronouns.resolve_pronouns(w, prons)
        pronouns.pronoun_gender(w, R)
        mentions, ents = records(w)
        return doc.replace(mentions=mentions, entities=ents)
    return entities

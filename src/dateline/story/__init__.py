"""Story timelines across many articles (pure core, no I/O): ``build_story(articles, query, ...)``
over ``StoryArticle`` records made by ``from_document``."""
from .build import build_story
from .evidence import from_document
from .model import StoryModel, load_model
from .records import DayMention, Entry, Source, Story, StoryArticle, StoryQuote

__all__ = ["build_story", "from_document", "load_model", "StoryModel", "StoryArticle", "DayMention",
           "StoryQuote", "Story", "Entry", "Source"]

"""Recognition of actors (people, organisations, countries) and topic tags in wire copy."""

from builder.importer.recognise.actors import ActorFinder, FoundActor, KnownActor
from builder.importer.recognise.tags import TagRule, default_rules, find_tags

__all__ = ["ActorFinder", "FoundActor", "KnownActor", "TagRule", "default_rules", "find_tags"]

"""The knowledge base and the officials named in a document, shared by the fact checks."""

from __future__ import annotations

from lint.kb import KnowledgeBase, kb_files, load_kb
from lint.kb.names import Mention, mentions
from lint.rule import Context
from lint.text.document import Document


def knowledge_base(context: Context) -> KnowledgeBase:
    return load_kb(kb_files(context.kb_files, context.builtin_kb))


def named_officials(doc: Document, kb: KnowledgeBase, context: Context) -> list[Mention]:
    """Computed once per document and knowledge base, whichever fact check asks first."""
    key = ("kb-mentions", id(kb))
    if key not in doc.derived:
        accepted = frozenset(context.accepted_names)
        doc.derived[key] = mentions(doc.text, kb, accepted, doc.date if doc.date_source != "today" else None)
    return doc.derived[key]

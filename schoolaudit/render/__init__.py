"""Renderers: turn a `Result` (or a checklist) into something people read.

Each renderer returns an object, text or bytes; only `schoolaudit.atomic`
writes files. None of them computes a score: they present what scoring found.
"""

"""The interview (`schoolaudit audit`): a school answers its checklist, one item at a time.

`flow` and `profile` are pure: what to ask next and what a typed key means.
`answers_file` edits the answers file in place, keeping what a person wrote in
it. `screen` draws the prompts; `terminal` reads keys and turns stop signals
into one exception; `session` runs the loop in a terminal or from a pipe.
"""

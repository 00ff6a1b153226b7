"""`python -m schoolaudit.schema_checks`: write the compiled schema checks again."""

from schoolaudit.schema_checks import write_modules

for path in write_modules():
    print(f"wrote {path}")

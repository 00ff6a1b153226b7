"""`python -m schoolaudit`."""

from schoolaudit.cli import main

if __name__ == "__main__":
    main()

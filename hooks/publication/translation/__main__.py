"""`python -m publication.translation`: the translators' commands (make translations, translations-ok, translations-diff, xliff, xliff-import, tmx)."""
import sys

from publication.translation.status import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The finishing step: what belongs to the whole site, written once every language is built."""

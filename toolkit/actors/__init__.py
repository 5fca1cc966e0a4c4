"""Actors: dictionaries, mentions, names the dictionary misses, quotes and voices."""

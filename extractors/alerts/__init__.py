"""Alerts of saved searches: what matches, what is sent, how it is signed, where it may go."""

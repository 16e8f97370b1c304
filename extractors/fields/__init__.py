"""Tier 0 field rules: salary, locations, remote/employment/seniority, job function, skills taxonomy, and their accuracy measure."""

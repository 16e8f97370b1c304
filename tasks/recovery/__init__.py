"""Recovery from killed runs: who is alive, dead runs marked crashed, leaked host slots given back."""

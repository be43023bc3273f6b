"""Pure-Python rules: money, ID numbers, plans and the benefit quote. Imports nothing else."""

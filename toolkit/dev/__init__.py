"""Development tooling: the benchmark, the evaluations against gold standards, model training."""

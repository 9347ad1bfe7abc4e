"""Course tooling: the environment doctor, the notebook runner and student editions."""

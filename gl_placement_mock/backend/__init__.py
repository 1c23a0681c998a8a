"""The state backend: plain Python, no botocore."""

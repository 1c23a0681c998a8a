"""Interception: the in-process front door. botocore's event hooks that answer GameLift calls
(``hooks``), and dummy credentials for clients made while a mock is active (``credentials``)."""

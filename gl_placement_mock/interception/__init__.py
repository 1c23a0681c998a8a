"""Interception: the in-process front door. botocore's event hooks that answer GameLift calls
(``hooks``), dummy credentials for clients made while a mock is active (``credentials``), and the
length of the body GameLift would have sent (``bodies``)."""

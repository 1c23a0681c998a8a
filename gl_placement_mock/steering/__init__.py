"""Steering a simulated service: the methods shared by the in-process handle and server mode."""

from __future__ import annotations

from .fleets import SimulatedFleet
from .wheel import Steering

__all__ = ["SimulatedFleet", "Steering"]

"""Activation: turning a mock on and off. The handle ``mock_placement`` gives (``handle``), which
mocks are active and the simulated service each sees (``registry``), and applying an activation
to functions and test classes (``decorate``)."""

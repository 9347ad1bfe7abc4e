"""The course's figures: pure functions of their inputs, drawn with matplotlib.

Each function takes ``ax=None`` (None: a new pyplot figure) and returns the Axes it drew on
(``network_diagram`` returns a :class:`NetworkDiagram` whose artists update in place). Colours are
colour-blind safe: the Okabe-Ito palette, a vermillion-white-blue map for signed values and
"viridis"/"cividis" for magnitudes. Nothing here imports TensorFlow: a Keras model or History works
because only its ``predict`` method or ``.history`` dict is used.

One module per kind of figure:

- ``curves``: ``activation_curves`` (notebook 05), ``loss_vs_prediction`` (06);
- ``boundary``: ``decision_boundary`` (04, 09);
- ``history``: ``training_history`` (09, 10);
- ``network``: ``network_diagram``, ``NetworkDiagram`` (03, 07);
- ``surface``: ``loss_surface`` (08);
- ``confusion``: ``confusion_matrix`` (10).
"""

from dlcourse.plots._common import NEGATIVE, POSITIVE, SIGNED_CMAP
from dlcourse.plots.boundary import decision_boundary
from dlcourse.plots.confusion import confusion_matrix
from dlcourse.plots.curves import activation_curves, loss_vs_prediction
from dlcourse.plots.history import training_history
from dlcourse.plots.network import NetworkDiagram, network_diagram
from dlcourse.plots.surface import loss_surface

__all__ = [
    "NEGATIVE",
    "POSITIVE",
    "SIGNED_CMAP",
    "NetworkDiagram",
    "activation_curves",
    "confusion_matrix",
    "decision_boundary",
    "loss_surface",
    "loss_vs_prediction",
    "network_diagram",
    "training_history",
]

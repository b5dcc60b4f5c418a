"""Exercise checks, one submodule per notebook topic (``qinet.exercises.fiber`` ...).

Every ``check_...`` function returns a :class:`Feedback` (✓/✗ with a hint) and never raises.
"""

from qinet._lazy import lazy_submodules
from qinet.exercises.feedback import Feedback as Feedback
from qinet.exercises.feedback import check_choice as check_choice
from qinet.exercises.feedback import check_number as check_number

__getattr__, __dir__ = lazy_submodules(__name__, __path__)

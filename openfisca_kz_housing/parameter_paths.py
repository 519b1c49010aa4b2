"""Parameter paths: each instrument's node named once (``parameters`` in revisions.yaml), one walker.

    from openfisca_kz_housing.parameter_paths import DECISION, walk
    walk(tax_benefit_system().parameters, f"{DECISION}.income_share")   # a Parameter
    walk(parameters("2023-06-01"), DECISION).income_share              # a value at an instant

``DECISION`` is decision 56/2-VI's node (``local.east_kazakhstan.altai_district.housing_aid``);
``QUEUE`` is Almaty resolution 2/516's. Code names a parameter as ``f"{DECISION}.<name>"``, never by
spelling the node again.
"""

from __future__ import annotations

from openfisca_core.parameters import ParameterNode, ParameterNodeAtInstant

from openfisca_kz_housing import revisions

DECISION: str = revisions.instrument("altai_housing_aid").parameters
QUEUE: str = revisions.instrument("almaty_housing_queue").parameters


def walk(root, path: str):
    """The node or parameter at dotted ``path`` under ``root``, or None when a part of it is absent.

    ``root`` is a ParameterNode (the dated tree) or a ParameterNodeAtInstant (``parameters(instant)``);
    at an instant a parameter without a value (not yet in force, or repealed) is absent.
    """
    node = root
    for part in path.split("."):
        if isinstance(node, ParameterNode):
            children = node.children
        elif isinstance(node, ParameterNodeAtInstant):
            children = node._children  # noqa: SLF001 - OpenFisca keeps them there, with no public mapping
        else:
            return None
        if part not in children:
            return None
        node = children[part]
    return node

"""Sub-commands of ``kz-housing``: each module here defines ``register(subparsers)``.

A module is found automatically (no list to edit): add ``commands/<name>.py`` with a ``register``
function that adds its parser and sets ``func`` to the function that runs it.
"""

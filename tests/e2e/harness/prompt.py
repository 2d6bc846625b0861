"""Reads a browser's own UI (its prompts, its notification popups) through the accessibility tree (AT-SPI).

  python3 prompt.py button LABEL   the dialog's title, the box and states of its button LABEL (e.g. Allow),
                                   as one line of JSON; null while no dialog shows such a button
  python3 prompt.py alerts         the texts of the alerts on screen (prompts, notification popups), JSON

Needs DISPLAY, DBUS_SESSION_BUS_ADDRESS (the browser's session) and gir1.2-atspi-2.0. Used by prompt.ts.
"""

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

DIALOG_ROLES = {Atspi.Role.ALERT, Atspi.Role.DIALOG}
STATES = ("enabled", "sensitive", "showing", "focused")


def walk(node, visit, dialog=None):
    """Calls visit(node, dialog) on the browser's UI, depth first, until it returns something."""
    try:
        role = node.get_role()
        # The pages' own content is never the browser's prompt.
        if role == Atspi.Role.DOCUMENT_WEB:
            return None
        if dialog is None and role in DIALOG_ROLES:
            dialog = node
        found = visit(node, role, dialog)
        if found is not None:
            return found
        for i in range(node.get_child_count()):
            child = node.get_child_at_index(i)
            found = child and walk(child, visit, dialog)
            if found is not None:
                return found
    except GLib.Error:
        pass  # gone while we walked: the next query sees the tree as it is then
    return None


def apps():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app:
            yield app


def text_of(dialog):
    """The dialog's title: its accessible name, or (Firefox names none) the first text inside it."""
    name = dialog.get_name()
    if name:
        return name

    def visit(node, role, _dialog):
        if role in (Atspi.Role.LABEL, Atspi.Role.HEADING, Atspi.Role.STATIC) and node.get_name():
            return node.get_name()
        return None

    return walk(dialog, visit) or ""


def button(label):
    """The first button LABEL of a dialog that is showing (a closed prompt's panel may linger, hidden)."""
    found = []

    def visit(node, role, dialog):
        if dialog is not None and role == Atspi.Role.PUSH_BUTTON and node.get_name() == label:
            found.append((dialog, node))
        return None

    for app in apps():
        walk(app, visit)
    showing = [f for f in found if f[1].get_state_set().contains(Atspi.StateType.SHOWING)]
    for dialog, node in showing + found:
        box = node.get_extents(Atspi.CoordType.SCREEN)
        states = node.get_state_set()
        return {
            "dialog": text_of(dialog),
            "x": box.x,
            "y": box.y,
            "width": box.width,
            "height": box.height,
            **{s: states.contains(getattr(Atspi.StateType, s.upper())) for s in STATES},
        }
    return None


def alerts():
    texts = []

    def visit(node, role, dialog):
        if node is dialog and node.get_state_set().contains(Atspi.StateType.SHOWING):
            texts.append(node.get_name())
        return None

    for app in apps():
        walk(app, visit)
    return texts


if sys.argv[1] == "button":
    print(json.dumps(button(sys.argv[2])))
elif sys.argv[1] == "alerts":
    print(json.dumps(alerts()))
else:
    sys.exit(f"unknown command {sys.argv[1]!r}")

"""Finds a button of Chromium's permission prompt through the accessibility tree (AT-SPI).

Prints one line of JSON: the dialog's title, the button's screen box and its states; or null while no dialog
shows such a button.
Usage: python3 prompt.py LABEL   (e.g. Allow). Needs DISPLAY, DBUS_SESSION_BUS_ADDRESS and gir1.2-atspi-2.0.
"""

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

DIALOG_ROLES = {Atspi.Role.ALERT, Atspi.Role.DIALOG}
STATES = ("enabled", "sensitive", "showing", "focused")


def find(node, label, dialog=None):
    """The (dialog, button) pair: a push button named `label` inside a dialog of the browser's own UI."""
    try:
        role = node.get_role()
    except GLib.Error:
        return None  # gone while we walked: the next query sees the tree as it is then
    # The pages' own content is never the browser's prompt.
    if role == Atspi.Role.DOCUMENT_WEB:
        return None
    if dialog is None and role in DIALOG_ROLES:
        dialog = node
    if dialog is not None and role == Atspi.Role.PUSH_BUTTON and node.get_name() == label:
        return dialog, node
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        found = child and find(child, label, dialog)
        if found:
            return found
    return None


def main():
    label = sys.argv[1]
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        found = app and find(app, label)
        if found:
            dialog, button = found
            box = button.get_extents(Atspi.CoordType.SCREEN)
            states = button.get_state_set()
            print(
                json.dumps(
                    {
                        "dialog": dialog.get_name(),
                        "x": box.x,
                        "y": box.y,
                        "width": box.width,
                        "height": box.height,
                        **{s: states.contains(getattr(Atspi.StateType, s.upper())) for s in STATES},
                    }
                )
            )
            return
    print("null")


main()

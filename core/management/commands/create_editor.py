"""Create a staff account in the Editors group (or Reviewers, or Writers).

The password comes from the BACKSITE_EDITOR_PASSWORD environment variable or is asked for
twice at the prompt; there is never a default. Django's password validators apply.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.roles import EDITORS, REVIEWERS, WRITERS

PASSWORD_VARIABLE = "BACKSITE_EDITOR_PASSWORD"  # noqa: S105 (the name of a variable)


class Command(BaseCommand):
    help = (
        "Create an editor (or, with --reviewer, a reviewer; with --writer, a writer whose work "
        "waits for review) who can log in to the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        role = parser.add_mutually_exclusive_group()
        role.add_argument("--reviewer", action="store_true", help="Put the account in Reviewers instead.")
        role.add_argument(
            "--writer",
            action="store_true",
            help="Put the account in Writers: drafts and submits, never publishes.",
        )

    def handle(self, *args, username, email, reviewer, writer, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called “{username}” already exists.")
        try:
            group = Group.objects.get(name=REVIEWERS if reviewer else WRITERS if writer else EDITORS)
        except Group.DoesNotExist as exc:
            raise CommandError("The editorial groups are missing; run `manage.py migrate` first.") from exc
        password = os.environ.get(PASSWORD_VARIABLE) or self.ask_password()
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from exc
        user.set_password(password)
        user.save()
        user.groups.add(group)
        self.stdout.write(f"Created {username} in {group.name}. They can log in at /admin/.")

    def ask_password(self):
        if not os.isatty(0):
            raise CommandError(f"No password: set {PASSWORD_VARIABLE} or run the command in a terminal.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        if not first:
            raise CommandError("The password must not be empty.")
        return first

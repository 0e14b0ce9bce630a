import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Create the demo superuser with a random password, print it once and save it to "
        "var/demo-login.txt. Does nothing when the user already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")

    def handle(self, *args, **options):
        username = options["username"]
        login_file = Path(settings.VAR_DIR) / "demo-login.txt"
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                _("Demo user %(user)s already exists; its login is in %(file)s.")
                % {"user": username, "file": login_file}
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        login_file.parent.mkdir(parents=True, exist_ok=True)
        login_file.write_text(
            f"username: {username}\npassword: {password}\n", encoding="utf-8"
        )
        login_file.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo login – username: %(user)s  password: %(password)s (saved to %(file)s)"
                )
                % {"user": username, "password": password, "file": login_file}
            )
        )

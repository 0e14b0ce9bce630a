"""Django's four password validators with the portal's own Vietnamese wording.

Django's Vietnamese catalogue lacks some of their messages (the minimum length comes
out in English), so each message and help text is a msgid of this project, translated
in campaigns/locale. AUTH_PASSWORD_VALIDATORS names these classes.
"""

from django.contrib.auth import password_validation as django_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(django_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short: it needs at least %(min_length)d character.",
            "This password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "At least %(min_length)d character.",
            "At least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(
    django_validation.UserAttributeSimilarityValidator
):
    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as error:
            # The field's label starts a sentence in forms ("Tên đăng nhập"); here it
            # sits inside one.
            name = str(error.params["verbose_name"])
            raise ValidationError(
                error.message,
                code=error.code,
                params={"verbose_name": name[:1].lower() + name[1:]},
            ) from error

    def get_error_message(self):
        return _("This password is too much like the account's %(verbose_name)s.")

    def get_help_text(self):
        return _(
            "Not like the user name, the name or the e-mail address of the account."
        )


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("This password is one of the most used ones and easy to guess.")

    def get_help_text(self):
        return _("Not one of the most used passwords.")


class NumericPasswordValidator(django_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("This password has only digits.")

    def get_help_text(self):
        return _("Not digits only.")

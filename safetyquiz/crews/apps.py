from django.apps import AppConfig


class CrewsConfig(AppConfig):
    name = "safetyquiz.crews"
    label = "crews"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.utils.translation import gettext

        from safetyquiz.choices import use_translator

        from .languages import on_sign_in

        # The pure modules' labels, read in the page's language (safetyquiz/choices.py).
        use_translator(gettext)

        # Every way in (the sign-in page, a sign-in link, joining, the admin) signs in
        # through Django's login(), which sends this.
        user_logged_in.connect(on_sign_in, dispatch_uid="crews:language-on-sign-in")

from django.apps import AppConfig
from django.core import checks


class QuestionsConfig(AppConfig):
    """The questions: the wizard's steps, the diagnosis, result pages and guides."""

    name = "wizard.questions"
    label = "questions"

    def ready(self) -> None:
        from wizard.web.middleware import check_middleware

        from .profile_signing import check_signing

        # A signing certificate that cannot be used stops `manage.py check`
        # (and migrate), not the first download.
        checks.register(check_signing)
        checks.register(check_middleware, checks.Tags.security, deploy=True)
